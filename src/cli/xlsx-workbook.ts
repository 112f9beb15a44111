/**
 * The Workbook interface over an .xlsx file held fully in memory (exceljs): load once (async), read and
 * apply synchronously, save once (async, atomically — see file.ts). Same sheets, headers, dropdowns, notes,
 * fills and protections as the Google Sheets host, so a workbook can move between the two.
 */

import os from 'node:os'
import ExcelJS from 'exceljs'
import { isLocalDate } from '../core/dates'
import { NO_RESULT } from '../core/parse'
import { LOG_LAYOUT } from '../workbook/layouts'
import type { HostNaming } from '../workbook/naming'
import { printSetupOf } from '../workbook/print'
import {
  type Cell,
  type ColumnSpec,
  type Grid,
  HEADER_FILL,
  HIGHLIGHT_COLORS,
  type Highlight,
  logRow,
  RESULT_FILL,
  RESULT_HEADER_FILL,
  type SheetLayout,
  type SheetWrite,
  type Workbook,
  type WritePlan,
} from '../workbook/types'

/** A font that shows Chinese in Excel and WPS on Windows; macOS and LibreOffice substitute a CJK font. */
export const CJK_FONT = 'Microsoft YaHei'
const FONT_SIZE = 10
const DATE_FORMAT = 'yyyy-mm-dd'
/** Dropdowns and number checks reach this many rows below the data (new rows typed by staff get them too). */
const VALIDATION_SPARE_ROWS = 300
const VALIDATION_MIN_ROWS = 500

export interface XlsxOptions {
  /** IANA zone for `now()`; dates in cells are calendar dates and need none. Default Asia/Shanghai. */
  readonly timeZone?: string
  /** Who is acting, for 日志; default the OS user. */
  readonly user?: string
  /** The clock, for reproducible logs (the demo); default the system clock. */
  readonly clock?: () => Date
  /** How messages name the actions to take (the commands of this host); default the menu's. */
  readonly naming?: HostNaming
}

type Style = Partial<ExcelJS.Style>

export class XlsxWorkbook implements Workbook {
  readonly timeZone: string
  readonly naming?: HostNaming
  private readonly userName: string
  private readonly clock: () => Date

  constructor(
    readonly book: ExcelJS.Workbook,
    options: XlsxOptions = {},
  ) {
    this.timeZone = options.timeZone ?? 'Asia/Shanghai'
    this.userName = options.user ?? osUser()
    this.clock = options.clock ?? (() => new Date())
    if (options.naming) this.naming = options.naming
  }

  sheetNames(): string[] {
    return this.book.worksheets.map((ws) => ws.name)
  }

  read(names: readonly string[]): Map<string, Grid> {
    const out = new Map<string, Grid>()
    for (const name of names) {
      const ws = this.book.getWorksheet(name)
      if (ws) out.set(name, readGrid(ws))
    }
    return out
  }

  apply(plan: WritePlan, progress?: (step: string, done: number, total: number) => void): void {
    const total = plan.writes.length + (plan.log ? 1 : 0)
    plan.writes.forEach((write, i) => {
      progress?.(`写入“${write.sheet}”`, i, total)
      applyWrite(this.book, write)
    })
    if (plan.log) {
      progress?.(`记录“${LOG_LAYOUT.name}”`, plan.writes.length, total)
      applyWrite(this.book, {
        sheet: LOG_LAYOUT.name,
        layout: LOG_LAYOUT,
        mode: 'append',
        rows: [logRow(plan.log, this.now(), this.user())],
      })
    }
    progress?.('完成', total, total)
  }

  user(): string {
    return this.userName
  }

  now(): string {
    return formatDateTime(this.clock(), this.timeZone)
  }
}

function osUser(): string {
  try {
    return os.userInfo().username
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? '未知用户'
  }
}

/** `YYYY-MM-DD HH:mm:ss` of an instant in a time zone. */
export function formatDateTime(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant)
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '00'
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`
}

// ---------------------------------------------------------------------------------------------------
// Reading: every cell normalised to string | number | boolean, '' for empty (see types.ts).

/** A cell value as workflows see it: dates become calendar dates, formulas their cached result. */
export function normaliseValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value
  // exceljs gives date cells as Dates at UTC midnight of the serial: the UTC fields are the calendar date.
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : utcLocalDate(value)
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('')
    // An error value stays what it is (#REF!…), and a formula that was never computed is said so (SPEC §2):
    // the readers report both by name, never as blank or 0 (core/parse.ts cellError).
    if ('error' in value) return String((value as { error: unknown }).error)
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as { result?: unknown }).result
      if (result === undefined || result === null) return NO_RESULT
      return normaliseValue(isCellValue(result) ? result : null)
    }
    if ('hyperlink' in value) {
      const text = (value as { text?: unknown }).text
      return normaliseValue(isCellValue(text) ? text : null)
    }
  }
  return ''
}

function isCellValue(v: unknown): v is ExcelJS.CellValue {
  return v === null || ['string', 'number', 'boolean', 'object'].includes(typeof v)
}

export function utcLocalDate(d: Date): string {
  const y = String(d.getUTCFullYear()).padStart(4, '0')
  const m = String(d.getUTCMonth() + 1).padStart(2, '0')
  const day = String(d.getUTCDate()).padStart(2, '0')
  return `${y}-${m}-${day}`
}

/** The used range, header row first, rectangular, without trailing empty rows and columns. */
export function readGrid(ws: ExcelJS.Worksheet): Grid {
  const rows: Cell[][] = []
  let width = 0
  ws.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: Cell[] = []
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      cells[col - 1] = normaliseValue(cell.value)
    })
    rows[rowNumber - 1] = cells
  })
  let height = 0
  for (let r = 0; r < rows.length; r++) {
    const cells = rows[r] ?? []
    for (let c = cells.length - 1; c >= 0; c--) {
      if (cells[c] !== undefined && cells[c] !== '') {
        width = Math.max(width, c + 1)
        height = r + 1
        break
      }
    }
  }
  const grid: Grid = []
  for (let r = 0; r < height; r++) {
    const cells = rows[r] ?? []
    grid.push(Array.from({ length: width }, (_, c) => cells[c] ?? ''))
  }
  return grid
}

// ---------------------------------------------------------------------------------------------------
// Writing.

function applyWrite(book: ExcelJS.Workbook, write: SheetWrite): void {
  const ws = book.getWorksheet(write.sheet) ?? book.addWorksheet(write.sheet)
  const lastRowBefore = Math.max(lastDataRow(ws), 1) // row 1 is the header, even on a new sheet
  const layout = write.layout
  const positions = columnPositions(ws, layout)
  const specAt = new Map(layout.columns.map((c, i) => [positions[i] ?? 0, c]))
  const rows = write.rows ?? []
  const width = Math.max(ws.columnCount, ...positions)
  let rowsAfter = lastRowBefore
  const writeRow = (rowNumber: number, values: readonly Cell[]) => {
    const row = ws.getRow(rowNumber)
    values.forEach((v, i) => {
      const col = positions[i] ?? i + 1
      setValue(row.getCell(col), v, specAt.get(col))
    })
  }
  switch (write.mode) {
    case 'header':
      break
    case 'replace': {
      clearRows(ws, 2, lastRowBefore, width)
      rows.forEach((values, i) => {
        writeRow(i + 2, values)
      })
      rowsAfter = rows.length + 1
      break
    }
    case 'columns': {
      const targets = (write.columns ?? []).map(
        (h) => positions[layout.columns.findIndex((c) => c.header === h)],
      )
      rows.forEach((values, r) => {
        targets.forEach((col, k) => {
          if (col !== undefined) setValue(ws.getCell(r + 2, col), values[k] ?? '', specAt.get(col))
        })
      })
      rowsAfter = Math.max(lastRowBefore, rows.length + 1)
      break
    }
    case 'append': {
      rows.forEach((values, i) => {
        writeRow(lastRowBefore + 1 + i, values)
      })
      rowsAfter = lastRowBefore + rows.length
      break
    }
  }
  if (write.highlights && (write.mode === 'replace' || write.mode === 'columns')) {
    const shaded = shadedColumns(layout, positions)
    write.highlights.forEach((h, i) => {
      fillRow(ws, i + 2, width, h, shaded)
    })
  }
  ensureLayout(ws, layout, positions, rowsAfter)
  applyPrintSetup(ws, layout, write.printTitle, positions, rowsAfter)
  if (write.protect === false) ws.unprotect()
  else if (write.protect) {
    lockSheet(ws)
    unlockColumns(ws, layout, positions, write.protect.editableColumns ?? [], rowsAfter)
  }
}

/**
 * SPEC §11: the leaders' columns of a protected sheet stay editable in Excel and WPS — their cells (the
 * data rows and as many rows below as the dropdowns reach) are unlocked; everything else stays locked.
 */
function unlockColumns(
  ws: ExcelJS.Worksheet,
  layout: SheetLayout,
  positions: readonly number[],
  headers: readonly string[],
  lastRow: number,
): void {
  const to = Math.max(lastRow + VALIDATION_SPARE_ROWS, VALIDATION_MIN_ROWS)
  for (const header of headers) {
    const col = positions[layout.columns.findIndex((c) => c.header === header)]
    if (col === undefined) continue
    for (let r = 2; r <= to; r++) restyle(ws.getCell(r, col), { protection: { locked: false } })
  }
}

/**
 * Where each layout column sits (1-based): where its header already is — staff may have moved columns,
 * and workflows find columns by header text too — or else in the next free column on the right.
 */
function columnPositions(ws: ExcelJS.Worksheet, layout: SheetLayout): number[] {
  const existing = new Map<string, number>()
  let lastHeader = 0
  ws.getRow(1).eachCell({ includeEmpty: false }, (cell, col) => {
    const text = String(normaliseValue(cell.value)).trim()
    if (text === '') return
    if (!existing.has(text)) existing.set(text, col)
    lastHeader = Math.max(lastHeader, col)
  })
  if (existing.size === 0) return layout.columns.map((_, i) => i + 1)
  let next = lastHeader
  return layout.columns.map((c) => {
    const at = existing.get(c.header)
    if (at !== undefined) return at
    next += 1
    return next
  })
}

function lastDataRow(ws: ExcelJS.Worksheet): number {
  let last = 0
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    let any = false
    row.eachCell({ includeEmpty: false }, (cell) => {
      if (normaliseValue(cell.value) !== '') any = true
    })
    if (any) last = n
  })
  return last
}

function clearRows(ws: ExcelJS.Worksheet, from: number, to: number, width: number): void {
  for (let r = from; r <= to; r++) {
    const row = ws.getRow(r)
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c)
      cell.value = null
      restyle(cell, { fill: noFill() })
    }
  }
}

/** Strings stay strings (never formulas); `YYYY-MM-DD` in a date column becomes a real date cell. */
function setValue(cell: ExcelJS.Cell, value: Cell, spec: ColumnSpec | undefined): void {
  const style: Style = { font: { name: CJK_FONT, size: FONT_SIZE } }
  if (spec?.format) style.numFmt = spec.format
  if (value === '') {
    cell.value = null
  } else if (typeof value === 'string' && spec?.type === 'date' && isLocalDate(value)) {
    cell.value = new Date(`${value}T00:00:00Z`)
    style.numFmt = spec.format ?? DATE_FORMAT
  } else if (typeof value === 'string') {
    // exceljs stores a JS string as a text cell even when it begins with = + - @; it never becomes a formula.
    cell.value = value
  } else {
    cell.value = value
  }
  restyle(cell, style)
}

function noFill(): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'none' }
}

function solidFill(argb: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb }, bgColor: { argb } }
}

function argbOf(hex: string): string {
  return `FF${hex.replace('#', '').toUpperCase()}`
}

/** A highlight fills the whole row; without one, result columns of a shading layout keep their light fill. */
function fillRow(
  ws: ExcelJS.Worksheet,
  rowNumber: number,
  width: number,
  h: Highlight,
  shaded: ReadonlySet<number> = new Set(),
): void {
  const fill = h ? solidFill(argbOf(HIGHLIGHT_COLORS[h])) : noFill()
  const light = solidFill(argbOf(RESULT_FILL))
  const row = ws.getRow(rowNumber)
  for (let c = 1; c <= width; c++) restyle(row.getCell(c), { fill: !h && shaded.has(c) ? light : fill })
}

/** SPEC §16: the columns (1-based) whose cells carry the light result fill. */
function shadedColumns(layout: SheetLayout, positions: readonly number[]): Set<number> {
  if (!layout.shadeResults) return new Set()
  return new Set(layout.columns.flatMap((c, i) => (c.result ? [positions[i] ?? i + 1] : [])))
}

/**
 * SPEC §16: A4, fit to one page wide (as many pages down as needed), the header row and 工号/姓名 repeated
 * on every page, and the write's title (公示) at the top of every page with the page number below.
 */
function applyPrintSetup(
  ws: ExcelJS.Worksheet,
  layout: SheetLayout,
  title: string | undefined,
  positions: readonly number[],
  rows: number,
): void {
  const p = printSetupOf(layout)
  // Only the layout's leading columns print (wherever staff moved them), over the rows written (exceljs
  // cannot read back a whole-column print area; the next write of the sheet moves it with its rows).
  const last = p.columns === undefined ? 0 : Math.max(0, ...positions.slice(0, p.columns))
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9, // A4
    orientation: p.orientation,
    fitToPage: p.fitToWidth,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    printTitlesRow: p.repeatRows > 0 ? `1:${p.repeatRows}` : undefined,
    printTitlesColumn: p.repeatColumns > 0 ? `A:${columnLetterOf(p.repeatColumns)}` : undefined,
    printArea: last > 0 ? absoluteArea(`A1:${columnLetterOf(last)}${Math.max(rows, 1)}`) : undefined,
  } as Partial<ExcelJS.PageSetup> as ExcelJS.PageSetup
  const header = title ?? ws.headerFooter?.oddHeader
  ws.headerFooter = {
    ...ws.headerFooter,
    differentFirst: false,
    differentOddEven: false,
    // The font size code takes the digits after it: a space keeps a title starting with a year whole.
    oddHeader: header ? (title ? `&C&"-,Bold"&14 ${title.replace(/&/g, '&&')}` : header) : `&C&A`,
    oddFooter: '&C第 &P 页，共 &N 页',
  }
}

/**
 * A print area as exceljs should be given it: it writes `$` before each end (`A1:AA19` → `$A1:$AA19`, which
 * LibreOffice ignores), so the rows carry their own (`A$1:AA$19` → `$A$1:$AA$19`). Loading reads it back as
 * `A1:AA19`; every save passes it through here again.
 */
function absoluteArea(area: string): string {
  return area.replace(/\b([A-Z]{1,3})\$?(\d+)\b/g, '$1$$$2')
}

/**
 * Style objects loaded from a file are shared between cells with the same style id, so a style is never
 * mutated in place: each change gives the cell (or column) a fresh object.
 */
function restyle(target: { style: Style }, patch: Style): void {
  target.style = { ...target.style, ...patch }
}

/** Header row, notes, widths, freezes, tab colour, dropdowns and number checks of a layout. */
function ensureLayout(
  ws: ExcelJS.Worksheet,
  layout: SheetLayout,
  positions: readonly number[],
  lastRow: number,
): void {
  const validationTo = Math.max(lastRow + VALIDATION_SPARE_ROWS, VALIDATION_MIN_ROWS)
  const validations = validationsOf(ws)
  const model = validations.model
  const mine = new Set(positions)
  // Drop this layout's old validations (exceljs expands ranges to single cells on load).
  for (const address of Object.keys(model)) {
    const col = /^([A-Z]+)\d+$/.exec(address)?.[1]
    if (col && mine.has(columnNumber(col))) delete model[address]
  }
  layout.columns.forEach((spec, i) => {
    const colNumber = positions[i] ?? i + 1
    const column = ws.getColumn(colNumber)
    column.width = columnWidth(spec)
    const colStyle: Style = { font: { name: CJK_FONT, size: FONT_SIZE } }
    const numFmt = spec.format ?? (spec.type === 'date' ? DATE_FORMAT : undefined)
    if (numFmt) colStyle.numFmt = numFmt
    // SPEC §16: explaining text wraps (cells already written get it too: they were made before this style).
    if (spec.wrap) {
      colStyle.alignment = { wrapText: true, vertical: 'top' }
      for (let r = 2; r <= lastRow; r++)
        restyle(ws.getCell(r, colNumber), { alignment: { wrapText: true, vertical: 'top' } })
    }
    column.style = { ...colStyle }
    const header = ws.getCell(1, colNumber)
    header.value = spec.header
    header.style = {
      font: { name: CJK_FONT, size: FONT_SIZE, bold: true },
      fill: solidFill(argbOf(layout.shadeResults && spec.result ? RESULT_HEADER_FILL : HEADER_FILL)),
      alignment: { vertical: 'middle', horizontal: 'center', wrapText: true },
      border: { bottom: { style: 'thin', color: { argb: 'FF9AA0A6' } } },
    }
    if (spec.note) header.note = spec.note
    else delete (header as unknown as { _comment?: unknown })._comment
    const validation = validationOf(spec)
    if (validation) {
      const letter = columnLetterOf(colNumber)
      validations.add(`${letter}2:${letter}${validationTo}`, validation)
    }
  })
  ws.getRow(1).height = 30
  fitWrappedRows(ws, layout, positions, lastRow)
  ws.views = [{ state: 'frozen', xSplit: layout.frozenColumns ?? 0, ySplit: 1 }]
  if (layout.tabColor) ws.properties.tabColor = { argb: argbOf(layout.tabColor) }
}

/** Points per line of 10-point text, and the most lines a row is grown to. */
const LINE_HEIGHT = 13.5
const MAX_LINES = 12

/**
 * SPEC §16: a wrapped cell reads whole — Excel and LibreOffice keep a row's stored height on open, so rows
 * whose wrapped text needs more lines are given the height those lines take (estimated from the width).
 */
function fitWrappedRows(
  ws: ExcelJS.Worksheet,
  layout: SheetLayout,
  positions: readonly number[],
  lastRow: number,
): void {
  const wrapped = layout.columns.flatMap((c, i) =>
    // Spreadsheet apps set CJK text a little wider than two width units: keep a margin.
    c.wrap ? [{ col: positions[i] ?? i + 1, chars: Math.max(Math.floor(columnWidth(c) * 0.92) - 1, 4) }] : [],
  )
  if (wrapped.length === 0) return
  for (let r = 2; r <= lastRow; r++) {
    const row = ws.getRow(r)
    let lines = 1
    for (const w of wrapped) {
      const text = String(normaliseValue(row.getCell(w.col).value))
      const need = text
        .split('\n')
        .reduce((n, part) => n + Math.max(1, Math.ceil(displayWidth(part) / w.chars)), 0)
      lines = Math.max(lines, text === '' ? 1 : need)
    }
    const height = lines > 1 ? Math.min(lines, MAX_LINES) * LINE_HEIGHT + 2 : undefined
    if (row.height !== height) row.height = height as number
    // A tall row reads from its top line across, not with short cells sitting at the bottom.
    if (height !== undefined)
      row.eachCell((cell) => {
        if (cell.alignment?.vertical !== 'top')
          restyle(cell, { alignment: { ...cell.alignment, vertical: 'top' } })
      })
  }
}

/** exceljs keeps a sheet's validations keyed by address (ranges or single cells); its typings omit it. */
interface SheetValidations {
  model: Record<string, ExcelJS.DataValidation | undefined>
  add(address: string, validation: ExcelJS.DataValidation): void
}

function validationsOf(ws: ExcelJS.Worksheet): SheetValidations {
  return (ws as unknown as { dataValidations: SheetValidations }).dataValidations
}

/**
 * The header wraps onto two lines (row 1 is 30 points high), so a column needs half its header's width,
 * not all of it: long headers such as 中午值班加分次数 no longer push a month sheet to tiny print (§16).
 */
function columnWidth(spec: ColumnSpec): number {
  return Math.max(spec.width ?? 0, Math.ceil(displayWidth(spec.header) / 2) + 3, 8)
}

/** Display width in Excel character units: a CJK character takes two. */
export function displayWidth(text: string): number {
  let w = 0
  for (const ch of text) w += /[\u2e80-\uffff]/.test(ch) ? 2 : 1
  return w
}

function validationOf(spec: ColumnSpec): ExcelJS.DataValidation | null {
  const options = spec.options ?? (spec.type === 'bool' ? ['是', '否'] : undefined)
  if ((spec.type === 'enum' || spec.type === 'bool') && options && options.length > 0) {
    return {
      type: 'list',
      allowBlank: true,
      formulae: [`"${options.join(',')}"`],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: '请从下拉列表中选择',
      error: `“${spec.header}”可选：${options.join('、')}`,
    }
  }
  if (
    (spec.type === 'number' || spec.type === 'integer') &&
    (spec.min !== undefined || spec.max !== undefined)
  ) {
    const type = spec.type === 'integer' ? 'whole' : 'decimal'
    const range =
      spec.min !== undefined && spec.max !== undefined
        ? `${spec.min} 至 ${spec.max} 之间`
        : spec.min !== undefined
          ? `不小于 ${spec.min}`
          : `不大于 ${spec.max}`
    const base = {
      type,
      allowBlank: true,
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: '数值超出范围',
      error: `“${spec.header}”应为${spec.type === 'integer' ? '整数' : '数值'}，${range}`,
    } as const
    if (spec.min !== undefined && spec.max !== undefined)
      return { ...base, operator: 'between', formulae: [spec.min, spec.max] }
    if (spec.min !== undefined) return { ...base, operator: 'greaterThanOrEqual', formulae: [spec.min] }
    return { ...base, operator: 'lessThanOrEqual', formulae: [spec.max] }
  }
  return null
}

/** Password-less protection: Excel and WPS refuse edits until someone chooses 撤销工作表保护 on purpose. */
function lockSheet(ws: ExcelJS.Worksheet): void {
  void ws.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    autoFilter: true,
    sort: false,
  })
}

function columnLetterOf(n: number): string {
  let out = ''
  let x = n
  while (x > 0) {
    const r = (x - 1) % 26
    out = String.fromCharCode(65 + r) + out
    x = Math.floor((x - 1) / 26)
  }
  return out
}

function columnNumber(letters: string): number {
  let n = 0
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64)
  return n
}

/** A new, empty workbook with our metadata. */
export function newXlsxBook(created?: Date): ExcelJS.Workbook {
  const book = new ExcelJS.Workbook()
  book.creator = '12368 热线话务员考核'
  book.lastModifiedBy = '12368 热线话务员考核'
  const when = created ?? new Date()
  book.created = when
  book.modified = when
  return book
}

/** Parses .xlsx bytes (throws exceljs's own error on bad input; file.ts turns it into Chinese). */
export async function parseXlsx(data: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(data as unknown as ArrayBuffer)
  return book
}

export async function xlsxBytes(book: ExcelJS.Workbook): Promise<Buffer> {
  for (const ws of book.worksheets) {
    const area = ws.pageSetup?.printArea
    if (area) ws.pageSetup.printArea = absoluteArea(area)
  }
  const out = await book.xlsx.writeBuffer()
  return Buffer.from(out as ArrayBuffer)
}
