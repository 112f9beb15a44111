/**
 * Report sheets (看板, 个人成绩单): a grid written at A1, bold titles, grey table headers, column widths and
 * native charts, written inside the transaction of the action that shows them (same lock, same undo log).
 *
 * A sheet whose fixed cells (`frame`) are already in place keeps its formats and charts: only its values
 * are rewritten, one getRange and one setValues over what the sheet held and what it holds now (cells left
 * over from a longer earlier grid become blank). A chart's data range is open-ended downwards from its
 * header row, so it follows its table however long it grows and is never rebuilt. Otherwise (a new sheet,
 * another layout, a forced rebuild) formats are rewritten over the same block and the charts are removed
 * and built again; every step records its undo.
 */
import { columnLetter } from '../../core/problems'
import type { Cell } from '../../workbook/types'
import type { BookContext } from './context'
import { rangeAt, sheetFor } from './layout'
import { remember, snapshot } from './read-cache'
import type { Transaction } from './transaction'
import { keepAsTyped } from './values'

type Sheet = GoogleAppsScript.Spreadsheet.Sheet
type Chart = GoogleAppsScript.Spreadsheet.EmbeddedChart

/** A block of cells, 1-based. */
export interface Block {
  readonly row: number
  readonly column: number
  readonly rows: number
  readonly columns: number
}

export interface ChartSpec extends Block {
  readonly kind: 'line' | 'column'
  /** Fixed: a chart is built once, so its title names no period (the block title above its data does). */
  readonly title: string
  readonly stacked?: boolean
  /** Series are the data's rows (the trend block lists one operator a row). */
  readonly transpose?: boolean
  readonly colors?: readonly string[]
  /** Anchor cell of the chart. */
  readonly at: { readonly row: number; readonly column: number }
  readonly width: number
  readonly height: number
}

export interface SheetPlan {
  readonly name: string
  /** Rectangular grid written at A1 in one call. */
  readonly grid: Cell[][]
  /** Blocks set bold (block titles, header rows). */
  readonly bold: readonly Block[]
  /** Table header rows (grey fill). */
  readonly headers: readonly Block[]
  readonly charts: readonly ChartSpec[]
  readonly widths?: readonly { readonly column: number; readonly width: number }[]
  /**
   * Cells that stay put from one refresh to the next (header rows, labels), as [row, column, text]: a sheet
   * holding them all has this layout and needs only its values. Absent: laid out again each time.
   */
  readonly frame?: readonly (readonly [number, number, string])[]
}

export const HEADER_FILL = '#f1f3f4'

const inside = (b: Block, r: number, c: number) =>
  r >= b.row && r < b.row + b.rows && c >= b.column && c < b.column + b.columns

/** Whether the sheet as read holds the plan's frame. */
function framed(values: readonly unknown[][], plan: SheetPlan): boolean {
  const frame = plan.frame
  if (!frame || frame.length === 0) return false
  return frame.every(([r, c, text]) => values[r - 1]?.[c - 1] === text)
}

/** Writes a report sheet in the transaction; `rebuild` lays it out again even when its frame is in place. */
export function writeReportSheet(ctx: BookContext, plan: SheetPlan, tx: Transaction, rebuild = false): void {
  const { state, created } = sheetFor(ctx, plan.name, tx)
  const sheet = state.sheet
  const laidOut = !created && !rebuild && framed(state.values, plan)
  const rows = Math.max(plan.grid.length, state.values.length, 1)
  const columns = Math.max(plan.grid[0]?.length ?? 1, state.columns, 1)
  const values: unknown[][] = []
  for (let r = 0; r < rows; r++) {
    const line: unknown[] = []
    for (let c = 0; c < columns; c++) line.push(keepAsTyped(plan.grid[r]?.[c] ?? '')) // text stays as typed (a name beginning with = too)
    values.push(line)
  }
  if (!laidOut && !created) removeCharts(sheet, tx)
  const range = rangeAt(ctx, state, 1, 1, rows, columns, null, tx)
  if (!created) {
    const was = snapshot(state, 1, 1, rows, columns)
    tx.push(() => range.setValues(was))
  }
  range.setValues(values)
  remember(state, 1, 1, values)
  state.rows = Math.max(state.rows, rows)
  if (laidOut) return

  if (!created) {
    const weights = range.getFontWeights()
    const fills = range.getBackgrounds()
    tx.push(() => {
      range.setFontWeights(weights as ('normal' | 'bold')[][])
      range.setBackgrounds(fills)
    })
  }
  const weights: ('normal' | 'bold')[][] = []
  const fills: (string | null)[][] = []
  for (let r = 1; r <= rows; r++) {
    weights.push(
      Array.from({ length: columns }, (_, c) =>
        plan.bold.some((b) => inside(b, r, c + 1)) ? 'bold' : 'normal',
      ),
    )
    fills.push(
      Array.from({ length: columns }, (_, c) =>
        plan.headers.some((b) => inside(b, r, c + 1)) ? HEADER_FILL : null,
      ),
    )
  }
  range.setFontWeights(weights)
  range.setBackgrounds(fills as string[][])
  for (const w of plan.widths ?? []) {
    if (!created) {
      const px = sheet.getColumnWidth(w.column)
      tx.push(() => sheet.setColumnWidth(w.column, px))
    }
    sheet.setColumnWidth(w.column, w.width)
  }
  for (const spec of plan.charts) insertChart(sheet, spec, tx)
}

/** Removes the sheet's charts (undo: whichever are left are removed and all inserted again, in order). */
function removeCharts(sheet: Sheet, tx: Transaction): void {
  const charts = sheet.getCharts()
  if (charts.length === 0) return
  const removed = new Set<Chart>()
  tx.push(() => {
    for (const chart of charts) if (!removed.has(chart)) sheet.removeChart(chart)
    for (const chart of charts) sheet.insertChart(chart)
  })
  for (const chart of charts) {
    sheet.removeChart(chart)
    removed.add(chart)
  }
}

/** Builds and inserts one chart over its open-ended data range (undo: removed). */
function insertChart(sheet: Sheet, c: ChartSpec, tx: Transaction): Chart {
  const first = `${columnLetter(c.column)}${c.row}`
  const range = sheet.getRange(`${first}:${columnLetter(c.column + c.columns - 1)}`)
  const base = sheet.newChart()
  const typed = c.kind === 'line' ? base.asLineChart() : base.asColumnChart()
  let builder = typed
    .addRange(range)
    .setNumHeaders(1)
    .setOption('title', c.title)
    .setOption('width', c.width)
    .setOption('height', c.height)
    .setOption('legend', { position: 'bottom' })
  if (c.transpose) builder = builder.setTransposeRowsAndColumns(true)
  if (c.stacked) builder = builder.setOption('isStacked', true)
  if (c.colors) builder = builder.setOption('colors', [...c.colors])
  const chart = builder.setPosition(c.at.row, c.at.column, 0, 0).build()
  sheet.insertChart(chart)
  tx.push(() => sheet.removeChart(chart))
  return chart
}
