/**
 * A tiny in-memory Workbook for workflow tests: sheets are grids in a Map; apply() follows the WritePlan
 * semantics of src/workbook/types.ts (header / replace / columns / append, highlights, protection) and
 * appends the log row the way hosts do (时间, 操作人, 操作, 期间, 结果, 输入摘要, 校验码).
 */
import { LOG_LAYOUT, SHEET } from '../../src/workbook/layouts'
import {
  type Cell,
  type Grid,
  type Highlight,
  logRow,
  type SheetLayout,
  type Workbook,
  type WritePlan,
} from '../../src/workbook/types'

export interface Protection {
  readonly description: string
  readonly editors: readonly string[]
}

export class MemoryWorkbook implements Workbook {
  readonly timeZone = 'Asia/Shanghai'
  readonly sheets = new Map<string, Grid>()
  readonly protections = new Map<string, Protection>()
  readonly highlights = new Map<string, Highlight[]>()
  readonly reads: string[][] = []
  clock = '2027-01-06 10:00:00'
  who = 'leader@example.com'

  sheetNames(): string[] {
    return [...this.sheets.keys()]
  }

  read(names: readonly string[]): Map<string, Grid> {
    this.reads.push([...names])
    const out = new Map<string, Grid>()
    for (const name of names) {
      const grid = this.sheets.get(name)
      if (grid)
        out.set(
          name,
          grid.map((row) => [...row]),
        )
    }
    return out
  }

  apply(plan: WritePlan): void {
    for (const w of plan.writes) {
      const headers = w.layout.columns.map((c) => c.header)
      const grid = this.ensure(w.sheet, w.layout)
      switch (w.mode) {
        case 'header':
          break
        case 'replace':
          grid.splice(1, grid.length - 1, ...(w.rows ?? []).map((r) => pad(r, headers.length)))
          break
        case 'append':
          grid.push(...(w.rows ?? []).map((r) => pad(r, headers.length)))
          break
        case 'columns': {
          const header = grid[0] ?? []
          const indices = (w.columns ?? []).map((c) => header.indexOf(c))
          ;(w.rows ?? []).forEach((values, i) => {
            const row = grid[i + 1] ?? pad([], header.length)
            grid[i + 1] = row
            indices.forEach((col, j) => {
              if (col >= 0) row[col] = values[j] ?? ''
            })
          })
          break
        }
      }
      // Header notes as a host keeps them: written with the layout (as the .xlsx host does at every write).
      this.notes.set(w.sheet, new Map(w.layout.columns.map((c) => [c.header, c.note ?? ''])))
      if (w.highlights) this.highlights.set(w.sheet, [...w.highlights])
      if (w.protect === false) this.protections.delete(w.sheet)
      else if (w.protect) this.protections.set(w.sheet, w.protect)
    }
    if (plan.log) {
      const log = this.ensure(SHEET.log, LOG_LAYOUT)
      log.push(logRow(plan.log, this.clock, this.who))
    }
  }

  user(): string {
    return this.who
  }

  now(): string {
    return this.clock
  }

  /** Creates the sheet with its header row when missing; (re)writes the header row. */
  private ensure(name: string, layout: SheetLayout): Grid {
    const headers: Cell[] = layout.columns.map((c) => c.header)
    let grid = this.sheets.get(name)
    if (!grid) {
      grid = [headers]
      this.sheets.set(name, grid)
    } else {
      // As the hosts do: the layout's headers in its columns; headers beyond them (columns appended by an
      // import after the results) stay.
      // A header row that already names every layout column keeps its order (the .xlsx host finds columns
      // by name, so a column staff inserted stays where it is).
      const current = grid[0] ?? []
      if (!headers.every((h) => current.includes(h))) grid[0] = [...headers, ...current.slice(headers.length)]
    }
    return grid
  }

  // ---- test helpers

  /** Header notes per sheet, by header. */
  readonly notes = new Map<string, Map<string, string>>()

  /** Sets a sheet's data rows (header from the existing sheet, or `header` when given). */
  setRows(name: string, rows: Grid, header?: readonly Cell[]): void {
    const head = header ? [...header] : (this.sheets.get(name)?.[0] ?? [])
    this.sheets.set(name, [head, ...rows.map((r) => pad(r, head.length))])
  }

  /** The value under `header` in the row whose 工号 is `id`. */
  cell(name: string, id: string, header: string): Cell | undefined {
    const grid = this.sheets.get(name) ?? []
    const head = grid[0] ?? []
    const idCol = head.indexOf('工号')
    const col = head.indexOf(header)
    const row = grid.slice(1).find((r) => String(r[idCol]) === id)
    return row?.[col]
  }

  /** Writes `value` under `header` in the row whose 工号 is `id`. */
  setCell(name: string, id: string, header: string, value: Cell): void {
    const grid = this.sheets.get(name) ?? []
    const head = grid[0] ?? []
    const idCol = head.indexOf('工号')
    const col = head.indexOf(header)
    const row = grid.slice(1).find((r) => String(r[idCol]) === id)
    if (!row || col < 0) throw new Error(`no cell ${name} ${id} ${header}`)
    row[col] = value
  }

  /** Rows as objects keyed by header. */
  records(name: string): Record<string, Cell>[] {
    const [head = [], ...rows] = this.sheets.get(name) ?? []
    return rows.map((r) => Object.fromEntries(head.map((h, i) => [String(h), r[i] ?? ''])))
  }

  /** A deep copy of every sheet except the log, to compare runs. */
  snapshot(): Record<string, Grid> {
    const out: Record<string, Grid> = {}
    for (const [name, grid] of this.sheets) if (name !== SHEET.log) out[name] = grid.map((r) => [...r])
    return out
  }
}

function pad(row: readonly Cell[], width: number): Cell[] {
  const out = [...row]
  while (out.length < width) out.push('')
  return out
}
