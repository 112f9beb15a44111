import { describe, expect, it, vi } from 'vitest'
import { toFixed } from '../../src/core/decimal'
import { parsePeriod } from '../../src/core/period'
import { columnLetter } from '../../src/core/problems'
import { dashboardPlan, statementPlan } from '../../src/gas/dashboard'
import { SpreadsheetWorkbook } from '../../src/gas/spreadsheet-workbook'
import { buildInsights } from '../../src/workbook/insights'
import { buildStatement } from '../../src/workbook/statement'
import type { Cell } from '../../src/workbook/types'
import { FakeAppsScript } from '../support/fake-apps-script'
import { fixtureBook } from './fixture'

/** The block of `grid` a chart spec points at. */
function block(
  grid: Cell[][],
  spec: { row: number; column: number; rows: number; columns: number },
): Cell[][] {
  return grid
    .slice(spec.row - 1, spec.row - 1 + spec.rows)
    .map((r) => r.slice(spec.column - 1, spec.column - 1 + spec.columns))
}

/** The Sheets host over the double's counted globals, as a menu click gets it. */
function sheetsHost(fake: FakeAppsScript): SpreadsheetWorkbook {
  const g = fake.globals()
  return new SpreadsheetWorkbook({
    app: g.SpreadsheetApp,
    spreadsheet: g.SpreadsheetApp.getActive(),
    utilities: g.Utilities,
    session: g.Session,
  })
}

const NOTHING = { writes: [], message: '' }

describe('看板 sheet (Google Sheets)', () => {
  it('第七条 the trend chart’s data block holds every operator’s month totals', () => {
    const { book, expected } = fixtureBook()
    const plan = dashboardPlan(buildInsights(book, parsePeriod('2026-05')))
    const line = plan.charts.find((c) => c.kind === 'line')
    if (!line) throw new Error('no line chart')
    expect(line.transpose).toBe(true) // one operator a row: the sheet's width never depends on the team
    const data = block(plan.grid, line)
    expect(data[0]).toEqual([
      '姓名',
      '1月',
      '2月',
      '3月',
      '4月',
      '5月',
      '6月',
      '7月',
      '8月',
      '9月',
      '10月',
      '11月',
      '12月',
    ])
    expect(data.map((r) => r[0])).toEqual([
      '姓名',
      '张敏',
      '李华',
      '王芳',
      '陈晨',
      '刘洋<b>',
      '赵磊',
      '平均分',
    ])
    const zhang = data[1] ?? []
    const total = expected.breakdowns.get('2026-05')?.get('1001')?.total
    expect(zhang[5]).toBe(total ? Number(toFixed(total, 1)) : 'missing')
    expect(zhang.slice(6)).toEqual(['', '', '', '', '', '', '']) // June on: not closed
    expect(data[6]?.[5]).toBe('') // the newcomer has no score
  })

  it('第七条 the stacked chart reads the five components of each ranked operator', () => {
    const { book, expected } = fixtureBook()
    const plan = dashboardPlan(buildInsights(book, parsePeriod('2026-05')))
    const stacked = plan.charts.find((c) => c.stacked)
    if (!stacked) throw new Error('no stacked chart')
    const data = block(plan.grid, stacked)
    expect(data[0]).toEqual(['姓名', '业务工作量', '考勤加班', '领导评价', '满意度与投诉率', '质检结果'])
    expect(data).toHaveLength(6)
    const first = data[1] ?? []
    const b = expected.breakdowns.get('2026-05')?.get('1001')
    expect(first[0]).toBe('张敏')
    expect(first.slice(1)).toEqual(
      [b?.workload, b?.attendance, b?.leader, b?.satisfaction, b?.qc].map((x) =>
        x ? Number(toFixed(x, 1)) : x,
      ),
    )
  })

  it('第十一条 the histogram and stars-by-month blocks count what the month sheets hold', () => {
    const { book, expected } = fixtureBook()
    const plan = dashboardPlan(buildInsights(book, parsePeriod('2026-05')))
    const [, hist, , stars] = plan.charts
    if (!hist || !stars) throw new Error('missing charts')
    const bins = block(plan.grid, hist).slice(1)
    expect(bins.reduce((a, r) => a + Number(r[1]), 0)).toBe(5)
    const starRows = block(plan.grid, stars)
    expect(starRows[0]).toEqual(['月份', '每月之星', '谈话提醒', '辞退或更换'])
    expect(starRows[2]?.[1]).toBe(expected.stars.get('2026-02')?.size)
  })

  it('第十五条 看板 is laid out once with four charts over open-ended ranges; later refreshes write values only', () => {
    const { book } = fixtureBook()
    const plan = dashboardPlan(buildInsights(book, parsePeriod('2026-05')))
    expect(plan.grid.every((row) => row.length === plan.grid[0]?.length)).toBe(true)
    const fake = new FakeAppsScript()
    sheetsHost(fake).applyWith(NOTHING, [{ sheet: plan.name, plan: () => plan }])
    const sheet = fake.sheet('看板')
    expect(sheet.charts.map((c) => c.type)).toEqual(['LINE', 'COLUMN', 'COLUMN', 'COLUMN'])
    expect(sheet.charts[2]?.options.isStacked).toBe(true)
    expect(sheet.charts[0]?.options.title).toBe('月度总分趋势') // no period: the chart is never rebuilt
    // Each chart reads its block from the header row down, whatever its length.
    for (const [i, spec] of plan.charts.entries()) {
      const range = sheet.charts[i]?.ranges[0] ?? ''
      expect(range).toBe(
        `${columnLetter(spec.column)}${spec.row}:${columnLetter(spec.column + spec.columns - 1)}`,
      )
    }
    // Text is written quoted so a name like `=1+1` stays text; titles bold, table headers grey.
    expect(sheet.row(1)[0]).toBe('12368热线话务员考核看板 · 2026年5月')
    expect(sheet.getRange(1, 1).getFontWeights()[0]?.[0]).toBe('bold')
    const trend = plan.charts[0]
    if (!trend) throw new Error('no trend chart')
    expect(sheet.getRange(trend.row, 1).getBackgrounds()[0]?.[0]).toBe('#f1f3f4')
    const charts = [...sheet.charts]

    // The next refresh (another month, fewer rows): one read, one getRange, one setValues; charts untouched.
    const next = dashboardPlan(buildInsights(book, parsePeriod('2026-02')))
    const host = sheetsHost(fake)
    fake.resetCounts()
    host.applyWith(NOTHING, [{ sheet: next.name, plan: () => next }])
    expect(fake.countsByMethod()).toEqual({
      'Range.setValues': 1,
      'Sheet.getRange': 1,
      'Sheet.getSheetValues': 1,
      'Spreadsheet.getSheetByName': 1,
    })
    expect(sheet.charts).toEqual(charts)
    expect(sheet.values().length).toBe(next.grid.length) // rows left over from the longer grid are blank
    expect(sheet.row(1)[0]).toBe('12368热线话务员考核看板 · 2026年2月')

    // A forced rebuild (刷新看板) replaces the charts, still four.
    sheetsHost(fake).applyWith(NOTHING, [{ sheet: next.name, plan: () => next, rebuild: true }])
    expect(sheet.charts).toHaveLength(4)
  })

  it('§11 a 看板 refresh failing at any write puts the sheet, its formats and its charts back', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const { book } = fixtureBook()
    const may = dashboardPlan(buildInsights(book, parsePeriod('2026-05')))
    const feb = dashboardPlan(buildInsights(book, parsePeriod('2026-02')))
    const state = (fake: FakeAppsScript) => {
      const sheet = fake.sheet('看板')
      return JSON.stringify({
        values: sheet.values(),
        cells: [...sheet.cells.entries()].map(([k, c]) => [k, c.bg, c.weight]),
        charts: sheet.charts,
        widths: [...sheet.widths.entries()],
      })
    }
    for (const rebuild of [false, true]) {
      const fake = new FakeAppsScript()
      sheetsHost(fake).applyWith(NOTHING, [{ sheet: may.name, plan: () => may }])
      const before = state(fake)
      const writes = fake.writeCalls
      sheetsHost(fake).applyWith(NOTHING, [{ sheet: feb.name, plan: () => feb, rebuild }])
      const count = fake.writeCalls - writes
      sheetsHost(fake).applyWith(NOTHING, [{ sheet: may.name, plan: () => may }])
      expect(state(fake)).toBe(before)
      for (let n = 1; n <= count; n++) {
        fake.failAtWrite(n)
        expect(() =>
          sheetsHost(fake).applyWith(NOTHING, [{ sheet: feb.name, plan: () => feb, rebuild }]),
        ).toThrow(/写入“看板”时出错，已撤销本次全部更改/)
        expect(state(fake), `rebuild ${rebuild}, write ${n} of ${count}`).toBe(before)
      }
    }
    vi.restoreAllMocks()
  })

  it('第七条 the 个人成绩单 sheet lists each component with its article, score and explanation', () => {
    const { book, expected } = fixtureBook()
    const plan = statementPlan(buildStatement(book, parsePeriod('2026-05'), '1002'))
    const rowOf = (label: string) => plan.grid.find((r) => r[0] === label) ?? []
    const b = expected.breakdowns.get('2026-05')?.get('1002')
    expect(rowOf('业务工作量').slice(1, 3)).toEqual([
      '第七条（一）',
      b ? Number(toFixed(b.workload, 1)) : null,
    ])
    expect(String(rowOf('满意度与投诉率')[3])).toContain('表扬1次×2')
    expect(rowOf('月度总分')[2]).toBe(b ? Number(toFixed(b.total, 1)) : null)
    expect(plan.charts).toEqual([])
  })
})
