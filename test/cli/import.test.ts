/**
 * SPEC §14 on the command line: `kaohe import` from a real .xlsx export (title merged across the columns, a
 * 合计 row) and from a GBK CSV as Chinese Windows saves it; `kaohe import-attendance`. Then the close.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { closeCommand, EXIT, initCommand } from '../../src/cli/commands'
import { loadWorkbookFile, saveWorkbookFile } from '../../src/cli/file'
import { decodeCsv, importAttendanceCommand, importCommand } from '../../src/cli/import-commands'
import { XlsxWorkbook } from '../../src/cli/xlsx-workbook'
import { monthSheetName, ROSTER_LAYOUT } from '../../src/workbook/layouts'
import type { Cell } from '../../src/workbook/types'
import { MAY, platformExport } from '../workbook/import-fixture'
import { sha256, tempDir, testContext } from './support'

const ROSTER: Cell[][] = [
  ['A01', '张明', '', '带班班长', '2024-01-02', '', ''],
  ['A02', '李华', '番禺区人民法院', '话务员', '2024-03-01', '', ''],
  ['A03', '王芳', '', '话务员', '2024-05-06', '', ''],
  ['A04', '赵强', '天河区人民法院', '话务员', '2025-01-02', '', ''],
  ['A05', '陈静', '', '话务员', '2025-02-03', '', ''],
  ['A06', '刘洋', '', '话务员', '2025-06-01', '', ''],
]

async function newAssessmentBook(dir: string): Promise<string> {
  const file = path.join(dir, '考核.xlsx')
  const { ctx } = testContext(new Date('2026-06-03T01:00:00Z'))
  expect(await initCommand(file, ctx)).toBe(EXIT.ok)
  const raw = await loadWorkbookFile(file)
  new XlsxWorkbook(raw).apply({
    message: '',
    writes: [{ sheet: ROSTER_LAYOUT.name, layout: ROSTER_LAYOUT, mode: 'replace', rows: ROSTER }],
  })
  await saveWorkbookFile(raw, file)
  return file
}

/** The platform's .xlsx: the title merged across the header's width, as the platform exports it. */
async function xlsxExport(file: string, grid: Cell[][]): Promise<void> {
  const book = new ExcelJS.Workbook()
  const ws = book.addWorksheet('坐席工作量统计')
  grid.forEach((row, r) => {
    row.forEach((v, c) => {
      if (v !== '') ws.getCell(r + 1, c + 1).value = v
    })
  })
  ws.mergeCells(1, 1, 1, grid[2]?.length ?? 1)
  ws.mergeCells(2, 1, 2, 4)
  await book.xlsx.writeFile(file)
}

/** GBK bytes of a text, from Node's own GBK decoder (every two-byte code decoded once, then reversed). */
function gbk(text: string): Buffer {
  const table = new Map<string, number[]>()
  const pairs: number[] = []
  for (let a = 0x81; a <= 0xfe; a++) for (let b = 0x40; b <= 0xfe; b++) if (b !== 0x7f) pairs.push(a, b)
  const chars = [...new TextDecoder('gbk').decode(Buffer.from(pairs))]
  chars.forEach((ch, i) => {
    if (!table.has(ch)) table.set(ch, [pairs[2 * i] ?? 0, pairs[2 * i + 1] ?? 0])
  })
  const out: number[] = []
  for (const ch of text) {
    const code = ch.charCodeAt(0)
    if (code < 0x80) out.push(code)
    else {
      const bytes = table.get(ch)
      if (!bytes) throw new Error(`not in GBK: ${ch}`)
      out.push(...bytes)
    }
  }
  return Buffer.from(out)
}

function csvText(grid: Cell[][]): string {
  return grid
    .map((row) =>
      row.map((v) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v))).join(','),
    )
    .join('\r\n')
}

async function sheetRows(file: string, name: string): Promise<Record<string, Cell>[]> {
  const raw = await loadWorkbookFile(file)
  const [head = [], ...rows] = new XlsxWorkbook(raw).read([name]).get(name) ?? []
  return rows.map((r) => Object.fromEntries(head.map((h, i) => [String(h), r[i] ?? ''])))
}

describe('kaohe import (SPEC §14)', () => {
  it('an .xlsx export with a merged title and a 合计 row fills the month; the close scores the counts', async () => {
    const dir = tempDir()
    const book = await newAssessmentBook(dir)
    const exportFile = path.join(dir, '2026年5月坐席工作量统计.xlsx')
    await xlsxExport(exportFile, platformExport(MAY))
    const { ctx, lines } = testContext(new Date('2026-06-03T01:00:00Z'))
    expect(await importCommand(book, '2026-05', exportFile, ctx)).toBe(EXIT.ok)
    expect(lines.join('\n')).toMatch(/已从“2026年5月坐席工作量统计\.xlsx”导入2026年5月：读取7行，匹配6人/)
    // Offline, the next steps are commands (SPEC §16), never the Sheets menu's words.
    expect(lines.join('\n')).toMatch(
      /请核对月度表后运行 kaohe publish \S+ 2026-05，再完成月度结算（kaohe close \S+ 2026-05）/,
    )
    expect(lines.join('\n')).not.toMatch(/“生成公示表”|“月度结算”/)
    const month = monthSheetName('2026-05')
    const rows = await sheetRows(book, month)
    const chen = rows.find((r) => r.工号 === 'A05')
    expect(chen?.平台接听电话数).toBe(1750)
    expect(chen?.接听电话数).toBe('') // the input stays blank: the close reads the platform's column
    expect(chen?.评价数).toBe(1311)
    expect(chen?.日均通话时长).toBe('2:00:00')
    // Type what the platform does not have, then close: 满意率 from (1188+36)/1311.
    const raw = await loadWorkbookFile(book)
    const xb = new XlsxWorkbook(raw)
    const grid = xb.read([month]).get(month) ?? []
    const head = (grid[0] ?? []).map(String)
    const at = (h: string) => head.indexOf(h)
    const ws = raw.getWorksheet(month)
    if (!ws) throw new Error('no month sheet')
    grid.slice(1).forEach((r, k) => {
      if (String(r[at('预警')]).startsWith('不参与')) return
      ws.getCell(k + 2, at('全勤') + 1).value = '是'
      ws.getCell(k + 2, at('领导评价') + 1).value = 9
    })
    await saveWorkbookFile(raw, book)
    const close = testContext(new Date('2026-06-03T01:00:00Z'))
    expect(await closeCommand(book, '2026-05', close.ctx)).toBe(EXIT.ok)
    const closed = await sheetRows(book, month)
    expect(closed.find((r) => r.工号 === 'A05')?.满意度得分).toBe(9.3)
    expect(typeof closed.find((r) => r.工号 === 'A05')?.工作量得分).toBe('number')
    expect(closed.find((r) => r.工号 === 'A05')?.评价数).toBe(1311) // the close keeps the import's columns
    // A closed month is refused; the file is untouched.
    const hash = sha256(book)
    const again = testContext()
    expect(await importCommand(book, '2026-05', exportFile, again.ctx)).toBe(EXIT.problems)
    expect([...again.errors, ...again.lines].join('\n')).toMatch(
      /已结算，不能导入；如需更正，请先运行 kaohe reopen \S+ 2026-05 重新开放该月/,
    )
    expect(sha256(book)).toBe(hash)
  })

  it('a GBK CSV (and a UTF-8 one with BOM) reads the same', async () => {
    const text = csvText(platformExport(MAY))
    expect(decodeCsv(gbk(text))).toBe(text)
    expect(decodeCsv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]))).toBe(text) // the BOM is dropped
    const results: Record<string, Cell>[][] = []
    for (const bytes of [gbk(text), Buffer.from(`\ufeff${text}`, 'utf8')]) {
      const dir = tempDir()
      const book = await newAssessmentBook(dir)
      const csv = path.join(dir, '坐席统计.csv')
      writeFileSync(csv, bytes)
      const { ctx } = testContext(new Date('2026-06-03T01:00:00Z'))
      expect(await importCommand(book, '2026-05', csv, ctx)).toBe(EXIT.ok)
      results.push(await sheetRows(book, monthSheetName('2026-05')))
    }
    expect(results[0]?.find((r) => r.工号 === 'A03')?.平台接听电话数).toBe(1600)
    expect(results[0]).toEqual(results[1])
  })

  it('a bad export fails with exit 1, the problems listed and the workbook untouched', async () => {
    const dir = tempDir()
    const book = await newAssessmentBook(dir)
    const csv = path.join(dir, '四月.csv')
    writeFileSync(csv, csvText(platformExport(MAY, { title: '2026年4月坐席工作量统计' })))
    const hash = sha256(book)
    const { ctx, errors, lines } = testContext()
    expect(await importCommand(book, '2026-05', csv, ctx)).toBe(EXIT.problems)
    expect([...errors, ...lines].join('\n')).toMatch(/是2026-04的数据，不是要导入的2026-05/)
    expect(sha256(book)).toBe(hash)
    const xls = path.join(dir, '导出.xls')
    writeFileSync(xls, 'x')
    const usage = testContext()
    await expect(importCommand(book, '2026-05', xls, usage.ctx)).rejects.toThrow(/另存为 \.xlsx 或 \.csv/)
  })

  it('kaohe import-attendance adds 事件 rows once', async () => {
    const dir = tempDir()
    const book = await newAssessmentBook(dir)
    const csv = path.join(dir, '考勤.csv')
    writeFileSync(
      csv,
      gbk(
        csvText([
          ['日期', '工号', '姓名', '考勤状态'],
          ['2026-05-06', 'A02', '李华', '迟到'],
          ['2026-05-07', 'A03', '王芳', '正常'],
        ]),
      ),
    )
    for (let i = 0; i < 2; i++) {
      const { ctx, lines } = testContext(new Date('2026-06-03T01:00:00Z'))
      expect(await importAttendanceCommand(book, csv, ctx)).toBe(EXIT.ok)
      expect(lines.join('\n')).toMatch(/正常1行/)
    }
    const events = await sheetRows(book, '事件')
    expect(events.map((e) => [e.日期, e.工号, e.类型, e.说明])).toEqual([
      ['2026-05-06', 'A02', '迟到', '考勤导入：考勤.csv'],
    ])
    expect(readFileSync(csv).length).toBeGreaterThan(0)
  })
})
