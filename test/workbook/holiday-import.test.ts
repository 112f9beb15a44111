/**
 * 导入节假日安排 (SPEC §8) over the Workbook interface: the notice's days become 节假日 rows marked with their
 * source, replacing that year's earlier import and never a row typed by hand; once a year is in 节假日, its
 * deadlines are computed from it and the "no holiday data" notice is gone. 2027 is not in the package
 * (it ends with 2026): test/fixtures/holiday-notice-2027-synthetic.txt is an invented notice in the
 * official form (weekdays checked by the parser), standing in for the one published in December 2026.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { SHEET } from '../../src/workbook/layouts'
import { alerts, importHolidayNotice } from '../../src/workbook/workflows'
import { apply, newBook } from './fixture'

const notice2027 = readFileSync(
  new URL('../fixtures/holiday-notice-2027-synthetic.txt', import.meta.url),
  'utf8',
)

describe('导入节假日安排', () => {
  it('第八条 writes the year’s rest days and make-up working days, marked as imported', () => {
    const book = newBook()
    apply(book, importHolidayNotice(book, notice2027))
    const rows = book.records(SHEET.holidays)
    expect(rows).toHaveLength(33)
    expect(rows.filter((r) => r.类型 === '休息日')).toHaveLength(28)
    expect(rows.find((r) => r.日期 === '2027-02-05')).toEqual({
      日期: '2027-02-05',
      类型: '休息日',
      说明: '春节（2027年国务院通知）',
    })
    expect(rows.find((r) => r.日期 === '2027-02-20')).toEqual({
      日期: '2027-02-20',
      类型: '工作日',
      说明: '春节调休上班（2027年国务院通知）',
    })
    expect(book.records(SHEET.log).at(-1)).toMatchObject({ 操作: '导入节假日', 期间: '2027' })
  })

  it('第八条 a second import replaces that year’s imported rows; rows typed by hand are never touched', () => {
    const book = newBook()
    book.setRows(SHEET.holidays, [
      ['2026-12-31', '休息日', '本院安排'],
      ['2027-02-12', '工作日', '本院值守'],
    ])
    apply(book, importHolidayNotice(book, notice2027))
    const corrected = notice2027.replace(
      '五、端午节：6月9日（周三）放假1天，不调休。',
      '五、端午节：6月9日（周三）至11日（周五）放假，共3天。',
    )
    const outcome = importHolidayNotice(book, corrected)
    expect(outcome.ok && outcome.plan.message).toMatch(/替换此前导入的32行/)
    apply(book, outcome)
    const rows = book.records(SHEET.holidays)
    expect(rows.slice(0, 2)).toEqual([
      { 日期: '2026-12-31', 类型: '休息日', 说明: '本院安排' },
      { 日期: '2027-02-12', 类型: '工作日', 说明: '本院值守' },
    ])
    expect(rows.filter((r) => r.日期 === '2027-02-12')).toHaveLength(1) // the hand row wins
    expect(rows.filter((r) => String(r.说明).includes('端午节'))).toHaveLength(3)
    expect(rows).toHaveLength(2 + 34)
  })

  it('a notice with a line it cannot read is refused, naming the line; nothing is written', () => {
    const book = newBook()
    const before = book.snapshot()
    const bad = notice2027.replace('至12日（农历正月初七、周五）', '至12日（农历正月初七、周六）')
    const outcome = importHolidayNotice(book, bad)
    expect(outcome.ok).toBe(false)
    if (outcome.ok) return
    expect(outcome.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/^通知第8行“二、春节：2月5日.*2月12日是周五，通知写的是周六/),
    ])
    expect(book.snapshot()).toEqual(before)
  })

  it('第八条、第十条 once 2027 is in 节假日 its deadlines use it and the "no holiday data" notice is gone', () => {
    const book = newBook()
    book.clock = '2027-02-01 09:00:00'
    const before = alerts(book)
    expect(before.notices.join('')).toMatch(/2027年没有节假日数据/)
    apply(book, importHolidayNotice(book, notice2027))
    const after = alerts(book)
    expect(after.notices.join('')).not.toMatch(/节假日数据/)
    // 2027-01 初评: the 5th of February falls in 春节 (5–12 February): third working day after → 17 February.
    const jan = after.deadlines.find((d) => d.period === '2027-01' && d.which === '初评')
    expect(jan?.due).toBe('2027-02-17')
    expect(jan?.reason).toMatch(/春节（2027年国务院通知）/)
  })
})
