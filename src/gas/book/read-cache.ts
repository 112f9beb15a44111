/**
 * What one action knows of the book: each sheet found with one `getSheetByName` (null: absent), at most
 * once; each sheet read with one `getSheetValues(1, 1, -1, -1)`, at most once; only `sheetNames()` lists
 * every tab (`getSheets` + one `getName` each). The grids read are also the rollback snapshot of the same
 * action (valid because the menu reads and applies under one document lock), and the writes of a
 * transaction are folded into them, so a step later in the same transaction (the 看板) reads what the
 * close wrote without asking Sheets again.
 */

import { keepAsTyped } from './values'

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet
type Sheet = GoogleAppsScript.Spreadsheet.Sheet

/**
 * What this action knows about one sheet: its handle, the raw values of its used range (rows 1..rows,
 * columns 1..columns, as getValues returns them) and lower bounds of its grid size (exact once asked).
 */
export interface SheetState {
  readonly name: string
  readonly sheet: Sheet
  values: unknown[][]
  rows: number
  columns: number
  maxRows: number
  maxRowsExact: boolean
  maxColumns: number
  maxColumnsExact: boolean
}

/** The raw value a cell holds after setValues(v) (a leading apostrophe only says "text"). */
function stored(v: unknown): unknown {
  return typeof v === 'string' && v.startsWith("'") ? v.slice(1) : v
}

export class ReadCache {
  /** Tab name → sheet (null: looked up and absent), each looked up at most once per action. */
  private readonly handles = new Map<string, Sheet | null>()
  /** Every tab's name in tab order, once `sheetNames()` has listed them. */
  private order: string[] | null = null
  /** Sheets read in this action, by name. */
  private readonly known = new Map<string, SheetState>()

  constructor(private readonly spreadsheet: Spreadsheet) {}

  /** Every tab (one `getSheets` and one `getName` per tab, once per action): for setup and insights only. */
  sheetNames(): string[] {
    if (!this.order) {
      const order: string[] = []
      for (const sheet of this.spreadsheet.getSheets()) {
        const name = sheet.getName()
        order.push(name)
        this.handles.set(name, sheet)
      }
      // A name looked up before and not listed now is absent.
      for (const name of [...this.handles.keys()]) if (!order.includes(name)) this.handles.set(name, null)
      this.order = order
    }
    return [...this.order]
  }

  /** The sheet named `name`, or null: one getSheetByName the first time it is asked for in this action. */
  handle(name: string): Sheet | null {
    const known = this.handles.get(name)
    if (known !== undefined) return known
    if (this.order) return null // every tab is listed: not among them
    const sheet = this.spreadsheet.getSheetByName(name)
    this.handles.set(name, sheet)
    return sheet
  }

  /** Records a sheet inserted (or, with null, deleted) by this action. */
  track(name: string, sheet: Sheet | null): void {
    this.handles.set(name, sheet)
    if (!sheet) this.known.delete(name)
    if (!this.order) return
    if (sheet && !this.order.includes(name)) this.order.push(name)
    if (!sheet) this.order = this.order.filter((n) => n !== name)
  }

  /** The state of a sheet found by `handle`: read with one call the first time. */
  state(name: string, sheet: Sheet): SheetState {
    return this.known.get(name) ?? this.load(name, sheet)
  }

  /** The state of a sheet this action has just inserted (empty; its size asked, two calls). */
  inserted(name: string, sheet: Sheet): SheetState {
    const state: SheetState = {
      name,
      sheet,
      values: [],
      rows: 0,
      columns: 0,
      maxRows: sheet.getMaxRows(),
      maxRowsExact: true,
      maxColumns: sheet.getMaxColumns(),
      maxColumnsExact: true,
    }
    this.known.set(name, state)
    return state
  }

  /** A sheet this action knows (read or inserted), without reading it. */
  peek(name: string): SheetState | undefined {
    return this.known.get(name)
  }

  /** Forgets what was read of a sheet (the next read asks Sheets again). */
  forget(name: string): void {
    this.known.delete(name)
  }

  /** Forgets everything (after a rollback nothing read before can be trusted). */
  clear(): void {
    this.known.clear()
    this.handles.clear()
    this.order = null
  }

  /** Reads a sheet's used range with one call and remembers it for this action. */
  private load(name: string, sheet: Sheet): SheetState {
    let values: unknown[][]
    try {
      // -1 = up to the last row / column with content (one call instead of getDataRange + getValues).
      values = sheet.getSheetValues(1, 1, -1, -1)
    } catch {
      // An empty sheet has no last row; getDataRange still answers (with one blank cell).
      values = sheet.getDataRange().getValues()
    }
    const columns = values.reduce((w, row) => Math.max(w, row.length), 0)
    const blank = values.length === 1 && columns === 1 && (values[0]?.[0] ?? '') === ''
    const rows = columns === 0 || blank ? 0 : values.length
    const state: SheetState = {
      name,
      sheet,
      values: rows === 0 ? [] : values,
      rows,
      columns: rows === 0 ? 0 : columns,
      maxRows: Math.max(rows, 1),
      maxRowsExact: false,
      maxColumns: Math.max(columns, 1),
      maxColumnsExact: false,
    }
    this.known.set(name, state)
    return state
  }
}

/** The raw value of a cell this action read ('' beyond the used range). */
export function before(state: SheetState, row: number, column: number): unknown {
  return state.values[row - 1]?.[column - 1] ?? ''
}

/** The values a block held before this write, ready to be written back by an undo (text stays text). */
export function snapshot(
  state: SheetState,
  row: number,
  column: number,
  rows: number,
  columns: number,
): unknown[][] {
  const out: unknown[][] = []
  for (let r = 0; r < rows; r++) {
    const line: unknown[] = []
    for (let c = 0; c < columns; c++) line.push(keepAsTyped(before(state, row + r, column + c)))
    out.push(line)
  }
  return out
}

/**
 * Folds a block just written with setValues (or cleared, with '') into what the action knows of the sheet,
 * so later steps of the same transaction read it as Sheets would return it. The grid stays rectangular and
 * ends at its last row and column with content, like a fresh getSheetValues(1, 1, -1, -1).
 */
export function remember(state: SheetState, row: number, column: number, block: readonly unknown[][]): void {
  const values = state.values
  block.forEach((line, r) => {
    const at = row - 1 + r
    while (values.length <= at) values.push([])
    const target = values[at] ?? []
    line.forEach((v, c) => {
      const col = column - 1 + c
      while (target.length <= col) target.push('')
      target[col] = stored(v)
    })
    values[at] = target
  })
  const empty = (v: unknown) => v === '' || v === null || v === undefined
  while (values.length > 0 && (values[values.length - 1] ?? []).every(empty)) values.pop()
  let width = 0
  for (const line of values)
    for (let c = line.length - 1; c >= width; c--)
      if (!empty(line[c])) {
        width = c + 1
        break
      }
  for (let r = 0; r < values.length; r++) {
    const line = values[r] ?? []
    if (line.length > width) line.length = width
    while (line.length < width) line.push('')
    values[r] = line
  }
}
