/**
 * The commands of SPEC §12, each returning its exit code: 0 done, 1 input problems (listed), 2 usage or
 * file error. A command loads the whole workbook, runs one workflow in memory, and only when it succeeds
 * writes the file back atomically — so a refused or failed command leaves the file byte-for-byte untouched.
 * Commands that write hold the workbook's lock meanwhile (one writer at a time; see lock.ts).
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import type ExcelJS from 'exceljs'
import { formatPeriod, type Period, parsePeriod, periodLabel } from '../core/period'
import { InputError, type Problem } from '../core/problems'
import { INPUT_SHEETS } from '../workbook/context'
import { ROSTER_LAYOUT, SHEET } from '../workbook/layouts'
import type { Outcome } from '../workbook/outcome'
import { groupProblemsByPerson } from '../workbook/problem-groups'
import type { Workbook } from '../workbook/types'
import type * as WorkflowModule from '../workbook/workflows'
import {
  assertNotOpenElsewhere,
  assertWritable,
  assertXlsxName,
  exists,
  FileError,
  loadWorkbookFile,
  saveWorkbookFile,
} from './file'
import { withWriteLock } from './lock'
import { commandNaming } from './naming'
import type { Reporter } from './output'
import { newXlsxBook, type XlsxOptions, XlsxWorkbook } from './xlsx-workbook'

export const EXIT = { ok: 0, problems: 1, usage: 2 } as const

/** The workflows this host runs, as src/workbook/workflows.ts declares them (tests may pass others). */
export type Workflows = Pick<
  typeof WorkflowModule,
  | 'setupWorkbook'
  | 'prepareMonth'
  | 'validatePeriod'
  | 'closePeriod'
  | 'reopenPeriod'
  | 'publishMonth'
  | 'publishPeriod'
  | 'refreshLedger'
>

export type { Outcome }

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

export async function openBook(
  file: string,
  ctx: CommandContext,
): Promise<{ raw: ExcelJS.Workbook; book: XlsxWorkbook }> {
  ctx.reporter.step(`读取 ${file}`)
  const raw = await loadWorkbookFile(file)
  return { raw, book: new XlsxWorkbook(raw, hostOptions(file, ctx)) }
}

/** The workbook options of this host: its messages name `kaohe` commands on this file. */
function hostOptions(file: string, ctx: CommandContext): XlsxOptions {
  return { ...ctx.xlsx, naming: commandNaming(file) }
}

/** The workbook must at least have the 人员 sheet with its 工号 column: otherwise it is not a 考核表. */
export function assertAssessmentBook(book: Workbook, file: string): void {
  const names = book.sheetNames()
  const init = commandNaming(file).setup()
  if (!names.includes(SHEET.roster)) {
    throw new FileError(
      `“${path.basename(file)}”中没有“${SHEET.roster}”工作表，不是考核表（或工作表被改名）。` +
        `可先${init} 补齐缺少的工作表（已有数据不会被覆盖）`,
    )
  }
  const header = book.read([SHEET.roster]).get(SHEET.roster)?.[0] ?? []
  const missing = ROSTER_LAYOUT.columns.map((c) => c.header).filter((h) => !header.includes(h))
  if (missing.length > 0) {
    throw new FileError(
      `“${SHEET.roster}”工作表缺少列：${missing.join('、')}。请恢复表头（第1行）后重试，或${init}`,
    )
  }
}

/**
 * The input sheets a close or a check reads must all be there: a missing one is the workbook's shape, not a
 * cell to fix, so it is refused (exit 2) naming `kaohe init`, which adds them and keeps the data.
 */
function assertInputSheets(book: Workbook, file: string): void {
  const names = book.sheetNames()
  const absent = INPUT_SHEETS.filter((n) => !names.includes(n))
  if (absent.length > 0) {
    throw new FileError(
      `“${path.basename(file)}”缺少工作表：${absent.map((n) => `“${n}”`).join('、')}。` +
        `请先${commandNaming(file).setup()} 补齐（已有数据不会被覆盖）`,
    )
  }
}

/**
 * Every command that changes a workbook goes through here (SPEC §12): refused before anything is read when
 * the file is of another format, open in Excel / WPS / LibreOffice, or read-only; then, holding the
 * workbook's write lock for the whole read–compute–write, it loads the file, runs the workflow, and saves
 * atomically only when the workflow succeeds.
 */
export async function changeWorkbook(
  file: string,
  ctx: CommandContext,
  step: string,
  run: (book: XlsxWorkbook) => Outcome,
  options: { readonly create?: boolean } = {},
): Promise<number> {
  assertXlsxName(file)
  await assertNotOpenElsewhere(file)
  await assertWritable(file)
  if (options.create) await ensureFolder(file)
  return withWriteLock(file, async (lock) => {
    const isNew = options.create === true && !(await exists(file))
    let opened: { raw: ExcelJS.Workbook; book: XlsxWorkbook }
    if (isNew) {
      ctx.reporter.step(`新建 ${file}`)
      const raw = newXlsxBook()
      opened = { raw, book: new XlsxWorkbook(raw, hostOptions(file, ctx)) }
    } else {
      opened = await openBook(file, ctx)
      if (!options.create) {
        assertAssessmentBook(opened.book, file)
        assertInputSheets(opened.book, file)
      }
    }
    const { raw, book } = opened
    ctx.reporter.step(step)
    const outcome = run(book)
    if (!outcome.ok) return refuse(ctx, outcome.message, outcome.problems, book)
    if (outcome.plan.writes.length === 0 && !outcome.plan.log) {
      ctx.reporter.success(outcome.plan.message) // nothing to change: the file is not rewritten
      return EXIT.ok
    }
    ctx.reporter.step('写入结果')
    book.apply(outcome.plan, (s, done, total) => ctx.reporter.progress(s, done, total))
    ctx.reporter.done()
    ctx.reporter.step(`保存 ${file}`)
    const { backup } = await saveWorkbookFile(raw, file, () => lock.assertHeld())
    ctx.reporter.success(outcome.plan.message)
    if (backup) ctx.reporter.info(`原文件已备份为 ${backup}`)
    return EXIT.ok
  })
}

async function ensureFolder(file: string): Promise<void> {
  try {
    await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true })
  } catch (err) {
    const code = (err as NodeJS.ErrnoException | null)?.code
    throw new FileError(`无法建立文件夹“${path.dirname(file)}”${code ? `（${code}）` : ''}`)
  }
}

/** Problems listed by person (姓名、工号、行), one line each, then those of no one's row. */
function listProblems(ctx: CommandContext, problems: readonly Problem[], book: Workbook): void {
  ctx.reporter.problems(problems, groupProblemsByPerson(book, problems))
}

function refuse(ctx: CommandContext, message: string, problems: readonly Problem[], book: Workbook): number {
  ctx.reporter.error(message)
  if (problems.length > 0) listProblems(ctx, problems, book)
  ctx.reporter.info('工作簿未作任何改动。')
  return EXIT.problems
}

/** `kaohe init <book.xlsx>`: creates the workbook, or adds what is missing to an existing one. */
export async function initCommand(file: string, ctx: CommandContext): Promise<number> {
  return changeWorkbook(
    file,
    ctx,
    '建立工作表、表头和默认规则',
    (book) => ctx.workflows.setupWorkbook(book),
    {
      create: true,
    },
  )
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
  assertInputSheets(book, file)
  ctx.reporter.step(`校验 ${periodLabel(period)}`)
  const problems = ctx.workflows.validatePeriod(book, period)
  if (problems.length > 0) {
    listProblems(ctx, problems, book)
    return EXIT.problems
  }
  ctx.reporter.success(`${periodLabel(period)}数据校验通过，没有发现问题。`)
  return EXIT.ok
}

/** `kaohe close <book.xlsx> <period>`: month `2026-05`, quarter `2026-Q2` or year `2026`. */
export async function closeCommand(file: string, periodText: string, ctx: CommandContext): Promise<number> {
  const period = periodArg(periodText)
  return changeWorkbook(file, ctx, `结算 ${periodLabel(period)}`, (book) =>
    ctx.workflows.closePeriod(book, period),
  )
}

/**
 * `kaohe reopen <book.xlsx> <period> [--objection <行号>]`: lifts a close's protection, logged; with the 异议
 * row of a late 更正 (第八条), the 日志 entry names it.
 */
export async function reopenCommand(
  file: string,
  periodText: string,
  ctx: CommandContext,
  options: { readonly objection?: string } = {},
): Promise<number> {
  const period = periodArg(periodText)
  const row = options.objection === undefined ? undefined : objectionRowArg(options.objection)
  return changeWorkbook(file, ctx, `重新开放 ${periodLabel(period)}`, (book) =>
    ctx.workflows.reopenPeriod(book, period, row === undefined ? {} : { objectionRow: row }),
  )
}

/** `--objection 3`: a row number of the 异议 sheet (2 or more; row 1 is the header). */
function objectionRowArg(text: string): number {
  const t = text.trim().replace(/^第/, '').replace(/行$/, '')
  const row = /^\d+$/.test(t) ? Number(t) : Number.NaN
  if (!Number.isSafeInteger(row) || row < 2)
    throw new UsageError(`--objection 应为“异议”表中该异议所在的行号（2 及以上的整数），收到“${text}”`)
  return row
}

/** `kaohe publish <book.xlsx> <month|year>`: the 公示 copy of a month's (第八条) or year's (第十条) preliminary scores. */
export async function publishCommand(file: string, periodText: string, ctx: CommandContext): Promise<number> {
  const period = periodArg(periodText)
  if (period.kind === 'quarter') {
    throw new UsageError(
      `季度没有公示（第九条只规定评定得分），请给出月份（如 2026-05）或年度（如 2026）（收到“${formatPeriod(period)}”）`,
    )
  }
  return changeWorkbook(file, ctx, `生成 ${periodLabel(period)} 公示表`, (book) =>
    ctx.workflows.publishPeriod(book, period),
  )
}

/** `kaohe refresh <book.xlsx>`: 补休 状态 as of today (SPEC §13), as the menu's 刷新看板 does. */
export async function refreshCommand(file: string, ctx: CommandContext): Promise<number> {
  return changeWorkbook(file, ctx, '刷新补休状态', (book) => ctx.workflows.refreshLedger(book))
}

/**
 * `kaohe prepare <book.xlsx> <month>`: 新建月度录入表, the month sheet listed from 人员 (第十四条, 第十七条).
 * An empty 人员 is refused with what to fill in (exit 1, an input problem).
 */
export async function prepareCommand(file: string, monthText: string, ctx: CommandContext): Promise<number> {
  const period = periodArg(monthText)
  if (period.kind !== 'month') {
    throw new UsageError(`月度录入表按月建立，请给出月份，例如 2026-05（收到“${formatPeriod(period)}”）`)
  }
  return changeWorkbook(file, ctx, `新建 ${periodLabel(period)} 月度录入表`, (book) =>
    ctx.workflows.prepareMonth(book, formatPeriod(period)),
  )
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
