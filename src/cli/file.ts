/**
 * File safety for the offline host (SPEC §12): clear Chinese messages for a missing, corrupt or locked file;
 * writes go to a temporary file in the same directory and are renamed into place; the previous file is kept
 * as `<name>.bak.xlsx`. Nothing touches the original until the new bytes are complete on disk. Files of
 * other formats (.ods, .xls, .csv), workbooks open in Excel, WPS or LibreOffice, and read-only workbooks
 * are refused before anything is written.
 */
import { constants as fsConstants } from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import type ExcelJS from 'exceljs'
import { parseXlsx, xlsxBytes } from './xlsx-workbook'

/** A problem with the file itself (exit code 2): the message is Chinese and shown as is. */
export class FileError extends Error {
  override readonly name = 'FileError'
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04])

/** `book.xlsx` → `book.bak.xlsx` (same directory). */
export function backupPath(file: string): string {
  const ext = path.extname(file)
  const base = ext ? file.slice(0, -ext.length) : file
  return `${base}.bak${ext || '.xlsx'}`
}

/** Excel and WPS leave `~$book.xlsx` beside a workbook they have open. */
export function officeLockPath(file: string): string {
  return path.join(path.dirname(file), `~$${path.basename(file)}`)
}

/** LibreOffice leaves `.~lock.book.xlsx#` beside a workbook it has open. */
function libreOfficeLockPath(file: string): string {
  return path.join(path.dirname(file), `.~lock.${path.basename(file)}#`)
}

/** Formats the tool cannot read or write, by extension, with the program a clerk likely made them in. */
export const OTHER_FORMATS: Readonly<Record<string, string>> = {
  '.ods': 'LibreOffice/WPS 表格',
  '.xls': '旧版 Excel 工作簿',
  '.csv': '逗号分隔的文本表格',
  '.et': 'WPS 表格',
  '.xlsb': 'Excel 二进制工作簿',
  '.numbers': 'Numbers 表格',
}

/** Refuses a file that is not .xlsx by its name (before anything is read or written). */
export function assertXlsxName(file: string): void {
  const ext = path.extname(file).toLowerCase()
  const kind = OTHER_FORMATS[ext]
  if (kind) {
    throw new FileError(
      `“${file}”是 ${ext} 格式（${kind}），本工具只能读写 Excel 工作簿（.xlsx）：请另存为 .xlsx 后再试` +
        '（在 Excel、WPS 或 LibreOffice 中打开，“另存为”时文件类型选 Excel 工作簿 .xlsx）。原文件未改动',
    )
  }
}

export async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file, fsConstants.F_OK)
    return true
  } catch {
    return false
  }
}

function describeIoError(err: unknown, file: string, doing: '读取' | '写入'): FileError {
  const code = (err as NodeJS.ErrnoException | null)?.code
  const name = `“${file}”`
  switch (code) {
    case 'ENOENT':
      return new FileError(`找不到文件${name}，请检查路径是否正确`)
    case 'EISDIR':
      return new FileError(`${name}是文件夹，不是 .xlsx 文件`)
    case 'EACCES':
    case 'EPERM':
      return new FileError(`没有权限${doing}${name}：请检查文件权限，或确认文件未被 Excel/WPS 等程序占用`)
    case 'EBUSY':
      return new FileError(`文件${name}正被其他程序占用（可能在 Excel/WPS 中打开），请关闭后重试`)
    case 'ENOSPC':
      return new FileError(`磁盘空间不足，无法${doing}${name}`)
    case 'EROFS':
      return new FileError(`${name}位于只读位置，无法${doing}`)
    default:
      return new FileError(`无法${doing}${name}${code ? `（${code}）` : ''}`)
  }
}

/** Refuses a workbook that Excel, WPS or LibreOffice has open (their lock file is beside it). */
export async function assertNotOpenElsewhere(file: string): Promise<void> {
  const locks: [string, string][] = [
    [officeLockPath(file), 'Excel/WPS'],
    [libreOfficeLockPath(file), 'LibreOffice'],
  ]
  for (const [lock, program] of locks) {
    if (await exists(lock)) {
      throw new FileError(
        `“${file}”似乎正在 ${program} 中打开（存在锁定文件“${path.basename(lock)}”），请先关闭该文件再运行；` +
          '如确认已关闭，可删除该锁定文件后重试。原文件未改动',
      )
    }
  }
}

/**
 * Refuses a workbook marked read-only (an archived final copy): the atomic save would otherwise replace it
 * with a writable file. The mode bits are checked directly, since root may write any file.
 */
export async function assertWritable(file: string): Promise<void> {
  let mode: number
  try {
    mode = (await fs.stat(file)).mode
  } catch (err) {
    if ((err as NodeJS.ErrnoException | null)?.code === 'ENOENT') return // a new file: nothing to protect
    throw describeIoError(err, file, '读取')
  }
  if ((mode & 0o222) === 0) {
    throw new FileError(
      `文件为只读：“${file}”已设为只读（例如已归档的定稿），本命令不会改动它。` +
        '如确需修改，请先在文件属性中取消“只读”，或另存一份再操作',
    )
  }
}

/** Loads an .xlsx workbook fully into memory, or throws a FileError in Chinese. */
export async function loadWorkbookFile(file: string): Promise<ExcelJS.Workbook> {
  assertXlsxName(file)
  let data: Buffer
  try {
    const stat = await fs.stat(file)
    if (stat.isDirectory()) throw Object.assign(new Error('dir'), { code: 'EISDIR' })
    data = await fs.readFile(file)
  } catch (err) {
    throw describeIoError(err, file, '读取')
  }
  if (data.length === 0) throw new FileError(`“${file}”是空文件，不是有效的 .xlsx 工作簿`)
  if (!data.subarray(0, 4).equals(ZIP_MAGIC)) {
    const hint = /\.xls$/i.test(file)
      ? '旧版 .xls 格式不受支持，请在 Excel/WPS 中另存为 .xlsx'
      : '请确认是 Excel 工作簿（.xlsx），而不是 .xls、.csv 或加密文件'
    throw new FileError(`“${file}”不是有效的 .xlsx 文件：${hint}`)
  }
  try {
    return await parseXlsx(data)
  } catch {
    throw new FileError(
      `“${file}”已损坏或不是 .xlsx 格式，无法打开。可用备份文件“${path.basename(backupPath(file))}”恢复`,
    )
  }
}

/**
 * A text file's bytes as Chinese Windows or any editor may have saved them: UTF-8 (a BOM is dropped) when
 * they are valid UTF-8, else GB18030 — a superset of GBK that decodes GBK identically and also keeps the
 * rare characters of names GBK lacks (where TextDecoder('gbk') drops some). CSV exports and notices alike.
 */
export function decodeChineseText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return new TextDecoder('gb18030').decode(bytes)
  }
}

/**
 * Saves atomically: the new bytes go to a temporary file in the same directory (same file system, so the
 * rename is atomic), the previous file is copied to `<name>.bak.xlsx`, then the temporary file replaces
 * the original. On any failure the temporary file is removed and the original is left exactly as it was.
 */
export async function saveWorkbookFile(
  book: ExcelJS.Workbook,
  file: string,
  beforeReplace: () => void = () => undefined,
): Promise<{ backup: string | null }> {
  let bytes: Buffer
  try {
    bytes = await xlsxBytes(book)
  } catch {
    throw new FileError('生成工作簿内容失败，原文件未改动')
  }
  const dir = path.dirname(path.resolve(file))
  try {
    await fs.mkdir(dir, { recursive: true })
  } catch (err) {
    throw describeIoError(err, dir, '写入')
  }
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`)
  const hadOriginal = await exists(file)
  const backup = hadOriginal ? backupPath(file) : null
  try {
    await assertWritable(file)
    // The replacement keeps the original's permissions (the rename would otherwise reset them).
    const mode = hadOriginal ? (await fs.stat(file)).mode & 0o777 : 0o666
    const handle = await fs.open(temp, 'wx', mode)
    try {
      await handle.writeFile(bytes)
      await handle.sync()
    } finally {
      await handle.close()
    }
    beforeReplace() // e.g. the write lock is still ours
    if (backup) await fs.copyFile(file, backup)
    await fs.rename(temp, file)
  } catch (err) {
    await fs.rm(temp, { force: true }).catch(() => undefined)
    if (err instanceof FileError) throw err
    const e = describeIoError(err, file, '写入')
    throw new FileError(`${e.message}。原文件未改动`)
  }
  return { backup }
}
