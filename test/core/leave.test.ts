import { describe, expect, it } from 'vitest'
import { exact } from '../../src/core/decimal'

import { workCalendar } from '../../src/core/holidays'
import {
  leaveBalances,
  leaveStatus,
  noonDutyEffect,
  noonLeave,
  noonLeaveDue,
  starLeave,
} from '../../src/core/leave'
import { NOON_OUTCOMES, type NoonDuty } from '../../src/core/model'

import { defaultRules } from '../../src/core/rules'

const rules = defaultRules()
const calendar = workCalendar()

describe('补休', () => {
  it('第十一条 May’s star earns 1 day usable until 31 August', () => {
    const e = starLeave('A01', '2026-05', rules)
    expect(e).toMatchObject({ id: 'A01', earned: '2026-06-01', expires: '2026-08-31', status: '未休' })
    expect(e.days.toString()).toBe('1')
    expect(e.source).toBe('2026-05 每月之星（第十一条）')
    expect(starLeave('A01', '2025-11', rules).expires).toBe('2026-02-28')
  })

  it('第五条 two 计入补休 duties make half a day within the month; an odd one earns nothing', () => {
    const duties: NoonDuty[] = [
      { date: '2026-05-13', id: 'A01', outcome: '计入补休' },
      { date: '2026-05-06', id: 'A01', outcome: '计入补休' },
      { date: '2026-05-20', id: 'A01', outcome: '计入补休' },
      { date: '2026-05-21', id: 'A01', outcome: '提前下班' },
      { date: '2026-05-22', id: 'B02', outcome: '计入补休' },
      { date: '2026-06-01', id: 'A01', outcome: '计入补休' },
    ]
    const entries = noonLeave('A01', '2026-05', duties, rules, calendar)
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({ earned: '2026-05-13', expires: '2026-05-31' })
    expect(entries[0]?.days.toString()).toBe('0.5')
    expect(entries[0]?.source).toBe('2026-05 中午值班补休（2026-05-06、2026-05-13，第五条）')
    expect(
      noonLeave(
        'A01',
        '2026-05',
        [...duties, { date: '2026-05-27', id: 'A01', outcome: '计入补休' }],
        rules,
        calendar,
      ),
    ).toHaveLength(2)
    expect(noonLeave('B02', '2026-05', duties, rules, calendar)).toEqual([])
  })

  it('第五条 消极怠工 duties never count toward 补休, not even paired with a 计入补休 one', () => {
    const duties: NoonDuty[] = [
      { date: '2026-05-06', id: 'A01', outcome: '计入补休' },
      { date: '2026-05-07', id: 'A01', outcome: '消极怠工' },
      { date: '2026-05-08', id: 'A01', outcome: '消极怠工' },
    ]
    expect(noonLeave('A01', '2026-05', duties, rules, calendar)).toEqual([])
    const more: NoonDuty[] = [...duties, { date: '2026-05-11', id: 'A01', outcome: '计入补休' }]
    expect(noonLeave('A01', '2026-05', more, rules, calendar)[0]?.source).toBe(
      '2026-05 中午值班补休（2026-05-06、2026-05-11，第五条）',
    )
  })

  it('第五条 each 结果 says what the duty earned, with its article', () => {
    expect(NOON_OUTCOMES).toContain('消极怠工')
    expect(NOON_OUTCOMES.map((o) => noonDutyEffect(o, rules))).toEqual([
      '当天16:30提前下班（第五条）',
      '计入补休，每2次补休半天，当月休完（第五条）',
      '考勤加1分（第五条、第七条（二））',
      '消极怠工，取消提前下班、补休资格，不加分（第五条：一经发现存在消极怠工情形的，一律取消提前下班、补休资格）',
    ])
  })

  it('第十一条 ledger status and balances: taken, expired, expiring soon', () => {
    const star = starLeave('A01', '2026-05', rules)
    expect(leaveStatus(star, '2026-06-15')).toBe('未休')
    expect(leaveStatus(star, '2026-08-20')).toBe('即将到期（11天）')
    expect(leaveStatus(star, '2026-08-31')).toBe('即将到期（今天到期）')
    expect(leaveStatus(star, '2026-09-01')).toBe('已过期')
    expect(leaveStatus({ ...star, taken: exact(1) }, '2026-09-01')).toBe('已休完')
    expect(leaveStatus({ ...star, taken: exact(0.5) }, '2026-06-15')).toBe('部分已休')
    const old = starLeave('A01', '2026-01', rules) // expires 04-30
    const balances = leaveBalances([star, { ...old, taken: exact(0.5) }], '2026-08-20')
    const a = balances.get('A01')
    expect(a?.earned.toString()).toBe('2')
    expect(a?.taken.toString()).toBe('0.5')
    expect(a?.available.toString()).toBe('1')
    expect(a?.expired.toString()).toBe('0.5')
    expect(a?.expiringSoon.toString()).toBe('1')
    expect(a?.nextExpiry).toBe('2026-08-31')
  })

  it.each([
    ['2026-05-27', '2026-05-31'], // two working days (28th, 29th) still left in May
    ['2026-05-28', '2026-06-30'], // one of May's last two working days: due by the end of June
    ['2026-05-29', '2026-06-30'], // May's last working day
    ['2025-12-31', '2026-01-31'], // the month's last day: never due the day it is earned
    ['2025-09-29', '2025-10-31'], // 09-28 is a make-up working day, 09-30 the last: 09-29 is one of the last two
    ['2025-09-26', '2025-09-30'], // 09-28 (make-up) and 09-29 left after it
  ])('第五条 a half day earned on %s is due by %s', (earned, due) => {
    expect(noonLeaveDue(earned, calendar)).toBe(due)
  })

  it('第五条 the pair completed on the last working day is due next month, in the entry itself', () => {
    const duties: NoonDuty[] = [
      { date: '2026-05-06', id: 'A01', outcome: '计入补休' },
      { date: '2026-05-29', id: 'A01', outcome: '计入补休' },
    ]
    expect(noonLeave('A01', '2026-05', duties, rules, calendar)[0]).toMatchObject({
      earned: '2026-05-29',
      expires: '2026-06-30',
    })
  })
})
