/**
 * What the cell functions need from their host, behind small hooks so tests and other hosts can swap them:
 * the rules in force (in Sheets: the `规则` sheet, as the closes read it), reading a Date in the
 * spreadsheet's time zone, and the sheet row of the formula (to name rows in error messages).
 * Every Apps Script global is guarded, so the bundle also runs in a bare V8 context.
 */
import type { LocalDate } from '../core/dates'
import { eligibility } from '../core/eligibility'
import type { DayOverride } from '../core/holidays'
import { emptyCounts, type MonthCounts, monthCounts } from '../core/incidents'
import type { Operator } from '../core/model'
import type { DateReader } from '../core/parse'
import { defaultDateReader, isDate } from '../core/parse'
import { type MonthKey, monthPeriod } from '../core/period'
import { defaultRules, type Rules } from '../core/rules'
import { INPUT_SHEETS, parseInputs } from '../workbook/context'
import { monthOfSheetName, SHEET } from '../workbook/layouts'
import { cellOf, idOf, readHolidays, rulesForPeriod, table } from '../workbook/read'
import type { Cell, Grid } from '../workbook/types'

export type RulesProvider = () => Rules

/**
 * In Sheets, cell functions compute with the `规则` sheet's values in force on the first day of the month
 * of the sheet holding the formula (`2026-05 月度`), or of this month elsewhere — the same reading of the
 * sheet as the closes (src/workbook/read.ts), so a preview and a close agree. Defaults without Apps Script
 * or without a `规则` sheet.
 */
function sheetRules(): Rules {
  try {
    const grid = sheetGrid(SHEET.rules)
    if (!grid) return defaultRules()
    return rulesForPeriod(grid, monthPeriod(formulaMonth()))
  } catch (e) {
    console.error('规则表读取失败，按默认规则计算', e)
    return defaultRules()
  }
}

/**
 * A sheet of the active spreadsheet as workflows see it (dates as ISO text in the spreadsheet's time
 * zone, blanks as ''), read in one call; null without Apps Script or without the sheet.
 */
function sheetGrid(name: string): Grid | null {
  if (typeof SpreadsheetApp === 'undefined' || typeof Utilities === 'undefined') return null
  const sheet = SpreadsheetApp.getActive().getSheetByName(name)
  if (!sheet) return null
  const readDate = sheetDateReader()
  return sheet
    .getDataRange()
    .getValues()
    .map((row) =>
      row.map((v): Cell => (isDate(v) ? readDate(v) : v === null || v === undefined ? '' : (v as Cell))),
    )
}

/** The month of the sheet holding the formula (`2026-05 月度`), or this month elsewhere. */
function formulaMonth(): MonthKey {
  const ss = SpreadsheetApp.getActive()
  const today = Utilities.formatDate(new Date(), ss.getSpreadsheetTimeZone(), 'yyyy-MM')
  return monthOfSheetName(ss.getActiveSheet().getName()) ?? today
}

export type HolidaysProvider = () => readonly DayOverride[]

/** 节假日 as the closes read it (SPEC §8: the sheet counts everywhere a deadline is shown, =DEADLINE() too). */
function sheetHolidays(): readonly DayOverride[] {
  try {
    const grid = sheetGrid(SHEET.holidays)
    return grid ? readHolidays(table(SHEET.holidays, grid), []) : []
  } catch (e) {
    console.error('节假日表读取失败，按内置日历计算', e)
    return []
  }
}

let holidaysProvider: HolidaysProvider = sheetHolidays

/** Hook for the `节假日` sheet (null restores the sheet reader). */
export function setHolidaysProvider(provider: HolidaysProvider | null): void {
  holidaysProvider = provider ?? sheetHolidays
}

export function currentHolidays(): readonly DayOverride[] {
  return holidaysProvider()
}

let rulesProvider: RulesProvider = sheetRules

/** Hook for the `规则` sheet: custom functions compute with the rules this returns (null restores defaults). */
export function setRulesProvider(provider: RulesProvider | null): void {
  rulesProvider = provider ?? sheetRules
}

export function currentRules(): Rules {
  return rulesProvider()
}

/**
 * A DateReader in the spreadsheet's time zone when Apps Script's globals exist (time zone fetched once,
 * on first use); the runtime's local calendar otherwise.
 */
export function sheetDateReader(): DateReader {
  if (typeof Utilities === 'undefined' || typeof SpreadsheetApp === 'undefined') return defaultDateReader
  let timeZone: string | null = null
  return (d: Date): LocalDate => {
    if (timeZone === null) {
      try {
        timeZone = SpreadsheetApp.getActive().getSpreadsheetTimeZone()
      } catch {
        return defaultDateReader(d)
      }
    }
    return Utilities.formatDate(d, timeZone, 'yyyy-MM-dd')
  }
}

/** The sheet row of the cell holding the formula, when the host can tell (Sheets: the active range). */
export function formulaRow(): number | null {
  if (typeof SpreadsheetApp === 'undefined') return null
  try {
    const range = SpreadsheetApp.getActiveRange()
    return range ? range.getRow() : null
  } catch {
    return null
  }
}

/** What a month-sheet formula knows of its rows: who each one is, and the records behind them. */
export interface MonthSheetContext {
  /** The operator on the sheet row of range row `i` (0-based), or null (not a roster 工号). */
  operatorAt(i: number): Operator | null
  eligible(op: Operator): boolean
  countsOf(id: string): MonthCounts
  /**
   * The month sheet's own cell under `header` on the sheet row of range row `i` (undefined: no such
   * column): the import's columns after the results (SPEC §14), which a formula's range need not cover.
   */
  cellAt(i: number, header: string): unknown
}

/**
 * In Sheets, for a formula on a month sheet (`2026-05 月度`) whose range starts at the formula's row: the
 * month's inputs as the close parses them (规则, 人员, 借调, 事件, 值班, 节假日 — read in one call each) and
 * the 工号 of each of the formula's rows, so MONTHSCORE can fill blank counts from the records (SPEC §10).
 * Null elsewhere (another sheet, no Apps Script, the row unknown).
 */
export function monthSheetContext(): MonthSheetContext | null {
  if (typeof SpreadsheetApp === 'undefined' || typeof Utilities === 'undefined') return null
  try {
    const active = SpreadsheetApp.getActive().getActiveSheet()
    const month = monthOfSheetName(active.getName())
    const base = formulaRow()
    if (month === null || base === null) return null
    const grids = new Map<string, Grid>()
    for (const name of [...INPUT_SHEETS, active.getName()]) {
      const grid = sheetGrid(name)
      if (grid) grids.set(name, grid)
    }
    const period = monthPeriod(month)
    const inputs = parseInputs(grids, period)
    const t = table(active.getName(), grids.get(active.getName()))
    const rowAt = new Map(t.rows.map((r) => [r.row, r]))
    const cellAt = (i: number, header: string): Cell | undefined => {
      const row = rowAt.get(base + i)
      return row && t.columns.has(header) ? cellOf(t, row, header) : undefined
    }
    const counts = monthCounts(inputs.incidents, month, inputs.duties, inputs.rules)
    const none = emptyCounts()
    return {
      operatorAt: (i) => inputs.byId.get(idOf(cellAt(i, '工号'))) ?? null,
      eligible: (op) => eligibility(op, period, inputs.secondments, inputs.rules).eligible,
      countsOf: (id) => counts.get(id) ?? none,
      cellAt,
    }
  } catch (e) {
    console.error('月度表的记录读取失败，按输入区域本身计算', e)
    return null
  }
}
