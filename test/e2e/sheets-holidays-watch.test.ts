/**
 * Issue 16 through dist/Code.js over the Apps Script double: 导入节假日安排… (the dialog and its server
 * function) writes 节假日 as `kaohe holidays` does, after which DEADLINE and the sidebar use 2027; and the
 * month close writes 关注名单, shown in the 预警一览 sidebar and 看板.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { sheetFunction } from '../support/load-bundle'
import { dateText, fillMonth, menu, openSheets, rosterRows } from './sheets-scenario'

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')

describe('导入节假日安排… in Google Sheets', () => {
  it('第八条 the dialog calls importHolidays; 节假日 gets the year, DEADLINE and the sidebar use it', () => {
    const s = openSheets('Asia/Shanghai', new Date('2027-02-01T02:00:00Z'))
    menu(s, 'menuSetup')
    expect(() => sheetFunction(s.ctx, 'DEADLINE')('2027-01')).toThrow(/2027年没有节假日数据/)
    sheetFunction(s.ctx, 'menuImportHolidays')()
    const dialog = s.fake.ui.dialogs.at(-1)
    expect(dialog?.title).toBe('导入节假日安排')
    expect(dialog?.html.getContent()).toContain('<textarea')
    expect(dialog?.html.getContent()).toContain('google.script.run')
    expect(dialog?.html.getContent()).toContain('.importHolidays(t)')

    const bad = String(
      sheetFunction(
        s.ctx,
        'importHolidays',
      )(fixture('holiday-notice-2027-synthetic.txt').replace('共3天', '共4天')),
    )
    expect(bad).toMatch(/通知第7行“一、元旦：.*共3天，通知写的是4天/)
    expect(s.fake.sheet('节假日').values().slice(1)).toEqual([])

    const message = String(
      sheetFunction(s.ctx, 'importHolidays')(fixture('holiday-notice-2027-synthetic.txt')),
    )
    expect(message).toMatch(/^已导入2027年节假日安排：2027年休息日28天、调休上班5天/)
    const rows = s.fake.sheet('节假日').values().slice(1)
    expect(rows).toHaveLength(33)
    expect(dateText(rows[0]?.[0] ?? '')).toBe('2027-01-01')
    expect(rows[0]?.slice(1)).toEqual(['休息日', '元旦（2027年国务院通知）'])
    expect(
      s.fake
        .sheet('日志')
        .values()
        .slice(1)
        .map((r) => r[2]),
    ).toContain('导入节假日')

    // 2027-01 初评: 5 February is in 春节 (5–12 February) → the third working day after it.
    expect(sheetFunction(s.ctx, 'DEADLINE')('2027-01')).toBe('2027-02-17')
    menu(s, 'menuAlerts')
    const sidebar = s.fake.ui.sidebars.at(-1)?.getContent() ?? ''
    expect(sidebar).not.toContain('节假日数据')
    expect(sidebar).toContain('2027-02-17')
  })
})

describe('关注名单 in Google Sheets', () => {
  it('第十五条、第十六条 the month close writes it; the sidebar and 看板 show the latest list', () => {
    const s = openSheets('Asia/Shanghai', new Date('2026-05-03T02:00:00Z'))
    menu(s, 'menuSetup')
    s.fake.sheet('人员').getRange(2, 1, 18, 7).setValues(rosterRows(18))
    s.fake
      .sheet('事件')
      .getRange(2, 1, 2, 6)
      .setValues([
        ['2026-03-10', '004', '有效投诉', 3, 'C-1', ''],
        ['2026-04-10', '004', '有效投诉', 3, 'C-2', ''],
      ])
    for (const m of [3, 4]) {
      menu(s, 'menuNewMonth', `2026-0${m}`)
      fillMonth(s, m)
      expect(menu(s, 'menuCloseMonth', `2026-0${m}`)).toMatch(/月度结算完成.*关注名单\d+条/)
    }
    const watch = s.fake.sheet('关注名单').values()
    expect(watch[0]).toEqual(['月份', '工号', '姓名', '条款', '还差', '说明'])
    const april = watch.slice(1).filter((r) => r[0] === '2026-04')
    const complaint = april.find((r) => r[1] === '004' && r[3] === '第十五条（二）')
    expect(String(complaint?.[5])).toMatch(/若2026-05再有1次有效投诉，将触发第十五条（二）/)
    // Closing April again writes the same sheet.
    const before = JSON.stringify(watch)
    menu(s, 'menuCloseMonth', '2026-04')
    expect(JSON.stringify(s.fake.sheet('关注名单').values())).toBe(before)
    menu(s, 'menuAlerts')
    const sidebar = s.fake.ui.sidebars.at(-1)?.getContent() ?? ''
    expect(sidebar).toContain('关注名单')
    expect(sidebar).toMatch(/第十五条（二）<\/b>　话务员4（004）还差1次/)
    const board = s.fake.sheet('看板').values().flat().map(String)
    expect(board.some((c) => c.startsWith('关注名单'))).toBe(true)
    expect(board).toContain('第十五条（二）')
  })
})
