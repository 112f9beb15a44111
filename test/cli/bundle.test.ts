import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { sha256, tempDir } from './support'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const CLI = path.join(ROOT, 'dist/cli.cjs')

function kaohe(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, KAOHE_DEBUG: '' },
  })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

describe('dist/cli.cjs as a child process: exit codes 0 / 1 / 2 (SPEC §12)', () => {
  it('is a Node executable with a shebang', () => {
    expect(readFileSync(CLI, 'utf8').startsWith('#!/usr/bin/env node')).toBe(true)
  })

  it('help in Chinese exits 0; a usage mistake exits 2', () => {
    const help = kaohe('--help')
    expect(help.code).toBe(0)
    expect(help.out).toContain('用法：')
    expect(help.out).toContain('结算某月、季度或年度')
    expect(kaohe().code).toBe(2)
    const unknown = kaohe('frobnicate')
    expect(unknown.code).toBe(2)
    expect(unknown.err).toContain('未知命令')
    const missing = kaohe('close', 'a.xlsx')
    expect(missing.code).toBe(2)
    expect(missing.err).toContain('缺少参数')
  })

  it('第八条 init, validate an empty month (exit 1, problems one per line), a corrupt file (exit 2, no stack)', () => {
    const dir = tempDir()
    const file = path.join(dir, 'book.xlsx')
    const init = kaohe('init', file)
    expect(init.code).toBe(0)
    expect(init.out).toContain('已初始化考核表')
    const before = sha256(file)
    const validate = kaohe('validate', file, '2025-05')
    expect(validate.code).toBe(1)
    expect(validate.out).toMatch(/发现 \d+ 个问题/)
    expect(validate.out).toContain('“2025-05 月度” A1：')
    const close = kaohe('close', file, '2025-05')
    expect(close.code).toBe(1)
    expect(sha256(file)).toBe(before)
    const badPeriod = kaohe('close', file, '2025-13')
    expect(badPeriod.code).toBe(2)
    expect(badPeriod.err).toContain('期间格式不正确')
    writeFileSync(file, 'not a workbook')
    const corrupt = kaohe('close', file, '2025-05')
    expect(corrupt.code).toBe(2)
    expect(corrupt.err).toContain('不是有效的 .xlsx 文件')
    expect(corrupt.err).not.toMatch(/\n\s+at /)
  })
})
