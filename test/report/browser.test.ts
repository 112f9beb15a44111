import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parsePeriod } from '../../src/core/period'
import { renderReport, renderStatement } from '../../src/report/html'
import { buildInsights } from '../../src/workbook/insights'
import { buildStatement } from '../../src/workbook/statement'
import { Browser } from './chromium'
import { fixtureBook } from './fixture'

interface Drawn {
  charts: number
  kinds: string[]
  paths: number
  drawnPaths: number
  scripts: number
  title: string
  monthRows: number
  external: number
}

/** Measured in the live DOM: SVG charts and paths with real geometry, no scripts, no external resources. */
const MEASURE = `(() => {
  const charts = [...document.querySelectorAll('svg.chart')]
  const paths = [...document.querySelectorAll('svg.chart path')]
  const drawn = paths.filter((p) => { const b = p.getBBox(); return b.width > 0 || b.height > 0 })
  const external = performance.getEntriesByType('resource').length
  return {
    charts: charts.length,
    kinds: charts.map((c) => c.getAttribute('data-chart')),
    paths: paths.length,
    drawnPaths: drawn.length,
    scripts: document.scripts.length,
    title: document.querySelector('h1')?.textContent ?? '',
    monthRows: document.querySelectorAll('table[data-table="month"] tbody tr').length,
    external,
  }
})()`

describe('report in headless Chromium', () => {
  let browser: Browser
  let dir: string

  beforeAll(() => {
    browser = Browser.launch()
    dir = mkdtempSync(join(tmpdir(), 'kaohe-report-'))
  })

  afterAll(async () => {
    await browser?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('第七条 the month report draws every chart with real SVG paths and raises no script error', async () => {
    const { book } = fixtureBook()
    const file = join(dir, 'report.html')
    writeFileSync(file, renderReport(buildInsights(book, parsePeriod('2026-05'))))
    const session = await browser.open(pathToFileURL(file).href)
    const drawn = await browser.evaluate<Drawn>(session, MEASURE)
    expect(drawn.kinds).toEqual(['line', 'histogram', 'by-month', 'components'])
    expect(drawn.paths).toBeGreaterThan(20)
    expect(drawn.drawnPaths).toBe(drawn.paths)
    expect(drawn.scripts).toBe(0)
    expect(drawn.external).toBe(0)
    expect(drawn.title).toBe('12368热线话务员考核看板 · 2026年5月')
    expect(drawn.monthRows).toBe(6)
    expect(browser.errors(session)).toEqual([])
    const png = await browser.screenshot(session)
    expect(png.subarray(1, 4).toString()).toBe('PNG')
    if (process.env.REPORT_SCREENSHOT) writeFileSync(process.env.REPORT_SCREENSHOT, png)
  })

  it('第九条 the quarter statement renders its trend line and component tables', async () => {
    const { book } = fixtureBook()
    const file = join(dir, 'statement.html')
    writeFileSync(file, renderStatement(buildStatement(book, parsePeriod('2026-Q1'), '1002')))
    const session = await browser.open(pathToFileURL(file).href)
    const drawn = await browser.evaluate<Drawn>(session, MEASURE)
    expect(drawn.kinds).toEqual(['line'])
    expect(drawn.drawnPaths).toBeGreaterThan(0)
    expect(drawn.scripts).toBe(0)
    const tables = await browser.evaluate<number>(
      session,
      `document.querySelectorAll('table[data-table="components"]').length`,
    )
    expect(tables).toBe(3)
    expect(browser.errors(session)).toEqual([])
  })

  it('第七条 the error check itself works: a page that throws is caught', async () => {
    const file = join(dir, 'broken.html')
    writeFileSync(
      file,
      '<!DOCTYPE html><html><body><script>throw new Error("故意的错误")</script></body></html>',
    )
    const session = await browser.open(pathToFileURL(file).href)
    expect(browser.errors(session).join('\n')).toContain('故意的错误')
  })
})
