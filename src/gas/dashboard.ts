/**
 * The `看板` sheet (refreshed at each close, in the close's own transaction) and the `个人成绩单` sheet, in
 * Google Sheets. The content comes from src/workbook/insights.ts and statement.ts — the same model as the
 * offline HTML report — laid out as a plan (pure, tested) and written by the host's report-sheet writer
 * (src/gas/book/report-sheet.ts): one setValues per refresh once the sheet is laid out, and four native
 * charts (line, histogram columns, stacked columns, grouped columns) built once over open-ended ranges.
 */
import { type Period, periodLabel, shiftMonth, tryParsePeriod } from '../core/period'
import { InputError } from '../core/problems'
import { renderReport, renderStatement } from '../report/html'
import { deadlineStatusText, deadlineWhat } from '../workbook/deadline-status'
import { buildInsights, COMPONENTS, daysLeftText, type Insights } from '../workbook/insights'
import { refreshLedger } from '../workbook/leave-ledger'
import { buildStatement, type Statement, type StatementMonth } from '../workbook/statement'
import type { Cell, Workbook } from '../workbook/types'
import type { Block, ChartSpec, SheetPlan } from './book/report-sheet'
import type { ReportStep } from './spreadsheet-workbook'
import { guarded, newBook, Stop, ui, withLock } from './ui'

export type { Block, ChartSpec, SheetPlan } from './book/report-sheet'

export const DASHBOARD_SHEET = '看板'
export const STATEMENT_SHEET = '个人成绩单'

const block = (row: number, column: number, rows: number, columns: number): Block => ({
  row,
  column,
  rows,
  columns,
})

/** Builds a sheet top to bottom: titled tables one under another, in column A onwards. */
class Layout {
  readonly rows: Cell[][] = []
  readonly bold: Block[] = []
  readonly headers: Block[] = []

  get next(): number {
    return this.rows.length + 1
  }

  line(values: readonly Cell[], bold = false): number {
    const row = this.next
    this.rows.push([...values])
    if (bold && values.length > 0) this.bold.push(block(row, 1, 1, values.length))
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
    this.headers.push(block(row, 1, 1, header.length))
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
      this.bold.push(block(top, column, 1, 1))
      this.headers.push(block(top + 1, column, 1, t.header.length))
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
const monthLabel = (m: string) => `${Number(m.slice(5, 7))}月`

/**
 * The 看板's fixed frame: five lines of summary (the notices share one line), then the four charts (two
 * rows of two) over rows CHART_TOP…, then the tables side by side from TABLE_TOP. Nothing above the tables
 * moves with the data, so each chart's data range starts at a fixed header row and runs open-ended down
 * its table's columns: charts are built once and follow their data. (Older 看板 had their tables at row
 * 40 or below; this frame's header row is elsewhere, so such a sheet is laid out again once.)
 */
const CHART_TOP = 7
const CHART_ROWS = 32
const TABLE_TOP = CHART_TOP + CHART_ROWS

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
  out.line([ins.notices.join('；')])
  const chartTop = CHART_TOP
  while (out.next < TABLE_TOP) out.blank()

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
      title: '关注名单（再有1次即触发第十五条、第十六条，仅依规则计数）',
      header: ['月份', '工号', '姓名', '条款', '还差', '说明'],
      body: ins.openWatch.map((w) => [w.month, w.id, w.name, w.clause, w.gap, w.note]),
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
      title: '未处理的异议（第八条）',
      header: ['月份', '“异议”表行', '工号', '姓名', '事项', '提出日期', '评定截止', '剩余'],
      body: ins.openObjections.map((o) => [
        o.month,
        o.row,
        o.id,
        o.name,
        o.matter,
        o.raised,
        o.due ?? '待核对',
        o.daysLeft === null ? '' : daysLeftText(o.daysLeft),
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
      title: '月度总分趋势',
      ...trend,
      transpose: true,
      at: { row: chartTop, column: 1 },
      width: 640,
      height: 320,
    },
    {
      kind: 'column',
      title: '月度总分分布',
      ...dist,
      rows: Math.max(2, dist.rows),
      colors: ['#1a73e8'],
      at: { row: chartTop, column: 8 },
      width: 520,
      height: 320,
    },
    {
      kind: 'column',
      title: '得分构成',
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
      title: '每月之星与预警',
      ...byMonth,
      colors: ['#188038', '#f9ab00', '#d93025'],
      at: { row: chartTop + CHART_ROWS / 2, column: 8 },
      width: 520,
      height: 320,
    },
  ]
  const grid = out.grid()
  // The cells that never change: where the trend block starts and the header row of each chart's data.
  const frame: [number, number, string][] = [[TABLE_TOP, 1, String(grid[TABLE_TOP - 1]?.[0] ?? '')]]
  for (const b of [trend, dist, comp, byMonth])
    for (let c = b.column; c < b.column + b.columns; c++)
      frame.push([b.row, c, String(grid[b.row - 1]?.[c - 1] ?? '')])
  return { name: DASHBOARD_SHEET, grid, bold: out.bold, headers: out.headers, charts, frame }
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
  const duties = (m: StatementMonth): void => {
    if (m.duties.length === 0) return
    out.table(
      `${m.label} 中午值班（第五条）`,
      ['日期', '结果', '说明'],
      m.duties.map((d) => [d.date, d.outcome, d.effect]),
    )
  }
  for (const m of st.months) {
    if (!m.scored) {
      out.line([m.label, m.note || '本月无成绩'], true)
      out.blank()
      duties(m)
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
    duties(m)
  }
  out.table(
    '公示异议及处理结果（第八条）',
    ['月份', '“异议”表行', '提出日期', '事项', '内容', '处理结果', '处理说明', '处理人', '处理日期'],
    st.objections.map((o) => [
      o.month,
      o.row,
      o.raised,
      o.matter,
      o.content,
      o.outcome,
      o.explanation,
      o.handler,
      o.handledOn,
    ]),
  )
  out.table(
    '预警（第十五条、第十六条、第三条）',
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

/**
 * 看板 for a period, as a step of the transaction that closes it (or of 刷新看板 / 初始化考核表): computed
 * from the book as the close left it. `rebuild` lays it out and builds its charts again (刷新看板 does, so a
 * chart deleted by hand comes back); otherwise a laid-out 看板 costs one read and one write.
 */
export function dashboardStep(period: Period, rebuild = false): ReportStep {
  return {
    sheet: DASHBOARD_SHEET,
    plan: (book) => dashboardPlan(buildInsights(book, period)),
    rebuild,
  }
}

// ---------------------------------------------------------------- menu handlers (top-level in Code.js)

function prompt(title: string, message: string, fallback: string): string {
  const u = ui()
  const hint = fallback === '' ? '' : `\n（留空则为 ${fallback}）` // no default: nothing to say about a blank
  const r = u.prompt(title, `${message}${hint}`, u.ButtonSet.OK_CANCEL)
  if (r.getSelectedButton() !== u.Button.OK) throw new Stop('')
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

/** Nothing to write but report sheets. */
const NO_WRITES = { writes: [], message: '' } as const

/** 刷新看板…: lays out and refreshes 看板 for a period (default: last month), under the document lock. */
export function menuDashboard(): void {
  const title = '刷新看板'
  guarded(title, () => {
    const book = newBook()
    const period = askPeriodText(title, book)
    withLock(() => {
      // SPEC §13: 刷新 also brings the 补休 ledger's 状态 up to today, in the same transaction as the 看板.
      const ledger = refreshLedger(book)
      book.applyWith(ledger.ok ? ledger.plan : NO_WRITES, [dashboardStep(period, true)])
      book.sheet(DASHBOARD_SHEET)?.activate()
    })
  })
}

/** 个人成绩单…: writes the 个人成绩单 sheet for one 工号 and opens its printable page. */
export function showStatement(): void {
  const title = '个人成绩单'
  guarded(title, () => {
    const book = newBook()
    const period = askPeriodText(title, book)
    const id = prompt(title, '请输入工号', '')
    if (id === '') throw new InputError('请输入工号')
    const made: { statement?: Statement } = {}
    withLock(() => {
      book.applyWith(NO_WRITES, [
        {
          sheet: STATEMENT_SHEET,
          plan: (b) => {
            const st = buildStatement(b, period, id)
            made.statement = st
            return statementPlan(st)
          },
          rebuild: true,
        },
      ])
      book.sheet(STATEMENT_SHEET)?.activate()
    })
    const shown = made.statement
    if (!shown) return // the lock was held elsewhere (already said)
    const html = HtmlService.createHtmlOutput(renderStatement(shown)).setWidth(960).setHeight(720)
    ui().showModalDialog(html, `个人成绩单 · ${shown.name}（${shown.id}）${periodLabel(period)}`)
  })
}

/** 考核报告（可打印）…: the offline report's page in a dialog (print or save from the browser). */
export function showReport(): void {
  const title = '考核报告'
  guarded(title, () => {
    const book = newBook()
    const period = askPeriodText(title, book)
    const html = HtmlService.createHtmlOutput(renderReport(buildInsights(book, period)))
      .setWidth(1080)
      .setHeight(760)
    ui().showModalDialog(html, `考核报告 · ${periodLabel(period)}`)
  })
}
