/**
 * The `看板` sheet (refreshed at each close) and the `个人成绩单` sheet, in Google Sheets. The content comes
 * from src/workbook/insights.ts and statement.ts — the same model as the offline HTML report — laid out
 * as a plan (pure, tested) and written with one setValues per sheet, one RangeList call per format, and
 * native charts from the Sheets chart builder (line, histogram columns, stacked columns, grouped columns).
 */
import { type MonthKey, type Period, periodLabel, shiftMonth, tryParsePeriod } from '../core/period'
import { a1, InputError } from '../core/problems'
import { renderReport, renderStatement } from '../report/html'
import { deadlineStatusText, deadlineWhat } from '../workbook/deadline-status'
import { buildInsights, COMPONENTS, daysLeftText, type Insights } from '../workbook/insights'
import { refreshLedger } from '../workbook/leave-ledger'
import { buildStatement, type Statement } from '../workbook/statement'
import type { Cell, Workbook } from '../workbook/types'
import { messageOf, SpreadsheetWorkbook } from './spreadsheet-workbook'

export const DASHBOARD_SHEET = '看板'
export const STATEMENT_SHEET = '个人成绩单'

export interface ChartSpec {
  readonly kind: 'line' | 'column'
  readonly title: string
  /** 1-based top-left of the data (header row included), and its size. */
  readonly row: number
  readonly column: number
  readonly rows: number
  readonly columns: number
  readonly stacked?: boolean
  /** Series are the data's rows (the trend block lists one operator a row). */
  readonly transpose?: boolean
  readonly colors?: readonly string[]
  /** Anchor cell of the chart. */
  readonly at: { readonly row: number; readonly column: number }
  readonly width: number
  readonly height: number
}

export interface SheetPlan {
  readonly name: string
  /** Rectangular grid written at A1 in one call. */
  readonly grid: Cell[][]
  /** A1 ranges to set bold (block titles, header rows). */
  readonly bold: readonly string[]
  /** A1 ranges of table header rows (grey fill). */
  readonly headers: readonly string[]
  readonly charts: readonly ChartSpec[]
  readonly widths?: readonly { readonly column: number; readonly width: number }[]
}

function rangeA1(row: number, column: number, rows: number, columns: number): string {
  return `${a1(row, column)}:${a1(row + rows - 1, column + columns - 1)}`
}

/** Builds a sheet top to bottom: titled tables one under another, in column A onwards. */
class Layout {
  readonly rows: Cell[][] = []
  readonly bold: string[] = []
  readonly headers: string[] = []

  get next(): number {
    return this.rows.length + 1
  }

  line(values: readonly Cell[], bold = false): number {
    const row = this.next
    this.rows.push([...values])
    if (bold && values.length > 0) this.bold.push(rangeA1(row, 1, 1, values.length))
    return row
  }

  blank(count = 1): void {
    for (let i = 0; i < count; i++) this.rows.push([])
  }

  /** A titled table; returns where its header row is and its size (for charts). */
  table(
    title: string,
    header: readonly Cell[],
    body: readonly (readonly Cell[])[],
    empty = '无',
  ): {
    row: number
    column: number
    rows: number
    columns: number
  } {
    this.line([title], true)
    const row = this.next
    this.rows.push([...header])
    this.headers.push(rangeA1(row, 1, 1, header.length))
    if (body.length === 0) this.rows.push([empty])
    for (const b of body) this.rows.push([...b])
    this.blank()
    return { row, column: 1, rows: body.length + 1, columns: header.length }
  }

  /**
   * Titled tables side by side from the next row, one blank column between them, so the sheet grows with
   * the team only downwards and its width (and the calls that size it) never depends on the data.
   */
  tables(
    list: readonly {
      title: string
      header: readonly Cell[]
      body: readonly (readonly Cell[])[]
      empty?: string
    }[],
  ): {
    row: number
    column: number
    rows: number
    columns: number
  }[] {
    const top = this.next
    let column = 1
    const placed = list.map((t) => {
      const body = t.body.length === 0 ? [[t.empty ?? '无']] : t.body
      const cells = [[t.title], [...t.header], ...body.map((b) => [...b])]
      cells.forEach((values, i) => {
        const r = top - 1 + i
        while (this.rows.length <= r) this.rows.push([])
        const row = this.rows[r] ?? []
        while (row.length < column - 1) row.push('')
        values.forEach((v, j) => {
          row[column - 1 + j] = v
        })
        this.rows[r] = row
      })
      this.bold.push(rangeA1(top, column, 1, 1))
      this.headers.push(rangeA1(top + 1, column, 1, t.header.length))
      const at = { row: top + 1, column, rows: t.body.length + 1, columns: t.header.length }
      column += t.header.length + 1
      return at
    })
    this.rows.forEach((r, i) => {
      this.rows[i] = r.map((v) => v ?? '')
    })
    return placed
  }

  grid(): Cell[][] {
    const width = Math.max(1, ...this.rows.map((r) => r.length))
    return this.rows.map((r) => [...r, ...Array.from({ length: width - r.length }, () => '')])
  }
}

const n = (v: number | null | undefined): Cell => (v === null || v === undefined ? '' : v)
const monthLabel = (m: MonthKey) => `${Number(m.slice(5, 7))}月`

/** Rows reserved at the top of 看板 for the four charts (two rows of two). */
const CHART_ROWS = 34

/** The 看板 sheet for a period's insights. */
export function dashboardPlan(ins: Insights): SheetPlan {
  const s = ins.summary
  const out = new Layout()
  out.line([`12368热线话务员考核看板 · ${ins.label}`], true)
  out.line([
    `期间 ${ins.periodText}`,
    ins.focusMonth ? `月度明细 ${ins.focusMonth}` : '尚无已结算月份',
    `统计日 ${ins.asOf}`,
    '每次结算后自动刷新；数值为结算时冻结的结果',
  ])
  // Each figure says its period (the closed quarter's or year's own figures, else the focus month's).
  const L = ins.summaryLabel
  out.line(
    [
      `${L}参与考核人数`,
      `${L}不参与`,
      `${L}平均分`,
      `${L}最高分`,
      `${L}最低分`,
      `${ins.label}每月之星（人次）`,
      `${ins.label}谈话提醒`,
      `${ins.label}辞退或更换`,
    ],
    true,
  )
  out.line([s.scored, s.notScored, n(s.average), n(s.max), n(s.min), s.stars, s.reminders, s.dismissals])
  for (const notice of ins.notices) out.line([notice])
  const chartTop = out.next + 1
  while (out.next < chartTop + CHART_ROWS) out.blank()

  const ranked = ins.monthRows
    .filter((r) => r.scored)
    .sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0) || a.id.localeCompare(b.id))
  const byRank = [...ins.monthRows].sort(
    (a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || a.id.localeCompare(b.id),
  )
  const tables = [
    {
      title: '月度总分趋势（第七条）',
      header: ['姓名', ...ins.months.map(monthLabel)],
      body: [
        ...ins.trends.map((t) => [t.name || t.id, ...t.totals.map(n)]),
        ['平均分', ...ins.teamAverage.map(n)],
      ],
    },
    {
      title: `${ins.focusMonth ?? ins.label} 分数分布`,
      header: ['分数段', '人数'],
      body: ins.distribution.map((b) => [b.label, b.count]),
      empty: '暂无数据',
    },
    {
      title: `${ins.focusMonth ?? ins.label} 得分构成（第七条（一）至（五））`,
      header: ['姓名', ...COMPONENTS.map((c) => c.label)],
      body: ranked.map((r) => [r.name || r.id, ...COMPONENTS.map((c) => n(r.components[c.key]))]),
      empty: '暂无数据',
    },
    {
      title: '每月之星与预警（第十一条、第十五条、第十六条）',
      header: ['月份', '每月之星', '谈话提醒', '辞退或更换'],
      body: ins.byMonth.map((b) => [monthLabel(b.month), b.stars, b.reminders, b.dismissals]),
    },
    {
      title: `${ins.focusMonth ?? ins.label} 月度成绩与排名`,
      header: [
        '排名',
        '工号',
        '姓名',
        ...COMPONENTS.map((c) => c.label),
        '月度总分',
        '每月之星',
        '倒数前三',
        '预警 / 说明',
      ],
      body: byRank.map((r) => [
        n(r.rank),
        r.id,
        r.name,
        ...COMPONENTS.map((c) => n(r.components[c.key])),
        n(r.total),
        r.star ? '是' : '',
        r.bottom ? '是' : '',
        r.note,
      ]),
    },
    {
      title:
        ins.period.kind === 'year'
          ? '年度得分与档次（第十条、第十三条）'
          : '季度得分与档次（第九条、第十二条、第十三条）',
      header: [
        '排名',
        '工号',
        '姓名',
        ins.period.kind === 'year' ? '年度得分' : '季度得分',
        '服务之星',
        '建议档次',
        '最终档次',
      ],
      body: [...ins.periodRows]
        .sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9))
        .map((r) => [
          n(r.rank),
          r.id,
          r.name,
          n(r.score),
          r.serviceStar ? '是' : '',
          r.proposedTier,
          r.finalTier,
        ]),
      empty: ins.period.kind === 'month' ? '（月度看板不适用）' : `尚未进行${ins.label}结算`,
    },
    {
      title: '未结预警',
      header: ['月份', '工号', '姓名', '级别', '条款', '原因'],
      body: ins.openAlerts.map((a) => [a.month, a.id, a.name, a.level, a.clause, a.reason]),
    },
    {
      title: '14天内到期的补休（第五条、第十一条）',
      header: ['工号', '姓名', '来源', '剩余天数', '截止日期', '剩余'],
      body: ins.expiringLeave.map((l) => [
        l.id,
        l.name,
        l.source,
        l.remaining,
        l.expires,
        daysLeftText(l.daysLeft),
      ]),
    },
    {
      title: '截止日期（第八条至第十条）',
      header: ['期间', '事项', '截止日期', '状态', '依据'],
      body: [...ins.deadlines, ...ins.upcomingDeadlines].map((d) => [
        d.label,
        deadlineWhat(d.which),
        d.due,
        deadlineStatusText(d),
        d.reason,
      ]),
    },
  ]
  const [trend, dist, comp, byMonth] = out.tables(tables)
  if (!trend || !dist || !comp || !byMonth) throw new Error('dashboard layout: missing blocks')

  const charts: ChartSpec[] = [
    {
      kind: 'line',
      title: `${ins.year}年月度总分趋势`,
      ...trend,
      transpose: true,
      at: { row: chartTop, column: 1 },
      width: 640,
      height: 320,
    },
    {
      kind: 'column',
      title: `${ins.focusMonth ?? ins.label} 分数分布`,
      ...dist,
      rows: Math.max(2, dist.rows),
      colors: ['#1a73e8'],
      at: { row: chartTop, column: 8 },
      width: 520,
      height: 320,
    },
    {
      kind: 'column',
      title: `${ins.focusMonth ?? ins.label} 得分构成`,
      ...comp,
      rows: Math.max(2, comp.rows),
      stacked: true,
      colors: COMPONENTS.map((c) => c.color),
      at: { row: chartTop + CHART_ROWS / 2, column: 1 },
      width: 640,
      height: 320,
    },
    {
      kind: 'column',
      title: `${ins.year}年每月之星与预警`,
      ...byMonth,
      colors: ['#188038', '#f9ab00', '#d93025'],
      at: { row: chartTop + CHART_ROWS / 2, column: 8 },
      width: 520,
      height: 320,
    },
  ]
  return { name: DASHBOARD_SHEET, grid: out.grid(), bold: out.bold, headers: out.headers, charts }
}

/** The 个人成绩单 sheet for a statement. */
export function statementPlan(st: Statement): SheetPlan {
  const out = new Layout()
  out.line([`个人成绩单 · ${st.label}`], true)
  out.line([`工号 ${st.id}`, `姓名 ${st.name}`, st.homeCourt, st.role, `生成于 ${st.generatedAt}`])
  for (const notice of st.notices) out.line([notice])
  out.blank()
  const a = st.aggregate
  if (a) {
    out.table(
      `${a.label}（${a.article}）`,
      [a.kind === 'year' ? '年度得分' : '季度得分', '排名', '服务之星', '建议档次', '最终档次', '说明'],
      [
        a.score === null
          ? ['', '', '', '', '', a.note]
          : [
              a.score,
              a.rank === null ? '' : `${a.rank} / ${a.ofCount}`,
              a.serviceStar ? '是' : '',
              a.proposedTier,
              a.finalTier || '待评定',
              a.explanation,
            ],
      ],
    )
  }
  for (const m of st.months) {
    if (!m.scored) {
      out.line([m.label, m.note || '本月无成绩'], true)
      out.blank()
      continue
    }
    const marks = [m.star ? '每月之星' : '', m.bottom ? '倒数前三' : ''].filter(Boolean).join('、')
    out.table(
      `${m.label}　排名 ${m.rank ?? '—'} / ${m.ofCount}${marks ? `　${marks}` : ''}${m.note ? `　${m.note}` : ''}`,
      ['项目', '条款', '得分', '计算过程', '依据数据'],
      m.lines.map((l) => [
        l.label,
        l.article,
        n(l.score),
        l.explanation,
        l.inputs.map((i) => `${i.label} ${i.value}`).join('；'),
      ]),
    )
    if (m.mismatch) out.line([m.mismatch])
    if (m.events.length > 0) {
      out.table(
        `${m.label} 事件记录`,
        ['日期', '类型', '扣加分', '通话编号', '说明'],
        m.events.map((e) => [e.date, e.type, e.points, e.callId, e.note]),
      )
    }
  }
  out.table(
    '谈话提醒与辞退预警（第十五条、第十六条）',
    ['月份', '级别', '条款', '原因'],
    st.triggers.map((t) => [t.month, t.level, t.clause, t.reason]),
  )
  out.table(
    '补休（第五条、第十一条）',
    ['来源', '获得日期', '天数', '已休', '截止日期', '状态'],
    st.leave.map((l) => [l.source, l.earned, l.days, l.taken, l.expires, l.status]),
  )
  return {
    name: STATEMENT_SHEET,
    grid: out.grid(),
    bold: out.bold,
    headers: out.headers,
    charts: [],
    widths: [
      { column: 1, width: 120 },
      { column: 2, width: 110 },
      { column: 3, width: 70 },
      { column: 4, width: 420 },
      { column: 5, width: 360 },
    ],
  }
}

/** Text cells are quoted so Sheets keeps them as typed (a name beginning with `=` stays text). */
function asWritten(grid: Cell[][]): Cell[][] {
  return grid.map((r) => r.map((v) => (typeof v === 'string' && v !== '' ? `'${v}` : v)))
}

type Sheet = GoogleAppsScript.Spreadsheet.Sheet
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet

/** Writes a plan: clears the sheet and its charts, one setValues, batched formats, then the charts. */
export function writePlan(spreadsheet: Spreadsheet, plan: SheetPlan): Sheet {
  const sheet = spreadsheet.getSheetByName(plan.name) ?? spreadsheet.insertSheet(plan.name)
  for (const chart of sheet.getCharts()) sheet.removeChart(chart)
  sheet.clear()
  const rows = plan.grid.length
  const columns = plan.grid[0]?.length ?? 1
  // The grid's size is asked once each; it grows only when a bigger team first needs more rows.
  const maxRows = sheet.getMaxRows()
  if (maxRows < rows) sheet.insertRowsAfter(maxRows, rows - maxRows)
  const maxColumns = sheet.getMaxColumns()
  if (maxColumns < columns) sheet.insertColumnsAfter(maxColumns, columns - maxColumns)
  sheet.getRange(1, 1, rows, columns).setValues(asWritten(plan.grid))
  if (plan.bold.length > 0) sheet.getRangeList([...plan.bold]).setFontWeight('bold')
  if (plan.headers.length > 0) sheet.getRangeList([...plan.headers]).setBackground('#f1f3f4')
  for (const w of plan.widths ?? []) sheet.setColumnWidth(w.column, w.width)
  for (const c of plan.charts) {
    const range = sheet.getRange(c.row, c.column, c.rows, c.columns)
    const base = sheet.newChart()
    const typed = c.kind === 'line' ? base.asLineChart() : base.asColumnChart()
    let builder = typed
      .addRange(range)
      .setNumHeaders(1)
      .setOption('title', c.title)
      .setOption('width', c.width)
      .setOption('height', c.height)
      .setOption('legend', { position: 'bottom' })
    if (c.transpose) builder = builder.setTransposeRowsAndColumns(true)
    if (c.stacked) builder = builder.setOption('isStacked', true)
    if (c.colors) builder = builder.setOption('colors', [...c.colors])
    sheet.insertChart(builder.setPosition(c.at.row, c.at.column, 0, 0).build())
  }
  return sheet
}

/** Refreshes 看板 for a period (called after each close, and from the menu). */
export function refreshDashboard(book: Workbook, period: Period, spreadsheet: Spreadsheet): Insights {
  const insights = buildInsights(book, period)
  writePlan(spreadsheet, dashboardPlan(insights))
  return insights
}

/**
 * After a successful close (its result dialog already shown): refresh 看板 without ever making the close
 * look failed. `spreadsheet` is the handler's own (one getActive per execution).
 */
export function refreshAfterClose(
  book: Workbook,
  period: Period,
  spreadsheet: Spreadsheet = SpreadsheetApp.getActive(),
): void {
  try {
    refreshDashboard(book, period, spreadsheet)
    spreadsheet.toast(`“${DASHBOARD_SHEET}”已更新`, '12368考核', 3)
  } catch (error) {
    console.error('dashboard refresh failed', error)
    spreadsheet.toast(`“${DASHBOARD_SHEET}”未能更新：${messageOf(error)}`, '12368考核', 8)
  }
}

// ---------------------------------------------------------------- menu handlers (top-level in Code.js)

class Cancelled extends Error {}

function prompt(title: string, message: string, fallback: string): string {
  const ui = SpreadsheetApp.getUi()
  const r = ui.prompt(title, `${message}\n（留空则为 ${fallback}）`, ui.ButtonSet.OK_CANCEL)
  if (r.getSelectedButton() !== ui.Button.OK) throw new Cancelled()
  return r.getResponseText().trim() || fallback
}

function askPeriodText(title: string, book: Workbook): Period {
  const fallback = shiftMonth(book.now().slice(0, 7), -1)
  const text = prompt(title, '请输入期间：月份如 2026-05，季度如 2026-Q2，年度如 2026', fallback)
  const period = tryParsePeriod(text)
  if (!period)
    throw new InputError(`期间格式不正确：“${text}”，应为 2026-05（月）、2026-Q2（季度）或 2026（年）`)
  return period
}

function handle(title: string, action: () => void): void {
  try {
    action()
  } catch (error) {
    if (error instanceof Cancelled) return
    console.error(`${title} failed`, error)
    const message = messageOf(error)
    SpreadsheetApp.getUi().alert(
      title,
      /[\u4e00-\u9fff]/.test(message) ? message : '操作未完成：出现意外错误，详细信息已记录在执行日志中。',
      SpreadsheetApp.getUi().ButtonSet.OK,
    )
  }
}

/** 刷新看板…: rebuilds 看板 for a period (default: last month). */
export function menuDashboard(): void {
  handle('刷新看板', () => {
    const book = new SpreadsheetWorkbook()
    const period = askPeriodText('刷新看板', book)
    const spreadsheet = SpreadsheetApp.getActive()
    refreshLedgerToday(book)
    refreshDashboard(book, period, spreadsheet)
    spreadsheet.getSheetByName(DASHBOARD_SHEET)?.activate()
  })
}

/** SPEC §13: 刷新 brings the 补休 ledger's 状态 up to today (only 状态 is written, and only when it moved). */
function refreshLedgerToday(book: Workbook): void {
  const outcome = refreshLedger(book)
  if (outcome.ok && outcome.plan.writes.length > 0) book.apply(outcome.plan)
}

/** 个人成绩单…: writes the 个人成绩单 sheet for one 工号 and opens its printable page. */
export function showStatement(): void {
  handle('个人成绩单', () => {
    const book = new SpreadsheetWorkbook()
    const period = askPeriodText('个人成绩单', book)
    const id = prompt('个人成绩单', '请输入工号', '')
    if (id === '') throw new InputError('请输入工号')
    const st = buildStatement(book, period, id)
    const spreadsheet = SpreadsheetApp.getActive()
    writePlan(spreadsheet, statementPlan(st)).activate()
    const html = HtmlService.createHtmlOutput(renderStatement(st)).setWidth(960).setHeight(720)
    SpreadsheetApp.getUi().showModalDialog(html, `个人成绩单 · ${st.name}（${st.id}）${periodLabel(period)}`)
  })
}

/** 考核报告（可打印）…: the offline report's page in a dialog (print or save from the browser). */
export function showReport(): void {
  handle('考核报告', () => {
    const book = new SpreadsheetWorkbook()
    const period = askPeriodText('考核报告', book)
    const html = HtmlService.createHtmlOutput(renderReport(buildInsights(book, period)))
      .setWidth(1080)
      .setHeight(760)
    SpreadsheetApp.getUi().showModalDialog(html, `考核报告 · ${periodLabel(period)}`)
  })
}
