/**
 * Formula injection (§9: "every string is written as text, never evaluated"): names and notes beginning
 * with = + - or @ go through setup, 新建月度录入表, 月度结算 and 生成公示表 in both hosts and come out as the
 * text they are — no formula anywhere, in Google Sheets (the double evaluates an unquoted '=…' given to
 * setValues, as Sheets does) or in the saved .xlsx file read back with exceljs.
 */
import path from 'node:path'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { saveWorkbookFile } from '../../src/cli/file'
import { newXlsxBook, XlsxWorkbook } from '../../src/cli/xlsx-workbook'
import { parsePeriod } from '../../src/core/period'
import { SHEET } from '../../src/workbook/layouts'
import { closePeriod, publishMonth } from '../../src/workbook/workflows'
import { tempDir } from '../cli/support'
import { FakeAppsScript } from '../support/fake-apps-script'
import {
  ids,
  MONTH,
  MONTH_SHEET,
  must,
  records,
  sheetsBook,
  TRICKY_NAMES,
  TRICKY_NOTES,
  typeInSheets,
  typeInXlsx,
  typeTeam,
} from './scenario'

const MAY = parsePeriod(MONTH)

describe('formula injection: Google Sheets host (SpreadsheetApp double)', () => {
  it('§9 第十一条 names and notes starting with = + - @ stay text through close and 公示; no sheet holds a formula', () => {
    const fake = new FakeAppsScript()
    typeTeam(() => sheetsBook(fake), typeInSheets(fake))
    let book = sheetsBook(fake)
    // The double really would evaluate an unquoted formula: the guard is the host, not the double.
    const probe = fake.spreadsheet.insertSheet('探针')
    probe.getRange(1, 1).setValues([['=1+1']])
    expect(probe.formulaCount()).toBe(1)
    fake.spreadsheet.deleteSheet(probe)

    book.apply(must(closePeriod(book, MAY)).plan)
    book = sheetsBook(fake)
    book.apply(must(publishMonth(book, MONTH)).plan)
    for (const sheet of fake.spreadsheet.sheets) expect(sheet.formulaCount(), sheet.name).toBe(0)
    // Stored values are the exact text typed (no apostrophe, no evaluation), in every sheet they reach.
    expect(fake.sheet(MONTH_SHEET).column('姓名')).toEqual(TRICKY_NAMES)
    expect(
      fake
        .sheet(SHEET.publish)
        .column('姓名')
        .filter((n) => n !== '')
        .sort(),
    ).toEqual([...TRICKY_NAMES].sort())
    expect(fake.sheet(SHEET.roster).column('备注')).toEqual(
      TRICKY_NAMES.map((_, i) => TRICKY_NOTES[i % TRICKY_NOTES.length]),
    )
    expect(fake.sheet(SHEET.events).column('说明')).toEqual([TRICKY_NOTES[1], TRICKY_NOTES[0]])
    // Read back through a new host, the workflows see the same text: a second close changes nothing.
    book = sheetsBook(fake)
    const names = records(book.read([MONTH_SHEET]).get(MONTH_SHEET)).map((r) => r.姓名)
    expect(names).toEqual(TRICKY_NAMES)
    const scores = fake.sheet(MONTH_SHEET).column('月度总分')
    expect(scores.every((s) => typeof s === 'number')).toBe(true)
    book = sheetsBook(fake)
    book.apply(must(closePeriod(book, MAY)).plan)
    expect(fake.sheet(MONTH_SHEET).column('月度总分')).toEqual(scores)
    for (const sheet of fake.spreadsheet.sheets) expect(sheet.formulaCount(), sheet.name).toBe(0)
  })
})

describe('formula injection: .xlsx host (saved file read back with exceljs)', () => {
  it('§12 第十一条 names and notes starting with = + - @ are string cells in the saved file, never formulas', async () => {
    const raw = newXlsxBook(new Date('2026-06-05T01:00:00Z'))
    const book = new XlsxWorkbook(raw, { clock: () => new Date('2026-06-05T01:00:00Z'), user: 'tester' })
    typeTeam(() => book, typeInXlsx(book))
    book.apply(must(closePeriod(book, MAY)).plan)
    book.apply(must(publishMonth(book, MONTH)).plan)
    const file = path.join(tempDir(), '考核.xlsx')
    await saveWorkbookFile(raw, file)

    const back = new ExcelJS.Workbook()
    await back.xlsx.readFile(file)
    let formulas = 0
    let strings = 0
    back.eachSheet((ws) => {
      ws.eachRow((row) => {
        row.eachCell((cell) => {
          if (cell.type === ExcelJS.ValueType.Formula) formulas++
          if (typeof cell.value === 'string' && /^[=+\-@]/.test(cell.value)) strings++
        })
      })
    })
    expect(formulas).toBe(0)
    expect(strings).toBeGreaterThanOrEqual(TRICKY_NAMES.length * 3)
    const nameCells = (sheet: string) => {
      const ws = back.getWorksheet(sheet)
      if (!ws) throw new Error(`no ${sheet}`)
      const col = (ws.getRow(1).values as unknown[]).indexOf('姓名')
      return ids.map((_, i) => ws.getCell(i + 2, col))
    }
    for (const sheet of [MONTH_SHEET, SHEET.roster]) {
      const cells = nameCells(sheet)
      expect(cells.map((c) => c.type)).toEqual(TRICKY_NAMES.map(() => ExcelJS.ValueType.String))
      expect(cells.map((c) => c.value)).toEqual(TRICKY_NAMES)
    }
    const published = back.getWorksheet(SHEET.publish)
    const texts: unknown[] = []
    published?.eachRow((row, n) => {
      const name = row.getCell(2).value
      if (n > 1 && name !== null) texts.push(name)
    })
    expect(texts.slice().sort()).toEqual([...TRICKY_NAMES].sort())
  })
})
