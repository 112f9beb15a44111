/**
 * 第十五条 谈话提醒 and 第十六条 辞退或要求更换, evaluated for one operator at the close of month M.
 *
 * "近6个月内" is the calendar months M−5..M (sanction.windowMonths), "1年内" M−11..M
 * (sanction.yearWindowMonths), and counts are inclusive (以上含本数). A 重大投诉 is also an 有效投诉 and
 * complaints about the same 通话编号 count once; a 重大质量问题 is also a 质量问题. Clause (四) counts 旷工
 * only (as written; 擅自脱岗 is scored but not counted here), and 迟到 + 早退 together. A 重大考勤作假 is
 * also a 考勤作假.
 *
 * Our reading of "近6个月内累计…" and "1年内累计…": the count is evaluated at the close of the month that
 * adds to it. Three complaints in March, May and July trigger the reminder at July's close; August, with no
 * new complaint, does not trigger it again (the conversation has been held), while a fourth complaint in
 * September does (and reaches the dismissal threshold). A chain of months (连续) always ends with M.
 *
 * When a clause's dismissal fires, its reminder is not listed separately: the dismissal
 * subsumes it (every dismissal threshold is at or above the reminder's).
 */
import { distinctComplaints, QUALITY_TYPES } from './incidents'
import type { Incident, IncidentType, SanctionLevel, Trigger } from './model'
import { type MonthKey, monthOfDate, shiftMonth } from './period'
import type { RuleKey, Rules } from './rules'

/** One month of the operator's history: ranked at all (eligible and scored), and if so in the bottom group. */
export interface MonthStanding {
  readonly month: MonthKey
  readonly ranked: boolean
  readonly bottom: boolean
}

const NUMERALS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十']

/** 3 → 三 (for 倒数前三); larger numbers stay digits. */
export function chineseNumeral(n: number): string {
  return NUMERALS[n] ?? String(n)
}

const CLAUSES = ['（一）', '（二）', '（三）', '（四）']

const windows = new Map<string, readonly MonthKey[]>()

/** The months M−(n−1)..M, oldest first (memoised: a close asks for the same windows once per operator). */
export function windowMonths(month: MonthKey, n: number): MonthKey[] {
  const key = `${month}/${n}`
  let months = windows.get(key)
  if (!months) {
    months = Array.from({ length: n }, (_, i) => shiftMonth(month, i - n + 1))
    if (windows.size > 1000) windows.clear()
    windows.set(key, months)
  }
  return [...months]
}

/** `近6个月内`, or `1年内` for twelve months (the 办法's own words). */
export function windowText(n: number): string {
  return n === 12 ? '1年内' : `近${n}个月内`
}

function list(items: readonly string[]): string {
  return `（${items.join('、')}）`
}

function halfDaysText(halfDays: number): string {
  return `${halfDays / 2}天`
}

interface Finding {
  readonly level: SanctionLevel
  readonly clause: number // 0..3 for （一）..（四）
  readonly reason: string
}

export function evaluateSanctions(
  id: string,
  month: MonthKey,
  history: readonly MonthStanding[],
  incidents: readonly Incident[],
  rules: Rules,
): Trigger[] {
  const int = (key: RuleKey) => Number(rules[key].valueOf())
  const sixMonths = windowMonths(month, int('sanction.windowMonths'))
  const year = windowMonths(month, int('sanction.yearWindowMonths'))
  const six = windowText(sixMonths.length)
  const oneYear = windowText(year.length)
  const findings: Finding[] = []
  // Reasons are words built only for the clauses that fire (most operators trigger none).
  const add = (
    level: SanctionLevel,
    clause: number,
    threshold: number,
    count: number,
    reason: () => string,
  ) => {
    if (count >= threshold) findings.push({ level, clause, reason: reason() })
  }

  // (一) ranking: consecutive months in the bottom group ending with M; an unranked or missing month breaks it.
  const standing = new Map(history.map((s) => [s.month, s]))
  const isBottom = (m: MonthKey) => {
    const s = standing.get(m)
    return s?.ranked === true && s.bottom
  }
  const chain: MonthKey[] = []
  for (let m = month; isBottom(m); m = shiftMonth(m, -1)) chain.unshift(m)
  const bottoms = sixMonths.filter(isBottom)
  const bottomLabel = `排名倒数前${chineseNumeral(int('bottom.count'))}`
  const chainReason = () => `连续${chain.length}个月${bottomLabel}${list(chain)}`
  const windowReason = () => `${six}累计${bottoms.length}次${bottomLabel}${list(bottoms)}`
  add('辞退或更换', 0, int('dismissal.rankConsecutive'), chain.length, chainReason)
  // A window count fires at the close of the month that adds to it (see the module comment).
  const bottomsNow = isBottom(month) ? bottoms.length : 0
  add('辞退或更换', 0, int('dismissal.rankInWindow'), bottomsNow, windowReason)
  add('谈话提醒', 0, int('reminder.rankConsecutive'), chain.length, chainReason)
  add('谈话提醒', 0, int('reminder.rankInWindow'), bottomsNow, windowReason)

  const mine = incidents.filter((i) => i.id === id && monthOfDate(i.date) <= month)
  // Every threshold is at least 1 (checkRuleValue), so with nothing to count nothing can trigger.
  if (chain.length === 0 && bottoms.length === 0 && mine.length === 0) return []
  const within = (months: readonly MonthKey[]) => mine.filter((i) => months.includes(monthOfDate(i.date)))
  const ofType = (rows: readonly Incident[], types: readonly IncidentType[]) =>
    rows
      .filter((i) => types.includes(i.type))
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
  const dates = (rows: readonly { date: string }[]) => list(rows.map((r) => r.date))
  /** The count when month M itself adds an occurrence, else 0: a window fires in the month that fills it. */
  const freshCount = (rows: readonly { date: string }[]) =>
    rows.some((r) => monthOfDate(r.date) === month) ? rows.length : 0

  // (二) complaints, one per call.
  const complaints6 = distinctComplaints(within(sixMonths))
  const majors12 = distinctComplaints(within(year)).filter((c) => c.major)
  const majorsM = distinctComplaints(within([month])).filter((c) => c.major)
  add(
    '辞退或更换',
    1,
    int('dismissal.majorComplaints'),
    freshCount(majors12),
    () => `${oneYear}重大投诉${majors12.length}次${dates(majors12)}`,
  )
  add(
    '辞退或更换',
    1,
    int('dismissal.complaints'),
    freshCount(complaints6),
    () => `${six}有效投诉${complaints6.length}次${dates(complaints6)}`,
  )
  add(
    '谈话提醒',
    1,
    int('reminder.majorComplaints'),
    majorsM.length,
    () => `当月出现重大投诉${majorsM.length}次${dates(majorsM)}`,
  )
  add(
    '谈话提醒',
    1,
    int('reminder.complaints'),
    freshCount(complaints6),
    () => `${six}有效投诉${complaints6.length}次${dates(complaints6)}`,
  )

  // (三) service quality.
  const quality6 = ofType(within(sixMonths), QUALITY_TYPES)
  const majorQuality12 = ofType(within(year), ['重大质量问题'])
  const majorQualityM = ofType(within([month]), ['重大质量问题'])
  add(
    '辞退或更换',
    2,
    int('dismissal.majorQuality'),
    freshCount(majorQuality12),
    () => `${oneYear}重大业务质量问题${majorQuality12.length}次${dates(majorQuality12)}`,
  )
  add(
    '辞退或更换',
    2,
    int('dismissal.quality'),
    freshCount(quality6),
    () => `${six}业务质量问题${quality6.length}次${dates(quality6)}`,
  )
  add(
    '谈话提醒',
    2,
    int('reminder.majorQuality'),
    majorQualityM.length,
    () => `当月出现重大业务质量问题${majorQualityM.length}次${dates(majorQualityM)}`,
  )
  add(
    '谈话提醒',
    2,
    int('reminder.quality'),
    freshCount(quality6),
    () => `${six}业务质量问题${quality6.length}次${dates(quality6)}`,
  )

  // (四) attendance within month M.
  const thisMonth = within([month])
  const late = ofType(thisMonth, ['迟到', '早退'])
  const absent = ofType(thisMonth, ['旷工半天'])
  const majorFraud = ofType(thisMonth, ['重大考勤作假'])
  const fraud = ofType(thisMonth, ['考勤作假', '重大考勤作假'])
  const lateReason = () => `当月迟到早退${late.length}次${dates(late)}`
  const absentReason = () =>
    `当月旷工${halfDaysText(absent.length)}（${absent.length}个半天：${absent.map((a) => a.date).join('、')}）`
  add('辞退或更换', 3, int('dismissal.lateOrEarly'), late.length, lateReason)
  add('辞退或更换', 3, int('dismissal.absentHalfDays'), absent.length, absentReason)
  add('辞退或更换', 3, 1, majorFraud.length, () => `当月考勤存在重大作假${dates(majorFraud)}`)
  add('谈话提醒', 3, int('reminder.lateOrEarly'), late.length, lateReason)
  add('谈话提醒', 3, int('reminder.absentHalfDays'), absent.length, absentReason)
  add('谈话提醒', 3, 1, fraud.length, () => `当月考勤作假${dates(fraud)}`)

  // One trigger per level and clause, dismissal first, then by clause. A dismissal subsumes the reminder
  // of the same clause (every dismissal threshold is at or above the reminder's), so 预警 lists it once.
  const triggers: Trigger[] = []
  const dismissed = new Set(findings.filter((f) => f.level === '辞退或更换').map((f) => f.clause))
  for (const level of ['辞退或更换', '谈话提醒'] as const) {
    for (let clause = 0; clause < CLAUSES.length; clause++) {
      if (level === '谈话提醒' && dismissed.has(clause)) continue
      const reasons = [
        ...new Set(findings.filter((f) => f.level === level && f.clause === clause).map((f) => f.reason)),
      ]
      if (reasons.length === 0) continue
      const article = level === '辞退或更换' ? '第十六条' : '第十五条'
      triggers.push({ id, month, level, clause: `${article}${CLAUSES[clause]}`, reason: reasons.join('；') })
    }
  }
  return triggers
}

/** The more severe level first: 辞退或更换 before 谈话提醒. */
export function mostSevere(triggers: readonly Trigger[]): Trigger | null {
  return triggers.find((t) => t.level === '辞退或更换') ?? triggers[0] ?? null
}
