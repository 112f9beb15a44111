/**
 * 第七条: the month score, five components each computed exactly and rounded once to tenths (四舍五入),
 * total = sum of the rounded components. Every number comes from the rules in force (rules.ts).
 */
import { type Exact, exact, roundTenths, toFixed } from './decimal'
import { ratedCounts } from './fields'
import type { MonthBreakdown, MonthInput, Reason } from './model'
import { clockText, dailyTalkSeconds } from './platform-import'
import type { Rules } from './rules'

export type WorkloadInput = Pick<MonthInput, 'calls' | 'texts' | 'days' | 'isLeader'>
export type AttendanceInput = Pick<
  MonthInput,
  'lateOrEarly' | 'absentHalfDays' | 'fullAttendance' | 'noonDuties' | 'extraPoints'
>
export type SatisfactionInput = Pick<MonthInput, 'satisfaction' | 'complaintPoints' | 'praises'>

/** 第七条（一）: calls a day, texts counting 1/textsPerCall of a call; a team leader's workload ×1.3. */
export function dailyCalls(input: WorkloadInput, rules: Rules): Exact {
  const equivalent = exact(input.calls).add(exact(input.texts).div(rules['workload.textsPerCall']))
  const daily = equivalent.div(input.days)
  return input.isLeader ? daily.mul(rules['workload.leaderFactor']) : daily
}

function workloadRaw(input: WorkloadInput, rules: Rules): Exact {
  const over = dailyCalls(input, rules).sub(rules['workload.baseCalls'])
  return rules['workload.basePoints'].add(over.mul(rules['workload.pointsPerCall']))
}

/** 第七条（一）: 35 points at 75 calls a day, ±1 a call; no cap, no floor. */
export function workloadScore(input: WorkloadInput, rules: Rules): Exact {
  return roundTenths(workloadRaw(input, rules))
}

function attendanceRaw(input: AttendanceInput, rules: Rules): Exact {
  return rules['attendance.base']
    .add(input.fullAttendance ? rules['attendance.fullBonus'] : 0)
    .sub(rules['attendance.latePoints'].mul(input.lateOrEarly))
    .sub(rules['attendance.absentHalfDayPoints'].mul(input.absentHalfDays))
    .add(rules['attendance.noonDutyPoints'].mul(input.noonDuties))
    .add(input.extraPoints)
}

/** 第七条（二）: base + 全勤 bonus − lateness − absence + noon duties + other overtime; no floor, no cap. */
export function attendanceScore(input: AttendanceInput, rules: Rules): Exact {
  return roundTenths(attendanceRaw(input, rules))
}

/** 第七条（三）: the duty judge's rating, to tenths. */
export function leaderScore(input: Pick<MonthInput, 'leaderRating'>, _rules?: Rules): Exact {
  return roundTenths(input.leaderRating)
}

function satisfactionRaw(input: SatisfactionInput, rules: Rules): Exact {
  const missingPercent = exact(100).sub(input.satisfaction.mul(100))
  return rules['satisfaction.full']
    .sub(missingPercent.mul(rules['satisfaction.pointsPerPercent']))
    .sub(input.complaintPoints)
    .add(rules['praise.points'].mul(input.praises))
}

/** 第七条（四）: 10 at 100% satisfied, −0.1 per missing percent, − complaint deductions, +2 per praise. */
export function satisfactionScore(input: SatisfactionInput, rules: Rules): Exact {
  return roundTenths(satisfactionRaw(input, rules))
}

/** 第七条（五）: 10 − quality deductions; no floor. */
export function qcScore(input: Pick<MonthInput, 'qcPoints'>, rules: Rules): Exact {
  return roundTenths(rules['qc.base'].sub(input.qcPoints))
}

/** 第七条: the five rounded components and their sum. */
export function monthBreakdown(input: MonthInput, rules: Rules): MonthBreakdown {
  const workload = workloadScore(input, rules)
  const attendance = attendanceScore(input, rules)
  const leader = leaderScore(input)
  const satisfaction = satisfactionScore(input, rules)
  const qc = qcScore(input, rules)
  return {
    workload,
    attendance,
    leader,
    satisfaction,
    qc,
    total: workload.add(attendance).add(leader).add(satisfaction).add(qc),
  }
}

/** A number as short exact text when it terminates within 4 decimals, else `≈` and 2 decimals. */
export function showExact(x: Exact): string {
  if (x.mul(10000).d === 1n) return trimZeros(toFixed(x, 4))
  return `≈${toFixed(x, 2)}`
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text
}

function plain(x: Exact): string {
  return showExact(x).replace('≈', '')
}

/** `=35.05` or `≈35.33`. */
function equals(x: Exact): string {
  const text = showExact(x)
  return text.startsWith('≈') ? text : `=${text}`
}

function rounded(raw: Exact): string {
  return `${equals(raw)}→${toFixed(raw, 1)}`
}

/** The breakdown with a sentence per component a team leader can read out, each citing its article. */
export function explainMonth(
  input: MonthInput,
  rules: Rules,
): { breakdown: MonthBreakdown; reasons: Record<keyof MonthBreakdown, Reason> } {
  const breakdown = monthBreakdown(input, rules)
  const perDay = exact(input.calls)
    .add(exact(input.texts).div(rules['workload.textsPerCall']))
    .div(input.days)
  const daily = dailyCalls(input, rules)
  const leaderPart = input.isLeader
    ? `，带班班长×${plain(rules['workload.leaderFactor'])}${equals(daily)}通`
    : ''
  const workloadText =
    `日均接听${showExact(perDay)}通（(${input.calls}+${input.texts}/${plain(rules['workload.textsPerCall'])})÷${plain(input.days)}）` +
    `${leaderPart}，${plain(rules['workload.basePoints'])}+(${plain(daily)}−${plain(rules['workload.baseCalls'])})×` +
    `${plain(rules['workload.pointsPerCall'])}${rounded(workloadRaw(input, rules))}`

  const terms = [`基础分${plain(rules['attendance.base'])}`]
  if (input.fullAttendance) terms.push(`+全勤${plain(rules['attendance.fullBonus'])}`)
  if (input.lateOrEarly > 0)
    terms.push(`−迟到早退${input.lateOrEarly}次×${plain(rules['attendance.latePoints'])}`)
  if (input.absentHalfDays > 0) {
    terms.push(`−旷工脱岗${input.absentHalfDays}个半天×${plain(rules['attendance.absentHalfDayPoints'])}`)
  }
  if (input.noonDuties > 0)
    terms.push(`+中午值班${input.noonDuties}次×${plain(rules['attendance.noonDutyPoints'])}`)
  if (!input.extraPoints.equals(0)) terms.push(`+其他加班${plain(input.extraPoints)}`)
  const attendanceText = `${terms.join('')}${rounded(attendanceRaw(input, rules))}`

  // 第七条（四）with the platform's counts (SPEC §14): 满意率 = (满意+基本满意)/评价数, shown as counted.
  const rated = ratedCounts(input)
  const counted = rated
    ? `满意率 = ${rated.text}${equals(input.satisfaction.mul(100))}%`
    : `满意率${plain(input.satisfaction.mul(100))}%`
  const satisfactionParts = [
    `${counted}：${plain(rules['satisfaction.full'])}−(100−${plain(input.satisfaction.mul(100))})×${plain(rules['satisfaction.pointsPerPercent'])}`,
  ]
  if (!input.complaintPoints.equals(0)) satisfactionParts.push(`−有效投诉${plain(input.complaintPoints)}`)
  if (input.praises > 0) satisfactionParts.push(`+表扬${input.praises}次×${plain(rules['praise.points'])}`)
  const satisfactionText = `${satisfactionParts.join('')}${rounded(satisfactionRaw(input, rules))}`

  const qcRaw = rules['qc.base'].sub(input.qcPoints)
  const b = breakdown
  const reasons: Record<keyof MonthBreakdown, Reason> = {
    workload: { article: '第七条（一）', text: workloadText },
    attendance: { article: '第七条（二）', text: attendanceText },
    leader: {
      article: '第七条（三）',
      text: `值班法官评分${plain(input.leaderRating)}→${toFixed(b.leader, 1)}${talkReference(input)}`,
    },
    satisfaction: { article: '第七条（四）', text: satisfactionText },
    qc: {
      article: '第七条（五）',
      text: `${plain(rules['qc.base'])}−质检扣分${plain(input.qcPoints)}${rounded(qcRaw)}`,
    },
    total: {
      article: '第七条',
      text: `${[b.workload, b.attendance, b.leader, b.satisfaction, b.qc].map((x) => toFixed(x, 1)).join('+')}=${toFixed(b.total, 1)}`,
    },
  }
  return { breakdown, reasons }
}

/**
 * 第七条（三）：值班法官结合日均通话时长评定 — the reference shown beside the rating (SPEC §14), never scored:
 * 通话总时长 ÷ 出勤天数, to the second.
 */
function talkReference(input: Pick<MonthInput, 'talkSeconds' | 'days'>): string {
  if (input.talkSeconds === undefined) return ''
  return `（参考：日均通话时长${clockText(dailyTalkSeconds(input.talkSeconds, input.days))}，不计分）`
}
