/**
 * Deadlines as the team lives them (SPEC §8, §13): a deadline whose work the 日志 records is done — the
 * 初评 when 生成公示 was run for the period (第八条、第十条), the 终评 when the period was closed (a year's
 * first close, still waiting for the leader's ratings, is not yet its 终评). Done on or before the due date
 * shows `已完成 01-05`, after it `逾期完成 01-12`; never as overdue.
 */
import type { LocalDate } from '../core/dates'
import type { DeadlineKind } from '../core/deadlines'
import { parseText } from '../core/parse'
import { YEAR_AWAITING_RATINGS } from './close/year-close'
import { PUBLISH_ACTION } from './publish'
import { cellOf, periodText, type Table } from './read'
import { CLOSE_ACTION } from './state'

/** The day the 日志 first records the deadline's work for `period` (`2026-05`, `2026-Q2`, `2026`), or null. */
export function deadlineDoneOn(log: Table, period: string, which: DeadlineKind): LocalDate | null {
  const closes = new Set(Object.values(CLOSE_ACTION))
  for (const row of log.rows) {
    if (periodText(cellOf(log, row, '期间')) !== period) continue
    const action = parseText(cellOf(log, row, '操作'))
    const when = parseText(cellOf(log, row, '时间')).slice(0, 10)
    const isDone =
      which === '初评'
        ? action === PUBLISH_ACTION
        : closes.has(action) && !parseText(cellOf(log, row, '结果')).includes(YEAR_AWAITING_RATINGS)
    if (isDone && when !== '') return when
  }
  return null
}

/** What a deadline is, in the words a clerk reads: 公示 for the 初评, 上报终评 for the 终评. */
export function deadlineWhat(which: DeadlineKind): string {
  return which === '初评' ? '公示（初步统计）' : '上报终评'
}

export type DeadlineState = 'done' | 'late' | 'due' | 'overdue'

export function deadlineState(d: {
  readonly due: LocalDate
  readonly doneOn: LocalDate | null
  readonly daysLeft: number
}): DeadlineState {
  if (d.doneOn !== null) return d.doneOn <= d.due ? 'done' : 'late'
  return d.daysLeft < 0 ? 'overdue' : 'due'
}

/** `已完成 01-05` / `逾期完成 01-12` / `还剩3天` / `今天截止` / `已逾期2天`. */
export function deadlineStatusText(d: {
  readonly due: LocalDate
  readonly doneOn: LocalDate | null
  readonly daysLeft: number
}): string {
  const state = deadlineState(d)
  const day = (d.doneOn ?? '').slice(5)
  if (state === 'done') return `已完成 ${day}`
  if (state === 'late') return `逾期完成 ${day}`
  return daysLeftText(d.daysLeft)
}

/** `还剩3天` / `今天截止` / `已逾期2天`. */
export function daysLeftText(days: number): string {
  if (days > 0) return `还剩${days}天`
  if (days === 0) return '今天截止'
  return `已逾期${-days}天`
}
