/**
 * SPEC §14 import benchmark (part of `npm run bench`; alone: `node --import tsx bench/import.ts`, after a build):
 *  - offline: a 500-operator platform export (.xlsx bytes → grid → import → apply) over an .xlsx workbook;
 *  - Sheets: SpreadsheetApp calls of 导入… through dist/Code.js and the Apps Script double, 18 and 500 operators.
 */
import ExcelJS from 'exceljs'
import { readGrid, XlsxWorkbook } from '../src/cli/xlsx-workbook'
import { importPlatformExport } from '../src/workbook/import'
import { ROSTER_LAYOUT } from '../src/workbook/layouts'
import { setupWorkbook } from '../src/workbook/workflows'
import { platformExportRows as exportRows, menu, openSheets, rosterRows } from '../test/e2e/sheets-scenario'
import { FakeAppsScript, type Stored } from '../test/support/fake-apps-script'

export interface ImportBench {
  /** Offline, 500 operators: reading the export's .xlsx bytes, the import, applying it (ms). */
  readonly offline: { readonly parse: number; readonly importMs: number; readonly total: number }
  /**
   * Sheets calls of an import by size, into a month sheet 新建月度录入表 made: first, values changed, same
   * file again, and values changed with the tab left blank in the prompt (the active tab).
   */
  readonly calls: readonly {
    readonly n: number
    readonly first: number
    readonly changed: number
    readonly again: number
    readonly activeTab: number
  }[]
  /** Sheets calls of 导入考勤… by size: a file with new rows, then the same file again. */
  readonly attendance: readonly { readonly n: number; readonly first: number; readonly again: number }[]
}

async function offline(n: number): Promise<ImportBench['offline']> {
  const exported = new ExcelJS.Workbook()
  const ws = exported.addWorksheet('坐席工作量统计')
  const rows = exportRows(n)
  for (const row of rows) ws.addRow(row)
  ws.mergeCells(1, 1, 1, rows[1]?.length ?? 1)
  const bytes = Buffer.from((await exported.xlsx.writeBuffer()) as ArrayBuffer)
  const raw = new ExcelJS.Workbook()
  const book = new XlsxWorkbook(raw, { user: 'bench' })
  const setup = setupWorkbook(book)
  if (setup.ok) book.apply(setup.plan)
  book.apply({
    message: '',
    writes: [
      { sheet: ROSTER_LAYOUT.name, layout: ROSTER_LAYOUT, mode: 'replace', rows: rosterRows(n) as never },
    ],
  })
  const t0 = performance.now()
  const loaded = new ExcelJS.Workbook()
  await loaded.xlsx.load(bytes as unknown as ArrayBuffer)
  const sheet = loaded.worksheets[0]
  const grid = sheet ? readGrid(sheet) : []
  const t1 = performance.now()
  const outcome = importPlatformExport(book, '2026-05', {
    label: '坐席工作量统计.xlsx',
    sheet: '坐席工作量统计',
    grid,
  })
  if (!outcome.ok) throw new Error(outcome.message)
  book.apply(outcome.plan)
  const t2 = performance.now()
  return { parse: t1 - t0, importMs: t2 - t1, total: t2 - t0 }
}

function sheetsCalls(n: number): ImportBench['calls'][number] {
  const s = openSheets('Asia/Shanghai', new Date('2026-06-03T02:00:00Z'))
  menu(s, 'menuSetup')
  s.fake.sheet('人员').getRange(2, 1, n, 7).setValues(rosterRows(n))
  const rows = exportRows(n)
  s.fake.spreadsheet
    .insertSheet('平台导出')
    .getRange(1, 1, rows.length, rows[1]?.length ?? 1)
    .setValues(rows)
  menu(s, 'menuNewMonth', '2026-05')
  const count = (tab = '平台导出') => {
    s.fake.resetCounts()
    menu(s, 'menuImport', '2026-05', tab)
    const at = s.fake.alertCounts[s.fake.alertCounts.length - 1]
    return at ? FakeAppsScript.sum(at) : Number.NaN
  }
  const first = count()
  s.fake
    .sheet('平台导出')
    .getRange(3, 3)
    .setValues([[1400]])
  const changed = count()
  const again = count()
  s.fake
    .sheet('平台导出')
    .getRange(3, 3)
    .setValues([[1401]])
  s.fake.sheet('平台导出').activate()
  return { n, first, changed, again, activeTab: count('') }
}

function attendanceCalls(n: number): ImportBench['attendance'][number] {
  const s = openSheets('Asia/Shanghai', new Date('2026-06-03T02:00:00Z'))
  menu(s, 'menuSetup')
  s.fake.sheet('人员').getRange(2, 1, n, 7).setValues(rosterRows(n))
  const rows: Stored[][] = [['日期', '工号', '姓名', '考勤状态']]
  for (let i = 1; i <= n; i++)
    rows.push(['2026-05-06', String(i).padStart(3, '0'), `话务员${i}`, i % 3 ? '正常' : '迟到'])
  s.fake.spreadsheet.insertSheet('考勤').getRange(1, 1, rows.length, 4).setValues(rows)
  const count = () => {
    s.fake.resetCounts()
    menu(s, 'menuImportAttendance', '考勤')
    const at = s.fake.alertCounts[s.fake.alertCounts.length - 1]
    return at ? FakeAppsScript.sum(at) : Number.NaN
  }
  const first = count()
  return { n, first, again: count() }
}

export async function importBench(): Promise<ImportBench> {
  await offline(18) // warm-up
  return {
    offline: await offline(500),
    calls: [18, 500].map(sheetsCalls),
    attendance: [18, 500].map(attendanceCalls),
  }
}

if (process.argv[1]?.endsWith('bench/import.ts')) console.log(JSON.stringify(await importBench(), null, 2))
