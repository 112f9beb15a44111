/**
 * A small team for workflow tests: 8 operators, 2026-04 … 2026-06 (Q2). 周婷 (A07) and 刘洋 (A06) sit in the
 * bottom three every month; 孙磊 (A08) starts 2026-04-10, so takes part from June only (第十四条).
 */
import type { MonthKey } from '../../src/core/period'
import { monthSheetName, SHEET } from '../../src/workbook/layouts'
import type { Outcome } from '../../src/workbook/outcome'
import type { Cell } from '../../src/workbook/types'
import { prepareMonth, setupWorkbook } from '../../src/workbook/workflows'
import { MemoryWorkbook } from '../support/memory-workbook'

export const ROSTER: Cell[][] = [
  ['A01', '张明', '', '带班班长', '2024-01-02', '', ''],
  ['A02', '李华', '番禺区人民法院', '话务员', '2024-03-01', '', ''],
  ['A03', '王芳', '', '话务员', '2024-05-06', '', ''],
  ['A04', '赵强', '天河区人民法院', '话务员', '2025-01-02', '', ''],
  ['A05', '陈静', '', '话务员', '2025-02-03', '', ''],
  ['A06', '刘洋', '', '话务员', '2025-06-01', '', ''],
  ['A07', '周婷', '', '话务员', '2025-08-01', '', ''],
  ['A08', '孙磊', '', '话务员', '2026-04-10', '', ''],
]

/** Calls per month per operator (20 days each; no texts except 王芳's 30). */
export const CALLS: Record<string, Record<MonthKey, number>> = {
  A01: { '2026-04': 1300, '2026-05': 1300, '2026-06': 1300 },
  A02: { '2026-04': 1700, '2026-05': 1700, '2026-06': 1700 },
  A03: { '2026-04': 1600, '2026-05': 1600, '2026-06': 1600 },
  A04: { '2026-04': 1500, '2026-05': 1500, '2026-06': 1500 },
  A05: { '2026-04': 1450, '2026-05': 1750, '2026-06': 1450 },
  A06: { '2026-04': 1400, '2026-05': 1400, '2026-06': 1400 },
  A07: { '2026-04': 1200, '2026-05': 1200, '2026-06': 1200 },
  A08: { '2026-04': 1500, '2026-05': 1500, '2026-06': 1500 },
}

export const EVENTS: Cell[][] = [['2026-04-15', 'A03', '表扬', '', '', '当事人来电表扬']]

export const NOON: Cell[][] = [
  ['2026-04-08', 'A03', '未提前下班未补休'],
  ['2026-04-09', 'A01', '计入补休'],
  ['2026-04-14', 'A01', '计入补休'],
]

export function apply(book: MemoryWorkbook, outcome: Outcome): void {
  if (!outcome.ok)
    throw new Error(
      `${outcome.message}\n${outcome.problems.map((p) => `${p.sheet} ${p.cell} ${p.message}`).join('\n')}`,
    )
  book.apply(outcome.plan)
}

/** A set-up workbook with roster, events and noon duties. */
export function newBook(): MemoryWorkbook {
  const book = new MemoryWorkbook()
  apply(book, setupWorkbook(book))
  book.setRows(SHEET.roster, ROSTER)
  book.setRows(SHEET.events, EVENTS)
  book.setRows(SHEET.noon, NOON)
  return book
}

/** Prepares the month sheet and types every eligible operator's inputs. */
export function fillMonth(book: MemoryWorkbook, month: MonthKey): void {
  apply(book, prepareMonth(book, month))
  const name = monthSheetName(month)
  for (const rec of book.records(name)) {
    const id = String(rec.工号)
    if (String(rec.预警).startsWith('不参与')) continue
    const hand = id === 'A03'
    book.setCell(name, id, '出勤天数', 20)
    book.setCell(name, id, '接听电话数', CALLS[id]?.[month] ?? 0)
    book.setCell(name, id, '文字咨询条数', hand ? 30 : 0)
    book.setCell(name, id, '全勤', '是')
    book.setCell(name, id, '领导评价', hand ? 8.5 : 8)
    book.setCell(name, id, '满意率', hand ? 0.98 : 0.95)
  }
}
