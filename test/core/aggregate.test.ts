import { describe, expect, it } from 'vitest'
import { leaderBand, quarterScore, yearScore } from '../../src/core/aggregate'
import { exact, toFixed } from '../../src/core/decimal'
import { defaultRules } from '../../src/core/rules'

const rules = defaultRules()
const xs = (values: (number | string)[]) => values.map((v) => exact(v))

describe('第九条 quarter score = mean of the month totals that exist', () => {
  it('第九条 keeps the exact mean (shown with two decimals)', () => {
    const q = quarterScore(xs([80, 81, 82.1]))
    expect(q?.equals(exact('243.1').div(3))).toBe(true)
    expect(q && toFixed(q, 2)).toBe('81.03')
  })

  it('第九条 uses only the months there are', () => {
    expect(quarterScore(xs([80, 81]))?.toString()).toBe('80.5')
  })

  it('第九条 has no score without months', () => {
    expect(quarterScore([])).toBeNull()
  })
})

describe('第十条 year score = 0.9 × mean of month totals + leader rating', () => {
  it('第十条 twelve months of 80 and rating 9 → 72 + 9 = 81', () => {
    const y = yearScore(xs(Array(12).fill(80)), exact(9), rules)
    expect(y && [y.average, y.base, y.total].map((v) => v.toString())).toEqual(['80', '72', '81'])
  })

  it('第十条 stays exact: mean 80.05 → base 72.045', () => {
    const y = yearScore(xs([80, 80.1]), exact(8.5), rules)
    expect(y?.base.toString()).toBe('72.045')
    expect(y && toFixed(y.total, 2)).toBe('80.55')
  })

  it('第十条 follows year.baseShare', () => {
    const y = yearScore(xs([80]), exact(10), { ...rules, 'year.baseShare': exact(0.8) })
    expect(y?.total.toString()).toBe('74')
  })

  it('第十条 has no score without months', () => {
    expect(yearScore([], exact(9), rules)).toBeNull()
  })
})

describe('第十条 leader-rating bands', () => {
  it.each([
    [0, '不称职'],
    [4.9, '不称职'],
    [5, '基本称职'],
    [6.9, '基本称职'],
    [7, '称职'],
    [8.9, '称职'],
    [9, '优秀'],
    [10, '优秀'],
  ])('第十条 rating %d → %s', (rating, band) => {
    expect(leaderBand(exact(rating), rules)).toBe(band)
  })
})
