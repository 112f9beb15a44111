/**
 * Cell functions in Sheets compute with the `规则` sheet, as the closes do (SPEC §10: one engine serves
 * both): the rules in force on the first day of the formula's month sheet, or of this month elsewhere.
 */
import { describe, expect, it } from 'vitest'
import { sheetFunction } from '../support/load-bundle'
import { menu, openSheets } from './sheets-scenario'

describe('§10 cell functions read the 规则 sheet', () => {
  // 1501 calls over 20 days = 75.05 a day: 35.1 with the default base of 75 calls (第七条（一）).
  const workload = (s: ReturnType<typeof openSheets>) => sheetFunction(s.ctx, 'WORKLOADSCORE')(1501, 0, 20)

  it('第七条（一） with the default rules, WORKLOADSCORE(1501, 0, 20) = 35.1', () => {
    const s = openSheets('Asia/Shanghai', new Date('2026-06-15T04:00:00Z'))
    menu(s, 'menuSetup')
    expect(workload(s)).toBe(35.1)
  })

  it('第七条（一） a base of 70 calls from 2026-05-01 applies on the 2026-05 sheet, not on 2026-04', () => {
    const s = openSheets('Asia/Shanghai', new Date('2026-06-15T04:00:00Z'))
    menu(s, 'menuSetup')
    const rules = s.fake.sheet('规则')
    const row = rules.column('键').indexOf('workload.baseCalls') + 2
    rules.getRange(row, 2, 1, 2).setValues([[70, new Date('2026-04-30T16:00:00Z')]]) // 2026-05-01 in Shanghai
    s.fake.spreadsheet.insertSheet('2026-05 月度').activate()
    expect(workload(s)).toBe(40.1) // 35 + (75.05 − 70)
    s.fake.spreadsheet.insertSheet('2026-04 月度').activate()
    expect(workload(s)).toBe(35.1)
    s.fake.sheet('规则').activate() // elsewhere: this month (2026-06), when the new base is in force
    expect(workload(s)).toBe(40.1)
  })
})
