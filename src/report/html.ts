/**
 * Self-contained printable Chinese HTML: the offline report (same content as the `看板` sheet) and the
 * per-operator statement (个人成绩单). Inline CSS and SVG only — no scripts, no external assets — so the
 * file opens anywhere, prints cleanly, and can be archived. Every piece of workbook text is escaped.
 * Numbers sit in cells marked `data-k` so tests (and anyone) can read them back.
 */

import { monthsOf } from '../core/period'
import { deadlineState, deadlineStatusText, deadlineWhat } from '../workbook/deadline-status'
import type {
  AlertRow,
  DeadlineRow,
  Insights,
  LeaveRow,
  MonthRow,
  PeriodRow,
  WatchRow,
} from '../workbook/insights'
import { COMPONENTS, daysLeftText, leaveLeftText } from '../workbook/insights'
import type { Statement, StatementMonth } from '../workbook/statement'
import {
  barChart,
  color,
  escapeXml as esc,
  FONT,
  groupedBars,
  type LineSeries,
  lineChart,
  PALETTE,
  stackedBars,
} from './svg'

const CSS = `
*{box-sizing:border-box}
body{font-family:${FONT};color:#202124;margin:0;background:#f8f9fa;font-size:14px;line-height:1.5}
main{max-width:1040px;margin:0 auto;padding:24px;background:#fff}
h1{font-size:22px;margin:0 0 4px}
h2{font-size:17px;margin:28px 0 8px;padding-bottom:4px;border-bottom:2px solid #1a73e8}
h3{font-size:15px;margin:18px 0 6px}
.meta{color:#5f6368;margin:0 0 12px}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin:12px 0}
.card{flex:1 1 96px;border:1px solid #dadce0;border-radius:8px;padding:10px 12px}
.card .v{font-size:22px;font-weight:600}
.card .k{color:#5f6368;font-size:12px}
table{border-collapse:collapse;width:100%;margin:6px 0 12px;font-size:13px}
th,td{border:1px solid #dadce0;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f1f3f4;font-weight:600}
td[data-k="id"],td[data-k="name"],td[data-k="month"],td[data-k="date"],td[data-k="expires"],td[data-k="due"],td[data-k="nominal"],td[data-k="label"],td[data-k="which"],th{white-space:nowrap}
td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.star td{background:#d9ead3}
tr.reminder td{background:#fce8b2}
tr.dismissal td{background:#f4c7c3}
tr.muted td{color:#80868b}
.badge{display:inline-block;padding:0 6px;border-radius:10px;font-size:12px;margin-right:4px;white-space:nowrap}
.b-star{background:#d9ead3;color:#0d652d}
.b-bottom{background:#fce8b2;color:#8a5300}
.b-dismissal{background:#f4c7c3;color:#a50e0e}
.b-late{background:#f4c7c3;color:#a50e0e}
.chart{display:block;margin:4px 0 12px;max-width:100%;height:auto}
.grid2{display:grid;grid-template-columns:1fr 1fr;gap:12px}
.note{color:#5f6368;font-size:12px}
.warn{background:#fef7e0;border-left:4px solid #f9ab00;padding:6px 10px;margin:8px 0}
.empty{color:#80868b;font-style:italic}
.sign{margin-top:36px;display:flex;gap:48px}
.sign div{flex:1;border-top:1px solid #202124;padding-top:4px;color:#5f6368}
td[data-k="note"],td[data-k="reason"],td[data-k="source"]{min-width:14em}
section:not(:has(table)){break-inside:avoid}
@media print{@page{size:A4 landscape;margin:12mm}body{background:#fff;font-size:12px}main{padding:0;max-width:none}
h2{break-after:avoid}svg,tr,.cards{break-inside:avoid}thead{display:table-header-group}
table{font-size:11px}th,td{padding:2px 4px}.grid2{grid-template-columns:1fr 1fr}}
@page{size:A4;margin:14mm}
`

function page(title: string, body: string): string {
  return (
    '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${esc(title)}</title><style>${CSS}</style></head><body><main>${body}</main></body></html>\n`
  )
}

function fmt(n: number | null | undefined, places = 1): string {
  return n === null || n === undefined ? '—' : n.toFixed(places)
}

function numCell(key: string, n: number | null | undefined, places = 1): string {
  return `<td class="n" data-k="${esc(key)}">${fmt(n, places)}</td>`
}

function textCell(key: string, value: string): string {
  return `<td data-k="${esc(key)}">${esc(value)}</td>`
}

function card(label: string, value: string, key: string): string {
  return `<div class="card"><div class="v" data-k="${esc(key)}">${esc(value)}</div><div class="k">${esc(label)}</div></div>`
}

function levelClass(level: string): string {
  if (level === '辞退或更换') return 'dismissal'
  if (level === '谈话提醒' || level === '派驻缺位' || level === '派驻更换') return 'reminder'
  return ''
}

function alertsTable(rows: readonly AlertRow[], kind: string): string {
  if (rows.length === 0) return '<p class="empty">无</p>'
  const body = rows
    .map(
      (a) =>
        `<tr class="${levelClass(a.level)}" data-id="${esc(a.id)}">${textCell('month', a.month)}${textCell('id', a.id)}` +
        `${textCell('name', a.name)}${textCell('level', a.level)}${textCell('clause', a.clause)}${textCell('reason', a.reason)}</tr>`,
    )
    .join('')
  return `<table data-table="${esc(kind)}"><thead><tr><th>月份</th><th>工号</th><th>姓名</th><th>级别</th><th>条款</th><th>原因</th></tr></thead><tbody>${body}</tbody></table>`
}

/** Objections without 处理结果 and the days left to their month's 终评 deadline (第八条). */
function openObjectionsTable(rows: Insights['openObjections']): string {
  if (rows.length === 0) return '<p class="empty">无</p>'
  const body = rows
    .map(
      (o) =>
        `<tr data-row="${o.row}">${textCell('month', o.month)}${textCell('row', String(o.row))}${textCell('id', o.id)}` +
        `${textCell('name', o.name)}${textCell('matter', o.matter)}${textCell('raised', o.raised)}${textCell('due', o.due ?? '待核对')}` +
        `${textCell('daysLeft', o.daysLeft === null ? '' : daysLeftText(o.daysLeft))}</tr>`,
    )
    .join('')
  return (
    `<table data-table="open-objections"><thead><tr><th>月份</th><th>“异议”表行</th><th>工号</th><th>姓名</th><th>事项</th>` +
    `<th>提出日期</th><th>评定截止</th><th>剩余</th></tr></thead><tbody>${body}</tbody></table>`
  )
}

/** The operator's objections to 公示 and their outcomes (第八条). */
function objectionsTable(rows: Statement['objections']): string {
  if (rows.length === 0) return '<p class="empty">无</p>'
  const body = rows
    .map(
      (o) =>
        `<tr data-row="${o.row}">${textCell('month', o.month)}${textCell('row', String(o.row))}${textCell('raised', o.raised)}` +
        `${textCell('matter', o.matter)}${textCell('content', o.content)}${textCell('outcome', o.outcome)}` +
        `${textCell('explanation', o.explanation)}${textCell('handler', o.handler)}${textCell('handledOn', o.handledOn)}</tr>`,
    )
    .join('')
  return (
    `<table data-table="objections"><thead><tr><th>月份</th><th>“异议”表行</th><th>提出日期</th><th>事项</th><th>内容</th>` +
    `<th>处理结果</th><th>处理说明</th><th>处理人</th><th>处理日期</th></tr></thead><tbody>${body}</tbody></table>`
  )
}

/** 关注名单 (SPEC §17): one event away from a clause of 第十五条/第十六条 next month. */
function watchTable(rows: readonly WatchRow[], kind: string): string {
  if (rows.length === 0) return '<p class="empty">无</p>'
  const body = rows
    .map(
      (w) =>
        `<tr data-id="${esc(w.id)}">${textCell('month', w.month)}${textCell('id', w.id)}${textCell('name', w.name)}` +
        `${textCell('clause', w.clause)}${textCell('gap', w.gap)}${textCell('note', w.note)}</tr>`,
    )
    .join('')
  return `<table data-table="${esc(kind)}"><thead><tr><th>月份</th><th>工号</th><th>姓名</th><th>条款</th><th>还差</th><th>说明</th></tr></thead><tbody>${body}</tbody></table>`
}

function leaveTable(rows: readonly LeaveRow[], kind: string): string {
  if (rows.length === 0) return '<p class="empty">无</p>'
  const body = rows
    .map(
      (l) =>
        `<tr data-id="${esc(l.id)}">${textCell('id', l.id)}${textCell('name', l.name)}${textCell('source', l.source)}` +
        `${textCell('earned', l.earned)}${numCell('days', l.days)}${numCell('taken', l.taken)}${numCell('remaining', l.remaining)}` +
        `${textCell('expires', l.expires)}<td class="n" data-k="daysLeft" data-v="${l.daysLeft}">${esc(leaveLeftText(l))}</td>` +
        `${textCell('status', l.status)}</tr>`,
    )
    .join('')
  return (
    `<table data-table="${esc(kind)}"><thead><tr><th>工号</th><th>姓名</th><th>来源</th><th>获得日期</th><th>天数</th>` +
    `<th>已休</th><th>剩余</th><th>截止日期</th><th>剩余天数</th><th>状态</th></tr></thead><tbody>${body}</tbody></table>`
  )
}

/** Overdue red, late-done or due within 3 days amber, done plain. */
function deadlineClass(d: DeadlineRow): string {
  const state = deadlineState(d)
  if (state === 'overdue') return 'dismissal'
  if (state === 'late' || (state === 'due' && d.daysLeft <= 3)) return 'reminder'
  return ''
}

function deadlineTable(rows: readonly DeadlineRow[], kind: string): string {
  if (rows.length === 0) return '<p class="empty">无</p>'
  const body = rows
    .map(
      (d) =>
        `<tr data-period="${esc(d.period)}" data-which="${esc(d.which)}" data-state="${deadlineState(d)}" class="${deadlineClass(d)}">` +
        `${textCell('label', d.label)}${textCell('which', deadlineWhat(d.which))}${textCell('nominal', d.nominal)}${textCell('due', d.due)}` +
        `<td class="n" data-k="daysLeft" data-v="${d.daysLeft}">${esc(deadlineStatusText(d))}</td>${textCell('reason', d.reason)}</tr>`,
    )
    .join('')
  return (
    `<table data-table="${esc(kind)}"><thead><tr><th>期间</th><th>事项</th><th>名义日期</th><th>截止日期</th>` +
    `<th>状态</th><th>依据</th></tr></thead><tbody>${body}</tbody></table>`
  )
}

function monthTable(rows: readonly MonthRow[]): string {
  if (rows.length === 0) return '<p class="empty">本期尚无已结算的月度成绩</p>'
  const sorted = [...rows].sort(
    (a, b) =>
      (a.rank ?? Number.POSITIVE_INFINITY) - (b.rank ?? Number.POSITIVE_INFINITY) || a.id.localeCompare(b.id),
  )
  const body = sorted
    .map((r) => {
      const cls = !r.scored
        ? 'muted'
        : r.note.includes('辞退')
          ? 'dismissal'
          : r.note
            ? 'reminder'
            : r.star
              ? 'star'
              : ''
      const marks =
        (r.star ? '<span class="badge b-star">每月之星</span>' : '') +
        (r.bottom ? '<span class="badge b-bottom">倒数前三</span>' : '')
      return (
        `<tr class="${cls}" data-id="${esc(r.id)}">${numCell('rank', r.rank, 0)}${textCell('id', r.id)}${textCell('name', r.name)}` +
        COMPONENTS.map((c) => numCell(c.key, r.components[c.key])).join('') +
        `${numCell('total', r.total)}<td data-k="marks">${marks}</td>${textCell('note', r.note)}</tr>`
      )
    })
    .join('')
  return (
    `<table data-table="month"><thead><tr><th>排名</th><th>工号</th><th>姓名</th>` +
    COMPONENTS.map((c) => `<th>${esc(c.label)}</th>`).join('') +
    `<th>月度总分</th><th>标记</th><th>预警 / 说明</th></tr></thead><tbody>${body}</tbody></table>`
  )
}

function periodTable(insights: Insights): string {
  const rows = insights.periodRows
  if (insights.period.kind === 'month') return ''
  const isYear = insights.period.kind === 'year'
  const title = isYear ? '年度得分与档次（第十条、第十三条）' : '季度得分与档次（第九条、第十二条、第十三条）'
  if (rows.length === 0)
    return `<section><h2>${title}</h2><p class="empty">尚未进行${esc(insights.label)}结算</p></section>`
  const sorted = [...rows].sort(
    (a, b) =>
      (a.rank ?? Number.POSITIVE_INFINITY) - (b.rank ?? Number.POSITIVE_INFINITY) || a.id.localeCompare(b.id),
  )
  const mHeads = isYear
    ? ''
    : monthsOf(insights.period)
        .map((m) => `<th>${esc(m)}</th>`)
        .join('')
  const extraHeads = isYear
    ? '<th>月度平均分</th><th>基础得分</th><th>领导评价</th><th>领导评价档次</th>'
    : ''
  const body = sorted
    .map((r: PeriodRow) => {
      const cls = r.serviceStar ? 'star' : r.score === null ? 'muted' : ''
      const mCells = isYear ? '' : r.months.map((v, i) => numCell(`m${i + 1}`, v)).join('')
      const extra = isYear
        ? `${numCell('average', r.average, 2)}${numCell('base', r.base, 2)}${numCell('leaderRating', r.leaderRating)}${textCell('leaderBand', r.leaderBand ?? '')}`
        : ''
      return (
        `<tr class="${cls}" data-id="${esc(r.id)}">${numCell('rank', r.rank, 0)}${textCell('id', r.id)}${textCell('name', r.name)}` +
        `${mCells}${extra}${numCell('score', r.score, 2)}` +
        // 服务之星 is a quarter's (第十二条): the year table has no such column.
        (isYear
          ? ''
          : `<td data-k="serviceStar">${r.serviceStar ? '<span class="badge b-star">服务之星</span>' : ''}</td>`) +
        `${textCell('proposedTier', r.proposedTier)}${textCell('finalTier', r.finalTier)}${textCell('note', r.note)}</tr>`
      )
    })
    .join('')
  return (
    `<section><h2>${title}</h2><table data-table="period"><thead><tr><th>排名</th><th>工号</th><th>姓名</th>${mHeads}${extraHeads}` +
    `<th>${isYear ? '年度得分' : '季度得分'}</th>${isYear ? '' : '<th>服务之星</th>'}<th>建议档次</th><th>最终档次</th><th>备注</th></tr></thead>` +
    `<tbody>${body}</tbody></table></section>`
  )
}

/** Lines in the rest of a focused trend: grey, thin, behind the highlighted ones. */
const MUTED_LINE = '#c4c7cc'
/** How many of the best and of the weakest a focused trend highlights. */
const FOCUS_EACH = 3

/**
 * The trend's lines: each its own colour while the palette has enough; a larger team is focused — the
 * three best and three weakest by their mean over the year in distinct colours, the rest grey, so no two
 * highlighted operators share a colour.
 */
function trendSeries(insights: Insights): LineSeries[] {
  const trends = insights.trends
  if (trends.length <= PALETTE.length)
    return trends.map((t, i) => ({ name: t.name || t.id, values: t.totals, color: color(i) }))
  const meanOf = (v: readonly (number | null)[]) => {
    const xs = v.filter((x): x is number => x !== null)
    return xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length
  }
  const ranked = trends
    .map((t) => ({ t, m: meanOf(t.totals) }))
    .filter((x): x is { t: (typeof trends)[number]; m: number } => x.m !== null)
    .sort((a, b) => b.m - a.m)
  const focus = [...ranked.slice(0, FOCUS_EACH), ...ranked.slice(-FOCUS_EACH)].map((x) => x.t.id)
  const highlighted = new Map([...new Set(focus)].map((id, i) => [id, color(i)]))
  const rest = trends.filter((t) => !highlighted.has(t.id))
  return [
    ...rest.map((t) => ({ name: t.name || t.id, values: t.totals, color: MUTED_LINE, strokeWidth: 1 })),
    ...trends
      .filter((t) => highlighted.has(t.id))
      .map((t) => ({
        name: t.name || t.id,
        values: t.totals,
        color: highlighted.get(t.id) as string,
        strokeWidth: 2.5,
      })),
  ]
}

function monthLabel(m: string): string {
  return `${Number(m.slice(5, 7))}月`
}

/** The charts of the report (also used by tests to check each is present). */
export function reportCharts(insights: Insights): {
  trend: string
  histogram: string
  components: string
  byMonth: string
} {
  const labels = insights.months.map(monthLabel)
  const series: LineSeries[] = trendSeries(insights)
  series.push({
    name: '平均分',
    values: insights.teamAverage,
    color: '#202124',
    strokeWidth: 3,
    dashed: true,
  })
  const trend = lineChart({ title: `${insights.year}年月度总分趋势`, labels, series })
  const histogram = barChart({
    title: `${insights.focusMonth ?? insights.label}月度总分分布`,
    bars: insights.distribution.map((b) => ({ label: b.label, value: b.count, color: '#1a73e8' })),
    kind: 'histogram',
    width: 480,
    height: 280,
  })
  const ranked = [...insights.monthRows]
    .filter((r) => r.scored)
    .sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0) || a.id.localeCompare(b.id))
  const components = stackedBars({
    title: `${insights.focusMonth ?? insights.label}各项得分构成`,
    categories: ranked.map((r) => r.name || r.id),
    parts: COMPONENTS.map((c) => ({
      name: c.label,
      color: c.color,
      values: ranked.map((r) => r.components[c.key] ?? 0),
    })),
    kind: 'components',
  })
  const byMonth = groupedBars({
    title: `${insights.year}年每月之星与预警`,
    categories: labels,
    series: [
      { name: '每月之星', color: '#188038', values: insights.byMonth.map((b) => b.stars) },
      { name: '谈话提醒', color: '#f9ab00', values: insights.byMonth.map((b) => b.reminders) },
      { name: '辞退或更换', color: '#d93025', values: insights.byMonth.map((b) => b.dismissals) },
    ],
    kind: 'by-month',
    width: 480,
    height: 260,
  })
  return { trend, histogram, components, byMonth }
}

/**
 * The summary cards, each saying its period: a closed quarter's or year's own figures (its scores to two
 * places), else the focus month's scores; stars and alerts always count the whole period.
 */
function summaryCards(insights: Insights): string {
  const s = insights.summary
  const L = insights.summaryLabel
  const P = insights.label
  const places = L === P && insights.period.kind !== 'month' ? 2 : 1
  return (
    `<div class="cards" data-period="${esc(L)}">${card(`${L}参与考核人数`, String(s.scored), 'scored')}` +
    `${card(`${L}不参与`, String(s.notScored), 'notScored')}` +
    `${card(`${L}平均分`, fmt(s.average, 2), 'average')}${card(`${L}最高分`, fmt(s.max, places), 'max')}` +
    `${card(`${L}最低分`, fmt(s.min, places), 'min')}` +
    `${card(`${P}每月之星（人次）`, String(s.stars), 'stars')}${card(`${P}谈话提醒`, String(s.reminders), 'reminders')}` +
    `${card(`${P}辞退或更换`, String(s.dismissals), 'dismissals')}</div>`
  )
}

/** The offline report (`kaohe report`): same content as the `看板` sheet. */
export function renderReport(insights: Insights): string {
  const charts = reportCharts(insights)
  const focus = insights.focusMonth
  const byMonthRows = insights.byMonth
    .map(
      (b) =>
        `<tr data-month="${esc(b.month)}">${textCell('month', b.month)}<td data-k="closed">${b.closed ? '已结算' : '—'}</td>` +
        `${numCell('scored', b.closed ? b.scored : null, 0)}${numCell('average', b.average, 2)}${numCell('stars', b.stars, 0)}` +
        `${numCell('bottom', b.bottom, 0)}${numCell('reminders', b.reminders, 0)}${numCell('dismissals', b.dismissals, 0)}</tr>`,
    )
    .join('')
  const notices = insights.notices.map((n) => `<div class="warn">${esc(n)}</div>`).join('')
  const body =
    `<header><h1>12368热线话务员考核看板 · ${esc(insights.label)}</h1>` +
    `<p class="meta">期间 <span data-k="period">${esc(insights.periodText)}</span>` +
    (focus ? ` · 月度明细取 <span data-k="focusMonth">${esc(focus)}</span>` : '') +
    ` · 统计日 <span data-k="asOf">${esc(insights.asOf)}</span> · 依据《广州市中级人民法院12368热线话务员考核管理办法（试行）》</p></header>` +
    notices +
    summaryCards(insights) +
    `<section><h2>截止日期（第八条至第十条）</h2>${deadlineTable(insights.deadlines, 'deadlines')}` +
    `<h3>本月到期事项（统计日 ${esc(insights.asOf)}）</h3>${deadlineTable(insights.upcomingDeadlines, 'upcoming')}</section>` +
    `<section><h2>月度总分趋势（第七条）</h2>${charts.trend}</section>` +
    `<div class="grid2"><section><h2>分数分布</h2>${charts.histogram}</section>` +
    `<section><h2>每月之星与预警（第十一条、第十五条、第十六条）</h2>${charts.byMonth}</section></div>` +
    `<section><h2>得分构成（第七条（一）至（五））</h2>${charts.components}</section>` +
    (focus
      ? `<section><h2>${esc(focus)} 月度成绩与排名（第七条、第十一条）</h2>${monthTable(insights.monthRows)}</section>`
      : '') +
    periodTable(insights) +
    `<section><h2>逐月概况</h2><table data-table="by-month"><thead><tr><th>月份</th><th>状态</th><th>参与人数</th><th>平均分</th>` +
    `<th>每月之星</th><th>倒数前三</th><th>谈话提醒</th><th>辞退或更换</th></tr></thead><tbody>${byMonthRows}</tbody></table></section>` +
    `<section><h2>本期预警（第十五条、第十六条、第三条）</h2>${alertsTable(insights.alerts, 'alerts')}</section>` +
    `<section><h2>未结预警</h2>${alertsTable(insights.openAlerts, 'open-alerts')}</section>` +
    `<section><h2>未处理的异议（第八条）</h2>${openObjectionsTable(insights.openObjections)}</section>` +
    `<section><h2>关注名单${insights.focusMonth ? `（${esc(insights.focusMonth)}结算）` : ''}</h2>` +
    `<p class="note">再发生1次即触发第十五条、第十六条的人员，按与预警相同的窗口计数；（四）按自然月计算，说明当月离条款有多近。仅依规则计数，不作其他预测。</p>` +
    `${watchTable(insights.watch, 'watch')}</section>` +
    `<section><h2>14天内到期的补休（第五条、第十一条）</h2>${leaveTable(insights.expiringLeave, 'expiring-leave')}</section>` +
    `<p class="note">本报告由考核表的结算结果生成，数值为结算时冻结的结果。</p>`
  return page(`12368考核看板 ${insights.periodText}`, body)
}

function statementMonth(m: StatementMonth): string {
  const head = `<h3>${esc(m.label)}</h3>`
  const events =
    m.events.length === 0
      ? ''
      : `<p class="note">本月“事件”记录：</p><table data-table="events"><thead><tr><th>日期</th><th>类型</th><th>扣加分</th><th>通话编号</th><th>说明</th></tr></thead><tbody>` +
        m.events
          .map(
            (e) =>
              `<tr>${textCell('date', e.date)}${textCell('type', e.type)}${textCell('points', e.points)}${textCell('callId', e.callId)}${textCell('note', e.note)}</tr>`,
          )
          .join('') +
        '</tbody></table>'
  const duties =
    m.duties.length === 0
      ? ''
      : `<p class="note">中午值班（第五条）：</p><table data-table="duties"><thead><tr><th>日期</th><th>结果</th><th>说明</th></tr></thead><tbody>` +
        m.duties
          .map(
            (d) =>
              `<tr data-date="${esc(d.date)}">${textCell('date', d.date)}${textCell('outcome', d.outcome)}${textCell('effect', d.effect)}</tr>`,
          )
          .join('') +
        '</tbody></table>'
  if (!m.scored) {
    return `<section data-month="${esc(m.month)}">${head}<p class="empty" data-k="note">${esc(m.note || '本月无成绩')}</p>${events}${duties}</section>`
  }
  const lines = m.lines
    .map((l) => {
      const inputs = l.inputs.map((i) => `${esc(i.label)} ${esc(i.value)}`).join('；')
      const cls = l.key === 'total' ? ' style="font-weight:600"' : ''
      return (
        `<tr data-k-line="${esc(l.key)}"${cls}>${textCell('label', l.label)}${textCell('article', l.article)}` +
        `${numCell('score', l.score)}${textCell('explanation', l.explanation)}<td data-k="inputs">${inputs}</td></tr>`
      )
    })
    .join('')
  const marks =
    (m.star ? '<span class="badge b-star">每月之星</span>' : '') +
    (m.bottom ? '<span class="badge b-bottom">倒数前三</span>' : '')
  const rank =
    m.rank === null
      ? ''
      : `排名 <b data-k="rank">${m.rank}</b> / <span data-k="ofCount">${m.ofCount}</span> ${marks}`
  return (
    `<section data-month="${esc(m.month)}">${head}` +
    (m.mismatch ? `<div class="warn">${esc(m.mismatch)}</div>` : '') +
    `<table data-table="components"><thead><tr><th>项目</th><th>条款</th><th>得分</th><th>计算过程</th><th>依据数据</th></tr></thead>` +
    `<tbody>${lines}</tbody></table><p>${rank}</p>` +
    (m.note ? `<p data-k="note">预警 / 说明：${esc(m.note)}</p>` : '') +
    `${events}${duties}</section>`
  )
}

/** Month sections; months where the operator has no row are summed up in one line. */
function statementMonths(months: readonly StatementMonth[]): string {
  const absent = months.filter(
    (m) => !m.scored && m.events.length === 0 && /没有该工号|尚无月度表/.test(m.note),
  )
  const shown = months.filter((m) => !absent.includes(m)).map(statementMonth)
  if (absent.length > 0) {
    shown.push(
      `<p class="empty" data-k="absentMonths">未列入月度表的月份：${absent.map((m) => esc(m.month)).join('、')}</p>`,
    )
  }
  return shown.join('')
}

/** The 个人成绩单 as a printable page (`kaohe statement`). */
export function renderStatement(st: Statement): string {
  const a = st.aggregate
  const aggregate = a
    ? `<section><h2>${esc(a.label)}（${esc(a.article)}）</h2>` +
      (a.score === null
        ? `<p class="empty" data-k="aggregateNote">${esc(a.note)}</p>`
        : `<div class="cards">${card(a.kind === 'year' ? '年度得分' : '季度得分', fmt(a.score, 2), 'aggregateScore')}` +
          `${card('排名', a.rank === null ? '—' : `${a.rank} / ${a.ofCount}`, 'aggregateRank')}` +
          `${card('建议档次（第十三条）', a.proposedTier || '—', 'proposedTier')}${card('最终档次', a.finalTier || '待评定', 'finalTier')}` +
          (a.kind === 'quarter'
            ? card('服务之星（第十二条）', a.serviceStar ? '是' : '否', 'serviceStar')
            : '') +
          (a.kind === 'year' ? card('领导评价档次（第十条）', a.leaderBand || '—', 'leaderBand') : '') +
          `</div><p data-k="aggregateExplanation">${esc(a.explanation)}</p>` +
          (a.note ? `<p class="note">备注：${esc(a.note)}</p>` : '')) +
      '</section>'
    : ''
  const trend =
    st.months.length > 1
      ? lineChart({
          title: `${st.name}月度总分`,
          labels: st.months.map((m) => monthLabel(m.month)),
          series: [
            {
              name: st.name || st.id,
              values: st.months.map((m) => m.total),
              color: '#1a73e8',
              strokeWidth: 2.5,
            },
          ],
          height: 220,
        })
      : ''
  const triggers = st.triggers.length === 0 ? '<p class="empty">无</p>' : alertsTable(st.triggers, 'triggers')
  const body =
    `<header><h1>个人成绩单 · ${esc(st.label)}</h1>` +
    `<p class="meta">工号 <b data-k="id">${esc(st.id)}</b> · 姓名 <b data-k="name">${esc(st.name)}</b>` +
    (st.homeCourt ? ` · ${esc(st.homeCourt)}` : '') +
    (st.role ? ` · ${esc(st.role)}` : '') +
    ` · 生成于 ${esc(st.generatedAt)}</p></header>` +
    st.notices.map((n) => `<div class="warn">${esc(n)}</div>`).join('') +
    aggregate +
    (trend ? `<section><h2>月度总分走势</h2>${trend}</section>` : '') +
    `<section><h2>月度得分明细（第七条）</h2>${statementMonths(st.months)}</section>` +
    `<section><h2>公示异议及处理结果（第八条）</h2>${objectionsTable(st.objections)}</section>` +
    `<section><h2>预警（第十五条、第十六条、第三条）</h2>${triggers}</section>` +
    `<section><h2>补休（第五条、第十一条）</h2>${leaveTable(st.leave, 'leave')}</section>` +
    '<div class="sign"><div>话务员签名</div><div>带班班长签名</div><div>日期</div></div>'
  return page(`个人成绩单 ${st.id} ${st.name} ${st.periodText}`, body)
}
