/**
 * One writer at a time (SPEC §12, issue 12), with real processes: dist/cli.cjs started twice at the same
 * moment on one workbook — close March and prepare May, or reopen March and publish March. Without the write
 * lock both printed 结算完成 and the last rename dropped the other's month. Now, after every pair, the file
 * shows each command that reported success (its 日志 row, its sheet's protection), and a command that did
 * not get the lock in time refused with exit 2 and changed nothing.
 */
import { spawn } from 'node:child_process'
import { copyFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { monthSheetName } from '../../src/workbook/layouts'
import { GOOD, logAndProtection, writeScenario } from './scenario'
import { tempDir } from './support'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const CLI = path.join(ROOT, 'dist/cli.cjs')
const BUSY = '该工作簿正在被另一个命令使用'
/** Each pair is two Node processes on a 2-core machine (about a second when the machine is idle). */
const PAIRS_TIMEOUT = 240_000

interface Run {
  readonly args: readonly string[]
  readonly code: number | null
  readonly err: string
}

function kaohe(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { ...process.env, KAOHE_DEBUG: '' },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let err = ''
    child.stderr.setEncoding('utf8').on('data', (t: string) => {
      err += t
    })
    child.on('close', (code) => resolve({ args, code, err }))
  })
}

/** Each command either succeeded (exit 0) or refused because the other held the lock (exit 2). */
function expectDoneOrBusy(runs: readonly Run[]): Run[] {
  for (const r of runs) {
    if (r.code !== 0) {
      expect(r.code, `${r.args.join(' ')}: ${r.err}`).toBe(2)
      expect(r.err).toContain(BUSY)
    }
  }
  const done = runs.filter((r) => r.code === 0)
  expect(done.length).toBeGreaterThan(0)
  return done
}

describe('two commands at once on one workbook, as real processes', () => {
  let dir: string
  let fresh: string
  let marchClosed: string
  beforeAll(async () => {
    dir = tempDir()
    fresh = path.join(dir, 'fresh.xlsx')
    await writeScenario(fresh, ['2025-03', '2025-04'], { values: GOOD })
    marchClosed = path.join(dir, 'march-closed.xlsx')
    copyFileSync(fresh, marchClosed)
    const first = await kaohe('close', marchClosed, '2025-03')
    expect(first.code, first.err).toBe(0)
  })

  it(
    '12 pairs of close March / prepare May: every command that reported success is in the file',
    async () => {
      // Two writes with no order between them (§11: April could not close before March, so not that pair).
      const results = await racePairs(12, fresh, 'pair', (file) => [
        ['close', file, '2025-03'],
        ['prepare', file, '2025-05'],
      ])
      for (const { i, file, done } of results) {
        const { log, protectedSheets } = await logAndProtection(file)
        for (const r of done) {
          if (r.args[0] === 'close') {
            expect(log, `pair ${i}`).toContain('月度结算 2025-03')
            expect(protectedSheets, `pair ${i}`).toContain(monthSheetName('2025-03'))
          } else expect(log, `pair ${i}`).toContain('新建月度录入表 2025-05')
        }
        expect(
          log.filter((l) => l.startsWith('月度结算') || l.startsWith('新建月度录入表 2025-05')).length,
        ).toBe(done.length)
      }
      // The lock waits for a command as short as these: normally both go through, one after the other.
      expect(results.some((r) => r.done.length === 2)).toBe(true)
      // No temporary file or lock left behind.
      expect(readdirSync(dir).filter((f) => f.endsWith('.tmp') || f.endsWith('.lock'))).toEqual([])
    },
    PAIRS_TIMEOUT,
  )

  it(
    '6 pairs of reopen March / publish March: both outcomes survive',
    async () => {
      const results = await racePairs(6, marchClosed, 'mixed', (file) => [
        ['reopen', file, '2025-03'],
        ['publish', file, '2025-03'],
      ])
      for (const { i, file, done } of results) {
        const { log, protectedSheets } = await logAndProtection(file)
        for (const r of done) {
          if (r.args[0] === 'publish') {
            expect(log, `pair ${i}`).toContain('生成公示 2025-03')
          } else {
            expect(log, `pair ${i}`).toContain('重新开放 2025-03')
            expect(protectedSheets).not.toContain(monthSheetName('2025-03'))
          }
        }
      }
    },
    PAIRS_TIMEOUT,
  )

  /**
   * Starts `count` pairs, each on its own copy of `from`, the two commands of a pair at the same moment;
   * two pairs run side by side (while one command of a pair waits for the lock, the other pair works).
   */
  async function racePairs(
    count: number,
    from: string,
    name: string,
    commands: (file: string) => [string[], string[]],
  ): Promise<{ i: number; file: string; done: Run[] }[]> {
    const results: { i: number; file: string; done: Run[] }[] = []
    for (let start = 0; start < count; start += 2) {
      const batch = [start, start + 1].filter((i) => i < count)
      const runs = await Promise.all(
        batch.map(async (i) => {
          const file = path.join(dir, `${name}-${i}.xlsx`)
          copyFileSync(from, file)
          const [a, b] = commands(file)
          const pair = await Promise.all([kaohe(...a), kaohe(...b)])
          return { i, file, done: expectDoneOrBusy(pair) }
        }),
      )
      results.push(...runs)
    }
    return results
  }
})
