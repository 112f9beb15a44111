/** Assessment periods (第六条): a month, a quarter or a year, written `2026-05`, `2026-Q2`, `2026`. */
import { addDays, daysInMonth, type LocalDate, localDate } from './dates'

export type MonthKey = string // `YYYY-MM`

export type Period =
  | { kind: 'month'; year: number; month: number }
  | { kind: 'quarter'; year: number; quarter: number }
  | { kind: 'year'; year: number }

export function monthKey(year: number, month: number): MonthKey {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`
}

export function monthOfDate(date: LocalDate): MonthKey {
  return date.slice(0, 7)
}

export function parseMonthKey(key: MonthKey): { year: number; month: number } {
  return { year: Number(key.slice(0, 4)), month: Number(key.slice(5, 7)) }
}

/** The month `offset` months after `key` (negative for earlier): shiftMonth('2026-01', -1) = '2025-12'. */
export function shiftMonth(key: MonthKey, offset: number): MonthKey {
  const { year, month } = parseMonthKey(key)
  const index = year * 12 + month - 1 + offset
  return monthKey(Math.floor(index / 12), (index % 12) + 1)
}

/** Parses `2026-05`, `2026-5`, `2026-Q2`, `2026Q2`, `2026年5月`, `2026年第2季度`, `2026`, `2026年`; null when not a period. */
export function tryParsePeriod(text: string): Period | null {
  const t = text.trim().replace(/\s+/g, '').toUpperCase()
  let m = /^(\d{4})[-/.年](\d{1,2})月?(月度)?$/.exec(t)
  if (m) {
    const month = Number(m[2])
    return month >= 1 && month <= 12 ? { kind: 'month', year: Number(m[1]), month } : null
  }
  m = /^(\d{4})(?:-?Q|年第?)([1-4])(?:季度?)?$/.exec(t)
  if (m) return { kind: 'quarter', year: Number(m[1]), quarter: Number(m[2]) }
  m = /^(\d{4})年?(年度)?$/.exec(t)
  if (m) return { kind: 'year', year: Number(m[1]) }
  return null
}

export function parsePeriod(text: string): Period {
  const period = tryParsePeriod(text)
  if (!period)
    throw new RangeError(`期间格式不正确：“${text}”，应为 2026-05（月）、2026-Q2（季度）或 2026（年）`)
  return period
}

export function formatPeriod(period: Period): string {
  switch (period.kind) {
    case 'month':
      return monthKey(period.year, period.month)
    case 'quarter':
      return `${period.year}-Q${period.quarter}`
    case 'year':
      return String(period.year)
  }
}

/** Chinese label: 2026年5月 / 2026年第2季度 / 2026年度. */
export function periodLabel(period: Period): string {
  switch (period.kind) {
    case 'month':
      return `${period.year}年${period.month}月`
    case 'quarter':
      return `${period.year}年第${period.quarter}季度`
    case 'year':
      return `${period.year}年度`
  }
}

/** The months of a period, in order. */
export function monthsOf(period: Period): MonthKey[] {
  switch (period.kind) {
    case 'month':
      return [monthKey(period.year, period.month)]
    case 'quarter':
      return [1, 2, 3].map((i) => monthKey(period.year, (period.quarter - 1) * 3 + i))
    case 'year':
      return Array.from({ length: 12 }, (_, i) => monthKey(period.year, i + 1))
  }
}

export function firstDay(period: Period): LocalDate {
  const first = monthsOf(period)[0] ?? ''
  return `${first}-01`
}

export function lastDay(period: Period): LocalDate {
  const months = monthsOf(period)
  const { year, month } = parseMonthKey(months[months.length - 1] ?? '')
  return localDate(year, month, daysInMonth(year, month))
}

/** The day after the period's last day (used by the tenure rule of 第十四条). */
export function dayAfter(period: Period): LocalDate {
  return addDays(lastDay(period), 1)
}

export function monthPeriod(key: MonthKey): Period {
  const { year, month } = parseMonthKey(key)
  return { kind: 'month', year, month }
}

/**
 * 第八条至第十条: results are settled after the period ("次月…前"), so a period can be closed only once it
 * has ended — from the day after its last day. `today` is a calendar date the host supplies.
 */
export function hasEnded(period: Period, today: LocalDate): boolean {
  return today > lastDay(period)
}
