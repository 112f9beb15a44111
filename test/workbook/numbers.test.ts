/**
 * Issue: numbers as the sheet shows them, required inputs, counts kept by hand, and closes in order
 * (SPEC §2, §9, §11). Each case was a failing reproduction before the fix.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { exact } from '../../src/core/decimal'
import { parseMonthInput } from '../../src/core/fields'
import { parseRate, parseRating } from '../../src/core/parse'
import { parsePeriod } from '../../src/core/period'
import { monthSheetName, SHEET } from '../../src/workbook/layouts'
import { closePeriod, validatePeriod } from '../../src/workbook/workflows'
import { apply, fillMonth, newBook } from './fixture'

const APR = parsePeriod('2026-04')
const MAY = parsePeriod('2026-05')
const APR_SHEET = monthSheetName('2026-04')

describe('§2 a number is its 15-significant-digit decimal', () => {
  it.each([
    [15 / 200 + 170 / 200, '0.925'], // =15/200+170/200
    [1 - 39 / 200, '0.805'], // =1-39/200
    [0.7 + 0.1, '0.8'],
    [40.5 + 11 + 8.5 + 11.8 + 58.6, '130.4'],
  ])('%d reads as %s', (v, text) => {
    expect(exact(v).toString()).toBe(text)
  })

  it('第七条（四） a formula rate 0.9249999999999999 scores as the sheet shows it (9.3, not 9.2)', () => {
    const rate = parseRate(15 / 200 + 170 / 200, '满意率')
    expect(rate.ok && rate.value.toString()).toBe('0.925')
  })

  it('第七条（三） a rating =0.7+0.1 is accepted as 0.8', () => {
    const r = parseRating(0.7 + 0.1, '领导评价')
    expect(r.ok && r.value.toString()).toBe('0.8')
  })

  it('property: one-decimal components summed in binary read back as their exact sum', () => {
    // Scores of 0 to 150 points (a month total and its parts); a sum crossing 0 could land on 5.55e-17.
    const tenths = fc.integer({ min: 0, max: 1500 })
    fc.assert(
      fc.property(fc.array(tenths, { minLength: 2, maxLength: 6 }), (parts) => {
        const binary = parts.reduce((acc, p) => acc + p / 10, 0)
        const exactSum = parts.reduce((acc, p) => acc.add(exact(p).div(10)), exact(0))
        return exact(binary).equals(exactSum)
      }),
    )
  })

  it('property: a ratio p/q that terminates within 10 decimals reads as that decimal', () => {
    const denominators = [2, 4, 5, 8, 10, 16, 20, 25, 40, 50, 100, 125, 200, 250, 1000, 1024]
    fc.assert(
      fc.property(fc.constantFrom(...denominators), fc.integer({ min: 0, max: 5000 }), (q, p) => {
        return exact(p / q).equals(exact(p).div(q))
      }),
    )
  })
})

describe('§2 required inputs', () => {
  it('第七条（一） a blank 接听电话数 is a problem naming the cell and the operator, never −40 points', () => {
    const book = newBook()
    fillMonth(book, '2026-04')
    book.setCell(APR_SHEET, 'A02', '接听电话数', '')
    const problems = validatePeriod(book, APR)
    expect(problems).toEqual([
      expect.objectContaining({
        sheet: APR_SHEET,
        cell: 'D3',
        message: expect.stringMatching(/李华（A02）.*接听电话数不能为空/),
      }),
    ])
  })

  it('§2 文字咨询条数 blank is 0', () => {
    const { input } = parseMonthInput([20, 1500, '', '否', 0, 0, '是', 0, 0, 8, 0.95, 0, 0, 0])
    expect(input?.texts).toBe(0)
  })

  it.each([
    ['#REF!', /公式出错（#REF!）/],
    ['#DIV/0!', /公式出错（#DIV\/0!）/],
    ['#NORESULT!', /公式没有计算结果：请在 Excel\/WPS 中打开并保存后再试/],
  ])('§2 an error value %s in 接听电话数 or 领导评价 names what it is', (v, message) => {
    const { errors } = parseMonthInput([20, v, 0, '否', 0, 0, '是', 0, 0, v, 0.95, 0, 0, 0])
    expect(errors.map((e) => e.field)).toEqual(['接听电话数', '领导评价'])
    for (const e of errors) expect(e.message).toMatch(message)
  })
})

describe('§11 closes in order, and only once a period has ended', () => {
  it('第十五、十六条 a month whose previous month has an open sheet is refused, naming it', () => {
    const book = newBook()
    fillMonth(book, '2026-04')
    fillMonth(book, '2026-05')
    const refused = closePeriod(book, MAY)
    expect(refused.ok).toBe(false)
    if (!refused.ok) expect(refused.problems[0]?.message).toMatch(/请先结算2026年4月/)
    apply(book, closePeriod(book, APR))
    expect(closePeriod(book, MAY).ok).toBe(true)
  })

  it('第十条 a year close before the year ends is refused', () => {
    const book = newBook()
    book.clock = '2026-12-01 09:00:00'
    fillMonth(book, '2026-04')
    apply(book, closePeriod(book, APR))
    const refused = closePeriod(book, parsePeriod('2026'))
    expect(refused.ok).toBe(false)
    if (!refused.ok) expect(refused.problems[0]?.message).toMatch(/年度尚未结束.*2026-12-31/)
  })

  it('第十条 a year close covers every month sheet of the year, also one 日志 never named', () => {
    const book = newBook()
    fillMonth(book, '2026-04')
    apply(book, closePeriod(book, APR))
    fillMonth(book, '2026-05') // a sheet, never closed
    const refused = closePeriod(book, parsePeriod('2026'))
    expect(refused.ok).toBe(false)
    if (!refused.ok)
      expect(refused.problems).toContainEqual(
        expect.objectContaining({ sheet: monthSheetName('2026-05'), code: 'unclosed-month' }),
      )
  })
})

describe('§9 count cells kept by hand', () => {
  it('第七条（二） 其他加班加分 = 1 without a 加班 row closes (it used to say 与“事件”表当月记录的0不一致)', () => {
    const book = newBook()
    fillMonth(book, '2026-04')
    book.setCell(APR_SHEET, 'A02', '其他加班加分', 1)
    expect(closePeriod(book, APR).ok).toBe(true)
  })

  it('第十五、十六条（二） a typed complaint deduction without 事件 rows closes and the result says so', () => {
    const book = newBook()
    fillMonth(book, '2026-04')
    book.setCell(APR_SHEET, 'A02', '有效投诉扣分', 3)
    const outcome = closePeriod(book, APR)
    expect(outcome.ok).toBe(true)
    if (outcome.ok)
      expect(outcome.plan.message).toMatch(
        /李华（A02）的有效投诉扣分为手工填写.*第十五条、第十六条（二）（三）/,
      )
    expect(book.sheets.has(SHEET.events)).toBe(true)
  })
})

describe('§9 the counts a close used are visible on the month sheet', () => {
  it('第七条（二）（四） blank count cells filled from 值班 and 事件 are listed in 按记录统计; typed ones are not', () => {
    const book = newBook()
    fillMonth(book, '2026-04')
    apply(book, closePeriod(book, APR))
    expect(book.cell(APR_SHEET, 'A03', '按记录统计')).toBe('中午值班加分次数 1（值班）；表扬次数 1（事件）')
    expect(book.cell(APR_SHEET, 'A03', '中午值班加分次数')).toBe('') // the input cell itself is never written
    expect(book.cell(APR_SHEET, 'A02', '按记录统计')).toBe('')
  })
})

describe('§11 the leaders’ columns survive a re-close', () => {
  it('第十三条 a 备注 typed on the quarter sheet is kept after the close’s own notes', () => {
    const book = newBook()
    for (const m of ['2026-04', '2026-05', '2026-06']) {
      fillMonth(book, m)
      apply(book, closePeriod(book, parsePeriod(m)))
    }
    const q2 = parsePeriod('2026-Q2')
    apply(book, closePeriod(book, q2))
    const before = String(book.cell('2026-Q2 季度', 'A07', '备注'))
    book.setCell('2026-Q2 季度', 'A07', '备注', [before, '已于7月3日谈话'].filter(Boolean).join('；'))
    apply(book, closePeriod(book, q2))
    const after = String(book.cell('2026-Q2 季度', 'A07', '备注'))
    expect(after.startsWith(before)).toBe(true)
    expect(after.endsWith('已于7月3日谈话')).toBe(true)
  })
})
