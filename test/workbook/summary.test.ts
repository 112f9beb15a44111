/**
 * 月度结果汇总 (issue 6: a fixed number of sheet calls per close): every month close records its frozen
 * ranking results there, and later closes read them from that one sheet instead of the month sheets — the
 * history of 第十五条/第十六条（一）, the quarter's months (第九条), the year's (第十条). The month sheets stay
 * the human record: both hold the same values. Books whose months were closed before the sheet existed
 * give the same results (their month sheets are read instead).
 */
import { describe, expect, it } from 'vitest'
import { type MonthKey, monthPeriod, parsePeriod } from '../../src/core/period'
import { monthSheetName, quarterSheetName, SHEET, yearSheetName } from '../../src/workbook/layouts'
import type { ProtectSpec, SheetWrite } from '../../src/workbook/types'
import { closePeriod, prepareMonth, reopenPeriod } from '../../src/workbook/workflows'
import type { MemoryWorkbook } from '../support/memory-workbook'
import { apply, fillMonth, newBook } from './fixture'

const MONTHS: MonthKey[] = ['2026-04', '2026-05', '2026-06']
const Q2 = parsePeriod('2026-Q2')

function closedBook(months: readonly MonthKey[] = MONTHS): MemoryWorkbook {
  const book = newBook()
  for (const m of months) {
    fillMonth(book, m)
    apply(book, closePeriod(book, monthPeriod(m)))
  }
  return book
}

function protectOf(w: SheetWrite | undefined): ProtectSpec | undefined {
  return w?.protect === false ? undefined : w?.protect
}

describe('月度结果汇总', () => {
  it('第十一条、第十五条 holds the same frozen values as each closed month sheet, ordered by 月份 then 排名', () => {
    const book = closedBook()
    const summary = book.records(SHEET.summary)
    for (const m of MONTHS) {
      const sheet = book.records(monthSheetName(m))
      const mine = summary.filter((r) => r.月份 === m)
      expect(mine.map((r) => r.工号).sort()).toEqual(sheet.map((r) => r.工号).sort())
      for (const row of sheet) {
        const rec = mine.find((r) => r.工号 === row.工号)
        expect(rec, `${m} ${row.工号}`).toMatchObject({
          姓名: row.姓名,
          月度总分: row.月度总分,
          排名: row.排名,
          每月之星: row.每月之星,
          倒数前三: row.倒数前三,
          参与考核: typeof row.月度总分 === 'number' ? '是' : '否',
        })
      }
      const ranks = mine.map((r) => r.排名).filter((r) => r !== '')
      expect(ranks).toEqual([...ranks].sort((a, b) => Number(a) - Number(b)))
    }
    expect(summary.map((r) => r.月份)).toEqual([...summary.map((r) => r.月份)].sort())
    // 孙磊 (A08) starts in April: not assessed until June, listed as 否.
    expect(summary.find((r) => r.月份 === '2026-04' && r.工号 === 'A08')).toMatchObject({
      参与考核: '否',
      月度总分: '',
      排名: '',
    })
    // Made by setup, protected with a warning from the start (every close writes it, whoever runs it).
    expect(book.protections.get(SHEET.summary)).toMatchObject({ warningOnly: true, editors: [] })
  })

  it('第十五条、第十六条（一） a month close reads its history from 月度结果汇总, never the earlier month sheets', () => {
    const book = closedBook(['2026-04', '2026-05'])
    fillMonth(book, '2026-06')
    book.reads.length = 0
    apply(book, closePeriod(book, monthPeriod('2026-06')))
    const read = book.reads.flat()
    expect(read).toContain(SHEET.summary)
    expect(read).not.toContain(monthSheetName('2026-04'))
    expect(read).not.toContain(monthSheetName('2026-05'))
    // 周婷 (A07) is in the bottom three in April, May and June: 第十六条（一）, from the recorded history.
    expect(book.cell(monthSheetName('2026-06'), 'A07', '预警')).toMatch(
      /^辞退或更换：第十六条（一）：连续3个月/,
    )
  })

  it('第十五条、第十六条（一）、第九条 an older book (months closed before 月度结果汇总) gives the same results', () => {
    const current = closedBook(['2026-04', '2026-05'])
    const older = closedBook(['2026-04', '2026-05'])
    older.sheets.delete(SHEET.summary) // as closed by the version before this sheet existed
    for (const book of [current, older]) {
      fillMonth(book, '2026-06')
      apply(book, closePeriod(book, monthPeriod('2026-06')))
      apply(book, closePeriod(book, Q2))
    }
    for (const name of [monthSheetName('2026-06'), SHEET.alerts, SHEET.leave, quarterSheetName(Q2)])
      expect(older.records(name), name).toEqual(current.records(name))
    // The older book's June close wrote June's rows: its record starts there.
    expect(new Set(older.records(SHEET.summary).map((r) => r.月份))).toEqual(new Set(['2026-06']))
  })

  it('第九条 a quarter close takes its months from 月度结果汇总 and its state from 日志', () => {
    const book = closedBook()
    book.reads.length = 0
    apply(book, closePeriod(book, Q2))
    const read = book.reads.flat()
    for (const m of MONTHS) expect(read).not.toContain(monthSheetName(m))
    expect(read).not.toContain(SHEET.events) // frozen totals: 事件 and 值班 cannot move them
    // Reopened May: the quarter is refused until May is closed again.
    apply(book, reopenPeriod(book, monthPeriod('2026-05')))
    const refused = closePeriod(book, Q2)
    expect(refused.ok).toBe(false)
    if (!refused.ok)
      expect(refused.problems).toContainEqual({
        sheet: monthSheetName('2026-05'),
        cell: 'A1',
        code: 'unclosed-month',
        message: '2026-05 月度尚未结算，须先完成月度结算',
      })
  })

  it('第十条 the year close requires every month made with 新建月度录入表 to be closed', () => {
    const book = closedBook(['2026-04'])
    apply(book, prepareMonth(book, '2026-05'))
    const refused = closePeriod(book, parsePeriod('2026'))
    expect(refused.ok).toBe(false)
    if (!refused.ok) expect(refused.problems.map((p) => p.sheet)).toContain(monthSheetName('2026-05'))
  })

  it('第九条、第十条 preparing a quarter’s last month lays out its sheet; December the year’s and 年度发函', () => {
    const book = newBook()
    apply(book, prepareMonth(book, '2026-05'))
    expect(book.sheetNames()).not.toContain(quarterSheetName(Q2))
    apply(book, prepareMonth(book, '2026-06'))
    expect(book.sheets.get(quarterSheetName(Q2))).toHaveLength(1) // header only, filled at the close
    apply(book, prepareMonth(book, '2026-12'))
    expect(book.sheetNames()).toEqual(
      expect.arrayContaining([quarterSheetName(parsePeriod('2026-Q4')), yearSheetName(2026), SHEET.letters]),
    )
    const log = book.records(SHEET.log).map((r) => `${r.操作} ${r.期间}`)
    expect(log).toEqual(['新建月度录入表 2026-05', '新建月度录入表 2026-06', '新建月度录入表 2026-12'])
  })

  it('第八条 the plan says what the month sheet’s protection is, so the host need not look', () => {
    const book = newBook()
    fillMonth(book, '2026-04')
    const first = closePeriod(book, monthPeriod('2026-04'))
    if (!first.ok) throw new Error(first.message)
    expect(protectOf(first.plan.writes[0])?.known).toBe('none') // never closed
    apply(book, first)
    const again = closePeriod(book, monthPeriod('2026-04'))
    if (!again.ok) throw new Error(again.message)
    expect(protectOf(again.plan.writes[0])?.known).toBe('same') // closed on these very inputs
    apply(book, reopenPeriod(book, monthPeriod('2026-04')))
    const reopened = closePeriod(book, monthPeriod('2026-04'))
    if (!reopened.ok) throw new Error(reopened.message)
    expect(protectOf(reopened.plan.writes[0])?.known).toBe('none') // 重新开放 removed it
    // The fills the month rows had (for the undo): none before the first close, the close's own after.
    expect(first.plan.writes[0]?.previousHighlights?.every((h) => h === null)).toBe(true)
    expect(again.plan.writes[0]?.previousHighlights).toEqual(first.plan.writes[0]?.highlights)
  })
})
