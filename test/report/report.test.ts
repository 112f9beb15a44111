import { describe, expect, it } from 'vitest'
import { deadline } from '../../src/core/deadlines'
import { toFixed } from '../../src/core/decimal'
import { workCalendar } from '../../src/core/holidays'
import { parsePeriod } from '../../src/core/period'
import { defaultRules } from '../../src/core/rules'
import { renderReport } from '../../src/report/html'
import { escapeXml, niceTicks } from '../../src/report/svg'
import { buildInsights, distribution, periodsDueIn, sidebarInsights } from '../../src/workbook/insights'
import { CLOSED_MONTHS, fixtureBook } from './fixture'
import { chart, field, rows } from './read-html'

const may = parsePeriod('2026-05')

describe('看板 data model (insights)', () => {
  it('第七条 per-operator month totals over the year are the frozen month totals', () => {
    const { book, expected } = fixtureBook()
    const ins = buildInsights(book, may)
    expect(ins.months).toHaveLength(12)
    for (const t of ins.trends) {
      CLOSED_MONTHS.forEach((m, i) => {
        const b = expected.breakdowns.get(m)?.get(t.id)
        expect(t.totals[i]).toBe(b ? Number(toFixed(b.total, 1)) : null)
      })
      expect(t.totals.slice(5)).toEqual([null, null, null, null, null, null, null])
    }
    expect(ins.trends.map((t) => t.id)).toEqual(['1001', '1002', '1003', '1004', '1005', '1006'])
  })

  it('第十四条 the newcomer is counted as 不参与, not scored, and left out of the distribution', () => {
    const { book } = fixtureBook()
    const ins = buildInsights(book, may)
    expect(ins.summary.scored).toBe(5)
    expect(ins.summary.notScored).toBe(1)
    expect(ins.distribution.reduce((a, b) => a + b.count, 0)).toBe(5)
    const newcomer = ins.monthRows.find((r) => r.id === '1006')
    expect(newcomer?.scored).toBe(false)
    expect(newcomer?.note).toContain('不参与')
  })

  it('第十一条 stars and 第十五条 alerts are counted by month', () => {
    const { book, expected } = fixtureBook()
    const ins = buildInsights(book, may)
    for (const b of ins.byMonth.slice(0, 5)) {
      expect(b.closed).toBe(true)
      expect(b.stars).toBe(expected.stars.get(b.month)?.size)
    }
    expect(ins.byMonth.find((b) => b.month === '2026-03')?.reminders).toBe(1)
    expect(ins.byMonth.find((b) => b.month === '2026-05')?.reminders).toBe(1)
    expect(ins.byMonth[5]?.closed).toBe(false)
  })

  it('第十五条 open alerts are the latest closed month’s, 派驻缺位 (第三条) included', () => {
    const { book } = fixtureBook()
    const ins = buildInsights(book, may)
    expect(ins.openAlerts.map((a) => `${a.month}${a.level}`)).toEqual(['2026-05谈话提醒', '2026-05派驻缺位'])
  })

  it('第十一条 补休 left to take and expiring within 14 days is listed with days left', () => {
    const { book } = fixtureBook()
    const ins = buildInsights(book, may, { asOf: '2026-05-20' })
    expect(ins.expiringLeave.map((l) => [l.id, l.remaining, l.daysLeft])).toEqual([
      ['1003', 0.5, 5],
      ['1001', 1, 11],
    ])
  })

  it('第八条 deadlines of the period and of this month carry days left, rolled over holidays', () => {
    const { book } = fixtureBook()
    const ins = buildInsights(book, may, { asOf: '2026-05-20' })
    const cal = workCalendar()
    const rules = defaultRules()
    const prelim = deadline(may, '初评', cal, rules)
    const final = deadline(may, '终评', cal, rules)
    expect(ins.deadlines.map((d) => [d.which, d.due])).toEqual([
      ['初评', prelim.due],
      ['终评', final.due],
    ])
    expect(ins.deadlines[0]?.daysLeft).toBe(Number(prelim.due.slice(8)) + 11) // 11 days left in May
    const april = deadline(parsePeriod('2026-04'), '初评', cal, rules)
    expect(ins.upcomingDeadlines[0]?.due).toBe(april.due)
    expect(ins.upcomingDeadlines[0]?.daysLeft).toBeLessThan(0)
  })

  it('第九条 a quarter report carries the quarter sheet’s scores', () => {
    const { book, expected } = fixtureBook()
    const ins = buildInsights(book, parsePeriod('2026-Q1'))
    expect(ins.focusMonth).toBe('2026-03')
    for (const r of ins.periodRows) expect(r.score).toBe(expected.quarter.get(r.id))
    expect(ins.periodRows.filter((r) => r.serviceStar)).toHaveLength(1)
  })

  it('第九条 deadlines: this month lists last month, and the quarter and year it closes', () => {
    expect(periodsDueIn('2026-04-02').map((p) => p.period)).toEqual([
      { kind: 'month', year: 2026, month: 3 },
      { kind: 'quarter', year: 2026, quarter: 1 },
    ])
    expect(periodsDueIn('2027-01-03').map((p) => p.period.kind)).toEqual(['month', 'quarter', 'year'])
  })

  it('第十五条 sidebar model: open alerts, expiring 补休, this month’s deadlines', () => {
    const { book } = fixtureBook()
    const side = sidebarInsights(book)
    expect(side.asOf).toBe('2026-05-20')
    expect(side.openAlerts).toHaveLength(2)
    expect(side.expiringLeave).toHaveLength(2)
    expect(side.deadlines.map((d) => `${d.period}${d.which}`)).toEqual(['2026-04初评', '2026-04终评'])
  })

  it('第七条 histogram bins cover 60–100 in fives and widen for outliers', () => {
    expect(distribution([71, 72.5, 99.9]).map((b) => b.count)).toEqual([0, 0, 2, 0, 0, 0, 0, 1])
    expect(distribution([55, 101])[0]?.from).toBe(55)
    expect(distribution([55, 101]).at(-1)?.to).toBe(105)
  })
})

describe('offline report HTML', () => {
  it('第七条 the month table holds every operator’s components and total, parsed back from the HTML', () => {
    const { book, expected } = fixtureBook()
    const html = renderReport(buildInsights(book, may))
    const table = rows(html, 'month')
    const bds = expected.breakdowns.get('2026-05')
    expect(table.size).toBe(6)
    for (const [id, b] of bds ?? []) {
      const r = table.get(id)
      expect(r?.get('workload')).toBe(toFixed(b.workload, 1))
      expect(r?.get('attendance')).toBe(toFixed(b.attendance, 1))
      expect(r?.get('leader')).toBe(toFixed(b.leader, 1))
      expect(r?.get('satisfaction')).toBe(toFixed(b.satisfaction, 1))
      expect(r?.get('qc')).toBe(toFixed(b.qc, 1))
      expect(r?.get('total')).toBe(toFixed(b.total, 1))
      expect(r?.get('rank')).toBe(String(expected.ranks.get('2026-05')?.get(id)))
      expect(r?.get('marks')?.includes('每月之星')).toBe(expected.stars.get('2026-05')?.has(id))
    }
    expect(table.get('1006')?.get('total')).toBe('—')
  })

  it('第七条 summary cards agree with the month table', () => {
    const { book, expected } = fixtureBook()
    const html = renderReport(buildInsights(book, may))
    const totals = [...(expected.breakdowns.get('2026-05')?.values() ?? [])].map((b) =>
      Number(toFixed(b.total, 1)),
    )
    expect(field(html, 'scored')).toBe('5')
    expect(field(html, 'max')).toBe(Math.max(...totals).toFixed(1))
    expect(field(html, 'min')).toBe(Math.min(...totals).toFixed(1))
    expect(Number(field(html, 'average'))).toBeCloseTo(totals.reduce((a, b) => a + b) / totals.length, 2)
    expect(field(html, 'stars')).toBe(String(expected.stars.get('2026-05')?.size))
  })

  it('第十一条 charts are inline SVG with a line per operator, a bar per bin and stacked components', () => {
    const { book } = fixtureBook()
    const html = renderReport(buildInsights(book, may))
    const line = chart(html, 'line')
    expect(line.match(/<g class="series"/g)).toHaveLength(7) // 6 operators + average
    expect(line).toMatch(/<path d="M[\d.]+ [\d.]+L/)
    expect((chart(html, 'histogram').match(/<g class="bar"/g) ?? []).length).toBeGreaterThanOrEqual(8)
    expect(chart(html, 'components').match(/<g class="stack"/g)).toHaveLength(5)
    expect(chart(html, 'by-month').match(/<g class="group"/g)).toHaveLength(12)
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/)
  })

  it('第十五条 workbook text is escaped everywhere (a name with markup stays text)', () => {
    const { book } = fixtureBook()
    const html = renderReport(buildInsights(book, may))
    expect(html).not.toContain('刘洋<b>')
    expect(html).toContain('刘洋&lt;b&gt;')
    expect(rows(html, 'open-alerts').get('1005')?.get('name')).toBe('刘洋<b>')
    expect(escapeXml(`<a href="x">&'`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;')
  })

  it('第十一条 expiring 补休 and deadlines appear with days left', () => {
    const { book } = fixtureBook()
    const html = renderReport(buildInsights(book, may, { asOf: '2026-05-20' }))
    const leave = rows(html, 'expiring-leave')
    expect(leave.get('1001')?.get('daysLeft')).toBe('还剩11天')
    expect(leave.get('1003')?.get('remaining')).toBe('0.5')
    const deadlines = rows(html, 'deadlines', 'data-which')
    expect(deadlines.get('初评')?.get('daysLeft')).toMatch(/^还剩\d+天$/)
  })

  it('第九条 a quarter report lists quarter scores, 服务之星 and proposed tiers', () => {
    const { book, expected } = fixtureBook()
    const html = renderReport(buildInsights(book, parsePeriod('2026-Q1')))
    const table = rows(html, 'period')
    expect(table.size).toBe(5)
    for (const [id, score] of expected.quarter) expect(table.get(id)?.get('score')).toBe(score.toFixed(2))
    expect([...table.values()].filter((r) => r.get('serviceStar')?.includes('服务之星'))).toHaveLength(1)
    expect(html).toContain('<th>2026-02</th>')
  })

  it('第七条 a period with nothing closed renders empty charts instead of failing', () => {
    const { book } = fixtureBook()
    const html = renderReport(buildInsights(book, parsePeriod('2026-09')))
    expect(html).toContain('暂无数据')
    expect(html).toContain('2026-09 尚未结算')
  })

  it('第七条 axis ticks are round numbers covering the data', () => {
    expect(niceTicks(62.3, 98.1)).toEqual([60, 70, 80, 90, 100])
    expect(niceTicks(0, 3)).toEqual([0, 1, 2, 3])
  })
})
