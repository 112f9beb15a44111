/**
 * The Workbook over SpreadsheetApp, written to a fixed call budget (Google's Apps Script best practices:
 * batch reads, compute in memory, batch writes). What a close costs depends neither on the team size nor on
 * how many sheets the book holds:
 * - a sheet is found with one `getSheetByName` (null: absent), at most once per action; only `sheetNames()`
 *   (setup, insights) lists every tab (`getSheets` + one `getName` each), and the two share their handles;
 * - each sheet is read with one `getSheetValues(1, 1, -1, -1)`, and the grids read are kept as the rollback
 *   snapshot of the same action (valid because menu.ts reads and applies under one document lock);
 * - a sheet's layout (header, notes, validation, formats, widths, freezes, tab colour) is written only when
 *   the sheet is created or its header row differs from the layout: a correctly laid-out sheet costs nothing;
 * - each written block is one `setValues`; fills cover the cells written and share their range (one
 *   `setBackgrounds`; the undo comes from the plan's previous highlights when it gives them, else one
 *   `getBackgrounds`); protections are not even looked at when the plan knows them (`known`), else touched
 *   only when their editors differ; a strict protection carries no description (one call less); the 日志
 *   row is one `appendRow`;
 * - `reserveRows` grows a sheet ahead (at 新建月度录入表), so a close never has to.
 * Dates are read and written in the spreadsheet's own time zone, never the runtime's. A plan is applied all
 * or nothing: every write has an undo, run in reverse when any write fails; the 日志 row is written last.
 */

import { LOG_LAYOUT } from '../workbook/layouts'
import type {
  Cell,
  ColumnSpec,
  Grid,
  Highlight,
  LogEntry,
  SheetLayout,
  SheetWrite,
  Workbook,
  WritePlan,
} from '../workbook/types'
import { HEADER_FILL, HIGHLIGHT_COLORS, logRow, RESULT_FILL, RESULT_HEADER_FILL } from '../workbook/types'

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet
type Sheet = GoogleAppsScript.Spreadsheet.Sheet
type Range = GoogleAppsScript.Spreadsheet.Range
type Protection = GoogleAppsScript.Spreadsheet.Protection
type Validation = GoogleAppsScript.Spreadsheet.DataValidation

/** The Apps Script services the host needs; the defaults are the globals Apps Script provides. */
export interface GasServices {
  readonly app: GoogleAppsScript.Spreadsheet.SpreadsheetApp
  readonly spreadsheet: Spreadsheet
  readonly utilities: GoogleAppsScript.Utilities.Utilities
  readonly session: GoogleAppsScript.Base.Session
}

export function gasServices(): GasServices {
  return {
    app: SpreadsheetApp,
    spreadsheet: SpreadsheetApp.getActive(),
    utilities: Utilities,
    session: Session,
  }
}

/** A write failed and was rolled back; `message` is Chinese and meant for the user. */
export class ApplyError extends Error {
  override readonly name = 'ApplyError'
}

export const LOG_SHEET = LOG_LAYOUT.name
/** 时间, 操作人, 操作, 期间, 结果, 输入摘要, 校验码 (§9, §16). */
export const LOG_HEADERS: readonly string[] = LOG_LAYOUT.columns.map((c) => c.header)

/** Plans writing more sheets than this report progress per sheet (each report is a toast). Setup does; a close
 * (at most 4 sheets: its result sheet, 预警, 补休, 月度结果汇总) writes them at once. */
export const PROGRESS_MIN_WRITES = 5

/** Rows added at a time when a sheet is full, so growth (and formatting the new rows) stays rare. */
export const GROW_ROWS = 500

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/
/** Text a spreadsheet would evaluate (formula, sign, mention) unless quoted. */
const FORMULA_LIKE = /^[=+\-@]/

/** Cross-realm Date test: values may come from another realm (a test double). */
function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]'
}

function numberFormat(c: ColumnSpec): string {
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

const isTextColumn = (c: ColumnSpec | undefined): boolean => !c || c.type === 'text' || c.type === 'enum'

/** Column width in characters → pixels (CJK headers are about 12 px a character). */
const pixels = (chars: number): number => Math.round(chars * 12 + 16)

function padRow<T>(row: readonly T[] | undefined, width: number, blank: T): T[] {
  const out: T[] = []
  for (let i = 0; i < width; i++) out.push(row?.[i] ?? blank)
  return out
}

/** The header cells a correctly laid-out sheet has in row 1. */
function headerMatches(row: readonly unknown[] | undefined, layout: SheetLayout): boolean {
  return layout.columns.every((c, i) => {
    const v = row?.[i]
    return typeof v === 'string' && v === c.header
  })
}

/** A value read back for restoring: strings that would be re-parsed are quoted so they come back as text. */
function keepAsTyped(v: unknown): unknown {
  if (typeof v === 'string' && v !== '') return `'${v}`
  return v
}

/** Consecutive runs of indexes: [1, 2, 3, 7] → [[1, 3], [7, 7]]. */
function runs(indexes: readonly number[]): [number, number][] {
  const sorted = [...new Set(indexes)].sort((a, b) => a - b)
  const out: [number, number][] = []
  for (const i of sorted) {
    const last = out[out.length - 1]
    if (last && last[1] === i - 1) last[1] = i
    else out.push([i, i])
  }
  return out
}

/**
 * What this action knows about one sheet: its handle, the raw values of its used range (rows 1..rows,
 * columns 1..columns, as getValues returns them) and lower bounds of its grid size (exact once asked).
 */
interface SheetState {
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

interface ProtectionState {
  readonly description: string
  readonly editors: readonly string[]
}

/** Fills to write once every value is in place (one getRange reused when the values range is the same). */
interface FillStep {
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

interface ProtectStep {
  readonly state: SheetState
  readonly created: boolean
  readonly spec: SheetWrite['protect']
  /** 1-based columns left as unprotected ranges (SPEC §11: the leaders' columns). */
  readonly editable: readonly number[]
}

/**
 * The fills of `rows` data rows over columns `column` … `column + span − 1`: a highlight fills the row;
 * without one, a result column of a shading layout keeps its light fill (SPEC §16), others are white.
 */
function rowColors(
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
 * What a layout looks like beyond values (SPEC §16), set with the layout: header fills (result columns
 * their own colour on sheets that shade results), explaining columns wrapped. Print setup is not in the
 * Apps Script API: the frozen header row and 工号/姓名 columns repeat on every printed page (File → Print
 * offers it), the rest is chosen in the print dialog (see 部署.md).
 */
function styleLayout(sheet: Sheet, layout: SheetLayout, maxRows: number): void {
  const columns = layout.columns
  sheet
    .getRange(1, 1, 1, columns.length)
    .setBackgrounds([
      columns.map((c) => (layout.shadeResults && c.result ? RESULT_HEADER_FILL : HEADER_FILL)),
    ])
  forRuns(
    columns,
    (c) => c.wrap === true,
    (from, count) => {
      sheet.getRange(1, from, maxRows, count).setWrap(true)
    },
  )
  // Result cells carry their light fill from the start, so a close's undo restores exactly that.
  if (layout.shadeResults && maxRows > 1)
    forRuns(
      columns,
      (c) => c.result === true,
      (from, count) => {
        sheet.getRange(2, from, maxRows - 1, count).setBackground(RESULT_FILL)
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

/** The layout positions (1-based) of a protection's editable columns: this host writes layouts in order. */
function editableColumnsOf(w: SheetWrite): number[] {
  const headers = w.protect ? (w.protect.editableColumns ?? []) : []
  return headers.flatMap((h) => {
    const i = w.layout.columns.findIndex((c) => c.header === h)
    return i < 0 ? [] : [i + 1]
  })
}

type Undo = (() => void)[]

export class SpreadsheetWorkbook implements Workbook {
  private zone: string | null = null
  private actor: string | null = null
  private readonly dateText = new Map<number, string>()
  private readonly dateValue = new Map<string, Date>()
  /** Tab name → sheet (null: looked up and absent), each looked up at most once per action. */
  private readonly handles = new Map<string, Sheet | null>()
  /** Every tab's name in tab order, once `sheetNames()` has listed them. */
  private order: string[] | null = null
  /** Sheets read in this action, by name; apply drops the ones it wrote (all of them after a rollback). */
  private readonly known = new Map<string, SheetState>()

  constructor(private readonly gas: GasServices = gasServices()) {}

  get timeZone(): string {
    if (this.zone === null) this.zone = this.gas.spreadsheet.getSpreadsheetTimeZone()
    return this.zone
  }

  /** Every tab (one `getSheets` and one `getName` per tab, once per action): for setup and insights only. */
  sheetNames(): string[] {
    if (!this.order) {
      const order: string[] = []
      for (const sheet of this.gas.spreadsheet.getSheets()) {
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

  /**
   * One getSheetByName per sheet asked for (absent sheets are left out) and one getSheetValues per sheet
   * found, each at most once per action (a sheet written by apply is read afresh).
   */
  read(names: readonly string[]): Map<string, Grid> {
    const out = new Map<string, Grid>()
    for (const name of names) {
      const sheet = this.handle(name)
      if (!sheet) continue
      const state = this.stateOf(name, sheet)
      out.set(
        name,
        state.values.map((row) => row.map((v) => this.fromSheet(v))),
      )
    }
    return out
  }

  user(): string {
    if (this.actor === null) {
      // getActiveUser needs the userinfo.email scope (appsscript.json); a domain policy may still hide the
      // address, and a missing grant must not stop a close: the 日志 then says 未知用户.
      const email = (user: () => GoogleAppsScript.Base.User): string => {
        try {
          return user().getEmail()
        } catch (e) {
          console.error('读取操作人邮箱失败', e)
          return ''
        }
      }
      this.actor =
        email(() => this.gas.session.getActiveUser()) ||
        email(() => this.gas.session.getEffectiveUser()) ||
        '未知用户'
    }
    return this.actor
  }

  now(): string {
    return this.gas.utilities.formatDate(new Date(), this.timeZone, 'yyyy-MM-dd HH:mm:ss')
  }

  /**
   * Writes the plan: every sheet's values in plan order, then protections, then fills, then the 日志 row
   * (last, so a logged close is a complete one). Any failure runs the undos in reverse and throws ApplyError.
   */
  apply(plan: WritePlan, progress?: (step: string, done: number, total: number) => void): void {
    const undo: Undo = []
    const fills: FillStep[] = []
    const protections: ProtectStep[] = []
    let current = ''
    // Long plans (setup creates every sheet) say which sheet they are on; a close writes a few ranges at once.
    const steps = plan.writes.length > PROGRESS_MIN_WRITES ? plan.writes.length : 0
    try {
      plan.writes.forEach((w, i) => {
        current = w.sheet
        if (steps > 0) progress?.(`正在写入“${w.sheet}”`, i, steps)
        this.applyWrite(w, undo, fills, protections)
      })
      for (const p of protections) {
        current = p.state.name
        this.protect(p, undo)
      }
      for (const f of fills) {
        current = f.state.name
        this.fill(f, undo)
      }
      if (plan.log) {
        current = LOG_SHEET
        this.appendLog(plan.log, undo)
      }
    } catch (error) {
      console.error('apply failed; rolling back', error)
      const restored = this.rollback(undo)
      // After a rollback nothing read before can be trusted: the next read starts afresh.
      this.known.clear()
      this.handles.clear()
      this.order = null
      const reason = messageOf(error)
      throw new ApplyError(
        restored
          ? `写入“${current}”时出错，已撤销本次全部更改，工作簿保持原样。原因：${reason}`
          : `写入“${current}”时出错，撤销更改时也遇到问题，请检查工作簿或从版本历史恢复。原因：${reason}`,
      )
    }
    // The sheets written are stale as read; the others (and the handles, kept up to date) stay valid for a
    // read that follows in the same action (e.g. 看板 refreshed after a close).
    for (const w of plan.writes) this.known.delete(w.sheet)
    if (plan.log) this.known.delete(LOG_SHEET)
  }

  // ------------------------------------------------------------------ finding and reading sheets

  /** The sheet named `name`, or null: one getSheetByName the first time it is asked for in this action. */
  private handle(name: string): Sheet | null {
    const known = this.handles.get(name)
    if (known !== undefined) return known
    if (this.order) return null // every tab is listed: not among them
    const sheet = this.gas.spreadsheet.getSheetByName(name)
    this.handles.set(name, sheet)
    return sheet
  }

  /** Records a sheet inserted (or, with null, deleted) by this action. */
  private track(name: string, sheet: Sheet | null): void {
    this.handles.set(name, sheet)
    if (!this.order) return
    if (sheet && !this.order.includes(name)) this.order.push(name)
    if (!sheet) this.order = this.order.filter((n) => n !== name)
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

  private stateOf(name: string, sheet: Sheet): SheetState {
    return this.known.get(name) ?? this.load(name, sheet)
  }

  /** The raw value of a cell this action read ('' beyond the used range). */
  private static before(state: SheetState, row: number, column: number): unknown {
    return state.values[row - 1]?.[column - 1] ?? ''
  }

  // ------------------------------------------------------------------ values in and out

  private fromSheet(v: unknown): Cell {
    if (v === null || v === undefined) return ''
    if (isDate(v)) {
      const t = v.getTime()
      let text = this.dateText.get(t)
      if (text === undefined) {
        text = this.gas.utilities.formatDate(v, this.timeZone, 'yyyy-MM-dd')
        this.dateText.set(t, text)
      }
      return text
    }
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v
    return String(v)
  }

  /** Midnight of `date` in the spreadsheet's time zone. */
  private dateAt(date: string): Date {
    let d = this.dateValue.get(date)
    if (!d) {
      d = this.gas.utilities.parseDate(date, this.timeZone, 'yyyy-MM-dd')
      this.dateValue.set(date, d)
    }
    return d
  }

  /** A workflow's cell as the value to give setValues: strings stay text, ISO dates in date columns become dates. */
  private toSheet(v: Cell, column: ColumnSpec | undefined): unknown {
    if (typeof v !== 'string' || v === '') return v
    if (column?.type === 'date' && ISO_DATE.test(v)) return this.dateAt(v)
    // Plain-text ('@') columns keep any string as typed except a leading = + - @; elsewhere every string is quoted.
    if (isTextColumn(column)) return FORMULA_LIKE.test(v) ? `'${v}` : v
    return `'${v}`
  }

  /** The values a block held before this action, ready to be written back by an undo. */
  private snapshot(
    state: SheetState,
    row: number,
    column: number,
    rows: number,
    columns: number,
  ): unknown[][] {
    const out: unknown[][] = []
    for (let r = 0; r < rows; r++) {
      const line: unknown[] = []
      for (let c = 0; c < columns; c++)
        line.push(keepAsTyped(SpreadsheetWorkbook.before(state, row + r, column + c)))
      out.push(line)
    }
    return out
  }

  // ------------------------------------------------------------------ one sheet

  private applyWrite(w: SheetWrite, undo: Undo, fills: FillStep[], protections: ProtectStep[]): void {
    const layout = w.layout
    const columns = layout.columns
    const width = columns.length
    const { state, created } = this.sheetFor(w.sheet, undo)
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
      this.ensureSize(state, Math.max(needRows, 2, reserve), width, null, undo)
      this.exactSize(state)
      this.writeLayout(state, layout, created, undo)
    } else if (w.reserveRows !== undefined) this.ensureSize(state, reserve, width, layout, undo)

    // The blocks written (first column, width, range): a fill covers the same cells, one range for both.
    const blocks: { column: number; span: number; range: Range | null }[] = []
    if (w.mode === 'replace' && dataRows > 0) {
      const range = this.rangeAt(state, 2, 1, dataRows, width, layout, undo)
      if (!created) {
        const before = this.snapshot(state, 2, 1, dataRows, width)
        undo.push(() => range.setValues(before))
      }
      const values: unknown[][] = []
      for (let r = 0; r < dataRows; r++)
        values.push(padRow<Cell>(rows[r], width, '').map((v, c) => this.toSheet(v, columns[c])))
      range.setValues(values)
      blocks.push({ column: 1, span: width, range })
      state.rows = Math.max(state.rows, 1 + dataRows)
    } else if (w.mode === 'columns' && dataRows > 0) {
      blocks.push(...this.writeColumns(state, w, dataRows, created, undo))
    } else if (w.mode === 'append' && rows.length > 0) {
      const range = this.rangeAt(state, appendAt, 1, rows.length, width, layout, undo)
      undo.push(() => range.clearContent())
      range.setValues(
        rows.map((row) => padRow<Cell>(row, width, '').map((v, c) => this.toSheet(v, columns[c]))),
      )
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

  /** The sheet of a write: known, found by name, or inserted (undo: deleted). */
  private sheetFor(name: string, undo: Undo): { state: SheetState; created: boolean } {
    const sheet = this.handle(name)
    if (sheet) return { state: this.stateOf(name, sheet), created: false }
    const ss = this.gas.spreadsheet
    const made = ss.insertSheet(name)
    this.track(name, made)
    undo.push(() => {
      this.track(name, null)
      ss.deleteSheet(made)
    })
    const state: SheetState = {
      name,
      sheet: made,
      values: [],
      rows: 0,
      columns: 0,
      maxRows: made.getMaxRows(),
      maxRowsExact: true,
      maxColumns: made.getMaxColumns(),
      maxColumnsExact: true,
    }
    this.known.set(name, state)
    return { state, created: true }
  }

  /** Asks the sheet for its exact size (needed when a whole layout is written over every row). */
  private exactSize(state: SheetState): void {
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
  private ensureSize(
    state: SheetState,
    rows: number,
    columns: number,
    layout: SheetLayout | null,
    undo: Undo,
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
      undo.push(() => sheet.deleteRows(after + 1, add))
      state.maxRows = after + add
      if (layout) this.formatRows(state, layout, after + 1, add)
    }
    if (columns > state.maxColumns && !state.maxColumnsExact) {
      state.maxColumns = sheet.getMaxColumns()
      state.maxColumnsExact = true
    }
    if (columns > state.maxColumns) {
      const after = state.maxColumns
      sheet.insertColumnsAfter(after, columns - after)
      undo.push(() => sheet.deleteColumns(after + 1, columns - after))
      state.maxColumns = columns
    }
  }

  /**
   * A range inside the grid. Beyond what this action knows of the grid size, getRange is tried first (the
   * grid is usually big enough) and the sheet is grown only when getRange says the range lies outside it.
   */
  private rangeAt(
    state: SheetState,
    row: number,
    column: number,
    rows: number,
    columns: number,
    layout: SheetLayout,
    undo: Undo,
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
      this.ensureSize(state, lastRow, lastColumn, layout, undo)
    }
    return state.sheet.getRange(row, column, rows, columns)
  }

  private writeLayout(state: SheetState, layout: SheetLayout, created: boolean, undo: Undo): void {
    const sheet = state.sheet
    const columns = layout.columns
    const width = columns.length
    if (width === 0) return
    const maxRows = state.maxRows
    // Formats first: plain-text columns must be '@' before text like `2026-05` lands in them.
    const formats: string[][] = [columns.map(() => '@')]
    const dataFormats = columns.map(numberFormat)
    for (let r = 2; r <= maxRows; r++) formats.push(dataFormats)
    sheet.getRange(1, 1, maxRows, width).setNumberFormats(formats)

    const header = sheet.getRange(1, 1, 1, width)
    if (!created) {
      const before = this.snapshot(state, 1, 1, 1, width)
      undo.push(() => header.setValues(before))
    }
    header.setValues([columns.map((c) => (FORMULA_LIKE.test(c.header) ? `'${c.header}` : c.header))])
    state.rows = Math.max(state.rows, 1)
    header.setFontWeight('bold')
    const notes = columns.map((c) => c.note ?? '')
    if (!created || notes.some((n) => n !== '')) header.setNotes([notes])
    this.validate(state, layout, 2, maxRows - 1)
    sheet.setFrozenRows(1)
    if (layout.frozenColumns !== undefined) sheet.setFrozenColumns(layout.frozenColumns)
    // One call per run of equal widths.
    let start = 0
    while (start < width) {
      const w = columns[start]?.width
      let end = start + 1
      while (end < width && columns[end]?.width === w) end++
      if (w !== undefined) sheet.setColumnWidths(start + 1, end - start, pixels(w))
      start = end
    }
    if (layout.tabColor) sheet.setTabColor(layout.tabColor)
    styleLayout(sheet, layout, maxRows)
  }

  /** Formats and validation for rows added to a sheet that already has its layout. */
  private formatRows(state: SheetState, layout: SheetLayout, from: number, count: number): void {
    const dataFormats = layout.columns.map(numberFormat)
    if (dataFormats.length === 0) return
    state.sheet
      .getRange(from, 1, count, dataFormats.length)
      .setNumberFormats(Array.from({ length: count }, () => dataFormats))
    this.validate(state, layout, from, count)
  }

  /** One setDataValidations over `count` rows from `from` (nothing when no column takes input). */
  private validate(state: SheetState, layout: SheetLayout, from: number, count: number): void {
    if (count < 1) return
    const rules = layout.columns.map((c) => this.validation(c))
    if (!rules.some((r) => r !== null)) return
    const grid: (Validation | null)[][] = []
    for (let r = 0; r < count; r++) grid.push(rules)
    state.sheet.getRange(from, 1, count, rules.length).setDataValidations(grid as Validation[][])
  }

  /** A column's rule, built with the fewest builder calls (allowInvalid defaults to true; no empty help). */
  private validation(c: ColumnSpec): Validation | null {
    if (c.result) return null
    const help = c.note ?? ''
    const finish = (b: GoogleAppsScript.Spreadsheet.DataValidationBuilder, strict: boolean): Validation => {
      let out = b
      if (strict) out = out.setAllowInvalid(false)
      if (help !== '') out = out.setHelpText(help)
      return out.build()
    }
    const builder = () => this.gas.app.newDataValidation()
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

  /**
   * 'columns' mode: only the named columns are written, rows 2.. in order, one setValues per run of
   * adjacent columns (so an input column between two result columns is never rewritten).
   */
  private writeColumns(
    state: SheetState,
    w: SheetWrite,
    dataRows: number,
    created: boolean,
    undo: Undo,
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
      const range = this.rangeAt(state, 2, first + 1, dataRows, span, w.layout, undo)
      if (!created) {
        const before = this.snapshot(state, 2, first + 1, dataRows, span)
        undo.push(() => range.setValues(before))
      }
      const block: unknown[][] = []
      for (let r = 0; r < dataRows; r++) {
        const line: unknown[] = []
        for (let col = first; col <= last; col++) {
          // The last of the names wins when a column is named twice.
          const j = indexes.lastIndexOf(col)
          line.push(this.toSheet(rows[r]?.[j] ?? '', w.layout.columns[col]))
        }
        block.push(line)
      }
      range.setValues(block)
      written.push({ column: first + 1, span, range })
    }
    state.rows = Math.max(state.rows, 1 + dataRows)
    return written
  }

  private fill(f: FillStep, undo: Undo): void {
    const range = f.range ?? f.state.sheet.getRange(2, f.column, f.rows, f.width)
    if (!f.created) {
      const before = f.before ?? range.getBackgrounds()
      undo.push(() => range.setBackgrounds(before))
    }
    range.setBackgrounds(f.colors)
  }

  // ------------------------------------------------------------------ protection

  /**
   * Protects a sheet for `spec.editors` (plus the acting user), or removes its protection (`false`). When
   * the plan knows the protection is already right (`known: 'same'`) nothing is called; when it knows there
   * is none (`known: 'none'`) it is not looked for. Otherwise an existing protection with the same editors
   * is left alone (two reads). A new strict protection is protect, getEditors, (removeEditors, addEditors,)
   * canDomainEdit, setDomainEdit; a warning-only one (record sheets) protect, setDescription, setWarningOnly.
   */
  private protect(step: ProtectStep, undo: Undo): void {
    const { state, spec } = step
    const sheet = state.sheet
    if (spec && spec.known === 'same' && !step.created) return
    const look = !step.created && !(spec && spec.known === 'none')
    const existing = look ? sheet.getProtections(this.gas.app.ProtectionType.SHEET) : []
    if (spec === false) {
      if (existing.length === 0) return
      const states: ProtectionState[] = existing.map((p) => ({
        description: p.getDescription(),
        editors: emails(p.getEditors()),
      }))
      for (const p of existing) p.remove()
      undo.push(() => {
        for (const s of states) this.restoreProtection(sheet.protect(), s)
      })
      return
    }
    if (!spec) return
    if (spec.warningOnly) {
      const found = existing[0]
      if (found) {
        const description = found.getDescription()
        if (description === spec.description) return
        undo.push(() => found.setDescription(description))
        found.setDescription(spec.description)
        return
      }
      const p = sheet.protect()
      undo.push(() => p.remove())
      p.setDescription(spec.description)
      p.setWarningOnly(true)
      return
    }
    const me = this.user()
    const wanted = spec.editors.filter((e) => e !== '')
    const found = existing[0]
    if (found) {
      const editors = emails(found.getEditors())
      const extra = editors.filter((e) => e !== me && !wanted.includes(e))
      const missing = wanted.filter((e) => !editors.includes(e))
      if (extra.length === 0 && missing.length === 0) {
        this.leaveEditable(found, step, true)
        return
      }
      const before: ProtectionState = { description: found.getDescription(), editors }
      undo.push(() => this.restoreProtection(found, before))
      if (extra.length > 0) found.removeEditors(extra)
      if (missing.length > 0) found.addEditors(missing)
      if (found.canDomainEdit()) found.setDomainEdit(false)
      this.leaveEditable(found, step, true)
      return
    }
    // A new protection mirrors the spreadsheet's editors until changed: keep only me and the admins. It
    // carries no description (Sheets lists it under the sheet's name, which says what it is): one call less.
    const p = sheet.protect()
    undo.push(() => p.remove())
    const current = emails(p.getEditors())
    const extra = current.filter((e) => e !== me && !wanted.includes(e))
    if (extra.length > 0) p.removeEditors(extra)
    const missing = wanted.filter((e) => !current.includes(e))
    if (missing.length > 0) p.addEditors(missing)
    if (p.canDomainEdit()) p.setDomainEdit(false)
    this.leaveEditable(p, step, false)
  }

  /**
   * SPEC §11: the leaders' columns (data rows to the sheet's last row) as unprotected ranges of the sheet's
   * protection, so 最终档次 and 领导评价 can be typed after the close. A protection found already carrying
   * them is left alone (one read); a new one is given them (one getRange per column, one set).
   */
  private leaveEditable(p: Protection, step: ProtectStep, found: boolean): void {
    if (step.editable.length === 0) return
    if (found && p.getUnprotectedRanges().length >= step.editable.length) return
    const rows = Math.max(step.state.maxRows - 1, 1)
    p.setUnprotectedRanges(step.editable.map((c) => step.state.sheet.getRange(2, c, rows, 1)))
  }

  private restoreProtection(p: Protection, s: ProtectionState): void {
    p.setDescription(s.description)
    const now = emails(p.getEditors())
    const extra = now.filter((e) => !s.editors.includes(e))
    if (extra.length > 0) p.removeEditors(extra)
    if (s.editors.length > 0) p.addEditors([...s.editors])
  }

  // ------------------------------------------------------------------ 日志

  /**
   * One `appendRow` after the last row (it needs no read of the 日志 and no range); when the sheet is
   * missing it is created with its layout first. The row's cells are given as for setValues (text stays
   * text). The 日志 row is the plan's last write, so its undo never has to run after it succeeded.
   */
  private appendLog(entry: LogEntry, undo: Undo): void {
    const width = LOG_LAYOUT.columns.length
    const cells = logRow(entry, this.now(), this.user())
    const values = cells.map((v, c) => this.toSheet(v, LOG_LAYOUT.columns[c]))
    const existing = this.handle(LOG_SHEET)
    if (existing) {
      existing.appendRow(values)
      undo.push(() => existing.getRange(existing.getLastRow(), 1, 1, width).clearContent())
      return
    }
    this.applyWrite({ sheet: LOG_SHEET, layout: LOG_LAYOUT, mode: 'header' }, undo, [], [])
    const state = this.known.get(LOG_SHEET)
    if (!state) throw new Error(`无法创建“${LOG_SHEET}”表`)
    const row = Math.max(state.rows, 1) + 1
    const range = this.rangeAt(state, row, 1, 1, width, LOG_LAYOUT, undo)
    undo.push(() => range.clearContent())
    range.setValues([values])
    state.rows = row
  }

  private rollback(undo: Undo): boolean {
    let ok = true
    for (let i = undo.length - 1; i >= 0; i--) {
      try {
        undo[i]?.()
      } catch (e) {
        ok = false
        console.error('rollback step failed', e)
      }
    }
    return ok
  }
}

function emails(users: readonly GoogleAppsScript.Base.User[]): string[] {
  return users.map((u) => u.getEmail())
}

/** The message of anything thrown (errors may come from another realm, e.g. a service). */
export function messageOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error) return String(error.message)
  return String(error)
}

/** The Workbook of the active spreadsheet. */
export function activeWorkbook(): SpreadsheetWorkbook {
  return new SpreadsheetWorkbook()
}
