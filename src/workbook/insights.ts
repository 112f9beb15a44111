/**
 * The data behind the dashboards (`看板`, the offline report, the sidebar): read from a workbook's frozen
 * results through the Workbook interface, in one batch, never recomputed — a closed period shows exactly
 * what was closed. Per-operator month totals over the year, the month's score distribution, component
 * breakdown, stars and alerts by month, open alerts, 补休 expiring soon, deadlines with days left.
 */
import { daysBetween, isLocalDate, type LocalDate } from '../core/dates'
import { type DeadlineKind, deadline, deadlineKinds } from '../core/deadlines'
import { exact, mean as meanExact, toCellNumber } from '../core/decimal'
import { type DayOverride, type WorkCalendar, workCalendar } from '../core/holidays'
import { EXPIRING_SOON_DAYS } from '../core/leave'
import type { MonthBreakdown } from '../core/model'
import { parseText } from '../core/parse'
import {
  formatPeriod,
  type MonthKey,
  monthPeriod,
  monthsOf,
  type Period,
  parseMonthKey,
  periodLabel,
  shiftMonth,
} from '../core/period'
import type { Rules } from '../core/rules'
import { daysLeftText, deadlineDoneOn } from './deadline-status'
import { BREAKDOWN_COLUMNS, monthSheetName, quarterSheetName, SHEET, yearSheetName } from './layouts'
import { ledgerStatus } from './leave-ledger'
import { objectionDeadline } from './objections'
import {
  cellOf,
  flagOf,
  idOf,
  numberOf,
  readHolidays,
  readObjections,
  rulesByPeriod,
  type Table,
  table,
} from './read'
import { legacyMonths, readSummary, type SummaryRow } from './summary'
import type { Cell, Grid, Workbook } from './types'
import { readWatch, type WatchRow } from './watch-list'

/** Kept here for the report, the sidebar and the 看板, which read insights. */
export { daysLeftText } from './deadline-status'

export type { WatchRow } from './watch-list'

// ── Reading sheets by header (src/workbook/read.ts) ───────────────────────────────────────────────────

function dateText(cell: Cell): LocalDate | null {
  const t = parseText(cell).slice(0, 10)
  return isLocalDate(t) ? t : null
}

/** 节假日 as the closes read it (read.ts's one reader); rows with problems are left out here. */
export function readDayOverrides(grid: Grid | undefined): DayOverride[] {
  return readHolidays(table(SHEET.holidays, grid), [])
}

// ── The model ─────────────────────────────────────────────────────────────────────────────────────────

export type ComponentKey = Exclude<keyof MonthBreakdown, 'total'>

const COMPONENT_COLORS: Readonly<Record<ComponentKey, string>> = {
  workload: '#1a73e8',
  attendance: '#188038',
  leader: '#9334e6',
  satisfaction: '#e8710a',
  qc: '#12b5cb',
}

/** The five components of 第七条 (the month sheet's columns, layouts.ts) with a chart colour each. */
export const COMPONENTS = BREAKDOWN_COLUMNS.flatMap((c) =>
  c.key === 'total' ? [] : [{ ...c, key: c.key, color: COMPONENT_COLORS[c.key] }],
)

/** One row of a closed month sheet. */
export interface MonthRow {
  readonly id: string
  readonly name: string
  /** false: 不参与 (note says why) or not closed yet. */
  readonly scored: boolean
  readonly components: Readonly<Record<ComponentKey, number | null>>
  readonly total: number | null
  readonly rank: number | null
  readonly star: boolean
  readonly bottom: boolean
  /** The 预警 column as written by the close (triggers, or `不参与：…`). */
  readonly note: string
}

export interface OperatorTrend {
  readonly id: string
  readonly name: string
  /** Month totals, one per month of the year; null = no score that month. */
  readonly totals: readonly (number | null)[]
}

export interface MonthSummary {
  readonly month: MonthKey
  /** The month sheet has frozen totals. */
  readonly closed: boolean
  readonly scored: number
  readonly average: number | null
  readonly stars: number
  readonly bottom: number
  readonly reminders: number
  readonly dismissals: number
}

export interface Bin {
  readonly label: string
  readonly from: number
  readonly to: number
  readonly count: number
}

export interface AlertRow {
  readonly month: string
  readonly id: string
  readonly name: string
  readonly level: string
  readonly clause: string
  readonly reason: string
}

export interface LeaveRow {
  readonly id: string
  readonly name: string
  readonly source: string
  readonly earned: string
  readonly days: number
  readonly taken: number
  readonly remaining: number
  readonly expires: LocalDate
  /** Days from asOf to the expiry date (0 = expires today). */
  readonly daysLeft: number
  readonly status: string
}

export interface DeadlineRow {
  readonly period: string
  readonly label: string
  readonly which: DeadlineKind
  readonly nominal: LocalDate
  readonly due: LocalDate
  /** Days from asOf to the due date; negative = overdue. */
  readonly daysLeft: number
  readonly reason: string
  /** The day the 日志 records the work done (生成公示 for 初评, the close for 终评); null = not yet. */
  readonly doneOn: LocalDate | null
}

/** An objection to a month's 公示 not settled yet (第八条), with the 终评 deadline it must be settled by. */
export interface OpenObjection {
  readonly month: MonthKey
  /** The row of the 异议 sheet. */
  readonly row: number
  readonly id: string
  readonly name: string
  readonly matter: string
  readonly raised: string
  /** The month's 终评 deadline (节假日 included); null when the holiday data for it is missing. */
  readonly due: LocalDate | null
  /** Days from asOf to `due`; negative = overdue; null without a due date. */
  readonly daysLeft: number | null
}

/** A row of the quarter or year sheet. */
export interface PeriodRow {
  readonly id: string
  readonly name: string
  readonly months: readonly (number | null)[]
  readonly score: number | null
  readonly rank: number | null
  readonly serviceStar: boolean
  readonly proposedTier: string
  readonly finalTier: string
  readonly note: string
  /** Year only. */
  readonly average?: number | null
  readonly base?: number | null
  readonly leaderRating?: number | null
  readonly leaderBand?: string
}

export interface Summary {
  readonly scored: number
  readonly notScored: number
  readonly average: number | null
  readonly max: number | null
  readonly min: number | null
  readonly stars: number
  readonly reminders: number
  readonly dismissals: number
}

export interface Insights {
  readonly period: Period
  /** `2026-05`, `2026-Q2`, `2026`. */
  readonly periodText: string
  /** `2026年5月`. */
  readonly label: string
  readonly year: number
  readonly asOf: LocalDate
  /** The month whose distribution and components are shown: the period's month, or its last closed month. */
  readonly focusMonth: MonthKey | null
  /** The twelve months of the year, `YYYY-01` … `YYYY-12`. */
  readonly months: readonly MonthKey[]
  readonly trends: readonly OperatorTrend[]
  /** Mean of the scored totals per month (null when none). */
  readonly teamAverage: readonly (number | null)[]
  readonly monthRows: readonly MonthRow[]
  readonly summary: Summary
  /**
   * The period the summary's figures are for (`2025年度`, `2025年第2季度`, `2025年12月`): a closed quarter or
   * year's cards are its own figures (who was assessed, mean, top, bottom, stars and alerts of the period),
   * otherwise the focus month's scores with the period's stars and alerts.
   */
  readonly summaryLabel: string
  readonly distribution: readonly Bin[]
  readonly byMonth: readonly MonthSummary[]
  /** Quarter or year sheet rows (empty for a month, or when the period is not closed yet). */
  readonly periodRows: readonly PeriodRow[]
  /** 预警 rows for the months of the period. */
  readonly alerts: readonly AlertRow[]
  /** 预警 rows still open at asOf: the latest closed month's triggers, 派驻缺位 and 派驻更换 rows. */
  readonly openAlerts: readonly AlertRow[]
  /** 关注名单 (SPEC §17) of the period's last closed month: one event away from a clause next month. */
  readonly watch: readonly WatchRow[]
  /** 关注名单 of the latest closed month at asOf (the list in force, as openAlerts). */
  readonly openWatch: readonly WatchRow[]
  /** 补休 not fully taken, expiring within `expiringWithinDays` of asOf. */
  readonly expiringLeave: readonly LeaveRow[]
  /** Every objection in 异议 without a 处理结果 yet, soonest 终评 deadline first (第八条). */
  readonly openObjections: readonly OpenObjection[]
  /** The period's own deadlines (初评, 终评). */
  readonly deadlines: readonly DeadlineRow[]
  /** Deadlines falling in asOf's month (for the previous month, quarter, year). */
  readonly upcomingDeadlines: readonly DeadlineRow[]
  /** Chinese notes for the reader: months not closed, holiday data missing… */
  readonly notices: readonly string[]
}

export interface InsightOptions {
  /** Today, `YYYY-MM-DD` (default: the workbook's now()). */
  readonly asOf?: LocalDate
  /** 补休 expiring within this many days is listed (default 14). */
  readonly expiringWithinDays?: number
}

function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null
  return toCellNumber(meanExact(values.map((v) => exact(v))), 2)
}

/** Reads a month sheet's rows (inputs are ignored; results as frozen by the close). */
export function readMonthRows(grid: Grid | undefined, sheet = ''): MonthRow[] {
  const t = table(sheet, grid)
  return t.rows
    .map((row): MonthRow => {
      const total = numberOf(cellOf(t, row, '月度总分'))
      const components = Object.fromEntries(
        COMPONENTS.map((c) => [c.key, numberOf(cellOf(t, row, c.header))]),
      ) as Record<ComponentKey, number | null>
      return {
        id: idOf(cellOf(t, row, '工号')),
        name: parseText(cellOf(t, row, '姓名')),
        scored: total !== null,
        components,
        total,
        rank: numberOf(cellOf(t, row, '排名')),
        star: flagOf(cellOf(t, row, '每月之星')),
        bottom: flagOf(cellOf(t, row, '倒数前三')),
        note: parseText(cellOf(t, row, '预警')),
      }
    })
    .filter((r) => r.id !== '')
}

export function readAlerts(grid: Grid | undefined): AlertRow[] {
  const t = table(SHEET.alerts, grid)
  return t.rows
    .map((row) => ({
      month: parseText(cellOf(t, row, '月份')).slice(0, 7),
      id: idOf(cellOf(t, row, '工号')),
      name: parseText(cellOf(t, row, '姓名')),
      level: parseText(cellOf(t, row, '级别')),
      clause: parseText(cellOf(t, row, '条款')),
      reason: parseText(cellOf(t, row, '原因')),
    }))
    .filter((a) => a.id !== '' || a.reason !== '')
}

export function readLeave(grid: Grid | undefined, asOf: LocalDate): LeaveRow[] {
  const t = table(SHEET.leave, grid)
  const out: LeaveRow[] = []
  for (const row of t.rows) {
    const expires = dateText(cellOf(t, row, '截止日期'))
    const days = numberOf(cellOf(t, row, '天数')) ?? 0
    const taken = numberOf(cellOf(t, row, '已休天数')) ?? 0
    if (!expires) continue
    out.push({
      id: idOf(cellOf(t, row, '工号')),
      name: parseText(cellOf(t, row, '姓名')),
      source: parseText(cellOf(t, row, '来源')),
      earned: dateText(cellOf(t, row, '获得日期')) ?? parseText(cellOf(t, row, '获得日期')),
      days,
      taken,
      remaining: toCellNumber(exact(days).sub(exact(taken))),
      expires,
      daysLeft: daysBetween(asOf, expires),
      // SPEC §13: the state on asOf, as 刷新 would write it (the cell may be from an earlier day).
      status:
        ledgerStatus(cellOf(t, row, '天数'), expires, cellOf(t, row, '已休天数'), asOf) ||
        parseText(cellOf(t, row, '状态')),
    })
  }
  return out
}

/** 补休 with days left to take that expires within `within` days (already expired ones are not listed). */
export function expiringLeave(rows: readonly LeaveRow[], within: number): LeaveRow[] {
  const closedStatus = /已休完|作废/
  return rows
    .filter((r) => r.remaining > 0 && r.daysLeft >= 0 && r.daysLeft <= within && !closedStatus.test(r.status))
    .sort((a, b) => a.expires.localeCompare(b.expires) || a.id.localeCompare(b.id))
}

function readPeriodRows(
  grid: Grid | undefined,
  sheet: string,
  months: readonly MonthKey[],
  year: boolean,
): PeriodRow[] {
  const t = table(sheet, grid)
  return t.rows
    .map((row): PeriodRow => {
      const base: PeriodRow = {
        id: idOf(cellOf(t, row, '工号')),
        name: parseText(cellOf(t, row, '姓名')),
        months: months.map((m) => numberOf(cellOf(t, row, m))),
        score: numberOf(cellOf(t, row, year ? '年度得分' : '季度得分')),
        rank: numberOf(cellOf(t, row, '排名')),
        serviceStar: flagOf(cellOf(t, row, '服务之星')),
        proposedTier: parseText(cellOf(t, row, '建议档次')),
        finalTier: parseText(cellOf(t, row, '最终档次')),
        note: parseText(cellOf(t, row, '备注')),
      }
      if (!year) return base
      return {
        ...base,
        average: numberOf(cellOf(t, row, '月度平均分')),
        base: numberOf(cellOf(t, row, '基础得分')),
        leaderRating: numberOf(cellOf(t, row, '领导评价')),
        leaderBand: parseText(cellOf(t, row, '领导评价档次')),
      }
    })
    .filter((r) => r.id !== '')
}

/** Histogram bins of width 5 over the scored totals (at least 60–100, widened to fit outliers). */
export function distribution(totals: readonly number[], width = 5): Bin[] {
  if (totals.length === 0) return []
  const lo = Math.min(60, Math.floor(Math.min(...totals) / width) * width)
  const hi = Math.max(100, (Math.floor(Math.max(...totals) / width) + 1) * width)
  const bins: Bin[] = []
  for (let from = lo; from < hi; from += width) {
    const to = from + width
    bins.push({ label: `${from}–${to}`, from, to, count: totals.filter((v) => v >= from && v < to).length })
  }
  return bins
}

function deadlineRows(
  periods: readonly { period: Period; which: readonly DeadlineKind[] }[],
  asOf: LocalDate,
  calendar: WorkCalendar,
  rulesOf: (period: Period) => Rules,
  notices: string[],
  log: Table,
): DeadlineRow[] {
  const out: DeadlineRow[] = []
  for (const { period, which } of periods) {
    const rules = rulesOf(period)
    for (const w of which) {
      try {
        const d = deadline(period, w, calendar, rules)
        out.push({
          period: formatPeriod(period),
          label: periodLabel(period),
          which: w,
          nominal: d.nominal,
          due: d.due,
          daysLeft: daysBetween(asOf, d.due),
          reason: d.reason,
          doneOn: deadlineDoneOn(log, formatPeriod(period), w),
        })
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e)
        if (!notices.includes(message)) notices.push(message)
      }
    }
  }
  return out.sort((a, b) => a.due.localeCompare(b.due))
}

/** 姓名 by 工号: 人员's, then the month sheets' for anyone no longer listed there. */
function rosterNames(grid: Grid | undefined, seen: ReadonlyMap<string, string>): Map<string, string> {
  const t = table(SHEET.roster, grid)
  const out = new Map(seen)
  for (const row of t.rows) {
    const id = idOf(cellOf(t, row, '工号'))
    const name = parseText(cellOf(t, row, '姓名'))
    if (id !== '' && name !== '') out.set(id, name)
  }
  return out
}

/** The open objections of the 异议 sheet with their month's 终评 deadline (第八条), soonest first. */
function openObjections(
  grids: ReadonlyMap<string, Grid>,
  asOf: LocalDate,
  calendar: WorkCalendar,
  rulesOf: (period: Period) => Rules,
  names: ReadonlyMap<string, string>,
): OpenObjection[] {
  const t = table(SHEET.objections, grids.get(SHEET.objections))
  return readObjections(t, new Set(names.keys()), [])
    .filter((o) => o.value.open)
    .map(({ row, value: o }): OpenObjection => {
      const { due } = objectionDeadline(o.month, calendar, rulesOf(monthPeriod(o.month)))
      return {
        month: o.month,
        row,
        id: o.id,
        name: o.name || (names.get(o.id) ?? ''),
        matter: o.matter,
        raised: o.raised ?? '',
        due: due?.due ?? null,
        daysLeft: due ? daysBetween(asOf, due.due) : null,
      }
    })
    .sort((a, b) => (a.due ?? '9999').localeCompare(b.due ?? '9999') || a.row - b.row)
}

/** The periods whose deadlines fall in the month of `asOf`: last month, the quarter / year it closed. */
export function periodsDueIn(asOf: LocalDate): { period: Period; which: readonly DeadlineKind[] }[] {
  const prev = shiftMonth(asOf.slice(0, 7), -1)
  const { year, month } = parseMonthKey(prev)
  const periods: Period[] = [
    monthPeriod(prev),
    ...(month % 3 === 0 ? [{ kind: 'quarter', year, quarter: month / 3 } as const] : []),
    ...(month === 12 ? [{ kind: 'year', year } as const] : []),
  ]
  return periods.map((period) => ({ period, which: deadlineKinds(period) }))
}

/** Every sheet the dashboards read, for one batched read. */
export function insightSheets(period: Period): string[] {
  const year = period.year
  const months = monthsOf({ kind: 'year', year })
  return [
    SHEET.rules,
    SHEET.holidays,
    SHEET.alerts,
    SHEET.watch,
    SHEET.leave,
    SHEET.objections,
    SHEET.roster,
    SHEET.log,
    ...months.map(monthSheetName),
    ...[1, 2, 3, 4].map((q) => quarterSheetName({ kind: 'quarter', year, quarter: q })),
    yearSheetName(year),
  ]
}

/** The quarter or year sheet a period's dashboard shows (none for a month). */
function periodSheet(period: Period): string | null {
  if (period.kind === 'quarter') return quarterSheetName(period)
  if (period.kind === 'year') return yearSheetName(period.year)
  return null
}

/** A 月度结果汇总 row as the dashboards see a month row (its components stay on the month sheet). */
function fromSummary(r: SummaryRow): MonthRow {
  return {
    id: r.id,
    name: r.name,
    scored: r.total !== null,
    components: { workload: null, attendance: null, leader: null, satisfaction: null, qc: null },
    total: r.total,
    rank: r.rank,
    star: r.star,
    bottom: r.bottom,
    note: '',
  }
}

/**
 * The dashboard model for a period, from the workbook's frozen results. What it reads does not depend on
 * how many months the book holds: 规则, 节假日, 预警, 补休, 日志, 月度结果汇总 (every month's totals, stars,
 * bottom three) and the period's own sheet, then the one month sheet whose components are shown. Months
 * closed before 月度结果汇总 existed are read from their month sheets; a book without it at all (made
 * by hand, or before it existed) is read the old way, every month sheet of the year.
 */
export function buildInsights(book: Workbook, period: Period, options: InsightOptions = {}): Insights {
  const asOf = options.asOf ?? book.now().slice(0, 10)
  const within = options.expiringWithinDays ?? EXPIRING_SOON_DAYS
  const own = periodSheet(period)
  const fixed = [
    SHEET.rules,
    SHEET.holidays,
    SHEET.alerts,
    SHEET.watch,
    SHEET.leave,
    SHEET.log,
    SHEET.summary,
    SHEET.objections,
    SHEET.roster,
  ]
  const grids = book.read(own ? [...fixed, own] : fixed)
  if (!grids.has(SHEET.summary)) {
    const present = new Set(book.sheetNames())
    const more = book.read(insightSheets(period).filter((n) => present.has(n) && !grids.has(n)))
    return insightsFromGrids(new Map([...grids, ...more]), period, asOf, within)
  }
  const months = monthsOf({ kind: 'year', year: period.year })
  const summary = readSummary(table(SHEET.summary, grids.get(SHEET.summary)), months)
  const legacy = legacyMonths(table(SHEET.log, grids.get(SHEET.log)), months, summary)
  const scoredIn = (m: MonthKey) => legacy.includes(m) || (summary.get(m) ?? []).some((r) => r.total !== null)
  const focus = [...monthsOf(period)].reverse().find(scoredIn)
  const sheets = [...legacy, ...(focus && !legacy.includes(focus) ? [focus] : [])].map(monthSheetName)
  const more = sheets.length > 0 ? book.read(sheets) : new Map<string, Grid>()
  const fromRecord = new Map<MonthKey, MonthRow[]>()
  for (const m of months) {
    const rows = summary.get(m)
    if (rows && !more.has(monthSheetName(m))) fromRecord.set(m, rows.map(fromSummary))
  }
  return insightsFromGrids(new Map([...grids, ...more]), period, asOf, within, fromRecord)
}

/** The same, from grids already read (sheet name → grid, header row first). */
export function insightsFromGrids(
  grids: ReadonlyMap<string, Grid>,
  period: Period,
  asOf: LocalDate,
  within = 14,
  recorded: ReadonlyMap<MonthKey, readonly MonthRow[]> = new Map(),
): Insights {
  const year = period.year
  const months = monthsOf({ kind: 'year', year })
  const periodMonths = monthsOf(period)
  const notices: string[] = []
  const rowsByMonth = new Map<MonthKey, readonly MonthRow[]>()
  for (const m of months) {
    const grid = grids.get(monthSheetName(m))
    const rows = grid ? readMonthRows(grid, monthSheetName(m)) : recorded.get(m)
    if (rows) rowsByMonth.set(m, rows)
  }
  const isClosed = (m: MonthKey) => (rowsByMonth.get(m) ?? []).some((r) => r.scored)
  const closedInPeriod = periodMonths.filter(isClosed)
  const focusMonth = closedInPeriod[closedInPeriod.length - 1] ?? null
  for (const m of periodMonths) {
    if (!isClosed(m)) notices.push(`${m} 尚未结算（或无月度表），不在统计之内`)
  }

  // Trends: every operator seen in a month sheet of the year, in first-seen order.
  const names = new Map<string, string>()
  for (const m of months)
    for (const r of rowsByMonth.get(m) ?? []) if (!names.has(r.id)) names.set(r.id, r.name)
  const trends: OperatorTrend[] = [...names].map(([id, name]) => ({
    id,
    name,
    totals: months.map((m) => (rowsByMonth.get(m) ?? []).find((r) => r.id === id)?.total ?? null),
  }))
  const teamAverage = months.map((m) =>
    mean((rowsByMonth.get(m) ?? []).flatMap((r) => (r.total === null ? [] : [r.total]))),
  )

  const alertsAll = readAlerts(grids.get(SHEET.alerts))
  const byMonth: MonthSummary[] = months.map((m) => {
    const rows = rowsByMonth.get(m) ?? []
    const scored = rows.filter((r) => r.scored)
    const monthAlerts = alertsAll.filter((a) => a.month === m)
    return {
      month: m,
      closed: scored.length > 0,
      scored: scored.length,
      average: mean(scored.flatMap((r) => (r.total === null ? [] : [r.total]))),
      stars: scored.filter((r) => r.star).length,
      bottom: scored.filter((r) => r.bottom).length,
      reminders: monthAlerts.filter((a) => a.level === '谈话提醒').length,
      dismissals: monthAlerts.filter((a) => a.level === '辞退或更换').length,
    }
  })

  const monthRows = focusMonth ? (rowsByMonth.get(focusMonth) ?? []) : []
  const totals = monthRows.flatMap((r) => (r.total === null ? [] : [r.total]))
  const focusSummary = byMonth.find((b) => b.month === focusMonth)
  const periodSummaries = byMonth.filter((b) => periodMonths.includes(b.month))
  const summary: Summary = {
    scored: totals.length,
    notScored: monthRows.length - totals.length,
    average: mean(totals),
    max: totals.length ? Math.max(...totals) : null,
    min: totals.length ? Math.min(...totals) : null,
    stars:
      period.kind === 'month' ? (focusSummary?.stars ?? 0) : periodSummaries.reduce((a, b) => a + b.stars, 0),
    reminders: periodSummaries.reduce((a, b) => a + b.reminders, 0),
    dismissals: periodSummaries.reduce((a, b) => a + b.dismissals, 0),
  }

  let periodRows: PeriodRow[] = []
  // (the summary is completed below, once the quarter or year rows are read)
  if (period.kind === 'quarter')
    periodRows = readPeriodRows(
      grids.get(quarterSheetName(period)),
      quarterSheetName(period),
      periodMonths,
      false,
    )
  if (period.kind === 'year')
    periodRows = readPeriodRows(grids.get(yearSheetName(year)), yearSheetName(year), periodMonths, true)

  const periodScores = periodRows.flatMap((r) => (r.score === null ? [] : [r.score]))
  const ownFigures = period.kind !== 'month' && periodScores.length > 0
  const periodSummary: Summary = ownFigures
    ? {
        ...summary,
        scored: periodScores.length,
        notScored: periodRows.length - periodScores.length,
        average: mean(periodScores),
        max: Math.max(...periodScores),
        min: Math.min(...periodScores),
      }
    : summary
  const summaryLabel =
    ownFigures || focusMonth === null ? periodLabel(period) : periodLabel(monthPeriod(focusMonth))

  const latestClosed = [...months].reverse().find((m) => isClosed(m) && m <= asOf.slice(0, 7)) ?? focusMonth
  // Each close re-evaluates every trigger (and 第三条's 派驻缺位, 派驻更换) for its month: the latest month's rows
  // are the open ones.
  const openAlerts = alertsAll.filter((a) => latestClosed !== null && a.month === latestClosed)

  const watchAll = readWatch(table(SHEET.watch, grids.get(SHEET.watch)))
  // One calendar and one reading of 规则 for every deadline the report lists (each period its rules in force).
  const calendar = workCalendar(readDayOverrides(grids.get(SHEET.holidays)))
  const rulesOf = rulesByPeriod(grids.get(SHEET.rules))
  const log = table(SHEET.log, grids.get(SHEET.log))
  return {
    period,
    periodText: formatPeriod(period),
    label: periodLabel(period),
    year,
    asOf,
    focusMonth,
    months,
    trends,
    teamAverage,
    monthRows,
    summary: periodSummary,
    summaryLabel,
    distribution: distribution(totals),
    byMonth,
    periodRows,
    alerts: alertsAll.filter((a) => periodMonths.includes(a.month)),
    openAlerts,
    watch: watchAll.filter((w) => focusMonth !== null && w.month === focusMonth),
    openWatch: watchAll.filter((w) => latestClosed !== null && w.month === latestClosed),
    expiringLeave: expiringLeave(readLeave(grids.get(SHEET.leave), asOf), within),
    openObjections: openObjections(
      grids,
      asOf,
      calendar,
      rulesOf,
      rosterNames(grids.get(SHEET.roster), names),
    ),
    deadlines: deadlineRows(
      [{ period, which: deadlineKinds(period) }],
      asOf,
      calendar,
      rulesOf,
      notices,
      log,
    ),
    upcomingDeadlines: deadlineRows(periodsDueIn(asOf), asOf, calendar, rulesOf, notices, log),
    notices,
  }
}

/**
 * What the sidebar shows (issue 7): open alerts, 补休 expiring within 14 days, this month's deadlines; and
 * the objections still to settle, with the days left to their month's 终评 deadline (issue 15).
 */
export interface SidebarInsights {
  readonly asOf: LocalDate
  readonly openAlerts: readonly AlertRow[]
  /** 关注名单 of the latest closed month (SPEC §17); absent = none. */
  readonly watch?: readonly WatchRow[]
  readonly expiringLeave: readonly LeaveRow[]
  readonly openObjections: readonly OpenObjection[]
  readonly deadlines: readonly DeadlineRow[]
  readonly notices: readonly string[]
}

/** The sidebar's data in one batched read; `asOf` defaults to the workbook's today. */
export function sidebarInsights(book: Workbook, options: InsightOptions = {}): SidebarInsights {
  const asOf = options.asOf ?? book.now().slice(0, 10)
  // Read around last month (the one closed this month), so in January last year's alerts still show.
  const insights = buildInsights(book, monthPeriod(shiftMonth(asOf.slice(0, 7), -1)), { ...options, asOf })
  return {
    asOf,
    openAlerts: insights.openAlerts,
    watch: insights.openWatch,
    expiringLeave: insights.expiringLeave,
    openObjections: insights.openObjections,
    deadlines: insights.upcomingDeadlines,
    notices: insights.notices,
  }
}

/** A 补休 entry still to be taken (days left, not past its due date): what the days-left column shows. */
export function leaveLeftText(l: Pick<LeaveRow, 'remaining' | 'daysLeft'>): string {
  return l.remaining > 0 && l.daysLeft >= 0 ? daysLeftText(l.daysLeft) : ''
}
