/**
 * The small Workbook interface every workflow is written against. Two hosts implement it: Google Sheets
 * (src/gas, over SpreadsheetApp) and an .xlsx file (src/cli, over exceljs). Workflows read every sheet
 * they need in one batch, compute in memory, and return a WritePlan; the host applies the plan with one
 * write per sheet range. Nothing here knows which host runs it.
 */
import type { HostNaming } from './naming'

/**
 * A cell as workflows see it. Hosts normalise on read: empty cells are '' ; dates are ISO text
 * `YYYY-MM-DD` computed in the spreadsheet's own time zone; numbers stay numbers; booleans stay booleans.
 * On write, a value in a column of type 'date' given as `YYYY-MM-DD` becomes a real date cell; every
 * string is written as text, never evaluated (a name beginning with `=` stays the text it is).
 */
export type Cell = string | number | boolean

export type Grid = Cell[][]

export type ColumnType = 'text' | 'number' | 'integer' | 'date' | 'bool' | 'enum' | 'percent'

export interface ColumnSpec {
  readonly header: string
  readonly type: ColumnType
  /** Dropdown choices for 'enum' (and 是/否 for 'bool'). */
  readonly options?: readonly string[]
  readonly min?: number
  readonly max?: number
  /** Header note: what to enter, and the article it serves. */
  readonly note?: string
  /** Column width in characters (hosts convert to pixels). */
  readonly width?: number
  /** Number format for display, e.g. '0.0', '0.00', '0.0%'. */
  readonly format?: string
  /** Written by a close (results), as opposed to entered by staff. */
  readonly result?: boolean
  /** Text that explains (原因, 备注, 来源, letters): wraps within the column, on screen and in print. */
  readonly wrap?: boolean
}

/** SPEC §16: how a sheet prints on A4. Both hosts apply it (Sheets as far as its API allows). */
export interface PrintSetup {
  readonly orientation: 'landscape' | 'portrait'
  /** Fit all columns on one page wide (pages run down as needed). */
  readonly fitToWidth: boolean
  /** Header rows repeated at the top of every page. */
  readonly repeatRows: number
  /** Leading columns (工号, 姓名) repeated on every page. */
  readonly repeatColumns: number
  /** How many leading layout columns print (absent: all); the rest are for the screen. */
  readonly columns?: number
}

export interface SheetLayout {
  readonly name: string
  readonly columns: readonly ColumnSpec[]
  /** Header rows frozen (always 1 here) and leading columns frozen (工号, 姓名). */
  readonly frozenColumns?: number
  /** Tab colour, e.g. '#1a73e8'. */
  readonly tabColor?: string
  /**
   * SPEC §16: result columns look unlike inputs — their own header colour and a light fill on their cells
   * (month sheets, where staff type inputs and the close writes results side by side).
   */
  readonly shadeResults?: boolean
  /** Print setup (default from printSetupOf in print.ts: A4, fit to width, header row repeated). */
  readonly print?: Partial<PrintSetup>
}

/** Header fills: input columns (and every column of a sheet that does not shade results), result columns. */
export const HEADER_FILL = '#e8f0fe'
export const RESULT_HEADER_FILL = '#fce8d4'
/** The light fill of a result cell with no highlight of its own. */
export const RESULT_FILL = '#f6f6f6'

export type Highlight = 'dismissal' | 'reminder' | 'star' | 'pending' | null

/** Fill colours for highlights, shared by both hosts. */
export const HIGHLIGHT_COLORS: Readonly<Record<Exclude<Highlight, null>, string>> = {
  dismissal: '#f4c7c3', // red: 辞退或更换
  reminder: '#fce8b2', // amber: 谈话提醒
  star: '#d9ead3', // green: 每月之星 / 服务之星
  pending: '#cfe2f3', // blue: 并列待定
}

export interface SheetWrite {
  readonly sheet: string
  /** Creates the sheet when missing and (re)writes its header row, validation, notes, widths, freezes. */
  readonly layout: SheetLayout
  /**
   * What to write below the header:
   * - 'replace': the data rows become exactly `rows` (extra old rows are cleared);
   * - 'columns': only the columns named in `columns` are written, rows 2.. in order (inputs untouched);
   * - 'append': `rows` are added after the last data row;
   * - 'header': only the header/layout is ensured, no data written.
   */
  readonly mode: 'replace' | 'columns' | 'append' | 'header'
  readonly rows?: Grid
  readonly columns?: readonly string[]
  /** One highlight per data row written (for 'replace' and 'columns'); null = no fill. */
  readonly highlights?: readonly Highlight[]
  /** Protect the sheet so only these editors may change it; [] = owner only; undefined = leave as is; false = remove. */
  readonly protect?: ProtectSpec | false
  /**
   * The highlight each data row had before this write, when the workflow knows it (the fill is its own and
   * follows from the values it read): a host may then undo the fill without reading it back.
   */
  readonly previousHighlights?: readonly Highlight[]
  /** A title printed at the top of every page (xlsx page header; Sheets cannot set one, see 部署.md). */
  readonly printTitle?: string
  /**
   * Make room now for this many data rows (hosts with a fixed grid grow it ahead), so that the writes of
   * later actions fit without growing the sheet then. Only sheets that already have their layout.
   */
  readonly reserveRows?: number
  /**
   * Rewrite the header notes even when the header row already matches the layout: notes quote the rules
   * in force (§9), which may have changed since the sheet was laid out. Hosts that always write the notes
   * (the .xlsx host) may ignore it.
   */
  readonly refreshNotes?: boolean
}

export interface ProtectSpec {
  /** What the protection is for; hosts may show it (the Sheets host sets it on warning-only protections). */
  readonly description: string
  readonly editors: readonly string[]
  /**
   * What the workflow knows of the sheet's current protection, so a host may skip asking for it:
   * 'none' — the sheet carries no protection (never closed, or reopened since); 'same' — it already carries
   * exactly this protection (closed before on identical inputs, 规则 included). Undefined: unknown.
   */
  readonly known?: 'none' | 'same'
  /**
   * Warn instead of refusing: anyone may still edit (after a warning). For record sheets every close writes
   * (whoever runs it), where a strict protection would lock out the next team leader.
   */
  readonly warningOnly?: boolean
  /**
   * Columns (by header) the leaders still type into once the sheet is closed (SPEC §11: 最终档次, 备注; in
   * the year sheet also 领导评价): Sheets leaves them as unprotected ranges, .xlsx as unlocked cells.
   */
  readonly editableColumns?: readonly string[]
}

export interface LogEntry {
  readonly action: string
  readonly period: string
  readonly outcome: string
  /** The checksum of the inputs a close used (the 日志's narrow last column 校验码); '' for other actions. */
  readonly digest: string
  /** The inputs in words for the 日志's 输入摘要 (SPEC §16: no code values for clerks). */
  readonly summary?: string
}

/** The 日志 row a host appends for a plan's log entry: 时间, 操作人, 操作, 期间, 结果, 输入摘要, 校验码. */
export function logRow(entry: LogEntry, now: string, user: string): Cell[] {
  return [now, user, entry.action, entry.period, entry.outcome, entry.summary ?? '', entry.digest]
}

export interface WritePlan {
  readonly writes: readonly SheetWrite[]
  readonly log?: LogEntry
  /** Chinese summary shown to the user when the plan has been applied. */
  readonly message: string
}

export interface Workbook {
  /** IANA time zone of the spreadsheet (Sheets: getSpreadsheetTimeZone); dates are read in it. */
  readonly timeZone: string
  sheetNames(): string[]
  /** Reads the whole used range of each named sheet that exists (header row first), in one batch. */
  read(names: readonly string[]): Map<string, Grid>
  /** Applies a plan: one batched write per sheet; the log row (time, user) is added by the host. */
  apply(plan: WritePlan, progress?: (step: string, done: number, total: number) => void): void
  /** Who is acting (Sheets: the active user's email; CLI: the OS user). */
  user(): string
  /** Now, as `YYYY-MM-DD HH:mm:ss` in the workbook's time zone. */
  now(): string
  /** How this host names the actions a message asks for (menu items, or commands); default the menu's. */
  readonly naming?: HostNaming
}
