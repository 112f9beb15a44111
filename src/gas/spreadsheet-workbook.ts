/**
 * The Workbook over SpreadsheetApp (Google's Apps Script best practices: one getValues per sheet to read,
 * compute in memory, one batched call per kind per sheet to write). Dates are read and written in the
 * spreadsheet's own time zone, never the runtime's. A plan is applied all or nothing: the ranges it touches
 * are kept before writing and restored when any write fails.
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
import { HIGHLIGHT_COLORS } from '../workbook/types'

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
/** 时间, 操作人, 操作, 期间, 结果, 输入摘要 (§9). */
export const LOG_HEADERS: readonly string[] = LOG_LAYOUT.columns.map((c) => c.header)

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

function padRow(row: readonly Cell[] | undefined, width: number): Cell[] {
  const out: Cell[] = []
  for (let i = 0; i < width; i++) out.push(row?.[i] ?? '')
  return out
}

interface ProtectionState {
  readonly description: string
  readonly editors: readonly string[]
}

export class SpreadsheetWorkbook implements Workbook {
  private zone: string | null = null
  private readonly dateText = new Map<number, string>()
  private readonly dateValue = new Map<string, Date>()

  constructor(private readonly gas: GasServices = gasServices()) {}

  get timeZone(): string {
    if (this.zone === null) this.zone = this.gas.spreadsheet.getSpreadsheetTimeZone()
    return this.zone
  }

  sheetNames(): string[] {
    return this.gas.spreadsheet.getSheets().map((s) => s.getName())
  }

  read(names: readonly string[]): Map<string, Grid> {
    const out = new Map<string, Grid>()
    for (const name of names) {
      const sheet = this.gas.spreadsheet.getSheetByName(name)
      if (!sheet) continue
      const values: unknown[][] = sheet.getDataRange().getValues()
      const grid = values.map((row) => row.map((v) => this.fromSheet(v)))
      const empty = grid.length === 1 && grid[0]?.length === 1 && grid[0][0] === ''
      out.set(name, empty ? [] : grid)
    }
    return out
  }

  user(): string {
    const active = this.gas.session.getActiveUser().getEmail()
    if (active) return active
    return this.gas.session.getEffectiveUser().getEmail() || '未知用户'
  }

  now(): string {
    return this.gas.utilities.formatDate(new Date(), this.timeZone, 'yyyy-MM-dd HH:mm:ss')
  }

  apply(plan: WritePlan, progress?: (step: string, done: number, total: number) => void): void {
    const undo: (() => void)[] = []
    const total = plan.writes.length + (plan.log ? 1 : 0)
    let current = ''
    try {
      plan.writes.forEach((w, i) => {
        current = w.sheet
        progress?.(`正在写入“${w.sheet}”`, i, total)
        this.applyWrite(w, undo)
      })
      if (plan.log) {
        current = LOG_SHEET
        progress?.(`正在记录${LOG_SHEET}`, plan.writes.length, total)
        this.appendLog(plan.log, undo)
      }
    } catch (error) {
      console.error('apply failed; rolling back', error)
      const restored = this.rollback(undo)
      const reason = messageOf(error)
      throw new ApplyError(
        restored
          ? `写入“${current}”时出错，已撤销本次全部更改，工作簿保持原样。原因：${reason}`
          : `写入“${current}”时出错，撤销更改时也遇到问题，请检查工作簿或从版本历史恢复。原因：${reason}`,
      )
    }
  }

  // ------------------------------------------------------------------ reading and writing values

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

  // ------------------------------------------------------------------ one sheet

  private applyWrite(w: SheetWrite, undo: (() => void)[]): void {
    const ss = this.gas.spreadsheet
    const layout = w.layout
    const columns = layout.columns
    const width = columns.length
    let sheet = ss.getSheetByName(w.sheet)
    const created = !sheet
    if (!sheet) {
      const made = ss.insertSheet(w.sheet)
      undo.push(() => ss.deleteSheet(made))
      sheet = made
    }
    const lastRow = created ? 0 : sheet.getLastRow()
    const oldRows = Math.max(0, lastRow - 1)
    const rows = w.rows ?? []
    let dataRows = 0
    if (w.mode === 'replace') dataRows = Math.max(oldRows, rows.length)
    if (w.mode === 'columns') dataRows = rows.length
    const needRows = w.mode === 'append' ? Math.max(lastRow, 1) + rows.length : 1 + dataRows
    const maxRows = this.ensureSize(sheet, needRows, width)

    this.writeLayout(sheet, layout, maxRows, created, undo)

    if (w.mode === 'replace' && dataRows > 0) {
      const range = sheet.getRange(2, 1, dataRows, width)
      if (!created) this.keep(range, undo)
      const values: unknown[][] = []
      for (let r = 0; r < dataRows; r++) {
        const row = padRow(rows[r], width)
        values.push(row.map((v, c) => this.toSheet(v, columns[c])))
      }
      range.setValues(values)
    } else if (w.mode === 'columns' && dataRows > 0) {
      this.writeColumns(sheet, w, dataRows, undo)
    } else if (w.mode === 'append' && rows.length > 0) {
      const range = sheet.getRange(Math.max(lastRow, 1) + 1, 1, rows.length, width)
      undo.push(() => range.clearContent())
      range.setValues(rows.map((row) => padRow(row, width).map((v, c) => this.toSheet(v, columns[c]))))
    }

    if (w.highlights && (w.mode === 'replace' || w.mode === 'columns') && dataRows > 0) {
      const range = sheet.getRange(2, 1, dataRows, width)
      if (!created) {
        const before = range.getBackgrounds()
        undo.push(() => range.setBackgrounds(before))
      }
      const colors: string[][] = []
      for (let r = 0; r < dataRows; r++) {
        const h: Highlight = w.highlights[r] ?? null
        const color = h ? HIGHLIGHT_COLORS[h] : '#ffffff'
        colors.push(Array.from({ length: width }, () => color))
      }
      range.setBackgrounds(colors)
    }

    if (w.protect !== undefined) this.protect(sheet, w.protect, undo)
  }

  /** Makes the grid big enough; returns the number of rows. */
  private ensureSize(sheet: Sheet, rows: number, columns: number): number {
    let maxRows = sheet.getMaxRows()
    if (rows > maxRows) {
      sheet.insertRowsAfter(maxRows, rows - maxRows)
      maxRows = rows
    }
    const maxColumns = sheet.getMaxColumns()
    if (columns > maxColumns) sheet.insertColumnsAfter(maxColumns, columns - maxColumns)
    return maxRows
  }

  /** Keeps a range's values (formulas as formulas) so a failed plan can put them back. */
  private keep(range: Range, undo: (() => void)[]): unknown[][] {
    const values: unknown[][] = range.getValues()
    const formulas = range.getFormulas()
    const before = values.map((row, r) => row.map((v, c) => formulas[r]?.[c] || keepAsTyped(v)))
    undo.push(() => range.setValues(before))
    return before
  }

  private writeLayout(
    sheet: Sheet,
    layout: SheetLayout,
    maxRows: number,
    created: boolean,
    undo: (() => void)[],
  ) {
    const columns = layout.columns
    const width = columns.length
    if (width === 0) return
    // Formats first: plain-text columns must be '@' before text like `2026-05` lands in them.
    const formats: string[][] = [columns.map(() => '@')]
    const dataFormats = columns.map(numberFormat)
    for (let r = 2; r <= maxRows; r++) formats.push(dataFormats)
    sheet.getRange(1, 1, maxRows, width).setNumberFormats(formats)

    const header = sheet.getRange(1, 1, 1, width)
    if (!created) this.keep(header, undo)
    header.setValues([columns.map((c) => (FORMULA_LIKE.test(c.header) ? `'${c.header}` : c.header))])
    header.setFontWeight('bold')
    header.setNotes([columns.map((c) => c.note ?? '')])

    if (maxRows >= 2) {
      const rules = columns.map((c) => this.validation(c))
      if (rules.some((r) => r !== null)) {
        const grid: (Validation | null)[][] = []
        for (let r = 2; r <= maxRows; r++) grid.push(rules)
        sheet.getRange(2, 1, maxRows - 1, width).setDataValidations(grid as Validation[][])
      }
    }
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
  }

  private validation(c: ColumnSpec): Validation | null {
    if (c.result) return null
    const builder = () => this.gas.app.newDataValidation()
    const help = c.note ?? ''
    if (c.type === 'enum' || c.type === 'bool') {
      const options = c.options ?? (c.type === 'bool' ? ['是', '否'] : [])
      if (options.length === 0) return null
      return builder()
        .requireValueInList([...options], true)
        .setAllowInvalid(false)
        .setHelpText(help)
        .build()
    }
    if (c.type === 'date') return builder().requireDate().setAllowInvalid(false).setHelpText(help).build()
    if (c.type === 'number' || c.type === 'integer' || c.type === 'percent') {
      if (c.min !== undefined && c.max !== undefined)
        return builder().requireNumberBetween(c.min, c.max).setAllowInvalid(true).setHelpText(help).build()
      if (c.min !== undefined)
        return builder()
          .requireNumberGreaterThanOrEqualTo(c.min)
          .setAllowInvalid(true)
          .setHelpText(help)
          .build()
      if (c.max !== undefined)
        return builder().requireNumberLessThanOrEqualTo(c.max).setAllowInvalid(true).setHelpText(help).build()
    }
    return null
  }

  /** 'columns' mode: read the column block once, replace the named columns, write it back once. */
  private writeColumns(sheet: Sheet, w: SheetWrite, dataRows: number, undo: (() => void)[]): void {
    const names = w.columns ?? []
    const indexes = names.map((name) => {
      const i = w.layout.columns.findIndex((c) => c.header === name)
      if (i < 0) throw new Error(`“${w.sheet}”没有“${name}”列`)
      return i
    })
    if (indexes.length === 0) return
    const first = Math.min(...indexes)
    const last = Math.max(...indexes)
    const range = sheet.getRange(2, first + 1, dataRows, last - first + 1)
    const block = this.keep(range, undo).map((row) => [...row])
    const rows = w.rows ?? []
    for (let r = 0; r < dataRows; r++) {
      const line = block[r]
      if (!line) continue
      indexes.forEach((col, j) => {
        line[col - first] = this.toSheet(rows[r]?.[j] ?? '', w.layout.columns[col])
      })
    }
    range.setValues(block)
  }

  private protect(sheet: Sheet, spec: SheetWrite['protect'], undo: (() => void)[]): void {
    const type = this.gas.app.ProtectionType.SHEET
    const existing = sheet.getProtections(type)
    const states: ProtectionState[] = existing.map((p) => ({
      description: p.getDescription(),
      editors: p.getEditors().map((u) => u.getEmail()),
    }))
    const restore = (p: Protection, s: ProtectionState) => {
      p.setDescription(s.description)
      const now = p.getEditors().map((u) => u.getEmail())
      const extra = now.filter((e) => !s.editors.includes(e))
      if (extra.length > 0) p.removeEditors(extra)
      p.addEditors([...s.editors])
    }
    if (spec === false) {
      existing.forEach((p) => {
        p.remove()
      })
      if (existing.length > 0)
        undo.push(() => {
          for (const s of states) restore(sheet.protect(), s)
        })
      return
    }
    if (!spec) return
    const p = existing[0] ?? sheet.protect()
    const before = states[0]
    undo.push(() => {
      if (before) restore(p, before)
      else p.remove()
    })
    p.setDescription(spec.description)
    const me = this.user()
    const current = p.getEditors().map((u) => u.getEmail())
    const remove = current.filter((e) => e !== me && !spec.editors.includes(e))
    if (remove.length > 0) p.removeEditors(remove)
    const add = spec.editors.filter((e) => e !== '' && !current.includes(e))
    if (add.length > 0) p.addEditors([...add])
    if (p.canDomainEdit()) p.setDomainEdit(false)
  }

  private appendLog(entry: LogEntry, undo: (() => void)[]): void {
    const ss = this.gas.spreadsheet
    let sheet = ss.getSheetByName(LOG_SHEET)
    if (!sheet) {
      this.applyWrite({ sheet: LOG_SHEET, layout: LOG_LAYOUT, mode: 'header' }, undo)
      sheet = ss.getSheetByName(LOG_SHEET)
      if (!sheet) throw new Error(`无法创建“${LOG_SHEET}”表`)
    }
    const row = Math.max(sheet.getLastRow(), 1) + 1
    this.ensureSize(sheet, row, LOG_HEADERS.length)
    const range = sheet.getRange(row, 1, 1, LOG_HEADERS.length)
    undo.push(() => range.clearContent())
    range.setNumberFormat('@')
    const cells = [this.now(), this.user(), entry.action, entry.period, entry.outcome, entry.digest]
    range.setValues([cells.map((v) => (FORMULA_LIKE.test(v) ? `'${v}` : v))])
  }

  private rollback(undo: readonly (() => void)[]): boolean {
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

/** The message of anything thrown (errors may come from another realm, e.g. a service). */
export function messageOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error) return String(error.message)
  return String(error)
}

/** A value read back for restoring: strings that would be re-parsed are quoted so they come back as text. */
function keepAsTyped(v: unknown): unknown {
  if (typeof v === 'string' && v !== '') return `'${v}`
  return v
}

/** The Workbook of the active spreadsheet. */
export function activeWorkbook(): SpreadsheetWorkbook {
  return new SpreadsheetWorkbook()
}
