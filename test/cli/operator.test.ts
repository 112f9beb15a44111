import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { loadWorkbookFile, saveWorkbookFile } from '../../src/cli/file'
import { XlsxWorkbook } from '../../src/cli/xlsx-workbook'
import { parsePeriod } from '../../src/core/period'
import { table } from '../../src/workbook/read'
import { closedDigest } from '../../src/workbook/state'
import { tempDir } from './support'

const CLI = path.join(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..'), 'dist/cli.cjs')

function kaohe(env: Record<string, string>, ...args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, ...env } })
}

async function operators(file: string): Promise<string[]> {
  const log = new XlsxWorkbook(await loadWorkbookFile(file)).read(['日志']).get('日志') ?? []
  return log.slice(1).map((r) => String(r[1]))
}

describe('SPEC §12 the 日志’s 操作人: --operator, else KAOHE_OPERATOR, else the login name', () => {
  it('names the person given, before or after the command', async () => {
    const file = path.join(tempDir(), '考核.xlsx')
    expect(kaohe({}, 'init', file).status).toBe(0)
    // prepare refuses an empty 人员 (issue 12): one operator on the roster.
    const raw = await loadWorkbookFile(file)
    const roster = raw.getWorksheet('人员')
    if (!roster) throw new Error('no 人员')
    roster.getRow(2).values = ['GZ01', '陈晓琳', '', '话务员', '2023-03-01']
    await saveWorkbookFile(raw, file)
    expect(kaohe({ KAOHE_OPERATOR: '' }, 'prepare', file, '2025-05', '--operator', '陈晓琳').status).toBe(0)
    expect(kaohe({ KAOHE_OPERATOR: '' }, '--operator', '黄志强', 'prepare', file, '2025-06').status).toBe(0)
    expect(kaohe({ KAOHE_OPERATOR: '李嘉欣' }, 'prepare', file, '2025-07').status).toBe(0)
    expect(
      kaohe({ KAOHE_OPERATOR: '李嘉欣' }, 'prepare', file, '2025-08', '--operator', '陈晓琳').status,
    ).toBe(0)
    expect(await operators(file)).toEqual(['陈晓琳', '黄志强', '李嘉欣', '陈晓琳'])
  })
})

describe('SPEC §16 日志: words in 输入摘要, the checksum in 校验码; older books still read', () => {
  it('a close found in an old 日志 (checksum in 输入摘要) is still recognised; words are never a checksum', () => {
    const head = ['时间', '操作人', '操作', '期间', '结果', '输入摘要']
    const old = table('日志', [
      head,
      ['2026-06-05 09:00:00', 'root', '月度结算', '2026-05', '参与8人', '3fa9c2d1e0b7'],
    ])
    expect(closedDigest(old, parsePeriod('2026-05'))).toBe('3fa9c2d1e0b7')
    const now = table('日志', [
      [...head, '校验码'],
      [
        '2026-06-05 09:00:00',
        '陈晓琳',
        '月度结算',
        '2026-05',
        '参与8人',
        '2026-05 月度8人；本月事件3条',
        'ab12cd34ef',
      ],
      ['2026-06-05 09:10:00', '陈晓琳', '月度结算', '2026-06', '参与8人', '2026-06 月度8人；本月事件3条', ''],
    ])
    expect(closedDigest(now, parsePeriod('2026-05'))).toBe('ab12cd34ef')
    expect(closedDigest(now, parsePeriod('2026-06'))).toBeNull()
  })
})
