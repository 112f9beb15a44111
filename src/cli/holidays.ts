/**
 * `kaohe holidays <book.xlsx> <notice.txt>` (SPEC §8): reads the State Council's yearly notice
 * (国务院办公厅关于YYYY年部分节假日安排的通知, saved as text — UTF-8, or GBK/GB18030 as Chinese Windows saves it)
 * and writes that year's `节假日` rows, as the menu item 导入节假日安排… does in Sheets.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { importHolidayNotice } from '../workbook/holiday-import'
import { assertAssessmentBook, type CommandContext, EXIT } from './commands'
import { assertNotOpenElsewhere, FileError, loadWorkbookFile, saveWorkbookFile } from './file'
import { XlsxWorkbook } from './xlsx-workbook'

/** The notice's text: UTF-8 (with or without BOM) when it is valid UTF-8, else GB18030 (a superset of GBK). */
export function decodeNotice(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return new TextDecoder('gb18030').decode(bytes)
  }
}

async function readNotice(file: string): Promise<string> {
  try {
    return decodeNotice(await fs.readFile(file))
  } catch (err) {
    const code = (err as { code?: string }).code ?? ''
    if (code === 'ENOENT') throw new FileError(`找不到通知文件“${file}”`)
    throw new FileError(`无法读取通知文件“${file}”（${code || String(err)}）`)
  }
}

export async function holidaysCommand(file: string, notice: string, ctx: CommandContext): Promise<number> {
  const text = await readNotice(notice)
  await assertNotOpenElsewhere(file)
  ctx.reporter.step(`读取 ${file}`)
  const raw = await loadWorkbookFile(file)
  const book = new XlsxWorkbook(raw, ctx.xlsx)
  assertAssessmentBook(book, file)
  ctx.reporter.step(`导入节假日安排 ${path.basename(notice)}`)
  const outcome = importHolidayNotice(book, text, path.basename(notice))
  if (!outcome.ok) {
    ctx.reporter.error(outcome.message)
    ctx.reporter.problems(outcome.problems)
    ctx.reporter.info('工作簿未作任何改动。')
    return EXIT.problems
  }
  ctx.reporter.step('写入结果')
  book.apply(outcome.plan)
  ctx.reporter.done()
  ctx.reporter.step(`保存 ${file}`)
  const { backup } = await saveWorkbookFile(raw, file)
  ctx.reporter.success(outcome.plan.message)
  if (backup) ctx.reporter.info(`原文件已备份为 ${backup}`)
  return EXIT.ok
}
