import { describe, expect, it } from 'vitest'
import { MONTH_INPUT_HEADERS } from '../../src/core/fields'
import { importAttendanceExport, importPlatformExport } from '../../src/workbook/import'
import { MONTH_RESULT_HEADERS, monthSheetName, SHEET } from '../../src/workbook/layouts'
import { buildStatement } from '../../src/workbook/statement'
import type { Cell } from '../../src/workbook/types'
import { closePeriod, prepareMonth, validatePeriod } from '../../src/workbook/workflows'
import type { MemoryWorkbook } from '../support/memory-workbook'
import { apply, fillMonth, newBook } from './fixture'
import { MAY, type PlatformLine, platformExport } from './import-fixture'

const MONTH = '2026-05'
const SHEET_NAME = monthSheetName(MONTH)
const source = (grid: Cell[][], label = '坐席工作量统计.xlsx') => ({ label, sheet: label, grid })

function imported(book: MemoryWorkbook, grid: Cell[][], label?: string) {
  const outcome = importPlatformExport(book, MONTH, source(grid, label))
  apply(book, outcome)
  if (!outcome.ok) throw new Error('refused')
  return outcome.plan.message
}

/**
 * Types what the platform does not carry: 全勤 and 领导评价 for everyone assessed, and the inputs of 周婷
 * (A07), whom the export leaves out.
 */
function typeTheRest(book: MemoryWorkbook): void {
  book.setCell(SHEET_NAME, 'A07', '出勤天数', 20)
  book.setCell(SHEET_NAME, 'A07', '接听电话数', 1200)
  book.setCell(SHEET_NAME, 'A07', '满意率', 0.95)
  for (const rec of book.records(SHEET_NAME)) {
    if (String(rec.预警).startsWith('不参与')) continue
    book.setCell(SHEET_NAME, String(rec.工号), '全勤', '是')
    book.setCell(SHEET_NAME, String(rec.工号), '领导评价', 8)
  }
}

function logRows(book: MemoryWorkbook) {
  return book.records(SHEET.log).filter((r) => r.操作 === '导入')
}

describe('SPEC §14 导入: the platform export fills the month sheet', () => {
  it('creates the month sheet (as 新建月度录入表 does) and fills the import’s columns; unknown rows skipped, absentees listed', () => {
    const book = newBook()
    const message = imported(book, platformExport(MAY))
    expect(book.cell(SHEET_NAME, 'A02', '平台出勤天数')).toBe(21)
    expect(book.cell(SHEET_NAME, 'A02', '平台接听电话数')).toBe(1701)
    expect(book.cell(SHEET_NAME, 'A01', '平台文字咨询条数')).toBe(12)
    // No input cell is written: a blank one is read from the platform's column at the close.
    expect(book.cell(SHEET_NAME, 'A02', '出勤天数')).toBe('')
    expect(book.cell(SHEET_NAME, 'A02', '接听电话数')).toBe('')
    // 工号 'a03' and full-width 'Ａ０４' are A03 and A04; 刘洋 (no 工号) by his unique name.
    expect(book.cell(SHEET_NAME, 'A03', '平台接听电话数')).toBe(1600)
    expect(book.cell(SHEET_NAME, 'A04', '平台接听电话数')).toBe(1500)
    expect(book.cell(SHEET_NAME, 'A06', '平台接听电话数')).toBe(1400)
    // The counts are kept, after the result columns; 满意率 is their exact quotient.
    expect(book.cell(SHEET_NAME, 'A05', '满意数')).toBe(1188)
    expect(book.cell(SHEET_NAME, 'A05', '基本满意数')).toBe(36)
    expect(book.cell(SHEET_NAME, 'A05', '评价数')).toBe(1311)
    expect(book.cell(SHEET_NAME, 'A05', '平台满意率')).toBe(1224 / 1311)
    const header = book.sheets.get(SHEET_NAME)?.[0] ?? []
    expect(header).toEqual(prepareMonthHeader()) // the sheet 新建月度录入表 makes
    const standard = ['工号', '姓名', ...MONTH_INPUT_HEADERS, ...MONTH_RESULT_HEADERS]
    expect(header.slice(0, standard.length)).toEqual(standard) // no column of §9 moves
    // The import's columns sit side by side after the results: one run of cells.
    expect(header.slice(standard.length)).toEqual([
      '满意数',
      '基本满意数',
      '评价数',
      '通话总时长',
      '日均通话时长',
      '平台出勤天数',
      '平台接听电话数',
      '平台文字咨询条数',
      '平台满意率',
    ])
    // 第七条（三）reference: 40:00:00 over 20 days = 2:00:00 a day.
    expect(book.cell(SHEET_NAME, 'A05', '日均通话时长')).toBe('2:00:00')
    expect(book.cell(SHEET_NAME, 'A08', '平台接听电话数')).toBe('') // 孙磊 is not in the export (and not assessed)
    expect(message).toMatch(/读取7行，匹配6人（其中1人按姓名匹配），跳过1行/)
    expect(message).toMatch(/第10行 外包坐席（工号A99）：不在“2026-05 月度”表中/)
    expect(message).toMatch(/导出中没有以下当月参与考核人员，请手工填写：周婷（A07）/)
    expect(message).not.toMatch(/孙磊/)
    expect(message).toMatch(/已新建“2026-05 月度”/)
    expect(book.sheets.has('导入记录')).toBe(false) // the import's columns are its record
    const log = logRows(book)
    expect(log).toHaveLength(1)
    expect(log[0]?.期间).toBe(MONTH)
    expect(String(log[0]?.结果)).toMatch(/^坐席工作量统计\.xlsx：读取7行，匹配6人.*跳过1行/)
  })

  it('the close scores the platform’s values for inputs left blank; the statement says where they came from', () => {
    const book = newBook()
    imported(book, platformExport(MAY))
    typeTheRest(book)
    const typed = (id: string) => {
      const other = newBook()
      fillMonth(other, MONTH)
      const platform = MAY.find((l) => l.id === id)
      other.setCell(SHEET_NAME, id, '出勤天数', platform?.days ?? '')
      other.setCell(SHEET_NAME, id, '接听电话数', platform?.calls ?? '')
      other.setCell(SHEET_NAME, id, '文字咨询条数', platform?.texts ?? '')
      return other
    }
    apply(book, closePeriod(book, { kind: 'month', year: 2026, month: 5 }))
    // 李华's 工作量得分 is what the same numbers typed into the inputs give.
    const reference = typed('A02')
    apply(reference, closePeriod(reference, { kind: 'month', year: 2026, month: 5 }))
    expect(book.cell(SHEET_NAME, 'A02', '工作量得分')).toBe(reference.cell(SHEET_NAME, 'A02', '工作量得分'))
    expect(typeof book.cell(SHEET_NAME, 'A02', '工作量得分')).toBe('number')
    // What the close took for the blank inputs is on the sheet (and in its print), beside the results.
    expect(book.cell(SHEET_NAME, 'A02', '按记录统计')).toBe(
      '出勤天数 21（平台）；接听电话数 1701（平台）；文字咨询条数 0（平台）；满意率 (1500+20)/1525（平台）',
    )
    expect(book.cell(SHEET_NAME, 'A07', '按记录统计')).toBe('') // typed by hand, not in the export
    const s = buildStatement(book, { kind: 'month', year: 2026, month: 5 }, 'A02').months[0]
    const workload = s?.lines.find((l) => l.key === 'workload')
    expect(workload?.inputs.find((i) => i.label === '接听电话数')?.value).toBe('1701（平台导入）')
    expect(workload?.inputs.find((i) => i.label === '出勤天数')?.value).toBe('21（平台导入）')
  })

  it('第七条（四） the close scores 满意率 from the counts exactly, and the statement shows them', () => {
    const book = newBook()
    imported(book, platformExport(MAY))
    typeTheRest(book)
    // A rounded rate typed over the cell does not move the score: the counts decide.
    book.setCell(SHEET_NAME, 'A05', '满意率', 0.93)
    apply(book, closePeriod(book, { kind: 'month', year: 2026, month: 5 }))
    // 10 − (100 − 93.363844…)×0.1 = 9.336… → 9.3 (a 93% typed rate would give 9.3 too; 1224/1311 is 93.36%).
    expect(book.cell(SHEET_NAME, 'A05', '满意度得分')).toBe(9.3)
    // 王芳: (1400+30)/1430 = 100% → 10.
    expect(book.cell(SHEET_NAME, 'A03', '满意度得分')).toBe(10)
    const s = buildStatement(book, { kind: 'month', year: 2026, month: 5 }, 'A05').months[0]
    const satisfaction = s?.lines.find((l) => l.key === 'satisfaction')
    expect(satisfaction?.explanation).toMatch(/^满意率 = \(1188\+36\)\/1311≈93\.36/)
    expect(satisfaction?.inputs.map((i) => i.label)).toEqual(
      expect.arrayContaining(['满意数', '基本满意数', '评价数']),
    )
    // The exact quotient has no finite decimal: shown to two places, marked ≈ (not 93.(3638…)%).
    expect(satisfaction?.inputs.find((i) => i.label === '满意率')?.value).toBe('≈93.36%')
    const leader = s?.lines.find((l) => l.key === 'leader')
    expect(leader?.explanation).toBe('值班法官评分8→8.0（参考：日均通话时长2:00:00，不计分）')
    expect(leader?.score).toBe(8)
  })

  it('fills an existing month sheet; importing the same file twice changes nothing but the 日志', () => {
    const book = newBook()
    apply(book, prepareMonth(book, MONTH))
    imported(book, platformExport(MAY))
    const first = book.snapshot()
    const again = imported(book, platformExport(MAY))
    expect(book.snapshot()).toEqual(first)
    expect(again).toMatch(/平台数据与上次导入相同，月度表未作改动/)
    expect(logRows(book)).toHaveLength(2)
  })

  it('a corrected file replaces what the earlier import filled, never a value typed by hand', () => {
    const book = newBook()
    apply(book, prepareMonth(book, MONTH))
    book.setCell(SHEET_NAME, 'A07', '文字咨询条数', 9) // typed before any import; no export carries A07
    imported(book, platformExport(MAY), '五月.xlsx')
    book.setCell(SHEET_NAME, 'A04', '接听电话数', 1510) // corrected by hand after the import
    // The corrected export: no 在线咨询数 column, 李华's calls fixed, 赵强 left out, 张明's days blank.
    const corrected = MAY.filter((l) => l.name !== '赵强').map(
      (l): PlatformLine =>
        l.name === '李华' ? { ...l, calls: 1711 } : l.name === '张明' ? { ...l, days: '' } : l,
    )
    const message = imported(book, platformExport(corrected, { texts: false }), '五月（更正）.xlsx')
    expect(book.cell(SHEET_NAME, 'A02', '平台接听电话数')).toBe(1711)
    expect(book.cell(SHEET_NAME, 'A01', '平台文字咨询条数')).toBe('') // carried by the earlier file only
    expect(book.cell(SHEET_NAME, 'A01', '平台出勤天数')).toBe('') // the earlier import's 21, not carried now
    expect(book.cell(SHEET_NAME, 'A07', '文字咨询条数')).toBe(9) // typed: stays
    expect(book.cell(SHEET_NAME, 'A04', '接听电话数')).toBe(1510) // typed over the import: stays
    expect(book.cell(SHEET_NAME, 'A04', '平台接听电话数')).toBe('') // 赵强's platform values go with the earlier file
    expect(book.cell(SHEET_NAME, 'A04', '满意数')).toBe('')
    expect(message).toMatch(/1人本次文件中没有，其上次导入的平台数据已清空/)
    expect(logRows(book).map((r) => String(r.结果).split('：')[0])).toEqual([
      '五月.xlsx',
      '五月（更正）.xlsx',
    ])
  })

  it('a typed input always stands; where it differs from the platform, the message says so', () => {
    const book = newBook()
    apply(book, prepareMonth(book, MONTH))
    book.setCell(SHEET_NAME, 'A02', '出勤天数', 19.5)
    book.setCell(SHEET_NAME, 'A01', '出勤天数', 18)
    book.setCell(SHEET_NAME, 'A03', '接听电话数', 1600) // the platform's own number: nothing to say
    book.setCell(SHEET_NAME, 'A05', '满意率', 0.93) // with 评价数 exported, the counts decide (SPEC §14)
    const lines = MAY.map((l) => (l.name === '李华' ? { ...l, days: '' } : l))
    const message = imported(book, platformExport(lines))
    expect(book.cell(SHEET_NAME, 'A02', '出勤天数')).toBe(19.5)
    expect(book.cell(SHEET_NAME, 'A02', '平台出勤天数')).toBe('')
    expect(book.cell(SHEET_NAME, 'A01', '出勤天数')).toBe(18)
    expect(book.cell(SHEET_NAME, 'A01', '平台出勤天数')).toBe(21)
    expect(message).toMatch(
      /以下1处手工填写的数值与平台数据不同，按手工填写计分（如以平台数据为准，请清空该单元格）：张明（A01）的出勤天数填写为18，平台为21。/,
    )
    expect(message).toMatch(
      /其中1人的满意率另有手工填写，有评价数时不按填写的满意率计分：陈静（A05）填写为93\.00%。/,
    )
    typeTheRest(book)
    apply(book, closePeriod(book, { kind: 'month', year: 2026, month: 5 }))
    const s = buildStatement(book, { kind: 'month', year: 2026, month: 5 }, 'A01').months[0]
    const workload = s?.lines.find((l) => l.key === 'workload')
    expect(workload?.inputs.find((i) => i.label === '出勤天数')?.value).toBe('18')
    expect(workload?.inputs.find((i) => i.label === '接听电话数')?.value).toBe('1302（平台导入）')
  })

  it('导入设置 adds a column name of the platform', () => {
    const book = newBook()
    book.setRows('导入设置', [['话务量（人工）', '接听电话数', '']])
    const grid = platformExport(MAY).map((row, r) =>
      r === 2 ? row.map((h) => (h === '人工接听量' ? '话务量（人工）' : h)) : row,
    )
    imported(book, grid)
    expect(book.cell(SHEET_NAME, 'A02', '平台接听电话数')).toBe(1701)
  })

  it('导入设置 adds names; it never re-maps a built-in one', () => {
    const book = newBook()
    book.setRows('导入设置', [
      ['人工接听量', '文字咨询条数', ''], // a built-in name: stays 接听电话数
      ['话务量（人工）', '接听电话数', ''],
    ])
    imported(book, platformExport(MAY))
    expect(book.cell(SHEET_NAME, 'A02', '平台接听电话数')).toBe(1701)
    expect(book.cell(SHEET_NAME, 'A02', '平台文字咨询条数')).toBe(0)
  })

  it('a blank required input the platform could give says so, naming the menu item', () => {
    const book = newBook()
    apply(book, prepareMonth(book, MONTH))
    const problems = validatePeriod(book, { kind: 'month', year: 2026, month: 5 })
    const calls = problems.find((p) => p.message.startsWith('张明（A01）：接听电话数'))
    expect(calls?.message).toMatch(/不能为空.*；也可用“导入…”导入平台数据$/)
    const rating = problems.find((p) => p.message.startsWith('张明（A01）：领导评价'))
    expect(rating?.message).not.toMatch(/导入/) // 领导评价 is the duty judge's, never the platform's
  })

  it('a closed month is refused, nothing written', () => {
    const book = newBook()
    fillMonth(book, MONTH)
    apply(book, closePeriod(book, { kind: 'month', year: 2026, month: 5 }))
    const before = book.snapshot()
    const outcome = importPlatformExport(book, MONTH, source(platformExport(MAY)))
    expect(outcome.ok).toBe(false)
    if (!outcome.ok)
      expect(outcome.problems[0]?.message).toMatch(/已结算，不能导入；如需更正，请先“重新开放”该月/)
    expect(book.snapshot()).toEqual(before)
  })
})

describe('SPEC §14 bad exports fail clearly, nothing written', () => {
  const refusal = (grid: Cell[][]) => {
    const book = newBook()
    const before = book.snapshot()
    const outcome = importPlatformExport(book, MONTH, source(grid, '导出.xlsx'))
    expect(book.snapshot()).toEqual(before)
    if (outcome.ok) throw new Error('imported')
    return outcome.problems.map((p) => `${p.sheet} ${p.cell} ${p.message}`).join('\n')
  }

  it('no recognisable 工号 column: the headers found and the names accepted', () => {
    const grid = platformExport(MAY).map((row, r) =>
      r === 2 ? row.map((h) => (h === '坐席工号' ? '账号' : h)) : row,
    )
    const text = refusal(grid)
    expect(text).toMatch(/未找到“工号”列。表头为：序号、账号、坐席姓名/)
    expect(text).toMatch(/可识别的列名：工号、坐席工号、座席工号/)
  })

  it('two columns mapping to one field', () => {
    const grid = platformExport(MAY).map((row, r) =>
      r === 2 ? row.map((h) => (h === '在岗天数' ? '出勤天数' : h)) : row,
    )
    grid.forEach((row, r) => {
      row.push(r === 2 ? '在岗天数' : r > 2 ? 20 : '')
    })
    expect(refusal(grid)).toMatch(/“出勤天数”（G3）和“在岗天数”（M3）两列都对应“出勤天数”/)
  })

  it('a non-numeric count names the export sheet, row and column', () => {
    const grid = platformExport(MAY.map((l) => (l.name === '王芳' ? { ...l, calls: '一千六' } : l)))
    expect(refusal(grid)).toMatch(
      /^导出\.xlsx E6 第6行王芳（a03）：“人工接听量”应为不小于0的整数，实际为“一千六”/,
    )
  })

  it('an export of another month (title, or 统计月份 column)', () => {
    expect(refusal(platformExport(MAY, { title: '2026年4月坐席工作量统计' }))).toMatch(
      /导出表标题“2026年4月坐席工作量统计 导出时间：2026-06-01 09:00”是2026-04的数据，不是要导入的2026-05/,
    )
    const grid = platformExport(MAY, { title: '坐席工作量统计' })
    grid.forEach((row, r) => {
      row.push(r === 2 ? '统计月份' : r > 2 && r < grid.length - 1 ? (r === 4 ? '2026-04' : '2026-05') : '')
    })
    expect(refusal(grid)).toMatch(/第5行李华（A02）：“统计月份”为2026-04，不是要导入的2026-05/)
  })

  it('the same operator twice', () => {
    const grid = platformExport([...MAY, { ...(MAY[1] as PlatformLine), id: 'A02' }])
    expect(refusal(grid)).toMatch(/第5行和第11行都是李华（A02），同一人只能有一行/)
  })
})

describe('SPEC §14 导入考勤: attendance rows become 事件, marked with their source', () => {
  const attendance = (rows: Cell[][]): Cell[][] => [
    ['2026年5月考勤异常明细'],
    ['日期', '工号', '姓名', '部门', '考勤状态', '备注'],
    ...rows,
  ]
  const MAY_ATT: Cell[][] = [
    ['2026-05-06', 'A02', '李华', '热线', '迟到', ''],
    ['2026-05-07', 'A02', '李华', '热线', '正常', ''],
    ['2026/5/8', 'A04', '赵强', '热线', '旷工（一天）', ''],
    ['2026-05-11', '', '王芳', '热线', '早退', ''],
    ['2026-05-12', 'A03', '王芳', '热线', '请假', ''],
    ['2026-05-13', 'A05', '陈静', '热线', '擅自脱岗', ''],
    ['2026-05-14', 'A05', '陈静', '热线', '缺卡', ''],
    ['2026-05-15', 'X01', '访客', '热线', '迟到', ''],
  ]

  const run = (book: MemoryWorkbook, rows: Cell[][], label = '考勤5月.csv') => {
    const outcome = importAttendanceExport(book, { label, sheet: label, grid: attendance(rows) })
    apply(book, outcome)
    return outcome.ok ? outcome.plan.message : ''
  }
  const imported = (book: MemoryWorkbook) =>
    book.records(SHEET.events).filter((r) => String(r.说明).startsWith('考勤导入'))

  it('第七条（二） 迟到、早退、旷工（一天 = two half days）、擅自脱岗; unscored statuses counted', () => {
    const book = newBook()
    const message = run(book, MAY_ATT)
    expect(imported(book).map((r) => [r.日期, r.工号, r.类型, r.说明])).toEqual([
      ['2026-05-06', 'A02', '迟到', '考勤导入：考勤5月.csv'],
      ['2026-05-08', 'A04', '旷工半天', '考勤导入：考勤5月.csv'],
      ['2026-05-08', 'A04', '旷工半天', '考勤导入：考勤5月.csv'],
      ['2026-05-11', 'A03', '早退', '考勤导入：考勤5月.csv'],
      ['2026-05-13', 'A05', '擅自脱岗半天', '考勤导入：考勤5月.csv'],
    ])
    expect(message).toMatch(/读取8行，新增“事件”5条，跳过1行/)
    expect(message).toMatch(/不计分的考勤状态（未写入“事件”）：正常1行、请假1行/)
    expect(message).toMatch(/未识别的考勤状态（未写入，请人工核对）：缺卡1行/)
    expect(message).toMatch(/第10行 访客（工号X01）：不在“人员”表中/)
    // The close counts them: 李华 one lateness, no 全勤 conflict when 全勤 is 否.
    expect(book.records(SHEET.log).at(-1)?.操作).toBe('考勤导入')
  })

  it('re-importing the same or an overlapping file adds no duplicates', () => {
    const book = newBook()
    run(book, MAY_ATT)
    const once = book.snapshot()
    const message = run(book, MAY_ATT)
    expect(book.snapshot()).toEqual(once)
    expect(message).toMatch(/新增“事件”0条，已记录过的5条未重复添加/)
    run(book, [...MAY_ATT.slice(2), ['2026-05-20', 'A06', '刘洋', '热线', '迟到', '']], '考勤5月下旬.csv')
    expect(imported(book)).toHaveLength(6)
  })

  it('a new event in a closed month is refused, nothing written', () => {
    const book = newBook()
    fillMonth(book, MONTH)
    apply(book, closePeriod(book, { kind: 'month', year: 2026, month: 5 }))
    const before = book.snapshot()
    const outcome = importAttendanceExport(book, {
      label: 'a.csv',
      sheet: 'a.csv',
      grid: attendance(MAY_ATT),
    })
    expect(outcome.ok).toBe(false)
    if (!outcome.ok) expect(outcome.problems[0]?.message).toMatch(/属于已结算的2026年5月/)
    expect(book.snapshot()).toEqual(before)
  })
})

function prepareMonthHeader(): Cell[] {
  const book = newBook()
  apply(book, prepareMonth(book, MONTH))
  return book.sheets.get(SHEET_NAME)?.[0] ?? []
}
