/**
 * 关注名单 (SPEC §17) through the month close: written from the same history as 预警, replaced for the month on
 * a re-close, other months kept.
 */
import { describe, expect, it } from 'vitest'
import { parsePeriod } from '../../src/core/period'
import { renderReport } from '../../src/report/html'
import { buildInsights } from '../../src/workbook/insights'
import { SHEET } from '../../src/workbook/layouts'
import { closePeriod, reopenPeriod } from '../../src/workbook/workflows'
import { apply, EVENTS, fillMonth, newBook } from './fixture'

const APR = parsePeriod('2026-04')
const MAY = parsePeriod('2026-05')

function book() {
  const b = newBook()
  // 陈静 (A05): a valid complaint in April and another in May.
  b.setRows(SHEET.events, [
    ...EVENTS,
    ['2026-04-20', 'A05', '有效投诉', 3, 'C-0420', ''],
    ['2026-05-12', 'A05', '有效投诉', 3, 'C-0512', ''],
    ['2026-05-13', 'A03', '迟到', '', '', ''],
    ['2026-05-14', 'A03', '迟到', '', '', ''],
    ['2026-05-15', 'A03', '早退', '', '', ''],
  ])
  return b
}

describe('关注名单 written by the month close', () => {
  it('第十五条、第十六条 one event away next month: bottom three, complaints, and （四） this month', () => {
    const b = book()
    fillMonth(b, '2026-04')
    apply(b, closePeriod(b, APR))
    // April: 陈静's complaint puts her in the bottom three with 刘洋 and 周婷.
    expect(b.records(SHEET.watch).map((r) => `${r.月份} ${r.工号} ${r.条款} ${r.还差}`)).toEqual([
      '2026-04 A05 第十五条（一） 1次',
      '2026-04 A06 第十五条（一） 1次',
      '2026-04 A07 第十五条（一） 1次',
    ])
    expect(b.records(SHEET.watch)[2]?.说明).toBe(
      '若2026-05再次排名倒数前三，将触发第十五条（一）：连续2个月排名倒数前三（2026-04、2026-05）',
    )
    fillMonth(b, '2026-05')
    b.setCell('2026-05 月度', 'A03', '全勤', '否')
    apply(b, closePeriod(b, MAY))
    const may = b.records(SHEET.watch).filter((r) => r.月份 === '2026-05')
    // May: 陈静 leaves the bottom three (her April chain is over), 赵强 enters it.
    expect(may.map((r) => `${r.工号} ${r.姓名} ${r.条款}`)).toEqual([
      'A03 王芳 第十五条（四）',
      'A04 赵强 第十五条（一）',
      'A05 陈静 第十五条（二）',
      'A06 刘洋 第十六条（一）',
      'A07 周婷 第十六条（一）',
    ])
    expect(may.find((r) => r.工号 === 'A05')?.说明).toMatch(
      /^近6个月内已有有效投诉2次（2026-04-20、2026-05-12），若2026-06再有1次有效投诉，将触发第十五条（二）/,
    )
    expect(may.find((r) => r.工号 === 'A03')?.说明).toMatch(
      /^本月（2026-05）迟到早退3次，距第十五条（四）4次仅差1次/,
    )
    // April's rows are kept, ordered by month.
    expect(b.records(SHEET.watch).map((r) => r.月份)).toEqual([
      '2026-04',
      '2026-04',
      '2026-04',
      ...may.map(() => '2026-05'),
    ])
  })

  it('§11 closing twice gives the same 关注名单; a re-close replaces only that month', () => {
    const b = book()
    fillMonth(b, '2026-04')
    apply(b, closePeriod(b, APR))
    fillMonth(b, '2026-05')
    b.setCell('2026-05 月度', 'A03', '全勤', '否')
    apply(b, closePeriod(b, MAY))
    const first = b.records(SHEET.watch)
    apply(b, closePeriod(b, MAY))
    expect(b.records(SHEET.watch)).toEqual(first)
    apply(b, reopenPeriod(b, APR))
    apply(b, closePeriod(b, APR))
    expect(b.records(SHEET.watch)).toEqual(first)
    const outcome = closePeriod(b, MAY)
    expect(outcome.ok && outcome.plan.message).toMatch(/关注名单5条/)
  })

  it('§17 the month report prints that month’s 关注名单 (each month its own list)', () => {
    const b = book()
    fillMonth(b, '2026-04')
    apply(b, closePeriod(b, APR))
    fillMonth(b, '2026-05')
    b.setCell('2026-05 月度', 'A03', '全勤', '否')
    apply(b, closePeriod(b, MAY))
    const april = buildInsights(b, APR, { asOf: '2026-06-03' })
    expect(april.watch.map((w) => w.id)).toEqual(['A05', 'A06', 'A07'])
    const html = renderReport(buildInsights(b, MAY, { asOf: '2026-06-03' }))
    const table = html.slice(html.indexOf('data-table="watch"'))
    expect(table.slice(0, table.indexOf('</table>')).match(/<tr data-id=/g)).toHaveLength(5)
    expect(html).toContain('关注名单（2026-05结算）')
    expect(html).toContain('若2026-06再次排名倒数前三，将触发第十六条（一）')
  })
})
