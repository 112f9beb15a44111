/**
 * 补休 (compensatory leave): 第十一条 每月之星 and 第五条 中午值班. The `补休` sheet is a ledger of these entries;
 * 已休天数 is typed by staff, everything else is written by the month close.
 */
import { addDays, daysBetween, type LocalDate } from './dates'
import { type Exact, exact, ZERO } from './decimal'
import type { WorkCalendar } from './holidays'
import type { NoonDuty, NoonOutcome } from './model'
import { dayAfter, lastDay, type MonthKey, monthOfDate, monthPeriod, shiftMonth } from './period'
import type { Rules } from './rules'

export interface LeaveEntry {
  readonly id: string
  /** 来源, e.g. `2026-05 每月之星（第十一条）` — also the ledger key that keeps a re-run from duplicating. */
  readonly source: string
  readonly earned: LocalDate
  readonly days: Exact
  readonly expires: LocalDate
  readonly taken: Exact
  readonly status: string
}

/** Days before expiry from which an entry with days left shows as 即将到期. */
export const EXPIRING_SOON_DAYS = 14

/**
 * 第十一条: each 每月之星 earns leave.starDays (1) of leave, "于3个月内休完": usable until the end of the
 * leave.starMonths-th (3rd) month after the assessed month (May's star → 08-31). Earned the day after the
 * month ends, when the star is known.
 */
export function starLeave(id: string, month: MonthKey, rules: Rules): LeaveEntry {
  const months = Number(rules['leave.starMonths'].valueOf())
  return {
    id,
    source: `${month} 每月之星（第十一条）`,
    earned: dayAfter(monthPeriod(month)),
    days: rules['leave.starDays'],
    expires: lastDay(monthPeriod(shiftMonth(month, months))),
    taken: ZERO,
    status: '未休',
  }
}

/**
 * 第五条、第七条（二）: only a duty that ended neither in early leave nor in 补休 earns the attendance point
 * (中午值班加分); a 消极怠工 duty, "一律取消提前下班、补休资格", earns none.
 */
export function earnsNoonPoint(outcome: NoonOutcome): boolean {
  return outcome === '未提前下班未补休'
}

/**
 * 第五条 what a noon duty earned, in words with the article, for the 个人成绩单: "中午值班人员可于当天16:30
 * 提前下班，累计值班2次且不提前下班的，可向监督专员申请补休半天" — a duty neither left early nor turned into
 * 补休 earns the attendance point of 第七条（二）; "一经发现存在消极怠工情形的，一律取消提前下班、补休资格" —
 * a slack duty earns none of the three.
 */
export function noonDutyEffect(outcome: NoonOutcome, rules: Rules): string {
  switch (outcome) {
    case '提前下班':
      return '当天16:30提前下班（第五条）'
    case '计入补休':
      return `计入补休，每${rules['noon.dutiesPerHalfDay'].toString()}次补休半天，当月休完（第五条）`
    case '未提前下班未补休':
      return `考勤加${rules['attendance.noonDutyPoints'].toString()}分（第五条、第七条（二））`
    case '消极怠工':
      return '消极怠工，取消提前下班、补休资格，不加分（第五条：一经发现存在消极怠工情形的，一律取消提前下班、补休资格）'
  }
}

/**
 * 第五条 "原则上当月休完": a half day earned from noon duty is due by the end of the month it is earned in;
 * earned in the month's last two working days (too late to take in that month) it is due by the end of the
 * next month — never due on the very day it is earned. Our reading of "原则上".
 */
export function noonLeaveDue(earned: LocalDate, calendar: WorkCalendar): LocalDate {
  const month = monthOfDate(earned)
  const end = lastDay(monthPeriod(month))
  let workingDaysAfter = 0
  for (let d = addDays(earned, 1); d <= end && workingDaysAfter < 2; d = addDays(d, 1)) {
    if (calendar.isWorkingDay(d)) workingDaysAfter += 1
  }
  // Earned on one of the last two working days: at most one working day of the month is left after it.
  return workingDaysAfter >= 2 ? end : lastDay(monthPeriod(shiftMonth(month, 1)))
}

/**
 * 第五条: every noon.dutiesPerHalfDay (2) duties of the month that ended 计入补休 make half a day of leave,
 * due as noonLeaveDue says. An odd leftover duty earns nothing and does not carry into the next month (the
 * 办法 counts duties toward leave within the month). Earned on the date of the duty that completes the pair.
 * A 消极怠工 duty never counts ("一律取消……补休资格").
 */
export function noonLeave(
  id: string,
  month: MonthKey,
  duties: readonly NoonDuty[],
  rules: Rules,
  calendar: WorkCalendar,
): LeaveEntry[] {
  const per = Number(rules['noon.dutiesPerHalfDay'].valueOf())
  const counted = duties
    .filter((d) => d.id === id && d.outcome === '计入补休' && monthOfDate(d.date) === month)
    .map((d) => d.date)
    .sort()
  const entries: LeaveEntry[] = []
  for (let i = 0; i + per <= counted.length; i += per) {
    const group = counted.slice(i, i + per)
    const earned = group[group.length - 1] ?? `${month}-01`
    entries.push({
      id,
      source: `${month} 中午值班补休（${group.join('、')}，第五条）`,
      earned,
      days: exact('0.5'),
      expires: noonLeaveDue(earned, calendar),
      taken: ZERO,
      status: '未休',
    })
  }
  return entries
}

/**
 * 状态 of a ledger entry on `asOf` (SPEC §13), recomputed at every close and 刷新 from 已休天数 and today:
 * 已休完 when all is taken; 已过期 after the due date with days left; 即将到期（N天） within
 * EXPIRING_SOON_DAYS of it (N = days until the due date, 0 = due today); else 部分已休 or 未休.
 */
export function leaveStatus(entry: Pick<LeaveEntry, 'days' | 'taken' | 'expires'>, asOf: LocalDate): string {
  if (entry.taken.compare(entry.days) >= 0) return '已休完'
  if (asOf > entry.expires) return '已过期'
  const left = daysBetween(asOf, entry.expires)
  if (left <= EXPIRING_SOON_DAYS) return left === 0 ? '即将到期（今天到期）' : `即将到期（${left}天）`
  return entry.taken.compare(0) > 0 ? '部分已休' : '未休'
}

export interface LeaveBalance {
  readonly earned: Exact
  readonly taken: Exact
  /** Days left on entries not yet expired. */
  readonly available: Exact
  readonly expired: Exact
  /** Days left on entries expiring within EXPIRING_SOON_DAYS, and the earliest such date. */
  readonly expiringSoon: Exact
  readonly nextExpiry: LocalDate | null
}

/** Per operator: earned, taken, available, expired and soon-expiring days on `asOf`. */
export function leaveBalances(entries: readonly LeaveEntry[], asOf: LocalDate): Map<string, LeaveBalance> {
  const out = new Map<string, LeaveBalance>()
  for (const e of entries) {
    const prev = out.get(e.id) ?? {
      earned: ZERO,
      taken: ZERO,
      available: ZERO,
      expired: ZERO,
      expiringSoon: ZERO,
      nextExpiry: null,
    }
    const left = e.days.sub(e.taken).compare(0) > 0 ? e.days.sub(e.taken) : ZERO
    const expired = asOf > e.expires
    const soon = !expired && left.compare(0) > 0 && daysBetween(asOf, e.expires) <= EXPIRING_SOON_DAYS
    out.set(e.id, {
      earned: prev.earned.add(e.days),
      taken: prev.taken.add(e.taken),
      available: expired ? prev.available : prev.available.add(left),
      expired: expired ? prev.expired.add(left) : prev.expired,
      expiringSoon: soon ? prev.expiringSoon.add(left) : prev.expiringSoon,
      nextExpiry:
        soon && (prev.nextExpiry === null || e.expires < prev.nextExpiry) ? e.expires : prev.nextExpiry,
    })
  }
  return out
}
