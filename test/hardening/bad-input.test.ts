/**
 * Bad input never crashes a close and never writes: every corruption of a valid book gives a problem list
 * naming the sheet, the A1 cell and the reason in Chinese, and the book stays exactly as it was.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parsePeriod } from '../../src/core/period'
import type { Problem } from '../../src/core/problems'
import { MONTH_RESULT_HEADERS, SHEET } from '../../src/workbook/layouts'
import type { Outcome } from '../../src/workbook/outcome'
import type { Cell } from '../../src/workbook/types'
import { closePeriod, validatePeriod } from '../../src/workbook/workflows'
import {
  A1,
  applyEdits,
  CHINESE,
  copyAll,
  corruptions,
  editsArb,
  LEAK,
  MONTH,
  MONTH_SHEET,
  put,
  tolerated,
  validBook,
} from '../support/bad-books'
import type { MemoryWorkbook } from '../support/memory-workbook'
import { apply, fillMonth } from '../workbook/fixture'

const MAY = parsePeriod(MONTH)

/** Every problem is shown as is to a user: sheet, A1 cell, a Chinese reason, no leaked internals. */
function expectReadable(problems: readonly Problem[]): void {
  for (const p of problems) {
    expect(p.sheet, JSON.stringify(p)).not.toBe('')
    expect(p.cell, JSON.stringify(p)).toMatch(A1)
    expect(p.message, JSON.stringify(p)).toMatch(CHINESE)
    expect(p.message, JSON.stringify(p)).not.toMatch(LEAK)
  }
}

/** Runs validate and close on a book, asserting neither throws nor changes anything. */
function attempt(
  book: MemoryWorkbook,
  periodText = MONTH,
): { outcome: Outcome; validated: readonly Problem[] } {
  const period = parsePeriod(periodText)
  const before = copyAll(book)
  const validated = validatePeriod(book, period)
  const outcome = closePeriod(book, period)
  expect(copyAll(book)).toEqual(before)
  return { outcome, validated }
}

/** The result columns of the May sheet by 工号, after applying a close. */
function results(book: MemoryWorkbook): Record<string, Record<string, Cell>> {
  const out: Record<string, Record<string, Cell>> = {}
  for (const rec of book.records(MONTH_SHEET)) {
    out[String(rec.工号).trim()] = Object.fromEntries(MONTH_RESULT_HEADERS.map((h) => [h, rec[h] ?? '']))
  }
  return out
}

describe('the valid book of the corpus', () => {
  it('第七条 closes cleanly and scores the May events (complaint once per call, late arrival)', () => {
    const book = validBook()
    const { outcome, validated } = attempt(book)
    expect(validated).toEqual([])
    apply(book, outcome)
    // A04: one complaint through two channels, deducted once at the larger 4 points (第七条（四）).
    expect(book.cell(MONTH_SHEET, 'A04', '满意度得分')).toBe(5.5)
    // A05: late once → 8 − 1 = 7, no 全勤 bonus (第七条（二）).
    expect(book.cell(MONTH_SHEET, 'A05', '考勤得分')).toBe(7)
  })
})

describe('hand-written bad input: a problem at the cell, nothing written, nothing thrown', () => {
  it.each(corruptions().map((c) => [c.title, c] as const))('%s', (_title, c) => {
    const book = validBook()
    if (c.clock) book.clock = c.clock
    c.corrupt(book)
    const { outcome, validated } = attempt(book, c.period)
    expect(outcome.ok).toBe(false)
    if (outcome.ok) return
    expect(outcome.message).toMatch(/未写入任何数据/)
    expect(validated).toEqual(outcome.problems)
    for (const e of c.expect) {
      const found = outcome.problems.find(
        (p) => p.sheet === e.sheet && p.cell === e.cell && e.message.test(p.message),
      )
      expect(
        found,
        `${e.sheet} ${e.cell} ${e.message}\n${JSON.stringify(outcome.problems, null, 1)}`,
      ).toBeDefined()
    }
    expectReadable(outcome.problems)
  })

  it('第九条 a quarter with a month not closed names the month; 第十条 a year rating of 11 names its cell', () => {
    const book = validBook()
    const q = attempt(book, '2026-Q2').outcome
    expect(q.ok).toBe(false)
    if (!q.ok) {
      expect(q.problems).toContainEqual({
        sheet: '2026-04 月度',
        cell: 'A1',
        code: 'unclosed-month',
        message: '2026-04 月度表不存在，须先建立并完成月度结算',
      })
      expectReadable(q.problems)
    }
    apply(book, closePeriod(book, MAY))
    apply(book, closePeriod(book, { kind: 'year', year: 2026 }))
    book.setCell('2026 年度', 'A02', '领导评价', 11)
    const y = attempt(book, '2026').outcome
    expect(y.ok).toBe(false)
    if (!y.ok) {
      expect(
        y.problems.find((p) => p.sheet === '2026 年度' && /领导评价应为0到10之间/.test(p.message)),
      ).toBeDefined()
      expectReadable(y.problems)
    }
  })

  it('§9 cells no spreadsheet can hold (NaN, Infinity) are problems, not crashes', () => {
    const book = validBook()
    book.setCell(MONTH_SHEET, 'A02', '接听电话数', Number.NaN)
    book.setCell(MONTH_SHEET, 'A03', '满意率', Number.POSITIVE_INFINITY)
    const { outcome } = attempt(book)
    expect(outcome.ok).toBe(false)
    if (!outcome.ok) expect(outcome.problems.map((p) => p.cell)).toEqual(expect.arrayContaining(['D3', 'M4']))
  })

  it('第五条 a noon duty in a year without holiday data is a problem naming the year', () => {
    const book = validBook()
    fillMonth(book, '2035-05')
    book.clock = '2035-06-03 09:00:00'
    put(book, SHEET.noon, 'A8', '2035-05-15')
    put(book, SHEET.noon, 'B8', 'A01')
    put(book, SHEET.noon, 'C8', '计入补休')
    const { outcome } = attempt(book, '2035-05')
    expect(outcome.ok).toBe(false)
    if (!outcome.ok) {
      expect(outcome.problems).toContainEqual(
        expect.objectContaining({
          sheet: SHEET.noon,
          cell: 'A8',
          message: expect.stringMatching(/2035年没有节假日数据/),
        }),
      )
    }
  })
})

describe('tolerated variations close exactly like the valid book', () => {
  const reference = (() => {
    const book = validBook()
    apply(book, closePeriod(book, MAY))
    return results(book)
  })()

  it.each(tolerated().map((v) => [v.title, v] as const))('%s', (_title, v) => {
    const book = validBook()
    v.vary(book)
    const { outcome } = attempt(book)
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems))
    apply(book, outcome)
    expect(results(book)).toEqual(reference)
  })
})

describe('generated corruptions (fast-check)', () => {
  it('§11 for any corruption, a month close either succeeds or lists readable problems; it never throws or writes', () => {
    let refused = 0
    let closed = 0
    fc.assert(
      fc.property(editsArb, (edits) => {
        const book = validBook()
        applyEdits(book, edits)
        const { outcome, validated } = attempt(book)
        if (outcome.ok) {
          closed++
          // Whatever was accepted produced finite numbers only.
          for (const w of outcome.plan.writes)
            for (const row of w.rows ?? [])
              for (const v of row) if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true)
          expect(outcome.plan.message).toMatch(CHINESE)
          expect(outcome.plan.message).not.toMatch(LEAK)
          return
        }
        refused++
        expect(outcome.problems.length).toBeGreaterThan(0)
        expect(validated).toEqual(outcome.problems)
        expectReadable(outcome.problems)
      }),
      { numRuns: 300, seed: 12368 },
    )
    // The generator really exercises both paths.
    expect(refused).toBeGreaterThan(50)
    expect(closed).toBeGreaterThan(10)
  })

  it('§11 the same holds for quarter and year closes over corrupted inputs', () => {
    const base = validBook()
    apply(base, closePeriod(base, MAY))
    fc.assert(
      fc.property(editsArb, fc.constantFrom('2026-Q2', '2026'), (edits, period) => {
        const book = validBook()
        book.sheets.clear()
        for (const [name, grid] of base.sheets)
          book.sheets.set(
            name,
            grid.map((r) => [...r]),
          )
        applyEdits(book, edits)
        const { outcome, validated } = attempt(book, period)
        if (outcome.ok) return
        expect(validated).toEqual(outcome.problems)
        expectReadable(outcome.problems)
      }),
      { numRuns: 150, seed: 2022 },
    )
  })
})
