import { describe, expect, it } from 'vitest'
import { exact } from '../../src/core/decimal'
import { dispatchVacancies, earlyReplacements, termEnd } from '../../src/core/dispatch'
import type { Operator } from '../../src/core/model'
import { defaultRules } from '../../src/core/rules'

const rules = defaultRules()
const op = (
  id: string,
  homeCourt: string | null,
  startDate: string,
  leaveDate: string | null = null,
  note = '',
): Operator => ({
  id,
  name: `话务员${id}`,
  homeCourt,
  role: '话务员',
  startDate,
  leaveDate,
  note,
})

describe('第三条 派驻缺位', () => {
  it('第三条 a newcomer from the same court within 14 days fills the vacancy', () => {
    const ops = [op('A', '天河区法院', '2025-01-01', '2026-05-01'), op('B', '天河区法院', '2026-05-15')]
    expect(dispatchVacancies(ops, '2026-06-01', rules)).toEqual([])
  })

  it('第三条 a newcomer on day 15, or from another court, does not', () => {
    const late = [op('A', '天河区法院', '2025-01-01', '2026-05-01'), op('B', '天河区法院', '2026-05-16')]
    const [v] = dispatchVacancies(late, '2026-06-01', rules)
    expect(v).toMatchObject({ court: '天河区法院', id: 'A', leaveDate: '2026-05-01', due: '2026-05-15' })
    expect(v?.reason).toBe(
      '天河区法院派驻话务员话务员A（A）于2026-05-01离岗，至2026-05-15未重新派驻，话务员B（B）于2026-05-16到岗（第三条：出现缺位时应于14日内重新派驻）',
    )
    const other = [op('A', '天河区法院', '2025-01-01', '2026-05-01'), op('B', '越秀区法院', '2026-05-02')]
    expect(dispatchVacancies(other, '2026-06-01', rules)[0]?.reason).toContain('已超过2026-05-15仍未重新派驻')
  })

  it('第三条 an open vacancy before its due date is listed with the date; 市中院聘用 operators leave none', () => {
    const ops = [op('A', '天河区法院', '2025-01-01', '2026-05-01'), op('C', null, '2025-01-01', '2026-05-01')]
    const list = dispatchVacancies(ops, '2026-05-05', rules)
    expect(list.map((v) => v.id)).toEqual(['A'])
    expect(list[0]?.reason).toContain('应于2026-05-15前重新派驻')
    expect(dispatchVacancies(ops, '2026-04-30', rules)).toEqual([])
  })

  it('第三条 one newcomer fills one vacancy', () => {
    const ops = [
      op('A', '天河区法院', '2025-01-01', '2026-05-01'),
      op('B', '天河区法院', '2025-01-01', '2026-05-02'),
      op('C', '天河区法院', '2026-05-03'),
    ]
    expect(dispatchVacancies(ops, '2026-06-01', rules).map((v) => v.id)).toEqual(['B'])
  })
})

describe('第三条 派驻更换: 原则上一年内不得更换', () => {
  it('第三条 “一年内” ends the day before the first anniversary of the 入职或派驻日期 (month-end clamped)', () => {
    expect(termEnd('2025-06-01', rules)).toBe('2026-06-01')
    expect(termEnd('2024-02-29', rules)).toBe('2025-02-28')
  })

  it.each([
    ['2026-05-31', 1], // day 364 of a non-leap year: within one year
    ['2026-06-01', 0], // day 365: one year served
  ])('第三条 dispatched 2025-06-01, left %s, replaced by the same court → %i listed', (leave, listed) => {
    const ops = [op('A', '天河区法院', '2025-06-01', leave), op('B', '天河区法院', '2026-06-02')]
    expect(earlyReplacements(ops, '2026-06-30', rules)).toHaveLength(listed)
  })

  it('第三条 over a 29 February the year is 366 days: day 365 is still within', () => {
    const ops = [op('A', '天河区法院', '2023-06-01', '2024-05-31'), op('B', '天河区法院', '2024-06-01')]
    expect(earlyReplacements(ops, '2024-06-30', rules).map((r) => r.id)).toEqual(['A'])
  })

  it('第三条 names both people and dates, and the day the replacement was complete', () => {
    const ops = [op('A', '天河区法院', '2025-06-01', '2026-05-31'), op('B', '天河区法院', '2026-06-03')]
    const [r] = earlyReplacements(ops, '2026-06-30', rules)
    expect(r).toMatchObject({
      court: '天河区法院',
      id: 'A',
      leaveDate: '2026-05-31',
      termEnd: '2026-06-01',
      successorId: 'B',
      successorStart: '2026-06-03',
      replacedOn: '2026-06-03',
    })
    expect(r?.reason).toBe(
      '天河区法院派驻话务员话务员A（A）于2025-06-01派驻、2026-05-31离岗（未满1年，2026-06-01方满1年），' +
        '话务员B（B）于2026-06-03到岗接替；备注未载明考核不达标等不适宜继续派驻的情形' +
        '（第三条：除因存在考核不达标等不适宜继续派驻的情形外，派驻话务员原则上1年内不得更换）',
    )
    // A handover (the successor came first) is complete on the leave date.
    const handover = [op('A', '天河区法院', '2025-06-01', '2026-05-31'), op('B', '天河区法院', '2026-05-25')]
    expect(earlyReplacements(handover, '2026-06-30', rules)[0]?.replacedOn).toBe('2026-05-31')
  })

  it.each(['考核不达标', '第十六条（一）辞退', '市中院要求更换', '不适宜继续派驻'])(
    '第三条 an assessment reason in the leaver’s 备注 (%s) → nothing listed',
    (note) => {
      const ops = [
        op('A', '天河区法院', '2025-06-01', '2026-03-01', note),
        op('B', '天河区法院', '2026-03-02'),
      ]
      expect(earlyReplacements(ops, '2026-06-30', rules)).toEqual([])
    },
  )

  it('第三条 a newcomer from another court, or nobody yet, or a 市中院聘用 leaver → nothing listed', () => {
    const other = [op('A', '天河区法院', '2025-06-01', '2026-03-01'), op('B', '越秀区法院', '2026-03-02')]
    expect(earlyReplacements(other, '2026-06-30', rules)).toEqual([])
    const early = [op('A', '天河区法院', '2025-06-01', '2026-03-01'), op('B', '天河区法院', '2026-07-01')]
    expect(earlyReplacements(early, '2026-06-30', rules)).toEqual([])
    expect(earlyReplacements(early, '2026-07-01', rules).map((r) => r.successorId)).toEqual(['B'])
    const hired = [op('A', null, '2025-06-01', '2026-03-01'), op('B', null, '2026-03-02')]
    expect(earlyReplacements(hired, '2026-06-30', rules)).toEqual([])
  })

  it('第三条 a 规则 term of 6 months reads as 6个月', () => {
    const six = { ...rules, 'dispatch.minTermMonths': exact(6) }
    const ops = [op('A', '天河区法院', '2026-01-01', '2026-06-30'), op('B', '天河区法院', '2026-07-01')]
    expect(earlyReplacements(ops, '2026-07-31', six)[0]?.reason).toContain('未满6个月，2026-07-01方满6个月')
  })
})
