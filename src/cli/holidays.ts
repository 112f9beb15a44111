/**
 * `kaohe holidays <book.xlsx> <notice.txt>` (SPEC §8): reads the State Council's yearly notice
 * (国务院办公厅关于YYYY年部分节假日安排的通知, saved as text — UTF-8, or GBK/GB18030 as Chinese Windows saves it)
 * and writes that year's `节假日` rows, as the menu item 导入节假日安排… does in Sheets.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { importHolidayNotice } from '../workbook/holiday-import'
import { type CommandContext, changeWorkbook } from './commands'
import { decodeChineseText, FileError } from './file'

/** The notice's text (UTF-8, or GBK/GB18030): the CLI's one decoder, decodeChineseText. */
export const decodeNotice = decodeChineseText

async function readNotice(file: string): Promise<string> {
  try {
    return decodeNotice(await fs.readFile(file))
  } catch (err) {
    const code = (err as { code?: string }).code ?? ''
    if (code === 'ENOENT') throw new FileError(`找不到通知文件“${file}”`)
    throw new FileError(`无法读取通知文件“${file}”（${code || String(err)}）`)
  }
}

/** `kaohe holidays <book.xlsx> <notice.txt>`: the State Council notice into 节假日, as every writing command. */
export async function holidaysCommand(file: string, notice: string, ctx: CommandContext): Promise<number> {
  const text = await readNotice(notice)
  return changeWorkbook(file, ctx, `导入节假日安排 ${path.basename(notice)}`, (book) =>
    importHolidayNotice(book, text, path.basename(notice)),
  )
}
