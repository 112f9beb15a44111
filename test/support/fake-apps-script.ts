/**
 * An in-memory test double of the Apps Script services the Sheets host uses: SpreadsheetApp (spreadsheet,
 * sheets, ranges, protections, data validation), SpreadsheetApp.getUi(), Session, LockService, Utilities
 * and HtmlService. It follows Apps Script's semantics for that subset: 1-based coordinates, '' for empty
 * cells, Date objects for date cells, exact 2-D shapes on every set*s call (with Apps Script's messages),
 * strings typed into a cell are parsed like the Sheets UI does (numbers, dates, TRUE/FALSE, `=` formulas)
 * unless they carry a leading apostrophe or the cell is formatted as plain text ('@').
 *
 * Every call made through `globals()` is counted per `Class.method`; a failure can be injected at the Nth
 * write call. Tests inspect state through the raw objects (`sheet(name)`), which are not counted.
 */

export type Stored = string | number | boolean | Date

/** What a cell holds. `f` is the formula text when the cell holds a formula. */
interface CellData {
  v: Stored
  f: string
  bg: string | null
  note: string
  fmt: string
  dv: FakeDataValidation | null
  weight: 'normal' | 'bold'
}

type Answer = 'OK' | 'CANCEL' | 'YES' | 'NO' | 'CLOSE'

const BUTTON = { OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO', CLOSE: 'CLOSE' } as const
const BUTTON_SET = {
  OK: 'OK',
  OK_CANCEL: 'OK_CANCEL',
  YES_NO: 'YES_NO',
  YES_NO_CANCEL: 'YES_NO_CANCEL',
} as const
const PROTECTION_TYPE = { RANGE: 'RANGE', SHEET: 'SHEET' } as const
const CRITERIA = {
  VALUE_IN_LIST: 'VALUE_IN_LIST',
  NUMBER_BETWEEN: 'NUMBER_BETWEEN',
  NUMBER_GREATER_THAN_OR_EQUAL_TO: 'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  NUMBER_LESS_THAN_OR_EQUAL_TO: 'NUMBER_LESS_THAN_OR_EQUAL_TO',
  DATE_IS_VALID_DATE: 'DATE_IS_VALID_DATE',
  CHECKBOX: 'CHECKBOX',
} as const

/** Cross-realm Date test (values may come from a vm context). */
export function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]'
}

// ---------------------------------------------------------------- time zones (Intl; the double runs in Node)

interface Parts {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
}

const formatters = new Map<string, Intl.DateTimeFormat>()

function zonedParts(ms: number, timeZone: string): Parts {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    formatters.set(timeZone, f)
  }
  const p: Record<string, number> = {}
  for (const part of f.formatToParts(new Date(ms))) {
    if (part.type !== 'literal') p[part.type] = Number(part.value)
  }
  return {
    year: p.year ?? 1970,
    month: p.month ?? 1,
    day: p.day ?? 1,
    hour: p.hour ?? 0,
    minute: p.minute ?? 0,
    second: p.second ?? 0,
  }
}

function offsetMs(ms: number, timeZone: string): number {
  const p = zonedParts(ms, timeZone)
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second)
  return asUtc - Math.floor(ms / 1000) * 1000
}

/** The instant at which the wall clock in `timeZone` shows the given time. */
export function zonedInstant(timeZone: string, y: number, mo: number, d: number, h = 0, mi = 0, s = 0): Date {
  const utc = Date.UTC(y, mo - 1, d, h, mi, s)
  const first = utc - offsetMs(utc, timeZone)
  return new Date(utc - offsetMs(first, timeZone))
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0')

/** Utilities.formatDate for the SimpleDateFormat letters y M d H m s Z and quoted text. */
export function formatDate(date: Date, timeZone: string, pattern: string): string {
  const ms = date.getTime()
  const p = zonedParts(ms, timeZone)
  return pattern.replace(/'([^']*)'|y+|M+|d+|H+|m+|s+|Z/g, (token, quoted: string | undefined) => {
    if (quoted !== undefined) return quoted
    switch (token[0]) {
      case 'y':
        return token.length === 2 ? pad(p.year % 100) : pad(p.year, 4)
      case 'M':
        return pad(p.month, token.length)
      case 'd':
        return pad(p.day, token.length)
      case 'H':
        return pad(p.hour, token.length)
      case 'm':
        return pad(p.minute, token.length)
      case 's':
        return pad(p.second, token.length)
      default: {
        const off = offsetMs(ms, timeZone) / 60000
        const sign = off < 0 ? '-' : '+'
        const a = Math.abs(off)
        return `${sign}${pad(Math.floor(a / 60))}${pad(a % 60)}`
      }
    }
  })
}

/** Utilities.parseDate for patterns made of yyyy MM dd HH mm ss and separators. */
export function parseDate(text: string, timeZone: string, pattern: string): Date {
  const fields: string[] = []
  const source = pattern.replace(/yyyy|MM|dd|HH|mm|ss|[.*+?^${}()|[\]\\]/g, (t) => {
    if (/^[yMdHms]/.test(t)) {
      fields.push(t)
      return t === 'yyyy' ? '(\\d{4})' : '(\\d{1,2})'
    }
    return `\\${t}`
  })
  const m = new RegExp(`^${source}$`).exec(text.trim())
  if (!m) throw new Error(`Unparseable date: "${text}"`)
  const get = (name: string, dflt: number) => {
    const i = fields.indexOf(name)
    return i < 0 ? dflt : Number(m[i + 1])
  }
  return zonedInstant(
    timeZone,
    get('yyyy', 1970),
    get('MM', 1),
    get('dd', 1),
    get('HH', 0),
    get('mm', 0),
    get('ss', 0),
  )
}

// ---------------------------------------------------------------- the model

let nextId = 1

export class FakeDataValidation {
  constructor(
    readonly criteria: string,
    readonly values: readonly unknown[],
    readonly allowInvalid: boolean,
    readonly helpText: string,
  ) {}
  getCriteriaType(): string {
    return this.criteria
  }
  getCriteriaValues(): unknown[] {
    return [...this.values]
  }
  getAllowInvalid(): boolean {
    return this.allowInvalid
  }
  getHelpText(): string {
    return this.helpText
  }
}

export class FakeDataValidationBuilder {
  private criteria = ''
  private values: unknown[] = []
  private allowInvalid = true
  private helpText = ''
  requireValueInList(values: string[], showDropdown = true): this {
    this.criteria = CRITERIA.VALUE_IN_LIST
    this.values = [[...values], showDropdown]
    return this
  }
  requireNumberBetween(start: number, end: number): this {
    this.criteria = CRITERIA.NUMBER_BETWEEN
    this.values = [start, end]
    return this
  }
  requireNumberGreaterThanOrEqualTo(n: number): this {
    this.criteria = CRITERIA.NUMBER_GREATER_THAN_OR_EQUAL_TO
    this.values = [n]
    return this
  }
  requireNumberLessThanOrEqualTo(n: number): this {
    this.criteria = CRITERIA.NUMBER_LESS_THAN_OR_EQUAL_TO
    this.values = [n]
    return this
  }
  requireDate(): this {
    this.criteria = CRITERIA.DATE_IS_VALID_DATE
    this.values = []
    return this
  }
  requireCheckbox(): this {
    this.criteria = CRITERIA.CHECKBOX
    this.values = []
    return this
  }
  setAllowInvalid(allow: boolean): this {
    this.allowInvalid = allow
    return this
  }
  setHelpText(text: string): this {
    this.helpText = text
    return this
  }
  build(): FakeDataValidation {
    if (!this.criteria) throw new Error('You must specify a criteria type for the data validation rule.')
    return new FakeDataValidation(this.criteria, this.values, this.allowInvalid, this.helpText)
  }
}

export class FakeUser {
  constructor(private readonly email: string) {}
  getEmail(): string {
    return this.email
  }
}

export class FakeProtection {
  readonly editors: Set<string>
  description = ''
  domainEdit = true
  warningOnly = false
  constructor(
    readonly sheet: FakeSheet,
    owner: string,
  ) {
    this.editors = new Set([owner])
  }
  getProtectionType(): string {
    return PROTECTION_TYPE.SHEET
  }
  getDescription(): string {
    return this.description
  }
  setDescription(description: string): this {
    this.description = description
    return this
  }
  getEditors(): FakeUser[] {
    return [...this.editors].map((e) => new FakeUser(e))
  }
  addEditor(who: string | FakeUser): this {
    this.editors.add(typeof who === 'string' ? who : who.getEmail())
    return this
  }
  addEditors(emails: string[]): this {
    for (const e of emails) this.editors.add(e)
    return this
  }
  removeEditor(who: string | FakeUser): this {
    return this.removeEditors([who])
  }
  /** As in Sheets, the owner and the current user cannot be removed. */
  removeEditors(who: (string | FakeUser)[]): this {
    const keep = new Set([this.sheet.parent.owner, this.sheet.parent.services.user])
    for (const w of who) {
      const e = typeof w === 'string' ? w : w.getEmail()
      if (!keep.has(e)) this.editors.delete(e)
    }
    return this
  }
  canDomainEdit(): boolean {
    return this.domainEdit
  }
  setDomainEdit(editable: boolean): this {
    this.domainEdit = editable
    return this
  }
  canEdit(): boolean {
    return this.editors.has(this.sheet.parent.services.user)
  }
  isWarningOnly(): boolean {
    return this.warningOnly
  }
  /** Ranges anyone may still edit inside the protected sheet. */
  unprotected: FakeRange[] = []
  setUnprotectedRanges(ranges: FakeRange[]): this {
    this.unprotected = [...ranges]
    return this
  }
  getUnprotectedRanges(): FakeRange[] {
    return [...this.unprotected]
  }
  setWarningOnly(w: boolean): this {
    this.warningOnly = w
    return this
  }
  remove(): void {
    this.sheet.protections = this.sheet.protections.filter((p) => p !== this)
  }
}

function blankCell(): CellData {
  return { v: '', f: '', bg: null, note: '', fmt: '', dv: null, weight: 'normal' }
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/
const PERCENT = /^[+-]?(\d+(\.\d*)?|\.\d+)%$/
const YMD = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/
const YM = /^(\d{4})[-/](\d{1,2})$/

export class FakeSheet {
  readonly cells = new Map<string, CellData>()
  readonly id = nextId++
  maxRows = 1000
  maxColumns = 26
  frozenRows = 0
  frozenColumns = 0
  tabColor: string | null = null
  readonly widths = new Map<number, number>()
  protections: FakeProtection[] = []
  constructor(
    readonly parent: FakeSpreadsheet,
    public name: string,
  ) {}

  cell(row: number, column: number): CellData {
    return this.cells.get(`${row},${column}`) ?? blankCell()
  }
  mutable(row: number, column: number): CellData {
    const key = `${row},${column}`
    let c = this.cells.get(key)
    if (!c) {
      c = blankCell()
      this.cells.set(key, c)
    }
    return c
  }

  // --- Apps Script API
  getName(): string {
    return this.name
  }
  setName(name: string): this {
    this.name = name
    return this
  }
  getSheetId(): number {
    return this.id
  }
  getParent(): FakeSpreadsheet {
    return this.parent
  }
  getIndex(): number {
    return this.parent.sheets.indexOf(this) + 1
  }
  getMaxRows(): number {
    return this.maxRows
  }
  getMaxColumns(): number {
    return this.maxColumns
  }
  /**
   * Sheet.appendRow: the values go in the row after the last row with content, parsed as setValues parses
   * them (a plain-text cell keeps text). A full sheet gains a row formatted like the one above it.
   */
  appendRow(values: unknown[]): this {
    const row = this.getLastRow() + 1
    if (row > this.maxRows) {
      this.maxRows = row
      for (let c = 1; c <= this.maxColumns; c++) {
        const above = this.cells.get(`${row - 1},${c}`)
        if (above) {
          const copy = this.mutable(row, c)
          copy.fmt = above.fmt
          copy.dv = above.dv
        }
      }
    }
    if (values.length > this.maxColumns) this.maxColumns = values.length
    new FakeRange(this, row, 1, 1, values.length).setValues([values])
    return this
  }
  insertRowsAfter(after: number, howMany: number): this {
    this.maxRows += howMany
    this.shiftRows(after + 1, howMany)
    return this
  }
  insertColumnsAfter(after: number, howMany: number): this {
    this.maxColumns += howMany
    this.shiftColumns(after + 1, howMany)
    return this
  }
  deleteRows(position: number, howMany: number): void {
    for (let r = position; r < position + howMany; r++)
      for (let c = 1; c <= this.maxColumns; c++) this.cells.delete(`${r},${c}`)
    this.shiftRows(position + howMany, -howMany)
    this.maxRows -= howMany
  }
  insertColumnsBefore(before: number, howMany: number): this {
    this.maxColumns += howMany
    this.shiftColumns(before, howMany)
    return this
  }
  deleteColumns(position: number, howMany: number): void {
    for (let c = position; c < position + howMany; c++)
      for (let r = 1; r <= this.maxRows; r++) this.cells.delete(`${r},${c}`)
    this.shiftColumns(position + howMany, -howMany)
    this.maxColumns -= howMany
  }
  private shiftColumns(from: number, by: number): void {
    const moved = [...this.cells.entries()]
      .map(([k, v]) => [k.split(',').map(Number), v] as const)
      .filter(([[, c]]) => (c ?? 0) >= from)
    for (const [[r, c]] of moved) this.cells.delete(`${r},${c}`)
    for (const [[r, c], v] of moved) this.cells.set(`${r},${(c ?? 0) + by}`, v)
  }
  private shiftRows(from: number, by: number): void {
    const moved = [...this.cells.entries()]
      .map(([k, v]) => [k.split(',').map(Number), v] as const)
      .filter(([[r]]) => (r ?? 0) >= from)
    for (const [[r, c]] of moved) this.cells.delete(`${r},${c}`)
    for (const [[r, c], v] of moved) this.cells.set(`${(r ?? 0) + by},${c}`, v)
  }
  private hasContent(c: CellData): boolean {
    return c.v !== '' || c.f !== ''
  }
  getLastRow(): number {
    let last = 0
    for (const [k, c] of this.cells) if (this.hasContent(c)) last = Math.max(last, Number(k.split(',')[0]))
    return last
  }
  getLastColumn(): number {
    let last = 0
    for (const [k, c] of this.cells) if (this.hasContent(c)) last = Math.max(last, Number(k.split(',')[1]))
    return last
  }
  getRange(a: number | string, column?: number, numRows = 1, numColumns = 1): FakeRange {
    if (typeof a === 'string') return this.rangeFromA1(a)
    return new FakeRange(this, a, column ?? 1, numRows, numColumns)
  }
  private rangeFromA1(a1: string): FakeRange {
    const col = (s: string) => [...s.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0)
    // Open-ended downwards (`A40:M`): to the sheet's last row, and named so (a chart over it follows growth).
    const open = /^([A-Z]+)(\d+):([A-Z]+)$/i.exec(a1.trim())
    if (open) {
      const r1 = Number(open[2])
      const c1 = col(open[1] ?? 'A')
      const range = new FakeRange(this, r1, c1, this.maxRows - r1 + 1, col(open[3] ?? 'A') - c1 + 1)
      range.openEnded = true
      return range
    }
    const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/i.exec(a1.trim())
    if (!m) throw new Error(`Range not found`)
    const r1 = Number(m[2])
    const c1 = col(m[1] ?? 'A')
    const r2 = m[4] ? Number(m[4]) : r1
    const c2 = m[3] ? col(m[3]) : c1
    return new FakeRange(this, r1, c1, r2 - r1 + 1, c2 - c1 + 1)
  }
  /**
   * The values of a block without a Range object. As in Apps Script, -1 as the number of rows or columns
   * means "up to the last row / column with content"; an empty sheet has none, so that throws.
   */
  getSheetValues(startRow: number, startColumn: number, numRows: number, numColumns: number): Stored[][] {
    const rows = numRows === -1 ? this.getLastRow() - startRow + 1 : numRows
    const columns = numColumns === -1 ? this.getLastColumn() - startColumn + 1 : numColumns
    return new FakeRange(this, startRow, startColumn, rows, columns).getValues()
  }
  getDataRange(): FakeRange {
    return new FakeRange(this, 1, 1, Math.max(1, this.getLastRow()), Math.max(1, this.getLastColumn()))
  }
  setFrozenRows(n: number): void {
    this.frozenRows = n
  }
  getFrozenRows(): number {
    return this.frozenRows
  }
  setFrozenColumns(n: number): void {
    this.frozenColumns = n
  }
  getFrozenColumns(): number {
    return this.frozenColumns
  }
  setColumnWidth(column: number, width: number): this {
    this.widths.set(column, width)
    return this
  }
  setColumnWidths(start: number, count: number, width: number): this {
    for (let c = start; c < start + count; c++) this.widths.set(c, width)
    return this
  }
  getColumnWidth(column: number): number {
    return this.widths.get(column) ?? 100
  }
  setTabColor(color: string | null): this {
    this.tabColor = color
    return this
  }
  getTabColor(): string | null {
    return this.tabColor
  }
  /** Columns set to wrap (Range.setWrap). */
  readonly wrapped = new Set<number>()
  /** Returns the sheet's protection, creating it for the current user. */
  protect(): FakeProtection {
    const existing = this.protections[0]
    if (existing) return existing
    const p = new FakeProtection(this, this.parent.services.user)
    this.protections.push(p)
    return p
  }
  getProtections(type: string): FakeProtection[] {
    return type === PROTECTION_TYPE.SHEET ? [...this.protections] : []
  }
  clear(): this {
    this.cells.clear()
    return this
  }
  clearContents(): this {
    for (const c of this.cells.values()) {
      c.v = ''
      c.f = ''
    }
    return this
  }
  activate(): this {
    this.parent.active = this
    return this
  }
  // Embedded charts and range lists (issue 7: the 看板 sheet).
  charts: FakeChart[] = []
  getCharts(): FakeChart[] {
    return [...this.charts]
  }
  removeChart(chart: FakeChart): void {
    this.charts = this.charts.filter((c) => c !== chart)
  }
  newChart(): FakeChartBuilder {
    return new FakeChartBuilder()
  }
  insertChart(chart: FakeChart): void {
    this.charts.push(chart)
  }
  getRangeList(a1s: string[]): FakeRangeList {
    return new FakeRangeList(a1s.map((a) => this.rangeFromA1(a)))
  }

  // --- test helpers (raw, uncounted)
  /** The used range as getValues would return it, or [] when the sheet is empty. */
  values(): Stored[][] {
    const rows = this.getLastRow()
    const cols = this.getLastColumn()
    if (rows === 0) return []
    return new FakeRange(this, 1, 1, rows, cols).getValues()
  }
  /** Row `row` (1-based) of the used columns. */
  row(row: number): Stored[] {
    return new FakeRange(this, row, 1, 1, Math.max(1, this.getLastColumn())).getValues()[0] ?? []
  }
  /** Column values below the header, looked up by header text. */
  column(header: string): Stored[] {
    const headers = this.row(1)
    const c = headers.indexOf(header) + 1
    if (c === 0) throw new Error(`no column ${header} in ${this.name}`)
    const rows = this.getLastRow()
    return rows < 2 ? [] : new FakeRange(this, 2, c, rows - 1, 1).getValues().map((r) => r[0] ?? '')
  }
  formulaCount(): number {
    return [...this.cells.values()].filter((c) => c.f !== '').length
  }
  /** Whether `email` may edit the sheet by hand. */
  editableBy(email: string): boolean {
    const p = this.protections[0]
    return !p || p.editors.has(email)
  }
  /** A person typing into a cell in the Sheets UI (respects protections). */
  type(a1: string, value: string | number | boolean | Date, as = this.parent.services.user): void {
    const range = this.rangeFromA1(a1)
    const inside = (u: FakeRange) =>
      range.row >= u.row &&
      range.row < u.row + u.numRows &&
      range.column >= u.column &&
      range.column < u.column + u.numColumns
    const open = (this.protections[0]?.unprotected ?? []).some(inside)
    if (!open && !this.editableBy(as)) throw new Error(`${as} 无权编辑 ${this.name}`)
    range.setValues([[value]])
  }
}

/** An embedded chart as built: its type, data ranges (A1), options and anchor. */
export interface FakeChart {
  readonly type: string
  readonly ranges: readonly string[]
  readonly options: Readonly<Record<string, unknown>>
  readonly numHeaders: number
  readonly transposed: boolean
  readonly position: readonly number[]
}

/** The subset of EmbeddedChartBuilder the 看板 uses (line and column charts). */
export class FakeChartBuilder {
  private type = 'UNSET'
  private readonly ranges: string[] = []
  private readonly options: Record<string, unknown> = {}
  private numHeaders = 0
  private transposed = false
  private position: number[] = []
  asLineChart(): this {
    this.type = 'LINE'
    return this
  }
  asColumnChart(): this {
    this.type = 'COLUMN'
    return this
  }
  addRange(range: FakeRange): this {
    this.ranges.push(range.getA1Notation())
    return this
  }
  setNumHeaders(n: number): this {
    this.numHeaders = n
    return this
  }
  setOption(name: string, value: unknown): this {
    this.options[name] = value
    return this
  }
  setTransposeRowsAndColumns(t: boolean): this {
    this.transposed = t
    return this
  }
  setPosition(row: number, column: number, offsetX: number, offsetY: number): this {
    this.position = [row, column, offsetX, offsetY]
    return this
  }
  build(): FakeChart {
    if (this.ranges.length === 0) throw new Error('Exception: No data ranges were added to the chart.')
    return {
      type: this.type,
      ranges: [...this.ranges],
      options: { ...this.options },
      numHeaders: this.numHeaders,
      transposed: this.transposed,
      position: [...this.position],
    }
  }
}

/** RangeList: one call formats many ranges. */
export class FakeRangeList {
  constructor(readonly ranges: readonly FakeRange[]) {}
  setFontWeight(weight: 'normal' | 'bold' | null): this {
    for (const r of this.ranges) r.setFontWeight(weight)
    return this
  }
  setBackground(color: string | null): this {
    for (const r of this.ranges) r.setBackground(color)
    return this
  }
}

export class FakeRange {
  /** Made from open-ended A1 notation (`A40:M`): its A1 notation stays open-ended. */
  openEnded = false
  constructor(
    readonly sheet: FakeSheet,
    readonly row: number,
    readonly column: number,
    readonly numRows: number,
    readonly numColumns: number,
  ) {
    if (row < 1) throw new Error('The starting row of the range is too small.')
    if (column < 1) throw new Error('The starting column of the range is too small.')
    if (numRows < 1) throw new Error('The number of rows in the range must be at least 1.')
    if (numColumns < 1) throw new Error('The number of columns in the range must be at least 1.')
    if (row + numRows - 1 > sheet.maxRows || column + numColumns - 1 > sheet.maxColumns)
      throw new Error('The coordinates of the range are outside the dimensions of the sheet.')
  }
  getRow(): number {
    return this.row
  }
  getColumn(): number {
    return this.column
  }
  getNumRows(): number {
    return this.numRows
  }
  getNumColumns(): number {
    return this.numColumns
  }
  getLastRow(): number {
    return this.row + this.numRows - 1
  }
  getLastColumn(): number {
    return this.column + this.numColumns - 1
  }
  getSheet(): FakeSheet {
    return this.sheet
  }
  getA1Notation(): string {
    const letter = (n: number): string => {
      let s = ''
      for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s
      return s
    }
    const start = `${letter(this.column)}${this.row}`
    if (this.openEnded) return `${start}:${letter(this.getLastColumn())}`
    return this.numRows === 1 && this.numColumns === 1
      ? start
      : `${start}:${letter(this.getLastColumn())}${this.getLastRow()}`
  }

  private map<T>(f: (c: CellData) => T): T[][] {
    const out: T[][] = []
    for (let r = 0; r < this.numRows; r++) {
      const line: T[] = []
      for (let c = 0; c < this.numColumns; c++) line.push(f(this.sheet.cell(this.row + r, this.column + c)))
      out.push(line)
    }
    return out
  }
  private checkShape(data: unknown, what = 'data'): asserts data is unknown[][] {
    if (!Array.isArray(data) || data.some((r) => !Array.isArray(r)))
      throw new Error(`The parameters (${typeof data}) don't match the method signature.`)
    if (data.length !== this.numRows)
      throw new Error(
        `The number of rows in the ${what} does not match the number of rows in the range. The ${what} has ${data.length} but the range has ${this.numRows}.`,
      )
    for (const r of data as unknown[][])
      if (r.length !== this.numColumns)
        throw new Error(
          `The number of columns in the ${what} does not match the number of columns in the range. The ${what} has ${r.length} but the range has ${this.numColumns}.`,
        )
  }
  private each(data: unknown[][], f: (c: CellData, v: unknown) => void): void {
    data.forEach((line, r) => {
      line.forEach((v, c) => {
        f(this.sheet.mutable(this.row + r, this.column + c), v)
      })
    })
  }

  getValues(): Stored[][] {
    return this.map((c) => (c.f ? c.f : isDate(c.v) ? new Date(c.v.getTime()) : c.v))
  }
  getValue(): Stored {
    return this.getValues()[0]?.[0] ?? ''
  }
  getFormulas(): string[][] {
    return this.map((c) => c.f)
  }
  getDisplayValues(): string[][] {
    return this.map((c) => displayValue(c, this.sheet.parent.timeZone))
  }
  setValues(values: unknown[][]): this {
    this.checkShape(values)
    const tz = this.sheet.parent.timeZone
    this.each(values, (c, v) => storeValue(c, v, tz))
    return this
  }
  setValue(value: unknown): this {
    const tz = this.sheet.parent.timeZone
    this.each(
      this.map(() => value),
      (c, v) => storeValue(c, v, tz),
    )
    return this
  }
  clearContent(): this {
    this.each(
      this.map(() => ''),
      (c) => {
        c.v = ''
        c.f = ''
      },
    )
    return this
  }
  getBackgrounds(): string[][] {
    return this.map((c) => c.bg ?? '#ffffff')
  }
  setBackgrounds(colors: (string | null)[][]): this {
    this.checkShape(colors)
    this.each(colors, (c, v) => {
      c.bg = v === null || v === '' || v === '#ffffff' ? null : String(v)
    })
    return this
  }
  setBackground(color: string | null): this {
    return this.setBackgrounds(this.map(() => color))
  }
  getWraps(): boolean[][] {
    return Array.from({ length: this.numRows }, () =>
      Array.from({ length: this.numColumns }, (_, k) => this.sheet.wrapped.has(this.column + k)),
    )
  }
  /** Per column, as setWrap: a column wraps when its first row says so. */
  setWraps(wraps: boolean[][]): this {
    const first = wraps[0] ?? []
    first.forEach((w, k) => {
      if (w) this.sheet.wrapped.add(this.column + k)
      else this.sheet.wrapped.delete(this.column + k)
    })
    return this
  }
  /** Wrapping is kept per column (what the layout sets), not per cell. */
  setWrap(wrap: boolean): this {
    for (let c = this.column; c < this.column + this.numColumns; c++) {
      if (wrap) this.sheet.wrapped.add(c)
      else this.sheet.wrapped.delete(c)
    }
    return this
  }
  getNotes(): string[][] {
    return this.map((c) => c.note)
  }
  setNotes(notes: (string | null)[][]): this {
    this.checkShape(notes)
    this.each(notes, (c, v) => {
      c.note = v === null ? '' : String(v)
    })
    return this
  }
  getNumberFormats(): string[][] {
    return this.map((c) => c.fmt || 'General')
  }
  setNumberFormats(formats: string[][]): this {
    this.checkShape(formats)
    this.each(formats, (c, v) => {
      c.fmt = String(v)
    })
    return this
  }
  setNumberFormat(format: string): this {
    return this.setNumberFormats(this.map(() => format))
  }
  getDataValidations(): (FakeDataValidation | null)[][] {
    return this.map((c) => c.dv)
  }
  setDataValidations(rules: (FakeDataValidation | null)[][]): this {
    this.checkShape(rules)
    this.each(rules, (c, v) => {
      c.dv = v instanceof FakeDataValidation ? v : null
    })
    return this
  }
  setDataValidation(rule: FakeDataValidation | null): this {
    return this.setDataValidations(this.map(() => rule))
  }
  getFontWeights(): string[][] {
    return this.map((c) => c.weight)
  }
  setFontWeight(weight: 'normal' | 'bold' | null): this {
    return this.setFontWeights(this.map(() => weight))
  }
  setFontWeights(weights: ('normal' | 'bold' | null)[][]): this {
    this.checkShape(weights)
    this.each(weights, (c, v) => {
      c.weight = v === 'bold' ? 'bold' : 'normal'
    })
    return this
  }
}

function storeValue(c: CellData, v: unknown, timeZone: string): void {
  c.f = ''
  if (v === null || v === undefined) {
    c.v = ''
    return
  }
  if (isDate(v)) {
    c.v = new Date(v.getTime())
    return
  }
  if (typeof v === 'number' || typeof v === 'boolean') {
    c.v = v
    return
  }
  if (typeof v !== 'string') throw new Error(`The parameters (${typeof v}) don't match the method signature.`)
  if (v.startsWith("'")) {
    c.v = v.slice(1)
    return
  }
  if (c.fmt === '@') {
    c.v = v
    return
  }
  c.v = parseTyped(v, timeZone, c)
}

/** What the Sheets UI makes of a typed string in a cell with an automatic number format. */
function parseTyped(v: string, timeZone: string, c: CellData): Stored {
  const t = v.trim()
  if (t.startsWith('=')) {
    c.f = t
    return ''
  }
  if (NUMBER.test(t)) return Number(t)
  if (PERCENT.test(t)) return Number(t.slice(0, -1)) / 100
  if (/^[+-]/.test(t) && t.length > 1) {
    c.f = `=${t}`
    return ''
  }
  if (/^(true|false)$/i.test(t)) return t.toLowerCase() === 'true'
  let m = YMD.exec(t)
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
    if (mo >= 1 && mo <= 12 && d >= 1 && d <= 31)
      return zonedInstant(timeZone, y, mo, d, Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0))
  }
  m = YM.exec(t)
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12)
    return zonedInstant(timeZone, Number(m[1]), Number(m[2]), 1)
  return v
}

function displayValue(c: CellData, timeZone: string): string {
  if (c.f) return c.f
  const v = c.v
  if (isDate(v)) return formatDate(v, timeZone, /h/i.test(c.fmt) ? 'yyyy-MM-dd HH:mm:ss' : 'yyyy-MM-dd')
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE'
  if (typeof v === 'number') {
    const pct = /^0(\.(0+))?%$/.exec(c.fmt)
    if (pct) return `${(v * 100).toFixed(pct[2]?.length ?? 0)}%`
    const dec = /^0(\.(0+))?$/.exec(c.fmt)
    if (dec) return v.toFixed(dec[2]?.length ?? 0)
    return String(v)
  }
  return v
}

export class FakeSpreadsheet {
  readonly sheets: FakeSheet[] = []
  active: FakeSheet | null = null
  readonly toasts: { message: string; title: string }[] = []
  constructor(
    readonly services: FakeAppsScript,
    public timeZone: string,
    readonly owner: string,
  ) {}
  getId(): string {
    return 'fake-spreadsheet-id'
  }
  getName(): string {
    return '12368 话务员考核'
  }
  getSpreadsheetTimeZone(): string {
    return this.timeZone
  }
  setSpreadsheetTimeZone(tz: string): void {
    this.timeZone = tz
  }
  getSheets(): FakeSheet[] {
    return [...this.sheets]
  }
  getSheetByName(name: string): FakeSheet | null {
    return this.sheets.find((s) => s.name === name) ?? null
  }
  insertSheet(name?: string, index?: number): FakeSheet {
    const sheetName = name ?? `Sheet${this.sheets.length + 1}`
    if (this.getSheetByName(sheetName))
      throw new Error(`A sheet with the name "${sheetName}" already exists. Please enter another name.`)
    const sheet = new FakeSheet(this, sheetName)
    if (index === undefined) this.sheets.push(sheet)
    else this.sheets.splice(index, 0, sheet)
    this.active = sheet
    return sheet
  }
  deleteSheet(sheet: FakeSheet): void {
    const i = this.sheets.indexOf(sheet)
    if (i < 0) throw new Error('Sheet not found')
    if (this.sheets.length === 1) throw new Error("You can't remove all the sheets in a document.")
    this.sheets.splice(i, 1)
  }
  getActiveSheet(): FakeSheet | null {
    return this.active ?? this.sheets[0] ?? null
  }
  getOwner(): FakeUser {
    return new FakeUser(this.owner)
  }
  toast(message: string, title = '', _timeoutSeconds?: number): void {
    this.toasts.push({ message: String(message), title: String(title) })
  }
}

// ---------------------------------------------------------------- UI, HTML, lock, session, utilities

export class FakeHtmlOutput {
  title = ''
  constructor(public content: string) {}
  setTitle(title: string): this {
    this.title = title
    return this
  }
  getTitle(): string {
    return this.title
  }
  getContent(): string {
    return this.content
  }
  setContent(content: string): this {
    this.content = content
    return this
  }
  append(more: string): this {
    this.content += more
    return this
  }
  setWidth(_w: number): this {
    return this
  }
  setHeight(_h: number): this {
    return this
  }
}

export class FakeMenu {
  readonly items: { caption: string; functionName: string }[] = []
  constructor(
    readonly ui: FakeUi,
    readonly caption: string,
  ) {}
  addItem(caption: string, functionName: string): this {
    this.items.push({ caption, functionName })
    return this
  }
  addSeparator(): this {
    this.items.push({ caption: '---', functionName: '' })
    return this
  }
  addSubMenu(menu: FakeMenu): this {
    this.items.push({ caption: menu.caption, functionName: '' })
    return this
  }
  addToUi(): void {
    this.ui.menus.push(this)
  }
}

export class FakePromptResponse {
  constructor(
    private readonly text: string,
    private readonly button: Answer,
  ) {}
  getResponseText(): string {
    return this.text
  }
  getSelectedButton(): Answer {
    return this.button
  }
}

export class FakeUi {
  readonly Button = BUTTON
  readonly ButtonSet = BUTTON_SET
  readonly menus: FakeMenu[] = []
  readonly alerts: { title: string; message: string; buttons: string }[] = []
  readonly prompts: { title: string; message: string }[] = []
  readonly sidebars: FakeHtmlOutput[] = []
  readonly dialogs: { html: FakeHtmlOutput; title: string }[] = []
  /** Scripted answers, consumed in order. */
  readonly promptAnswers: { text: string; button?: 'OK' | 'CANCEL' }[] = []
  readonly alertAnswers: Answer[] = []

  createMenu(caption: string): FakeMenu {
    return new FakeMenu(this, caption)
  }
  createAddonMenu(): FakeMenu {
    return new FakeMenu(this, 'add-on')
  }
  alert(a: string, b?: string, c?: string): Answer {
    const [title, message, buttons] =
      c !== undefined ? [a, b ?? '', c] : b !== undefined && b in BUTTON_SET ? ['', a, b] : ['', a, 'OK']
    this.alerts.push({ title, message, buttons })
    const scripted = buttons === 'OK' ? undefined : this.alertAnswers.shift()
    return scripted ?? (buttons === 'OK' || buttons === 'OK_CANCEL' ? 'OK' : 'YES')
  }
  prompt(a: string, b?: string, _c?: string): FakePromptResponse {
    const [title, message] = b !== undefined && !(b in BUTTON_SET) ? [a, b] : ['', a]
    this.prompts.push({ title, message })
    const answer = this.promptAnswers.shift()
    if (!answer) throw new Error(`unexpected prompt: ${title} ${message}`)
    return new FakePromptResponse(answer.text, answer.button ?? 'OK')
  }
  showSidebar(html: FakeHtmlOutput): void {
    this.sidebars.push(html)
  }
  showModalDialog(html: FakeHtmlOutput, title: string): void {
    this.dialogs.push({ html, title })
  }
  showModelessDialog(html: FakeHtmlOutput, title: string): void {
    this.dialogs.push({ html, title })
  }
}

export class FakeLock {
  held = false
  constructor(private readonly services: FakeAppsScript) {}
  tryLock(_timeoutMs: number): boolean {
    if (this.services.lockHeldElsewhere) return false
    this.held = true
    return true
  }
  waitLock(timeoutMs: number): void {
    if (!this.tryLock(timeoutMs))
      throw new Error('Lock timeout: another process was holding the lock for too long.')
  }
  hasLock(): boolean {
    return this.held
  }
  releaseLock(): void {
    this.held = false
  }
}

// ---------------------------------------------------------------- the services, counted

const COUNTED = new Set([
  'SpreadsheetApp',
  'Spreadsheet',
  'Sheet',
  'Range',
  'Protection',
  'DataValidationBuilder',
  'DataValidation',
  'RangeList',
  'EmbeddedChartBuilder',
  'User',
  'Ui',
  'Menu',
  'PromptResponse',
  'HtmlService',
  'HtmlOutput',
  'Session',
  'LockService',
  'Lock',
  'Utilities',
])

/** The classes whose calls are "SpreadsheetApp calls" (the budget of §11's closes). */
export const SPREADSHEET_CLASSES = [
  'SpreadsheetApp',
  'Spreadsheet',
  'Sheet',
  'Range',
  'Protection',
  'DataValidationBuilder',
  'DataValidation',
  'RangeList',
  'EmbeddedChartBuilder',
] as const

const WRITE_CLASSES = new Set(['Spreadsheet', 'Sheet', 'Range', 'RangeList', 'Protection'])
const WRITE_METHOD = /^(set|insert|delete|protect|remove|add|clear|append)/

function className(o: object): string {
  if (o instanceof FakeSpreadsheet) return 'Spreadsheet'
  if (o instanceof FakeSheet) return 'Sheet'
  if (o instanceof FakeRange) return 'Range'
  if (o instanceof FakeProtection) return 'Protection'
  if (o instanceof FakeDataValidationBuilder) return 'DataValidationBuilder'
  if (o instanceof FakeDataValidation) return 'DataValidation'
  if (o instanceof FakeRangeList) return 'RangeList'
  if (o instanceof FakeChartBuilder) return 'EmbeddedChartBuilder'
  if (o instanceof FakeUser) return 'User'
  if (o instanceof FakeUi) return 'Ui'
  if (o instanceof FakeMenu) return 'Menu'
  if (o instanceof FakePromptResponse) return 'PromptResponse'
  if (o instanceof FakeHtmlOutput) return 'HtmlOutput'
  if (o instanceof FakeLock) return 'Lock'
  return ''
}

export interface FakeOptions {
  /** The spreadsheet's time zone (default Asia/Shanghai). */
  readonly timeZone?: string
  /** The active user's email (default leader@court.example). */
  readonly user?: string
}

export class FakeAppsScript {
  readonly calls = new Map<string, number>()
  readonly spreadsheet: FakeSpreadsheet
  readonly ui = new FakeUi()
  readonly lock: FakeLock
  /** Simulates another execution holding the document lock. */
  lockHeldElsewhere = false
  user: string
  /** Write calls made so far (set*, insert*, delete*, protect, remove*, add*, clear*). */
  writeCalls = 0
  private writes = 0
  private failAt = 0
  private failMessage = ''
  private readonly proxies = new WeakMap<object, unknown>()

  constructor(options: FakeOptions = {}) {
    this.user = options.user ?? 'leader@court.example'
    this.spreadsheet = new FakeSpreadsheet(this, options.timeZone ?? 'Asia/Shanghai', this.user)
    this.spreadsheet.insertSheet('Sheet1')
    this.lock = new FakeLock(this)
  }

  /** Raw sheet for assertions (uncounted); throws when missing. */
  sheet(name: string): FakeSheet {
    const s = this.spreadsheet.getSheetByName(name)
    if (!s) throw new Error(`no sheet ${name}`)
    return s
  }

  /** The `n`th write call from now on (1 = the next) throws like a failing Sheets service. */
  failAtWrite(
    n: number,
    message = 'Service Spreadsheets timed out while accessing document with id fake.',
  ): void {
    this.writes = 0
    this.failAt = n
    this.failMessage = message
  }

  resetCounts(): void {
    this.calls.clear()
    this.alertCounts.length = 0
    this.alertWrites.length = 0
  }

  /**
   * The counts as they stood when each dialog (Ui.alert) was shown since the last reset, that alert
   * included. A menu action's own cost is the counts at its result dialog; whatever the handler does after
   * showing the result (e.g. refreshing 看板) is a separate step.
   */
  readonly alertCounts: Map<string, number>[] = []
  /** writeCalls as it stood at each dialog (not reset: compare with writeCalls taken before the action). */
  readonly alertWrites: number[] = []

  /** Like count(), over counts taken from alertCounts. */
  static sum(counts: ReadonlyMap<string, number>, classes: readonly string[] = SPREADSHEET_CLASSES): number {
    let n = 0
    for (const [k, v] of counts) if (classes.includes(k.split('.')[0] ?? '')) n += v
    return n
  }

  /** Sum of calls whose class is in `classes` (default: the SpreadsheetApp family). */
  count(classes: readonly string[] = SPREADSHEET_CLASSES): number {
    let n = 0
    for (const [k, v] of this.calls) if (classes.includes(k.split('.')[0] ?? '')) n += v
    return n
  }

  countsByMethod(): Record<string, number> {
    return Object.fromEntries([...this.calls.entries()].sort(([a], [b]) => a.localeCompare(b)))
  }

  /**
   * Called before each counted call runs (`Class.method`), e.g. to act as another user in the middle of an
   * action. Not called again while it runs.
   */
  onCall: ((name: string) => void) | null = null
  private inHook = false

  private tally(name: string): void {
    if (this.onCall && !this.inHook) {
      this.inHook = true
      try {
        this.onCall(name)
      } finally {
        this.inHook = false
      }
    }
    this.calls.set(name, (this.calls.get(name) ?? 0) + 1)
    if (name === 'Ui.alert') {
      this.alertCounts.push(new Map(this.calls))
      this.alertWrites.push(this.writeCalls)
    }
  }

  private wrap<T>(value: T, cls?: string): T {
    if (Array.isArray(value)) return value.map((v) => this.wrap(v)) as T
    if (value === null || typeof value !== 'object') return value
    const name = cls ?? className(value)
    if (!name || !COUNTED.has(name)) return value
    const cached = this.proxies.get(value)
    if (cached) return cached as T
    const proxy = new Proxy(value, {
      get: (target, prop, receiver) => {
        const member = Reflect.get(target, prop, receiver)
        if (typeof member !== 'function' || typeof prop !== 'string') return member
        return (...args: unknown[]) => {
          this.tally(`${name}.${prop}`)
          if (WRITE_CLASSES.has(name) && WRITE_METHOD.test(prop)) this.writeCalls++
          if (WRITE_CLASSES.has(name) && WRITE_METHOD.test(prop) && this.failAt > 0) {
            this.writes++
            if (this.writes === this.failAt) {
              this.failAt = 0
              throw new Error(this.failMessage)
            }
          }
          return this.wrap(
            member.apply(
              target,
              args.map((a) => this.unwrap(a)),
            ),
          )
        }
      },
    })
    this.proxies.set(value, proxy)
    this.raw.set(proxy, value)
    return proxy
  }
  private readonly raw = new WeakMap<object, object>()
  private unwrap(a: unknown): unknown {
    if (Array.isArray(a)) return a.map((x) => this.unwrap(x))
    if (a !== null && typeof a === 'object') return this.raw.get(a) ?? a
    return a
  }

  /** The range SpreadsheetApp.getActiveRange() returns (a custom function's own cell), or null. */
  activeRange: FakeRange | null = null

  /** The Apps Script globals, counted: pass them to the vm or install them on globalThis. */
  globals(): {
    SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp
    Session: GoogleAppsScript.Base.Session
    LockService: GoogleAppsScript.Lock.LockService
    Utilities: GoogleAppsScript.Utilities.Utilities
    HtmlService: GoogleAppsScript.HTML.HtmlService
  } {
    const ss = this.spreadsheet
    const ui = this.ui
    const lock = this.lock
    const app = {
      // The cell a custom function is computed for (Sheets: the formula's cell); tests set activeRange.
      getActiveRange: () => this.activeRange,
      getActive: () => ss,
      getActiveSpreadsheet: () => ss,
      getUi: () => ui,
      newDataValidation: () => new FakeDataValidationBuilder(),
      flush: () => undefined,
      ProtectionType: PROTECTION_TYPE,
      DataValidationCriteria: CRITERIA,
    }
    const session = {
      getActiveUser: () => new FakeUser(this.user),
      getEffectiveUser: () => new FakeUser(this.user),
      getScriptTimeZone: () => 'Asia/Shanghai',
      getActiveUserLocale: () => 'zh_CN',
    }
    const lockService = { getDocumentLock: () => lock, getScriptLock: () => lock, getUserLock: () => lock }
    const utilities = { formatDate, parseDate, sleep: (_ms: number) => undefined }
    const html = { createHtmlOutput: (content = '') => new FakeHtmlOutput(String(content)) }
    // The double is structurally the subset of the services the host uses; the casts say so once, here.
    return {
      SpreadsheetApp: this.wrap(
        app,
        'SpreadsheetApp',
      ) as unknown as GoogleAppsScript.Spreadsheet.SpreadsheetApp,
      Session: this.wrap(session, 'Session') as unknown as GoogleAppsScript.Base.Session,
      LockService: this.wrap(lockService, 'LockService') as unknown as GoogleAppsScript.Lock.LockService,
      Utilities: this.wrap(utilities, 'Utilities') as unknown as GoogleAppsScript.Utilities.Utilities,
      HtmlService: this.wrap(html, 'HtmlService') as unknown as GoogleAppsScript.HTML.HtmlService,
    }
  }

  /** Installs the counted globals on globalThis (for tests that import src/gas directly); returns an undo. */
  install(): () => void {
    const g = globalThis as Record<string, unknown>
    const globals = this.globals()
    const saved = Object.keys(globals).map((k) => [k, g[k]] as const)
    Object.assign(g, globals)
    return () => {
      for (const [k, v] of saved) {
        if (v === undefined) delete g[k]
        else g[k] = v
      }
    }
  }
}
