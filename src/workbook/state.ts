/**
 * Whether a period is closed, read from the `日志` sheet: closed when the latest log row for the period
 * is a close (月度结算 / 季度结算 / 年度结算) not followed by a 重新开放. Hosts append the log rows
 * (时间, 操作人, 操作, 期间, 结果, 输入摘要) when they apply a plan.
 */

import { isLocalDate } from '../core/dates'
import { parseText } from '../core/parse'
import { dayAfter, formatPeriod, hasEnded, lastDay, type Period, periodLabel } from '../core/period'
import type { Problem } from '../core/problems'
import { cellOf, digest, periodText, type Row, type Table } from './read'
import type { SheetLayout } from './types'

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

/** A close of a period that has not ended (month, quarter and year alike, §11) as a problem; else null. */
export function periodNotEnded(period: Period, sheet: string, today: string): Problem | null {
  if (!isLocalDate(today) || hasEnded(period, today)) return null
  const what = period.kind === 'month' ? '月份' : period.kind === 'quarter' ? '季度' : '年度'
  return {
    sheet,
    cell: 'A1',
    code: 'not-ended',
    message: `${what}尚未结束：${periodLabel(period)}到${lastDay(period)}才结束（今天是${today}），请在${dayAfter(period)}及以后结算`,
  }
}

/** Whether 日志 names any month before `month` (is this the book's first month?). */
export function loggedBefore(log: Table, month: string): boolean {
  return log.rows.some((row) => {
    const p = periodText(cellOf(log, row, '期间'))
    return /^\d{4}-\d{2}$/.test(p) && p < month
  })
}

/** A short digest of a layout's header notes (新建月度录入表 logs it; a close compares it). */
export function notesDigest(layout: SheetLayout): string {
  return `注释${digest([[layout.columns.map((c) => c.note ?? '')]])}`
}

/** The notes digest logged by the latest 新建月度录入表 of `month`, or null. */
export function preparedNotesDigest(log: Table, month: string): string | null {
  let found: string | null = null
  for (const row of log.rows) {
    if (periodText(cellOf(log, row, '期间')) !== month) continue
    if (parseText(cellOf(log, row, '操作')) !== PREPARE_LOG_ACTION) continue
    const d = parseText(cellOf(log, row, '输入摘要'))
    found = d.startsWith('注释') ? d : null
  }
  return found
}

/** The 日志 action of 新建月度录入表 (prepare.ts). */
export const PREPARE_LOG_ACTION = '新建月度录入表'
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

/**
 * Whether a sheet laid out with the default rules' notes needs them rewritten for the rules in force: a court
 * on the defaults never pays for it (quarter and year sheets are laid out ahead, at 新建月度录入表).
 */
export function notesDiffer(inForce: SheetLayout, defaults: SheetLayout): boolean {
  return notesDigest(inForce) !== notesDigest(defaults)
}
