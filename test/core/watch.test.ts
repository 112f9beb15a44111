import { describe, expect, it } from 'vitest'
import { exact } from '../../src/core/decimal'
import type { Incident, IncidentType } from '../../src/core/model'
import { shiftMonth } from '../../src/core/period'
import { defaultRules, type Rules } from '../../src/core/rules'
import { evaluateSanctions, type MonthStanding } from '../../src/core/sanctions'
import { watchEntries } from '../../src/core/watch'

const rules = defaultRules()
const M = '2026-02'
const NEXT = '2026-03'

/** 14 months of standings ending with M, bottom three in the months `bottomOffsets` back (0 = M). */
function history(bottomOffsets: number[], unranked: number[] = []): MonthStanding[] {
  return Array.from({ length: 14 }, (_, k) => ({
    month: shiftMonth(M, -k),
    ranked: !unranked.includes(k),
    bottom: bottomOffsets.includes(k),
  })).reverse()
}

function incident(type: IncidentType, monthsBack: number, day = 10, callId = ''): Incident {
  const points = type.includes('投诉') ? exact(3) : type.includes('质量') ? exact(1) : null
  return {
    date: `${shiftMonth(M, -monthsBack)}-${String(day).padStart(2, '0')}`,
    id: 'E06',
    type,
    points,
    callId,
    note: '',
  }
}

const watch = (h: MonthStanding[], incidents: Incident[] = [], r: Rules = rules) =>
  watchEntries('E06', M, h, incidents, r)
const clauses = (h: MonthStanding[], incidents: Incident[] = [], r: Rules = rules) =>
  watch(h, incidents, r).map((e) => `${e.clause} ${e.event} ${e.gap}`)

describe('关注名单 （一） one more bottom-three month', () => {
  it('第十六条（一） bottom three in M−1 and M: one more is 连续3个月', () => {
    const [entry, ...rest] = watch(history([0, 1]))
    expect(rest).toEqual([])
    expect(entry).toMatchObject({
      clause: '第十六条（一）',
      level: '辞退或更换',
      gap: '1次',
      eventMonth: NEXT,
    })
    expect(entry?.note).toBe(
      '若2026-03再次排名倒数前三，将触发第十六条（一）：连续3个月排名倒数前三（2026-01、2026-02、2026-03）',
    )
  })

  it('第十五条（一） bottom three in M only: one more is 连续2个月', () => {
    expect(clauses(history([0]))).toEqual(['第十五条（一） 倒数前三 1次'])
  })

  it('第十五条（一） the window rolls: a bottom-three month that leaves the window next month does not count', () => {
    // M−4 and M−2: both stay in next month's window (M−4..M+1) → 3 with one more.
    expect(clauses(history([4, 2]))).toEqual(['第十五条（一） 倒数前三 1次'])
    expect(watch(history([4, 2]))[0]?.note).toMatch(
      /近6个月内累计3次排名倒数前三（2025-10、2025-12、2026-03）/,
    )
    // M−5 and M−2: M−5 drops out of next month's window → only 2 with one more: not one away.
    expect(clauses(history([5, 2]))).toEqual([])
  })

  it('第十六条（一） three bottoms in the window (already reminded) → the fourth is dismissal', () => {
    expect(clauses(history([4, 3, 1]))).toEqual(['第十六条（一） 倒数前三 1次'])
  })

  it('an unranked month breaks the chain as the sanctions do', () => {
    // Bottom in M−1, not ranked in M: next month's chain would be 1, the window 2.
    expect(clauses(history([1], [0]))).toEqual([])
  })

  it('a clean record is on no list', () => {
    expect(watch(history([]))).toEqual([])
  })
})

describe('关注名单 （二）（三） one more complaint or quality problem inside the window', () => {
  it('第十五条（二） two 有效投诉 in the window: a third is a reminder', () => {
    const rows = [incident('有效投诉', 3), incident('有效投诉', 0)]
    const [entry] = watch(history([]), rows)
    expect(entry).toMatchObject({ clause: '第十五条（二）', event: '有效投诉', gap: '1次' })
    expect(entry?.note).toBe(
      '近6个月内已有有效投诉2次（2025-11-10、2026-02-10），若2026-03再有1次有效投诉，将触发第十五条（二）：近6个月内累计3次有效投诉',
    )
  })

  it('第十五条（二） complaints about one call count once', () => {
    const rows = [incident('有效投诉', 1, 5, 'C1'), incident('有效投诉', 0, 6, 'C1')]
    expect(watch(history([]), rows)).toEqual([])
  })

  it('第十五条（二） a complaint leaving the window next month does not make one away', () => {
    expect(clauses(history([]), [incident('有效投诉', 5), incident('有效投诉', 0)])).toEqual([])
  })

  it('第十六条（二） three in the window: a fourth is dismissal', () => {
    const rows = [incident('有效投诉', 4), incident('有效投诉', 2), incident('有效投诉', 0)]
    expect(clauses(history([]), rows)).toEqual(['第十六条（二） 有效投诉 1次'])
  })

  it('第十六条（二） one 重大投诉 within the year: a second is dismissal; a lone 重大投诉 is no warning', () => {
    const entries = watch(history([]), [incident('重大投诉', 10)])
    expect(entries.map((e) => `${e.clause} ${e.event}`)).toEqual(['第十六条（二） 重大投诉'])
    expect(entries[0]?.note).toMatch(/^1年内已有重大投诉1次（2025-04-10），若2026-03再有1次重大投诉/)
    // At M−11 it leaves next month's 1年 window (M−10..M+1).
    expect(watch(history([]), [incident('重大投诉', 11)])).toEqual([])
  })

  it('第十五条（三）/第十六条（三） quality problems and 重大质量问题', () => {
    expect(clauses(history([]), [incident('质量问题', 2), incident('重大质量问题', 1)])).toEqual([
      '第十五条（三） 质量问题 1次',
      '第十六条（三） 重大质量问题 1次',
    ])
  })

  it('rules from 规则: a court that reminds at 2 有效投诉 sees the first one listed', () => {
    const strict = { ...rules, 'reminder.complaints': exact(2) }
    expect(clauses(history([]), [incident('有效投诉', 0)], strict)).toEqual(['第十五条（二） 有效投诉 1次'])
  })

  it('incidents of next month already entered are not counted (the close of M knows up to M)', () => {
    const later = { ...incident('有效投诉', 0), date: '2026-03-02' }
    expect(watch(history([]), [incident('有效投诉', 1), later])).toEqual([])
  })
})

describe('关注名单 （四） how far this month came', () => {
  const lates = (n: number) =>
    Array.from({ length: n }, (_, k) => incident(k % 2 ? '早退' : '迟到', 0, k + 2))

  it('第十五条（四） 3 迟到早退 this month: one short of 4', () => {
    const [entry, ...rest] = watch(history([]), lates(3))
    expect(rest).toEqual([])
    expect(entry).toMatchObject({ clause: '第十五条（四）', event: '迟到早退', gap: '1次', eventMonth: M })
    expect(entry?.note).toMatch(
      /^本月（2026-02）迟到早退3次，距第十五条（四）4次仅差1次；（四）按自然月计算，下月重新计数/,
    )
  })

  it('第十六条（四） 5 this month (already reminded): one short of 6; 4 is at neither edge', () => {
    expect(clauses(history([]), lates(5))).toEqual(['第十六条（四） 迟到早退 1次'])
    expect(clauses(history([]), lates(4))).toEqual([])
    expect(clauses(history([]), lates(2))).toEqual([])
  })

  it('第十五条（四） half a day of 旷工: half a day short of 1天; 擅自脱岗 is not counted (as written)', () => {
    expect(clauses(history([]), [incident('旷工半天', 0)])).toEqual(['第十五条（四） 旷工半天 半天'])
    expect(clauses(history([]), [incident('擅自脱岗半天', 0)])).toEqual([])
  })
})

describe('关注名单 agrees with the sanctions it anticipates', () => {
  it('every next-month entry fires its clause when the event happens, and only then', () => {
    const h = history([0, 1])
    const rows = [incident('有效投诉', 3), incident('有效投诉', 0), incident('重大投诉', 6)]
    const entries = watch(h, rows)
    expect(entries.map((e) => e.clause)).toEqual(['第十六条（一）', '第十五条（二）', '第十六条（二）'])
    const nextStanding = (bottom: boolean) => [...h, { month: NEXT, ranked: true, bottom }]
    const fired = (bottom: boolean, extra: Incident[]) =>
      evaluateSanctions('E06', NEXT, nextStanding(bottom), [...rows, ...extra], rules).map((t) => t.clause)
    const event = (type: IncidentType): Incident => ({
      ...incident(type, 0),
      date: `${NEXT}-15`,
      callId: 'X',
    })
    expect(fired(false, [])).toEqual([])
    expect(fired(true, [])).toContain('第十六条（一）')
    expect(fired(false, [event('有效投诉')])).toContain('第十五条（二）')
    expect(fired(false, [event('重大投诉')])).toContain('第十六条（二）')
  })
})
