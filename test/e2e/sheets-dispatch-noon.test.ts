/**
 * 第三条 派驻更换 and 第五条 消极怠工 in Google Sheets, end to end through dist/Code.js: 人员 and 值班 typed,
 * May 2026 prepared, typed and closed through the menu; then the 预警 sheet, the sidebar and the 个人成绩单.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { Stored } from '../support/fake-apps-script'
import { headerIndex, menu, openSheets, type SheetsSession } from './sheets-scenario'

const MAY = '2026-05 月度'
const ROSTER: Stored[][] = [
  ['001', '陈一', '', '带班班长', '2024-01-02', '', ''],
  ['002', '林二', '', '话务员', '2024-01-02', '', ''],
  ['003', '黄三', '', '话务员', '2024-01-02', '', ''],
  ['004', '吴四', '', '话务员', '2024-01-02', '', ''],
  // Day 364 (2025-05-01 → 2026-04-30), the same court's newcomer on 2026-05-06: listed at May's close.
  ['101', '何伟', '越秀区人民法院', '话务员', '2025-05-01', '2026-04-30', ''],
  ['102', '许丽', '越秀区人民法院', '话务员', '2026-05-06', '', ''],
  // Day 365 (2025-05-06 → 2026-05-06): the year is served.
  ['103', '郭峰', '海珠区人民法院', '话务员', '2025-05-06', '2026-05-06', ''],
  ['104', '罗敏', '海珠区人民法院', '话务员', '2026-05-07', '', ''],
  // An assessment reason in 备注.
  ['105', '梁军', '白云区人民法院', '话务员', '2025-06-01', '2026-05-10', '第十六条（二）市中院要求更换'],
  ['106', '宋佳', '白云区人民法院', '话务员', '2026-05-11', '', ''],
  // The newcomer comes from another court.
  ['107', '谢娜', '荔湾区人民法院', '话务员', '2025-06-01', '2026-05-12', ''],
  ['108', '韩冬', '花都区人民法院', '话务员', '2026-05-13', '', ''],
]
const NOON: Stored[][] = [
  ['2026-05-13', '001', '消极怠工'],
  ['2026-05-13', '002', '未提前下班未补休'],
  ['2026-05-14', '001', '计入补休'],
  ['2026-05-15', '001', '计入补休'],
]
const SLACK =
  '消极怠工，取消提前下班、补休资格，不加分（第五条：一经发现存在消极怠工情形的，一律取消提前下班、补休资格）'

let s: SheetsSession
let closed = ''

/** Types the assessed rows of May (those not marked 不参与). */
function fillMay(): void {
  const sheet = s.fake.sheet(MAY)
  const cols = headerIndex(sheet)
  const col = (h: string) => cols.get(h) ?? 0
  const notes = sheet.column('预警')
  sheet.column('工号').forEach((_, k) => {
    if (String(notes[k]).startsWith('不参与')) return
    const put = (h: string, v: Stored) => sheet.getRange(k + 2, col(h)).setValues([[v]])
    put('出勤天数', 20)
    put('接听电话数', 1500)
    put('文字咨询条数', 0)
    put('全勤', '是')
    put('领导评价', '9')
    put('满意率', '100%')
  })
}

beforeAll(() => {
  s = openSheets('Asia/Shanghai', new Date('2026-06-03T02:00:00Z'))
  menu(s, 'menuSetup')
  s.fake.sheet('人员').getRange(2, 1, ROSTER.length, 7).setValues(ROSTER)
  s.fake.sheet('值班').getRange(2, 1, NOON.length, 3).setValues(NOON)
  menu(s, 'menuNewMonth', '2026-05')
  fillMay()
  closed = menu(s, 'menuCloseMonth', '2026-05')
})

describe('Google Sheets: 第三条 派驻更换 and 第五条 消极怠工 (dist/Code.js in a bare vm)', () => {
  it('第五条 the 值班 结果 dropdown offers 消极怠工', () => {
    const rule = s.fake.sheet('值班').getRange(2, 3).getDataValidations()[0]?.[0]
    expect(rule?.getCriteriaValues()[0]).toEqual(['提前下班', '计入补休', '未提前下班未补休', '消极怠工'])
  })

  it('第五条 the close accepts 消极怠工; the slack duty earns no point and no 补休', () => {
    expect(closed).toMatch(/月度结算完成/)
    const sheet = s.fake.sheet(MAY)
    const ids = sheet.column('工号')
    expect(sheet.column('考勤得分')[ids.indexOf('001')]).toBe(10) // 8 + 全勤 2
    expect(sheet.column('考勤得分')[ids.indexOf('002')]).toBe(11) // 8 + 全勤 2 + 1
    const leave = s.fake.sheet('补休')
    const sources = leave.column('来源').map(String)
    expect(sources.filter((t) => t.includes('中午值班'))).toEqual([
      '2026-05 中午值班补休（2026-05-14、2026-05-15，第五条）',
    ])
  })

  it('第三条 预警 lists the one early replacement by the same court, naming both people and dates', () => {
    const alerts = s.fake.sheet('预警')
    const levels = alerts.column('级别')
    const rows = levels.flatMap((l, k) => (l === '派驻更换' ? [alerts.row(k + 2)] : []))
    expect(rows).toEqual([
      [
        '2026-05',
        '101',
        '何伟',
        '派驻更换',
        '第三条',
        '越秀区人民法院派驻话务员何伟（101）于2025-05-01派驻、2026-04-30离岗（未满1年，2026-05-01方满1年），' +
          '许丽（102）于2026-05-06到岗接替；备注未载明考核不达标等不适宜继续派驻的情形' +
          '（第三条：除因存在考核不达标等不适宜继续派驻的情形外，派驻话务员原则上1年内不得更换）',
      ],
    ])
    // 荔湾 sent nobody: that is a vacancy, not a replacement.
    const vacancies = alerts.column('工号').filter((_, k) => levels[k] === '派驻缺位')
    expect(vacancies).toEqual(['107'])
  })

  it('第三条 a repeated close gives the same 预警 and 补休 sheets', () => {
    const snap = () => ['预警', '补休'].map((n) => JSON.stringify(s.fake.sheet(n).values()))
    const before = snap()
    expect(menu(s, 'menuCloseMonth', '2026-05')).toMatch(/月度结算完成/)
    expect(snap()).toEqual(before)
  })

  it('第三条 the 预警一览 sidebar shows 派驻更换 like the vacancy reminder', () => {
    menu(s, 'menuAlerts')
    const html = s.fake.ui.sidebars[s.fake.ui.sidebars.length - 1]?.getContent() ?? ''
    expect(html).toMatch(/<li class="vacancy"><b>派驻更换<\/b>　何伟（101）<br>越秀区人民法院派驻话务员何伟/)
    expect(html).toContain('许丽（102）于2026-05-06到岗接替')
    expect(html).toMatch(/<li class="vacancy"><b>派驻缺位<\/b>　谢娜（107）/)
  })

  it('第五条 the 个人成绩单 sheet and page show the slack duty with 第五条', () => {
    menu(s, 'showStatement', '2026-05', '001')
    const rows = s.fake.sheet('个人成绩单').values()
    expect(rows.find((r) => r[0] === '2026-05-13')?.slice(0, 3)).toEqual(['2026-05-13', '消极怠工', SLACK])
    const page = s.fake.ui.dialogs[s.fake.ui.dialogs.length - 1]?.html.getContent() ?? ''
    expect(page).toContain(`<td data-k="effect">${SLACK}</td>`)
  })

  it('§11 no stack trace ever reached the user', () => {
    for (const a of s.fake.ui.alerts) expect(a.message).not.toMatch(/\n\s+at |Error:/)
    expect(s.logged).toEqual([])
  })
})
