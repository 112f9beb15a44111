/**
 * Sheet layouts in Sheets: finding or inserting the sheet of a write, growing its grid, and laying it out
 * (header, notes, validation, formats, widths, freezes, tab colour). A layout is written only when the
 * sheet is created or its header row differs from the layout: a correctly laid-out sheet costs nothing.
 * Laying out an existing sheet records the undo of every property it sets, so a rollback restores notes,
 * formats, validation, bold, freezes, widths and the tab colour as well as the values.
 */

import type { ColumnSpec, SheetLayout } from '../../workbook/types'
import type { BookContext } from './context'
import { remember, type SheetState, snapshot } from './read-cache'
import { styleLayout } from './style'
import type { Transaction } from './transaction'
import { FORMULA_LIKE } from './values'

type Range = GoogleAppsScript.Spreadsheet.Range
type Validation = GoogleAppsScript.Spreadsheet.DataValidation

/** Rows added at a time when a sheet is full, so growth (and formatting the new rows) stays rare. */
export const GROW_ROWS = 500

export function numberFormat(c: ColumnSpec): string {
  switch (c.type) {
    case 'text':
    case 'enum':
      return '@'
    case 'date':
      return c.format ?? 'yyyy-mm-dd'
    case 'percent':
      return c.format ?? '0.0%'
    case 'integer':
      return c.format ?? '0'
    default:
      return c.format ?? 'General'
  }
}

/** Column width in characters → pixels (CJK headers are about 12 px a character). */
const pixels = (chars: number): number => Math.round(chars * 12 + 16)

/** The header cells a correctly laid-out sheet has in row 1. */
export function headerMatches(row: readonly unknown[] | undefined, layout: SheetLayout): boolean {
  return layout.columns.every((c, i) => {
    const v = row?.[i]
    return typeof v === 'string' && v === c.header
  })
}

/**
 * How many leading columns of `layout` the sheet already has, when the layout only extends it: row 1 holds
 * the layout's first k headers and nothing after them (a sheet laid out by an earlier version, before
 * columns were appended to its layout). 0 otherwise: the whole layout is then written.
 */
export function laidOutPrefix(row: readonly unknown[] | undefined, layout: SheetLayout): number {
  if (!row) return 0
  let k = 0
  while (k < layout.columns.length && row[k] === layout.columns[k]?.header) k++
  if (k === 0 || k === layout.columns.length) return 0
  const rest = row.slice(k)
  return rest.every((v) => v === '' || v === null || v === undefined) ? k : 0
}

/** The sheet of a write: known, found by name, or inserted (undo: deleted). */
export function sheetFor(
  ctx: BookContext,
  name: string,
  tx: Transaction,
): { state: SheetState; created: boolean } {
  const sheet = ctx.cache.handle(name)
  if (sheet) return { state: ctx.cache.state(name, sheet), created: false }
  const ss = ctx.gas.spreadsheet
  const made = ss.insertSheet(name)
  ctx.cache.track(name, made)
  tx.push(() => {
    ctx.cache.track(name, null)
    ss.deleteSheet(made)
  })
  return { state: ctx.cache.inserted(name, made), created: true }
}

/** Asks the sheet for its exact size (needed when a whole layout is written over every row). */
export function exactSize(state: SheetState): void {
  if (!state.maxRowsExact) {
    state.maxRows = state.sheet.getMaxRows()
    state.maxRowsExact = true
  }
  if (!state.maxColumnsExact) {
    state.maxColumns = state.sheet.getMaxColumns()
    state.maxColumnsExact = true
  }
}

/**
 * Makes the grid at least `rows` × `columns`. Rows are added GROW_ROWS at a time; when the sheet already
 * has its layout (`layout` given), the new rows get the layout's formats and validation.
 */
export function ensureSize(
  ctx: BookContext,
  state: SheetState,
  rows: number,
  columns: number,
  layout: SheetLayout | null,
  tx: Transaction,
): void {
  const sheet = state.sheet
  if (rows > state.maxRows && !state.maxRowsExact) {
    state.maxRows = sheet.getMaxRows()
    state.maxRowsExact = true
  }
  if (rows > state.maxRows) {
    const after = state.maxRows
    const add = Math.max(rows - after, GROW_ROWS)
    sheet.insertRowsAfter(after, add)
    tx.push(() => sheet.deleteRows(after + 1, add))
    state.maxRows = after + add
    if (layout) formatRows(ctx, state, layout, after + 1, add)
  }
  if (columns > state.maxColumns && !state.maxColumnsExact) {
    state.maxColumns = sheet.getMaxColumns()
    state.maxColumnsExact = true
  }
  if (columns > state.maxColumns) {
    const after = state.maxColumns
    sheet.insertColumnsAfter(after, columns - after)
    tx.push(() => sheet.deleteColumns(after + 1, columns - after))
    state.maxColumns = columns
  }
}

/**
 * A range inside the grid. Beyond what this action knows of the grid size, getRange is tried first (the
 * grid is usually big enough) and the sheet is grown only when getRange says the range lies outside it.
 */
export function rangeAt(
  ctx: BookContext,
  state: SheetState,
  row: number,
  column: number,
  rows: number,
  columns: number,
  layout: SheetLayout | null,
  tx: Transaction,
): Range {
  const lastRow = row + rows - 1
  const lastColumn = column + columns - 1
  if (lastRow > state.maxRows || lastColumn > state.maxColumns) {
    const exact = state.maxRowsExact && state.maxColumnsExact
    if (!exact) {
      try {
        const range = state.sheet.getRange(row, column, rows, columns)
        state.maxRows = Math.max(state.maxRows, lastRow)
        state.maxColumns = Math.max(state.maxColumns, lastColumn)
        return range
      } catch {
        // Outside the grid: ask its size and grow it below.
      }
    }
    ensureSize(ctx, state, lastRow, lastColumn, layout, tx)
  }
  return state.sheet.getRange(row, column, rows, columns)
}

/**
 * Writes a whole layout over every row of the sheet. On a sheet that existed before this action every
 * property set is read first and restored by the undo (a new sheet's undo deletes it).
 */
export function writeLayout(
  ctx: BookContext,
  state: SheetState,
  layout: SheetLayout,
  created: boolean,
  tx: Transaction,
  from = 0,
): void {
  const sheet = state.sheet
  // With `from` (laidOutPrefix), only the columns after the first `from`: the rest is laid out already.
  const columns = layout.columns.slice(from)
  const width = columns.length
  const first = from + 1
  if (width === 0) return
  const maxRows = state.maxRows
  // Formats first: plain-text columns must be '@' before text like `2026-05` lands in them.
  const formats: string[][] = [columns.map(() => '@')]
  const dataFormats = columns.map(numberFormat)
  for (let r = 2; r <= maxRows; r++) formats.push(dataFormats)
  const all = sheet.getRange(1, first, maxRows, width)
  if (!created) {
    const was = all.getNumberFormats()
    tx.push(() => all.setNumberFormats(was))
  }
  all.setNumberFormats(formats)

  const header = sheet.getRange(1, first, 1, width)
  if (!created) {
    const values = snapshot(state, 1, first, 1, width)
    const weights = header.getFontWeights()
    const notes = header.getNotes()
    tx.push(() => {
      header.setValues(values)
      header.setFontWeights(weights as ('normal' | 'bold')[][])
      header.setNotes(notes)
    })
  }
  const headerValues = [columns.map((c) => (FORMULA_LIKE.test(c.header) ? `'${c.header}` : c.header))]
  header.setValues(headerValues)
  remember(state, 1, first, headerValues)
  state.rows = Math.max(state.rows, 1)
  header.setFontWeight('bold')
  const notes = columns.map((c) => c.note ?? '')
  if (!created || notes.some((n) => n !== '')) header.setNotes([notes])
  validate(ctx, state, layout, 2, maxRows - 1, created ? null : tx, from)
  if (from === 0 && !created) {
    const rows = sheet.getFrozenRows()
    const cols = sheet.getFrozenColumns()
    const tab = sheet.getTabColor()
    tx.push(() => {
      sheet.setFrozenRows(rows)
      sheet.setFrozenColumns(cols)
      sheet.setTabColor(tab)
    })
  }
  if (from === 0) {
    sheet.setFrozenRows(1)
    if (layout.frozenColumns !== undefined) sheet.setFrozenColumns(layout.frozenColumns)
  }
  // One call per run of equal widths.
  let start = 0
  while (start < width) {
    const w = columns[start]?.width
    let end = start + 1
    while (end < width && columns[end]?.width === w) end++
    if (w !== undefined) {
      const at = first + start
      if (!created) {
        const was = Array.from({ length: end - start }, (_, i) => sheet.getColumnWidth(at + i))
        tx.push(() => {
          was.forEach((px, i) => {
            sheet.setColumnWidth(at + i, px)
          })
        })
      }
      sheet.setColumnWidths(at, end - start, pixels(w))
    }
    start = end
  }
  if (from === 0 && layout.tabColor) sheet.setTabColor(layout.tabColor)
  styleLayout(sheet, layout, maxRows, created ? null : tx, from)
}

/** Formats and validation for rows added to a sheet that already has its layout (the undo deletes the rows). */
function formatRows(
  ctx: BookContext,
  state: SheetState,
  layout: SheetLayout,
  from: number,
  count: number,
): void {
  const dataFormats = layout.columns.map(numberFormat)
  if (dataFormats.length === 0) return
  state.sheet
    .getRange(from, 1, count, dataFormats.length)
    .setNumberFormats(Array.from({ length: count }, () => dataFormats))
  validate(ctx, state, layout, from, count, null)
}

/**
 * One setDataValidations over `count` rows from `from`, columns from `fromColumn` (0-based) on (nothing
 * when no column takes input); with `tx`, the rules the rows had are read first and restored by the undo.
 */
function validate(
  ctx: BookContext,
  state: SheetState,
  layout: SheetLayout,
  from: number,
  count: number,
  tx: Transaction | null,
  fromColumn = 0,
): void {
  if (count < 1) return
  const rules = layout.columns.slice(fromColumn).map((c) => validation(ctx, c))
  if (!rules.some((r) => r !== null)) return
  const grid: (Validation | null)[][] = []
  for (let r = 0; r < count; r++) grid.push(rules)
  const range = state.sheet.getRange(from, fromColumn + 1, count, rules.length)
  if (tx) {
    const was = range.getDataValidations()
    tx.push(() => range.setDataValidations(was as Validation[][]))
  }
  range.setDataValidations(grid as Validation[][])
}

/** A column's rule, built with the fewest builder calls (allowInvalid defaults to true; no empty help). */
function validation(ctx: BookContext, c: ColumnSpec): Validation | null {
  if (c.result) return null
  const help = c.note ?? ''
  const finish = (b: GoogleAppsScript.Spreadsheet.DataValidationBuilder, strict: boolean): Validation => {
    let out = b
    if (strict) out = out.setAllowInvalid(false)
    if (help !== '') out = out.setHelpText(help)
    return out.build()
  }
  const builder = () => ctx.gas.app.newDataValidation()
  if (c.type === 'enum' || c.type === 'bool') {
    const options = c.options ?? (c.type === 'bool' ? ['是', '否'] : [])
    if (options.length === 0) return null
    return finish(builder().requireValueInList([...options], true), true)
  }
  if (c.type === 'date') return finish(builder().requireDate(), true)
  if (c.type === 'number' || c.type === 'integer' || c.type === 'percent') {
    if (c.min !== undefined && c.max !== undefined)
      return finish(builder().requireNumberBetween(c.min, c.max), false)
    if (c.min !== undefined) return finish(builder().requireNumberGreaterThanOrEqualTo(c.min), false)
    if (c.max !== undefined) return finish(builder().requireNumberLessThanOrEqualTo(c.max), false)
  }
  return null
}
