/**
 * Whether a period is closed, read from the `日志` sheet: closed when the latest log row for the period
 * is a close (月度结算 / 季度结算 / 年度结算) not followed by a 重新开放. Hosts append the log rows
 * (时间, 操作人, 操作, 期间, 结果, 输入摘要) when they apply a plan.
 */
import { parseText } from '../core/parse'
import { formatPeriod, type Period } from '../core/period'
import { cellOf, periodText, type Table } from './read'

export const CLOSE_ACTION: Readonly<Record<Period['kind'], string>> = {
  month: '月度结算',
  quarter: '季度结算',
  year: '年度结算',
}
export const REOPEN_ACTION = '重新开放'
/** The 日志 action of 生成公示表 (第八条): a month with one has been published, so it may be objected to. */
export const PUBLISH_ACTION = '生成公示'

export type PeriodState = 'open' | 'closed' | 'reopened'

/** The state of every period named in the log, by its formatPeriod text (`2026-05`, `2026-Q2`, `2026`). */
export function periodStates(log: Table): Map<string, PeriodState> {
  const closes = new Set(Object.values(CLOSE_ACTION))
  const states = new Map<string, PeriodState>()
  for (const row of log.rows) {
    const period = periodText(cellOf(log, row, '期间'))
    if (period === '') continue
    const action = parseText(cellOf(log, row, '操作'))
    if (closes.has(action)) states.set(period, 'closed')
    else if (action === REOPEN_ACTION) states.set(period, 'reopened')
  }
  return states
}

export function periodState(log: Table, period: Period): PeriodState {
  return periodStates(log).get(formatPeriod(period)) ?? 'open'
}

export function isClosed(log: Table, period: Period): boolean {
  return periodState(log, period) === 'closed'
}

/** The 输入摘要 of the latest close of a period that is closed now; null when open, reopened or unknown. */
export function closedDigest(log: Table, period: Period): string | null {
  const key = formatPeriod(period)
  const closes = new Set(Object.values(CLOSE_ACTION))
  let digest: string | null = null
  for (const row of log.rows) {
    if (periodText(cellOf(log, row, '期间')) !== key) continue
    const action = parseText(cellOf(log, row, '操作'))
    if (closes.has(action)) digest = parseText(cellOf(log, row, '输入摘要'))
    else if (action === REOPEN_ACTION) digest = null
  }
  return digest === '' ? null : digest
}

/** The periods (`2026-05`) the 日志 records a 生成公示 for. */
export function publishedPeriods(log: Table): Set<string> {
  const out = new Set<string>()
  for (const row of log.rows) {
    if (parseText(cellOf(log, row, '操作')) !== PUBLISH_ACTION) continue
    const period = periodText(cellOf(log, row, '期间'))
    if (period !== '') out.add(period)
  }
  return out
}
