import { describe, expect, it } from 'vitest'
import { parsePeriod } from '../../src/core/period'
import { SHEET } from '../../src/workbook/layouts'
import { refreshLedger } from '../../src/workbook/leave-ledger'
import { buildStatement } from '../../src/workbook/statement'
import { closePeriod } from '../../src/workbook/workflows'
import type { MemoryWorkbook } from '../support/memory-workbook'
import { apply, fillMonth, newBook } from './fixture'

/** 工号 + 来源 prefix → 状态, for the rows of the 补休 sheet. */
function statuses(book: MemoryWorkbook): string[] {
  return book
    .records(SHEET.leave)
    .map((r) => `${r.工号} ${String(r.来源).slice(0, 7)} ${r.截止日期} ${r.已休天数} ${r.状态}`)
}

function setTaken(book: MemoryWorkbook, id: string, month: string, value: number | string): void {
  const grid = book.sheets.get(SHEET.leave) ?? []
  const head = grid[0] ?? []
  const row = grid
    .slice(1)
    .find((r) => r[head.indexOf('工号')] === id && String(r[head.indexOf('来源')]).startsWith(month))
  if (!row) throw new Error(`no 补休 row ${id} ${month}`)
  row[head.indexOf('已休天数')] = value
}

describe('SPEC §13 补休 ledger stays true', () => {
  it('第五条、第十一条 状态 from 已休天数 and today, at every close and at 刷新', () => {
    const book = newBook()
    fillMonth(book, '2026-04')
    book.clock = '2026-05-08 09:00:00'
    apply(book, closePeriod(book, parsePeriod('2026-04')))
    // Noon duty of 04-09 and 04-14: due 04-30, already past at the close on 05-08.
    expect(statuses(book)).toEqual([
      'A01 2026-04 2026-07-31  未休',
      'A02 2026-04 2026-07-31  未休',
      'A03 2026-04 2026-07-31  未休',
      'A01 2026-04 2026-04-30  已过期',
    ])
    // The supervisor types what was taken; a later month's close keeps it and respects it.
    setTaken(book, 'A02', '2026-04', 0.5)
    setTaken(book, 'A03', '2026-04', 1)
    fillMonth(book, '2026-05')
    book.clock = '2026-07-20 09:00:00'
    apply(book, closePeriod(book, parsePeriod('2026-05')))
    const april = statuses(book).filter((s) => s.includes(' 2026-04 '))
    expect(april).toEqual([
      'A01 2026-04 2026-07-31  即将到期（11天）',
      'A02 2026-04 2026-07-31 0.5 即将到期（11天）',
      'A03 2026-04 2026-07-31 1 已休完',
      'A01 2026-04 2026-04-30  已过期',
    ])
    // 刷新 (menu 刷新看板, kaohe refresh) on another day: 状态 only, 已休天数 kept.
    apply(book, refreshLedger(book, '2026-08-01'))
    expect(statuses(book).filter((s) => s.includes(' 2026-04 '))).toEqual([
      'A01 2026-04 2026-07-31  已过期',
      'A02 2026-04 2026-07-31 0.5 已过期',
      'A03 2026-04 2026-07-31 1 已休完',
      'A01 2026-04 2026-04-30  已过期',
    ])
    const again = refreshLedger(book, '2026-08-01')
    expect(again.ok && again.plan.writes).toEqual([])
  })

  it('a 已休天数 that is not a number from 0 to 天数 is named in 状态, not guessed', () => {
    const book = newBook()
    fillMonth(book, '2026-04')
    apply(book, closePeriod(book, parsePeriod('2026-04')))
    setTaken(book, 'A02', '2026-04', 2)
    setTaken(book, 'A03', '2026-04', '一天')
    apply(book, refreshLedger(book, '2026-05-10'))
    expect(book.cell(SHEET.leave, 'A02', '状态')).toBe('请核对已休天数（应为0至1之间的数）')
    expect(book.cell(SHEET.leave, 'A03', '状态')).toBe('请核对已休天数（应为0至1之间的数）')
    expect(book.cell(SHEET.leave, 'A03', '已休天数')).toBe('一天')
  })

  it('a quarter close also brings 状态 up to date', () => {
    const book = newBook()
    for (const m of ['2026-04', '2026-05', '2026-06']) {
      fillMonth(book, m)
      apply(book, closePeriod(book, parsePeriod(m)))
    }
    setTaken(book, 'A03', '2026-04', 1)
    book.clock = '2026-07-25 09:00:00'
    apply(book, closePeriod(book, parsePeriod('2026-Q2')))
    expect(statuses(book).filter((s) => s.startsWith('A03 2026-04'))).toEqual([
      'A03 2026-04 2026-07-31 1 已休完',
    ])
    expect(statuses(book).filter((s) => s.startsWith('A02 2026-04'))).toEqual([
      'A02 2026-04 2026-07-31  即将到期（6天）',
    ])
  })

  it('the statement shows the ledger’s state on its date and the period’s still-usable leave', () => {
    const book = newBook()
    for (const m of ['2026-04', '2026-05', '2026-06']) {
      fillMonth(book, m)
      apply(book, closePeriod(book, parsePeriod(m)))
    }
    book.clock = '2026-07-25 09:00:00'
    const st = buildStatement(book, parsePeriod('2026-Q2'), 'A02')
    const june = st.leave.find((l) => l.source.startsWith('2026-06'))
    // June's star is earned 07-01, after the quarter: still listed, and with its state, not a day count.
    expect(st.leave.map((l) => l.source.slice(0, 7))).toContain('2026-06')
    expect(june?.status).toBe('未休')
    expect(st.leave.find((l) => l.source.startsWith('2026-04'))?.status).toBe('即将到期（6天）')
  })
})
