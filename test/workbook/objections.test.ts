/**
 * 公示 → 异议 → 评定 (第八条, SPEC §15, issue 15): objections are recorded in 异议, a month close is refused
 * while one is open, the close's 日志 counts them by outcome, the statement and the sidebar list them, and a
 * closed month is reopened for a late 更正 naming the objection's row.
 */
import { describe, expect, it } from 'vitest'
import { type Period, parsePeriod } from '../../src/core/period'
import { monthSheetName, OBJECTIONS_LAYOUT, SHEET } from '../../src/workbook/layouts'
import { buildStatement } from '../../src/workbook/statement'
import type { Cell } from '../../src/workbook/types'
import {
  alerts,
  closePeriod,
  publishMonth,
  reopenPeriod,
  setupWorkbook,
  validatePeriod,
} from '../../src/workbook/workflows'
import { MemoryWorkbook } from '../support/memory-workbook'
import { apply, fillMonth, newBook } from './fixture'

const MAY = parsePeriod('2026-05')
const MAY_SHEET = monthSheetName('2026-05')

/** 月份, 工号, 姓名, 提出日期, 事项, 内容, 处理结果, 处理说明, 处理人, 处理日期. */
type ObjectionRow = [string, string, string, string, string, string, string, string, string, string]

function objection(id: string, outcome = '', overrides: Partial<Record<number, string>> = {}): ObjectionRow {
  const row: ObjectionRow = [
    '2026-05',
    id,
    '',
    '2026-06-03',
    '业务工作量',
    '接听电话数漏计',
    outcome,
    outcome ? '已核对平台数据' : '',
    outcome ? '张明' : '',
    outcome ? '2026-06-05' : '',
  ]
  for (const [i, v] of Object.entries(overrides)) if (v !== undefined) row[Number(i)] = v
  return row
}

/** The fixture team with May typed in and published (生成公示 in 日志). */
function publishedMay(): MemoryWorkbook {
  const book = newBook()
  fillMonth(book, '2026-05')
  apply(book, publishMonth(book, '2026-05'))
  return book
}

function logOutcomes(book: MemoryWorkbook, action: string): string[] {
  return book
    .records(SHEET.log)
    .filter((r) => r.操作 === action)
    .map((r) => String(r.结果))
}

function rankOf(book: MemoryWorkbook, id: string): Cell | undefined {
  return book.cell(MAY_SHEET, id, '排名')
}

function problemsOf(book: MemoryWorkbook, period: Period) {
  const outcome = closePeriod(book, period)
  if (outcome.ok) throw new Error('expected the close to be refused')
  return outcome.problems
}

describe('异议 sheet (SPEC §15)', () => {
  it('第八条 初始化考核表 creates 异议 with its columns and dropdowns, and is idempotent', () => {
    const book = new MemoryWorkbook()
    apply(book, setupWorkbook(book))
    expect(book.sheets.get(SHEET.objections)?.[0]).toEqual([
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
    const col = (h: string) => OBJECTIONS_LAYOUT.columns.find((c) => c.header === h)
    expect(col('处理结果')?.options).toEqual(['维持', '更正', '撤回'])
    expect(col('事项')?.options).toEqual([
      '业务工作量',
      '考勤加班',
      '领导评价',
      '满意度与投诉率',
      '质检结果',
      '排名',
      '其他',
    ])
    book.setRows(SHEET.objections, [objection('A04')])
    const before = book.snapshot()
    apply(book, setupWorkbook(book))
    expect(book.snapshot()).toEqual(before)
  })
})

describe('a month close and its objections (第八条)', () => {
  it('第八条 is refused while an objection has no 处理结果, naming its row, 工号 and 姓名', () => {
    const book = publishedMay()
    book.setRows(SHEET.objections, [objection('A02', '维持'), objection('A04')])
    const problems = problemsOf(book, MAY)
    expect(problems).toEqual([
      {
        sheet: '异议',
        cell: 'G3',
        message: expect.stringMatching(/^第3行 工号“A04” 赵强对2026-05公示的异议尚未处理/),
      },
    ])
    expect(validatePeriod(book, MAY)).toEqual(problems)
    expect(book.records(SHEET.log).some((r) => r.操作 === '月度结算')).toBe(false)
  })

  it('第八条 an objection for an unknown 工号, for a month without 公示 or with a bad 月份 is a problem at its cell', () => {
    const book = newBook()
    fillMonth(book, '2026-05') // not published
    book.setRows(SHEET.objections, [
      objection('A04', '维持'),
      objection('Z99', '撤回'),
      objection('A03', '维持', { 0: '五月' }),
      objection('A05', '维持', { 4: '心情' }),
      objection('A06', '更正', { 8: '', 9: '' }),
      objection('A01', '维持', { 0: '2026-04' }), // April's row: not this close's business
    ])
    const problems = problemsOf(book, MAY)
    const at = problems.map((p) => `${p.sheet}!${p.cell}`)
    expect(at).toEqual(
      expect.arrayContaining(['异议!A2', '异议!B3', '异议!A4', '异议!E5', '异议!I6', '异议!J6']),
    )
    expect(at.some((c) => c.endsWith('7'))).toBe(false)
    expect(problems.find((p) => p.cell === 'A2')?.message).toMatch(/2026-05尚无公示.*生成公示/)
    expect(problems.find((p) => p.cell === 'B3')?.message).toBe('工号“Z99”不在“人员”表中')
    expect(problems.find((p) => p.cell === 'A4')?.message).toMatch(/如 2026-05，实际为“五月”/)
  })

  it('第八条 the close logs the objections by outcome', () => {
    const book = publishedMay()
    book.setRows(SHEET.objections, [
      objection('A02', '维持'),
      objection('A04', '更正'),
      objection('A06', '撤回'),
      objection('A07', '维持', { 4: '排名' }),
    ])
    apply(book, closePeriod(book, MAY))
    const [closed] = logOutcomes(book, '月度结算')
    expect(closed).toMatch(/，异议4件：维持2、更正1、撤回1$/)
  })

  it('第八条 a month without objections logs as before', () => {
    const book = publishedMay()
    apply(book, closePeriod(book, MAY))
    expect(logOutcomes(book, '月度结算')[0]).not.toMatch(/异议/)
  })
})

describe('更正: a corrected input changes the final score and the ranking', () => {
  it('第八条、第十一条 an objection settled as 更正 before the close: the corrected calls move 赵强 from 5th to 1st', () => {
    const book = publishedMay()
    const published = book.records(SHEET.publish).find((r) => r.工号 === 'A04')
    expect(published).toMatchObject({ 月度总分: 72.5, 排名: 5 })
    book.setRows(SHEET.objections, [objection('A04')])
    expect(closePeriod(book, MAY).ok).toBe(false)
    // The leader checks the platform: 300 calls were missing. 1800 calls / 20 days = 90 a day → 50 points.
    book.setCell(MAY_SHEET, 'A04', '接听电话数', 1800)
    book.setRows(SHEET.objections, [objection('A04', '更正', { 7: '接听电话数漏计300通，已更正为1800' })])
    apply(book, closePeriod(book, MAY))
    expect(book.cell(MAY_SHEET, 'A04', '月度总分')).toBe(87.5)
    expect(rankOf(book, 'A04')).toBe(1)
    expect(rankOf(book, 'A05')).toBe(2)
    expect(book.cell(MAY_SHEET, 'A04', '每月之星')).toBe('是')
    const st = buildStatement(book, MAY, 'A04')
    expect(st.objections).toEqual([
      expect.objectContaining({
        month: '2026-05',
        row: 2,
        matter: '业务工作量',
        outcome: '更正',
        explanation: '接听电话数漏计300通，已更正为1800',
      }),
    ])
  })

  it('第八条 a late 更正 after the close: re-closing is refused until the month is reopened naming the row', () => {
    const book = publishedMay()
    apply(book, closePeriod(book, MAY))
    expect(rankOf(book, 'A04')).toBe(5)
    book.setRows(SHEET.objections, [
      objection('A02', '维持'),
      objection('A04', '更正', { 3: '2026-06-08', 9: '2026-06-09' }),
    ])
    // The month is closed: the objection rows are new input since the close.
    expect(problemsOf(book, MAY)[0]?.message).toMatch(/已结算，此后.*“异议”有改动/)
    // Reopening names an objection to this month settled as 更正.
    const wrong = [
      [2, /处理结果为“维持”/],
      [9, /第9行没有异议记录/],
    ] as const
    for (const [row, message] of wrong) {
      const r = reopenPeriod(book, MAY, { objectionRow: row })
      expect(r.ok, String(row)).toBe(false)
      if (!r.ok) expect(r.problems[0]?.message).toMatch(message)
    }
    const quarter = reopenPeriod(book, parsePeriod('2026-Q2'), { objectionRow: 3 })
    expect(quarter.ok).toBe(false)
    apply(book, reopenPeriod(book, MAY, { objectionRow: 3 }))
    expect(logOutcomes(book, '重新开放')).toEqual([
      '已解除保护，结果保留至再次结算；因异议更正：“异议”第3行 A04 赵强（业务工作量）',
    ])
    book.setCell(MAY_SHEET, 'A04', '接听电话数', 1800)
    apply(book, closePeriod(book, MAY))
    expect(book.cell(MAY_SHEET, 'A04', '月度总分')).toBe(87.5)
    expect(rankOf(book, 'A04')).toBe(1)
    expect(logOutcomes(book, '月度结算').at(-1)).toMatch(/异议2件：维持1、更正1$/)
  })
})

describe('where objections go, and what is still open', () => {
  it('第八条 公示 says until when (the 终评 deadline, 节假日 sheet included) and to whom', () => {
    const book = publishedMay()
    const footer = String(book.records(SHEET.publish).at(-1)?.工号)
    expect(footer).toMatch(/请于2026-06-10（考核得分评定截止日）前向带班班长提出/)
    expect(footer).toContain('“异议”表')
    // A 节假日 row making 10 June a rest day rolls the 终评 to the third working day after it.
    book.setRows(SHEET.holidays, [['2026-06-10', '休息日', '调休']])
    apply(book, publishMonth(book, '2026-05'))
    expect(String(book.records(SHEET.publish).at(-1)?.工号)).toMatch(/请于2026-06-15（考核得分评定截止日）前/)
  })

  it('第八条 the sidebar lists open objections with the days left to the 终评 deadline', () => {
    const book = publishedMay()
    book.setRows(SHEET.objections, [objection('A02', '维持'), objection('A04')])
    const view = alerts(book, '2026-06-08')
    expect(view.openObjections).toEqual([
      expect.objectContaining({
        month: '2026-05',
        row: 3,
        id: 'A04',
        name: '赵强',
        due: '2026-06-10',
        daysLeft: 2,
      }),
    ])
  })
})
