import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { EXIT } from '../../src/cli/commands'
import { runDemo } from '../../src/cli/demo'
import { DEMO_OPERATORS, demoYear, mulberry32 } from '../../src/cli/demo-data'
import { loadWorkbookFile } from '../../src/cli/file'
import { XlsxWorkbook } from '../../src/cli/xlsx-workbook'
import { tempDir, testContext } from './support'

async function grids(file: string): Promise<Map<string, unknown>> {
  const book = new XlsxWorkbook(await loadWorkbookFile(file))
  return book.read(book.sheetNames())
}

describe('kaohe demo: a realistic, seeded year (npm start)', () => {
  it('mulberry32 is deterministic', () => {
    const a = mulberry32(7)
    const b = mulberry32(7)
    expect([a(), a(), a()]).toEqual([b(), b(), b()])
  })

  it('第七条（一） about 1,105 calls a day for the team of 18, two 带班班长, dispatched operators', () => {
    const data = demoYear()
    const perDay = [...data.months.values()].map((m) =>
      [...m.values()].reduce((s, e) => s + e.calls / e.days, 0),
    )
    const mean = perDay.reduce((s, x) => s + x, 0) / perDay.length
    expect(mean).toBeGreaterThan(1000)
    expect(mean).toBeLessThan(1200)
    expect(DEMO_OPERATORS.filter((o) => o.role === '带班班长')).toHaveLength(2)
    expect(DEMO_OPERATORS.filter((o) => o.homeCourt !== '').length).toBeGreaterThanOrEqual(5)
    // 第七条（四）: one call complained about through two channels.
    const byCall = new Map<string, number>()
    for (const e of data.events.filter((x) => x.type === '有效投诉'))
      byCall.set(e.callId, (byCall.get(e.callId) ?? 0) + 1)
    expect([...byCall.values()]).toContain(2)
  })

  it('第十四条 第十五条 第十六条 第十七条: the demo closes every period and both alert levels fire; same workbook every run', async () => {
    const dir = tempDir()
    const first = path.join(dir, 'demo.xlsx')
    const second = path.join(dir, 'again.xlsx')
    const { ctx, lines } = testContext()
    expect(await runDemo(first, ctx)).toBe(EXIT.ok)
    expect(await runDemo(second, testContext().ctx)).toBe(EXIT.ok)
    const out = lines.join('\n')
    expect(out).toContain('每月之星（第十一条）')
    expect(out).toMatch(/辞退或更换 [1-9]\d* 条，谈话提醒 [1-9]\d* 条/)

    const a = await grids(first)
    expect(a).toEqual(await grids(second))
    const book = new XlsxWorkbook(await loadWorkbookFile(first))
    const names = book.sheetNames()
    for (let m = 1; m <= 12; m++) expect(names).toContain(`2025-${String(m).padStart(2, '0')} 月度`)
    expect(names).toEqual(expect.arrayContaining(['2025-Q1 季度', '2025-Q4 季度', '2025 年度']))
    // SPEC §17: every month close wrote its 关注名单 rows (month, 工号, 姓名, 条款, 还差, 说明).
    const watch = (book.read(['关注名单']).get('关注名单') ?? []).slice(1)
    expect(watch.length).toBeGreaterThan(0)
    expect(new Set(watch.map((r) => r[0])).size).toBeGreaterThan(1)
    for (const r of watch) expect(String(r[3])).toMatch(/^第十[五六]条（[一二三四]）$/)
    const alerts = book.read(['预警']).get('预警') ?? []
    const levels = new Set(alerts.slice(1).map((r) => r[3]))
    expect(levels).toEqual(new Set(['谈话提醒', '辞退或更换', '派驻缺位']))
    // 第十四条: the replacement who joined in May is not assessed in May and June; 第十七条: September's secondment.
    const warn = (month: string, id: string) => {
      const g = book.read([`${month} 月度`]).get(`${month} 月度`) ?? []
      const w = (g[0] ?? []).indexOf('预警')
      return String(g.find((r) => r[0] === id)?.[w] ?? '')
    }
    expect(warn('2025-05', 'GZ19')).toContain('不参与')
    expect(warn('2025-06', 'GZ19')).toContain('不参与')
    expect(warn('2025-07', 'GZ19')).not.toContain('不参与')
    expect(warn('2025-09', 'GZ09')).toContain('借调')
    const year = book.read(['2025 年度']).get('2025 年度') ?? []
    const score = (year[0] ?? []).indexOf('年度得分')
    const note = (year[0] ?? []).indexOf('备注')
    // Those who left during the year (GZ15 in April, GZ17 in November) keep their months but get no year score.
    const leavers = new Set(['GZ15', 'GZ17'])
    const rows = year.slice(1)
    expect(rows.filter((r) => !leavers.has(String(r[0]))).every((r) => typeof r[score] === 'number')).toBe(
      true,
    )
    // 第十三条: the tier hint is only for those given a tier; GZ15, gone in April, keeps his alert listed.
    const q2 = book.read(['2025-Q2 季度']).get('2025-Q2 季度') ?? []
    const q2note = String(q2.find((r) => r[0] === 'GZ15')?.[(q2[0] ?? []).indexOf('备注')] ?? '')
    expect(q2note).toContain('本季度有预警：2025-04 辞退或更换')
    expect(q2note).not.toContain('请领导考虑')
    for (const r of rows.filter((r) => leavers.has(String(r[0])))) {
      expect(r[score]).toBe('')
      expect(String(r[note])).toMatch(/^不参与：已于2025-\d\d-\d\d离岗，不参与年度考核/)
    }
    // 第八条、第十条: every month and the year published (生成公示) in the 日志; the year's 公示 sheet is there.
    const log = book.read(['日志']).get('日志') ?? []
    const published = log.filter((r) => r[2] === '生成公示').map((r) => String(r[3]))
    expect(published).toEqual([
      ...Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`),
      '2025',
    ])
    const yp = book.read(['2025 年度公示']).get('2025 年度公示') ?? []
    expect(yp.filter((r) => typeof r[4] === 'number').length).toBeGreaterThanOrEqual(16)
  })
})
