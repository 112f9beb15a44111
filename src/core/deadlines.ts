/**
 * Deadlines (第八条 month, 第九条 quarter, 第十条 year). Nominal dates: the month's preliminary totals
 * (初评, 公示) by the 5th of the next month and its final scores (终评) by the 10th; a quarter's final
 * scores by the 10th of the quarter's next month — its only deadline: 第九条 sets no 公示 for a quarter; the
 * year's by 5 / 10 January. "遇节假日顺延至节假日后三个工作日内": a nominal date that is not a working
 * day rolls to the third working day after that run of rest days.
 */
import { addDays, dateParts, type LocalDate, localDate } from './dates'
import type { WorkCalendar } from './holidays'
import { lastDay, type Period, periodLabel } from './period'
import type { Rules } from './rules'

export type DeadlineKind = '初评' | '终评'

export interface Deadline {
  readonly nominal: LocalDate
  readonly due: LocalDate
  readonly reason: string
}

const WHAT: Record<DeadlineKind, string> = { 初评: '考核分数初步统计并公示', 终评: '考核得分评定并报送' }

/**
 * The deadlines a period has: 初评 (公示) and 终评 for a month (第八条) and a year (第十条); only 终评 for a
 * quarter (第九条).
 */
export function deadlineKinds(period: Period): readonly DeadlineKind[] {
  return period.kind === 'quarter' ? ['终评'] : ['初评', '终评']
}

/** The nominal date: day 5 (初评) or 10 (终评) of the month after the period ends. */
export function nominalDeadline(period: Period, which: DeadlineKind, rules: Rules): LocalDate {
  const day = Number(rules[which === '初评' ? 'deadline.preliminaryDay' : 'deadline.finalDay'].valueOf())
  const { year, month } = dateParts(addDays(lastDay(period), 1))
  return localDate(year, month, day)
}

/** The article that sets the period's deadline. */
function article(period: Period): string {
  if (period.kind === 'year') return '第十条'
  if (period.kind === 'quarter') return '第九条' // its one deadline (deadlineKinds)
  return '第八条'
}

/**
 * The first working day on or after `date` if it is one; otherwise the `workingDays`-th working day
 * after the run of rest days containing `date`. Also returns the run's last rest day (null if none).
 */
export function rollToWorkingDay(
  date: LocalDate,
  calendar: WorkCalendar,
  workingDays: number,
): { due: LocalDate; restUntil: LocalDate | null } {
  if (calendar.isWorkingDay(date)) return { due: date, restUntil: null }
  let day = date
  while (!calendar.isWorkingDay(addDays(day, 1))) day = addDays(day, 1)
  const restUntil = day
  let counted = 0
  while (counted < workingDays) {
    day = addDays(day, 1)
    if (calendar.isWorkingDay(day)) counted += 1
  }
  return { due: day, restUntil }
}

/**
 * The due date of a period's 初评 or 终评. Where rolling pushes the 初评 past the 终评 (2025-10: the 5th falls
 * in National Day, rolls to 10-11, while the 10th is a working day), the 终评 is not due before the 初评 —
 * the final scores cannot be settled before the preliminary ones are published. This is our reading of
 * "遇节假日顺延…下同"; the 办法 does not address the overlap.
 */
export function deadline(
  period: Period,
  which: DeadlineKind,
  calendar: WorkCalendar,
  rules: Rules,
): Deadline {
  // 第九条：季度考核得分由带班班长于季度结束后次月10日前报送 — a period without a 初评 (deadlineKinds) has one
  // date, asked for as 初评 or 终评.
  if (!deadlineKinds(period).includes('初评')) return ownDeadline(period, '终评', calendar, rules)
  const own = ownDeadline(period, which, calendar, rules)
  if (which === '初评') return own
  const preliminary = ownDeadline(period, '初评', calendar, rules)
  if (preliminary.due <= own.due) return own
  return {
    nominal: own.nominal,
    due: preliminary.due,
    reason: `${own.reason}；因初步统计顺延至${preliminary.due}，评定截止日随之顺延至同日`,
  }
}

function ownDeadline(period: Period, which: DeadlineKind, calendar: WorkCalendar, rules: Rules): Deadline {
  const nominal = nominalDeadline(period, which, rules)
  const roll = Number(rules['deadline.rollWorkingDays'].valueOf())
  const { due, restUntil } = rollToWorkingDay(nominal, calendar, roll)
  const what = `${periodLabel(period)}${WHAT[which]}`
  const cite = article(period)
  if (restUntil === null) return { nominal, due, reason: `${what}截止日为${nominal}（${cite}）` }
  const name = calendar.describe?.(nominal) ?? '休息日'
  const run = restUntil === nominal ? '' : `（休息至${restUntil}）`
  const rollCite = cite === '第八条' ? cite : `${cite}，顺延依第八条`
  return {
    nominal,
    due,
    reason: `${what}名义截止日${nominal}为${name}，不是工作日${run}，顺延至其后第${roll}个工作日${due}（${rollCite}）`,
  }
}
