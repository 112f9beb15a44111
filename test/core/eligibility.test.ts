import { describe, expect, it } from 'vitest'
import { eligibility, isSecondedInMonth, isTenureEligible } from '../../src/core/eligibility'
import type { Operator, Secondment } from '../../src/core/model'
import { parsePeriod } from '../../src/core/period'
import { defaultRules } from '../../src/core/rules'

const rules = defaultRules()

describe('第十四条 tenure measured at the period end (start + N months ≤ day after the last day)', () => {
  it.each([
    ['2026-03-01', '2026-05', true],
    ['2026-04-01', '2026-05', true], // + 2 months = 2026-06-01, the day after May
    ['2026-04-02', '2026-05', false],
    ['2025-12-31', '2026-02', true], // + 2 months clamps to 2026-02-28
    ['2025-12-31', '2026-01', false],
    ['2026-06-01', '2026-05', false], // not started yet
    ['2026-04-01', '2026-Q2', true], // + 3 months = 2026-07-01
    ['2026-04-02', '2026-Q2', false],
    ['2026-07-01', '2026', true], // + 6 months = 2027-01-01
    ['2026-07-02', '2026', false],
  ])('第十四条 started %s, period %s → %s', (start, period, expected) => {
    expect(isTenureEligible(start, parsePeriod(period), rules)).toBe(expected)
  })
})

const op: Operator = {
  id: '001',
  name: '张三',
  homeCourt: null,
  role: '话务员',
  startDate: '2025-01-01',
  leaveDate: null,
  note: '',
}

const seconded = (from: string, to: string, id = '001'): Secondment => ({ id, from, to, note: '' })

describe('第十四条、第十七条 eligibility with its reason', () => {
  it('第十四条 a newcomer is not assessed, with the reason', () => {
    const result = eligibility({ ...op, startDate: '2026-04-15' }, parsePeriod('2026-05'), [], rules)
    expect(result).toEqual({ eligible: false, reason: '入职或派驻未满2个月，不参与月度考核' })
    const quarter = eligibility({ ...op, startDate: '2026-04-15' }, parsePeriod('2026-Q2'), [], rules)
    expect(quarter.reason).toBe('入职或派驻未满3个月，不参与季度考核')
  })

  it('第十七条 a month with secondment is not scored', () => {
    const s = [seconded('2026-05-20', '2026-06-30')]
    expect(eligibility(op, parsePeriod('2026-05'), s, rules)).toEqual({
      eligible: false,
      reason: '2026-05 借调，不参与当月考核（第十七条）',
    })
    expect(eligibility(op, parsePeriod('2026-07'), s, rules).eligible).toBe(true)
    expect(eligibility(op, parsePeriod('2026-04'), s, rules).eligible).toBe(true)
  })

  it('第十七条 only this operator’s secondments count', () => {
    expect(
      eligibility(op, parsePeriod('2026-05'), [seconded('2026-05-01', '2026-05-31', '002')], rules).eligible,
    ).toBe(true)
    expect(isSecondedInMonth('001', '2026-05', [seconded('2026-04-01', '2026-04-30')])).toBe(false)
  })

  it('第十七条 a quarter is left out only when every month was seconded', () => {
    const one = [seconded('2026-05-01', '2026-05-31')]
    expect(eligibility(op, parsePeriod('2026-Q2'), one, rules).eligible).toBe(true)
    const all = [seconded('2026-03-15', '2026-07-10')]
    expect(eligibility(op, parsePeriod('2026-Q2'), all, rules)).toEqual({
      eligible: false,
      reason: '2026-Q2 全期借调，不参与季度考核（第十七条）',
    })
  })

  it('第十四条 an operator who left before the period is not assessed', () => {
    const left = { ...op, leaveDate: '2026-04-30' }
    expect(eligibility(left, parsePeriod('2026-05'), [], rules)).toEqual({
      eligible: false,
      reason: '已离岗（2026-04-30），不参与月度考核',
    })
    expect(eligibility({ ...op, leaveDate: '2026-05-10' }, parsePeriod('2026-05'), [], rules).eligible).toBe(
      true,
    )
  })
})

describe('第十四条 leavers', () => {
  const leaver: Operator = {
    id: 'L1',
    name: '离岗者',
    homeCourt: null,
    role: '话务员',
    startDate: '2024-01-01',
    leaveDate: '2026-04-30',
    note: '',
  }
  it.each([
    ['2026-04', true], // still in post for the month
    ['2026-05', false], // left before the month
    ['2026-Q2', false], // left before the quarter's end
    ['2026-Q1', true],
    ['2026', false], // left before the year's end
  ])('第十四条 an operator who left on 2026-04-30, period %s → eligible %s', (period, expected) => {
    expect(eligibility(leaver, parsePeriod(period), [], defaultRules()).eligible).toBe(expected)
  })
})
