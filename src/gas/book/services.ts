/** The Apps Script services the Sheets host needs; the defaults are the globals Apps Script provides. */
export interface GasServices {
  readonly app: GoogleAppsScript.Spreadsheet.SpreadsheetApp
  readonly spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet
  readonly utilities: GoogleAppsScript.Utilities.Utilities
  readonly session: GoogleAppsScript.Base.Session
}

export function gasServices(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet = SpreadsheetApp.getActive(),
): GasServices {
  return {
    app: SpreadsheetApp,
    spreadsheet,
    utilities: Utilities,
    session: Session,
  }
}
