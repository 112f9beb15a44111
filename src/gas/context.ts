/**
 * What the cell functions need from their host, behind small hooks so tests and other hosts can swap them:
 * the rules in force (default rules until the `规则` sheet is wired in), reading a Date in the
 * spreadsheet's time zone, and the sheet row of the formula (to name rows in error messages).
 * Every Apps Script global is guarded, so the bundle also runs in a bare V8 context.
 */
import type { LocalDate } from '../core/dates'
import type { DateReader } from '../core/parse'
import { defaultDateReader } from '../core/parse'
import { defaultRules, type Rules } from '../core/rules'

export type RulesProvider = () => Rules

let rulesProvider: RulesProvider = defaultRules

/** Hook for the `规则` sheet: custom functions compute with the rules this returns (null restores defaults). */
export function setRulesProvider(provider: RulesProvider | null): void {
  rulesProvider = provider ?? defaultRules
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
