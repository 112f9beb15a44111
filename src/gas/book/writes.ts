/**
 * One SheetWrite of a plan in Sheets: its sheet found or created, laid out when needed, each written block
 * one `setValues`; fills cover the cells written and share their range (one `setBackgrounds`, written once
 * every value is in place; the undo comes from the plan's previous highlights when it gives them, else one
 * `getBackgrounds`). Every block written is folded into the read cache for later steps of the transaction.
 */

import type { Cell, SheetWrite } from '../../workbook/types'
import type { BookContext } from './context'
import { ensureSize, exactSize, headerMatches, laidOutPrefix, rangeAt, sheetFor, writeLayout } from './layout'
import type { ProtectStep } from './protection'
import { remember, type SheetState, snapshot } from './read-cache'
import { rowColors } from './style'
import type { Transaction } from './transaction'
import { padRow, runs } from './values'

type Range = GoogleAppsScript.Spreadsheet.Range

/** Fills to write once every value is in place (one getRange reused when the values range is the same). */
export interface FillStep {
  readonly state: SheetState
  readonly created: boolean
  readonly rows: number
  readonly column: number
  readonly width: number
  readonly colors: string[][]
  /** What the rows' fills were, when the plan knows it (no getBackgrounds needed for the undo). */
  readonly before: string[][] | null
  readonly range: Range | null
}

/** Writes one sheet's values (and its layout when needed); queues its fills and protection. */
export function applyWrite(
  ctx: BookContext,
  w: SheetWrite,
  tx: Transaction,
  fills: FillStep[],
  protections: ProtectStep[],
): void {
  const layout = w.layout
  const columns = layout.columns
  const width = columns.length
  const { state, created } = sheetFor(ctx, w.sheet, tx)
  const oldRows = Math.max(0, state.rows - 1)
  const rows = w.rows ?? []
  let dataRows = 0
  if (w.mode === 'replace') dataRows = Math.max(oldRows, rows.length)
  if (w.mode === 'columns') dataRows = rows.length
  const appendAt = Math.max(state.rows, 1) + 1

  const laidOut = !created && headerMatches(state.values[0], layout)
  const reserve = 1 + (w.reserveRows ?? 0)
  if (!laidOut) {
    const needRows = w.mode === 'append' ? appendAt - 1 + rows.length : 1 + dataRows
    ensureSize(ctx, state, Math.max(needRows, 2, reserve), width, null, tx)
    exactSize(state)
    // A sheet whose layout gained columns at its end (an earlier version's) gets only those laid out.
    const prefix = created ? 0 : laidOutPrefix(state.values[0], layout)
    writeLayout(ctx, state, layout, created, tx, prefix)
  } else {
    if (w.reserveRows !== undefined) ensureSize(ctx, state, reserve, width, layout, tx)
    // Header notes quote the rules in force (§9); the workflow asks for this only when they may be stale.
    if (w.refreshNotes) {
      const header = state.sheet.getRange(1, 1, 1, width)
      const before = header.getNotes()
      tx.push(() => header.setNotes(before))
      header.setNotes([columns.map((c) => c.note ?? '')])
    }
  }

  // The blocks written (first column, width, range): a fill covers the same cells, one range for both.
  const blocks: { column: number; span: number; range: Range | null }[] = []
  if (w.mode === 'replace' && dataRows > 0) {
    const range = rangeAt(ctx, state, 2, 1, dataRows, width, layout, tx)
    if (!created) {
      const before = snapshot(state, 2, 1, dataRows, width)
      tx.push(() => range.setValues(before))
    }
    const values: unknown[][] = []
    for (let r = 0; r < dataRows; r++)
      values.push(padRow<Cell>(rows[r], width, '').map((v, c) => ctx.cells.toSheet(v, columns[c])))
    range.setValues(values)
    remember(state, 2, 1, values)
    blocks.push({ column: 1, span: width, range })
    state.rows = Math.max(state.rows, 1 + dataRows)
  } else if (w.mode === 'columns' && dataRows > 0) {
    blocks.push(...writeColumns(ctx, state, w, dataRows, created, tx))
  } else if (w.mode === 'append' && rows.length > 0) {
    const range = rangeAt(ctx, state, appendAt, 1, rows.length, width, layout, tx)
    tx.push(() => range.clearContent())
    const values = rows.map((row) =>
      padRow<Cell>(row, width, '').map((v, c) => ctx.cells.toSheet(v, columns[c])),
    )
    range.setValues(values)
    remember(state, appendAt, 1, values)
    state.rows = appendAt - 1 + rows.length
  }

  // Fills cover the cells written ('columns': the columns the workflow owns, never the inputs).
  const highlights = w.highlights
  if (highlights && (w.mode === 'replace' || w.mode === 'columns') && dataRows > 0) {
    for (const b of blocks) {
      fills.push({
        state,
        created,
        rows: dataRows,
        column: b.column,
        width: b.span,
        colors: rowColors(layout, highlights, dataRows, b.column, b.span),
        before: w.previousHighlights
          ? rowColors(layout, w.previousHighlights, dataRows, b.column, b.span)
          : null,
        range: b.range,
      })
    }
  }

  if (w.protect !== undefined)
    protections.push({ state, created, spec: w.protect, editable: editableColumnsOf(w) })
}

/**
 * 'columns' mode: only the named columns are written, rows 2.. in order, one setValues per run of
 * adjacent columns (so an input column between two result columns is never rewritten).
 */
function writeColumns(
  ctx: BookContext,
  state: SheetState,
  w: SheetWrite,
  dataRows: number,
  created: boolean,
  tx: Transaction,
): { column: number; span: number; range: Range }[] {
  const written: { column: number; span: number; range: Range }[] = []
  const names = w.columns ?? []
  const indexes = names.map((name) => {
    const i = w.layout.columns.findIndex((c) => c.header === name)
    if (i < 0) throw new Error(`“${w.sheet}”没有“${name}”列`)
    return i
  })
  const rows = w.rows ?? []
  for (const [first, last] of runs(indexes)) {
    const span = last - first + 1
    const range = rangeAt(ctx, state, 2, first + 1, dataRows, span, w.layout, tx)
    if (!created) {
      const before = snapshot(state, 2, first + 1, dataRows, span)
      tx.push(() => range.setValues(before))
    }
    const block: unknown[][] = []
    for (let r = 0; r < dataRows; r++) {
      const line: unknown[] = []
      for (let col = first; col <= last; col++) {
        // The last of the names wins when a column is named twice.
        const j = indexes.lastIndexOf(col)
        line.push(ctx.cells.toSheet(rows[r]?.[j] ?? '', w.layout.columns[col]))
      }
      block.push(line)
    }
    range.setValues(block)
    remember(state, 2, first + 1, block)
    written.push({ column: first + 1, span, range })
  }
  state.rows = Math.max(state.rows, 1 + dataRows)
  return written
}

export function fill(f: FillStep, tx: Transaction): void {
  const range = f.range ?? f.state.sheet.getRange(2, f.column, f.rows, f.width)
  if (!f.created) {
    const before = f.before ?? range.getBackgrounds()
    tx.push(() => range.setBackgrounds(before))
  }
  range.setBackgrounds(f.colors)
}

/** The layout positions (1-based) of a protection's editable columns: this host writes layouts in order. */
function editableColumnsOf(w: SheetWrite): number[] {
  const headers = w.protect ? (w.protect.editableColumns ?? []) : []
  return headers.flatMap((h) => {
    const i = w.layout.columns.findIndex((c) => c.header === h)
    return i < 0 ? [] : [i + 1]
  })
}
