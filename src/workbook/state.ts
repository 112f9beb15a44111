/**
 * Whether a period is closed, read from the `日志` sheet: closed when the latest log row for the period
 * is a close (月度结算 / 季度结算 / 年度结算) not followed by a 重新开放. Hosts append the log rows
 * (时间, 操作人, 操作, 期间, 结果, 输入摘要) when they apply a plan.
 */
import { parseText } from '../core/parse'
import { formatPeriod, type Period } from '../core/period'
import { cellOf, periodText, type Row, type Table } from './read'

export const CLOSE_ACTION: Readonly<Record<Period['kind'], string>> = {
  month: '月度结算',
  quarter: '季度结算',
  year: '年度结算',
}
export const REOPEN_ACTION = '重新开放'

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

/** A hex checksum, as 日志 rows written before the 校验码 column carried in 输入摘要. */
const LEGACY_DIGEST = /^[0-9a-f]{8,}$/

/** A 日志 row's input checksum: its 校验码, or in older books the checksum its 输入摘要 held. */
function digestOf(log: Table, row: Row): string {
  const code = parseText(cellOf(log, row, '校验码'))
  if (code !== '') return code
  const old = parseText(cellOf(log, row, '输入摘要'))
  return LEGACY_DIGEST.test(old) ? old : ''
}

/** The input checksum of the latest close of a period that is closed now; null when open, reopened or unknown. */
export function closedDigest(log: Table, period: Period): string | null {
  const key = formatPeriod(period)
  const closes = new Set(Object.values(CLOSE_ACTION))
  let digest: string | null = null
  for (const row of log.rows) {
    if (periodText(cellOf(log, row, '期间')) !== key) continue
    const action = parseText(cellOf(log, row, '操作'))
    if (closes.has(action)) digest = digestOf(log, row)
    else if (action === REOPEN_ACTION) digest = null
  }
  return digest === '' ? null : digest
}
