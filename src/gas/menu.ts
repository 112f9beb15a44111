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
import { refreshAfterClose } from './dashboard'
import { renderSidebar, SIDEBAR_TITLE } from './sidebar'
import { messageOf, SpreadsheetWorkbook } from './spreadsheet-workbook'

export const MENU_TITLE = '12368考核'
export const BUSY_MESSAGE = '另一项结算正在进行，请稍后再试'
/** How long a second close waits for the first one before giving up (ms). */
export const LOCK_WAIT_MS = 5000
/** At most this many problems are listed in a dialog; the rest are counted. */
export const MAX_PROBLEMS_SHOWN = 30

/** The menu: caption → handler name (a top-level function of dist/Code.js). null = separator. */
export const MENU_ITEMS: readonly (readonly [string, string] | null)[] = [
  ['初始化考核表', 'menuSetup'],
  ['新建月度录入表…', 'menuNewMonth'],
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
  ['帮助', 'menuHelp'],
]

type Ui = GoogleAppsScript.Base.Ui
type Kind = Period['kind']

const KIND_EXAMPLE: Readonly<Record<Kind, string>> = {
  month: '月份，如 2026-05',
  quarter: '季度，如 2026-Q2',
  year: '年度，如 2026',
}

/** A Chinese message that ends the action without being an error (cancelled, wrong input). */
class Stop extends Error {
  override readonly name = 'Stop'
}

// One getUi and one getActive per execution (each is a SpreadsheetApp call): a menu click is one execution.
let cachedUi: Ui | null = null
let cachedSpreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet | null = null

function ui(): Ui {
  if (!cachedUi) cachedUi = SpreadsheetApp.getUi()
  return cachedUi
}

function active(): GoogleAppsScript.Spreadsheet.Spreadsheet {
  if (!cachedSpreadsheet) cachedSpreadsheet = SpreadsheetApp.getActive()
  return cachedSpreadsheet
}

/** Forgets the cached services (a new execution; tests run many handlers in one context). */
function freshExecution(): void {
  cachedUi = null
  cachedSpreadsheet = null
}

/** The host over the active spreadsheet, sharing the cached getActive. */
function newBook(): SpreadsheetWorkbook {
  return new SpreadsheetWorkbook({
    app: SpreadsheetApp,
    spreadsheet: active(),
    utilities: Utilities,
    session: Session,
  })
}

function toast(message: string, seconds = 5): void {
  active().toast(message, MENU_TITLE, seconds)
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
  const first = kinds[0] ?? 'month'
  const fallback = defaultPeriod(first, book.now().slice(0, 10))
  const examples = kinds.map((k) => KIND_EXAMPLE[k]).join('，或')
  const u = ui()
  const response = u.prompt(
    title,
    `请输入${what}的${examples}。\n留空则为 ${formatPeriod(fallback)}（${periodLabel(fallback)}）。`,
    u.ButtonSet.OK_CANCEL,
  )
  if (response.getSelectedButton() !== u.Button.OK) throw new Stop('')
  const text = response.getResponseText().trim()
  if (text === '') return fallback
  const period = tryParsePeriod(text)
  if (!period || !kinds.includes(period.kind)) throw new Stop(`“${text}”不是有效的${examples}。`)
  return period
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

/** Runs `work` holding the document lock; says so and changes nothing when another change holds it. */
function withLock(work: () => void): void {
  const lock = LockService.getDocumentLock()
  if (lock && !lock.tryLock(LOCK_WAIT_MS)) {
    ui().alert(MENU_TITLE, BUSY_MESSAGE, ui().ButtonSet.OK)
    return
  }
  try {
    work()
  } finally {
    lock?.releaseLock()
  }
}

/**
 * Shows an outcome: applies the plan (long plans report progress in toasts) and shows the result dialog,
 * or lists the problems. The dialog itself says it is done: no closing toast.
 */
function applyOutcome(book: Workbook, title: string, outcome: Outcome): void {
  if (!outcome.ok) {
    toast('未写入任何数据', 3)
    showProblems(title, outcome.message, outcome.problems)
    return
  }
  book.apply(outcome.plan, (step, done, total) => toast(`${step}（${done + 1}/${total}）`, 10))
  ui().alert(title, outcome.plan.message, ui().ButtonSet.OK)
}

/** The catch-all around every handler: Chinese messages only, details to the execution log. */
function guarded(title: string, action: () => void): void {
  freshExecution()
  try {
    action()
  } catch (error) {
    if (error instanceof Stop) {
      if (error.message) ui().alert(title, error.message, ui().ButtonSet.OK)
      return
    }
    console.error(`${title} failed`, error)
    // Our own errors are Chinese and meant for the user; anything else (English, from a service) is not.
    const message = messageOf(error)
    const known = /[\u4e00-\u9fff]/.test(message) ? message : ''
    ui().alert(
      title,
      known || '操作未完成：出现意外错误，详细信息已记录在执行日志中。请稍后重试，或联系维护人员。',
      ui().ButtonSet.OK,
    )
  }
}

function change(title: string, run: (book: Workbook) => Outcome, working: string): void {
  guarded(title, () => {
    const book = newBook()
    withLock(() => {
      toast(working, 30)
      applyOutcome(book, title, run(book))
    })
  })
}

function changeForPeriod(
  title: string,
  what: string,
  kinds: readonly Kind[],
  run: (book: Workbook, period: Period) => Outcome,
  after?: (book: Workbook, period: Period, spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet) => void,
): void {
  guarded(title, () => {
    const book = newBook()
    const period = askPeriod(title, what, kinds, book)
    withLock(() => {
      // No toast of our own: Sheets shows that the script is running, and the result dialog follows.
      const outcome = run(book, period)
      applyOutcome(book, `${title}：${periodLabel(period)}`, outcome)
      if (outcome.ok) after?.(book, period, active())
    })
  })
}

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
  change('初始化考核表', (book) => workflows.setupWorkbook(book), '正在初始化考核表……')
}

/** 新建月度录入表…: a month sheet pre-filled from 人员, with eligibility (第十四条、第十七条). */
export function menuNewMonth(): void {
  changeForPeriod('新建月度录入表', '要录入', ['month'], (book, p) =>
    workflows.prepareMonth(book, formatPeriod(p)),
  )
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
  changeForPeriod(
    '月度结算',
    '要结算',
    ['month'],
    (book, p) => workflows.closePeriod(book, p),
    refreshAfterClose,
  )
}

/** 季度结算… (第九条、第十二条、第十三条). */
export function menuCloseQuarter(): void {
  changeForPeriod(
    '季度结算',
    '要结算',
    ['quarter'],
    (book, p) => workflows.closePeriod(book, p),
    refreshAfterClose,
  )
}

/** 年度结算… (第十条、第十三条). */
export function menuCloseYear(): void {
  changeForPeriod(
    '年度结算',
    '要结算',
    ['year'],
    (book, p) => workflows.closePeriod(book, p),
    refreshAfterClose,
  )
}

/** 重新开放…: removes a closed period's protection so it can be corrected; asks first; logged. */
export function menuReopen(): void {
  const title = '重新开放'
  guarded(title, () => {
    const book = newBook()
    const period = askPeriod(title, '要重新开放', ['month', 'quarter', 'year'], book)
    const u = ui()
    const answer = u.alert(
      title,
      `确定重新开放${periodLabel(period)}吗？\n解除保护后可以修改数据，修改后须重新结算。此操作会记入“日志”。`,
      u.ButtonSet.YES_NO,
    )
    if (answer !== u.Button.YES) return
    withLock(() => {
      toast(`正在重新开放${periodLabel(period)}……`, 30)
      applyOutcome(book, `${title}：${periodLabel(period)}`, workflows.reopenPeriod(book, period))
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
  '3. 点“校验数据”检查输入；点“生成公示表”公示初步结果（次月5日前，第八条）。',
  '4. 点“月度结算…”冻结得分、排名、每月之星和预警，并保护该月表格（次月10日前）。',
  '5. 季度、年度结束后分别点“季度结算…”“年度结算…”（年度结算前先填写领导评价）。',
  '6. 需要更正已结算的期间时，点“重新开放…”，改好后再次结算；每次操作都会记入“日志”。',
  '“预警一览”列出谈话提醒、辞退或更换、派驻缺位和即将到期的补休。',
  '“月度结果汇总”由月度结算自动写入（与各月度表结算结果相同），供预警统计和季度、年度结算使用，请勿修改。',
].join('\n')

/** 帮助. */
export function menuHelp(): void {
  guarded('帮助', () => {
    ui().alert('帮助', HELP_TEXT, ui().ButtonSet.OK)
  })
}
