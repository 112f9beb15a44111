/**
 * Cells to and from sheet values. Dates are read and written in the spreadsheet's own time zone, never the
 * runtime's; every string a workflow writes stays text (a leading = + - @ is quoted, never evaluated).
 */
import { isDate } from '../../core/parse'
import type { Cell, ColumnSpec } from '../../workbook/types'

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/
/** Text a spreadsheet would evaluate (formula, sign, mention) unless quoted. */
export const FORMULA_LIKE = /^[=+\-@]/

const isTextColumn = (c: ColumnSpec | undefined): boolean => !c || c.type === 'text' || c.type === 'enum'

export function padRow<T>(row: readonly T[] | undefined, width: number, blank: T): T[] {
  const out: T[] = []
  for (let i = 0; i < width; i++) out.push(row?.[i] ?? blank)
  return out
}

/** A value read back for restoring: strings that would be re-parsed are quoted so they come back as text. */
export function keepAsTyped(v: unknown): unknown {
  if (typeof v === 'string' && v !== '') return `'${v}`
  return v
}

/** Consecutive runs of indexes: [1, 2, 3, 7] → [[1, 3], [7, 7]]. */
export function runs(indexes: readonly number[]): [number, number][] {
  const sorted = [...new Set(indexes)].sort((a, b) => a - b)
  const out: [number, number][] = []
  for (const i of sorted) {
    const last = out[out.length - 1]
    if (last && last[1] === i - 1) last[1] = i
    else out.push([i, i])
  }
  return out
}

/** Converts cells in the spreadsheet's time zone (asked once), remembering each date it converted. */
export class CellCodec {
  private readonly dateText = new Map<number, string>()
  private readonly dateValue = new Map<string, Date>()

  constructor(
    private readonly utilities: GoogleAppsScript.Utilities.Utilities,
    private readonly timeZone: () => string,
  ) {}

  /** A raw value as getValues returns it → a workflow's cell ('' for empty, ISO text for dates). */
  fromSheet(v: unknown): Cell {
    if (v === null || v === undefined) return ''
    if (isDate(v)) {
      const t = v.getTime()
      let text = this.dateText.get(t)
      if (text === undefined) {
        text = this.utilities.formatDate(v, this.timeZone(), 'yyyy-MM-dd')
        this.dateText.set(t, text)
      }
      return text
    }
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v
    return String(v)
  }

  /** A workflow's cell as the value to give setValues: strings stay text, ISO dates in date columns become dates. */
  toSheet(v: Cell, column: ColumnSpec | undefined): unknown {
    if (typeof v !== 'string' || v === '') return v
    if (column?.type === 'date' && ISO_DATE.test(v)) return this.dateAt(v)
    // Plain-text ('@') columns keep any string as typed except a leading = + - @; elsewhere every string is quoted.
    if (isTextColumn(column)) return FORMULA_LIKE.test(v) ? `'${v}` : v
    return `'${v}`
  }

  /** Midnight of `date` in the spreadsheet's time zone. */
  private dateAt(date: string): Date {
    let d = this.dateValue.get(date)
    if (!d) {
      d = this.utilities.parseDate(date, this.timeZone(), 'yyyy-MM-dd')
      this.dateValue.set(date, d)
    }
    return d
  }
}
