import { describe, expect, it } from 'vitest'
import { exact } from '../../src/core/decimal'
import { workCalendar } from '../../src/core/holidays'
import { checkIncidents, checkNoonDuties, distinctComplaints, monthCounts } from '../../src/core/incidents'
import type { Incident, IncidentType, NoonDuty, NoonOutcome } from '../../src/core/model'
import { defaultRules } from '../../src/core/rules'

const rules = defaultRules()
const ev = (
  date: string,
  type: IncidentType,
  points: number | null = null,
  callId = '',
  id = 'A01',
): Incident => ({
  date,
  id,
  type,
  points: points === null ? null : exact(points),
  callId,
  note: '',
})
const duty = (date: string, outcome: NoonOutcome, id = 'A01'): NoonDuty => ({ date, id, outcome })

describe('事件 → month counts', () => {
  const incidents = [
    ev('2026-05-06', '迟到'),
    ev('2026-05-07', '早退'),
    ev('2026-04-30', '迟到'), // April
    ev('2026-05-08', '旷工半天'),
    ev('2026-05-09', '擅自脱岗半天'),
    ev('2026-05-11', '有效投诉', 3, 'C1'),
    ev('2026-05-12', '重大投诉', 5, 'C1'), // same call: once, the largest
    ev('2026-05-13', '有效投诉', 4),
    ev('2026-05-14', '有效投诉', 3),
    ev('2026-05-15', '表扬'),
    ev('2026-05-16', '质量问题', 1),
    ev('2026-05-17', '重大质量问题', 3),
    ev('2026-05-18', '加班', 1.5),
    ev('2026-05-19', '考勤作假'),
    ev('2026-05-06', '迟到', null, '', 'B02'),
  ]
  const duties = [
    duty('2026-05-06', '未提前下班未补休'),
    duty('2026-05-07', '未提前下班未补休'),
    duty('2026-05-08', '计入补休'),
    duty('2026-05-11', '提前下班'),
    duty('2026-06-01', '未提前下班未补休'),
    duty('2026-05-12', '未提前下班未补休', 'C03'),
  ]
  const counts = monthCounts(incidents, '2026-05', duties, rules)

  it('第七条（二） lateness, half-day absences (旷工 and 擅自脱岗 alike), overtime and noon duties', () => {
    const a = counts.get('A01')
    expect(a?.lateOrEarly).toBe(2)
    expect(a?.absentHalfDays).toBe(2)
    expect(a?.extraPoints.toString()).toBe('1.5')
    expect(a?.noonDuties).toBe(2)
    expect(counts.get('B02')?.lateOrEarly).toBe(1)
    expect(counts.get('C03')?.noonDuties).toBe(1)
  })

  it('第七条（四） complaints about the same call are deducted once, the largest; blank call ids stay separate', () => {
    const a = counts.get('A01')
    expect(a?.complaintPoints.toString()).toBe('12')
    expect(a?.complaintCount).toBe(3)
    expect(a?.praises).toBe(1)
  })

  it('第七条（五） quality deductions add up, 重大 included', () => {
    expect(counts.get('A01')?.qcPoints.toString()).toBe('4')
    expect(counts.get('A01')?.qcCount).toBe(2)
  })

  it('第七条（四） the same 通话编号 for two operators is two complaints', () => {
    const merged = distinctComplaints([
      ev('2026-05-01', '有效投诉', 3, 'X'),
      ev('2026-05-01', '有效投诉', 4, 'X', 'B02'),
    ])
    expect(merged).toHaveLength(2)
  })
})

describe('事件 input problems', () => {
  it('第七条（四）（五） deductions outside 3–5 / 1–3, missing deductions, points where none are taken', () => {
    const problems = checkIncidents(
      [
        ev('2026-05-01', '有效投诉', 3),
        ev('2026-05-01', '有效投诉', 6),
        ev('2026-05-01', '重大投诉', 2.5),
        ev('2026-05-01', '有效投诉'),
        ev('2026-05-01', '质量问题', 3),
        ev('2026-05-01', '重大质量问题', 4),
        ev('2026-05-01', '质量问题'),
        ev('2026-05-01', '迟到', 1),
        ev('2026-05-01', '表扬'),
        ev('2026-05-01', '加班'),
        ev('2026-05-01', '加班', 2),
      ],
      rules,
    )
    expect(problems.map((p) => p.index)).toEqual([1, 2, 3, 5, 6, 7, 9])
    expect(problems.every((p) => p.field === '扣加分')).toBe(true)
    expect(problems[0]?.message).toBe('“有效投诉”每次扣3–5分（填正数），不能是6（第七条（四））')
    expect(problems[2]?.message).toBe('“有效投诉”须填写扣分（3–5分，第七条（四））')
  })
})

describe('第五条 noon duty', () => {
  const calendar = workCalendar()

  it('第五条 at most 2 people a day, working days only, once per person', () => {
    const problems = checkNoonDuties(
      [
        duty('2026-05-06', '计入补休', 'A01'),
        duty('2026-05-06', '计入补休', 'B02'),
        duty('2026-05-06', '提前下班', 'C03'), // third person
        duty('2026-05-02', '提前下班', 'A01'), // 劳动节
        duty('2026-05-09', '提前下班', 'A01'), // make-up working Saturday: fine
        duty('2026-05-07', '提前下班', 'A01'),
        duty('2026-05-07', '计入补休', 'A01'), // twice
      ],
      calendar,
      rules,
    )
    expect(problems.map((p) => [p.index, p.field])).toEqual([
      [2, '日期'],
      [3, '日期'],
      [6, '工号'],
    ])
    expect(problems[0]?.message).toBe('2026-05-06中午值班超过2人（第五条：每次值班人员不超过2人）')
    expect(problems[1]?.message).toContain('劳动节')
  })

  it('第五条 a 消极怠工 duty counts toward the 2-a-day limit but earns no 中午值班加分', () => {
    const day = [
      duty('2026-05-06', '消极怠工', 'A01'),
      duty('2026-05-06', '未提前下班未补休', 'B02'),
      duty('2026-05-06', '未提前下班未补休', 'C03'), // third person: the slack duty still counted
    ]
    expect(checkNoonDuties(day, calendar, rules).map((p) => p.index)).toEqual([2])
    const counts = monthCounts([], '2026-05', [...day, duty('2026-05-07', '消极怠工', 'A01')], rules)
    expect(counts.get('A01')?.noonDuties).toBe(0)
    expect(counts.get('B02')?.noonDuties).toBe(1)
  })

  it('第五条 a duty in a year without holiday data is a problem, not a crash', () => {
    const problems = checkNoonDuties([duty('2027-03-01', '提前下班')], calendar, rules)
    expect(problems[0]?.message).toMatch(/2027年没有节假日数据/)
  })
})
