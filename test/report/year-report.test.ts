/**
 * Issue 13, SPEC §16: the demo year's report, as a team leader reads it after the close — the cards say
 * their period and are the year's own figures, every deadline shows done, the year table has no empty
 * column, and the 19-line trend is focused (best and weakest in distinct colours, the rest grey).
 */
import { describe, expect, it } from 'vitest'
import { type DemoClock, playDemoYear } from '../../src/cli/demo'
import { demoYear } from '../../src/cli/demo-data'
import { newXlsxBook, XlsxWorkbook } from '../../src/cli/xlsx-workbook'
import { parsePeriod } from '../../src/core/period'
import { renderReport, reportCharts } from '../../src/report/html'
import { buildInsights } from '../../src/workbook/insights'
import * as workflows from '../../src/workbook/workflows'

function demoBook(): XlsxWorkbook {
  let now = new Date('2025-01-02T01:00:00Z')
  const book = new XlsxWorkbook(newXlsxBook(now), { clock: () => now, user: '演示' })
  const clock: DemoClock = (instant) => {
    now = instant
  }
  playDemoYear(book, workflows, demoYear(), clock)
  return book
}

describe('the year report of the demo (issue 13)', () => {
  const book = demoBook()
  const year = parsePeriod('2025')
  const ins = buildInsights(book, year, { asOf: '2026-01-20' })
  const html = renderReport(ins)

  it('cards are the year’s figures and say so: assessed, not assessed, mean, top, bottom of 年度得分', () => {
    const scores = ins.periodRows.flatMap((r) => (r.score === null ? [] : [r.score]))
    expect(ins.summaryLabel).toBe('2025年度')
    expect(ins.summary.scored).toBe(scores.length)
    expect(ins.summary.notScored).toBe(ins.periodRows.length - scores.length)
    expect(ins.summary.notScored).toBeGreaterThanOrEqual(2) // the two who left during the year
    expect(ins.summary.max).toBe(Math.max(...scores))
    expect(html).toContain('2025年度参与考核人数')
    expect(html).toContain('2025年度每月之星（人次）')
    expect(html).not.toMatch(/<div class="k">平均分</)
  })

  it('every deadline of the year shows done (the demo publishes every month and the year)', () => {
    expect(ins.deadlines.map((d) => [d.which, d.doneOn !== null && d.doneOn <= d.due])).toEqual([
      ['初评', true],
      ['终评', true],
    ])
    expect(html).not.toMatch(/已逾期\d+天/)
    for (let m = 1; m <= 12; m++) {
      const month = buildInsights(book, parsePeriod(`2025-${String(m).padStart(2, '0')}`), {
        asOf: '2026-01-20',
      })
      expect(
        month.deadlines.every((d) => d.doneOn !== null && d.doneOn <= d.due),
        `2025-${m}`,
      ).toBe(true)
    }
  })

  it('the year table has no 服务之星 column (a quarter’s honour, 第十二条)', () => {
    const table = html.slice(html.indexOf('data-table="period"'))
    const head = table.slice(0, table.indexOf('</thead>'))
    expect(head).not.toContain('服务之星')
    expect(head).toContain('年度得分')
  })

  it('the trend of 19 operators highlights three best and three weakest in distinct colours, the rest grey', () => {
    const line = reportCharts(ins).trend
    const colours = [...line.matchAll(/<g class="series"[^>]*>[\s\S]*?stroke="(#[0-9a-f]{6})"/g)].map(
      (m) => m[1],
    )
    expect(ins.trends.length).toBeGreaterThan(12)
    const strong = colours.filter((c) => c !== '#c4c7cc' && c !== '#202124')
    expect(strong).toHaveLength(6)
    expect(new Set(strong).size).toBe(6)
  })

  it('得分构成 names every operator under their bar', () => {
    const chart = reportCharts(ins).components
    const axis = chart.slice(chart.indexOf('<g class="x-axis">'))
    const names = ins.monthRows.filter((r) => r.scored).map((r) => r.name)
    for (const name of names) expect(axis, name).toContain(`>${name}</text>`)
  })
})
