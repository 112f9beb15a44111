/**
 * The commands of SPEC §12, each returning its exit code: 0 done, 1 input problems (listed), 2 usage or
 * file error. A command loads the whole workbook, runs one workflow in memory, and only when it succeeds
 * writes the file back atomically — so a refused or failed command leaves the file byte-for-byte untouched.
 */
import path from 'node:path'
import type ExcelJS from 'exceljs'
import { formatPeriod, type Period, parsePeriod, periodLabel } from '../core/period'
import { InputError, type Problem } from '../core/problems'
import { ROSTER_LAYOUT, SHEET } from '../workbook/layouts'
import type { Workbook, WritePlan } from '../workbook/types'
import { assertNotOpenElsewhere, exists, FileError, loadWorkbookFile, saveWorkbookFile } from './file'
import type { Reporter } from './output'
import { newXlsxBook, type XlsxOptions, XlsxWorkbook } from './xlsx-workbook'

export const EXIT = { ok: 0, problems: 1, usage: 2 } as const

/** The workflow results the hosts run (src/workbook/workflows.ts). */
export type Outcome =
  | { readonly ok: true; readonly plan: WritePlan }
  | { readonly ok: false; readonly problems: readonly Problem[]; readonly message: string }

export interface Workflows {
  setupWorkbook(book: Workbook): Outcome
  prepareMonth(book: Workbook, month: string): Outcome
  validatePeriod(book: Workbook, period: Period): readonly Problem[]
  closePeriod(book: Workbook, period: Period): Outcome
  reopenPeriod(book: Workbook, period: Period): Outcome
  publishMonth(book: Workbook, month: string): Outcome
  publishPeriod(book: Workbook, period: Period): Outcome
  refreshLedger(book: Workbook): Outcome
}

/** A usage mistake (exit 2), e.g. a period that is not a period. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}

export interface CommandContext {
  readonly workflows: Workflows
  readonly reporter: Reporter
  readonly xlsx?: XlsxOptions
}

export function periodArg(text: string): Period {
  try {
    return parsePeriod(text)
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err))
  }
}

async function openBook(
  file: string,
  ctx: CommandContext,
): Promise<{ raw: ExcelJS.Workbook; book: XlsxWorkbook }> {
  ctx.reporter.step(`读取 ${file}`)
  const raw = await loadWorkbookFile(file)
  return { raw, book: new XlsxWorkbook(raw, ctx.xlsx) }
}

/** The workbook must at least have the 人员 sheet with its 工号 column: otherwise it is not a 考核表. */
export function assertAssessmentBook(book: Workbook, file: string): void {
  const names = book.sheetNames()
  if (!names.includes(SHEET.roster)) {
    throw new FileError(
      `“${path.basename(file)}”中没有“${SHEET.roster}”工作表，不是考核表（或工作表被改名）。` +
        `可先运行 kaohe init ${file} 补齐缺少的工作表（已有数据不会被覆盖）`,
    )
  }
  const header = book.read([SHEET.roster]).get(SHEET.roster)?.[0] ?? []
  const missing = ROSTER_LAYOUT.columns.map((c) => c.header).filter((h) => !header.includes(h))
  if (missing.length > 0) {
    throw new FileError(
      `“${SHEET.roster}”工作表缺少列：${missing.join('、')}。请恢复表头（第1行）后重试，或运行 kaohe init ${file}`,
    )
  }
}

async function applyAndSave(
  file: string,
  raw: ExcelJS.Workbook,
  book: XlsxWorkbook,
  plan: WritePlan,
  ctx: CommandContext,
) {
  ctx.reporter.step('写入结果')
  book.apply(plan, (step, done, total) => ctx.reporter.progress(step, done, total))
  ctx.reporter.done()
  ctx.reporter.step(`保存 ${file}`)
  const { backup } = await saveWorkbookFile(raw, file)
  ctx.reporter.success(plan.message)
  if (backup) ctx.reporter.info(`原文件已备份为 ${backup}`)
}

function refuse(ctx: CommandContext, message: string, problems: readonly Problem[]): number {
  ctx.reporter.error(message)
  if (problems.length > 0) ctx.reporter.problems(problems)
  ctx.reporter.info('工作簿未作任何改动。')
  return EXIT.problems
}

/** `kaohe init <book.xlsx>`: creates the workbook, or adds what is missing to an existing one. */
export async function initCommand(file: string, ctx: CommandContext): Promise<number> {
  const isNew = !(await exists(file))
  if (!isNew) await assertNotOpenElsewhere(file)
  const { raw, book } = isNew
    ? (() => {
        ctx.reporter.step(`新建 ${file}`)
        const r = newXlsxBook()
        return { raw: r, book: new XlsxWorkbook(r, ctx.xlsx) }
      })()
    : await openBook(file, ctx)
  const outcome = ctx.workflows.setupWorkbook(book)
  if (!outcome.ok) return refuse(ctx, outcome.message, outcome.problems)
  await applyAndSave(file, raw, book, outcome.plan, ctx)
  return EXIT.ok
}

/** `kaohe validate <book.xlsx> <period>`: lists problems; exit 1 when there are any. Never writes. */
export async function validateCommand(
  file: string,
  periodText: string,
  ctx: CommandContext,
): Promise<number> {
  const period = periodArg(periodText)
  const { book } = await openBook(file, ctx)
  assertAssessmentBook(book, file)
  ctx.reporter.step(`校验 ${periodLabel(period)}`)
  const problems = ctx.workflows.validatePeriod(book, period)
  if (problems.length > 0) {
    ctx.reporter.problems(problems)
    return EXIT.problems
  }
  ctx.reporter.success(`${periodLabel(period)}数据校验通过，没有发现问题。`)
  return EXIT.ok
}

type PeriodWorkflow = 'closePeriod' | 'reopenPeriod'

async function periodCommand(
  which: PeriodWorkflow,
  file: string,
  periodText: string,
  ctx: CommandContext,
): Promise<number> {
  const period = periodArg(periodText)
  await assertNotOpenElsewhere(file)
  const { raw, book } = await openBook(file, ctx)
  assertAssessmentBook(book, file)
  ctx.reporter.step(`${which === 'closePeriod' ? '结算' : '重新开放'} ${periodLabel(period)}`)
  const outcome = ctx.workflows[which](book, period)
  if (!outcome.ok) return refuse(ctx, outcome.message, outcome.problems)
  await applyAndSave(file, raw, book, outcome.plan, ctx)
  return EXIT.ok
}

/** `kaohe close <book.xlsx> <period>`: month `2026-05`, quarter `2026-Q2` or year `2026`. */
export function closeCommand(file: string, periodText: string, ctx: CommandContext): Promise<number> {
  return periodCommand('closePeriod', file, periodText, ctx)
}

/** `kaohe reopen <book.xlsx> <period>`: lifts a close's protection, logged. */
export function reopenCommand(file: string, periodText: string, ctx: CommandContext): Promise<number> {
  return periodCommand('reopenPeriod', file, periodText, ctx)
}

/** `kaohe publish <book.xlsx> <month|year>`: the 公示 copy of a month's (第八条) or year's (第十条) preliminary scores. */
export async function publishCommand(file: string, periodText: string, ctx: CommandContext): Promise<number> {
  const period = periodArg(periodText)
  if (period.kind === 'quarter') {
    throw new UsageError(
      `季度没有公示（第九条只规定评定得分），请给出月份（如 2026-05）或年度（如 2026）（收到“${formatPeriod(period)}”）`,
    )
  }
  await assertNotOpenElsewhere(file)
  const { raw, book } = await openBook(file, ctx)
  assertAssessmentBook(book, file)
  ctx.reporter.step(`生成 ${periodLabel(period)} 公示表`)
  const outcome = ctx.workflows.publishPeriod(book, period)
  if (!outcome.ok) return refuse(ctx, outcome.message, outcome.problems)
  await applyAndSave(file, raw, book, outcome.plan, ctx)
  return EXIT.ok
}

/** `kaohe refresh <book.xlsx>`: 补休 状态 as of today (SPEC §13), as the menu's 刷新看板 does. */
export async function refreshCommand(file: string, ctx: CommandContext): Promise<number> {
  await assertNotOpenElsewhere(file)
  const { raw, book } = await openBook(file, ctx)
  assertAssessmentBook(book, file)
  ctx.reporter.step('刷新补休状态')
  const outcome = ctx.workflows.refreshLedger(book)
  if (!outcome.ok) return refuse(ctx, outcome.message, outcome.problems)
  if (outcome.plan.writes.length === 0) {
    ctx.reporter.success(outcome.plan.message)
    return EXIT.ok
  }
  await applyAndSave(file, raw, book, outcome.plan, ctx)
  return EXIT.ok
}

/** `kaohe prepare <book.xlsx> <month>`: 新建月度录入表, the month sheet listed from 人员 (第十四条, 第十七条). */
export async function prepareCommand(file: string, monthText: string, ctx: CommandContext): Promise<number> {
  const period = periodArg(monthText)
  if (period.kind !== 'month') {
    throw new UsageError(`月度录入表按月建立，请给出月份，例如 2026-05（收到“${formatPeriod(period)}”）`)
  }
  await assertNotOpenElsewhere(file)
  const { raw, book } = await openBook(file, ctx)
  assertAssessmentBook(book, file)
  ctx.reporter.step(`新建 ${periodLabel(period)} 月度录入表`)
  const outcome = ctx.workflows.prepareMonth(book, formatPeriod(period))
  if (!outcome.ok) return refuse(ctx, outcome.message, outcome.problems)
  await applyAndSave(file, raw, book, outcome.plan, ctx)
  return EXIT.ok
}

/** Turns any error into a Chinese message and an exit code; a stack trace only with KAOHE_DEBUG=1. */
export function exitCodeOf(err: unknown, reporter: Reporter): number {
  const debug = process.env.KAOHE_DEBUG === '1'
  if (debug && err instanceof Error && err.stack) reporter.error(err.stack)
  if (err instanceof FileError || err instanceof UsageError) {
    reporter.error(err.message)
    return EXIT.usage
  }
  if (err instanceof InputError) {
    reporter.error(err.message)
    reporter.info('工作簿未作任何改动。')
    return EXIT.problems
  }
  const message = err instanceof Error ? err.message : String(err)
  reporter.error(`内部错误：${message}（工作簿未作任何改动；设置环境变量 KAOHE_DEBUG=1 可查看详细信息）`)
  return EXIT.usage
}
