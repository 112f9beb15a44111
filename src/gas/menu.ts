/**
 * The `12368考核` menu (SPEC §11) and its handlers. Each handler asks for the period when it needs one
 * (default: the previous month, quarter or year in the spreadsheet's time zone), takes the document lock
 * around every change, runs the workflow, applies its plan, and shows the result or the list of problems.
 * No stack trace ever reaches the user: unexpected errors are logged with console.error and shown in Chinese.
 */

import { formatPeriod, type Period, periodLabel, tryParsePeriod } from '../core/period'
import { formatProblem, type Problem } from '../core/problems'
import type { Outcome } from '../workbook/outcome'
import type { Workbook } from '../workbook/types'
import * as workflows from '../workbook/workflows'
import { dashboardStep } from './dashboard'
import { renderSidebar, SIDEBAR_TITLE } from './sidebar'
import type { ReportStep, SpreadsheetWorkbook } from './spreadsheet-workbook'
import { freshExecution, guarded, MENU_TITLE, newBook, Stop, toast, ui, withLock } from './ui'

export { BUSY_MESSAGE, LOCK_WAIT_MS, MENU_TITLE } from './ui'
/** At most this many problems are listed in a dialog; the rest are counted. */
export const MAX_PROBLEMS_SHOWN = 30

/** The menu: caption → handler name (a top-level function of dist/Code.js). null = separator. */
export const MENU_ITEMS: readonly (readonly [string, string] | null)[] = [
  ['初始化考核表', 'menuSetup'],
  ['新建月度录入表…', 'menuNewMonth'],
  ['导入…', 'menuImport'],
  ['导入考勤…', 'menuImportAttendance'],
  ['校验数据', 'menuValidate'],
  null,
  ['月度结算…', 'menuCloseMonth'],
  ['季度结算…', 'menuCloseQuarter'],
  ['年度结算…', 'menuCloseYear'],
  ['重新开放…', 'menuReopen'],
  null,
  ['生成公示表', 'menuPublish'],
  ['预警一览', 'menuAlerts'],
  ['刷新看板…', 'menuDashboard'],
  ['个人成绩单…', 'showStatement'],
  ['考核报告（可打印）…', 'showReport'],
  null,
  ['导入节假日安排…', 'menuImportHolidays'],
  ['帮助', 'menuHelp'],
]

type Kind = Period['kind']

const KIND_EXAMPLE: Readonly<Record<Kind, string>> = {
  month: '月份，如 2026-05',
  quarter: '季度，如 2026-Q2',
  year: '年度，如 2026',
}

/** The previous month, quarter or year relative to `today` (`YYYY-MM-DD` in the spreadsheet's zone). */
export function defaultPeriod(kind: Kind, today: string): Period {
  const year = Number(today.slice(0, 4))
  const month = Number(today.slice(5, 7))
  if (kind === 'month')
    return month === 1 ? { kind, year: year - 1, month: 12 } : { kind, year, month: month - 1 }
  if (kind === 'quarter') {
    const q = Math.ceil(month / 3)
    return q === 1 ? { kind, year: year - 1, quarter: 4 } : { kind, year, quarter: q - 1 }
  }
  return { kind, year: year - 1 }
}

/**
 * Asks for a period. `kinds` lists what is accepted; the first is the default's kind. Throws Stop when the
 * user cancels or types something that is not such a period.
 */
export function askPeriod(title: string, what: string, kinds: readonly Kind[], book: Workbook): Period {
  return askPeriodAnd(title, what, kinds, book).period
}

/**
 * The same prompt, with an optional `hint` line; the answer may end with a 异议 row (`2026-05 3`, `2026-05
 * 第3行`), returned apart when `withRow` (重新开放… for a late 更正, 第八条).
 */
function askPeriodAnd(
  title: string,
  what: string,
  kinds: readonly Kind[],
  book: Workbook,
  hint = '',
  withRow = false,
): { period: Period; row: number | null } {
  const first = kinds[0] ?? 'month'
  const fallback = defaultPeriod(first, book.now().slice(0, 10))
  const examples = kinds.map((k) => KIND_EXAMPLE[k]).join('，或')
  const u = ui()
  const response = u.prompt(
    title,
    `请输入${what}的${examples}。\n留空则为 ${formatPeriod(fallback)}（${periodLabel(fallback)}）。${hint ? `\n${hint}` : ''}`,
    u.ButtonSet.OK_CANCEL,
  )
  if (response.getSelectedButton() !== u.Button.OK) throw new Stop('')
  const answer = withRow ? splitObjectionRow(response.getResponseText()) : null
  const text = (answer ? answer.period : response.getResponseText()).trim()
  const row = answer?.row ?? null
  if (text === '') return { period: fallback, row }
  const period = tryParsePeriod(text)
  if (!period || !kinds.includes(period.kind)) throw new Stop(`“${text}”不是有效的${examples}。`)
  return { period, row }
}

/** `2026-05 3`, `2026-05，第3行`, `2026-05 异议3` → the period text and the 异议 row; no row → null. */
export function splitObjectionRow(text: string): { period: string; row: number | null } {
  const m = /^(.*?)[\s,，;；]+(?:异议)?\s*第?\s*(\d+)\s*行?$/.exec(text.trim())
  if (!m) return { period: text.trim(), row: null }
  return { period: m[1] ?? '', row: Number(m[2]) }
}

/** Lists problems (sheet, cell, reason): the first 30, then how many more. */
export function problemText(problems: readonly Problem[]): string {
  const shown = problems.slice(0, MAX_PROBLEMS_SHOWN).map((p, i) => `${i + 1}. ${formatProblem(p)}`)
  if (problems.length > MAX_PROBLEMS_SHOWN) shown.push(`另有${problems.length - MAX_PROBLEMS_SHOWN}项`)
  return shown.join('\n')
}

function showProblems(title: string, message: string, problems: readonly Problem[]): void {
  ui().alert(
    title,
    problems.length > 0 ? `${message}\n\n${problemText(problems)}` : message,
    ui().ButtonSet.OK,
  )
}

/**
 * Shows an outcome: applies the plan (long plans report progress in toasts) and shows the result dialog,
 * or lists the problems. The dialog itself says it is done: no closing toast.
 */
function applyOutcome(
  book: SpreadsheetWorkbook,
  title: string,
  outcome: Outcome,
  reports: readonly ReportStep[] = [],
): void {
  if (!outcome.ok) {
    toast('未写入任何数据', 3)
    showProblems(title, outcome.message, outcome.problems)
    return
  }
  book.applyWith(outcome.plan, reports, (step, done, total) => toast(`${step}（${done + 1}/${total}）`, 10))
  ui().alert(title, outcome.plan.message, ui().ButtonSet.OK)
}

function change(
  title: string,
  run: (book: Workbook) => Outcome,
  working: string,
  reports: (book: Workbook) => readonly ReportStep[] = () => [],
): void {
  guarded(title, () => {
    const book = newBook()
    withLock(() => {
      toast(working, 30)
      applyOutcome(book, title, run(book), reports(book))
    })
  })
}

function changeForPeriod(
  title: string,
  what: string,
  kinds: readonly Kind[],
  run: (book: Workbook, period: Period) => Outcome,
  reports: (period: Period) => readonly ReportStep[] = () => [],
): void {
  guarded(title, () => {
    const book = newBook()
    const period = askPeriod(title, what, kinds, book)
    withLock(() => {
      // No toast of our own: Sheets shows that the script is running, and the result dialog follows.
      applyOutcome(book, `${title}：${periodLabel(period)}`, run(book, period), reports(period))
    })
  })
}

/** A close also refreshes 看板 for its period, in the same transaction (its charts follow their data). */
const closeReports = (period: Period): readonly ReportStep[] => [dashboardStep(period)]

// ---------------------------------------------------------------- entry points (top-level in Code.js)

/** Builds the `12368考核` menu when the spreadsheet opens. */
export function onOpen(_e?: unknown): void {
  freshExecution()
  try {
    const menu = ui().createMenu(MENU_TITLE)
    for (const item of MENU_ITEMS) {
      if (item) menu.addItem(item[0], item[1])
      else menu.addSeparator()
    }
    menu.addToUi()
  } catch (error) {
    console.error('onOpen failed', error)
  }
}

/** Builds the menu when the script is installed as an add-on. */
export function onInstall(e?: unknown): void {
  onOpen(e)
}

/** 初始化考核表: creates the missing sheets with headers, dropdowns and default rules; never overwrites data. */
export function menuSetup(): void {
  // 看板 and its charts are made here, once: a close then rewrites only its data.
  change(
    '初始化考核表',
    (book) => workflows.setupWorkbook(book),
    '正在初始化考核表……',
    (book) => [dashboardStep(defaultPeriod('month', book.now().slice(0, 10)))],
  )
}

/** 新建月度录入表…: a month sheet pre-filled from 人员, with eligibility (第十四条、第十七条). */
export function menuNewMonth(): void {
  changeForPeriod('新建月度录入表', '要录入', ['month'], (book, p) =>
    workflows.prepareMonth(book, formatPeriod(p)),
  )
}

/**
 * Asks for the tab holding an export (pasted, or imported with 文件 → 导入 → 插入新工作表); blank = the
 * active tab. Throws Stop when cancelled.
 */
function askSheet(title: string, what: string, book: SpreadsheetWorkbook): string {
  const u = ui()
  // The active tab is asked for only when the answer is blank: a typed name costs no call of its own.
  const response = u.prompt(
    title,
    `请输入粘贴或导入了${what}的工作表名称（可用 文件 → 导入 → 插入新工作表）。\n留空则为当前打开的工作表。`,
    u.ButtonSet.OK_CANCEL,
  )
  if (response.getSelectedButton() !== u.Button.OK) throw new Stop('')
  return response.getResponseText().trim() || book.activeSheetName()
}

/** 导入…: a platform export's per-operator numbers into the month sheet (SPEC §14). */
export function menuImport(): void {
  const title = '导入平台数据'
  guarded(title, () => {
    const book = newBook()
    const period = askPeriod(title, '要导入', ['month'], book)
    const sheet = askSheet(title, '平台坐席统计导出', book)
    withLock(() => {
      const outcome = workflows.importPlatformExport(book, formatPeriod(period), { label: sheet, sheet })
      applyOutcome(book, `${title}：${periodLabel(period)}`, outcome)
    })
  })
}

/** 导入考勤…: an attendance export's 迟到、早退、旷工、擅自脱岗 into 事件 (SPEC §14, 第七条（二）). */
export function menuImportAttendance(): void {
  const title = '导入考勤'
  guarded(title, () => {
    const book = newBook()
    const sheet = askSheet(title, '考勤导出', book)
    withLock(() => {
      applyOutcome(book, title, workflows.importAttendanceExport(book, { label: sheet, sheet }))
    })
  })
}

/** 校验数据: lists the problems of a period's inputs without writing anything. */
export function menuValidate(): void {
  const title = '校验数据'
  guarded(title, () => {
    const book = newBook()
    const period = askPeriod(title, '要校验', ['month', 'quarter', 'year'], book)
    toast(`正在校验${periodLabel(period)}……`, 30)
    const problems = workflows.validatePeriod(book, period)
    if (problems.length === 0)
      ui().alert(title, `${periodLabel(period)}：校验通过，未发现问题。`, ui().ButtonSet.OK)
    else showProblems(title, `${periodLabel(period)}：发现${problems.length}处问题。`, problems)
  })
}

/** 月度结算… (第七条、第八条、第十一条、第十五条、第十六条). */
export function menuCloseMonth(): void {
  changeForPeriod('月度结算', '要结算', ['month'], (book, p) => workflows.closePeriod(book, p), closeReports)
}

/** 季度结算… (第九条、第十二条、第十三条). */
export function menuCloseQuarter(): void {
  changeForPeriod(
    '季度结算',
    '要结算',
    ['quarter'],
    (book, p) => workflows.closePeriod(book, p),
    closeReports,
  )
}

/** 年度结算… (第十条、第十三条). */
export function menuCloseYear(): void {
  changeForPeriod('年度结算', '要结算', ['year'], (book, p) => workflows.closePeriod(book, p), closeReports)
}

/**
 * 重新开放…: removes a closed period's protection so it can be corrected; asks first; logged. A month may be
 * reopened for a late 更正 (第八条): the answer then ends with the objection's 异议 row, e.g. `2026-05 3`.
 */
export function menuReopen(): void {
  const title = '重新开放'
  guarded(title, () => {
    const book = newBook()
    const { period, row } = askPeriodAnd(
      title,
      '要重新开放',
      ['month', 'quarter', 'year'],
      book,
      '因异议更正而重新开放月份的，在月份后加上“异议”表中该异议的行号，如 2026-05 3。',
      true,
    )
    const u = ui()
    const because = row === null ? '' : `（因“异议”表第${row}行的更正）`
    const answer = u.alert(
      title,
      `确定重新开放${periodLabel(period)}${because}吗？\n解除保护后可以修改数据，修改后须重新结算。此操作会记入“日志”。`,
      u.ButtonSet.YES_NO,
    )
    if (answer !== u.Button.YES) return
    withLock(() => {
      toast(`正在重新开放${periodLabel(period)}……`, 30)
      const options = row === null ? {} : { objectionRow: row }
      applyOutcome(book, `${title}：${periodLabel(period)}`, workflows.reopenPeriod(book, period, options))
    })
  })
}

/** 生成公示表: a month's (第八条) or the year's (第十条) preliminary scores for publication. */
export function menuPublish(): void {
  changeForPeriod('生成公示表', '要公示', ['month', 'year'], (book, p) => workflows.publishPeriod(book, p))
}

/** 预警一览: the sidebar with open alerts, expiring 补休 and this month's deadlines. */
export function menuAlerts(): void {
  guarded(SIDEBAR_TITLE, () => {
    const book = newBook()
    const html = HtmlService.createHtmlOutput(renderSidebar(workflows.alerts(book))).setTitle(SIDEBAR_TITLE)
    ui().showSidebar(html)
  })
}

export const HELP_TEXT = [
  '每月工作流程：',
  '1. 首次使用先点“初始化考核表”，在“人员”表登记话务员，在“规则”表填写可编辑结算表的管理员。',
  '2. 每月初点“新建月度录入表…”，填写上月数据；考勤、投诉、质检等也可记入“事件”“值班”表。',
  '   平台导出的坐席统计粘贴到新工作表后点“导入…”，考勤导出点“导入考勤…”，免去手工录入。',
  '3. 点“校验数据”检查输入；点“生成公示表”公示初步结果（次月5日前，第八条）。',
  '4. 点“月度结算…”冻结得分、排名、每月之星和预警，并保护该月表格（次月10日前）。',
  '5. 季度、年度结束后分别点“季度结算…”“年度结算…”（年度结算前先填写领导评价）。',
  '6. 需要更正已结算的期间时，点“重新开放…”，改好后再次结算；每次操作都会记入“日志”。',
  '公示期间话务员提出的异议记入“异议”表；有未处理的异议（处理结果为空）时不能结算该月。结算后才处理的更正：点“重新开放…”，在月份后加上异议所在行号（如 2026-05 3），更正数据后再次结算（第八条）。',
  '“预警一览”列出谈话提醒、辞退或更换、派驻缺位、派驻更换、关注名单（再有1次即触发条款的人员）、未处理的异议和即将到期的补休。',
  '每年12月国务院公布次年节假日安排后，点“导入节假日安排…”粘贴通知全文，次年的截止日即按通知计算。',
  '“月度结果汇总”由月度结算自动写入（与各月度表结算结果相同），供预警统计和季度、年度结算使用，请勿修改。',
].join('\n')

/** 帮助. */
export function menuHelp(): void {
  guarded('帮助', () => {
    ui().alert('帮助', HELP_TEXT, ui().ButtonSet.OK)
  })
}
