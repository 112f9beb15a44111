/**
 * 关注名单 (SPEC §17): who is exactly one event away from a clause of 第十五条 谈话提醒 or 第十六条 辞退或要求更换,
 * computed at the close of month M from the same history and windows as the sanctions (src/core/sanctions.ts).
 *
 * How "one event away" is decided — by the sanction rules themselves, never by a second copy of them:
 * month M+1 is simulated with one more event of a kind (a bottom-three month, an 有效投诉, a 重大投诉, a
 * 质量问题, a 重大质量问题) and evaluateSanctions is asked which clauses fire at M+1. A clause is listed when it
 * fires with the event, does not fire without it, and would not fire for an operator with a clean record
 * given that same single event (a 重大投诉 alone always means 第十五条（二）: that is no warning about anyone).
 * The windows roll as the sanctions roll: the window at M+1 is M−4..M+1, so a count that drops out of it is
 * not "one away". Only what the close of M knows is used: incidents dated up to the end of M.
 *
 * （四） counts within one calendar month (1个月内), so next month starts from zero: for (四) the list says how
 * far month M itself came — one more 迟到早退 (or half-day of 旷工) in M would have fired the clause. It is a
 * reading of this month, not a forecast; 说明 says so. 考勤作假 (threshold 1) is never "one away".
 *
 * Rules are those in force for M. It predicts nothing beyond the rules' own counts.
 */
import { exact } from './decimal'
import { COMPLAINT_TYPES, distinctComplaints, QUALITY_TYPES } from './incidents'
import type { Incident, IncidentType, SanctionLevel, Trigger } from './model'
import { type MonthKey, monthOfDate, shiftMonth } from './period'
import type { RuleKey, Rules } from './rules'
import {
  chineseNumeral,
  evaluateSanctions,
  halfDaysText,
  type MonthStanding,
  windowMonths,
  windowText,
} from './sanctions'

/** The one more event a watch entry is about. */
export type WatchEvent =
  | '倒数前三'
  | '有效投诉'
  | '重大投诉'
  | '质量问题'
  | '重大质量问题'
  | '迟到早退'
  | '旷工半天'

export interface WatchEntry {
  readonly id: string
  /** The month closed (M). */
  readonly month: MonthKey
  /** The month the event would fall in: M+1, or M itself for （四）. */
  readonly eventMonth: MonthKey
  readonly event: WatchEvent
  readonly level: SanctionLevel
  /** e.g. `第十六条（一）` */
  readonly clause: string
  /** 还差: `1次`, or `半天` for 旷工. */
  readonly gap: string
  /** 说明: a sentence a supervisor can act on. */
  readonly note: string
}

/** A hypothetical incident: its own 通话编号 so it is never merged with a real complaint. */
const HYPOTHETICAL_CALL = '\u0000关注名单假设'

function hypothetical(id: string, month: MonthKey, type: IncidentType): Incident {
  const points = COMPLAINT_TYPES.includes(type) ? exact(3) : QUALITY_TYPES.includes(type) ? exact(1) : null
  return { date: `${month}-01`, id, type, points, callId: HYPOTHETICAL_CALL, note: '' }
}

const key = (t: Trigger) => `${t.level}\u0000${t.clause}`

/** The triggers that the event adds: fire with it, not without it, and not for a clean record with it alone. */
function added(
  withEvent: readonly Trigger[],
  without: readonly Trigger[],
  clean: readonly Trigger[],
): Trigger[] {
  const old = new Set([...without, ...clean].map(key))
  return withEvent.filter((t) => !old.has(key(t)))
}

function byDate<T extends { date: string }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
}

function list(items: readonly string[]): string {
  return items.length > 0 ? `（${items.join('、')}）` : ''
}

/**
 * The 关注名单 entries of one operator at the close of month M. `history` holds the operator's standings up
 * to and including M (as given to evaluateSanctions at M); `incidents` their 事件 rows (others are ignored).
 */
export function watchEntries(
  id: string,
  month: MonthKey,
  history: readonly MonthStanding[],
  incidents: readonly Incident[],
  rules: Rules,
): WatchEntry[] {
  const int = (k: RuleKey) => Number(rules[k].valueOf())
  const next = shiftMonth(month, 1)
  const mine = incidents.filter((i) => i.id === id && monthOfDate(i.date) <= month)
  const past = history.filter((s) => s.month <= month)
  const sixNext = windowMonths(next, int('sanction.windowMonths'))
  const yearNext = windowMonths(next, int('sanction.yearWindowMonths'))
  const six = windowText(sixNext.length)
  const oneYear = windowText(yearNext.length)
  const inWindow = (months: readonly MonthKey[]) => mine.filter((i) => months.includes(monthOfDate(i.date)))
  const entries: WatchEntry[] = []
  const listed = new Set<string>()
  const push = (t: Trigger, event: WatchEvent, eventMonth: MonthKey, gap: string, note: string) => {
    if (listed.has(t.clause)) return // the weaker event already reaches this clause
    listed.add(t.clause)
    entries.push({ id, month, eventMonth, event, level: t.level, clause: t.clause, gap, note })
  }
  const threshold = (level: SanctionLevel, reminder: RuleKey, dismissal: RuleKey) =>
    int(level === '辞退或更换' ? dismissal : reminder)

  /** Next month simulated with and without one more event; the clauses the event adds. */
  const simulateNext = (bottom: boolean, type: IncidentType | null): Trigger[] => {
    const plain: MonthStanding = { month: next, ranked: true, bottom: false }
    const eventMonth: MonthStanding = { month: next, ranked: true, bottom }
    const extra = type ? [hypothetical(id, next, type)] : []
    const withEvent = evaluateSanctions(id, next, [...past, eventMonth], [...mine, ...extra], rules)
    const without = evaluateSanctions(id, next, [...past, plain], mine, rules)
    const clean = evaluateSanctions(id, next, [eventMonth], extra, rules)
    return added(withEvent, without, clean)
  }

  // （一） one more bottom-three month in M+1: a chain that goes on, or the window count that rises.
  const standing = new Map(past.map((s) => [s.month, s]))
  const isBottom = (m: MonthKey) => standing.get(m)?.ranked === true && standing.get(m)?.bottom === true
  const bottomsNext = sixNext.filter(isBottom)
  if (bottomsNext.length > 0) {
    const chain: MonthKey[] = []
    for (let m = month; isBottom(m); m = shiftMonth(m, -1)) chain.unshift(m)
    const label = `排名倒数前${chineseNumeral(int('bottom.count'))}`
    for (const t of simulateNext(true, null)) {
      const consecutive = threshold(t.level, 'reminder.rankConsecutive', 'dismissal.rankConsecutive')
      const why =
        chain.length + 1 >= consecutive
          ? `连续${chain.length + 1}个月${label}${list([...chain, next])}`
          : `${six}累计${bottomsNext.length + 1}次${label}${list([...bottomsNext, next])}`
      push(t, '倒数前三', next, '1次', `若${next}再次${label}，将触发${t.clause}：${why}`)
    }
  }

  // （二） one more 有效投诉, or 重大投诉, confirmed in M+1 (complaints about one call count once).
  const complaints = distinctComplaints(inWindow(sixNext))
  const majors = distinctComplaints(inWindow(yearNext)).filter((c) => c.major)
  if (complaints.length > 0 || majors.length > 0) {
    const dates = (rows: readonly { date: string }[]) => list(rows.map((r) => r.date))
    const countText = `${six}累计${complaints.length + 1}次有效投诉`
    const already = `${six}已有有效投诉${complaints.length}次${dates(complaints)}`
    for (const t of simulateNext(false, '有效投诉'))
      push(
        t,
        '有效投诉',
        next,
        '1次',
        `${already}，若${next}再有1次有效投诉，将触发${t.clause}：${countText}`,
      )
    for (const t of simulateNext(false, '重大投诉')) {
      const byMajors =
        majors.length + 1 >= threshold(t.level, 'reminder.majorComplaints', 'dismissal.majorComplaints')
      const note = byMajors
        ? `${oneYear}已有重大投诉${majors.length}次${dates(majors)}，若${next}再有1次重大投诉，将触发${t.clause}：${oneYear}累计${majors.length + 1}次重大投诉`
        : `${already}，若${next}再有1次重大投诉（也是有效投诉），将触发${t.clause}：${countText}`
      push(t, '重大投诉', next, '1次', note)
    }
  }

  // （三） one more 质量问题, or 重大质量问题, in M+1.
  const quality = byDate(inWindow(sixNext).filter((i) => QUALITY_TYPES.includes(i.type)))
  const majorQuality = byDate(inWindow(yearNext).filter((i) => i.type === '重大质量问题'))
  if (quality.length > 0 || majorQuality.length > 0) {
    const dates = (rows: readonly { date: string }[]) => list(rows.map((r) => r.date))
    const countText = `${six}累计${quality.length + 1}次业务质量问题`
    const already = `${six}已有业务质量问题${quality.length}次${dates(quality)}`
    for (const t of simulateNext(false, '质量问题'))
      push(
        t,
        '质量问题',
        next,
        '1次',
        `${already}，若${next}再有1次业务质量问题，将触发${t.clause}：${countText}`,
      )
    for (const t of simulateNext(false, '重大质量问题')) {
      const byMajors =
        majorQuality.length + 1 >= threshold(t.level, 'reminder.majorQuality', 'dismissal.majorQuality')
      const note = byMajors
        ? `${oneYear}已有重大业务质量问题${majorQuality.length}次${dates(majorQuality)}，若${next}再有1次重大业务质量问题，将触发${t.clause}：${oneYear}累计${majorQuality.length + 1}次重大业务质量问题`
        : `${already}，若${next}再有1次重大业务质量问题（也是业务质量问题），将触发${t.clause}：${countText}`
      push(t, '重大质量问题', next, '1次', note)
    }
  }

  // （四） within month M: one more 迟到早退 or half-day of 旷工 in M itself would have fired the clause.
  const thisMonth = mine.filter((i) => monthOfDate(i.date) === month)
  const late = thisMonth.filter((i) => i.type === '迟到' || i.type === '早退').length
  const absent = thisMonth.filter((i) => i.type === '旷工半天').length
  const simulateThisMonth = (type: IncidentType): Trigger[] => {
    const extra = hypothetical(id, month, type)
    const actual = evaluateSanctions(id, month, past, mine, rules)
    const withEvent = evaluateSanctions(id, month, past, [...mine, extra], rules)
    const clean = evaluateSanctions(id, month, [], [extra], rules)
    return added(withEvent, actual, clean).filter((t) => t.clause.endsWith('（四）'))
  }
  const perMonth = '（四）按自然月计算，下月重新计数：此项说明本月离该条款有多近，不是对下月的预测'
  if (late > 0) {
    for (const t of simulateThisMonth('迟到')) {
      const n = threshold(t.level, 'reminder.lateOrEarly', 'dismissal.lateOrEarly')
      push(
        t,
        '迟到早退',
        month,
        '1次',
        `本月（${month}）迟到早退${late}次，距${t.clause}${n}次仅差1次；${perMonth}`,
      )
    }
  }
  if (absent > 0) {
    for (const t of simulateThisMonth('旷工半天')) {
      const n = threshold(t.level, 'reminder.absentHalfDays', 'dismissal.absentHalfDays')
      push(
        t,
        '旷工半天',
        month,
        '半天',
        `本月（${month}）旷工${halfDaysText(absent)}（${absent}个半天），距${t.clause}旷工${halfDaysText(n)}仅差半天；${perMonth}`,
      )
    }
  }
  return entries
}
