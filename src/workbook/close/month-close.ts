/**
 * 月度结算: scores (第七条), ranking and 每月之星 (第十一条), 倒数前三 and sanctions (第十五条, 第十六条),
 * 派驻缺位 (第三条), 补休 (第五条, 第十一条). Results are written in place as frozen values, the sheet is
 * protected, and the 预警 and 补休 sheets keep other months' rows. Closing twice gives identical sheets.
 */

import { groupBy } from '../../core/collections'
import type { LocalDate } from '../../core/dates'
import { toCellNumber } from '../../core/decimal'
import { replacementsListedIn, vacanciesListedIn } from '../../core/dispatch'
import { MONTH_INPUT_HEADERS, PLATFORM_FIELDS, ratedCounts, showInput } from '../../core/fields'
import { type LeaveEntry, noonLeave, starLeave } from '../../core/leave'
import type { Trigger } from '../../core/model'
import { parseText } from '../../core/parse'
import {
  formatPeriod,
  type MonthKey,
  monthOfDate,
  monthPeriod,
  type Period,
  periodLabel,
  shiftMonth,
} from '../../core/period'
import type { Problem } from '../../core/problems'
import { bottomGroup, monthStars, rankScores, type Scored } from '../../core/ranking'
import { evaluateSanctions, type MonthStanding, sanctionHistoryMonths } from '../../core/sanctions'
import { type Inputs, inputDigest, parseInputs, readBook, tableOf } from '../context'
import { frozenHighlight, highlightOf, sortTriggers, warningText } from '../highlights'
import {
  ALERTS_LAYOUT,
  BREAKDOWN_HEADERS,
  breakdownCells,
  LEAVE_LAYOUT,
  MONTH_RESULT_HEADERS,
  monthLayout,
  monthSheetName,
  SHEET,
} from '../layouts'
import { ledgerStatus } from '../leave-ledger'
import { evaluateMonth, type MonthEvaluation, type MonthRow } from '../month'
import { type HostNaming, namingOf } from '../naming'
import { type MonthObjections, monthObjections, objectionSummary } from '../objections'
import { done, type Outcome, refuse } from '../outcome'
import { cellOf, idOf, periodText, type Table } from '../read'
import {
  CLOSE_ACTION,
  closedDigest,
  isClosed,
  loggedBefore,
  notesDiffer,
  notesDigest,
  periodNotEnded,
  preparedNotesDigest,
} from '../state'
import { closedMonthResults, NO, standings, summaryWrite, YES } from '../summary'
import type { Cell, Grid, Highlight, SheetLayout, SheetWrite, Workbook } from '../types'
import { watchWrite } from '../watch-list'
import { knownProtection } from './shared'

/** Everything a month close reads, parsed and checked. */
interface MonthContext {
  readonly inputs: Inputs
  readonly evaluation: MonthEvaluation
  readonly sheet: Table
  /** 第八条: the objections to the month's 公示 (a close is refused while one is open). */
  readonly objections: MonthObjections
  readonly problems: readonly Problem[]
  /** The 输入摘要 of what this close freezes (monthDigest), hashed once, when first asked for. */
  readonly digest: () => string
}

function monthContext(book: Workbook, month: MonthKey, extra: readonly string[]): MonthContext {
  const name = monthSheetName(month)
  const grids = readBook(book, [name, SHEET.objections, ...extra])
  const inputs = parseInputs(grids, monthPeriod(month))
  const sheet = tableOf(grids, name)
  const evaluation = evaluateMonth(inputs, sheet, month, namingOf(book))
  const objections = monthObjections(inputs, month)
  const early = notEnded(month, book.now().slice(0, 10))
  const order = previousUnclosed(book, inputs, month)
  const problems = [
    ...(early ? [early] : []),
    ...(order ? [order] : []),
    ...inputs.problems,
    ...evaluation.problems,
    ...objections.problems,
  ]
  let hashed: string | null = null
  const digest = () => {
    hashed ??= monthDigest(inputs, grids.get(name) ?? [], objections)
    return hashed
  }
  if (problems.length === 0) {
    const moved = changedSinceClose(inputs, month, digest, namingOf(book))
    if (moved) problems.push(moved)
  }
  return { inputs, evaluation, sheet, objections, problems, digest }
}

/**
 * Closed means closed (§11): a month closed and not reopened is closed again only on the inputs it was
 * closed with (a double click gives the same sheets). When 规则 or any input changed since — which could
 * move frozen results — the close is refused until the month is reopened (重新开放, logged).
 */
function changedSinceClose(
  inputs: Inputs,
  month: MonthKey,
  digest: () => string,
  naming: HostNaming,
): Problem | null {
  const closed = closedDigest(inputs.log, monthPeriod(month))
  if (closed === null || closed === digest()) return null
  return {
    sheet: monthSheetName(month),
    cell: 'A1',
    message: `${periodLabel(monthPeriod(month))}已结算，此后“规则”、录入数据或该月的“异议”有改动；已结算的结果不随之变动。如需按新数据重新结算，请先${naming.reopen(monthPeriod(month))}该月`,
  }
}

/**
 * The inputs a close froze: the shared sheets, the month's input columns and, when the month has any, its
 * 异议 rows (so a late objection to a closed month needs 重新开放; a month without any digests as before).
 */
function monthDigest(inputs: Inputs, grid: Grid, objections: MonthObjections): string {
  const more = objections.grid.length > 0 ? [objections.grid] : []
  return inputDigest(inputs, [monthInputColumns(grid), ...more])
}

/**
 * A month is closed only once it has ended (第八条: results are published after the month): closing on or
 * before its last day is a problem, so a half-entered month is never frozen by a click made too early.
 */
export function notEnded(month: MonthKey, today: string): Problem | null {
  return periodNotEnded(monthPeriod(month), monthSheetName(month), today)
}

/**
 * Whether the month sheet's header notes may quote other rules than those in force (§9): the sheet was
 * laid out by 新建月度录入表 with the notes whose digest its 日志 row keeps; a court with its own 规则 gets
 * them rewritten at every close (one call), a book on the defaults throughout never pays for it.
 */
function notesStale(layout: SheetLayout, inputs: Inputs, month: MonthKey): boolean {
  if (notesDiffer(layout, monthLayout(month))) return true
  const prepared = preparedNotesDigest(inputs.log, month)
  return prepared !== null && prepared !== notesDigest(layout)
}

/**
 * Months close in order (§11): sanctions read the earlier months' standings (第十五、十六条（一）), so a month
 * whose previous month has a sheet that is not closed is refused, naming the month to close first. A
 * previous month without a sheet (the book's first month) does not block.
 */
function previousUnclosed(book: Workbook, inputs: Inputs, month: MonthKey): Problem | null {
  const previous = shiftMonth(month, -1)
  const sheet = monthSheetName(previous)
  if (isClosed(inputs.log, monthPeriod(previous))) return null
  // Only now ask whether the sheet exists: closing in order, or the book's first month (日志 names no
  // earlier month), costs no read.
  if (!loggedBefore(inputs.log, month)) return null
  if (!book.read([sheet]).has(sheet)) return null
  return {
    sheet,
    cell: 'A1',
    code: 'unclosed-month',
    message: `请先结算${periodLabel(monthPeriod(previous))}（“${sheet}”尚未结算）：本月的排名预警要用到上月的结果（第十五条、第十六条）`,
  }
}

/**
 * The earlier months' standings: from 月度结果汇总 (one sheet already read), and for months closed before
 * that sheet existed, from their month sheets (read now; an older book only).
 */
function readHistory(
  book: Workbook,
  inputs: Inputs,
  months: readonly MonthKey[],
): Map<string, MonthStanding[]> {
  return standings(closedMonthResults(book, inputs.grids, inputs.log, months), months)
}

export interface MonthResults {
  readonly ranks: ReadonlyMap<string, number>
  readonly stars: ReadonlySet<string>
  readonly bottom: ReadonlySet<string>
  readonly triggers: ReadonlyMap<string, readonly Trigger[]>
}

/** Ranking among the eligible, stars, bottom group and sanctions for month M. */
export function monthResults(
  ctx: Pick<MonthContext, 'inputs' | 'evaluation'>,
  history: ReadonlyMap<string, readonly MonthStanding[]>,
): MonthResults {
  const { inputs, evaluation } = ctx
  const scored: Scored[] = []
  for (const r of evaluation.rows) if (r.breakdown) scored.push({ id: r.id, score: r.breakdown.total })
  const rules = inputs.rules
  const ranks = rankScores(scored)
  const stars = monthStars(scored, Number(rules['stars.count'].valueOf()))
  const bottom = bottomGroup(scored, Number(rules['bottom.count'].valueOf()))
  const triggers = new Map<string, readonly Trigger[]>()
  // Index incidents by operator once: evaluateSanctions filters what it is given, so passing only the
  // operator's own rows keeps a close linear in the team size instead of operators × incidents.
  const byOperator = groupBy(inputs.incidents, (i) => i.id)
  for (const r of evaluation.rows) {
    const standing: MonthStanding = {
      month: evaluation.month,
      ranked: ranks.has(r.id),
      bottom: bottom.has(r.id),
    }
    const past = history.get(r.id) ?? []
    triggers.set(
      r.id,
      evaluateSanctions(r.id, evaluation.month, [...past, standing], byOperator.get(r.id) ?? [], rules),
    )
  }
  return { ranks, stars, bottom, triggers }
}

/** 预警 row fill by 级别. */
function alertHighlight(level: string): Highlight {
  return level === '辞退或更换' ? 'dismissal' : level === '谈话提醒' ? 'reminder' : null
}

/**
 * 月度结算 in the closes' one shape (as analyseQuarter and analyseYear): the book read and checked once →
 * the problems that stop it, and a run that computes the plan.
 */
export function analyseMonth(
  book: Workbook,
  period: Period,
): { problems: readonly Problem[]; run: () => Outcome } {
  const month = formatPeriod(period)
  // A fixed set of sheets whatever the book holds: the inputs, the month, 预警, 关注名单, 补休 and 月度结果汇总.
  const ctx = monthContext(book, month, [SHEET.alerts, SHEET.watch, SHEET.leave, SHEET.summary])
  return {
    problems: ctx.problems,
    run: () => (ctx.problems.length > 0 ? refuse(ctx.problems) : closeWith(book, period, ctx)),
  }
}

function closeWith(book: Workbook, period: Period, ctx: MonthContext): Outcome {
  const month = formatPeriod(period)
  const { inputs, evaluation, sheet } = ctx
  const history = readHistory(book, inputs, sanctionHistoryMonths(month, inputs.rules))
  const results = monthResults(ctx, history)
  const byRow = new Map(evaluation.rows.map((r) => [r.row, r]))
  const grid = inputs.grids.get(sheet.sheet) ?? []

  // Result columns for every row under the header, in order (blank rows stay blank).
  const rows: Cell[][] = []
  const highlights: Highlight[] = []
  const previous: Highlight[] = []
  const summaryRows: Cell[][] = []
  for (let i = 2; i <= grid.length; i++) {
    const r = byRow.get(i)
    const before = { row: i, cells: grid[i - 1] ?? [] }
    previous.push(frozenHighlight(cellOf(sheet, before, '预警'), cellOf(sheet, before, '每月之星')))
    if (!r) {
      rows.push(MONTH_RESULT_HEADERS.map(() => ''))
      highlights.push(null)
      continue
    }
    const triggers = results.triggers.get(r.id) ?? []
    const b = r.breakdown
    const star = results.stars.has(r.id)
    const scores: Cell[] = b ? breakdownCells(b) : BREAKDOWN_HEADERS.map(() => '')
    const rank = results.ranks.get(r.id) ?? ''
    const bottom = results.bottom.has(r.id) ? YES : ''
    rows.push([...scores, rank, star ? YES : '', bottom, warningText(r, triggers), countsUsedText(r)])
    highlights.push(highlightOf(triggers, star))
    summaryRows.push([
      month,
      r.id,
      r.operator.name,
      r.eligible ? YES : NO,
      scores[5] ?? '',
      rank,
      star ? YES : '',
      bottom,
    ])
  }

  const alerts = alertRows(inputs, month, evaluation.rows, results)
  const leave = leaveRows(inputs, month, evaluation.rows, results, book.now().slice(0, 10))
  const label = periodLabel(period)
  const eligible = evaluation.rows.filter((r) => r.eligible)
  const starNames = evaluation.rows.filter((r) => results.stars.has(r.id)).map((r) => r.operator.name)
  const warnings = alerts.current
  const objected = objectionSummary(ctx.objections.rows)
  // 关注名单 (SPEC §17): one event away from a clause next month, from the same history.
  const watch = watchWrite(tableOf(inputs.grids, SHEET.watch), {
    inputs,
    month,
    rows: evaluation.rows,
    ranks: results.ranks,
    bottom: results.bottom,
    history,
  })
  const summary = `参与${eligible.length}人，每月之星：${starNames.join('、') || '无'}，预警${warnings}条，关注名单${watch.count}条${objected ? `，${objected}` : ''}`
  const layout = monthLayout(month, inputs.rules)
  const writes: SheetWrite[] = [
    {
      sheet: sheet.sheet,
      layout,
      refreshNotes: notesStale(layout, inputs, month),
      mode: 'columns',
      columns: MONTH_RESULT_HEADERS,
      rows,
      highlights,
      previousHighlights: previous,
      protect: {
        description: `${label}月度考核已结算`,
        editors: inputs.rulesSheet.editors,
        ...knownProtection(inputs.log, period, null),
      },
    },
    {
      sheet: SHEET.alerts,
      layout: ALERTS_LAYOUT,
      mode: 'replace',
      rows: alerts.rows,
      highlights: alerts.highlights,
      previousHighlights: alerts.previous,
    },
    watch.write,
    { sheet: SHEET.leave, layout: LEAVE_LAYOUT, mode: 'replace', rows: leave },
    summaryWrite(tableOf(inputs.grids, SHEET.summary), month, summaryRows),
  ]
  return done({
    writes,
    log: {
      action: CLOSE_ACTION.month,
      period: month,
      outcome: summary,
      digest: ctx.digest(),
      summary: monthInputSummary(inputs, month, evaluation.rows.length),
    },
    message: [`${label}月度结算完成：${summary}`, ...evaluation.notices].join('\n'),
  })
}

/** 日志 输入摘要 of a month close: what it was computed from, in words (SPEC §16). */
function monthInputSummary(inputs: Inputs, month: MonthKey, rows: number): string {
  const events = inputs.incidents.filter((e) => monthOfDate(e.date) === month).length
  const duties = inputs.duties.filter((d) => monthOfDate(d.date) === month).length
  return `${monthSheetName(month)}${rows}人；本月事件${events}条、值班${duties}条；人员${inputs.operators.length}人，借调${inputs.secondments.length}条，规则和节假日按结算时`
}

/** The month sheet's input columns only: results change at each close and must not change the digest. */
function monthInputColumns(grid: Grid): Grid {
  const header = (grid[0] ?? []).map((h) => parseText(h))
  const keep = new Set(['工号', '姓名', ...MONTH_INPUT_HEADERS])
  const indices = header.flatMap((h, i) => (keep.has(h) ? [i] : []))
  return grid.map((row) => indices.map((i) => row[i] ?? ''))
}

/**
 * 预警: this month's rows replaced (sanctions, then 派驻缺位, then 派驻更换), other months' rows kept, ordered
 * by month.
 */
function alertRows(
  inputs: Inputs,
  month: MonthKey,
  rows: readonly MonthRow[],
  results: MonthResults,
): { rows: Grid; highlights: Highlight[]; previous: Highlight[]; current: number } {
  const t = tableOf(inputs.grids, SHEET.alerts)
  // The fills the rows under the header carry now (as the last close wrote them), for the undo.
  const grid = inputs.grids.get(SHEET.alerts) ?? []
  const level = t.columns.get('级别')
  const previous = grid
    .slice(1)
    .map((cells) => alertHighlight(level === undefined ? '' : parseText(cells[level] ?? '')))
  const kept: { month: string; cells: Cell[] }[] = []
  for (const row of t.rows) {
    const m = periodText(cellOf(t, row, '月份'))
    if (m === month) continue
    kept.push({ month: m, cells: ALERTS_LAYOUT.columns.map((c) => cellOf(t, row, c.header)) })
  }
  const fresh: { month: string; cells: Cell[] }[] = []
  for (const r of rows) {
    for (const trig of sortTriggers(results.triggers.get(r.id) ?? [])) {
      fresh.push({ month, cells: [month, r.id, r.operator.name, trig.level, trig.clause, trig.reason] })
    }
  }
  for (const v of vacanciesListedIn(inputs.operators, month, inputs.rules)) {
    const name = inputs.byId.get(v.id)?.name ?? ''
    fresh.push({ month, cells: [month, v.id, name, '派驻缺位', '第三条', v.reason] })
  }
  for (const r of replacementsListedIn(inputs.operators, month, inputs.rules)) {
    const name = inputs.byId.get(r.id)?.name ?? ''
    fresh.push({ month, cells: [month, r.id, name, '派驻更换', '第三条', r.reason] })
  }
  const all = [...kept, ...fresh].sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0))
  return {
    rows: all.map((a) => a.cells),
    highlights: all.map((a) => alertHighlight(parseText(a.cells[3] ?? ''))),
    previous,
    current: fresh.length,
  }
}

/**
 * 补休: this month's star and noon-duty entries replaced, 已休天数 kept (matched on 工号 + 来源), and every
 * entry's 状态 — other months' too — recomputed from 已休天数 and the host's today (SPEC §13).
 */
function leaveRows(
  inputs: Inputs,
  month: MonthKey,
  rows: readonly MonthRow[],
  results: MonthResults,
  today: LocalDate,
): Grid {
  const t = tableOf(inputs.grids, SHEET.leave)
  const taken = new Map<string, Cell>()
  const kept: Cell[][] = []
  for (const row of t.rows) {
    const id = idOf(cellOf(t, row, '工号'))
    const source = parseText(cellOf(t, row, '来源'))
    if (source.startsWith(`${month} `)) {
      taken.set(`${id}\u0000${source}`, cellOf(t, row, '已休天数'))
      continue
    }
    kept.push(LEAVE_LAYOUT.columns.map((c) => cellOf(t, row, c.header)))
  }
  const entries: LeaveEntry[] = []
  for (const r of rows) if (results.stars.has(r.id)) entries.push(starLeave(r.id, month, inputs.rules))
  // Noon duties indexed by operator once (noonLeave filters what it is given): linear in the team size.
  const duties = groupBy(inputs.duties, (d) => d.id)
  for (const op of inputs.operators) {
    const mine = duties.get(op.id)
    if (mine) entries.push(...noonLeave(op.id, month, mine, inputs.rules, inputs.calendar))
  }
  const fresh = entries.map((e): Cell[] => [
    e.id,
    inputs.byId.get(e.id)?.name ?? '',
    e.source,
    e.earned,
    toCellNumber(e.days),
    e.expires,
    taken.get(`${e.id}\u0000${e.source}`) ?? '',
    '',
  ])
  const sourceOf = (cells: Cell[]) => parseText(cells[2] ?? '')
  const monthOf = (cells: Cell[]) => sourceOf(cells).slice(0, 7)
  const all = [...kept, ...fresh].sort((a, b) =>
    monthOf(a) < monthOf(b) ? -1 : monthOf(a) > monthOf(b) ? 1 : 0,
  )
  const at = (header: string) => LEAVE_LAYOUT.columns.findIndex((c) => c.header === header)
  const [days, expires, takenAt, status] = ['天数', '截止日期', '已休天数', '状态'].map(at)
  return all.map((cells) => {
    const out = [...cells]
    out[status ?? 7] = ledgerStatus(
      cells[days ?? 4] ?? '',
      cells[expires ?? 5] ?? '',
      cells[takenAt ?? 6] ?? '',
      today,
    )
    return out
  })
}

/**
 * §9 and §14: what this close took for the row's blank inputs, as the month sheet shows it — the platform
 * import's values (`出勤天数 21（平台）`; 满意率 as its counts, `满意率 (1188+36)/1311（平台）`, also over a
 * typed rate, since the counts decide) and the counts from the records (`迟到早退次数 2（事件）；中午值班加分次数
 * 1（值班）`). The cells stay blank — the close never writes an input, so a formula or a later correction in
 * them is never overwritten — and a re-close after 重新开放 reads again. Zero counts are left out.
 */
export function countsUsedText(row: MonthRow): string {
  const input = row.input
  const platform = PLATFORM_FIELDS.flatMap((f): string[] => {
    if (!input) return []
    const rated = f.key === 'satisfaction' ? ratedCounts(input) : null
    if (rated) return [`${f.header} ${rated.text}（平台）`]
    return row.fromPlatform.includes(f.header) ? [`${f.header} ${showInput(f, input)}（平台）`] : []
  })
  const records = row.filled
    .filter((f) => !f.value.equals(0))
    .map((f) => `${f.header} ${f.value.toString()}（${f.sheet}）`)
  return [...platform, ...records].join('；')
}
