import { describe, expect, it } from 'vitest'
import { toFixed } from '../../src/core/decimal'
import { parseMonthInput } from '../../src/core/fields'
import { parsePeriod } from '../../src/core/period'
import { InputError } from '../../src/core/problems'
import { defaultRules } from '../../src/core/rules'
import { explainMonth } from '../../src/core/score'
import { statementPlan } from '../../src/gas/dashboard'
import { renderStatement } from '../../src/report/html'
import { buildStatement } from '../../src/workbook/statement'
import { fixtureBook } from './fixture'
import { field, rows, unescapeHtml } from './read-html'

/** The components table of one month's section, keyed by line (workload … total). */
function componentRows(html: string, month: string) {
  const start = html.indexOf(`<section data-month="${month}">`)
  const section = html.slice(start, html.indexOf('</section>', start))
  return rows(section, 'components', 'data-k-line')
}

describe('个人成绩单 (statement)', () => {
  it('第五条 a 消极怠工 duty shows with what it cost, in the page and in the Sheets statement', () => {
    const { book } = fixtureBook()
    book.sheets.get('值班')?.push(['2026-05-14', '1003', '消极怠工'])
    const st = buildStatement(book, parsePeriod('2026-05'), '1003')
    const slack =
      '消极怠工，取消提前下班、补休资格，不加分（第五条：一经发现存在消极怠工情形的，一律取消提前下班、补休资格）'
    expect(st.months[0]?.duties.map((d) => [d.date, d.outcome, d.effect])).toEqual([
      ['2026-05-13', '未提前下班未补休', '考勤加1分（第五条、第七条（二））'],
      ['2026-05-14', '消极怠工', slack],
    ])
    const attendance = st.months[0]?.lines.find((l) => l.key === 'attendance')
    // The typed count (1) stays right: the slack duty raised nothing, and the statement says why.
    expect(attendance?.inputs.find((i) => i.label === '中午值班加分次数')?.value).toBe(
      '1（另有消极怠工1次，不加分，第五条）',
    )
    expect(st.months[0]?.mismatch).toBe('')
    const html = renderStatement(st)
    const duties = rows(html, 'duties', 'data-date')
    expect(duties.get('2026-05-14')?.get('outcome')).toBe('消极怠工')
    expect(duties.get('2026-05-14')?.get('effect')).toBe(slack)
    const plan = statementPlan(st)
    const title = plan.grid.findIndex((r) => String(r[0]).endsWith(' 中午值班（第五条）'))
    expect(plan.grid[title + 1]?.slice(0, 3)).toEqual(['日期', '结果', '说明'])
    expect(plan.grid[title + 3]?.slice(0, 3)).toEqual(['2026-05-14', '消极怠工', slack])
  })

  it('第七条 every component with its frozen score, the engine’s explanation and the inputs behind it', () => {
    const { book, expected } = fixtureBook()
    const st = buildStatement(book, parsePeriod('2026-05'), '1001')
    expect(st.name).toBe('张敏')
    expect(st.role).toBe('带班班长')
    const month = st.months[0]
    const b = expected.breakdowns.get('2026-05')?.get('1001')
    expect(month?.total).toBe(Number(toFixed(b?.total ?? defaultRules()['qc.base'], 1)))
    expect(month?.mismatch).toBe('')
    const html = renderStatement(st)
    const lines = componentRows(html, '2026-05')
    expect(lines.get('workload')?.get('article')).toBe('第七条（一）')
    expect(lines.get('workload')?.get('score')).toBe(toFixed(b?.workload ?? defaultRules()['qc.base'], 1))
    expect(lines.get('workload')?.get('explanation')).toContain('带班班长×1.3')
    expect(lines.get('workload')?.get('inputs')).toContain('带班班长 是')
    expect(lines.get('satisfaction')?.get('inputs')).toContain('满意率 95%')
    expect(lines.get('total')?.get('score')).toBe(toFixed(b?.total ?? defaultRules()['qc.base'], 1))
    expect(field(html, 'rank')).toBe(String(expected.ranks.get('2026-05')?.get('1001')))
  })

  it('第七条 the explanation is explainMonth’s own sentence for the row', () => {
    const { book } = fixtureBook()
    const st = buildStatement(book, parsePeriod('2026-05'), '1003')
    const grid = book.sheets.get('2026-05 月度') ?? []
    const row = grid.find((r) => r[0] === '1003') ?? []
    const parsed = parseMonthInput(row.slice(2, 16))
    if (!parsed.input) throw new Error('fixture row unreadable')
    const { reasons } = explainMonth(parsed.input, defaultRules())
    const lines = st.months[0]?.lines ?? []
    for (const key of ['workload', 'attendance', 'leader', 'satisfaction', 'qc', 'total'] as const) {
      expect(lines.find((l) => l.key === key)?.explanation).toBe(reasons[key].text)
    }
    expect(st.months[0]?.duties).toEqual([
      { date: '2026-05-13', outcome: '未提前下班未补休', effect: '考勤加1分（第五条、第七条（二））' },
    ])
  })

  it('第七条（二） blank count cells show the value the close filled in from 事件', () => {
    const { book } = fixtureBook()
    const grid = book.sheets.get('2026-05 月度') ?? []
    const header = grid[0] ?? []
    const lateCol = header.indexOf('迟到早退次数')
    const row = grid.find((r) => r[0] === '1005')
    if (!row) throw new Error('no row')
    row[lateCol] = ''
    const st = buildStatement(book, parsePeriod('2026-05'), '1005')
    const attendance = st.months[0]?.lines.find((l) => l.key === 'attendance')
    expect(attendance?.inputs.find((i) => i.label === '迟到早退次数')?.value).toBe('2（按“事件”表统计）')
    expect(attendance?.explanation).toContain('迟到早退2次')
    expect(st.months[0]?.events.filter((e) => e.type === '迟到')).toHaveLength(2)
  })

  it('第十五条 triggers with reasons, and 第十一条 stars, appear on the statement', () => {
    const { book, expected } = fixtureBook()
    const st = buildStatement(book, parsePeriod('2026-05'), '1005')
    expect(st.triggers.map((t) => `${t.clause}${t.reason}`)).toEqual(['第十五条（三）6个月内业务质量问题5次'])
    const html = renderStatement(st)
    expect(rows(html, 'triggers').get('1005')?.get('clause')).toBe('第十五条（三）')
    expect(html).toContain('刘洋&lt;b&gt;')
    expect(html).not.toContain('刘洋<b>')
    const starId = [...(expected.stars.get('2026-05') ?? [])][0] ?? ''
    expect(renderStatement(buildStatement(book, parsePeriod('2026-05'), starId))).toContain(
      '<span class="badge b-star">每月之星</span>',
    )
  })

  it('第九条 a quarter statement shows the quarter score, rank, 服务之星 and tier with each month', () => {
    const { book, expected } = fixtureBook()
    const st = buildStatement(book, parsePeriod('2026-Q1'), '1002')
    expect(st.months.map((m) => m.month)).toEqual(['2026-01', '2026-02', '2026-03'])
    expect(st.aggregate?.score).toBe(expected.quarter.get('1002'))
    const html = renderStatement(st)
    expect(field(html, 'aggregateScore')).toBe(expected.quarter.get('1002')?.toFixed(2))
    expect(field(html, 'proposedTier')).toMatch(/^(优秀|良好|称职)$/)
    expect(field(html, 'aggregateExplanation')).toContain('第九条')
    expect(html).toContain('data-chart="line"')
    for (const m of ['2026-01', '2026-02', '2026-03']) {
      const total = expected.breakdowns.get(m)?.get('1002')?.total
      expect(componentRows(html, m).get('total')?.get('score')).toBe(total ? toFixed(total, 1) : '')
    }
  })

  it('第十四条 a month the operator did not take part in says why', () => {
    const { book } = fixtureBook()
    const st = buildStatement(book, parsePeriod('2026-05'), '1006')
    expect(st.months[0]?.scored).toBe(false)
    const html = renderStatement(st)
    expect(unescapeHtml(field(html, 'note'))).toContain('不参与：入职或派驻未满2个月')
  })

  it('第十条 a year statement before the year close says the close has not run', () => {
    const { book } = fixtureBook()
    const st = buildStatement(book, parsePeriod('2026'), '1001')
    expect(st.months).toHaveLength(12)
    expect(st.aggregate?.score).toBeNull()
    expect(st.aggregate?.note).toBe('尚未进行2026年度结算')
  })

  it('第七条 a changed input after the close is flagged, the frozen score is kept', () => {
    const { book } = fixtureBook()
    const grid = book.sheets.get('2026-05 月度') ?? []
    const callsCol = (grid[0] ?? []).indexOf('接听电话数')
    const row = grid.find((r) => r[0] === '1002')
    if (!row) throw new Error('no row')
    const frozen = row[(grid[0] ?? []).indexOf('月度总分')]
    row[callsCol] = Number(row[callsCol]) + 210
    const st = buildStatement(book, parsePeriod('2026-05'), '1002')
    expect(st.months[0]?.total).toBe(frozen)
    expect(st.months[0]?.mismatch).toContain('与结算时冻结的')
    expect(renderStatement(st)).toContain('class="warn"')
  })

  it('第十四条 an unknown 工号 is a Chinese input error', () => {
    const { book } = fixtureBook()
    expect(() => buildStatement(book, parsePeriod('2026-05'), '9999')).toThrow(InputError)
    expect(() => buildStatement(book, parsePeriod('2026-05'), '9999')).toThrow('工号“9999”不在“人员”表中')
  })
})
