/**
 * What a layout looks like beyond values (SPEC §16), in Sheets: header fills (result columns their own
 * colour on sheets that shade results), explaining columns wrapped, result cells lightly filled, and the
 * row fills of highlights over them. Print setup is not in the Apps Script API: the frozen header row and
 * 工号/姓名 columns repeat on every printed page (File → Print offers it), the rest is chosen in the print
 * dialog (see 部署.md). Every change on an existing sheet records its undo.
 */
import type { ColumnSpec, Highlight, SheetLayout } from '../../workbook/types'
import { HEADER_FILL, HIGHLIGHT_COLORS, RESULT_FILL, RESULT_HEADER_FILL } from '../../workbook/types'
import type { Transaction } from './transaction'

type Sheet = GoogleAppsScript.Spreadsheet.Sheet

/**
 * The fills of `rows` data rows over columns `column` … `column + span − 1`: a highlight fills the row;
 * without one, a result column of a shading layout keeps its light fill (SPEC §16), others are white.
 */
export function rowColors(
  layout: SheetLayout,
  list: readonly Highlight[],
  rows: number,
  column: number,
  span: number,
): string[][] {
  const plain = Array.from({ length: span }, (_, k) =>
    layout.shadeResults && layout.columns[column - 1 + k]?.result ? RESULT_FILL : '#ffffff',
  )
  return Array.from({ length: rows }, (_, r) => {
    const h: Highlight = list[r] ?? null
    return h ? plain.map(() => HIGHLIGHT_COLORS[h]) : plain
  })
}

/**
 * Header fills, wrapping and result fills of a layout, from its column `from` (0-based) on; `tx` null for
 * a sheet just created.
 */
export function styleLayout(
  sheet: Sheet,
  layout: SheetLayout,
  maxRows: number,
  tx: Transaction | null,
  from = 0,
): void {
  const columns = layout.columns.slice(from)
  const header = sheet.getRange(1, from + 1, 1, columns.length)
  if (tx) {
    const was = header.getBackgrounds()
    tx.push(() => header.setBackgrounds(was))
  }
  header.setBackgrounds([
    columns.map((c) => (layout.shadeResults && c.result ? RESULT_HEADER_FILL : HEADER_FILL)),
  ])
  forRuns(
    columns,
    (c) => c.wrap === true,
    (at, count) => {
      const range = sheet.getRange(1, from + at, maxRows, count)
      if (tx) {
        const was = range.getWraps()
        tx.push(() => range.setWraps(was))
      }
      range.setWrap(true)
    },
  )
  // Result cells carry their light fill from the start, so a close's undo restores exactly that.
  if (layout.shadeResults && maxRows > 1)
    forRuns(
      columns,
      (c) => c.result === true,
      (at, count) => {
        const range = sheet.getRange(2, from + at, maxRows - 1, count)
        if (tx) {
          const was = range.getBackgrounds()
          tx.push(() => range.setBackgrounds(was))
        }
        range.setBackground(RESULT_FILL)
      },
    )
}

/** Calls `run(firstColumn, count)` (1-based) for each run of consecutive columns that `pick` accepts. */
function forRuns(
  columns: readonly ColumnSpec[],
  pick: (c: ColumnSpec) => boolean,
  run: (from: number, count: number) => void,
): void {
  let start = 0
  while (start < columns.length) {
    const c = columns[start]
    if (!c || !pick(c)) {
      start++
      continue
    }
    let end = start + 1
    while (end < columns.length && pick(columns[end] as ColumnSpec)) end++
    run(start + 1, end - start)
    start = end
  }
}
