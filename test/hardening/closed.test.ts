/**
 * Closed means closed (§11): a 规则 change after a close does not move closed results — quarters and years
 * read the frozen month totals, and a closed month is not silently recomputed (closing it again on changed
 * inputs is refused until it is reopened); reopening is logged; closed sheets are protected so that only the
 * admins of 规则 `admin.editors` (and the owner) can edit them, in both hosts.
 */

import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { saveWorkbookFile } from '../../src/cli/file'
import { newXlsxBook, parseXlsx, XlsxWorkbook } from '../../src/cli/xlsx-workbook'
import { type Period, parsePeriod } from '../../src/core/period'
import {
  ADMIN_EDITORS_KEY,
  monthSheetName,
  quarterSheetName,
  SHEET,
  yearSheetName,
} from '../../src/workbook/layouts'
import { closePeriod, reopenPeriod, validatePeriod } from '../../src/workbook/workflows'
import { tempDir } from '../cli/support'
import { FakeAppsScript } from '../support/fake-apps-script'
import type { MemoryWorkbook } from '../support/memory-workbook'
import { apply, fillMonth, newBook } from '../workbook/fixture'
import { MONTH, MONTH_SHEET, must, sheetsBook, typeInSheets, typeInXlsx, typeTeam } from './scenario'

const [APR, MAY, JUN] = ['2026-04', '2026-05', '2026-06'].map(parsePeriod) as [Period, Period, Period]
const Q2 = parsePeriod('2026-Q2')
const Y2026 = parsePeriod('2026')
const MAY_SHEET = monthSheetName('2026-05')

/** The fixture team with April–June closed. */
function closedQuarter(): MemoryWorkbook {
  const book = newBook()
  for (const [m, p] of [
    ['2026-04', APR],
    ['2026-05', MAY],
    ['2026-06', JUN],
  ] as const) {
    fillMonth(book, m)
    apply(book, closePeriod(book, p))
  }
  return book
}

function setRule(book: MemoryWorkbook, key: string, value: number, from = ''): void {
  const rules = book.sheets.get(SHEET.rules) ?? []
  // 规则 rows name the rule in 参数 (Chinese) and 键 (last column); match the key in either.
  const row = rules.find((r) => (r[5] === key || r[0] === key) && String(r[2] ?? '') === from)
  if (row) row[1] = value
  else rules.push([key, value, from, '', ''])
}

describe('closed means closed: 规则 changed after the closes', () => {
  it('第七条、第九条、第十条 raising workload.basePoints moves no closed month, quarter or year', () => {
    const reference = closedQuarter()
    apply(reference, closePeriod(reference, Q2))
    apply(reference, closePeriod(reference, Y2026))

    const book = closedQuarter()
    const sheets = ['2026-04', '2026-05', '2026-06'].map(monthSheetName)
    const months = sheets.map((n) => book.records(n))
    setRule(book, 'workload.basePoints', 45)
    // The month sheets were frozen: nothing re-reads 规则 to recompute them …
    expect(sheets.map((n) => book.records(n))).toEqual(months)
    // … and closing May again is refused while it is closed: the change must not move it silently.
    const again = closePeriod(book, MAY)
    expect(again.ok).toBe(false)
    if (!again.ok)
      expect(again.problems).toEqual([
        expect.objectContaining({
          sheet: MAY_SHEET,
          cell: 'A1',
          message: expect.stringMatching(/已结算.*请先“重新开放”/),
        }),
      ])
    expect(validatePeriod(book, MAY)).toHaveLength(1)
    // The quarter and year read the frozen month totals: same as closing them before the change.
    apply(book, closePeriod(book, Q2))
    apply(book, closePeriod(book, Y2026))
    expect(book.records(quarterSheetName(Q2))).toEqual(reference.records(quarterSheetName(Q2)))
    expect(book.records(yearSheetName(2026))).toEqual(reference.records(yearSheetName(2026)))
  })

  it('第七条 a double click on a closed month with unchanged inputs closes again to the same sheets', () => {
    const book = closedQuarter()
    const before = book.snapshot()
    apply(book, closePeriod(book, MAY))
    expect(book.snapshot()).toEqual(before)
  })

  it('§2 after 重新开放 a close uses the rule in force for the month: a rule dated from July leaves May as it was', () => {
    const book = closedQuarter()
    const may = book.records(MAY_SHEET)
    setRule(book, 'workload.basePoints', 45, '2026-07-01')
    expect(closePeriod(book, MAY).ok).toBe(false) // 规则 changed since the close
    apply(book, reopenPeriod(book, MAY))
    apply(book, closePeriod(book, MAY))
    expect(book.records(MAY_SHEET)).toEqual(may)
    // A rule from the start, on purpose, after reopening: May moves by the 10 points of workload.basePoints.
    apply(book, reopenPeriod(book, MAY))
    setRule(book, 'workload.basePoints', 45)
    apply(book, closePeriod(book, MAY))
    expect(book.cell(MAY_SHEET, 'A03', '工作量得分')).toBe(
      Number(may.find((r) => r.工号 === 'A03')?.工作量得分) + 10,
    )
  })

  it('第八条 reopening is logged with who and when, and the month reads as reopened until closed again', () => {
    const book = closedQuarter()
    book.who = 'admin@court.example'
    book.clock = '2026-07-10 15:30:00'
    apply(book, reopenPeriod(book, MAY))
    const log = book.records(SHEET.log)
    expect(log[log.length - 1]).toMatchObject({
      时间: '2026-07-10 15:30:00',
      操作人: 'admin@court.example',
      操作: '重新开放',
      期间: '2026-05',
    })
    expect(book.protections.has(MAY_SHEET)).toBe(false)
    // The quarter cannot be closed on a reopened month.
    expect(closePeriod(book, Q2).ok).toBe(false)
    // Reopening twice is refused (nothing to reopen), and says so.
    const twice = reopenPeriod(book, MAY)
    expect(twice.ok).toBe(false)
    if (!twice.ok) expect(twice.problems[0]?.message).toMatch(/尚未结算（或已重新开放）/)
  })
})

describe('protection of closed sheets', () => {
  const ADMIN = 'admin@court.example'
  const CLERK = 'clerk@court.example'

  it('第二条 Google Sheets: a closed month is editable only by the owner and the admins of 规则; reopen lifts it', () => {
    const fake = new FakeAppsScript({ user: 'leader@court.example' })
    typeTeam(() => sheetsBook(fake), typeInSheets(fake))
    const rules = fake.sheet(SHEET.rules)
    const row = rules.column('键').indexOf(ADMIN_EDITORS_KEY) + 2
    rules.getRange(row, 2).setValues([[ADMIN]])
    const period = parsePeriod(MONTH)
    let book = sheetsBook(fake)
    book.apply(must(closePeriod(book, period)).plan)
    const sheet = fake.sheet(MONTH_SHEET)
    expect(sheet.protections).toHaveLength(1)
    const protection = sheet.protections[0]
    expect([...(protection?.editors ?? [])].sort()).toEqual([ADMIN, 'leader@court.example'].sort())
    expect(protection?.domainEdit).toBe(false)
    expect(sheet.editableBy(CLERK)).toBe(false)
    expect(() => sheet.type('C2', 25, CLERK)).toThrow(/无权编辑/)
    sheet.type('C2', 20, ADMIN) // an admin may still correct it
    book = sheetsBook(fake)
    book.apply(must(reopenPeriod(book, period)).plan)
    expect(sheet.protections).toHaveLength(0)
    expect(sheet.editableBy(CLERK)).toBe(true)
  })

  it('§12 .xlsx: a closed month sheet is protected in the saved file; reopen removes the protection', async () => {
    const now = new Date('2026-06-05T01:00:00Z')
    const raw = newXlsxBook(now)
    const book = new XlsxWorkbook(raw, { clock: () => now, user: 'tester' })
    typeTeam(() => book, typeInXlsx(book))
    book.apply(must(closePeriod(book, parsePeriod(MONTH))).plan)
    const file = path.join(tempDir(), '考核.xlsx')
    await saveWorkbookFile(raw, file)
    const back = await parseXlsx(readFileSync(file))
    const protectedSheet = (wb: typeof back, name: string) =>
      (wb.getWorksheet(name) as unknown as { sheetProtection?: { sheet?: boolean } } | undefined)
        ?.sheetProtection?.sheet === true
    expect(protectedSheet(back, MONTH_SHEET)).toBe(true)
    expect(protectedSheet(back, SHEET.roster)).toBe(false)
    const again = new XlsxWorkbook(back, { clock: () => now, user: 'tester' })
    again.apply(must(reopenPeriod(again, parsePeriod(MONTH))).plan)
    await saveWorkbookFile(back, file)
    expect(protectedSheet(await parseXlsx(readFileSync(file)), MONTH_SHEET)).toBe(false)
  })
})
