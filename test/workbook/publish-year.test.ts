import { describe, expect, it } from 'vitest'
import { parsePeriod } from '../../src/core/period'
import { buildInsights } from '../../src/workbook/insights'
import { SHEET, yearPublishSheetName, yearSheetName } from '../../src/workbook/layouts'
import { closePeriod, publishPeriod } from '../../src/workbook/workflows'
import { apply, fillMonth, newBook } from './fixture'

const YEAR = parsePeriod('2026')

function closedMonths() {
  const book = newBook()
  for (const m of ['2026-04', '2026-05', '2026-06']) {
    fillMonth(book, m)
    apply(book, closePeriod(book, parsePeriod(m)))
  }
  book.clock = '2027-01-04 09:00:00'
  return book
}

/** 2027 is not in the built-in calendar: the 节假日 sheet supplies it (元旦). */
function with2027(book: ReturnType<typeof closedMonths>) {
  book.setRows(SHEET.holidays, [['2027-01-01', '休息日', '元旦']])
  return book
}

describe('第十条 生成公示表 for a year: 月度平均分 and 基础得分 before the leader’s rating', () => {
  it('publishes what the year close computes, before any close, ordered by 基础得分, and logs the 初评', () => {
    const book = closedMonths()
    apply(book, publishPeriod(book, YEAR))
    const rows = book.records(yearPublishSheetName(2026)).filter((r) => r.工号 !== '' || r.备注 !== '')
    const people = rows.filter((r) => r.姓名 !== '')
    expect(people).toHaveLength(8)
    const bases = people.map((r) => r.基础得分).filter((b) => b !== '') as number[]
    expect(bases).toEqual([...bases].sort((a, b) => b - a))
    // Nothing of the year sheet written; the figures are those the close then writes.
    expect(book.sheets.has(yearSheetName(2026))).toBe(false)
    apply(book, closePeriod(book, YEAR))
    for (const r of people) {
      expect(book.cell(yearSheetName(2026), String(r.工号), '基础得分')).toBe(r.基础得分)
      expect(book.cell(yearSheetName(2026), String(r.工号), '月度平均分')).toBe(r.月度平均分)
    }
    const footer = String(rows[rows.length - 1]?.工号)
    expect(footer).toMatch(/^2026年度考核分数初步统计公示：基础得分为本年度各月考核总分平均分的90%（第十条）/)
    expect(footer).toMatch(/公示名义截止日：2027-01-05（第十条；遇节假日顺延，节假日数据缺失/) // 2027 not in the built-in calendar
    const log = book.records(SHEET.log).filter((r) => r.操作 === '生成公示')
    expect(log.map((r) => r.期间)).toEqual(['2026'])
    // The 初评 is done; the first close, still waiting for the leader's ratings, is not yet the 终评.
    const due = buildInsights(with2027(book), YEAR, { asOf: '2027-01-06' }).deadlines
    expect(due.map((d) => [d.which, d.doneOn])).toEqual([
      ['初评', '2027-01-04'],
      ['终评', null],
    ])
  })

  it('a 不参与 reason is published, alerts are not; a month not closed stops it; a quarter has no 公示', () => {
    const book = closedMonths()
    apply(book, closePeriod(book, YEAR))
    apply(book, publishPeriod(book, YEAR))
    const rows = book.records(yearPublishSheetName(2026)).filter((r) => r.姓名 !== '')
    expect(rows.every((r) => !String(r.备注).includes('预警'))).toBe(true)
    const book2 = newBook()
    fillMonth(book2, '2026-04')
    const refused = publishPeriod(book2, YEAR)
    expect(refused.ok).toBe(false)
    expect(!refused.ok && refused.problems.map((p) => p.message).join()).toMatch(/2026-04 月度尚未结算/)
    const quarter = publishPeriod(book2, parsePeriod('2026-Q2'))
    expect(!quarter.ok && quarter.problems[0]?.message).toMatch(/季度只评定得分（第九条）/)
  })
})
