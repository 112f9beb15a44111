/**
 * The 预警一览 sidebar (SPEC §11): open alerts (第十五条、第十六条, 派驻缺位 and 派驻更换 第三条), 补休 about to expire
 * (第五条、第十一条), 关注名单 (SPEC §17), objections to 公示 still to settle with the days left to their 终评
 * deadline (第八条) and this month's deadlines (第八–十条), as plain Chinese HTML. Every piece of workbook
 * text is escaped; the page has no scripts.
 */
import { deadlineState, deadlineStatusText, deadlineWhat } from '../workbook/deadline-status'
import { daysLeftText, type SidebarInsights } from '../workbook/insights'

export const SIDEBAR_TITLE = '预警一览'

export function escapeHtml(text: unknown): string {
  return String(text ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

const CSS = `body{font-family:'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif;font-size:13px;color:#202124;margin:8px}
h2{font-size:15px;margin:14px 0 6px;border-bottom:2px solid #1a73e8;padding-bottom:2px}
ul{list-style:none;padding:0;margin:0}
li{border:1px solid #dadce0;border-radius:6px;padding:6px 8px;margin:0 0 6px}
li.dismissal{background:#f4c7c3}li.reminder{background:#fce8b2}li.vacancy{background:#cfe2f3}li.watch{border-style:dashed}
li.overdue{background:#f4c7c3;border-color:#c5221f}li.done{color:#5f6368}li.late{background:#fce8b2}
.k{color:#5f6368;font-size:12px}.empty{color:#5f6368}.notice{color:#b06000}`

function section(title: string, items: readonly string[], empty: string): string {
  const body = items.length > 0 ? `<ul>${items.join('')}</ul>` : `<p class="empty">${escapeHtml(empty)}</p>`
  return `<h2>${escapeHtml(title)}</h2>${body}`
}

/** 第三条's two reminders (派驻缺位, 派驻更换) share the blue of the court-side notices. */
function levelClass(level: string): string {
  if (level === '辞退或更换') return 'dismissal'
  if (level === '谈话提醒') return 'reminder'
  return 'vacancy'
}

/** The sidebar page for the data `sidebarInsights` returns. */
export function renderSidebar(data: SidebarInsights): string {
  const alerts = data.openAlerts.map(
    (a) =>
      `<li class="${levelClass(a.level)}"><b>${escapeHtml(a.level)}</b>　${escapeHtml(a.name)}（${escapeHtml(a.id)}）` +
      `<br>${escapeHtml(a.reason)}<br><span class="k">${escapeHtml(a.month)}　${escapeHtml(a.clause)}</span></li>`,
  )
  // 关注名单 (SPEC §17): one event away from a clause next month; it predicts nothing beyond the rules' counts.
  const watch = (data.watch ?? []).map(
    (w) =>
      `<li class="watch"><b>${escapeHtml(w.clause)}</b>　${escapeHtml(w.name)}（${escapeHtml(w.id)}）还差${escapeHtml(w.gap)}` +
      `<br>${escapeHtml(w.note)}<br><span class="k">${escapeHtml(w.month)}结算</span></li>`,
  )
  const leave = data.expiringLeave.map(
    (l) =>
      `<li>${escapeHtml(l.name)}（${escapeHtml(l.id)}）剩余补休 ${escapeHtml(l.remaining)} 天，` +
      `${escapeHtml(l.expires)} 前休完（${escapeHtml(daysLeftText(l.daysLeft))}）<br>` +
      `<span class="k">${escapeHtml(l.source)}</span></li>`,
  )
  const objections = data.openObjections.map(
    (o) =>
      `<li class="reminder"><b>${escapeHtml(o.month)}</b>　${escapeHtml(o.name)}（${escapeHtml(o.id)}）${escapeHtml(o.matter)}` +
      `<br>${o.due ? `须于 ${escapeHtml(o.due)} 评定截止前处理（${escapeHtml(daysLeftText(o.daysLeft ?? 0))}）` : '评定截止日待核对（节假日数据缺失）'}` +
      `<br><span class="k">“异议”表第${escapeHtml(o.row)}行${o.raised ? `，${escapeHtml(o.raised)} 提出` : ''}</span></li>`,
  )
  // What is due, in words (公示 or 上报终评), its state from the 日志, overdue ones marked.
  const deadlines = data.deadlines.map((d) => {
    const state = deadlineState(d)
    const mark = state === 'overdue' ? '<b>【已逾期】</b>' : state === 'late' ? '【逾期完成】' : ''
    return (
      `<li class="${state}">${mark}<b>${escapeHtml(d.label)}${escapeHtml(deadlineWhat(d.which))}</b>：` +
      `截止 ${escapeHtml(d.due)}（${escapeHtml(deadlineStatusText(d))}）` +
      `<br><span class="k">${escapeHtml(d.reason)}</span></li>`
    )
  })
  const notices = data.notices.map((n) => `<p class="notice">${escapeHtml(n)}</p>`).join('')
  return [
    `<!DOCTYPE html><html><head><meta charset="utf-8"><style>${CSS}</style></head><body>`,
    `<p class="k">截至 ${escapeHtml(data.asOf)}</p>`,
    notices,
    section('预警（谈话提醒、辞退或更换、派驻缺位、派驻更换）', alerts, '目前没有预警'),
    section('关注名单（再有1次即触发第十五条、第十六条）', watch, '目前无人临近条款'),
    section('即将到期的补休', leave, '近期没有到期的补休'),
    section('未处理的异议（第八条）', objections, '没有未处理的异议'),
    section('本月截止事项', deadlines, '本月没有截止事项'),
    '</body></html>',
  ].join('')
}
