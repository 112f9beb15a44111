/**
 * Working days in mainland China (第五条 中午值班 on working days; 第八条 deadlines roll over holidays).
 *
 * The built-in calendar is the raw data of the `chinese-days` package (the State Council's yearly
 * schedule): `holidays` are statutory rest days, `workdays` are make-up working days (调休上班). We read
 * only those two maps and do weekday arithmetic on calendar dates (src/core/dates.ts) — never Date
 * objects, so the spreadsheet's time zone cannot shift a day. The `节假日` sheet's rows override it.
 *
 * A year the data does not list is a clear error naming the year, unless the `节假日` sheet supplies it
 * (at least one 休息日 row in that year: every year has statutory holidays, so a year with none entered
 * has not been entered). Then that year is weekends + the sheet's rows.
 */
import data from 'chinese-days/dist/chinese-days.json'
import { dateParts, dayOfWeek, type LocalDate } from './dates'
import { InputError } from './problems'

export interface DayOverride {
  readonly date: LocalDate
  readonly type: '休息日' | '工作日'
  readonly note?: string
}

export interface WorkCalendar {
  /** Throws InputError naming the year when the year has no data. */
  isWorkingDay(date: LocalDate): boolean
  /** A short Chinese description of the day: `国庆节`, `周六`, `调休工作日`, an override's note… */
  describe?(date: LocalDate): string
}

/** Oldest year kept from the package data (the 办法 dates from 2022; older years only cost bundle space). */
const FIRST_YEAR = 2020

interface RawCalendar {
  readonly holidays: Readonly<Record<string, string>>
  readonly workdays: Readonly<Record<string, string>>
}

/** The package writes `English,中文,days`; we keep the Chinese name. */
function holidayName(raw: string): string {
  return raw.split(',')[1] ?? raw
}

function trimmed(map: Readonly<Record<string, string>>): Map<LocalDate, string> {
  const out = new Map<LocalDate, string>()
  for (const [date, raw] of Object.entries(map)) {
    if (Number(date.slice(0, 4)) >= FIRST_YEAR) out.set(date, holidayName(raw))
  }
  return out
}

const RAW = data as RawCalendar
const HOLIDAYS = trimmed(RAW.holidays)
const WORKDAYS = trimmed(RAW.workdays)

/** The years the built-in data covers, in order (e.g. 2020 … 2026). */
export const BUILTIN_YEARS: readonly number[] = [
  ...new Set([...HOLIDAYS.keys()].map((d) => Number(d.slice(0, 4)))),
].sort((a, b) => a - b)

const WEEKDAY_NAMES = ['周日', '周一', '周二', '周三', '周四', '周五', '周六']

export function missingYearMessage(year: number): string {
  const first = BUILTIN_YEARS[0] ?? FIRST_YEAR
  const last = BUILTIN_YEARS[BUILTIN_YEARS.length - 1] ?? FIRST_YEAR
  return `${year}年没有节假日数据（内置日历仅含${first}–${last}年），无法判断工作日：请在“节假日”表中补充该年的休息日和调休工作日（类型填“休息日”或“工作日”）`
}

/** The working-day calendar: the built-in data with the `节假日` sheet's rows winning. */
export function workCalendar(overrides: readonly DayOverride[] = []): WorkCalendar {
  const byDate = new Map<LocalDate, DayOverride>()
  for (const o of overrides) byDate.set(o.date, o)
  const suppliedYears = new Set(
    overrides.filter((o) => o.type === '休息日').map((o) => dateParts(o.date).year),
  )
  const covered = (year: number) => BUILTIN_YEARS.includes(year) || suppliedYears.has(year)

  function isWeekend(date: LocalDate): boolean {
    const dow = dayOfWeek(date)
    return dow === 0 || dow === 6
  }

  function isWorkingDay(date: LocalDate): boolean {
    const override = byDate.get(date)
    if (override) return override.type === '工作日'
    const { year } = dateParts(date)
    if (!covered(year)) throw new InputError(missingYearMessage(year))
    if (HOLIDAYS.has(date)) return false
    if (WORKDAYS.has(date)) return true
    return !isWeekend(date)
  }

  function describe(date: LocalDate): string {
    const override = byDate.get(date)
    const weekday = WEEKDAY_NAMES[dayOfWeek(date)] ?? ''
    if (override)
      return override.note?.trim() || (override.type === '工作日' ? `${weekday}（工作日）` : '休息日')
    const holiday = HOLIDAYS.get(date)
    if (holiday) return holiday
    const makeUp = WORKDAYS.get(date)
    if (makeUp) return `${makeUp}调休工作日`
    return weekday
  }

  return { isWorkingDay, describe }
}
