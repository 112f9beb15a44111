/**
 * The two sentences of the 办法 issue 17 brought in, through the month close on the workflow fixture:
 * 第五条's 消极怠工 (a noon duty that earns nothing) and 第三条's 原则上一年内不得更换 (派驻更换 in 预警).
 */
import { describe, expect, it } from 'vitest'
import { parsePeriod } from '../../src/core/period'
import { monthSheetName, SHEET } from '../../src/workbook/layouts'
import { alerts, closePeriod, validatePeriod } from '../../src/workbook/workflows'
import type { MemoryWorkbook } from '../support/memory-workbook'
import { apply, fillMonth, NOON, newBook, ROSTER } from './fixture'

const APR = parsePeriod('2026-04')
const MAY = parsePeriod('2026-05')
const JUN = parsePeriod('2026-06')

/** Dispatched leavers and their courts' newcomers, each at one edge of 第三条. */
const DISPATCH = [
  // 2025-05-01 → 2026-04-30: day 364, within the year; the court's newcomer starts 2026-05-06.
  ['B01', '何伟', '越秀区人民法院', '话务员', '2025-05-01', '2026-04-30', ''],
  ['B02', '许丽', '越秀区人民法院', '话务员', '2026-05-06', '', ''],
  // 2025-04-01 → 2026-04-01: day 365, the year is served.
  ['B03', '郭峰', '海珠区人民法院', '话务员', '2025-04-01', '2026-04-01', ''],
  ['B04', '罗敏', '海珠区人民法院', '话务员', '2026-04-02', '', ''],
  // Within the year, but the 备注 gives the assessment reason.
  ['B05', '梁军', '白云区人民法院', '话务员', '2025-06-01', '2026-04-15', '考核不达标，退回原单位'],
  ['B06', '宋佳', '白云区人民法院', '话务员', '2026-04-16', '', ''],
  // Within the year, but the newcomer is from another court.
  ['B07', '谢娜', '荔湾区人民法院', '话务员', '2025-06-01', '2026-04-15', ''],
  ['B08', '韩冬', '花都区人民法院', '话务员', '2026-04-16', '', ''],
]

function dispatchBook(): MemoryWorkbook {
  const book = newBook()
  book.setRows(SHEET.roster, [...ROSTER, ...DISPATCH])
  return book
}

const replacements = (book: MemoryWorkbook) => book.records(SHEET.alerts).filter((r) => r.级别 === '派驻更换')

describe('第三条 派驻更换 in 预警', () => {
  it('第三条 listed once, at the close of the month the replacement completes, naming both people', () => {
    const book = dispatchBook()
    fillMonth(book, '2026-04')
    apply(book, closePeriod(book, APR))
    // April: 何伟 has left but 许丽 has not come yet; 郭峰 served his year; 梁军 has a reason; 花都 ≠ 荔湾.
    expect(replacements(book)).toEqual([])
    expect(book.records(SHEET.alerts).some((r) => r.级别 === '派驻缺位' && r.工号 === 'B07')).toBe(true)

    fillMonth(book, '2026-05')
    apply(book, closePeriod(book, MAY))
    const rows = replacements(book)
    expect(rows).toEqual([
      {
        月份: '2026-05',
        工号: 'B01',
        姓名: '何伟',
        级别: '派驻更换',
        条款: '第三条',
        原因:
          '越秀区人民法院派驻话务员何伟（B01）于2025-05-01派驻、2026-04-30离岗（未满1年，2026-05-01方满1年），' +
          '许丽（B02）于2026-05-06到岗接替；备注未载明考核不达标等不适宜继续派驻的情形' +
          '（第三条：除因存在考核不达标等不适宜继续派驻的情形外，派驻话务员原则上1年内不得更换）',
      },
    ])

    // A repeated close of May gives the same sheet; June's close does not list it again.
    const first = book.snapshot()
    apply(book, closePeriod(book, MAY))
    expect(book.snapshot()).toEqual(first)
    fillMonth(book, '2026-06')
    apply(book, closePeriod(book, JUN))
    expect(replacements(book).map((r) => r.月份)).toEqual(['2026-05'])
  })

  it('第三条 the sidebar shows it like the vacancy reminder while May is the latest closed month', () => {
    const book = dispatchBook()
    for (const p of [APR, MAY]) {
      fillMonth(book, `2026-0${p.kind === 'month' ? p.month : 0}`)
      apply(book, closePeriod(book, p))
    }
    const view = alerts(book, '2026-06-03')
    const open = view.openAlerts.filter((a) => a.level === '派驻更换')
    expect(open.map((a) => [a.month, a.id, a.name, a.clause])).toEqual([['2026-05', 'B01', '何伟', '第三条']])
    expect(open[0]?.reason).toContain('许丽（B02）于2026-05-06到岗接替')
  })
})

describe('第五条 消极怠工', () => {
  it('第五条 a slack duty is valid input and earns no 补休 and no attendance point', () => {
    const book = newBook()
    book.setRows(SHEET.noon, [
      ...NOON, // A03 未提前下班未补休 04-08; A01 计入补休 04-09 and 04-14
      ['2026-04-15', 'A01', '消极怠工'],
      ['2026-04-16', 'A01', '消极怠工'],
      ['2026-04-16', 'A03', '未提前下班未补休'],
    ])
    fillMonth(book, '2026-04')
    expect(validatePeriod(book, APR)).toEqual([])
    apply(book, closePeriod(book, APR))
    const sheet = monthSheetName('2026-04')
    expect(book.cell(sheet, 'A01', '考勤得分')).toBe(10) // 8 + 全勤 2; the two slack duties add nothing
    expect(book.cell(sheet, 'A03', '考勤得分')).toBe(12) // 8 + 全勤 2 + two duties × 1
    // Only the pair of 计入补休 duties (04-09, 04-14) makes half a day; 消极怠工 never completes a pair.
    const noonLeave = book.records(SHEET.leave).filter((r) => String(r.来源).includes('中午值班'))
    expect(noonLeave.map((r) => `${r.工号} ${r.天数} ${r.来源}`)).toEqual([
      'A01 0.5 2026-04 中午值班补休（2026-04-09、2026-04-14，第五条）',
    ])
  })

  it('第五条 a slack duty still counts toward the two people a day', () => {
    const book = newBook()
    book.setRows(SHEET.noon, [
      ...NOON,
      ['2026-04-16', 'A01', '消极怠工'],
      ['2026-04-16', 'A02', '消极怠工'],
      ['2026-04-16', 'A03', '未提前下班未补休'],
    ])
    fillMonth(book, '2026-04')
    expect(validatePeriod(book, APR).map((p) => [p.sheet, p.cell, p.message])).toEqual([
      [SHEET.noon, 'A7', '2026-04-16中午值班超过2人（第五条：每次值班人员不超过2人）'],
    ])
  })
})
