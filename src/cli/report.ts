/**
 * `kaohe report <book.xlsx> <period>` and `kaohe statement <book.xlsx> <period> <工号>`: read-only commands
 * that write one self-contained printable HTML page beside the workbook (the workbook itself is never
 * changed). The page is written to a temporary file and renamed, so a failed run leaves nothing half-written.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import type { Command } from 'commander'
import { formatPeriod, type Period, periodLabel } from '../core/period'
import { renderReport, renderStatement } from '../report/html'
import { buildInsights, type InsightOptions } from '../workbook/insights'
import { buildStatement } from '../workbook/statement'
import type { Workbook } from '../workbook/types'
import { assertAssessmentBook, type CommandContext, EXIT, openBook, periodArg } from './commands'
import { FileError } from './file'

function stem(book: string): string {
  return path.join(path.dirname(book), path.basename(book).replace(/\.xlsx$/i, ''))
}

/** `考核.xlsx` + 2026-05 → `考核-2026-05-report.html` (beside the workbook). */
export function reportPath(book: string, period: Period): string {
  return `${stem(book)}-${formatPeriod(period)}-report.html`
}

/** `考核.xlsx` + 2026-Q2 + 1001 → `考核-2026-Q2-1001-statement.html`. */
export function statementPath(book: string, period: Period, id: string): string {
  const safe = id.replace(/[\\/:*?"<>|\s]+/g, '_')
  return `${stem(book)}-${formatPeriod(period)}-${safe}-statement.html`
}

/** Writes text atomically (temporary file in the same directory, then rename). */
export async function writeTextAtomic(file: string, text: string): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`)
  try {
    await fs.mkdir(path.dirname(file), { recursive: true })
    await fs.writeFile(tmp, text, 'utf8')
    await fs.rename(tmp, file)
  } catch (err) {
    await fs.rm(tmp, { force: true })
    const code = (err as { code?: string }).code ?? ''
    throw new FileError(`无法写入“${file}”（${code || (err instanceof Error ? err.message : String(err))}）`)
  }
}

/** The report page of a workbook already in memory (the demo uses this too). */
export async function writeReport(
  book: Workbook,
  period: Period,
  out: string,
  options: InsightOptions = {},
): Promise<string> {
  await writeTextAtomic(out, renderReport(buildInsights(book, period, options)))
  return out
}

/** Opened as every command opens a workbook (openBook), so its messages name `kaohe` commands too. */
async function openForReading(file: string, ctx: CommandContext): Promise<Workbook> {
  const { book } = await openBook(file, ctx)
  assertAssessmentBook(book, file)
  return book
}

/** `kaohe report <book.xlsx> <period> [out.html]`. */
export async function reportCommand(
  file: string,
  periodText: string,
  out: string | undefined,
  ctx: CommandContext,
): Promise<number> {
  const period = periodArg(periodText)
  const book = await openForReading(file, ctx)
  const target = out ?? reportPath(file, period)
  ctx.reporter.step(`生成 ${periodLabel(period)} 考核报告`)
  const insights = buildInsights(book, period)
  await writeTextAtomic(target, renderReport(insights))
  for (const n of insights.notices) ctx.reporter.warn(n)
  ctx.reporter.success(`已生成 ${target}（可用浏览器打开、打印或另存为 PDF）`)
  return EXIT.ok
}

/** `kaohe statement <book.xlsx> <period> <工号> [out.html]`. */
export async function statementCommand(
  file: string,
  periodText: string,
  id: string,
  out: string | undefined,
  ctx: CommandContext,
): Promise<number> {
  const period = periodArg(periodText)
  const book = await openForReading(file, ctx)
  ctx.reporter.step(`生成 ${id} 的 ${periodLabel(period)} 个人成绩单`)
  const st = buildStatement(book, period, id)
  const target = out ?? statementPath(file, period, st.id)
  await writeTextAtomic(target, renderStatement(st))
  for (const n of st.notices) ctx.reporter.warn(n)
  ctx.reporter.success(`已生成 ${target}（${st.name}，可打印）`)
  return EXIT.ok
}

/** main.ts's action wrapper; optional arguments arrive as undefined, which the commands accept. */
type Wrap = <A extends string[]>(
  fn: (...args: [...A, CommandContext]) => Promise<number>,
) => (...received: unknown[]) => Promise<void>

/** Adds `report` and `statement` to the program (main.ts passes its action wrapper). */
export function registerReportCommands(program: Command, wrap: Wrap): void {
  program
    .command('report')
    .description(
      '生成某期间的考核报告：一页可打印的 HTML（趋势图、分数分布、得分构成、每月之星与预警、补休、截止日期）',
    )
    .argument('<book.xlsx>', '考核表文件')
    .argument('<period>', '期间：2026-05、2026-Q2 或 2026')
    .argument('[out.html]', '输出文件（默认：<考核表>-<期间>-report.html）')
    .action(wrap<[string, string, string]>(reportCommand))
  program
    .command('statement')
    .description('生成某人某期间的个人成绩单（可打印的 HTML）：每项得分、依据数据和条款，排名、档次和预警')
    .argument('<book.xlsx>', '考核表文件')
    .argument('<period>', '期间：2026-05、2026-Q2 或 2026')
    .argument('<工号>', '话务员工号')
    .argument('[out.html]', '输出文件（默认：<考核表>-<期间>-<工号>-statement.html）')
    .action(wrap<[string, string, string, string]>(statementCommand))
}
