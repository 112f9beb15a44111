/**
 * SPEC §11: a closed quarter or year sheet is protected, but the leaders' own columns (最终档次, 备注; in
 * the year sheet also 领导评价) stay unlocked, so Excel and WPS accept what the leader types; the next close
 * keeps it.
 */
import path from 'node:path'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { closeCommand, EXIT } from '../../src/cli/commands'
import { saveWorkbookFile } from '../../src/cli/file'
import { newXlsxBook, XlsxWorkbook } from '../../src/cli/xlsx-workbook'
import { parsePeriod } from '../../src/core/period'
import { monthLayout, monthSheetName, ROSTER_LAYOUT } from '../../src/workbook/layouts'
import type { Outcome } from '../../src/workbook/outcome'
import { closePeriod, prepareMonth, publishPeriod, setupWorkbook } from '../../src/workbook/workflows'
import { tempDir, testContext } from './support'

const INPUTS = ['出勤天数', '接听电话数', '文字咨询条数', '全勤', '领导评价', '满意率'] as const
const CALLS: Record<string, number> = { GZ01: 1600, GZ02: 1500, GZ03: 1400, GZ04: 1300 }

function must(book: XlsxWorkbook, o: Outcome): void {
  if (!o.ok)
    throw new Error(`${o.message}: ${o.problems.map((p) => `${p.sheet} ${p.cell} ${p.message}`).join('; ')}`)
  book.apply(o.plan)
}

/** A .xlsx with 2025-04 … 2025-06 closed and 2025-Q2 closed, saved to `file`. */
async function closedQuarterFile(file: string): Promise<void> {
  let now = new Date('2025-07-11T01:00:00Z')
  const raw = newXlsxBook(now)
  const book = new XlsxWorkbook(raw, { clock: () => now, user: 'tester' })
  must(book, setupWorkbook(book))
  book.apply({
    message: '',
    writes: [
      {
        sheet: ROSTER_LAYOUT.name,
        layout: ROSTER_LAYOUT,
        mode: 'replace',
        rows: Object.keys(CALLS).map((id, i) => [id, `话务员${i + 1}`, '', '话务员', '2023-01-02', '', '']),
      },
    ],
  })
  for (const m of ['2025-04', '2025-05', '2025-06']) {
    must(book, prepareMonth(book, m))
    const name = monthSheetName(m)
    const grid = book.read([name]).get(name) ?? []
    const rows = grid.slice(1).map((r) => [20, CALLS[String(r[0])] ?? 0, 0, '是', 8, 0.95])
    book.apply({
      message: '',
      writes: [{ sheet: name, layout: monthLayout(m), mode: 'columns', columns: INPUTS, rows }],
    })
    must(book, closePeriod(book, parsePeriod(m)))
  }
  now = new Date('2025-07-12T01:00:00Z')
  must(book, closePeriod(book, parsePeriod('2025-Q2')))
  await saveWorkbookFile(raw, file)
}

function headerIndex(ws: ExcelJS.Worksheet): Map<string, number> {
  const out = new Map<string, number>()
  ws.getRow(1).eachCell((c, col) => {
    out.set(String(c.value), col)
  })
  return out
}

describe('SPEC §11 closed quarter sheet: leaders’ columns unlocked in a protected sheet (.xlsx)', () => {
  it('the leader types 最终档次 and 备注 in Excel after the close; closing again keeps the 最终档次', async () => {
    const file = path.join(tempDir(), '考核.xlsx')
    await closedQuarterFile(file)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(file)
    const ws = wb.getWorksheet('2025-Q2 季度')
    if (!ws) throw new Error('no quarter sheet')
    expect((ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet).toBe(true)
    const h = headerIndex(ws)
    const at = (header: string) => h.get(header) ?? -1
    for (const r of [2, 5, 40]) {
      expect(ws.getCell(r, at('最终档次')).protection?.locked, `最终档次 row ${r}`).toBe(false)
      expect(ws.getCell(r, at('备注')).protection?.locked, `备注 row ${r}`).toBe(false)
    }
    // Everything else stays locked (the default of a protected sheet).
    for (const header of ['工号', '季度得分', '排名', '建议档次'])
      expect(ws.getCell(2, at(header)).protection?.locked, header).not.toBe(false)

    // The leader's entry, as Excel would save it.
    const row = [2, 3, 4, 5].find((r) => ws.getCell(r, at('工号')).value === 'GZ01') ?? 2
    ws.getCell(row, at('最终档次')).value = '优秀'
    await wb.xlsx.writeFile(file)

    const { ctx } = testContext(new Date('2025-07-13T01:00:00Z'))
    expect(await closeCommand(file, '2025-Q2', ctx)).toBe(EXIT.ok)
    const after = new ExcelJS.Workbook()
    await after.xlsx.readFile(file)
    const again = after.getWorksheet('2025-Q2 季度')
    if (!again) throw new Error('no quarter sheet')
    const h2 = headerIndex(again)
    const gz01 = [2, 3, 4, 5].find((r) => again.getCell(r, h2.get('工号') ?? 1).value === 'GZ01') ?? 2
    expect(again.getCell(gz01, h2.get('最终档次') ?? 1).value).toBe('优秀')
    expect(again.getCell(gz01, h2.get('最终档次') ?? 1).protection?.locked).toBe(false)
    expect((again as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet).toBe(true)
  })
})

describe('SPEC §16 what staff see and print (.xlsx)', () => {
  it('every sheet: A4, fit to one page wide, header row repeated; month/quarter/公示 landscape with 工号/姓名', async () => {
    const file = path.join(tempDir(), '考核.xlsx')
    await closedQuarterFile(file)
    const raw = new ExcelJS.Workbook()
    await raw.xlsx.readFile(file)
    const book = new XlsxWorkbook(raw, { clock: () => new Date('2025-07-13T01:00:00Z') })
    const published = publishPeriod(book, parsePeriod('2025-06'))
    if (!published.ok) throw new Error(published.message)
    book.apply(published.plan)
    await saveWorkbookFile(raw, file)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(file)
    for (const ws of wb.worksheets) {
      const p = ws.pageSetup
      expect(p.paperSize, ws.name).toBe(9)
      expect(p.fitToPage, ws.name).toBe(true)
      expect(p.fitToWidth, ws.name).toBe(1)
      expect(p.fitToHeight, ws.name).toBe(0)
      expect(p.printTitlesRow, ws.name).toBe('1:1')
    }
    for (const name of ['2025-06 月度', '2025-Q2 季度', '公示']) {
      const p = wb.getWorksheet(name)?.pageSetup
      expect(p?.orientation, name).toBe('landscape')
      expect(p?.printTitlesColumn, name).toBe('A:B')
    }
    // A month sheet prints §9's columns through 按记录统计; the import's columns after them stay on screen.
    const june = wb.getWorksheet('2025-06 月度')
    if (!june) throw new Error('no 2025-06 月度')
    const head = (june.getRow(1).values as unknown[]).map(String)
    const counted = head.indexOf('按记录统计') // 1-based: row.values starts at index 1
    expect(head.indexOf('平台出勤天数')).toBeGreaterThan(counted)
    expect(june.pageSetup.printArea).toBe(`A1:${june.getColumn(counted).letter}${june.rowCount}`)
    expect(wb.getWorksheet('2025-Q2 季度')?.pageSetup.printArea).toBeUndefined()
    // 公示: its title (the month, 公示期) at the top of every page.
    expect(wb.getWorksheet('公示')?.headerFooter.oddHeader).toMatch(
      /&14 2025年6月考核分数初步统计公示（公示期至2025-07-\d\d）/,
    )
    const footer = wb
      .getWorksheet('公示')
      ?.getColumn(1)
      .values.filter((v) => typeof v === 'string')
      .at(-1)
    expect(footer).not.toContain('已结算')
    // The due date once (07-05 is a Saturday: rolled to 07-09, the nominal day named as the reason).
    expect(String(footer).match(/2025-07-09/g)).toHaveLength(1)
    expect(footer).toContain('公示截止日：2025-07-09（名义截止日2025-07-05遇节假日，依第八条顺延）')
    expect(footer).toMatch(/前向带班班长提出/)
    // Month sheet: result headers in their own colour, result cells lightly filled, inputs plain.
    const month = wb.getWorksheet('2025-04 月度') // April: three stars, the fourth plain
    if (!month) throw new Error('no month sheet')
    const h = headerIndex(month)
    const fill = (r: number, header: string) =>
      (month.getCell(r, h.get(header) ?? 1).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb
    expect(fill(1, '月度总分')).toBe('FFFCE8D4')
    expect(fill(1, '接听电话数')).toBe('FFE8F0FE')
    const plain = [2, 3, 4, 5].filter((r) => fill(r, '接听电话数') === undefined) // rows with no highlight
    expect(plain.length).toBeGreaterThan(0)
    for (const r of plain) expect(fill(r, '月度总分')).toBe('FFF6F6F6')
    // Explaining text wraps: 补休 来源, 预警 原因, quarter 备注.
    for (const [sheet, header] of [
      ['补休', '来源'],
      ['预警', '原因'],
      ['2025-Q2 季度', '备注'],
    ] as const) {
      const ws = wb.getWorksheet(sheet)
      if (!ws) throw new Error(sheet)
      expect(ws.getColumn(headerIndex(ws).get(header) ?? 1).alignment?.wrapText, `${sheet} ${header}`).toBe(
        true,
      )
    }
  })
})
