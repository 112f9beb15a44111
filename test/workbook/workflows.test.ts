import { describe, expect, it } from 'vitest'
import { parsePeriod } from '../../src/core/period'
import { RULE_DEFS } from '../../src/core/rules'
import { monthSheetName, quarterSheetName, SHEET, yearSheetName } from '../../src/workbook/layouts'
import { table } from '../../src/workbook/read'
import { periodState } from '../../src/workbook/state'
import { buildStatement } from '../../src/workbook/statement'
import {
  alerts,
  closePeriod,
  prepareMonth,
  publishMonth,
  reopenPeriod,
  setupWorkbook,
  validatePeriod,
} from '../../src/workbook/workflows'
import { MemoryWorkbook } from '../support/memory-workbook'
import { apply, fillMonth, newBook } from './fixture'

const APR = parsePeriod('2026-04')
const MAY = parsePeriod('2026-05')
const JUN = parsePeriod('2026-06')
const Q2 = parsePeriod('2026-Q2')
const APR_SHEET = monthSheetName('2026-04')

function closedQuarterBook(): MemoryWorkbook {
  const book = newBook()
  for (const p of [APR, MAY, JUN]) {
    fillMonth(book, `2026-0${p.kind === 'month' ? p.month : 0}`)
    apply(book, closePeriod(book, p))
  }
  return book
}

describe('初始化考核表', () => {
  it('第二条 setup creates every sheet and the default 规则 once, and is idempotent', () => {
    const book = new MemoryWorkbook()
    apply(book, setupWorkbook(book))
    expect(book.sheetNames()).toEqual(
      expect.arrayContaining([
        '规则',
        '人员',
        '借调',
        '事件',
        '值班',
        '节假日',
        '预警',
        '补休',
        '公示',
        '日志',
      ]),
    )
    const rules = book.records(SHEET.rules)
    expect(rules).toHaveLength(RULE_DEFS.length + 1)
    expect(rules[0]).toMatchObject({
      参数: '日均接听基准（通）',
      取值: 75,
      条款: '第七条（一）',
      键: 'workload.baseCalls',
    })
    expect(rules.at(-1)?.键).toBe('admin.editors')
    expect(rules.at(-1)?.参数).toBe('可编辑已结算表的管理员')
  })

  it('第二条 a second setup never overwrites data', () => {
    const book = newBook()
    const grid = book.sheets.get(SHEET.rules) ?? []
    const row = grid[1] ?? []
    row[1] = 80
    const before = book.snapshot()
    apply(book, setupWorkbook(book))
    expect(book.snapshot()).toEqual(before)
  })
})

describe('新建月度录入表', () => {
  it('第十四条 pre-fills the roster and lists a newcomer as 不参与 with blank inputs', () => {
    const book = newBook()
    apply(book, prepareMonth(book, '2026-04'))
    const rows = book.records(APR_SHEET)
    expect(rows.map((r) => r.工号)).toEqual(['A01', 'A02', 'A03', 'A04', 'A05', 'A06', 'A07', 'A08'])
    expect(rows[0]).toMatchObject({ 姓名: '张明', 带班班长: '是', 迟到早退次数: '', 预警: '' })
    expect(rows[7]?.预警).toBe('不参与：入职或派驻未满2个月，不参与月度考核')
    expect(rows[7]?.出勤天数).toBe('')
  })

  it('第十四条 refuses to overwrite a month sheet that has data', () => {
    const book = newBook()
    apply(book, prepareMonth(book, '2026-04'))
    const again = prepareMonth(book, '2026-04')
    expect(again.ok).toBe(false)
  })
})

describe('校验数据', () => {
  function problemsAfter(edit: (book: MemoryWorkbook) => void) {
    const book = newBook()
    fillMonth(book, '2026-04')
    edit(book)
    return validatePeriod(book, APR)
  }

  it('第七条 clean input has no problems', () => {
    expect(problemsAfter(() => {})).toEqual([])
  })

  it('第七条（一） a bad 出勤天数 names its cell', () => {
    const problems = problemsAfter((b) => b.setCell(APR_SHEET, 'A04', '出勤天数', 'abc'))
    expect(problems).toEqual([expect.objectContaining({ sheet: APR_SHEET, cell: 'C5' })])
    expect(problems[0]?.message).toContain('出勤天数')
  })

  it('第七条（二） a filled count that disagrees with 事件 records of that kind names both values', () => {
    const problems = problemsAfter((b) => {
      b.setRows(SHEET.events, [['2026-04-20', 'A04', '迟到', '', '', '']])
      b.setCell(APR_SHEET, 'A04', '迟到早退次数', 2)
      b.setCell(APR_SHEET, 'A04', '全勤', '否')
    })
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ sheet: APR_SHEET, cell: 'G5' })
    expect(problems[0]?.message).toMatch(/填写为2.*记录的1/)
  })

  it('§9 a typed count with no records of its kind stands (teams that keep counts by hand)', () => {
    const problems = problemsAfter((b) => {
      b.setCell(APR_SHEET, 'A04', '迟到早退次数', 2)
      b.setCell(APR_SHEET, 'A04', '全勤', '否')
      b.setCell(APR_SHEET, 'A04', '其他加班加分', 1)
    })
    expect(problems).toEqual([])
  })

  it('第七条（二） 全勤 with a late event from 事件 is a problem on the 全勤 cell', () => {
    const problems = problemsAfter((b) =>
      b.setRows(SHEET.events, [['2026-04-20', 'A04', '迟到', '', '', '']]),
    )
    expect(problems).toEqual([expect.objectContaining({ sheet: APR_SHEET, cell: 'I5' })])
  })

  it('第一条 unknown and duplicate 工号 are named on 事件, 人员 and the month sheet', () => {
    const problems = problemsAfter((b) => {
      b.setRows(SHEET.events, [['2026-04-15', 'Z99', '表扬', '', '', '']])
      const roster = b.sheets.get(SHEET.roster) ?? []
      roster.push(['A05', '陈静二', '', '话务员', '2025-02-03', '', ''])
      b.setCell(APR_SHEET, 'A07', '工号', 'X1')
    })
    const at = problems.map((p) => `${p.sheet}!${p.cell}`)
    expect(at).toContain('事件!B2')
    expect(at).toContain('人员!A10')
    expect(at).toContain(`${APR_SHEET}!A8`)
    // 周婷 (A07) is now missing from the month sheet.
    expect(problems.some((p) => p.message.includes('周婷（A07）'))).toBe(true)
  })

  it('第七条（四） a bad 规则 value and an out-of-range complaint deduction are listed', () => {
    const problems = problemsAfter((b) => {
      const rules = b.sheets.get(SHEET.rules) ?? []
      const row = rules[1] ?? []
      row[1] = 'abc'
      b.setRows(SHEET.events, [
        ['2026-04-15', 'A03', '表扬', '', '', ''],
        ['2026-04-16', 'A04', '有效投诉', 7, 'C1', ''],
      ])
    })
    const at = problems.map((p) => `${p.sheet}!${p.cell}`)
    expect(at).toContain('规则!B2')
    expect(at).toContain('事件!D3')
  })

  it('第七条 a close with bad input writes nothing', () => {
    const book = newBook()
    fillMonth(book, '2026-04')
    book.setCell(APR_SHEET, 'A04', '满意率', '')
    const before = book.snapshot()
    const outcome = closePeriod(book, APR)
    expect(outcome.ok).toBe(false)
    if (!outcome.ok) expect(outcome.problems[0]).toMatchObject({ cell: 'M5' })
    expect(book.snapshot()).toEqual(before)
  })
})

describe('月度结算', () => {
  it('第七条 writes the breakdown in place: 王芳 40.5 + 11 + 8.5 + 11.8 + 10 = 81.8', () => {
    const book = newBook()
    fillMonth(book, '2026-04')
    apply(book, closePeriod(book, APR))
    // W: (1600 + 30/3) / 20 = 80.5 a day → 35 + 5.5; A: 8 + 全勤 2 + one noon duty 1 (值班);
    // S: 10 − 2 × 0.1 + 表扬 2 (事件); Q: 10.
    expect(book.records(APR_SHEET)[2]).toMatchObject({
      工号: 'A03',
      中午值班加分次数: '',
      工作量得分: 40.5,
      考勤得分: 11,
      领导评价得分: 8.5,
      满意度得分: 11.8,
      质检得分: 10,
      月度总分: 81.8,
      排名: 3,
      每月之星: '是',
    })
    // 带班班长: 65 a day × 1.3 = 84.5 → 44.5.
    expect(book.cell(APR_SHEET, 'A01', '工作量得分')).toBe(44.5)
  })

  it('第十一条 ranks the eligible, stars the top three, and leaves 不参与 unranked', () => {
    const book = newBook()
    fillMonth(book, '2026-04')
    apply(book, closePeriod(book, APR))
    const rows = book.records(APR_SHEET)
    expect(rows.map((r) => r.排名)).toEqual([2, 1, 3, 4, 5, 6, 7, ''])
    expect(rows.map((r) => r.每月之星)).toEqual(['是', '是', '是', '', '', '', '', ''])
    expect(rows.map((r) => r.倒数前三)).toEqual(['', '', '', '', '是', '是', '是', ''])
    expect(rows[7]?.预警).toMatch(/^不参与：/)
    expect(book.highlights.get(APR_SHEET)?.slice(0, 3)).toEqual(['star', 'star', 'star'])
    expect(book.protections.get(APR_SHEET)).toBeDefined()
    expect(periodState(table(SHEET.log, book.sheets.get(SHEET.log)), APR)).toBe('closed')
  })

  it('第十一条、第五条 records 补休 for stars and noon duties, keeping 已休天数 on a re-close', () => {
    const book = newBook()
    fillMonth(book, '2026-04')
    apply(book, closePeriod(book, APR))
    const leave = book.records(SHEET.leave)
    expect(leave.map((r) => `${r.工号} ${r.天数} ${r.截止日期}`)).toEqual([
      'A01 1 2026-07-31',
      'A02 1 2026-07-31',
      'A03 1 2026-07-31',
      'A01 0.5 2026-04-30',
    ])
    book.setCell(SHEET.leave, 'A02', '已休天数', 1)
    apply(book, closePeriod(book, APR))
    expect(book.cell(SHEET.leave, 'A02', '已休天数')).toBe(1)
    expect(book.cell(SHEET.leave, 'A02', '状态')).toBe('已休完')
    expect(book.records(SHEET.leave)).toHaveLength(4)
  })

  it('第十五条、第十六条 closing twice gives identical sheets', () => {
    const book = newBook()
    fillMonth(book, '2026-04')
    apply(book, closePeriod(book, APR))
    const first = book.snapshot()
    apply(book, closePeriod(book, APR))
    expect(book.snapshot()).toEqual(first)
    const log = book.records(SHEET.log).filter((r) => r.操作 === '月度结算')
    expect(log).toHaveLength(2)
    expect(log[0]?.输入摘要).toBe(log[1]?.输入摘要)
    expect(log[0]).toMatchObject({ 操作: '月度结算', 期间: '2026-04', 操作人: 'leader@example.com' })
  })

  it('第十五条（一）、第十六条（一） bottom three two months running → 谈话提醒, three → 辞退或更换', () => {
    const book = closedQuarterBook()
    const may = monthSheetName('2026-05')
    expect(book.cell(may, 'A07', '预警')).toMatch(/^谈话提醒：第十五条（一）：连续2个月排名倒数前三/)
    expect(book.highlights.get(may)?.[6]).toBe('reminder')
    const jun = monthSheetName('2026-06')
    expect(book.cell(jun, 'A07', '预警')).toMatch(/^辞退或更换：第十六条（一）：连续3个月/)
    expect(book.highlights.get(jun)?.[6]).toBe('dismissal')
    const alerts = book.records(SHEET.alerts)
    expect(alerts.map((a) => a.月份)).toEqual([...alerts.map((a) => a.月份)].sort())
    expect(alerts.filter((a) => a.月份 === '2026-06' && a.工号 === 'A07').map((a) => a.级别)).toEqual([
      '辞退或更换', // the dismissal subsumes the reminder of the same clause
    ])
    // Re-closing May replaces May's rows only.
    const count = alerts.length
    apply(book, reopenPeriod(book, MAY))
    apply(book, closePeriod(book, MAY))
    expect(book.records(SHEET.alerts)).toHaveLength(count)
  })
})

describe('季度结算', () => {
  it('第九条 is refused while a month is open, naming it', () => {
    const book = newBook()
    fillMonth(book, '2026-04')
    apply(book, closePeriod(book, APR))
    fillMonth(book, '2026-05')
    const outcome = closePeriod(book, Q2)
    expect(outcome.ok).toBe(false)
    if (!outcome.ok) {
      expect(outcome.message).toContain('2026-05 月度')
      expect(outcome.message).toContain('2026-06 月度')
      expect(outcome.problems.map((p) => p.sheet)).toEqual(['2026-05 月度', '2026-06 月度'])
    }
  })

  it('第九条、第十二条、第十三条 mean of the frozen month totals, 服务之星 and tiers', () => {
    const book = closedQuarterBook()
    apply(book, closePeriod(book, Q2))
    const q = quarterSheetName(Q2)
    const rows = book.records(q)
    const a05 = rows.find((r) => r.工号 === 'A05')
    expect(a05).toMatchObject({ '2026-04': 70, '2026-05': 85, '2026-06': 70, 季度得分: 75 })
    const a03 = rows.find((r) => r.工号 === 'A03')
    expect(a03?.季度得分).toBeCloseTo((81.8 + 78.8 + 78.8) / 3, 10)
    const top = rows.find((r) => r.排名 === 1)
    expect(top).toMatchObject({ 工号: 'A02', 服务之星: '是', 建议档次: '优秀' })
    // 7 ranked: 优秀 ≤ 1, 良好 ≤ 2.
    expect(rows.filter((r) => r.建议档次 === '良好')).toHaveLength(2)
    const a08 = rows.find((r) => r.工号 === 'A08')
    expect(a08?.排名).toBe('')
    expect(a08?.备注).toMatch(/^不参与：入职或派驻未满3个月/)
    expect(rows.find((r) => r.工号 === 'A07')?.备注).toContain('辞退或更换')
  })

  it('第九条 a 规则 change after the months close does not move the quarter', () => {
    const book = closedQuarterBook()
    apply(book, closePeriod(book, Q2))
    const before = book.records(quarterSheetName(Q2))
    const rules = book.sheets.get(SHEET.rules) ?? []
    const row = rules.find((r) => r[0] === 'workload.basePoints') ?? []
    row[1] = 45
    expect(validatePeriod(book, Q2)).toEqual([])
    apply(book, closePeriod(book, Q2))
    expect(book.records(quarterSheetName(Q2))).toEqual(before)
  })

  it('第十三条 keeps the leader’s 最终档次 on a re-close', () => {
    const book = closedQuarterBook()
    apply(book, closePeriod(book, Q2))
    const q = quarterSheetName(Q2)
    book.setCell(q, 'A07', '最终档次', '基本称职')
    apply(book, closePeriod(book, Q2))
    expect(book.cell(q, 'A07', '最终档次')).toBe('基本称职')
  })
})

describe('重新开放', () => {
  it('第八条 reopen removes protection, keeps results, and a second close restores it', () => {
    const book = newBook()
    fillMonth(book, '2026-04')
    apply(book, closePeriod(book, APR))
    apply(book, reopenPeriod(book, APR))
    const log = () => table(SHEET.log, book.sheets.get(SHEET.log))
    expect(book.protections.has(APR_SHEET)).toBe(false)
    expect(periodState(log(), APR)).toBe('reopened')
    expect(book.cell(APR_SHEET, 'A03', '月度总分')).toBe(81.8)
    expect(closePeriod(book, Q2).ok).toBe(false)
    book.setCell(APR_SHEET, 'A03', '接听电话数', 1700)
    apply(book, closePeriod(book, APR))
    expect(book.cell(APR_SHEET, 'A03', '工作量得分')).toBe(45.5)
    expect(periodState(log(), APR)).toBe('closed')
    expect(book.protections.has(APR_SHEET)).toBe(true)
    expect(reopenPeriod(book, MAY).ok).toBe(false)
  })
})

describe('年度结算', () => {
  it('第十条 first close waits for the leader ratings, then ranks; 第十三条第二款 drafts the letter', () => {
    const book = closedQuarterBook()
    const y = yearSheetName(2026)
    apply(book, closePeriod(book, parsePeriod('2026')))
    const first = book.records(y)
    expect(first).toHaveLength(8)
    expect(first[0]).toMatchObject({
      工号: 'A01',
      '2026-04': 82,
      '2026-01': '',
      月度平均分: 82,
      年度得分: '',
      排名: '',
    })
    expect(first[0]?.基础得分).toBeCloseTo(73.8, 10)
    expect(first[0]?.备注).toContain('待分管庭领导录入领导评价')
    expect(book.protections.has(y)).toBe(false)

    for (const r of first) book.setCell(y, String(r.工号), '领导评价', r.工号 === 'A02' ? 9.5 : 8)
    book.setCell(y, 'A06', '领导评价', 11)
    const bad = validatePeriod(book, parsePeriod('2026'))
    expect(bad).toEqual([expect.objectContaining({ sheet: y, cell: 'R7' })])
    book.setCell(y, 'A06', '领导评价', 7.5)

    apply(book, closePeriod(book, parsePeriod('2026')))
    const a02 = book.records(y).find((r) => r.工号 === 'A02')
    expect(a02).toMatchObject({
      年度得分: 83.75,
      排名: 1,
      建议档次: '优秀',
      领导评价档次: '优秀',
      派驻单位: '番禺区人民法院',
    })
    const letters = book.records(SHEET.letters)
    expect(letters).toHaveLength(1)
    expect(letters[0]).toMatchObject({ 年度: '2026', 工号: 'A02', 派驻单位: '番禺区人民法院' })
    expect(String(letters[0]?.函件草稿)).toContain('第十三条第二款')
    expect(book.protections.has(y)).toBe(true)
    // SPEC §13: with 最终档次 blank the draft is 待定 and says 建议档次, never “经我院评定”.
    expect(String(letters[0]?.函件草稿)).toMatch(/^【待定：“最终档次”尚未填写/)
    expect(String(letters[0]?.函件草稿)).not.toContain('经我院评定')
    // The leader decides 优秀: the draft is final. Decides 良好: no letter.
    book.setCell(y, 'A02', '最终档次', '优秀')
    apply(book, closePeriod(book, parsePeriod('2026')))
    expect(String(book.records(SHEET.letters)[0]?.函件草稿)).toMatch(
      /^番禺区人民法院：\n.*经我院评定为年度考核“优秀”/s,
    )
    book.setCell(y, 'A02', '最终档次', '良好')
    apply(book, closePeriod(book, parsePeriod('2026')))
    expect(book.records(SHEET.letters)).toHaveLength(0)
  })

  it('第十条 is refused while a month sheet of the year is open', () => {
    const book = newBook()
    fillMonth(book, '2026-04')
    const outcome = closePeriod(book, parsePeriod('2026'))
    expect(outcome.ok).toBe(false)
  })
})

describe('生成公示表', () => {
  it('第八条 publishes the totals by rank with the 初评 deadline', () => {
    const book = newBook()
    fillMonth(book, '2026-04')
    apply(book, publishMonth(book, '2026-04'))
    const rows = book.records(SHEET.publish)
    expect(rows[0]).toMatchObject({ 工号: 'A02', 月度总分: 82.5, 排名: 1 })
    // 2026-05-05 is in the 劳动节 holiday: rolled to the third working day after it.
    expect(String(rows.at(-1)?.工号)).toMatch(/公示截止日：2026-05-\d\d/)
    expect(String(rows.at(-1)?.工号)).toContain('未结算')
  })
})

describe('批量读写', () => {
  it('第八条 every workflow reads the workbook once and writes each sheet once', () => {
    const book = closedQuarterBook()
    for (const [run, reads] of [
      [() => closePeriod(book, JUN), 1],
      [() => closePeriod(book, Q2), 1],
      // §11: the year close also asks for the year's month sheets 日志 never names (a second, small read).
      [() => closePeriod(book, parsePeriod('2026')), 2],
      [() => publishMonth(book, '2026-06'), 1],
      [() => setupWorkbook(book), 1],
    ] as const) {
      book.reads.length = 0
      const outcome = run()
      expect(book.reads).toHaveLength(reads)
      if (!outcome.ok) throw new Error(outcome.message)
      const sheets = outcome.plan.writes.map((w) => w.sheet)
      expect(new Set(sheets).size).toBe(sheets.length)
    }
  })

  it('第十六条 the sidebar lists the open 预警 rows and this month’s deadlines', () => {
    const book = closedQuarterBook()
    const view = alerts(book, '2026-07-03')
    expect(view.openAlerts.some((a) => a.id === 'A07' && a.level === '辞退或更换')).toBe(true)
    expect(view.deadlines.length).toBeGreaterThan(0)
  })
})

describe('规则 in notes and statements (§9: the values in force, never the defaults)', () => {
  it('第七条（一） a changed 带班班长工作量系数 is quoted by the month sheet note and the statement', () => {
    const book = newBook()
    const rules = book.sheets.get(SHEET.rules) ?? []
    rules.push(['workload.leaderFactor', 1.5, '2026-01-01', '', '第七条（一）'])
    rules.push(['leader.max', 9, '2026-01-01', '', '第七条（三）'])
    fillMonth(book, '2026-04')
    apply(book, closePeriod(book, APR))
    const notes = book.notes.get(APR_SHEET)
    expect(notes?.get('带班班长')).toContain('150%')
    expect(notes?.get('带班班长')).not.toContain('130%')
    expect(notes?.get('领导评价')).toContain('0-9分')
    const statement = buildStatement(book, APR, 'A01')
    const workload = statement.months[0]?.lines.find((l) => l.key === 'workload')
    expect(workload?.explanation).toContain('×1.5')
  })

  it('第七条（三） leader.max bounds the rating: 9.5 is refused when the maximum is 9', () => {
    const book = newBook()
    ;(book.sheets.get(SHEET.rules) ?? []).push(['leader.max', 9, '2026-01-01', '', '第七条（三）'])
    fillMonth(book, '2026-04')
    book.setCell(APR_SHEET, 'A02', '领导评价', 9.5)
    const problems = validatePeriod(book, APR)
    expect(problems).toEqual([expect.objectContaining({ sheet: APR_SHEET })])
    expect(problems[0]?.message).toMatch(/领导评价应为0到9之间/)
  })
})

describe('SPEC §9 规则: Chinese names in 参数, the code key in 键; either identifies the rule', () => {
  it('reads a rule by its Chinese name, by 键, and by a code key in 参数 (older books)', () => {
    for (const row of [
      ['日均接听基准（通）', 70, '', '', '', ''],
      ['', 70, '', '', '', 'workload.baseCalls'],
      ['workload.baseCalls', 70, '', '', ''],
    ]) {
      const book = newBook()
      const rules = book.sheets.get(SHEET.rules) ?? []
      const at = rules.findIndex((r) => r[5] === 'workload.baseCalls')
      rules.splice(at, 1)
      rules.push(row)
      fillMonth(book, '2026-04')
      apply(book, closePeriod(book, APR))
      // 第七条（一）: 1500 calls over 20 days = 75 a day; at a base of 70 that is 5 over, 35 + 5 = 40.
      expect(book.cell(APR_SHEET, 'A04', '工作量得分'), JSON.stringify(row)).toBe(40)
    }
  })

  it('an unknown name is a problem naming the cell; messages name rules in Chinese', () => {
    const book = newBook()
    fillMonth(book, '2026-04')
    const rules = book.sheets.get(SHEET.rules) ?? []
    rules.push(['日均接听基准', 70, '', '', '', ''])
    const row = rules.find((r) => r[5] === 'workload.leaderFactor')
    if (row) row[1] = '一点三'
    const problems = validatePeriod(book, APR).map((p) => `${p.cell} ${p.message}`)
    expect(problems).toContain(`A${rules.length} 未知参数：“日均接听基准”`)
    expect(problems.join()).toContain('参数“带班班长工作量系数”的取值应为数值')
  })
})
