/**
 * Who is assessed: 第十四条 (tenure: 2 months for a month, 3 for a quarter, 6 for a year, measured at the
 * period's last day), 第十七条 (not scored while seconded), and operators who have left: before the month for
 * a month; before the period's last day for a quarter or a year (our reading: the 办法 is silent on leavers).
 */
import { addMonths, type LocalDate } from './dates'
import type { Operator, Secondment } from './model'
import {
  dayAfter,
  firstDay,
  formatPeriod,
  lastDay,
  type MonthKey,
  monthPeriod,
  monthsOf,
  type Period,
} from './period'
import type { RuleKey, Rules } from './rules'

const TENURE_RULE: Readonly<Record<Period['kind'], RuleKey>> = {
  month: 'eligibility.monthMonths',
  quarter: 'eligibility.quarterMonths',
  year: 'eligibility.yearMonths',
}

const PERIOD_WORD: Readonly<Record<Period['kind'], string>> = { month: '月度', quarter: '季度', year: '年度' }

/** Months of tenure a period requires (第十四条). */
export function requiredMonths(period: Period, rules: Rules): number {
  return Number(rules[TENURE_RULE[period.kind]].valueOf())
}

/** 第十四条: start date + N months ≤ the day after the period's last day (month arithmetic clamps). */
export function isTenureEligible(start: LocalDate, period: Period, rules: Rules): boolean {
  return addMonths(start, requiredMonths(period, rules)) <= dayAfter(period)
}

/** 第十七条: whether a secondment of this operator overlaps the month at all. */
export function isSecondedInMonth(id: string, month: MonthKey, secondments: readonly Secondment[]): boolean {
  const p = monthPeriod(month)
  const from = firstDay(p)
  const to = lastDay(p)
  return secondments.some((s) => s.id === id && s.from <= to && s.to >= from)
}

/**
 * Whether an operator takes part in a period, and why not. A month with any day of secondment is not
 * scored (第十七条, 另行安排); a quarter or year is left out only when every one of its months is.
 */
export function eligibility(
  op: Operator,
  period: Period,
  secondments: readonly Secondment[],
  rules: Rules,
): { eligible: boolean; reason: string } {
  if (op.leaveDate !== null && op.leaveDate < firstDay(period)) {
    return { eligible: false, reason: `已离岗（${op.leaveDate}），不参与${PERIOD_WORD[period.kind]}考核` }
  }
  // A quarter or year is assessed for those still in post at its end: a leaver's months stay on record,
  // but a tier (第十三条) is proposed among the team that remains, and the quotas count only them.
  if (period.kind !== 'month' && op.leaveDate !== null && op.leaveDate < lastDay(period)) {
    return {
      eligible: false,
      reason: `已于${op.leaveDate}离岗，不参与${PERIOD_WORD[period.kind]}考核`,
    }
  }
  if (!isTenureEligible(op.startDate, period, rules)) {
    return {
      eligible: false,
      reason: `入职或派驻未满${requiredMonths(period, rules)}个月，不参与${PERIOD_WORD[period.kind]}考核`,
    }
  }
  const months = monthsOf(period)
  const seconded = months.filter((m) => isSecondedInMonth(op.id, m, secondments))
  if (seconded.length > 0 && seconded.length === months.length) {
    const reason =
      period.kind === 'month'
        ? `${formatPeriod(period)} 借调，不参与当月考核（第十七条）`
        : `${formatPeriod(period)} 全期借调，不参与${PERIOD_WORD[period.kind]}考核（第十七条）`
    return { eligible: false, reason }
  }
  return { eligible: true, reason: '' }
}
