import { describe, expect, it } from 'vitest'
import { parsePeriod } from '../../src/core/period'
import { renderSidebar } from '../../src/gas/sidebar'
import { renderReport } from '../../src/report/html'
import { deadlineStatusText } from '../../src/workbook/deadline-status'
import { buildInsights } from '../../src/workbook/insights'
import { alerts, closePeriod, publishPeriod } from '../../src/workbook/workflows'
import { apply, fillMonth, newBook } from './fixture'

describe('SPEC §8, §13 deadlines done when the 日志 says so', () => {
  it('第八条 公示 on time is 已完成, a late close 逾期完成, what is not done counts down or is overdue', () => {
    const book = newBook()
    fillMonth(book, '2026-04')
    book.clock = '2026-05-06 09:00:00'
    apply(book, publishPeriod(book, parsePeriod('2026-04')))
    book.clock = '2026-05-20 16:00:00'
    apply(book, closePeriod(book, parsePeriod('2026-04')))
    const side = alerts(book, '2026-05-25')
    const byWhich = new Map(side.deadlines.map((d) => [d.which, d]))
    expect(byWhich.get('初评')?.doneOn).toBe('2026-05-06')
    expect(deadlineStatusText(byWhich.get('初评') ?? { due: '', doneOn: null, daysLeft: 0 })).toBe(
      '已完成 05-06',
    )
    const final = byWhich.get('终评')
    expect(final && final.due < '2026-05-20').toBe(true)
    expect(final && deadlineStatusText(final)).toBe('逾期完成 05-20')
    const html = renderSidebar(side)
    expect(html).toContain('2026年4月公示（初步统计）')
    expect(html).toContain('2026年4月上报终评')
    expect(html).not.toContain('已逾期')

    // May: nothing published or closed by 06-20 → both overdue, and the sidebar marks them.
    const june = alerts(book, '2026-06-20')
    expect(june.deadlines.every((d) => d.doneOn === null && d.daysLeft < 0)).toBe(true)
    expect(renderSidebar(june)).toMatch(
      /<li class="overdue"><b>【已逾期】<\/b><b>2026年5月公示（初步统计）<\/b>/,
    )
  })

  it('the report shows the period’s deadlines done, never as overdue', () => {
    const book = newBook()
    fillMonth(book, '2026-04')
    book.clock = '2026-05-07 09:00:00'
    apply(book, closePeriod(book, parsePeriod('2026-04')))
    apply(book, publishPeriod(book, parsePeriod('2026-04')))
    const html = renderReport(buildInsights(book, parsePeriod('2026-04'), { asOf: '2026-07-01' }))
    expect(html).toMatch(/data-which="初评" data-state="done"[^>]*>.*?已完成 05-07/)
    expect(html).toMatch(/data-which="终评" data-state="done"[^>]*>.*?已完成 05-07/)
    expect(html).not.toMatch(/已逾期\d+天/)
  })
})
