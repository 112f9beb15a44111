/**
 * 月度结果汇总: the compact record of every closed month's ranking results (月份, 工号, 姓名, 参与考核,
 * 月度总分, 排名, 每月之星, 倒数前三), written by each month close with the same frozen values as the month
 * sheet. Later closes read it instead of the month sheets: 第十五条/第十六条（一）history (month close),
 * the quarter's three months (第九条) and the year's twelve (第十条) — one read, however many months the book
 * holds. A month closed before this sheet existed (an older book) has no rows here: its month sheet is read
 * instead (`legacyMonths`), so results never depend on which version closed a month.
 */
import { groupBy } from '../core/collections'
import { type Exact, exact } from '../core/decimal'
import { parseText } from '../core/parse'
import type { MonthKey } from '../core/period'
import type { MonthStanding } from '../core/sanctions'
import { monthSheetName, SHEET, SUMMARY_LAYOUT } from './layouts'
import { cellOf, idOf, isBlankCell, numberOf, periodText, type Table, table } from './read'
import { CLOSE_ACTION, REOPEN_ACTION } from './state'
import type { Cell, Grid, ProtectSpec, SheetWrite, Workbook } from './types'

export const YES = '是'
export const NO = '否'

/** One operator's row of one closed month. */
export interface SummaryRow {
  readonly month: MonthKey
  readonly id: string
  readonly name: string
  /** Assessed that month (参与考核 是). */
  readonly eligible: boolean
  /** The frozen 月度总分 as written (null: not scored); exact values are made only where they are summed. */
  readonly total: number | null
  /** 排名 (null: not ranked). */
  readonly rank: number | null
  readonly star: boolean
  readonly bottom: boolean
}

/** Rows by month, each month's rows in sheet order. */
export type Summary = ReadonlyMap<MonthKey, readonly SummaryRow[]>

/** The rows of 月度结果汇总, by month; only the `months` asked for when given (a close needs a year at most). */
export function readSummary(t: Table, months?: readonly MonthKey[]): Map<MonthKey, SummaryRow[]> {
  const rows: SummaryRow[] = []
  const wanted = months ? new Set<string>(months) : null
  for (const row of t.rows) {
    const month = periodText(cellOf(t, row, '月份'))
    if (wanted ? !wanted.has(month) : !/^\d{4}-\d{2}$/.test(month)) continue
    const id = idOf(cellOf(t, row, '工号'))
    if (id === '') continue
    const total = numberOf(cellOf(t, row, '月度总分'))
    const rank = numberOf(cellOf(t, row, '排名'))
    const r: SummaryRow = {
      month,
      id,
      name: parseText(cellOf(t, row, '姓名')),
      eligible: parseText(cellOf(t, row, '参与考核')) === YES,
      total,
      rank,
      star: !isBlankCell(cellOf(t, row, '每月之星')),
      bottom: rank !== null && !isBlankCell(cellOf(t, row, '倒数前三')),
    }
    rows.push(r)
  }
  return groupBy(rows, (r) => r.month)
}

/**
 * The same rows from a month sheet's frozen result columns (an older book's month closed before 月度结果汇总
 * existed). 参与考核 is 是 for a scored row (an ineligible row has no 月度总分).
 */
export function summaryFromMonthSheet(t: Table, month: MonthKey): SummaryRow[] {
  const out: SummaryRow[] = []
  for (const row of t.rows) {
    const id = idOf(cellOf(t, row, '工号'))
    if (id === '') continue
    const total = numberOf(cellOf(t, row, '月度总分'))
    const rank = numberOf(cellOf(t, row, '排名'))
    out.push({
      month,
      id,
      name: parseText(cellOf(t, row, '姓名')),
      eligible: total !== null,
      total,
      rank,
      star: !isBlankCell(cellOf(t, row, '每月之星')),
      bottom: rank !== null && !isBlankCell(cellOf(t, row, '倒数前三')),
    })
  }
  return out
}

/**
 * Months among `months` that were closed at some time (a close in 日志, even if reopened since) but have no
 * rows in 月度结果汇总: closed by an older version, their month sheets must be read instead.
 */
export function legacyMonths(log: Table, months: readonly MonthKey[], summary: Summary): MonthKey[] {
  const closed = new Set<string>()
  for (const row of log.rows) {
    const action = parseText(cellOf(log, row, '操作'))
    if (action === CLOSE_ACTION.month || action === REOPEN_ACTION)
      closed.add(periodText(cellOf(log, row, '期间')))
  }
  return months.filter((m) => closed.has(m) && !summary.has(m))
}

/** 第十五条/第十六条（一）: each operator's standings in the given months (a month not listed: absent). */
export function standings(summary: Summary, months: readonly MonthKey[]): Map<string, MonthStanding[]> {
  const rows = months.flatMap((month) => summary.get(month) ?? [])
  const out = new Map<string, MonthStanding[]>()
  for (const [id, list] of groupBy(rows, (r) => r.id))
    out.set(
      id,
      list.map((r) => ({ month: r.month, ranked: r.rank !== null, bottom: r.bottom })),
    )
  return out
}

/** Frozen 月度总分 per 工号 for one month. */
export function totalsOf(summary: Summary, month: MonthKey): Map<string, Exact> {
  const out = new Map<string, Exact>()
  for (const r of summary.get(month) ?? []) if (r.total !== null) out.set(r.id, exact(r.total))
  return out
}

/** The grid a digest records for these months (what a quarter or year close was computed from). */
export function summaryGrid(summary: Summary, months: readonly MonthKey[]): Grid {
  return months.flatMap((m) => (summary.get(m) ?? []).map(toCells))
}

function toCells(r: SummaryRow): Cell[] {
  return [
    r.month,
    r.id,
    r.name,
    r.eligible ? YES : NO,
    r.total ?? '',
    r.rank ?? '',
    r.star ? YES : '',
    r.bottom ? YES : '',
  ]
}

const bySummaryOrder = (
  a: { month: string; rank: number | null },
  b: { month: string; rank: number | null },
) => {
  if (a.month !== b.month) return a.month < b.month ? -1 : 1
  // Ranked rows first by 排名; unranked rows keep their order after them.
  const ra = a.rank ?? Number.POSITIVE_INFINITY
  const rb = b.rank ?? Number.POSITIVE_INFINITY
  return ra === rb ? 0 : ra < rb ? -1 : 1
}

/**
 * The write of a month close: `month`'s rows replaced by `rows` (cells as in the layout), other months'
 * rows kept as they are, ordered by 月份 then 排名. Protected (warning only) when the sheet is new: every
 * close writes it, whoever runs it.
 */
export function summaryWrite(current: Table, month: MonthKey, rows: readonly Cell[][]): SheetWrite {
  const kept: { month: string; rank: number | null; cells: readonly Cell[] }[] = []
  // A sheet in the layout's own column order (as the closes write it) keeps its rows as they are.
  const aligned = SUMMARY_LAYOUT.columns.every((c, i) => current.columns.get(c.header) === i)
  const width = SUMMARY_LAYOUT.columns.length
  for (const row of current.rows) {
    const m = periodText(cellOf(current, row, '月份'))
    if (m === month) continue
    kept.push({
      month: m,
      rank: numberOf(cellOf(current, row, '排名')),
      cells:
        aligned && row.cells.length === width
          ? row.cells
          : SUMMARY_LAYOUT.columns.map((c) => cellOf(current, row, c.header)),
    })
  }
  const fresh = rows.map((cells) => ({
    month,
    rank: typeof cells[5] === 'number' ? cells[5] : null,
    cells: [...cells],
  }))
  const all = [...kept, ...fresh].sort(bySummaryOrder)
  return {
    sheet: SHEET.summary,
    layout: SUMMARY_LAYOUT,
    mode: 'replace',
    rows: all.map((a) => [...a.cells]),
    ...(current.exists ? {} : { protect: SUMMARY_PROTECT }),
  }
}

/**
 * 月度结果汇总's protection, set when the sheet is created: a warning, not a lock, because every month close
 * writes it — whoever of the team leaders runs it — while nobody should edit it by hand.
 */
export const SUMMARY_PROTECT: ProtectSpec = {
  description: '月度结果汇总：由月度结算写入，请勿修改',
  editors: [],
  known: 'none',
  warningOnly: true,
}

/**
 * The frozen results of closed months — the one reader of them, for the month close's history (第十五条、
 * 第十六条（一）), the quarter and year closes: from 月度结果汇总, and for months closed before it existed (an
 * older book) from their month sheets (read then, in one batch).
 */
export function closedMonthResults(
  book: Workbook,
  grids: ReadonlyMap<string, Grid>,
  log: Table,
  months: readonly MonthKey[],
): Map<MonthKey, SummaryRow[]> {
  const summary = readSummary(table(SHEET.summary, grids.get(SHEET.summary)), months)
  const legacy = legacyMonths(log, months, summary)
  if (legacy.length > 0) {
    const sheets = book.read(legacy.map(monthSheetName))
    for (const m of legacy)
      summary.set(m, summaryFromMonthSheet(table(monthSheetName(m), sheets.get(monthSheetName(m))), m))
  }
  const out = new Map<MonthKey, SummaryRow[]>()
  for (const m of months) out.set(m, summary.get(m) ?? [])
  return out
}
