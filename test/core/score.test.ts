import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type Exact, exact, toFixed } from '../../src/core/decimal'
import type { MonthInput } from '../../src/core/model'
import { defaultRules, type Rules } from '../../src/core/rules'
import {
  attendanceScore,
  explainMonth,
  leaderScore,
  monthBreakdown,
  qcScore,
  satisfactionScore,
  workloadScore,
} from '../../src/core/score'

const rules = defaultRules()
const t = (x: Exact) => toFixed(x, 1)

const base: MonthInput = {
  days: exact(20),
  calls: 1500,
  texts: 0,
  isLeader: false,
  lateOrEarly: 0,
  absentHalfDays: 0,
  fullAttendance: true,
  noonDuties: 0,
  extraPoints: exact(0),
  leaderRating: exact(8),
  satisfaction: exact(1),
  complaintPoints: exact(0),
  praises: 0,
  qcPoints: exact(0),
}

describe('第七条（一） 业务工作量: 35 at 75 calls a day, ±1 a call, texts 3 for 1, team leader ×1.3', () => {
  it.each([
    [1500, 0, 20, false, '35.0'], // exactly the base
    [1501, 0, 20, false, '35.1'], // 75.05 a day → 35.05 rounds up, not down to 35.0
    [1499, 0, 20, false, '35.0'], // 74.95 → 34.95 → 35.0
    [1155, 0, 20, true, '35.1'], // 57.75 × 1.3 = 75.075
    [1000, 300, 20, false, '15.0'], // (1000 + 300/3) / 20 = 55
    [1000, 1, 20, false, '10.0'], // (1000 + 1/3) / 20 = 50.0166… exact, not a float
    [1501, 0, 20.5, false, '33.2'], // half days: 73.219…
    [799, 0, 20, false, '-0.1'], // 39.95 a day → −0.05 rounds away from zero
    [0, 0, 20, false, '-40.0'], // no floor
    [3000, 0, 20, false, '110.0'], // no cap
  ])(
    '第七条（一） %i calls, %i texts over %d days, leader %s → %s',
    (calls, texts, days, isLeader, expected) => {
      expect(t(workloadScore({ calls, texts, days: exact(days), isLeader }, rules))).toBe(expected)
    },
  )

  it('第七条（一） follows the rule parameters (leader factor 1.5, 80 calls base)', () => {
    const custom: Rules = { ...rules, 'workload.leaderFactor': exact(1.5), 'workload.baseCalls': exact(80) }
    expect(t(workloadScore({ calls: 1200, texts: 0, days: exact(20), isLeader: true }, custom))).toBe('45.0')
  })

  it('第七条（一） is monotone in calls (property)', () => {
    fc.assert(
      fc.property(
        fc.nat(5000),
        fc.nat(5000),
        fc.nat(3000),
        fc.integer({ min: 1, max: 62 }),
        fc.boolean(),
        (a, b, texts, halfDays, isLeader) => {
          const days = exact(halfDays).div(2)
          const lo = workloadScore({ calls: Math.min(a, b), texts, days, isLeader }, rules)
          const hi = workloadScore({ calls: Math.max(a, b), texts, days, isLeader }, rules)
          return lo.compare(hi) <= 0
        },
      ),
    )
  })
})

describe('第七条（二） 考勤加班: base 8, 全勤 +2, −1 per late/early, −2 per absent half-day, +1 per noon duty', () => {
  it.each([
    [0, 0, true, 0, 0, '10.0'], // clean full-attendance month scores the weight 10
    [0, 0, false, 0, 0, '8.0'],
    [1, 0, false, 0, 0, '7.0'],
    [0, 1, false, 0, 0, '6.0'],
    [5, 3, false, 0, 0, '-3.0'], // no floor
    [0, 0, true, 3, 0, '13.0'], // no cap
    [0, 0, false, 0, 0.55, '8.6'],
    [9, 0, false, 0, 0.95, '-0.1'], // −0.05 rounds away from zero
  ])(
    '第七条（二） late %i, absent %i, full %s, noon %i, extra %d → %s',
    (late, absent, full, noon, extra, expected) => {
      const input = {
        lateOrEarly: late,
        absentHalfDays: absent,
        fullAttendance: full,
        noonDuties: noon,
        extraPoints: exact(extra),
      }
      expect(t(attendanceScore(input, rules))).toBe(expected)
    },
  )
})

describe('第七条（三） 领导评价', () => {
  it.each([
    [8.5, '8.5'],
    [0, '0.0'],
    [10, '10.0'],
  ])('第七条（三） rating %d → %s', (rating, expected) => {
    expect(t(leaderScore({ leaderRating: exact(rating) }))).toBe(expected)
  })
})

describe('第七条（四） 满意度与投诉率: 10 at 100%, −0.1 per missing %, − complaints, +2 per praise', () => {
  it.each([
    [1, 0, 0, '10.0'],
    [0.965, 0, 0, '9.7'], // a 96.5% cell arrives as 0.965: 9.65 → 9.7, not 9.6
    [0.9649, 0, 0, '9.6'],
    [0.965, 3, 0, '6.7'],
    [0.965, 0, 1, '11.7'],
    [0.995, 10, 0, '-0.1'], // 9.95 − 10 = −0.05 → −0.1
    [0, 0, 0, '0.0'],
    [0.9, 8, 0, '1.0'],
  ])('第七条（四） rate %d, complaints %d, praises %i → %s', (rate, complaints, praises, expected) => {
    const input = { satisfaction: exact(rate), complaintPoints: exact(complaints), praises }
    expect(t(satisfactionScore(input, rules))).toBe(expected)
  })
})

describe('第七条（五） 质检结果: 10 − deductions, no floor', () => {
  it.each([
    [0, '10.0'],
    [2, '8.0'],
    [1.5, '8.5'],
    [13, '-3.0'],
  ])('第七条（五） deductions %d → %s', (points, expected) => {
    expect(t(qcScore({ qcPoints: exact(points) }, rules))).toBe(expected)
  })
})

describe('第七条 month total = sum of the five rounded components', () => {
  it('第七条 rounds each component once, then adds', () => {
    const input = { ...base, calls: 1501, satisfaction: exact(0.965), leaderRating: exact(8.5) }
    const b = monthBreakdown(input, rules)
    expect([b.workload, b.attendance, b.leader, b.satisfaction, b.qc, b.total].map(t)).toEqual([
      '35.1',
      '10.0',
      '8.5',
      '9.7',
      '10.0',
      '73.3',
    ])
  })

  const monthInput: fc.Arbitrary<MonthInput> = fc.record({
    days: fc.integer({ min: 1, max: 62 }).map((h) => exact(h).div(2)),
    calls: fc.nat(4000),
    texts: fc.nat(2000),
    isLeader: fc.boolean(),
    lateOrEarly: fc.nat(10),
    absentHalfDays: fc.nat(6),
    fullAttendance: fc.boolean(),
    noonDuties: fc.nat(10),
    extraPoints: fc.nat(30).map((n) => exact(n).div(10)),
    leaderRating: fc.nat(100).map((n) => exact(n).div(10)),
    satisfaction: fc.nat(1000).map((n) => exact(n).div(1000)),
    complaintPoints: fc.nat(20).map((n) => exact(n)),
    praises: fc.nat(5),
    qcPoints: fc.nat(12).map((n) => exact(n)),
  })

  it('第七条 property: total is the sum of components, each a multiple of 0.1', () => {
    fc.assert(
      fc.property(monthInput, (input) => {
        const b = monthBreakdown(input, rules)
        const parts = [b.workload, b.attendance, b.leader, b.satisfaction, b.qc]
        const sum = parts.reduce((acc, x) => acc.add(x), exact(0))
        return sum.equals(b.total) && parts.every((x) => x.mul(10).d === 1n)
      }),
    )
  })

  it('第七条 explainMonth gives a reason per component with the article', () => {
    const input = {
      ...base,
      calls: 1501,
      noonDuties: 2,
      satisfaction: exact(0.965),
      complaintPoints: exact(3),
    }
    const { breakdown, reasons } = explainMonth(input, rules)
    expect(breakdown).toEqual(monthBreakdown(input, rules))
    expect(reasons.workload).toEqual({
      article: '第七条（一）',
      text: '日均接听75.05通（(1501+0/3)÷20），35+(75.05−75)×1=35.05→35.1',
    })
    expect(reasons.attendance.text).toBe('基础分8+全勤2+中午值班2次×1=12→12.0')
    expect(reasons.satisfaction).toEqual({
      article: '第七条（四）',
      text: '满意率96.5%：10−(100−96.5)×0.1−有效投诉3=6.65→6.7',
    })
    expect(reasons.qc).toEqual({ article: '第七条（五）', text: '10−质检扣分0=10→10.0' })
    expect(reasons.total.text).toBe('35.1+12.0+8.0+6.7+10.0=71.8')
  })

  it('第七条（一） explains a team leader and an inexact average', () => {
    const input = { ...base, calls: 1200, texts: 100, days: exact(20.5), isLeader: true }
    expect(explainMonth(input, rules).reasons.workload.text).toBe(
      '日均接听≈60.16通（(1200+100/3)÷20.5），带班班长×1.3≈78.21通，35+(78.21−75)×1≈38.21→38.2',
    )
  })
})
