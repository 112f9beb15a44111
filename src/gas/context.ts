/**
 * What the cell functions need from their host, behind small hooks so tests and other hosts can swap them:
 * the rules in force (in Sheets: the `规则` sheet, as the closes read it), reading a Date in the
 * spreadsheet's time zone, and the sheet row of the formula (to name rows in error messages).
 * Every Apps Script global is guarded, so the bundle also runs in a bare V8 context.
 */
import type { LocalDate } from '../core/dates'
import type { DayOverride } from '../core/holidays'
import type { DateReader } from '../core/parse'
import { defaultDateReader } from '../core/parse'
import { monthPeriod } from '../core/period'
import { defaultRules, type Rules } from '../core/rules'
import { readDayOverrides } from '../workbook/insights'
import { monthOfSheetName, SHEET } from '../workbook/layouts'
import { rulesForPeriod } from '../workbook/read'
import type { Cell } from '../workbook/types'

export type RulesProvider = () => Rules

/**
 * In Sheets, cell functions compute with the `规则` sheet's values in force on the first day of the month
 * of the sheet holding the formula (`2026-05 月度`), or of this month elsewhere — the same reading of the
 * sheet as the closes (src/workbook/read.ts), so a preview and a close agree. Defaults without Apps Script
 * or without a `规则` sheet.
 */
function sheetRules(): Rules {
  if (typeof SpreadsheetApp === 'undefined' || typeof Utilities === 'undefined') return defaultRules()
  try {
    const ss = SpreadsheetApp.getActive()
    const sheet = ss.getSheetByName(SHEET.rules)
    if (!sheet) return defaultRules()
    const readDate = sheetDateReader()
    const grid = sheet
      .getDataRange()
      .getValues()
      .map((row) => row.map((v): Cell => (v instanceof Date ? readDate(v) : v === null ? '' : (v as Cell))))
    const today = Utilities.formatDate(new Date(), ss.getSpreadsheetTimeZone(), 'yyyy-MM')
    const month = monthOfSheetName(ss.getActiveSheet().getName()) ?? today
    return rulesForPeriod(grid, monthPeriod(month))
  } catch (e) {
    console.error('规则表读取失败，按默认规则计算', e)
    return defaultRules()
  }
}

let rulesProvider: RulesProvider = sheetRules

/**
 * The `节假日` sheet's rows, as the closes and the sidebar read them (SPEC §8: =DEADLINE() counts the sheet
 * too, so a year entered there — by hand or by 导入节假日安排… — is known data). None without Apps Script.
 */
export function sheetDayOverrides(): DayOverride[] {
  if (typeof SpreadsheetApp === 'undefined' || typeof Utilities === 'undefined') return []
  try {
    const sheet = SpreadsheetApp.getActive().getSheetByName(SHEET.holidays)
    if (!sheet) return []
    const readDate = sheetDateReader()
    const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]'
    const grid = sheet
      .getDataRange()
      .getValues()
      .map((row) => row.map((v): Cell => (isDate(v) ? readDate(v) : v === null ? '' : (v as Cell))))
    return readDayOverrides(grid)
  } catch (e) {
    console.error('节假日表读取失败，按内置日历计算', e)
    return []
  }
}

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
