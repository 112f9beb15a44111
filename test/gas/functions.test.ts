import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { exact } from '../../src/core/decimal'
import { MONTH_INPUT_HEADERS } from '../../src/core/fields'
import { defaultRules } from '../../src/core/rules'
import { setHolidaysProvider, setRulesProvider } from '../../src/gas/context'
import {
  ATTENDANCESCORE,
  DEADLINE,
  ELIGIBLE,
  LEADERBAND,
  MONTHBREAKDOWN,
  MONTHSCORE,
  QCSCORE,
  QUARTERSCORE,
  SATISFACTIONSCORE,
  STARS,
  TIER,
  WORKLOADSCORE,
  YEARSCORE,
} from '../../src/gas/functions'

// Rows in §9 order: 出勤天数 … 质检扣分.
const ROW_A = [20, 1501, 0, '否', 0, 0, '是', 0, 0, 8.5, 0.965, 0, 0, 0] // 35.1 + 10 + 8.5 + 9.7 + 10 = 73.3
const ROW_B = [20, 1155, 0, '是', 1, 0, '否', 2, 0, 9, '100%', 3, 1, 2] // 35.1 + 9 + 9 + 9 + 8 = 70.1
const BLANK = Array(14).fill('')

afterEach(() => setRulesProvider(null))

describe('第七条（一） WORKLOADSCORE', () => {
  it('第七条（一） scalar in, scalar out', () => {
    expect(WORKLOADSCORE(1501, 0, 20)).toBe(35.1)
    expect(WORKLOADSCORE(1155, '', 20, '是')).toBe(35.1)
  })

  it('第七条（一） a range in gives a matching column, a scalar broadcasts, blanks stay blank', () => {
    expect(
      WORKLOADSCORE([[1501], [1155], [''], ['abc']], [[0], [0], [''], [0]], [[20], [20], [''], [20]], 'Y'),
      // 1501 calls as leader: 75.05 × 1.3 = 97.565 → 57.565 → 57.6
    ).toEqual([
      [57.6],
      [35.1],
      [''],
      ['错误：区域第4行，接听电话数应为不小于0的整数，实际为“abc”；请填写如 0、12 的整数'],
    ])
  })

  it('第七条（一） a bad scalar throws a Chinese error naming the field', () => {
    expect(() => WORKLOADSCORE(1500, 0, 0)).toThrow('出勤天数应为大于0且不超过31的天数')
    expect(() => WORKLOADSCORE('abc', 0, 20)).toThrow(
      '接听电话数应为不小于0的整数，实际为“abc”；请填写如 0、12 的整数',
    )
  })

  it('第七条（一） ranges of different sizes are refused', () => {
    expect(() => WORKLOADSCORE([[1], [2]], [[0], [0], [0]], 20)).toThrow('各参数区域的大小应一致')
  })

  it('第七条（一） all-blank scalar is blank (a formula filled down past the data)', () => {
    expect(WORKLOADSCORE('', '', '')).toBe('')
  })
})

describe('第七条（二）（四）（五） component functions', () => {
  it('第七条（二） ATTENDANCESCORE', () => {
    expect(ATTENDANCESCORE(0, 0, '是', 0)).toBe(10)
    expect(ATTENDANCESCORE([[1], [0]], [[0], [1]], [['否'], ['否']], [[0], [2]], [[0], [0.5]])).toEqual([
      [7],
      [8.5],
    ])
    expect(() => ATTENDANCESCORE(1, 0, '是', 0)).toThrow(
      '全勤与迟到早退（1次）或旷工脱岗（0个半天）不能同时存在',
    )
  })

  it('第七条（四） SATISFACTIONSCORE reads a %-cell 0.965 as 96.5% → 9.7', () => {
    expect(SATISFACTIONSCORE(0.965)).toBe(9.7)
    expect(SATISFACTIONSCORE('96.5%', 3, 1)).toBe(8.7)
    expect(SATISFACTIONSCORE([[0.965], [''], [96.5]], [[0], [3], ['']])).toEqual([
      [9.7],
      ['错误：区域第2行，满意率不能为空'],
      [9.7],
    ])
  })

  it('第七条（五） QCSCORE', () => {
    expect(QCSCORE(2)).toBe(8)
    expect(QCSCORE([[0], [13], ['']])).toEqual([[10], [-3], ['']])
  })
})

describe('第七条 MONTHSCORE and MONTHBREAKDOWN', () => {
  it('第七条 the 14 columns in §9 order, a blank row, a bad row', () => {
    const bad = [...ROW_A]
    bad[1] = 'abc'
    expect(MONTHSCORE([ROW_A, ROW_B, BLANK, bad])).toEqual([
      [73.3],
      [70.1],
      [''],
      ['错误：区域第4行，接听电话数应为不小于0的整数，实际为“abc”；请填写如 0、12 的整数'],
    ])
  })

  it('第七条 MONTHBREAKDOWN gives W, A, L, S, Q and the total', () => {
    expect(MONTHBREAKDOWN([ROW_A, ROW_B, BLANK])).toEqual([
      [35.1, 10, 8.5, 9.7, 10, 73.3],
      [35.1, 9, 9, 9, 8, 70.1],
      ['', '', '', '', '', ''],
    ])
  })

  it('第七条 a header row atop the inputs is recognised and labelled', () => {
    expect(MONTHSCORE([[...MONTH_INPUT_HEADERS], ROW_A])).toEqual([['月度总分'], [73.3]])
    expect(MONTHBREAKDOWN([[...MONTH_INPUT_HEADERS], ROW_B])[0]).toEqual([
      '工作量得分',
      '考勤得分',
      '领导评价得分',
      '满意度得分',
      '质检得分',
      '月度总分',
    ])
  })

  it('第七条 any column order with a header row; unknown columns are ignored', () => {
    const headers = ['工号', '姓名', ...MONTH_INPUT_HEADERS].reverse()
    const row = ['001', '张三', ...ROW_A].reverse()
    expect(MONTHSCORE([row], [headers])).toEqual([[73.3]])
  })

  it('第七条 header order does not matter (property)', () => {
    fc.assert(
      fc.property(
        fc.shuffledSubarray([...MONTH_INPUT_HEADERS.keys()], { minLength: 14, maxLength: 14 }),
        (perm) => {
          const headers = perm.map((i) => MONTH_INPUT_HEADERS[i])
          const rows = [ROW_A, ROW_B].map((r) => perm.map((i) => r[i]))
          expect(MONTHBREAKDOWN(rows, [headers])).toEqual(MONTHBREAKDOWN([ROW_A, ROW_B]))
        },
      ),
      { numRuns: 50 },
    )
  })

  it('第七条 a wrong shape or header is a clear error', () => {
    expect(() => MONTHSCORE([[1, 2, 3]])).toThrow('输入区域应有14列')
    expect(() => MONTHSCORE(5)).toThrow('输入应为包含14列')
    const headers = [...MONTH_INPUT_HEADERS]
    headers[10] = '满意度'
    expect(() => MONTHSCORE([ROW_A], [headers])).toThrow('表头缺少：满意率')
    expect(() => MONTHSCORE([ROW_A], [headers.slice(1)])).toThrow('表头有13列，输入区域有14列')
  })

  it('第七条 rules come from the rules provider hook', () => {
    setRulesProvider(() => ({ ...defaultRules(), 'attendance.base': exact(7) }))
    expect(MONTHSCORE([ROW_A])).toEqual([[72.3]])
  })
})

describe('第九条、第十条 QUARTERSCORE, YEARSCORE, LEADERBAND', () => {
  it('第九条 mean of the non-blank month totals of each row, two decimals', () => {
    expect(
      QUARTERSCORE([
        [80, 81, 82.1],
        ['不参与', 90, 91],
        ['', '', ''],
        [80, 'x', ''],
      ]),
    ).toEqual([[81.03], [90.5], [''], ['错误：区域第4行，月度得分应为数值，实际为“x”']])
  })

  it('第十条 0.9 × mean + rating per row, rating per row or one for all', () => {
    expect(
      YEARSCORE(
        [
          [80, 80.1],
          [90, ''],
        ],
        [[8.5], [9]],
      ),
    ).toEqual([[80.55], [90]])
    expect(YEARSCORE([[80], [90]], 9)).toEqual([[81], [90]])
    expect(YEARSCORE([[80], ['']], [[''], ['']])).toEqual([['错误：区域第1行，年度领导评价不能为空'], ['']])
    expect(() => YEARSCORE([[80], [90]], [[1], [2], [3]])).toThrow('领导评价有3行，月度得分有2行')
  })

  it('第十条 LEADERBAND', () => {
    expect(LEADERBAND(9)).toBe('优秀')
    expect(LEADERBAND([[4.9], [5], [7], ['']])).toEqual([['不称职'], ['基本称职'], ['称职'], ['']])
    expect(() => LEADERBAND(11)).toThrow('领导评价应为0到10之间')
  })
})

describe('第十四条 ELIGIBLE', () => {
  it('第十四条 dates as Date objects or text, periods as text, a number or a Date', () => {
    expect(ELIGIBLE(new Date(2026, 3, 1), '2026-05')).toBe(true)
    expect(ELIGIBLE('2026-04-02', '2026-05')).toBe(false)
    expect(ELIGIBLE('2026-07-01', 2026)).toBe(true)
    expect(ELIGIBLE('2026-04-01', new Date(2026, 4, 1))).toBe(true) // Sheets turns 2026-05 into a date
    expect(ELIGIBLE([['2026-04-01'], ['2026-04-02'], ['']], '2026-Q2')).toEqual([[true], [false], ['']])
  })

  it('第十四条 bad input names the field', () => {
    expect(() => ELIGIBLE('2026-02-30', '2026-05')).toThrow('入职或派驻日期不是存在的日期')
    expect(() => ELIGIBLE('2026-04-01', '五月')).toThrow('期间应为 2026-05（月）')
  })
})

describe('第十一条、第十三条 STARS and TIER', () => {
  it('第十一条 top 3 with ties; blanks and 不参与 are not ranked', () => {
    expect(STARS([[90], [88], [88], [85], [''], ['不参与']])).toEqual([
      ['每月之星'],
      ['每月之星'],
      ['每月之星'],
      [''],
      [''],
      [''],
    ])
    expect(STARS([[90], [89], [88], [88], [87]])).toEqual([
      ['每月之星'],
      ['每月之星'],
      ['每月之星'],
      ['每月之星'],
      [''],
    ])
    expect(STARS([[90], [89], [88]], 1)).toEqual([['每月之星'], [''], ['']])
  })

  it('第十三条 优秀 ≤ 20%, 良好 ≤ 30%, the rest 称职', () => {
    const scores = [95, 94, 93, 92, 91, 90, 89, 88, 87, 86].map((s) => [s])
    expect(TIER(scores)).toEqual([
      ['优秀'],
      ['优秀'],
      ['良好'],
      ['良好'],
      ['良好'],
      ['称职'],
      ['称职'],
      ['称职'],
      ['称职'],
      ['称职'],
    ])
  })

  it('第十三条 a tied group crossing the quota is marked 并列待定', () => {
    const scores = [95, 94, 94, 92, 91, 90, 89, 88, 87, 86].map((s) => [s])
    const tiers = TIER(scores) as string[][]
    expect(tiers[1]?.[0]).toMatch(/（并列待定）$/)
    expect(tiers[1]).toEqual(tiers[2])
  })
})

describe('第八条–第十条 DEADLINE', () => {
  it.each([
    ['2026-05', '初评', '2026-06-05'], // a Friday
    ['2026-04', '初评', '2026-05-08'], // 5 May is in the 劳动节 holiday (1–5 May): third working day after
    ['2026-09', '终评', '2026-10-10'], // a make-up working day (调休上班)
    ['2025-12', '', '2026-01-05'],
  ])('第八条 %s %s → %s', (period, which, due) => {
    expect(DEADLINE(period, which)).toBe(due)
  })

  it('第九条 a quarter has one deadline, the 10th, asked for as 初评 or 终评', () => {
    expect(DEADLINE('2026-Q2')).toBe('2026-07-10')
    expect(DEADLINE('2026-Q2', '终评')).toBe('2026-07-10')
  })

  it('§8 the 节假日 sheet counts: a rest day added there moves the deadline', () => {
    setHolidaysProvider(() => [{ date: '2026-06-05', type: '休息日', note: '本院安排' }])
    try {
      expect(DEADLINE('2026-05')).toBe('2026-06-10') // third working day after the rest day
    } finally {
      setHolidaysProvider(null)
    }
  })

  it('第八条 a year without holiday data is a clear error, a bad kind too', () => {
    expect(() => DEADLINE('2040-05')).toThrow('2040年没有节假日数据')
    expect(() => DEADLINE('2026-05', '中评')).toThrow('截止类型应为“初评”或“终评”')
  })
})
