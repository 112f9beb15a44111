/**
 * Cell → typed value. Every parser returns a value or a Chinese message naming the field, never throws:
 * a bad cell is a value, not a crash. Numbers are read as the decimal the user typed (exact()).
 */
import { isLocalDate, type LocalDate, localDate } from './dates'
import { type Exact, exact } from './decimal'

export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly message: string }

/** Host-injected: a Date → its calendar date in the spreadsheet's time zone. */
export type DateReader = (d: Date) => LocalDate

function ok<T>(value: T): Parsed<T> {
  return { ok: true, value }
}

function fail<T>(message: string): Parsed<T> {
  return { ok: false, message }
}

/** Blank: undefined, null, or a string of spaces. */
export function isBlank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '')
}

/** A Date, also one made in another realm (a vm context, Apps Script's own objects). */
export function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]'
}

/** The trimmed text of a cell ('' when blank). */
export function parseText(v: unknown): string {
  if (v === undefined || v === null) return ''
  if (isDate(v)) return Number.isNaN(v.getTime()) ? '' : defaultDateReader(v)
  return String(v).trim()
}

/** How a value is quoted back to the user in a message. */
export function showValue(v: unknown): string {
  if (typeof v === 'string') return `“${v}”`
  if (isDate(v)) return Number.isNaN(v.getTime()) ? '“无效日期”' : `“${defaultDateReader(v)}”`
  return `“${String(v)}”`
}

/**
 * What a host hands over for a formula cell that has no computed value (a file written by a script and
 * never opened in Excel/WPS): not blank, not 0 (SPEC §2).
 */
export const NO_RESULT = '#NORESULT!'

const ERROR_VALUES = /^#(REF!|VALUE!|N\/A|DIV\/0!|NAME\?|NUM!|NULL!|ERROR!|SPILL!|CALC!)$/

/**
 * A cell holding a spreadsheet error (#REF!, #VALUE!, #N/A, #DIV/0!, #NAME?…) or a formula without a
 * computed value, as the message naming it; null for any other cell. Every parser checks it first, so
 * a broken formula is never read as blank or 0.
 */
export function cellError(v: unknown, field: string): string | null {
  if (typeof v !== 'string') return null
  const t = v.trim()
  if (t === NO_RESULT) return `${field}的公式没有计算结果：请在 Excel/WPS 中打开并保存后再试`
  if (ERROR_VALUES.test(t.toUpperCase())) return `${field}的公式出错（${t}），请修正公式或改填数值`
  return null
}

function errorOf<T>(v: unknown, field: string): Parsed<T> | null {
  const message = cellError(v, field)
  return message === null ? null : fail(message)
}

const NUMBER_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)$/

/** A number or numeric text (thousands separators and spaces tolerated) as an exact decimal; null otherwise. */
export function toExact(v: unknown): Exact | null {
  if (typeof v === 'number') return Number.isFinite(v) ? exact(v) : null
  if (typeof v === 'string') {
    const t = v.trim().replace(/[,，\s]/g, '')
    return NUMBER_TEXT.test(t) ? exact(t) : null
  }
  return null
}

/** 文字咨询条数, 迟到早退次数…: an integer ≥ 0; blank → 0 (or an error when `required`, as 接听电话数). */
export function parseCount(v: unknown, field: string, opts: { required?: boolean } = {}): Parsed<number> {
  const error = errorOf<number>(v, field)
  if (error) return error
  if (isBlank(v)) return opts.required ? fail(`${field}不能为空（没有的请填0）`) : ok(0)
  const x = toExact(v)
  if (x === null || x.d !== 1n || x.s < 0n) {
    return fail(`${field}应为不小于0的整数，实际为${showValue(v)}；请填写如 0、12 的整数`)
  }
  const n = Number(x.n)
  if (!Number.isSafeInteger(n)) return fail(`${field}数值过大，实际为${showValue(v)}`)
  return ok(n)
}

/** 出勤天数: > 0 and ≤ 31, in half days. */
export function parseDays(v: unknown, field: string): Parsed<Exact> {
  const error = errorOf<Exact>(v, field)
  if (error) return error
  if (isBlank(v)) return fail(`${field}不能为空`)
  const x = toExact(v)
  if (x === null || x.compare(0) <= 0 || x.compare(31) > 0 || x.mul(2).d !== 1n) {
    return fail(`${field}应为大于0且不超过31的天数（可为半天，如20.5），实际为${showValue(v)}`)
  }
  return ok(x)
}

const TRUE_TEXTS = new Set(['是', 'Y', 'YES', 'TRUE', '1', '√', '✓', '✔', '对'])
const FALSE_TEXTS = new Set(['否', 'N', 'NO', 'FALSE', '0', '×', '✗', '错'])

/** 是/否, Y/N, TRUE/FALSE, 1/0, √; blank = 否. */
export function parseBool(v: unknown, field: string): Parsed<boolean> {
  const error = errorOf<boolean>(v, field)
  if (error) return error
  if (isBlank(v)) return ok(false)
  if (typeof v === 'boolean') return ok(v)
  if (v === 1 || v === 0) return ok(v === 1)
  if (typeof v === 'string') {
    const t = v.trim().toUpperCase()
    if (TRUE_TEXTS.has(t)) return ok(true)
    if (FALSE_TEXTS.has(t)) return ok(false)
  }
  return fail(`${field}应为“是”或“否”（也可填 Y/N、TRUE/FALSE、1/0、√ 或留空），实际为${showValue(v)}`)
}

/**
 * 满意率 as a fraction 0–1 (第七条（四）): a number in [0, 1] is a fraction (a %-formatted cell holds
 * 0.965), a number in (1, 100] is a percentage, text like '96.5%' is a percentage. Blank is an error.
 */
export function parseRate(v: unknown, field: string): Parsed<Exact> {
  const error = errorOf<Exact>(v, field)
  if (error) return error
  if (isBlank(v)) return fail(`${field}不能为空`)
  const bad = fail<Exact>(`${field}应为0到100%之间的比率（如 96.5%、96.5 或 0.965），实际为${showValue(v)}`)
  let x: Exact | null
  let percent = false
  if (typeof v === 'string' && /[%％]\s*$/.test(v)) {
    x = toExact(v.trim().replace(/[%％]$/, ''))
    percent = true
  } else {
    x = toExact(v)
  }
  if (x === null || x.s < 0n) return bad
  if (percent) return x.compare(100) <= 0 ? ok(x.div(100)) : bad
  if (x.compare(1) <= 0) return ok(x)
  if (x.compare(100) <= 0) return ok(x.div(100))
  return bad
}

/**
 * 领导评价 (第七条（三）, 第十条): 0 to `max` (rule leader.max, 10 by default), at most one decimal. Blank is
 * an error. A formula's 0.7999999999999999 (`=0.7+0.1`) reads as 0.8 (SPEC §2) and is accepted.
 */
export function parseRating(v: unknown, field: string, max: number | Exact = 10): Parsed<Exact> {
  const error = errorOf<Exact>(v, field)
  if (error) return error
  if (isBlank(v)) return fail(`${field}不能为空`)
  const x = toExact(v)
  const top = exact(max)
  const bad = `${field}应为0到${top.toString()}之间、最多一位小数的分数，实际为${showValue(v)}`
  if (x === null || x.compare(0) < 0 || x.compare(top) > 0) return fail(`${bad}；请填写如 8.5 的分数`)
  if (x.mul(10).d !== 1n) return fail(`${bad}；请填写如 ${toFixedText(x)} 的分数`)
  return ok(x)
}

function toFixedText(x: Exact): string {
  return x.round(1).toString()
}

/** 通话总时长: seconds (a whole number ≥ 0), or text h:mm:ss / mm:ss. */
export function parseDuration(v: unknown, field: string): Parsed<number> {
  const error = errorOf<number>(v, field)
  if (error) return error
  if (typeof v === 'string') {
    const m = /^(\d+):([0-5]?\d)(?::([0-5]?\d))?$/.exec(v.trim())
    if (m) {
      const [h, mi, se] =
        m[3] === undefined ? [0, Number(m[1]), Number(m[2])] : [Number(m[1]), Number(m[2]), Number(m[3])]
      return ok(h * 3600 + mi * 60 + se)
    }
  }
  const x = toExact(v)
  if (x === null || x.s < 0n)
    return fail(`${field}应为秒数或“时:分:秒”（如 36000 或 10:00:00），实际为${showValue(v)}`)
  return ok(Number(x.round(0).valueOf()))
}

/** Any decimal, optionally bounded (inclusive); blank → `blankAs` when given, else an error. */
export function parseDecimal(
  v: unknown,
  field: string,
  opts: { min?: number; max?: number; blankAs?: number } = {},
): Parsed<Exact> {
  const error = errorOf<Exact>(v, field)
  if (error) return error
  if (isBlank(v)) return opts.blankAs === undefined ? fail(`${field}不能为空`) : ok(exact(opts.blankAs))
  const x = toExact(v)
  if (x === null) return fail(`${field}应为数值，实际为${showValue(v)}`)
  const { min, max } = opts
  if (min !== undefined && x.compare(min) < 0) {
    return fail(
      max === undefined
        ? `${field}不能小于${min}，实际为${showValue(v)}`
        : `${field}应在${min}到${max}之间，实际为${showValue(v)}`,
    )
  }
  if (max !== undefined && x.compare(max) > 0) {
    return fail(
      min === undefined
        ? `${field}不能大于${max}，实际为${showValue(v)}`
        : `${field}应在${min}到${max}之间，实际为${showValue(v)}`,
    )
  }
  return ok(x)
}

/** The runtime's own calendar reading of a Date (hosts pass a reader for the spreadsheet's time zone). */
export const defaultDateReader: DateReader = (d) => localDate(d.getFullYear(), d.getMonth() + 1, d.getDate())

const DATE_TEXTS = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})$/,
  /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/,
  /^(\d{4})\.(\d{1,2})\.(\d{1,2})$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/,
]

/** A date cell: a Date (read by `readDate`), or text 2026-05-01, 2026/5/1, 2026年5月1日. Blank is an error. */
export function parseDate(
  v: unknown,
  field: string,
  readDate: DateReader = defaultDateReader,
): Parsed<LocalDate> {
  const error = errorOf<LocalDate>(v, field)
  if (error) return error
  if (isBlank(v)) return fail(`${field}不能为空`)
  if (isDate(v)) {
    if (Number.isNaN(v.getTime())) return fail(`${field}不是有效日期`)
    return ok(readDate(v))
  }
  if (typeof v === 'string') {
    // Hosts hand dates over as ISO text already: the common case needs no pattern search.
    if (v.length === 10 && isLocalDate(v)) return ok(v)
    const t = v.trim().replace(/\s+/g, '')
    for (const re of DATE_TEXTS) {
      const m = re.exec(t)
      if (!m) continue
      const date = localDate(Number(m[1]), Number(m[2]), Number(m[3]))
      if (isLocalDate(date)) return ok(date)
      return fail(`${field}不是存在的日期：${showValue(v)}`)
    }
  }
  // A date serial (a date cell whose format was changed to a number, e.g. 45293 = 2024-01-02) is not
  // guessed at: the same number could be a typo. The message says how to fix the cell instead.
  const serial = typeof v === 'number' && Number.isInteger(v) && v >= 20000 && v <= 80000
  const hint = serial ? '：看起来是被设成数字格式的日期，请把单元格格式改为日期后重新输入' : ''
  return fail(`${field}应为日期（如 2026-05-01），实际为${showValue(v)}${hint}`)
}
