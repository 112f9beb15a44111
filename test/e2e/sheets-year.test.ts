/**
 * A year in Google Sheets, end to end through dist/Code.js: onOpen → 初始化 → 人员 → six months typed and
 * closed → 2026-Q1, 2026-Q2 → 2026 (领导评价 typed, closed again). Asserts scores, ranks, stars, tiers,
 * 预警 rows and colours, protections and 日志 rows against an independent model of the rules.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { HEADER_FILL, HIGHLIGHT_COLORS, RESULT_FILL, RESULT_HEADER_FILL } from '../../src/workbook/types'
import {
  ADMIN,
  bottom,
  DISPATCHED_OP,
  dateText,
  eligibleIn,
  expectedLevel,
  fillMonth,
  idOf,
  LATE_MONTH,
  LATE_OP,
  LEADER,
  LEADER_OP,
  listedIn,
  menu,
  monthScores,
  NEWCOMER_OP,
  nameOf,
  openSheets,
  ranks,
  rosterRows,
  type SheetsSession,
  TRICKY_NAME,
  total10,
} from './sheets-scenario'

const MONTHS = [1, 2, 3, 4, 5, 6]
const mk = (m: number) => `2026-${String(m).padStart(2, '0')}`
const monthSheet = (m: number) => `${mk(m)} 月度`

let s: SheetsSession
const closeMessages = new Map<number, string>()

beforeAll(() => {
  s = openSheets('Asia/Shanghai', new Date('2027-01-06T02:00:00Z')) // the year has ended (第十条)
  sheetMenu()
  menu(s, 'menuSetup')
  const rules = s.fake.sheet('规则')
  const keys = rules.column('键')
  const adminRow = keys.indexOf('admin.editors') + 2
  rules.getRange(adminRow, 2).setValues([[ADMIN]])
  s.fake.sheet('人员').getRange(2, 1, 18, 7).setValues(rosterRows(18))
  s.fake
    .sheet('事件')
    .getRange(2, 1, 1, 6)
    .setValues([['2026-03-10', idOf(LATE_OP), '迟到', '', '', '']])
  for (const m of MONTHS) {
    menu(s, 'menuNewMonth', mk(m))
    fillMonth(s, m)
    closeMessages.set(m, menu(s, 'menuCloseMonth', mk(m)))
  }
})

function sheetMenu() {
  sheetFunctionCall('onOpen')
}
function sheetFunctionCall(name: string) {
  const fn = s.ctx[name]
  if (typeof fn !== 'function') throw new Error(`no ${name}`)
  ;(fn as () => void)()
}

describe('Google Sheets: a year through the menu (dist/Code.js in a bare vm)', () => {
  it('§11 onOpen builds the 12368考核 menu with every item', () => {
    const built = s.fake.ui.menus[0]
    expect(built?.caption).toBe('12368考核')
    expect(built?.items.filter((i) => i.functionName).map((i) => i.caption)).toEqual([
      '初始化考核表',
      '新建月度录入表…',
      '导入…', // issue 14
      '导入考勤…',
      '校验数据',
      '月度结算…',
      '季度结算…',
      '年度结算…',
      '重新开放…',
      '生成公示表',
      '预警一览',
      '刷新看板…', // issue 7
      '个人成绩单…',
      '考核报告（可打印）…',
      '导入节假日安排…', // issue 16
      '帮助',
    ])
    for (const item of built?.items ?? [])
      if (item.functionName) expect(typeof s.ctx[item.functionName]).toBe('function')
  })

  it('§9 初始化 creates every sheet; text stays text (工号 with leading zeros, month keys)', () => {
    const names = s.fake.spreadsheet.sheets.map((x) => x.name)
    for (const n of ['规则', '人员', '借调', '事件', '值班', '节假日', '预警', '补休', '公示', '日志'])
      expect(names).toContain(n)
    expect(s.fake.sheet('人员').column('工号')[0]).toBe('001')
    expect(s.fake.sheet(monthSheet(1)).column('工号')[0]).toBe('001')
  })

  it.each(MONTHS)(
    '第七条、第十一条 month 2026-0%i: scores, ranks, stars and 倒数前三 as the rules say',
    (m) => {
      expect(closeMessages.get(m)).toMatch(/月度结算完成/)
      const sheet = s.fake.sheet(monthSheet(m))
      const ids = sheet.column('工号').map(String)
      const expectedIds = Array.from({ length: 18 }, (_, k) => k + 1)
        .filter((i) => listedIn(i, m))
        .map(idOf)
      expect(ids).toEqual(expectedIds)
      const scores = monthScores(m)
      const rank = ranks(scores)
      const low = bottom(scores)
      const totals = sheet.column('月度总分')
      const rankCol = sheet.column('排名')
      const stars = sheet.column('每月之星')
      const bottoms = sheet.column('倒数前三')
      const warnings = sheet.column('预警')
      ids.forEach((id, k) => {
        const i = Number(id)
        if (!eligibleIn(i, m)) {
          expect(totals[k]).toBe('')
          expect(String(warnings[k])).toMatch(/^不参与：/)
          return
        }
        expect(totals[k], `${id} total`).toBeCloseTo(total10(i, m) / 10, 9)
        expect(rankCol[k], `${id} rank`).toBe(rank.get(i))
        expect(stars[k] === '是', `${id} star`).toBe((rank.get(i) ?? 99) <= 3)
        expect(bottoms[k] === '是', `${id} bottom`).toBe(low.has(i))
      })
      expect(sheet.formulaCount()).toBe(0)
    },
  )

  it('第七条（二） the 迟到 in 事件 fills the blank count: 8 − 1 = 7 attendance points', () => {
    const sheet = s.fake.sheet(monthSheet(LATE_MONTH))
    const k = sheet.column('工号').indexOf(idOf(LATE_OP))
    expect(sheet.column('考勤得分')[k]).toBe(7)
    expect(sheet.column('迟到早退次数')[k]).toBe('') // inputs are never changed by a close
  })

  it('第十四条 the newcomer is 不参与 until two months have passed', () => {
    const feb = s.fake.sheet(monthSheet(2))
    const k = feb.column('工号').indexOf(idOf(NEWCOMER_OP))
    expect(String(feb.column('预警')[k])).toMatch(/不参与/)
    expect(feb.column('排名')[k]).toBe('')
    const apr = s.fake.sheet(monthSheet(4))
    expect(apr.column('排名')[apr.column('工号').indexOf(idOf(NEWCOMER_OP))]).toBe(2)
  })

  it.each(MONTHS)('第十五条、第十六条 month 2026-0%i: rows highlighted in place, 预警 rows listed', (m) => {
    const sheet = s.fake.sheet(monthSheet(m))
    const ids = sheet.column('工号').map(String)
    const scores = monthScores(m)
    const rank = ranks(scores)
    // The close fills the cells it writes (the result columns); the inputs keep their own format.
    const head = sheet.row(1).map(String)
    const fills = sheet.getRange(2, head.indexOf('月度总分') + 1, ids.length, 1).getBackgrounds()
    const inputFills = sheet.getRange(2, 1, ids.length, 1).getBackgrounds()
    for (const f of inputFills) expect(f[0]).toBe('#ffffff')
    const alerts = s.fake.sheet('预警').values().slice(1)
    ids.forEach((id, k) => {
      const i = Number(id)
      const level = eligibleIn(i, m) ? expectedLevel(i, m) : null
      const star = eligibleIn(i, m) && (rank.get(i) ?? 99) <= 3
      // SPEC §16: a result cell with no highlight keeps the light result fill (inputs stay white).
      const colour = level ? HIGHLIGHT_COLORS[level] : star ? HIGHLIGHT_COLORS.star : RESULT_FILL
      expect(fills[k]?.[0], `${id} fill`).toBe(colour)
      const mine = alerts.filter((r) => r[0] === mk(m) && r[1] === id)
      if (level === null) expect(mine, `${id} alerts`).toEqual([])
      else {
        const wanted = level === 'dismissal' ? '辞退或更换' : '谈话提醒'
        expect(
          mine.map((r) => r[3]),
          `${id} alerts`,
        ).toContain(wanted)
        expect(mine.map((r) => String(r[4])).join(), `${id} clause`).toMatch(/第十[五六]条（一）/)
        expect(String(sheet.column('预警')[k])).toMatch(/第十[五六]条（一）/)
      }
    })
    // Inputs are untouched by highlights and results: the calls typed are still there.
    expect(sheet.column('接听电话数')[0]).toBe(20 * (75 + 1 + m))
  })

  it('第十一条 每月之星 earn a day of 补休, due by the end of the third month after', () => {
    const leave = s.fake.sheet('补休')
    const rows = leave.values().slice(1)
    expect(rows).toHaveLength(18)
    const jan = rows.filter((r) => String(r[2]).startsWith('2026-01'))
    expect(jan.map((r) => r[0]).sort()).toEqual([idOf(LEADER_OP), idOf(16), idOf(17)].sort())
    expect(dateText(jan[0]?.[5] ?? '')).toBe('2026-04-30')
  })

  it('第八条 closed month sheets are protected: only the owner and the admins of 规则 may edit', () => {
    for (const m of MONTHS) {
      const sheet = s.fake.sheet(monthSheet(m))
      expect(sheet.protections).toHaveLength(1)
      expect([...(sheet.protections[0]?.editors ?? [])].sort()).toEqual([ADMIN, LEADER])
      expect(sheet.editableBy('clerk@court.example')).toBe(false)
      expect(() => sheet.type('C2', 21, 'clerk@court.example')).toThrow()
    }
  })

  it('第九条、第十二条、第十三条 quarters: mean of month totals, 服务之星 and proposed tiers', () => {
    expect(menu(s, 'menuCloseQuarter', '2026-Q1')).toMatch(/完成/)
    expect(menu(s, 'menuCloseQuarter', '2026-Q2')).toMatch(/完成/)
    for (const q of [1, 2]) {
      const sheet = s.fake.sheet(`2026-Q${q} 季度`)
      expect(sheet.row(1).slice(2, 5)).toEqual([1, 2, 3].map((k) => mk((q - 1) * 3 + k))) // headers stay text
      const months = [1, 2, 3].map((k) => (q - 1) * 3 + k)
      const ids = sheet.column('工号').map(String)
      const expected = new Map<number, number>()
      for (let i = 1; i <= 18; i++) {
        if (i === NEWCOMER_OP && q === 1) continue
        expected.set(i, months.reduce((a, m) => a + total10(i, m), 0) / 30)
      }
      const scoreCol = sheet.column('季度得分')
      const rankCol = sheet.column('排名')
      const tierCol = sheet.column('建议档次')
      const rank = ranks(expected)
      ids.forEach((id, k) => {
        const i = Number(id)
        const want = expected.get(i)
        if (want === undefined) {
          expect(rankCol[k]).toBe('')
          return
        }
        expect(scoreCol[k], id).toBeCloseTo(want, 9)
        expect(rankCol[k], id).toBe(rank.get(i))
        const r = rank.get(i) ?? 99
        const n = expected.size
        const tier =
          r <= Math.floor(n * 0.2) ? '优秀' : r <= Math.floor(n * 0.2) + Math.floor(n * 0.3) ? '良好' : '称职'
        expect(tierCol[k], id).toBe(tier)
      })
      expect(sheet.column('服务之星')[ids.indexOf(idOf(LEADER_OP))]).toBe('是')
      expect(sheet.protections).toHaveLength(1)
      // §11: the leader may still type 最终档次 and 备注 (unprotected ranges); nothing else.
      const clerk = 'clerk@court.example'
      const tierAt = headerCol(sheet.row(1), '最终档次')
      sheet.type(`${tierAt}2`, '优秀', clerk)
      sheet.type(`${headerCol(sheet.row(1), '备注')}3`, '经庭务会研究', clerk)
      expect(() => sheet.type(`${headerCol(sheet.row(1), '季度得分')}2`, 99, clerk)).toThrow()
      expect(sheet.column('最终档次')[0]).toBe('优秀')
    }
  })

  it('第十条、第十三条 the year: first close waits for 领导评价; typed ratings then close it', () => {
    expect(menu(s, 'menuCloseYear', '2026')).toMatch(/待领导评价/)
    const sheet = s.fake.sheet('2026 年度')
    expect(sheet.protections).toHaveLength(0)
    const ids = sheet.column('工号').map(String)
    const ratingCol = headerCol(sheet.row(1), '领导评价')
    ids.forEach((id, k) => {
      sheet.type(`${ratingCol}${k + 2}`, Number(id) === 1 ? '4.5' : '9')
    })
    expect(menu(s, 'menuCloseYear', '2026')).toMatch(/年度结算完成/)
    const scores = new Map<number, number>()
    for (let i = 1; i <= 18; i++) {
      const months = [1, 2, 3, 4, 5, 6].filter((m) => eligibleIn(i, m))
      const mean = months.reduce((a, m) => a + total10(i, m), 0) / 10 / months.length
      scores.set(i, 0.9 * mean + (i === 1 ? 4.5 : 9))
    }
    const rank = ranks(scores)
    const totals = sheet.column('年度得分')
    ids.forEach((id, k) => {
      const i = Number(id)
      expect(totals[k], id).toBeCloseTo(scores.get(i) ?? 0, 9)
      expect(sheet.column('排名')[k], id).toBe(rank.get(i))
      expect(sheet.column('领导评价档次')[k], id).toBe(i === 1 ? '不称职' : '优秀')
    })
    expect(sheet.column('建议档次').filter((t) => t === '优秀')).toHaveLength(3)
    expect(sheet.column('建议档次').filter((t) => t === '良好')).toHaveLength(5)
    expect(sheet.protections).toHaveLength(1)
    // §11: 领导评价, 最终档次 and 备注 stay editable in the closed year sheet.
    const clerk = 'clerk@court.example'
    sheet.type(`${ratingCol}3`, '9', clerk)
    sheet.type(`${headerCol(sheet.row(1), '最终档次')}3`, '优秀', clerk)
    expect(() => sheet.type(`${headerCol(sheet.row(1), '年度得分')}3`, 99, clerk)).toThrow()
    // 第十三条第二款: the dispatched operator rated 优秀 gets a draft letter to the home court.
    const letters = s.fake.sheet('年度发函').values().slice(1)
    expect(letters.map((r) => r[1])).toEqual([idOf(DISPATCHED_OP)])
    expect(String(letters[0]?.[5])).toMatch(/越秀区人民法院/)
  })

  it('§16 month sheets: result headers in their own colour; explaining text wraps; header row and 工号/姓名 frozen', () => {
    const sheet = s.fake.sheet(monthSheet(1))
    const head = sheet.row(1).map(String)
    const headerFills = sheet.getRange(1, 1, 1, head.length).getBackgrounds()[0] ?? []
    expect(headerFills[head.indexOf('接听电话数')]).toBe(HEADER_FILL)
    expect(headerFills[head.indexOf('月度总分')]).toBe(RESULT_HEADER_FILL)
    expect(sheet.wrapped.has(head.indexOf('预警') + 1)).toBe(true)
    const alerts = s.fake.sheet('预警')
    expect(alerts.wrapped.has(alerts.row(1).map(String).indexOf('原因') + 1)).toBe(true)
    expect(sheet.getFrozenRows()).toBe(1)
    expect(sheet.getFrozenColumns()).toBe(2)
  })

  it('§9 a formula-like name stays the text it is in every sheet', () => {
    for (const sheet of s.fake.spreadsheet.sheets) expect(sheet.formulaCount(), sheet.name).toBe(0)
    const jan = s.fake.sheet(monthSheet(1))
    expect(jan.column('姓名')[6]).toBe(TRICKY_NAME)
    expect(nameOf(7)).toBe(TRICKY_NAME)
  })

  it('§11 日志 has one row per change: six month sheets made and closed, two quarters, the year twice', () => {
    const log = s.fake.sheet('日志').values().slice(1)
    expect(log.map((r) => `${r[2]} ${r[3]}`)).toEqual([
      ...MONTHS.flatMap((m) => [`新建月度录入表 ${mk(m)}`, `月度结算 ${mk(m)}`]),
      '季度结算 2026-Q1',
      '季度结算 2026-Q2',
      '年度结算 2026',
      '年度结算 2026',
    ])
    for (const r of log) {
      expect(r[1]).toBe(LEADER)
      expect(String(r[0])).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)
      // Closes record the digest of their inputs; making a month sheet has none.
      if (r[2] !== '新建月度录入表') expect(String(r[5]).length).toBeGreaterThan(0)
    }
  })

  it('§11 running a month close twice gives identical sheets and no duplicate rows', () => {
    const snap = () =>
      ['2026-06 月度', '预警', '补休'].map(
        (n) => JSON.stringify(s.fake.sheet(n).values()) + s.fake.sheet(n).getLastRow(),
      )
    const before = snap()
    expect(menu(s, 'menuCloseMonth', '2026-06')).toMatch(/月度结算完成/)
    expect(snap()).toEqual(before)
  })

  it('§11 重新开放 asks first, removes the protection and is logged; a clerk may then edit', () => {
    s.fake.ui.alertAnswers.push('YES')
    expect(menu(s, 'menuReopen', '2026-06')).toMatch(/已重新开放/)
    const sheet = s.fake.sheet(monthSheet(6))
    expect(sheet.protections).toHaveLength(0)
    expect(sheet.editableBy('clerk@court.example')).toBe(true)
    const log = s.fake.sheet('日志').values()
    expect(log[log.length - 1]?.[2]).toBe('重新开放')
    expect(menu(s, 'menuCloseMonth', '2026-06')).toMatch(/月度结算完成/)
    expect(sheet.protections).toHaveLength(1)
  })

  it('§11 预警一览 opens an escaped Chinese sidebar; 帮助 explains the steps', () => {
    menu(s, 'menuAlerts')
    const sidebar = s.fake.ui.sidebars[s.fake.ui.sidebars.length - 1]
    expect(sidebar?.getTitle()).toBe('预警一览')
    expect(sidebar?.getContent()).toMatch(/预警/)
    expect(sidebar?.getContent()).not.toMatch(/<script/i)
    expect(menu(s, 'menuHelp')).toMatch(/月度结算/)
  })

  it('§11 no stack trace ever reached the user', () => {
    for (const a of s.fake.ui.alerts) expect(a.message).not.toMatch(/\n\s+at |Error:/)
    expect(s.logged).toEqual([]) // and nothing unexpected went to the execution log
  })
})

function headerCol(header: readonly unknown[], name: string): string {
  const c = header.indexOf(name) + 1
  let out = ''
  for (let k = c; k > 0; k = Math.floor((k - 1) / 26)) out = String.fromCharCode(65 + ((k - 1) % 26)) + out
  return out
}
