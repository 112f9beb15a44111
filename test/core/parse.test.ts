import { describe, expect, it } from 'vitest'
import { toFixed } from '../../src/core/decimal'
import { MONTH_INPUT_HEADERS, parseMonthInput } from '../../src/core/fields'
import {
  type Parsed,
  parseBool,
  parseCount,
  parseDate,
  parseDays,
  parseDecimal,
  parseRate,
  parseRating,
  parseText,
} from '../../src/core/parse'

function value<T>(p: Parsed<T>): T {
  if (!p.ok) throw new Error(`expected a value, got: ${p.message}`)
  return p.value
}

function message<T>(p: Parsed<T>): string {
  if (p.ok) throw new Error(`expected an error, got: ${String(p.value)}`)
  return p.message
}

describe('第七条（一） counts: calls and texts are whole numbers ≥ 0', () => {
  it.each([
    [3, 3],
    ['3', 3],
    [' 12 ', 12],
    ['1,501', 1501],
    [0, 0],
    ['', 0],
    [null, 0],
    [undefined, 0],
  ])('%j → %d', (input, expected) => {
    expect(value(parseCount(input, '接听电话数'))).toBe(expected)
  })

  it.each([
    ['abc', '接听电话数应为不小于0的整数，实际为“abc”；请填写如 0、12 的整数'],
    [3.5, '接听电话数应为不小于0的整数，实际为“3.5”；请填写如 0、12 的整数'],
    ['3.5', '接听电话数应为不小于0的整数，实际为“3.5”；请填写如 0、12 的整数'],
    [-1, '接听电话数应为不小于0的整数，实际为“-1”；请填写如 0、12 的整数'],
    [true, '接听电话数应为不小于0的整数，实际为“true”；请填写如 0、12 的整数'],
  ])('%j is refused with a message naming the field', (input, expected) => {
    expect(message(parseCount(input, '接听电话数'))).toBe(expected)
  })
})

describe('第七条（一） 出勤天数: > 0 and ≤ 31, half days allowed', () => {
  it.each([
    [20, '20.0'],
    [20.5, '20.5'],
    ['21.5', '21.5'],
    [0.5, '0.5'],
    [31, '31.0'],
  ])('%j is accepted', (input, expected) => {
    expect(toFixed(value(parseDays(input, '出勤天数')))).toBe(expected)
  })

  it.each([0, -1, 31.5, 20.3, 'x', true])('%j is refused', (input) => {
    expect(message(parseDays(input, '出勤天数'))).toMatch(/^出勤天数应为大于0且不超过31的天数/)
  })

  it('blank is refused', () => {
    expect(message(parseDays('', '出勤天数'))).toBe('出勤天数不能为空')
  })
})

describe('第七条（二） booleans: 是/否 Y/N TRUE/FALSE 1/0 √ and blank', () => {
  it.each([
    ['是', true],
    ['否', false],
    ['Y', true],
    ['n', false],
    ['TRUE', true],
    ['false', false],
    [true, true],
    [false, false],
    [1, true],
    [0, false],
    ['1', true],
    ['0', false],
    ['√', true],
    ['', false],
    [null, false],
  ])('%j → %s', (input, expected) => {
    expect(value(parseBool(input, '全勤'))).toBe(expected)
  })

  it.each(['也许', 2, 'x'])('%j is refused naming the field', (input) => {
    expect(message(parseBool(input, '全勤'))).toMatch(/^全勤应为“是”或“否”/)
  })
})

describe('第七条（四） 满意率: a fraction 0–1, a percentage in (1, 100], or text with %', () => {
  it.each([
    [0.965, '0.965'],
    [96.5, '0.965'],
    ['96.5%', '0.965'],
    ['96.5', '0.965'],
    [' 100 % ', '1'],
    [1, '1'],
    [100, '1'],
    [0, '0'],
    [0.5, '0.5'],
    [50, '0.5'],
  ])('%j → %s', (input, expected) => {
    expect(value(parseRate(input, '满意率')).toString()).toBe(expected)
  })

  it.each([101, -0.1, '101%', 'abc', true])('%j is refused', (input) => {
    expect(message(parseRate(input, '满意率'))).toMatch(/^满意率应为0到100%之间的比率/)
  })

  it('blank is an input error', () => {
    expect(message(parseRate('', '满意率'))).toBe('满意率不能为空')
    expect(message(parseRate(undefined, '满意率'))).toBe('满意率不能为空')
  })
})

describe('第七条（三） 领导评价: 0–10 with at most one decimal', () => {
  it.each([
    [0, '0'],
    [8.5, '8.5'],
    ['9.9', '9.9'],
    [10, '10'],
  ])('%j → %s', (input, expected) => {
    expect(value(parseRating(input, '领导评价')).toString()).toBe(expected)
  })

  it.each([10.5, -1, 8.55, 'good'])('%j is refused', (input) => {
    expect(message(parseRating(input, '领导评价'))).toMatch(/^领导评价应为0到10之间、最多一位小数的分数/)
  })

  it('blank is refused', () => {
    expect(message(parseRating('', '领导评价'))).toBe('领导评价不能为空')
  })
})

describe('parseDecimal: bounds and blanks', () => {
  it('reads the decimal typed and applies blankAs', () => {
    expect(value(parseDecimal(0.1, '其他加班加分')).toString()).toBe('0.1')
    expect(value(parseDecimal('', '其他加班加分', { blankAs: 0 })).toString()).toBe('0')
  })

  it('names the field and the bound', () => {
    expect(message(parseDecimal(-1, '质检扣分', { min: 0 }))).toBe('质检扣分不能小于0，实际为“-1”')
    expect(message(parseDecimal(6, '扣加分', { min: 3, max: 5 }))).toBe('扣加分应在3到5之间，实际为“6”')
    expect(message(parseDecimal('x', '扣加分'))).toBe('扣加分应为数值，实际为“x”')
    expect(message(parseDecimal('', '扣加分'))).toBe('扣加分不能为空')
  })
})

describe('第十四条 dates: Date objects and text', () => {
  it.each([
    ['2026-05-01', '2026-05-01'],
    ['2026/5/1', '2026-05-01'],
    ['2026年5月1日', '2026-05-01'],
    ['2024-02-29', '2024-02-29'],
  ])('%s → %s', (input, expected) => {
    expect(value(parseDate(input, '入职或派驻日期'))).toBe(expected)
  })

  it('reads a Date with the injected reader (the spreadsheet time zone), by default its local calendar', () => {
    const d = new Date(2026, 4, 1, 0, 30)
    expect(value(parseDate(d, '入职或派驻日期'))).toBe('2026-05-01')
    expect(value(parseDate(d, '入职或派驻日期', () => '2026-04-30'))).toBe('2026-04-30')
  })

  it.each(['2026-02-30', '2025-02-29', '2026-13-01'])('impossible date %s is refused', (input) => {
    expect(message(parseDate(input, '入职或派驻日期'))).toBe(`入职或派驻日期不是存在的日期：“${input}”`)
  })

  it('text that is not a date, an invalid Date, and blank are refused', () => {
    expect(message(parseDate('五月一日', '入职或派驻日期'))).toMatch(/^入职或派驻日期应为日期/)
    expect(message(parseDate(new Date(Number.NaN), '入职或派驻日期'))).toBe('入职或派驻日期不是有效日期')
    expect(message(parseDate('', '入职或派驻日期'))).toBe('入职或派驻日期不能为空')
  })

  it('parseText trims and blanks are empty', () => {
    expect(parseText('  张三 ')).toBe('张三')
    expect(parseText(null)).toBe('')
    expect(parseText(12)).toBe('12')
  })
})

describe('§9 month input row (第七条)', () => {
  const good = [20, 1501, 30, '否', 0, 0, '是', 2, 0.5, 8.5, 0.965, 3, 1, 2]

  it('has the 14 headers of §9 in order', () => {
    expect(MONTH_INPUT_HEADERS).toEqual([
      '出勤天数',
      '接听电话数',
      '文字咨询条数',
      '带班班长',
      '迟到早退次数',
      '旷工脱岗半天数',
      '全勤',
      '中午值班加分次数',
      '其他加班加分',
      '领导评价',
      '满意率',
      '有效投诉扣分',
      '表扬次数',
      '质检扣分',
    ])
  })

  it('parses a good row', () => {
    const { input, errors } = parseMonthInput(good)
    expect(errors).toEqual([])
    expect(input).toMatchObject({
      calls: 1501,
      texts: 30,
      isLeader: false,
      fullAttendance: true,
      noonDuties: 2,
    })
    expect(input?.satisfaction.toString()).toBe('0.965')
    expect(input?.days.toString()).toBe('20')
  })

  it('collects every bad field with its index', () => {
    const row = [0, 'abc', 30, '否', 0, 0, '否', 0, 0, 11, '', 0, 0, 0]
    const { input, errors } = parseMonthInput(row)
    expect(input).toBeNull()
    expect(errors.map((e) => [e.index, e.field])).toEqual([
      [0, '出勤天数'],
      [1, '接听电话数'],
      [9, '领导评价'],
      [10, '满意率'],
    ])
    expect(errors[1]?.message).toBe('接听电话数应为不小于0的整数，实际为“abc”；请填写如 0、12 的整数')
  })

  it('第七条（二） 全勤 together with lateness or absence is an input error', () => {
    const late = [...good]
    late[4] = 1
    const { input, errors } = parseMonthInput(late)
    expect(input).toBeNull()
    expect(errors).toEqual([
      { index: 6, field: '全勤', message: '全勤与迟到早退（1次）或旷工脱岗（0个半天）不能同时存在' },
    ])
  })
})
