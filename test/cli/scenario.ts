/** A small 考核表 on disk for the offline-host tests: three operators and prepared months, typed in or blank. */
import { loadWorkbookFile, saveWorkbookFile } from '../../src/cli/file'
import { newXlsxBook, XlsxWorkbook } from '../../src/cli/xlsx-workbook'
import { monthLayout, monthSheetName, ROSTER_LAYOUT } from '../../src/workbook/layouts'
import { prepareMonth, setupWorkbook } from '../../src/workbook/workflows'

export const ROSTER = [
  ['GZ01', '陈晓琳', '', '话务员', '2023-03-01', '', ''],
  ['GZ02', '黄志强', '越秀区人民法院', '带班班长', '2022-01-10', '', ''],
  ['GZ03', '李嘉欣', '', '话务员', '2024-01-02', '', ''],
]

export const INPUTS = ['出勤天数', '接听电话数', '文字咨询条数', '全勤', '领导评价', '满意率'] as const

/** Values that close cleanly (第七条), by 工号. */
export const GOOD: Record<string, (string | number)[]> = {
  GZ01: [20, 1501, 0, '是', 9, 0.985],
  GZ02: [21, 1100, 60, '是', 9.5, 0.99],
  GZ03: [19.5, 1200, 30, '否', 8.5, 0.97],
}

/** Writes `file`: set up, 人员 from `roster`, each month prepared and its inputs filled (`values`, or blank). */
export async function writeScenario(
  file: string,
  months: readonly string[],
  options: { roster?: (string | number)[][]; values?: Record<string, (string | number)[]> } = {},
): Promise<void> {
  const raw = newXlsxBook()
  const book = new XlsxWorkbook(raw, { user: 'tester' })
  const setup = setupWorkbook(book)
  if (!setup.ok) throw new Error(setup.message)
  book.apply(setup.plan)
  book.apply({
    message: '',
    writes: [
      { sheet: ROSTER_LAYOUT.name, layout: ROSTER_LAYOUT, mode: 'replace', rows: options.roster ?? ROSTER },
    ],
  })
  for (const month of months) {
    const prepared = prepareMonth(book, month)
    if (!prepared.ok) throw new Error(prepared.message)
    book.apply(prepared.plan)
    const name = monthSheetName(month)
    const grid = book.read([name]).get(name) ?? []
    const values = options.values
    if (!values) continue
    book.apply({
      message: '',
      writes: [
        {
          sheet: name,
          layout: monthLayout(month),
          mode: 'columns',
          columns: INPUTS,
          rows: grid.slice(1).map((r) => values[String(r[0])] ?? INPUTS.map(() => '')),
        },
      ],
    })
  }
  await saveWorkbookFile(raw, file)
}

/** The 日志 rows of a saved workbook as `操作 期间` strings, and the names of its protected sheets. */
export async function logAndProtection(file: string): Promise<{ log: string[]; protectedSheets: string[] }> {
  const raw = await loadWorkbookFile(file)
  const book = new XlsxWorkbook(raw)
  const grid = book.read(['日志']).get('日志') ?? []
  const header = (grid[0] ?? []).map(String)
  const action = header.indexOf('操作')
  const period = header.indexOf('期间')
  const log = grid.slice(1).map((r) => `${String(r[action])} ${String(r[period])}`)
  const protectedSheets = raw.worksheets
    .filter((ws) => (ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet)
    .map((ws) => ws.name)
  return { log, protectedSheets }
}
