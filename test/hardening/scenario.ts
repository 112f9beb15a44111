/**
 * Shared steps for the hardening tests that run the workflows through a real host (the SpreadsheetApp
 * double or the .xlsx workbook): a small team whose names and notes look like formulas, May 2026 typed in.
 */
import type { XlsxWorkbook } from '../../src/cli/xlsx-workbook'
import { SpreadsheetWorkbook } from '../../src/gas/spreadsheet-workbook'
import { monthSheetName, SHEET } from '../../src/workbook/layouts'
import type { Outcome } from '../../src/workbook/outcome'
import type { Cell, Grid, Workbook } from '../../src/workbook/types'
import { prepareMonth, setupWorkbook } from '../../src/workbook/workflows'
import type { FakeAppsScript } from '../support/fake-apps-script'

/** Names a formula injection would love: each must stay the text it is, in every sheet it reaches. */
export const TRICKY_NAMES = [
  '=1+1',
  '+8613800000000',
  '-王五',
  '@张三',
  '=HYPERLINK("http://evil.example","点我")',
]
export const TRICKY_NOTES = ["=cmd|' /C calc'!A0", '@SUM(1,2)', '-2+3', '+1']

export const MONTH = '2026-05'
export const MONTH_SHEET = monthSheetName(MONTH)

export const ids = TRICKY_NAMES.map((_, i) => `H${i + 1}`)

export function rosterRows(): Cell[][] {
  return TRICKY_NAMES.map((name, i) => [
    ids[i] ?? '',
    name,
    i === 1 ? '=越秀区人民法院' : '',
    i === 0 ? '带班班长' : '话务员',
    '2024-01-02',
    '',
    TRICKY_NOTES[i % TRICKY_NOTES.length] ?? '',
  ])
}

export function eventRows(): Cell[][] {
  return [
    ['2026-05-12', 'H3', '表扬', '', '', TRICKY_NOTES[1] ?? ''],
    ['2026-05-13', 'H4', '有效投诉', 3, '=A1', TRICKY_NOTES[0] ?? ''],
  ]
}

/** The month inputs typed for operator i (0-based): different totals so the ranking is strict. */
export function monthValues(i: number): Record<string, Cell> {
  return {
    出勤天数: 20,
    接听电话数: 1500 + 40 * i,
    文字咨询条数: 0,
    全勤: '是',
    领导评价: 8,
    满意率: 0.96,
  }
}

export function must(o: Outcome): Extract<Outcome, { ok: true }> {
  if (!o.ok)
    throw new Error(`${o.message}\n${o.problems.map((p) => `${p.sheet} ${p.cell} ${p.message}`).join('\n')}`)
  return o
}

/** A Sheets host over the double's counted globals. */
export function sheetsBook(fake: FakeAppsScript): SpreadsheetWorkbook {
  const g = fake.globals()
  return new SpreadsheetWorkbook({
    app: g.SpreadsheetApp,
    spreadsheet: g.SpreadsheetApp.getActive(),
    utilities: g.Utilities,
    session: g.Session,
  })
}

/** Staff typing one value into a cell (1-based row and column) in the host's own UI. */
export type TypeCell = (sheet: string, row: number, column: number, value: Cell) => void

/** The double's UI: a value typed into a cell (counted neither as a read nor as a write of the host). */
export function typeInSheets(fake: FakeAppsScript): TypeCell {
  return (sheet, row, column, value) => {
    fake
      .sheet(sheet)
      .getRange(row, column)
      .setValues([[value]])
  }
}

/** Excel's UI: a value typed into a cell of the workbook held by the .xlsx host. */
export function typeInXlsx(book: XlsxWorkbook): TypeCell {
  return (sheet, row, column, value) => {
    const ws = book.book.getWorksheet(sheet)
    if (!ws) throw new Error(`no sheet ${sheet}`)
    ws.getCell(row, column).value = value
  }
}

/**
 * Setup, the team typed into 人员 and 事件, May prepared and typed in: ready to close. `host()` gives the
 * Workbook of one menu action (Sheets: a new execution, so a new host that has not seen the sheets yet).
 */
export function typeTeam(host: () => Workbook, type: TypeCell): void {
  host().apply(must(setupWorkbook(host())).plan)
  const typeRows = (sheet: string, rows: Cell[][]) =>
    rows.forEach((row, r) => {
      row.forEach((v, c) => {
        if (v !== '') type(sheet, r + 2, c + 1, v)
      })
    })
  typeRows(SHEET.roster, rosterRows())
  typeRows(SHEET.events, eventRows())
  const book = host()
  book.apply(must(prepareMonth(book, MONTH)).plan)
  const head = (host().read([MONTH_SHEET]).get(MONTH_SHEET)?.[0] ?? []).map(String)
  ids.forEach((_, i) => {
    for (const [h, v] of Object.entries(monthValues(i))) type(MONTH_SHEET, i + 2, head.indexOf(h) + 1, v)
  })
}

/** A sheet's data rows as records by header. */
export function records(grid: Grid | undefined): Record<string, Cell>[] {
  const [head = [], ...rows] = grid ?? []
  return rows.map((r) => Object.fromEntries(head.map((h, i) => [String(h), r[i] ?? ''])))
}
