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

/** Half days as days: 3 → 1.5天 (旷工 counts by the half day, 第十五条、第十六条（四）). */
export function halfDaysText(halfDays: number): string {
  return `${halfDays / 2}天`
}

interface Finding {
  readonly level: SanctionLevel
  readonly clause: number // 0..3 for （一）..（四）
  readonly reason: string
}

/** What every 款 reads: the operator's month, its windows, its incidents, and the rules in force. */
interface ClauseContext {
  readonly month: MonthKey
  readonly sixMonths: readonly MonthKey[]
  readonly year: readonly MonthKey[]
  readonly six: string
  readonly oneYear: string
  readonly history: readonly MonthStanding[]
  /** The operator's incidents up to the end of M. */
  readonly mine: readonly Incident[]
  readonly int: (key: RuleKey) => number
}

/** Collects the findings of one 款: a finding when `count` reaches `threshold` (以上含本数). */
function findingsOf(clause: number): {
  add: (level: SanctionLevel, threshold: number, count: number, reason: () => string) => void
  findings: Finding[]
} {
  const findings: Finding[] = []
  // Reasons are words built only for the clauses that fire (most operators trigger none).
  const add = (level: SanctionLevel, threshold: number, count: number, reason: () => string) => {
    if (count >= threshold) findings.push({ level, clause, reason: reason() })
  }
  return { add, findings }
}

const within = (c: ClauseContext, months: readonly MonthKey[]) =>
  c.mine.filter((i) => months.includes(monthOfDate(i.date)))
const ofType = (rows: readonly Incident[], types: readonly IncidentType[]) =>
  rows.filter((i) => types.includes(i.type)).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
const dates = (rows: readonly { date: string }[]) => list(rows.map((r) => r.date))
/** The count when month M itself adds an occurrence, else 0: a window fires in the month that fills it. */
const freshCount = (c: ClauseContext, rows: readonly { date: string }[]) =>
  rows.some((r) => monthOfDate(r.date) === c.month) ? rows.length : 0

/**
 * 第十五条（一）连续2个月或近6个月内累计3次以上（含本数）月度考核排名进入倒数前三名 — 谈话提醒；
 * 第十六条（一）连续3个月或近6个月内累计4次以上月度考核排名进入倒数前三名 — 辞退或更换.
 * A chain of consecutive months ends with M; an unranked or missing month breaks it.
 */
function rankingClause(c: ClauseContext): Finding[] {
  const { add, findings } = findingsOf(0)
  const standing = new Map(c.history.map((s) => [s.month, s]))
  const isBottom = (m: MonthKey) => {
    const s = standing.get(m)
    return s?.ranked === true && s.bottom
  }
  const chain: MonthKey[] = []
  for (let m = c.month; isBottom(m); m = shiftMonth(m, -1)) chain.unshift(m)
  const bottoms = c.sixMonths.filter(isBottom)
  const bottomLabel = `排名倒数前${chineseNumeral(c.int('bottom.count'))}`
  const chainReason = () => `连续${chain.length}个月${bottomLabel}${list(chain)}`
  const windowReason = () => `${c.six}累计${bottoms.length}次${bottomLabel}${list(bottoms)}`
  add('辞退或更换', c.int('dismissal.rankConsecutive'), chain.length, chainReason)
  // A window count fires at the close of the month that adds to it (see the module comment).
  const bottomsNow = isBottom(c.month) ? bottoms.length : 0
  add('辞退或更换', c.int('dismissal.rankInWindow'), bottomsNow, windowReason)
  add('谈话提醒', c.int('reminder.rankConsecutive'), chain.length, chainReason)
  add('谈话提醒', c.int('reminder.rankInWindow'), bottomsNow, windowReason)
  return findings
}

/**
 * 第十五条（二）出现重大投诉事件或6个月内累计出现3次以上有效投诉 — 谈话提醒；
 * 第十六条（二）1年内累计出现2次以上重大投诉或6个月内累计出现4次以上有效投诉 — 辞退或更换.
 * Complaints about the same call count once (第七条（四）); a 重大投诉 is also an 有效投诉.
 */
function complaintClause(c: ClauseContext): Finding[] {
  const { add, findings } = findingsOf(1)
  const complaints6 = distinctComplaints(within(c, c.sixMonths))
  const majors12 = distinctComplaints(within(c, c.year)).filter((x) => x.major)
  const majorsM = distinctComplaints(within(c, [c.month])).filter((x) => x.major)
  const sixReason = () => `${c.six}有效投诉${complaints6.length}次${dates(complaints6)}`
  add('辞退或更换', c.int('dismissal.majorComplaints'), freshCount(c, majors12), () => {
    return `${c.oneYear}重大投诉${majors12.length}次${dates(majors12)}`
  })
  add('辞退或更换', c.int('dismissal.complaints'), freshCount(c, complaints6), sixReason)
  add('谈话提醒', c.int('reminder.majorComplaints'), majorsM.length, () => {
    return `当月出现重大投诉${majorsM.length}次${dates(majorsM)}`
  })
  add('谈话提醒', c.int('reminder.complaints'), freshCount(c, complaints6), sixReason)
  return findings
}

/**
 * 第十五条（三）出现重大业务质量问题或6个月内累计出现3次以上业务质量问题 — 谈话提醒；
 * 第十六条（三）1年内累计出现2次以上重大业务质量问题或6个月内累计出现4次以上业务质量问题 — 辞退或更换.
 * A 重大质量问题 is also a 质量问题.
 */
function qualityClause(c: ClauseContext): Finding[] {
  const { add, findings } = findingsOf(2)
  const quality6 = ofType(within(c, c.sixMonths), QUALITY_TYPES)
  const major12 = ofType(within(c, c.year), ['重大质量问题'])
  const majorM = ofType(within(c, [c.month]), ['重大质量问题'])
  const sixReason = () => `${c.six}业务质量问题${quality6.length}次${dates(quality6)}`
  add('辞退或更换', c.int('dismissal.majorQuality'), freshCount(c, major12), () => {
    return `${c.oneYear}重大业务质量问题${major12.length}次${dates(major12)}`
  })
  add('辞退或更换', c.int('dismissal.quality'), freshCount(c, quality6), sixReason)
  add('谈话提醒', c.int('reminder.majorQuality'), majorM.length, () => {
    return `当月出现重大业务质量问题${majorM.length}次${dates(majorM)}`
  })
  add('谈话提醒', c.int('reminder.quality'), freshCount(c, quality6), sixReason)
  return findings
}

/**
 * 第十五条（四）1个月内无故迟到早退4次以上、旷工1天以上或考勤作假 — 谈话提醒；
 * 第十六条（四）1个月内无故迟到早退6次以上、旷工2天以上或考勤存在重大作假 — 辞退或更换.
 * Within month M; 旷工 only, as written (擅自脱岗 is scored but not counted here); a 重大考勤作假 is also a
 * 考勤作假.
 */
function attendanceClause(c: ClauseContext): Finding[] {
  const { add, findings } = findingsOf(3)
  const thisMonth = within(c, [c.month])
  const late = ofType(thisMonth, ['迟到', '早退'])
  const absent = ofType(thisMonth, ['旷工半天'])
  const majorFraud = ofType(thisMonth, ['重大考勤作假'])
  const fraud = ofType(thisMonth, ['考勤作假', '重大考勤作假'])
  const lateReason = () => `当月迟到早退${late.length}次${dates(late)}`
  const absentReason = () =>
    `当月旷工${halfDaysText(absent.length)}（${absent.length}个半天：${absent.map((a) => a.date).join('、')}）`
  add('辞退或更换', c.int('dismissal.lateOrEarly'), late.length, lateReason)
  add('辞退或更换', c.int('dismissal.absentHalfDays'), absent.length, absentReason)
  add('辞退或更换', 1, majorFraud.length, () => `当月考勤存在重大作假${dates(majorFraud)}`)
  add('谈话提醒', c.int('reminder.lateOrEarly'), late.length, lateReason)
  add('谈话提醒', c.int('reminder.absentHalfDays'), absent.length, absentReason)
  add('谈话提醒', 1, fraud.length, () => `当月考勤作假${dates(fraud)}`)
  return findings
}

/** 第十五条、第十六条 for one operator at the close of month M: every 款's triggers, one per level and 款. */
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
  const mine = incidents.filter((i) => i.id === id && monthOfDate(i.date) <= month)
  const c: ClauseContext = {
    month,
    sixMonths,
    year,
    six: windowText(sixMonths.length),
    oneYear: windowText(year.length),
    history,
    mine,
    int,
  }
  const findings = rankingClause(c)
  // Every threshold is at least 1 (checkRuleValue), so with nothing to count nothing else can trigger.
  if (mine.length > 0) findings.push(...complaintClause(c), ...qualityClause(c), ...attendanceClause(c))
  if (findings.length === 0) return []

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

/** Months of history kept for 第十五条/第十六条（一）: the year before M (chains and 近6个月 both fit). */
const HISTORY_MONTHS = 12

/** The earlier months whose standings the close of `month` uses (第十五条, 第十六条（一）). */
export function sanctionHistoryMonths(month: MonthKey, rules: Rules): MonthKey[] {
  const n = Math.max(
    HISTORY_MONTHS,
    ...(['sanction.windowMonths', 'reminder.rankConsecutive', 'dismissal.rankConsecutive'] as const).map(
      (k) => Number(rules[k].valueOf()),
    ),
  )
  return windowMonths(month, n).filter((m) => m !== month)
}
