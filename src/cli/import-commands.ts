/**
 * `kaohe import <book.xlsx> <month> <file>` and `kaohe import-attendance <book.xlsx> <file>` (SPEC §14):
 * the export file is decoded here (an .xlsx, or a .csv in UTF-8 with or without BOM, or GBK as Chinese
 * Windows saves it) into a grid; the import itself is the workbook layer's, the same as the Sheets menu's.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import { parseCsv } from '../core/csv'
import { formatPeriod, periodLabel } from '../core/period'
import { columnNames, hasHeaderFor } from '../core/platform-import'
import { importAttendanceExport, importPlatformExport } from '../workbook/import'
import type { Outcome } from '../workbook/outcome'
import type { Grid } from '../workbook/types'
import { type CommandContext, changeWorkbook, periodArg, UsageError } from './commands'
import { decodeChineseText, FileError, loadWorkbookFile, OTHER_FORMATS } from './file'
import { readGrid, type XlsxWorkbook } from './xlsx-workbook'

/** CSV bytes as text (UTF-8, or GBK as Chinese Windows saves it): the CLI's one decoder, decodeChineseText. */
export const decodeCsv = decodeChineseText

/** The export's cells and the name problems give its sheet. */
interface ExportFile {
  readonly label: string
  readonly sheet: string
  readonly grid: Grid
}

const NAMES = columnNames()

/** Reads an export file (.xlsx or .csv); refuses .xls, .ods and anything else with a Chinese message. */
async function readExportFile(file: string): Promise<ExportFile> {
  const label = path.basename(file)
  const ext = path.extname(file).toLowerCase()
  if (ext === '.csv') {
    let bytes: Buffer
    try {
      bytes = await fs.readFile(file)
    } catch {
      throw new FileError(`无法读取导出文件“${file}”：请确认文件存在且未被占用`)
    }
    return { label, sheet: label, grid: parseCsv(decodeCsv(bytes)) }
  }
  if (ext in OTHER_FORMATS)
    throw new FileError(`“${label}”是${ext}格式：请在 Excel/WPS 中另存为 .xlsx 或 .csv 后再导入`)
  const book = await loadWorkbookFile(file)
  const sheets = book.worksheets.map((ws) => ({ name: ws.name, grid: readGrid(ws) }))
  const chosen =
    sheets.find((s) => hasHeaderFor(s.grid, NAMES, 'id')) ?? sheets.find((s) => s.grid.length > 0)
  if (!chosen) throw new FileError(`导出文件“${label}”中没有数据`)
  return { label, sheet: `${label} ${chosen.name}`, grid: chosen.grid }
}

/** Reads the export, then changes the workbook as every writing command does (format, lock files, lock). */
async function runImport(
  file: string,
  exportFile: string,
  ctx: CommandContext,
  step: string,
  run: (book: XlsxWorkbook, source: ExportFile) => Outcome,
): Promise<number> {
  const source = await readExportFile(exportFile)
  return changeWorkbook(file, ctx, step, (book) => run(book, source))
}

/** `kaohe import <book.xlsx> <month> <file>`: a platform export into the month sheet. */
export async function importCommand(
  file: string,
  monthText: string,
  exportFile: string,
  ctx: CommandContext,
): Promise<number> {
  const period = periodArg(monthText)
  if (period.kind !== 'month')
    throw new UsageError(`平台数据按月导入，请给出月份，例如 2026-05（收到“${formatPeriod(period)}”）`)
  return runImport(file, exportFile, ctx, `导入 ${periodLabel(period)} 平台数据`, (book, source) =>
    importPlatformExport(book, formatPeriod(period), source),
  )
}

/** `kaohe import-attendance <book.xlsx> <file>`: an attendance export into 事件. */
export function importAttendanceCommand(
  file: string,
  exportFile: string,
  ctx: CommandContext,
): Promise<number> {
  return runImport(file, exportFile, ctx, '导入考勤', (book, source) => importAttendanceExport(book, source))
}
