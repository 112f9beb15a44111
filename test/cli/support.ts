import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { CommandContext } from '../../src/cli/commands'
import { createReporter } from '../../src/cli/output'
import * as workflows from '../../src/workbook/workflows'

export function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'kaohe-cli-'))
}

export function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex')
}

/** A command context printing plain lines into `lines` (stdout) and `errors` (stderr). */
export function testContext(now = new Date('2025-06-05T01:00:00Z')): {
  ctx: CommandContext
  lines: string[]
  errors: string[]
} {
  const lines: string[] = []
  const errors: string[] = []
  const reporter = createReporter({
    plain: true,
    out: { write: (t: string) => lines.push(t.trimEnd()) },
    err: { write: (t: string) => errors.push(t.trimEnd()) },
  })
  return { ctx: { workflows, reporter, xlsx: { clock: () => now, user: 'tester' } }, lines, errors }
}
