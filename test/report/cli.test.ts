import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { EXIT } from '../../src/cli/commands'
import { saveWorkbookFile } from '../../src/cli/file'
import { createReporter } from '../../src/cli/output'
import { reportCommand, reportPath, statementCommand, statementPath } from '../../src/cli/report'
import { newXlsxBook, XlsxWorkbook } from '../../src/cli/xlsx-workbook'
import { toFixed } from '../../src/core/decimal'
import { parsePeriod } from '../../src/core/period'
import { layoutOf } from '../../src/workbook/layouts'
import * as workflows from '../../src/workbook/workflows'
import { fixtureBook } from './fixture'
import { field, rows } from './read-html'

/** The fixture workbook saved as a real .xlsx through the offline host. */
async function fixtureFile(): Promise<{
  file: string
  expected: ReturnType<typeof fixtureBook>['expected']
}> {
  const { book, expected } = fixtureBook()
  const raw = newXlsxBook()
  const xlsx = new XlsxWorkbook(raw)
  const writes = [...book.sheets].flatMap(([name, grid]) => {
    const layout = layoutOf(name)
    return layout ? [{ sheet: name, layout, mode: 'replace' as const, rows: grid.slice(1) }] : []
  })
  xlsx.apply({ writes, message: '' })
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kaohe-report-cli-'))
  const file = path.join(dir, '考核.xlsx')
  await saveWorkbookFile(raw, file)
  return { file, expected }
}

function context() {
  const lines: string[] = []
  const errors: string[] = []
  const reporter = createReporter({
    plain: true,
    out: { write: (t: string) => lines.push(t.trimEnd()) },
    err: { write: (t: string) => errors.push(t.trimEnd()) },
  })
  return {
    ctx: { workflows, reporter, xlsx: { clock: () => new Date('2026-05-20T01:00:00Z'), user: 't' } },
    lines,
    errors,
  }
}

describe('kaohe report / kaohe statement', () => {
  it('第七条 `kaohe report` writes <book>-<period>-report.html holding the month’s totals', async () => {
    const { file, expected } = await fixtureFile()
    const { ctx, lines } = context()
    const before = readFileSync(file)
    expect(await reportCommand(file, '2026-05', undefined, ctx)).toBe(EXIT.ok)
    const out = reportPath(file, parsePeriod('2026-05'))
    expect(path.basename(out)).toBe('考核-2026-05-report.html')
    expect(lines.join('\n')).toContain(out)
    const html = readFileSync(out, 'utf8')
    const table = rows(html, 'month')
    for (const [id, b] of expected.breakdowns.get('2026-05') ?? []) {
      expect(table.get(id)?.get('total')).toBe(toFixed(b.total, 1))
    }
    expect(field(html, 'asOf')).toBe('2026-05-20')
    expect(readFileSync(file).equals(before)).toBe(true) // the workbook is never changed
  })

  it('第九条 `kaohe statement` writes a printable page for one 工号 and a quarter', async () => {
    const { file, expected } = await fixtureFile()
    const { ctx } = context()
    expect(await statementCommand(file, '2026-Q1', '1003', undefined, ctx)).toBe(EXIT.ok)
    const out = statementPath(file, parsePeriod('2026-Q1'), '1003')
    expect(path.basename(out)).toBe('考核-2026-Q1-1003-statement.html')
    const html = readFileSync(out, 'utf8')
    expect(field(html, 'name')).toBe('王芳')
    expect(field(html, 'aggregateScore')).toBe(expected.quarter.get('1003')?.toFixed(2))
  })

  it('第十四条 an unknown 工号 is an input problem (exit 1) and writes nothing', async () => {
    const { file } = await fixtureFile()
    const { ctx } = context()
    await expect(statementCommand(file, '2026-05', '8888', undefined, ctx)).rejects.toThrow('工号“8888”')
    expect(existsSync(statementPath(file, parsePeriod('2026-05'), '8888'))).toBe(false)
  })

  it('第六条 a period that is not a period is a usage error', async () => {
    const { file } = await fixtureFile()
    const { ctx } = context()
    await expect(reportCommand(file, '2026-13', undefined, ctx)).rejects.toThrow('期间格式不正确')
  })
})
