/**
 * 公示 → 异议 → 评定 in Google Sheets, end to end through dist/Code.js (issue 15, SPEC §15, 第八条): six
 * operators, May published, an objection typed into 异议 blocks the close until it is settled; the corrected
 * calls move the objector from last to first; a late 更正 after the close reopens May through the menu with
 * the objection's row; the sidebar, 看板 and 个人成绩单 show the objections.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import {
  fillMonth,
  headerIndex,
  idOf,
  menu,
  openSheets,
  rosterRows,
  type SheetsSession,
} from './sheets-scenario'

const N = 6
const MAY = '2026-05'
const MAY_SHEET = `${MAY} 月度`

let s: SheetsSession

function column(sheetName: string, header: string): number {
  const c = headerIndex(s.fake.sheet(sheetName)).get(header)
  if (!c) throw new Error(`no column ${header} in ${sheetName}`)
  return c
}

function put(sheetName: string, row: number, header: string, value: string | number): void {
  s.fake
    .sheet(sheetName)
    .getRange(row, column(sheetName, header))
    .setValues([[value]])
}

function cellOfId(sheetName: string, id: string, header: string): unknown {
  const sheet = s.fake.sheet(sheetName)
  const row = sheet.column('工号').map(String).indexOf(id) + 2
  return sheet.getRange(row, column(sheetName, header)).getValues()[0]?.[0]
}

function logRows(): string[][] {
  return s.fake
    .sheet('日志')
    .values()
    .slice(1)
    .map((r) => r.map(String))
}

/** Types one objection row of 异议 (月份, 工号, 姓名, 提出日期, 事项, 内容). */
function typeObjection(row: number, id: string, raised: string, content: string): void {
  s.fake
    .sheet('异议')
    .getRange(row, 1, 1, 6)
    .setValues([[MAY, id, '', raised, '业务工作量', content]])
}

function settle(row: number, outcome: string, explanation: string, on: string): void {
  s.fake
    .sheet('异议')
    .getRange(row, 7, 1, 4)
    .setValues([[outcome, explanation, '话务员10', on]])
}

const messages: Record<string, string> = {}
let closedBeforeSettled = true
let board: unknown[][] = []

beforeAll(() => {
  s = openSheets('Asia/Shanghai', new Date('2026-06-08T02:00:00Z'))
  menu(s, 'menuSetup')
  s.fake.sheet('人员').getRange(2, 1, N, 7).setValues(rosterRows(N))
  menu(s, 'menuNewMonth', MAY)
  fillMonth(s, 5, N)
  messages.publish = menu(s, 'menuPublish', MAY)
  // 001 (the lowest total) objects: 200 calls are missing from the platform export.
  typeObjection(2, idOf(1), '2026-06-08', '平台导出漏计200通')
  messages.refused = menu(s, 'menuCloseMonth', MAY)
  closedBeforeSettled = logRows().some((r) => r[2] === '月度结算' && r[3] === MAY)
  menu(s, 'menuAlerts')
  menu(s, 'menuDashboard', MAY)
  board = s.fake.sheet('看板').values()
  put(MAY_SHEET, 2, '接听电话数', 20 * (75 + 1 + 5) + 200)
  settle(2, '更正', '核对平台数据，补计200通', '2026-06-09')
  messages.closed = menu(s, 'menuCloseMonth', MAY)
})

describe('Google Sheets: objections during 公示 (第八条, dist/Code.js)', () => {
  it('第八条 初始化 creates 异议 with dropdowns for 事项 and 处理结果', () => {
    const sheet = s.fake.sheet('异议')
    expect(sheet.row(1)).toEqual([
      '月份',
      '工号',
      '姓名',
      '提出日期',
      '事项',
      '内容',
      '处理结果',
      '处理说明',
      '处理人',
      '处理日期',
    ])
    const rule = (h: string) => sheet.getRange(2, column('异议', h)).getDataValidations()[0]?.[0]
    expect(rule('处理结果')?.getCriteriaValues()[0]).toEqual(['维持', '更正', '撤回'])
    expect(rule('事项')?.getCriteriaValues()[0]).toContain('业务工作量')
  })

  it('第八条 公示 says until when and to whom objections go', () => {
    expect(messages.publish).toMatch(/已生成2026年5月公示表/)
    const publish = s.fake.sheet('公示')
    const last = String(publish.values().at(-1)?.[0])
    expect(last).toMatch(/请于2026-06-10（考核得分评定截止日）前向带班班长提出/)
  })

  it('第八条 the close is refused while the objection is open, naming its row, 工号 and 姓名', () => {
    expect(messages.refused).toMatch(/“异议” G2：第2行 工号“001” 话务员1对2026-05公示的异议尚未处理/)
    expect(closedBeforeSettled).toBe(false)
  })

  it('第八条 the sidebar and 看板 show the open objection and the days left to the 终评 deadline', () => {
    const html = s.fake.ui.sidebars.at(-1)?.getContent() ?? ''
    expect(html).toMatch(/未处理的异议（第八条）/)
    expect(html).toMatch(/话务员1（001）业务工作量/)
    expect(html).toMatch(/须于 2026-06-10 评定截止前处理（还剩2天）/)
    const row = board.find((r) => r.includes('001') && r.includes('业务工作量'))
    expect(row).toEqual(expect.arrayContaining(['2026-05', 2, '2026-06-08', '2026-06-10', '还剩2天']))
  })

  it('第八条、第十一条 the 更正 changes the final score and the ranking: 001 from last to first', () => {
    expect(messages.closed).toMatch(/月度结算完成.*异议1件：更正1/)
    // 第七条（一）: (1620 + 200) / 20 = 91 calls a day → 35 + 16 = 51 points; A 10, L 9, S 10, Q 10.
    expect(cellOfId(MAY_SHEET, '001', '月度总分')).toBe(90)
    expect(cellOfId(MAY_SHEET, '001', '排名')).toBe(1)
    expect(cellOfId(MAY_SHEET, '006', '排名')).toBe(2)
    const closed = logRows().find((r) => r[2] === '月度结算' && r[3] === MAY)
    expect(closed?.[4]).toMatch(/异议1件：更正1$/)
  })

  it('第八条 a late 更正: reopened through the menu with the objection row, logged, corrected, closed', () => {
    // 002 objects after the close; the leader finds 400 calls missing and settles it as 更正.
    typeObjection(3, idOf(2), '2026-06-09', '平台导出漏计400通')
    settle(3, '更正', '补计400通', '2026-06-09')
    expect(menu(s, 'menuCloseMonth', MAY)).toMatch(/已结算，此后.*“异议”有改动.*重新开放/)
    s.fake.ui.alertAnswers.push('YES')
    expect(menu(s, 'menuReopen', `${MAY} 3`)).toMatch(/已重新开放.*因异议更正：“异议”第3行 002 话务员2/)
    const reopened = logRows().at(-1)
    expect(reopened?.slice(2, 5)).toEqual([
      '重新开放',
      MAY,
      '已解除保护，结果保留至再次结算；因异议更正：“异议”第3行 002 话务员2（业务工作量）',
    ])
    const row = s.fake.sheet(MAY_SHEET).column('工号').map(String).indexOf('002') + 2
    put(MAY_SHEET, row, '接听电话数', 20 * (75 + 2 + 5) + 400)
    expect(menu(s, 'menuCloseMonth', MAY)).toMatch(/月度结算完成.*异议2件：更正2/)
    // (1640 + 400) / 20 = 102 a day → 62 points: 002 first with 101.0, 001 second.
    expect(cellOfId(MAY_SHEET, '002', '月度总分')).toBe(101)
    expect(cellOfId(MAY_SHEET, '002', '排名')).toBe(1)
    expect(cellOfId(MAY_SHEET, '001', '排名')).toBe(2)
  })

  it('第八条 the 个人成绩单 lists the objection with its outcome and 处理说明, in the sheet and the page', () => {
    menu(s, 'showStatement', MAY, idOf(1))
    const grid = s.fake.sheet('个人成绩单').values()
    const title = grid.findIndex((r) => r[0] === '公示异议及处理结果（第八条）')
    expect(title).toBeGreaterThan(0)
    expect(grid[title + 2]).toEqual(
      expect.arrayContaining([MAY, 2, '业务工作量', '平台导出漏计200通', '更正', '核对平台数据，补计200通']),
    )
    const page = s.fake.ui.dialogs.at(-1)?.html.getContent() ?? ''
    expect(page).toMatch(/公示异议及处理结果（第八条）/)
    expect(page).toMatch(
      /<td data-k="outcome">更正<\/td><td data-k="explanation">核对平台数据，补计200通<\/td>/,
    )
  })

  it('§11 no stack trace reached the user', () => {
    for (const a of s.fake.ui.alerts) expect(a.message).not.toMatch(/\n\s+at |Error:/)
    expect(s.logged).toEqual([])
  })
})
