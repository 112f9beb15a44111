/**
 * The `补休` ledger kept true (SPEC §13, 第五条、第十一条): 已休天数 is typed by the supervisor; every close and
 * every 刷新 (menu 刷新看板, `kaohe refresh`) recomputes each entry's 状态 from 已休天数 and today (which the
 * host gives: no clock in here). Only the 状态 column is rewritten, and only when some 状态 changed.
 */
import { isLocalDate, type LocalDate } from '../core/dates'
import { exact } from '../core/decimal'
import { leaveStatus } from '../core/leave'
import { parseText } from '../core/parse'
import { LEAVE_LAYOUT, SHEET } from './layouts'
import { done, type Outcome } from './outcome'
import { cellOf, numberOf, table } from './read'
import type { Cell, Grid, SheetWrite, Workbook } from './types'

/** Shown instead of a state when 已休天数 is not a number from 0 to 天数: the supervisor must look. */
export function badTakenStatus(days: number): string {
  return `请核对已休天数（应为0至${days}之间的数）`
}

/** 状态 of one ledger row on `asOf`, from its 天数, 截止日期 and 已休天数 cells. */
export function ledgerStatus(days: Cell, expires: Cell, taken: Cell, asOf: LocalDate): string {
  const d = numberOf(days)
  const due = parseText(expires).slice(0, 10)
  if (d === null || !isLocalDate(due)) return ''
  const typed = parseText(taken) === '' ? 0 : numberOf(taken)
  if (typed === null || typed < 0 || typed > d) return badTakenStatus(d)
  return leaveStatus({ days: exact(d), taken: exact(typed), expires: due }, asOf)
}

/** The 状态 of every row under the header of the 补休 grid on `asOf`, in sheet order ('' for a blank row). */
export function ledgerStatuses(grid: Grid | undefined, asOf: LocalDate): string[] {
  const t = table(SHEET.leave, grid)
  const byRow = new Map(t.rows.map((r) => [r.row, r]))
  const out: string[] = []
  for (let i = 2; i <= (grid?.length ?? 0); i++) {
    const row = byRow.get(i)
    out.push(
      row
        ? ledgerStatus(cellOf(t, row, '天数'), cellOf(t, row, '截止日期'), cellOf(t, row, '已休天数'), asOf)
        : '',
    )
  }
  return out
}

/** The write that brings 状态 up to date, or null when every row already says what is true on `asOf`. */
export function leaveStatusWrite(grid: Grid | undefined, asOf: LocalDate): SheetWrite | null {
  const t = table(SHEET.leave, grid)
  if (!t.columns.has('状态') || t.rows.length === 0) return null
  const statuses = ledgerStatuses(grid, asOf)
  const changed = t.rows.some((row) => parseText(cellOf(t, row, '状态')) !== statuses[row.row - 2])
  if (!changed) return null
  return {
    sheet: SHEET.leave,
    layout: LEAVE_LAYOUT,
    mode: 'columns',
    columns: ['状态'],
    rows: statuses.map((s) => [s]),
  }
}

/** 刷新: the 补休 ledger's 状态 as of the host's today. Not logged: it changes no result, only the date it reads. */
export function refreshLedger(book: Workbook, asOf?: LocalDate): Outcome {
  const today = asOf ?? book.now().slice(0, 10)
  const write = leaveStatusWrite(book.read([SHEET.leave]).get(SHEET.leave), today)
  return done({
    writes: write ? [write] : [],
    message: write
      ? `已按${today}刷新“${SHEET.leave}”的状态（已休天数保留）`
      : `“${SHEET.leave}”的状态已是${today}的情况，无需改动`,
  })
}
