import { describe, expect, it } from 'vitest'
import { toFixed } from '../../src/core/decimal'
import { parsePeriod } from '../../src/core/period'
import { dashboardPlan, statementPlan, writePlan } from '../../src/gas/dashboard'
import { buildInsights } from '../../src/workbook/insights'
import { buildStatement } from '../../src/workbook/statement'
import type { Cell } from '../../src/workbook/types'
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

/** A recorder for the slice of SpreadsheetApp that writePlan uses. */
function recorder() {
  const calls: string[] = []
  const charts: { options: Record<string, unknown>; range: string; type: string; at: number[] }[] = []
  let values: Cell[][] = []
  const builder = (type: string) => {
    const chart = { options: {} as Record<string, unknown>, range: '', type, at: [] as number[] }
    const b = {
      addRange: (r: { a1: string }) => {
        chart.range = r.a1
        return b
      },
      setNumHeaders: () => b,
      setOption: (k: string, v: unknown) => {
        chart.options[k] = v
        return b
      },
      setTransposeRowsAndColumns: () => b,
      setPosition: (...at: number[]) => {
        chart.at = at
        return b
      },
      build: () => chart,
    }
    return b
  }
  const sheet = {
    getCharts: () => [{ old: true }],
    removeChart: () => calls.push('removeChart'),
    clear: () => calls.push('clear'),
    getMaxRows: () => 1000,
    getMaxColumns: () => 26,
    insertRowsAfter: () => calls.push('insertRows'),
    insertColumnsAfter: () => calls.push('insertColumns'),
    getRange: (row: number, column: number, rows: number, columns: number) => ({
      a1: `${row},${column},${rows},${columns}`,
      setValues: (v: Cell[][]) => {
        calls.push('setValues')
        values = v
      },
    }),
    getRangeList: (list: string[]) => ({
      setFontWeight: () => calls.push(`bold:${list.length}`),
      setBackground: () => calls.push(`fill:${list.length}`),
    }),
    setColumnWidth: () => calls.push('width'),
    newChart: () => ({ asLineChart: () => builder('line'), asColumnChart: () => builder('column') }),
    insertChart: (c: (typeof charts)[number]) => charts.push(c),
  }
  const spreadsheet = { getSheetByName: () => sheet, insertSheet: () => sheet }
  return { spreadsheet, calls, charts, values: () => values }
}

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

  it('第十五条 writePlan clears old charts, writes once, formats in batches and inserts four charts', () => {
    const { book } = fixtureBook()
    const plan = dashboardPlan(buildInsights(book, parsePeriod('2026-05')))
    const r = recorder()
    writePlan(r.spreadsheet as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet, plan)
    expect(r.calls.filter((c) => c === 'setValues')).toHaveLength(1)
    expect(plan.grid.every((row) => row.length === plan.grid[0]?.length)).toBe(true)
    expect(r.calls.slice(0, 2)).toEqual(['removeChart', 'clear'])
    expect(r.calls.filter((c) => c.startsWith('bold:'))).toHaveLength(1)
    expect(r.charts.map((c) => c.type)).toEqual(['line', 'column', 'column', 'column'])
    expect(r.charts[2]?.options.isStacked).toBe(true)
    expect(r.charts[0]?.options.title).toBe('2026年月度总分趋势')
    // Text is written quoted so a name like `=1+1` stays text.
    expect(r.values()[0]?.[0]).toBe("'12368热线话务员考核看板 · 2026年5月")
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
