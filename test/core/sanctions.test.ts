import { describe, expect, it } from 'vitest'
import { exact } from '../../src/core/decimal'
import type { Incident, IncidentType } from '../../src/core/model'
import { shiftMonth } from '../../src/core/period'
import { defaultRules } from '../../src/core/rules'
import { evaluateSanctions, type MonthStanding, mostSevere, windowMonths } from '../../src/core/sanctions'

const rules = defaultRules()
const M = '2026-05'

/** History where `bottomOffsets` (0 = M, 1 = M−1 …) were bottom three and `unranked` not ranked. */
function history(bottomOffsets: number[], unranked: number[] = [], span = 14): MonthStanding[] {
  return Array.from({ length: span }, (_, k) => ({
    month: shiftMonth(M, -k),
    ranked: !unranked.includes(k),
    bottom: bottomOffsets.includes(k),
  }))
}

function incident(type: IncidentType, monthsBack: number, day = 10, extra: Partial<Incident> = {}): Incident {
  const points = ['有效投诉', '重大投诉'].includes(type)
    ? exact(3)
    : ['质量问题', '重大质量问题'].includes(type)
      ? exact(1)
      : null
  return {
    date: `${shiftMonth(M, -monthsBack)}-${String(day).padStart(2, '0')}`,
    id: 'A01',
    type,
    points,
    callId: '',
    note: '',
    ...extra,
  }
}

const evaluate = (h: MonthStanding[], incidents: Incident[] = [], r = rules) =>
  evaluateSanctions('A01', M, h, incidents, r)
const summary = (h: MonthStanding[], incidents: Incident[] = [], r = rules) =>
  evaluate(h, incidents, r).map((t) => `${t.level} ${t.clause}`)
const times = (n: number, make: (k: number) => Incident) => Array.from({ length: n }, (_, k) => make(k))

describe('windows', () => {
  it('第十五条 近6个月 = M−5..M, 1年 = M−11..M', () => {
    expect(windowMonths('2026-05', 6)).toEqual([
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
    ])
    expect(windowMonths('2026-05', 12)[0]).toBe('2025-06')
  })
})

describe('第十五条（一）/第十六条（一） ranking', () => {
  it('第十五条（一） bottom three in M only: no trigger (just under 连续2个月)', () => {
    expect(summary(history([0]))).toEqual([])
  })

  it('第十五条（一） bottom three in M−1 and M: 谈话提醒', () => {
    const [t] = evaluate(history([0, 1]))
    expect(t).toMatchObject({ level: '谈话提醒', clause: '第十五条（一）', id: 'A01', month: M })
    expect(t?.reason).toBe('连续2个月排名倒数前三（2026-04、2026-05）')
  })

  it('第十六条（一） bottom three in M−2, M−1 and M: dismissal, which subsumes the reminder', () => {
    const triggers = evaluate(history([0, 1, 2]))
    expect(triggers.map((t) => `${t.level} ${t.clause}`)).toEqual(['辞退或更换 第十六条（一）'])
    expect(triggers[0]?.reason).toContain('连续3个月排名倒数前三（2026-03、2026-04、2026-05）')
    expect(mostSevere(triggers)?.level).toBe('辞退或更换')
  })

  it('第十五条（一） an unranked month breaks the chain', () => {
    expect(summary(history([0, 2], [1]))).toEqual([])
    // bottom flag on an unranked month is ignored
    expect(summary(history([0, 1], [1]))).toEqual([])
  })

  it('第十五条（一） a missing month breaks the chain', () => {
    const h = history([0, 1, 2]).filter((s) => s.month !== '2026-04')
    expect(summary(h)).toEqual([])
  })

  it('第十六条（一） a chain broken by an unranked month is not 连续3个月', () => {
    expect(summary(history([0, 1, 3], [2]))).toEqual(['谈话提醒 第十五条（一）'])
  })

  it('第十五条（一） 2 times in 6 months: nothing; 3 times: 谈话提醒', () => {
    expect(summary(history([0, 3]))).toEqual([])
    const t = evaluate(history([0, 2, 4]))
    expect(t.map((x) => x.clause)).toEqual(['第十五条（一）'])
    expect(t[0]?.reason).toBe('近6个月内累计3次排名倒数前三（2026-01、2026-03、2026-05）')
  })

  it('第十五条（一） window edge: M−5 counts, M−6 does not', () => {
    expect(summary(history([0, 3, 6]))).toEqual([])
    expect(summary(history([0, 3, 5]))).toEqual(['谈话提醒 第十五条（一）'])
  })

  it('第十五条（一） a window count fires in the month that fills it, not again in a clean month after', () => {
    expect(summary(history([1, 3, 5]))).toEqual([])
  })

  it('第十六条（一） 4 times in 6 months: dismissal; 3 times: reminder only', () => {
    expect(summary(history([0, 2, 4]))).toEqual(['谈话提醒 第十五条（一）'])
    expect(summary(history([0, 2, 4, 5]))).toEqual(['辞退或更换 第十六条（一）'])
  })

  it('第十五条（一） thresholds are rule parameters', () => {
    const r = { ...rules, 'reminder.rankConsecutive': exact(3), 'dismissal.rankConsecutive': exact(4) }
    expect(summary(history([0, 1]), [], r)).toEqual([])
  })
})

describe('第十五条（二）/第十六条（二） complaints', () => {
  it('第十五条（二） no 重大投诉 in M: nothing; one in M: 谈话提醒', () => {
    expect(summary(history([]), [incident('重大投诉', 1)])).toEqual([])
    const t = evaluate(history([]), [incident('重大投诉', 0, 12)])
    expect(t.map((x) => `${x.level} ${x.clause}`)).toEqual(['谈话提醒 第十五条（二）'])
    expect(t[0]?.reason).toBe('当月出现重大投诉1次（2026-05-12）')
  })

  it('第十五条（二） 2 有效投诉 in 6 months: nothing; 3: 谈话提醒', () => {
    expect(
      summary(
        history([]),
        times(2, (k) => incident('有效投诉', k * 2)),
      ),
    ).toEqual([])
    expect(
      summary(
        history([]),
        times(3, (k) => incident('有效投诉', k * 2)),
      ),
    ).toEqual(['谈话提醒 第十五条（二）'])
  })

  it('第十五条（二） window edge: a complaint in M−5 counts, in M−6 does not', () => {
    const two = [incident('有效投诉', 0), incident('有效投诉', 2)]
    expect(summary(history([]), [...two, incident('有效投诉', 6, 28)])).toEqual([])
    expect(summary(history([]), [...two, incident('有效投诉', 5, 1)])).toEqual(['谈话提醒 第十五条（二）'])
  })

  it('第十五条（二） a 重大投诉 is also an 有效投诉', () => {
    const rows = [incident('有效投诉', 0), incident('有效投诉', 3), incident('重大投诉', 4)]
    expect(summary(history([]), rows)).toEqual(['谈话提醒 第十五条（二）'])
  })

  it('第十五条（二） complaints about the same 通话编号 count once', () => {
    const rows = [
      incident('有效投诉', 1, 3, { callId: 'C1' }),
      incident('有效投诉', 1, 9, { callId: 'C1' }),
      incident('有效投诉', 3),
    ]
    expect(summary(history([]), rows)).toEqual([])
  })

  it('第十六条（二） 4 有效投诉 in 6 months: dismissal; 3: reminder only', () => {
    const four = times(4, (k) => incident('有效投诉', k, 5 + k))
    const t = evaluate(history([]), four)
    expect(t.map((x) => `${x.level} ${x.clause}`)).toEqual(['辞退或更换 第十六条（二）'])
    expect(t[0]?.reason).toBe('近6个月内有效投诉4次（2026-02-08、2026-03-07、2026-04-06、2026-05-05）')
    expect(summary(history([]), four.slice(0, 3))).toEqual(['谈话提醒 第十五条（二）'])
    // Without a complaint in M itself, the three earlier ones do not fire again.
    expect(summary(history([]), four.slice(1))).toEqual([])
  })

  it('第十六条（二） 2 重大投诉 within 1 year: dismissal; M−11 counts, M−12 does not', () => {
    expect(summary(history([]), [incident('重大投诉', 0)])).toEqual(['谈话提醒 第十五条（二）'])
    expect(summary(history([]), [incident('重大投诉', 12), incident('重大投诉', 0)])).toEqual([
      '谈话提醒 第十五条（二）',
    ])
    const t = evaluate(history([]), [incident('重大投诉', 11, 1), incident('重大投诉', 0, 2)])
    expect(t.map((x) => x.clause)).toEqual(['第十六条（二）'])
    expect(t[0]?.reason).toBe('1年内重大投诉2次（2025-06-01、2026-05-02）')
    // The same two, closed again a month later without a new one, do not fire again.
    expect(summary(history([]), [incident('重大投诉', 11, 1), incident('重大投诉', 7, 2)])).toEqual([])
  })

  it('第十五条（二） other operators and later months do not count', () => {
    const rows = [
      incident('重大投诉', 0, 1, { id: 'B02' }),
      { ...incident('重大投诉', 0), date: '2026-06-01' },
    ]
    expect(summary(history([]), rows)).toEqual([])
  })
})

describe('第十五条（三）/第十六条（三） service quality', () => {
  it('第十五条（三） a 重大质量问题 in M: 谈话提醒; in M−1: nothing', () => {
    expect(summary(history([]), [incident('重大质量问题', 1)])).toEqual([])
    expect(summary(history([]), [incident('重大质量问题', 0)])).toEqual(['谈话提醒 第十五条（三）'])
  })

  it('第十五条（三） 2 质量问题 in 6 months: nothing; 3 (重大 counting too): 谈话提醒', () => {
    expect(summary(history([]), [incident('质量问题', 0), incident('质量问题', 5)])).toEqual([])
    const rows = [incident('质量问题', 0), incident('质量问题', 5), incident('重大质量问题', 3)]
    expect(summary(history([]), rows)).toEqual(['谈话提醒 第十五条（三）'])
    expect(
      summary(history([]), [incident('质量问题', 0), incident('质量问题', 2), incident('质量问题', 6)]),
    ).toEqual([])
  })

  it('第十六条（三） 4 质量问题 in 6 months: dismissal; 2 重大 within a year: dismissal', () => {
    expect(
      summary(
        history([]),
        times(4, (k) => incident('质量问题', k)),
      ),
    ).toEqual(['辞退或更换 第十六条（三）'])
    expect(summary(history([]), [incident('重大质量问题', 11), incident('重大质量问题', 0)])).toEqual([
      '辞退或更换 第十六条（三）',
    ])
    expect(summary(history([]), [incident('重大质量问题', 12), incident('重大质量问题', 0)])).toEqual([
      '谈话提醒 第十五条（三）',
    ])
  })
})

describe('第十五条（四）/第十六条（四） attendance in the month', () => {
  const late = (n: number, back = 0) => times(n, (k) => incident(k % 2 === 0 ? '迟到' : '早退', back, k + 1))
  const absent = (n: number, type: IncidentType = '旷工半天') => times(n, (k) => incident(type, 0, k + 1))

  it('第十五条（四） 3 迟到早退: nothing; 4: 谈话提醒; 5: still reminder', () => {
    expect(summary(history([]), late(3))).toEqual([])
    const t = evaluate(history([]), late(4))
    expect(t.map((x) => x.clause)).toEqual(['第十五条（四）'])
    expect(t[0]?.reason).toBe('当月迟到早退4次（2026-05-01、2026-05-02、2026-05-03、2026-05-04）')
    expect(summary(history([]), late(5))).toEqual(['谈话提醒 第十五条（四）'])
  })

  it('第十六条（四） 6 迟到早退: dismissal (the reminder is subsumed)', () => {
    expect(summary(history([]), late(6))).toEqual(['辞退或更换 第十六条（四）'])
  })

  it('第十五条（四） late arrivals count only in their own month', () => {
    expect(summary(history([]), [...late(3), ...late(3, 1)])).toEqual([])
  })

  it('第十五条（四） 旷工 half a day: nothing; 1 day (2 half-days): 谈话提醒', () => {
    expect(summary(history([]), absent(1))).toEqual([])
    const t = evaluate(history([]), absent(2))
    expect(t.map((x) => x.clause)).toEqual(['第十五条（四）'])
    expect(t[0]?.reason).toBe('当月旷工1天（2个半天：2026-05-01、2026-05-02）')
  })

  it('第十六条（四） 旷工 1.5 days: reminder only; 2 days: dismissal', () => {
    expect(summary(history([]), absent(3))).toEqual(['谈话提醒 第十五条（四）'])
    expect(summary(history([]), absent(4))).toEqual(['辞退或更换 第十六条（四）'])
  })

  it('第十五条（四） 擅自脱岗 is not 旷工 for sanctions', () => {
    expect(summary(history([]), absent(4, '擅自脱岗半天'))).toEqual([])
  })

  it('第十五条（四） 考勤作假: reminder; 重大考勤作假: dismissal only', () => {
    expect(summary(history([]), [incident('考勤作假', 1)])).toEqual([])
    expect(summary(history([]), [incident('考勤作假', 0)])).toEqual(['谈话提醒 第十五条（四）'])
    const t = evaluate(history([]), [incident('重大考勤作假', 0, 7)])
    expect(t.map((x) => `${x.level} ${x.clause}`)).toEqual(['辞退或更换 第十六条（四）'])
    expect(t[0]?.reason).toBe('当月考勤存在重大作假（2026-05-07）')
  })
})

describe('several clauses at once', () => {
  it('第十五条/第十六条 one trigger per clause, dismissal first and subsuming its reminder, reasons joined', () => {
    const t = evaluate(history([0, 1, 2, 4]), [
      ...times(4, (k) => incident('迟到', 0, k + 1)),
      incident('重大投诉', 0),
    ])
    expect(t.map((x) => `${x.level} ${x.clause}`)).toEqual([
      '辞退或更换 第十六条（一）',
      '谈话提醒 第十五条（二）',
      '谈话提醒 第十五条（四）',
    ])
    expect(t[0]?.reason).toBe(
      '连续3个月排名倒数前三（2026-03、2026-04、2026-05）；近6个月内累计4次排名倒数前三（2026-01、2026-03、2026-04、2026-05）',
    )
  })
})
