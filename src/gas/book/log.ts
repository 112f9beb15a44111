/** The 日志 row of a plan (§9: 时间, 操作人, 操作, 期间, 结果, 输入摘要), written last. */

import { LOG_LAYOUT } from '../../workbook/layouts'
import type { Cell } from '../../workbook/types'
import type { BookContext } from './context'
import { rangeAt } from './layout'
import type { Transaction } from './transaction'
import { applyWrite } from './writes'

export const LOG_SHEET = LOG_LAYOUT.name

/**
 * One `appendRow` after the last row (it needs no read of the 日志 and no range); when the sheet is
 * missing it is created with its layout first. The row's cells are given as for setValues (text stays
 * text). The 日志 row is the plan's last write, so its undo never has to run after it succeeded.
 */
export function appendLog(ctx: BookContext, cells: readonly Cell[], tx: Transaction): void {
  const width = LOG_LAYOUT.columns.length
  const values = cells.map((v, c) => ctx.cells.toSheet(v, LOG_LAYOUT.columns[c]))
  const existing = ctx.cache.handle(LOG_SHEET)
  if (existing) {
    existing.appendRow(values)
    tx.push(() => existing.getRange(existing.getLastRow(), 1, 1, width).clearContent())
    return
  }
  applyWrite(ctx, { sheet: LOG_SHEET, layout: LOG_LAYOUT, mode: 'header' }, tx, [], [])
  const state = ctx.cache.peek(LOG_SHEET)
  if (!state) throw new Error(`无法创建“${LOG_SHEET}”表`)
  const row = Math.max(state.rows, 1) + 1
  const range = rangeAt(ctx, state, row, 1, 1, width, LOG_LAYOUT, tx)
  tx.push(() => range.clearContent())
  range.setValues([values])
  state.rows = row
}
