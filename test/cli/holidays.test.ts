/**
 * `kaohe holidays <book.xlsx> <notice.txt>` on real .xlsx files through dist/cli.cjs (SPEC §8), and the month
 * close's 关注名单 on an .xlsx (SPEC §17), through the same workbook-layer code as the Sheets host.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { loadWorkbookFile } from '../../src/cli/file'
import { decodeNotice } from '../../src/cli/holidays'
import { XlsxWorkbook } from '../../src/cli/xlsx-workbook'
import { sha256, tempDir } from './support'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const CLI = path.join(ROOT, 'dist/cli.cjs')
const FIXTURES = path.join(ROOT, 'test/fixtures')

function kaohe(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, KAOHE_DEBUG: '' },
  })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

async function holidayRows(file: string) {
  const raw = await loadWorkbookFile(file)
  const sheet = raw.getWorksheet('节假日')
  const book = new XlsxWorkbook(raw)
  return { grid: book.read(['节假日']).get('节假日') ?? [], firstDate: sheet?.getRow(2).getCell(1).value }
}

describe('kaohe holidays', () => {
  it('第八条 writes the notice’s year into 节假日 (real date cells), and a second run changes nothing', async () => {
    const dir = tempDir()
    const file = path.join(dir, 'book.xlsx')
    expect(kaohe('init', file).code).toBe(0)
    const notice = path.join(FIXTURES, 'holiday-notice-2027-synthetic.txt')
    const first = kaohe('holidays', file, notice)
    expect(first.err).toBe('')
    expect(first.code).toBe(0)
    expect(first.out).toContain('已导入2027年节假日安排：2027年休息日28天、调休上班5天')
    const { grid, firstDate } = await holidayRows(file)
    expect(grid.slice(1)).toHaveLength(33)
    expect(grid[1]).toEqual(['2027-01-01', '休息日', '元旦（2027年国务院通知）'])
    expect(firstDate).toBeInstanceOf(Date)
    const again = kaohe('holidays', file, notice)
    expect(again.code).toBe(0)
    expect(again.out).toContain('替换此前导入的33行')
    expect((await holidayRows(file)).grid).toEqual(grid)
    const log = new XlsxWorkbook(await loadWorkbookFile(file)).read(['日志']).get('日志') ?? []
    expect(log.slice(1).map((r) => r[2])).toEqual(['导入节假日', '导入节假日'])
  })

  it('第八条 a notice saved as GBK is read as well', async () => {
    const dir = tempDir()
    const file = path.join(dir, 'book.xlsx')
    kaohe('init', file)
    const text = readFileSync(path.join(FIXTURES, 'holiday-notice-2026.txt'), 'utf8')
    const gbk = path.join(dir, '通知.txt')
    // Node has no GBK encoder: encodeGb18030 below builds one from the decoder's two-byte table.
    const bytes = encodeGb18030(text)
    expect(decodeNotice(bytes)).toBe(text)
    writeFileSync(gbk, bytes)
    const r = kaohe('holidays', file, gbk)
    expect(r.code).toBe(0)
    expect(r.out).toContain('2026年休息日33天、调休上班6天')
  })

  it('a line it cannot read is named; exit 1 and the workbook is untouched', () => {
    const dir = tempDir()
    const file = path.join(dir, 'book.xlsx')
    kaohe('init', file)
    const before = sha256(file)
    const bad = path.join(dir, 'bad.txt')
    writeFileSync(
      bad,
      readFileSync(path.join(FIXTURES, 'holiday-notice-2027-synthetic.txt'), 'utf8').replace(
        '共5天',
        '共6天',
      ),
    )
    const r = kaohe('holidays', file, bad)
    expect(r.code).toBe(1)
    expect(r.out + r.err).toMatch(/通知第10行“四、劳动节：.*共5天，通知写的是6天/)
    expect(sha256(file)).toBe(before)
    expect(kaohe('holidays', file, path.join(dir, 'missing.txt')).code).toBe(2)
  })
})

/** A GB18030 encoder for the test only, built from the decoder (two-byte GBK range). */
function encodeGb18030(text: string): Uint8Array {
  const table = new Map<string, number[]>()
  const decoder = new TextDecoder('gb18030')
  for (let hi = 0x81; hi <= 0xfe; hi++)
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue
      const ch = decoder.decode(new Uint8Array([hi, lo]))
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo])
    }
  const out: number[] = []
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0
    if (code < 0x80) out.push(code)
    else {
      const bytes = table.get(ch)
      if (!bytes) throw new Error(`not in GBK: ${ch}`)
      out.push(...bytes)
    }
  }
  return new Uint8Array(out)
}
