import { describe, expect, it } from 'vitest'
import { dispatchVacancies } from '../../src/core/dispatch'
import type { Operator } from '../../src/core/model'
import { defaultRules } from '../../src/core/rules'

const rules = defaultRules()
const op = (
  id: string,
  homeCourt: string | null,
  startDate: string,
  leaveDate: string | null = null,
): Operator => ({
  id,
  name: `话务员${id}`,
  homeCourt,
  role: '话务员',
  startDate,
  leaveDate,
  note: '',
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
