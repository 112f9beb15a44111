/**
 * The Apps Script entry: only re-exports. Every function exported here becomes a top-level function in
 * dist/Code.js (scripts/build.mjs), with its JSDoc, so Sheets sees custom functions and menu handlers.
 */

export { menuDashboard, showReport, showStatement } from './dashboard'
export * from './functions'
export { importHolidays, menuImportHolidays } from './holidays-dialog'
export {
  menuAlerts,
  menuCloseMonth,
  menuCloseQuarter,
  menuCloseYear,
  menuHelp,
  menuImport,
  menuImportAttendance,
  menuNewMonth,
  menuPublish,
  menuReopen,
  menuSetup,
  menuValidate,
  onInstall,
  onOpen,
} from './menu'
