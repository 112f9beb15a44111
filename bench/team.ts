/**
 * A synthetic team of any size for the benchmark: roster, a year of incidents (late arrivals, absences,
 * complaints — some about the same call through two channels —, praise, quality findings, overtime) and
 * noon duties on working days, and every month's inputs. Deterministic (a seeded PRNG), so runs compare.
 */

import { mulberry32 } from '../src/cli/demo-data'
import { addDays, dayOfWeek, type LocalDate } from '../src/core/dates'
import { workCalendar } from '../src/core/holidays'
import { lastDay, type MonthKey, monthKey, monthPeriod } from '../src/core/period'
import type { Cell } from '../src/workbook/types'

export const YEAR = 2025

/** The demo's seeded PRNG (mulberry32), so the benchmark's team is the same every run. */
export const prng = mulberry32

export const idOf = (i: number): string => `T${String(i).padStart(5, '0')}`

/** 人员 rows: every 20th a 带班班长, every 7th dispatched from a district court, a few newcomers in YEAR. */
export function rosterRows(n: number): Cell[][] {
  return Array.from({ length: n }, (_, k) => {
    const i = k + 1
    const start = i % 50 === 0 ? `${YEAR}-03-16` : '2024-01-02'
    return [
      idOf(i),
      `话务员${i}`,
      i % 7 === 0 ? '天河区人民法院' : '',
      i % 20 === 0 ? '带班班长' : '话务员',
      start,
      '',
      '',
    ]
  })
}

export interface MonthData {
  readonly month: MonthKey
  readonly events: Cell[][]
  readonly noon: Cell[][]
  /** Late or absent this month (not 全勤). */
  readonly notFull: ReadonlySet<string>
}

const calendar = workCalendar()

function workingDays(month: MonthKey): LocalDate[] {
  const out: LocalDate[] = []
  const end = lastDay(monthPeriod(month))
  for (let d = `${month}-01`; d <= end; d = addDays(d, 1)) if (calendar.isWorkingDay(d)) out.push(d)
  return out
}

/** One month's 事件 and 值班 rows for a team of n. */
export function monthData(n: number, m: number, seed = 12368): MonthData {
  const month = monthKey(YEAR, m)
  const rand = prng(seed * 100 + m)
  const days = workingDays(month)
  const day = () => days[Math.floor(rand() * days.length)] ?? `${month}-10`
  const events: Cell[][] = []
  const notFull = new Set<string>()
  for (let i = 1; i <= n; i++) {
    const id = idOf(i)
    if (i % 50 === 0 && m < 6) continue // newcomers: nothing before they are assessed
    const r = rand()
    if (r < 0.1) {
      events.push([day(), id, rand() < 0.5 ? '迟到' : '早退', '', '', ''])
      notFull.add(id)
    } else if (r < 0.11) {
      events.push([day(), id, '旷工半天', '', '', ''])
      notFull.add(id)
    }
    const s = rand()
    if (s < 0.1) events.push([day(), id, '表扬', '', '', '来电表扬'])
    else if (s < 0.13) {
      const call = `C${m}-${i}`
      const points = 3 + Math.floor(rand() * 3)
      events.push([day(), id, '有效投诉', points, call, ''])
      if (rand() < 0.3) events.push([day(), id, '有效投诉', 3, call, '另一渠道，同一通话'])
    } else if (s < 0.135) events.push([day(), id, '重大投诉', 5, `M${m}-${i}`, ''])
    const q = rand()
    if (q < 0.05) events.push([day(), id, '质量问题', 1 + Math.floor(rand() * 3), '', ''])
    else if (q < 0.06) events.push([day(), id, '加班', 1, '', '周末加班'])
  }
  // Noon duty: two people each working day, rotating through the team.
  const outcomes = ['提前下班', '计入补休', '未提前下班未补休']
  const noon: Cell[][] = []
  days.forEach((d, k) => {
    if (dayOfWeek(d) === 0 || dayOfWeek(d) === 6) return // make-up working days: no noon duty
    for (const j of [0, 1]) {
      const i = ((k * 2 + j + m * 7) % Math.max(1, n - 1)) + 1
      if (i % 50 === 0) continue
      noon.push([d, idOf(i), outcomes[(k + j) % 3] ?? '提前下班'])
    }
  })
  return { month, events, noon, notFull }
}

/** The values typed into a month row; count columns stay blank (filled from 事件/值班), 带班班长 as prepared. */
export function monthInputs(notFull: boolean, rand: () => number): Map<string, Cell> {
  const days = 20 + Math.floor(rand() * 3)
  const values = new Map<string, Cell>([
    ['出勤天数', days],
    ['接听电话数', Math.round(days * (60 + rand() * 30))],
    ['文字咨询条数', Math.floor(rand() * 90)],
    ['全勤', notFull ? '否' : '是'],
    ['领导评价', Math.round(60 + rand() * 40) / 10],
    ['满意率', Math.round(900 + rand() * 100) / 1000],
  ])
  return values
}
