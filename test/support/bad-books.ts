/**
 * A corpus of bad workbooks for the hardening tests: a valid book ready for the May 2026 close, and
 * corruptions of it — hand-written ones with the problem each must produce (sheet, A1 cell, Chinese
 * reason), tolerated variations that must close exactly like the valid book, and fast-check arbitraries
 * that write any value into any cell (header row included) of any input sheet.
 */
import fc from 'fast-check'
import { columnLetter } from '../../src/core/problems'
import { monthLayout, monthSheetName, SHEET } from '../../src/workbook/layouts'
import type { Cell, Grid } from '../../src/workbook/types'
import { fillMonth, newBook } from '../workbook/fixture'
import type { MemoryWorkbook } from './memory-workbook'

export const MONTH = '2026-05'
export const MONTH_SHEET = monthSheetName(MONTH)

/** Row of each operator on the month sheet (prepareMonth lists the roster in order from row 2). */
export const ROW: Readonly<Record<string, number>> = {
  A01: 2,
  A02: 3,
  A03: 4,
  A04: 5,
  A05: 6,
  A06: 7,
  A07: 8,
  A08: 9,
}

/** May 2026 incidents: a praise, a complaint about one call through two channels, a late arrival. */
export const MAY_EVENTS: Cell[][] = [
  ['2026-05-12', 'A03', '表扬', '', '', '来电表扬'],
  ['2026-05-14', 'A04', '有效投诉', 3, 'C-0514-01', '12368 渠道'],
  ['2026-05-15', 'A04', '有效投诉', 4, 'C-0514-01', '信访渠道，同一通话'],
  ['2026-05-20', 'A05', '迟到', '', '', '迟到 10 分钟'],
]

/** May 2026 noon duties on working days, two people at most a day. */
export const MAY_NOON: Cell[][] = [
  ['2026-05-12', 'A01', '未提前下班未补休'],
  ['2026-05-12', 'A02', '计入补休'],
  ['2026-05-13', 'A02', '计入补休'],
]

/** The 1-based row where the first May row of 事件 / 值班 sits (after the fixture's April rows). */
export const FIRST_MAY_EVENT_ROW = 3
export const FIRST_MAY_NOON_ROW = 5

/** A set-up book with April's roster, events and noon duties, and May 2026 filled in: closes cleanly. */
export function validBook(): MemoryWorkbook {
  const book = newBook()
  appendRows(book, SHEET.events, MAY_EVENTS)
  appendRows(book, SHEET.noon, MAY_NOON)
  fillMonth(book, MONTH)
  // A05 was late once in May (事件), so not 全勤.
  book.setCell(MONTH_SHEET, 'A05', '全勤', '否')
  return book
}

/** Appends rows under a sheet's existing rows. */
export function appendRows(book: MemoryWorkbook, sheet: string, rows: readonly Cell[][]): void {
  const grid = book.sheets.get(sheet)
  if (!grid) throw new Error(`no sheet ${sheet}`)
  const width = grid[0]?.length ?? 0
  for (const r of rows) grid.push(Array.from({ length: Math.max(width, r.length) }, (_, i) => r[i] ?? ''))
}

/** Parses `D3` into 1-based row and column. */
export function parseA1(ref: string): { row: number; column: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(ref)
  if (!m) throw new Error(`bad A1 ${ref}`)
  let column = 0
  for (const ch of m[1] ?? '') column = column * 26 + (ch.charCodeAt(0) - 64)
  return { row: Number(m[2]), column }
}

/** Writes `value` at an A1 cell of a sheet, growing the grid as needed (a user typing anywhere). */
export function put(book: MemoryWorkbook, sheet: string, ref: string, value: Cell): void {
  const grid = book.sheets.get(sheet)
  if (!grid) throw new Error(`no sheet ${sheet}`)
  const { row, column } = parseA1(ref)
  const width = Math.max(grid[0]?.length ?? 0, column)
  while (grid.length < row) grid.push([])
  for (const line of grid) while (line.length < width) line.push('')
  const line = grid[row - 1]
  if (line) line[column - 1] = value
}

/** The A1 cell of `header` in row `row` of a sheet. */
export function ref(book: MemoryWorkbook, sheet: string, header: string, row: number): string {
  const head = book.sheets.get(sheet)?.[0] ?? []
  const i = head.indexOf(header)
  if (i < 0) throw new Error(`no header ${header} on ${sheet}`)
  return `${columnLetter(i + 1)}${row}`
}

/** Inserts a column before 0-based `at` in every row of a sheet. */
export function insertColumn(book: MemoryWorkbook, sheet: string, at: number, header: string, fill: Cell) {
  const grid = book.sheets.get(sheet)
  if (!grid) throw new Error(`no sheet ${sheet}`)
  grid.forEach((line, r) => {
    line.splice(at, 0, r === 0 ? header : fill)
  })
}

/** What a corruption must produce: a problem on this sheet and cell whose reason matches. */
export interface Expected {
  readonly sheet: string
  readonly cell: string
  readonly message: RegExp
}

export interface Corruption {
  /** Test title, naming the article or section it serves. */
  readonly title: string
  /** Period to close (default the May month). */
  readonly period?: string
  /** The clock of the book (default the memory book's 2026-07-03). */
  readonly clock?: string
  corrupt(book: MemoryWorkbook): void
  readonly expect: readonly Expected[]
}

const M = MONTH_SHEET
const MONTH_HEADERS = monthLayout(MONTH).columns.map((c) => c.header)

/** The A1 cell of `header` in operator `id`'s row of the valid May sheet. */
export function cellOf(header: string, id: string): string {
  const i = MONTH_HEADERS.indexOf(header)
  if (i < 0) throw new Error(`no header ${header}`)
  return `${columnLetter(i + 1)}${ROW[id] ?? 0}`
}

function monthCell(header: string, id: string, value: Cell, message: RegExp, title: string): Corruption {
  return {
    title,
    corrupt: (book) => book.setCell(M, id, header, value),
    expect: [{ sheet: M, cell: cellOf(header, id), message }],
  }
}

/** Hand-written corruptions, each with the problem it must produce (others may come with it). */
export function corruptions(): Corruption[] {
  const dateCell = (id: string) => `E${ROW[id] ?? 0}` // 人员!E = 入职或派驻日期
  return [
    // ---------------------------------------------------------------- month sheet numbers (第七条)
    monthCell(
      '接听电话数',
      'A02',
      '很多',
      /接听电话数应为不小于0的整数.*很多/,
      '第七条（一）text in 接听电话数',
    ),
    monthCell('接听电话数', 'A02', -120, /接听电话数应为不小于0的整数/, '第七条（一）negative 接听电话数'),
    monthCell(
      '接听电话数',
      'A02',
      1600.5,
      /接听电话数应为不小于0的整数/,
      '第七条（一）fractional 接听电话数',
    ),
    monthCell(
      '文字咨询条数',
      'A02',
      '3条',
      /文字咨询条数应为不小于0的整数/,
      '第七条（一）text with a unit in 文字咨询条数',
    ),
    monthCell('出勤天数', 'A02', 0, /出勤天数应为大于0且不超过31的天数/, '第七条（一）出勤天数 zero'),
    monthCell('出勤天数', 'A02', 32, /出勤天数应为大于0且不超过31的天数/, '第七条（一）出勤天数 over 31'),
    monthCell(
      '出勤天数',
      'A02',
      20.3,
      /出勤天数应为大于0且不超过31的天数/,
      '第七条（一）出勤天数 not in half days',
    ),
    monthCell('出勤天数', 'A02', '', /出勤天数不能为空/, '第七条（一）出勤天数 blank'),
    monthCell('领导评价', 'A02', 11, /领导评价应为0到10之间/, '第七条（三）rating above 10'),
    monthCell('领导评价', 'A02', -1, /领导评价应为0到10之间/, '第七条（三）negative rating'),
    monthCell(
      '领导评价',
      'A02',
      8.55,
      /领导评价应为0到10之间、最多一位小数/,
      '第七条（三）rating with two decimals',
    ),
    monthCell('领导评价', 'A02', '优', /领导评价应为0到10之间/, '第七条（三）rating as a word'),
    monthCell('满意率', 'A02', 120, /满意率应为0到100%之间的比率/, '第七条（四）rate above 100'),
    monthCell('满意率', 'A02', -0.5, /满意率应为0到100%之间的比率/, '第七条（四）negative rate'),
    monthCell('满意率', 'A02', '101%', /满意率应为0到100%之间的比率/, '第七条（四）rate 101%'),
    monthCell('满意率', 'A02', '', /满意率不能为空/, '第七条（四）rate blank'),
    monthCell('全勤', 'A02', '可能', /全勤应为“是”或“否”/, '第七条（二）全勤 neither yes nor no'),
    monthCell('带班班长', 'A02', 2, /带班班长应为“是”或“否”/, '第七条（一）带班班长 as 2'),
    monthCell('质检扣分', 'A02', -2, /质检扣分不能小于0/, '第七条（五）negative 质检扣分'),
    monthCell(
      '有效投诉扣分',
      'A04',
      5,
      /有效投诉扣分填写为5，与“事件”表当月记录的4不一致/,
      '§9 有效投诉扣分 disagreeing with 事件',
    ),
    monthCell('迟到早退次数', 'A02', 1.5, /迟到早退次数/, '第七条（二）fractional 迟到早退次数'),
    {
      title: '第七条（二）全勤 with a late arrival recorded in 事件',
      corrupt: (book) => book.setCell(M, 'A05', '全勤', '是'),
      expect: [{ sheet: M, cell: cellOf('全勤', 'A05'), message: /全勤与迟到早退（1次）/ }],
    },
    {
      title: '第七条（二）全勤 with lateness typed in the month sheet',
      corrupt: (book) => book.setCell(M, 'A02', '迟到早退次数', 2),
      expect: [
        // §9: with no 迟到/早退 rows in 事件 the typed count stands; only 全勤 conflicts with it.
        { sheet: M, cell: cellOf('全勤', 'A02'), message: /全勤与迟到早退（2次）.*不能同时存在/ },
      ],
    },
    // ---------------------------------------------------------------- month sheet rows (§9)
    {
      title: '§9 duplicate 工号 on the month sheet',
      corrupt: (book) => put(book, M, `A${ROW.A03}`, 'A02'),
      expect: [{ sheet: M, cell: `A${ROW.A03}`, message: /工号“A02”与第3行重复/ }],
    },
    {
      title: '第十四条 a month row whose 工号 is not in 人员',
      corrupt: (book) => put(book, M, `A${ROW.A02}`, 'Z99'),
      expect: [
        { sheet: M, cell: `A${ROW.A02}`, message: /工号“Z99”不在“人员”表中/ },
        { sheet: M, cell: 'A10', message: /李华（A02）当月参与考核，但未列入本表/ },
      ],
    },
    {
      title: '§9 a month row with a blank 工号',
      corrupt: (book) => put(book, M, `A${ROW.A02}`, ''),
      expect: [{ sheet: M, cell: `A${ROW.A02}`, message: /工号不能为空/ }],
    },
    {
      title: '§9 a renamed header on the month sheet (满意率 → 满意度)',
      corrupt: (book) => put(book, M, cellOf('满意率', 'A02').replace(/\d+$/, '1'), '满意度'),
      expect: [{ sheet: M, cell: 'A1', message: /表头缺少列：满意率/ }],
    },
    {
      title: '§9 a missing header on the month sheet (领导评价 cleared)',
      corrupt: (book) => put(book, M, cellOf('领导评价', 'A02').replace(/\d+$/, '1'), ''),
      expect: [{ sheet: M, cell: 'A1', message: /表头缺少列：领导评价/ }],
    },
    {
      title: '§11 the month sheet is missing',
      corrupt: (book) => {
        book.sheets.delete(M)
      },
      expect: [{ sheet: M, cell: 'A1', message: /缺少“2026-05 月度”表/ }],
    },
    {
      title: '第八条 closing a month that has not ended: 月份尚未结束',
      clock: '2026-05-31 18:00:00',
      corrupt: () => undefined,
      expect: [{ sheet: M, cell: 'A1', message: /月份尚未结束.*2026-05-31.*2026-06-01及以后/ }],
    },
    {
      title: '第八条 closing a future month: 月份尚未结束',
      period: '2027-08',
      corrupt: (book) => fillMonth(book, '2027-08'),
      expect: [{ sheet: monthSheetName('2027-08'), cell: 'A1', message: /月份尚未结束/ }],
    },
    // ---------------------------------------------------------------- 人员 (第十四条)
    {
      title: '第十四条 duplicate 工号 in 人员',
      corrupt: (book) => put(book, SHEET.roster, 'A9', 'A07'),
      expect: [{ sheet: SHEET.roster, cell: 'A9', message: /工号“A07”与第8行重复/ }],
    },
    ...(
      [
        ['02/01/2024', /入职或派驻日期应为日期（如 2026-05-01），实际为“02\/01\/2024”/],
        ['2024-02-30', /入职或派驻日期不是存在的日期/],
        ['2024-13-01', /入职或派驻日期不是存在的日期/],
        ['去年', /入职或派驻日期应为日期/],
        [45293, /入职或派驻日期应为日期.*45293.*请把单元格格式改为日期/],
        ['', /入职或派驻日期不能为空/],
      ] as const
    ).map(
      ([value, message]): Corruption => ({
        title: `第十四条 入职或派驻日期 ${JSON.stringify(value)} is not a date`,
        corrupt: (book) => put(book, SHEET.roster, dateCell('A02'), value),
        expect: [{ sheet: SHEET.roster, cell: dateCell('A02'), message }],
      }),
    ),
    {
      title: '第十四条 离岗日期 before 入职日期',
      corrupt: (book) => put(book, SHEET.roster, 'F3', '2020-01-01'),
      expect: [
        { sheet: SHEET.roster, cell: 'F3', message: /离岗日期2020-01-01早于入职或派驻日期2024-03-01/ },
      ],
    },
    {
      title: '第二条 岗位 not in the list',
      corrupt: (book) => put(book, SHEET.roster, 'D3', '组长'),
      expect: [{ sheet: SHEET.roster, cell: 'D3', message: /岗位应为“话务员”或“带班班长”，实际为“组长”/ }],
    },
    {
      title: '第十四条 the 人员 sheet is missing',
      corrupt: (book) => {
        book.sheets.delete(SHEET.roster)
      },
      expect: [{ sheet: SHEET.roster, cell: 'A1', message: /缺少“人员”表/ }],
    },
    {
      title: '第十四条 the 工号 header of 人员 renamed to 编号',
      corrupt: (book) => put(book, SHEET.roster, 'A1', '编号'),
      expect: [{ sheet: SHEET.roster, cell: 'A1', message: /表头缺少列：工号/ }],
    },
    // ---------------------------------------------------------------- 事件 (§9)
    {
      title: '第十五条 an event for an operator who is not in 人员',
      corrupt: (book) => appendRows(book, SHEET.events, [['2026-05-21', 'Z99', '迟到', '', '', '']]),
      expect: [{ sheet: SHEET.events, cell: 'B7', message: /工号“Z99”不在“人员”表中/ }],
    },
    {
      title: '第十五条 an event with an unknown type',
      corrupt: (book) => put(book, SHEET.events, `C${FIRST_MAY_EVENT_ROW}`, '睡觉'),
      expect: [
        { sheet: SHEET.events, cell: `C${FIRST_MAY_EVENT_ROW}`, message: /类型应为.*之一，实际为“睡觉”/ },
      ],
    },
    {
      title: '第七条（四）a complaint deduction of 7 (allowed 3–5)',
      corrupt: (book) => put(book, SHEET.events, `D${FIRST_MAY_EVENT_ROW + 1}`, 7),
      expect: [{ sheet: SHEET.events, cell: `D${FIRST_MAY_EVENT_ROW + 1}`, message: /每次扣3–5分/ }],
    },
    {
      title: '第七条（四）a negative complaint deduction',
      corrupt: (book) => put(book, SHEET.events, `D${FIRST_MAY_EVENT_ROW + 1}`, -3),
      expect: [{ sheet: SHEET.events, cell: `D${FIRST_MAY_EVENT_ROW + 1}`, message: /扣加分不能小于0/ }],
    },
    {
      title: '第七条（二）an event date written as 20/05/2026',
      corrupt: (book) => put(book, SHEET.events, `A${FIRST_MAY_EVENT_ROW + 3}`, '20/05/2026'),
      expect: [{ sheet: SHEET.events, cell: `A${FIRST_MAY_EVENT_ROW + 3}`, message: /日期应为日期/ }],
    },
    // ---------------------------------------------------------------- 值班 (第五条)
    {
      title: '第五条 three people on one noon duty',
      corrupt: (book) => appendRows(book, SHEET.noon, [['2026-05-12', 'A03', '计入补休']]),
      expect: [{ sheet: SHEET.noon, cell: 'A8', message: /2026-05-12中午值班超过2人/ }],
    },
    {
      title: '第五条 a noon duty on a Sunday',
      corrupt: (book) => appendRows(book, SHEET.noon, [['2026-05-17', 'A03', '计入补休']]),
      expect: [{ sheet: SHEET.noon, cell: 'A8', message: /不是工作日/ }],
    },
    {
      title: '第五条 a noon duty with an unknown outcome',
      corrupt: (book) => put(book, SHEET.noon, `C${FIRST_MAY_NOON_ROW}`, '睡午觉'),
      expect: [{ sheet: SHEET.noon, cell: `C${FIRST_MAY_NOON_ROW}`, message: /结果应为.*实际为“睡午觉”/ }],
    },
    {
      title: '第五条 a noon duty for an unknown 工号',
      corrupt: (book) => put(book, SHEET.noon, `B${FIRST_MAY_NOON_ROW}`, 'Z99'),
      expect: [{ sheet: SHEET.noon, cell: `B${FIRST_MAY_NOON_ROW}`, message: /工号“Z99”不在“人员”表中/ }],
    },
    // ---------------------------------------------------------------- 规则 and 借调
    {
      title: '§2 an unknown rule key in 规则',
      corrupt: (book) => appendRows(book, SHEET.rules, [['workload.bonus', 5, '', '', '']]),
      expect: [{ sheet: SHEET.rules, cell: `A${rulesRows() + 2}`, message: /未知参数：“workload.bonus”/ }],
    },
    {
      title: '§2 a rule value that is text',
      corrupt: (book) => put(book, SHEET.rules, 'B2', '七十五'),
      expect: [{ sheet: SHEET.rules, cell: 'B2', message: /取值应为数值，实际为“七十五”/ }],
    },
    {
      title: '第十七条 a secondment ending before it starts',
      corrupt: (book) => appendRows(book, SHEET.secondments, [['A02', '2026-05-20', '2026-05-01', '']]),
      expect: [{ sheet: SHEET.secondments, cell: 'C2', message: /结束日期2026-05-01早于开始日期2026-05-20/ }],
    },
  ]
}

function rulesRows(): number {
  return (validBook().sheets.get(SHEET.rules)?.length ?? 1) - 1
}

/** Variations a real workbook shows that are not errors: the close must give the valid book's results. */
export interface Variation {
  readonly title: string
  vary(book: MemoryWorkbook): void
}

export function tolerated(): Variation[] {
  return [
    {
      title: '§9 an extra column at the end of the month sheet (staff notes)',
      vary: (book) => {
        const width = book.sheets.get(M)?.[0]?.length ?? 0
        insertColumn(book, M, width, '班长备注', '=IF(1,2)')
      },
    },
    {
      title: '§9 an extra column in the middle of the month sheet',
      vary: (book) => insertColumn(book, M, 2, '分机号', 8001),
    },
    {
      title: '§9 extra columns in 人员 and 事件',
      vary: (book) => {
        insertColumn(book, SHEET.roster, 1, '手机', '13800000000')
        insertColumn(book, SHEET.events, 0, '序号', 1)
      },
    },
    {
      title: '第十四条 dates typed as 2024/1/2, 2024年1月2日 and 2024.1.2',
      vary: (book) => {
        put(book, SHEET.roster, 'E2', '2024/1/2')
        put(book, SHEET.roster, 'E3', '2024年3月1日')
        put(book, SHEET.roster, 'E4', '2024.5.6')
      },
    },
    {
      title: '§9 工号 with spaces around it and a rate typed as 95%',
      vary: (book) => {
        book.setCell(M, 'A02', '满意率', '95%')
        put(book, M, `A${ROW.A02}`, ' A02 ')
      },
    },
    {
      title: '§9 numbers typed as text with a thousands separator',
      vary: (book) => book.setCell(M, 'A02', '接听电话数', '1,700'),
    },
    {
      title: '§9 the 规则 sheet missing: defaults apply',
      vary: (book) => {
        book.sheets.delete(SHEET.rules)
      },
    },
    {
      title: '§9 blank rows between data rows',
      vary: (book) => {
        const grid = book.sheets.get(SHEET.events)
        grid?.splice(2, 0, ['', '', '', '', '', ''])
      },
    },
  ]
}

// ---------------------------------------------------------------- fast-check

/** Values a cell can hold that are likely to be wrong somewhere. */
export const nastyValue: fc.Arbitrary<Cell> = fc.oneof(
  fc.constantFrom<Cell>(
    '',
    '  ',
    '=SUM(A1:A9)',
    '+1',
    '-',
    '@张三',
    '1e400',
    '1,000',
    '９５％',
    '96.5%',
    '是',
    '否',
    '√',
    'TRUE',
    '2026-02-30',
    '2026/5/1',
    '2026年5月1日',
    '5/1/2026',
    '2026-05',
    '0000-01-01',
    '9999-12-31',
    '1990-01-01',
    'A01',
    'Z99',
    '迟到',
    '重大投诉',
    '计入补休',
    '带班班长',
    '\u0000',
    '👍',
    '—',
    'null',
  ),
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.double({ min: -1e12, max: 1e12, noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom<Cell>(
    0,
    0.5,
    1,
    2,
    3,
    4.5,
    10,
    10.1,
    31,
    31.5,
    100,
    101,
    45293,
    Number.MAX_SAFE_INTEGER,
    1e21,
  ),
  fc.boolean(),
  fc.string({ maxLength: 12 }).filter((s) => !/NaN|undefined|Error/.test(s)),
)

/** The sheets a user types into. */
export const INPUT_SHEETS = [
  M,
  SHEET.roster,
  SHEET.events,
  SHEET.noon,
  SHEET.rules,
  SHEET.secondments,
  SHEET.holidays,
] as const

export interface Edit {
  readonly sheet: (typeof INPUT_SHEETS)[number]
  /** 1-based; row 1 is the header. */
  readonly row: number
  readonly column: number
  readonly value: Cell
}

/** One edit: any input sheet, any cell up to two rows/columns past the data (header row included). */
export const editArb: fc.Arbitrary<Edit> = fc.record({
  sheet: fc.constantFrom(...INPUT_SHEETS),
  row: fc.oneof(fc.integer({ min: 2, max: 12 }), fc.constant(1)),
  column: fc.integer({ min: 1, max: 18 }),
  value: nastyValue,
})

export const editsArb: fc.Arbitrary<Edit[]> = fc.array(editArb, { minLength: 1, maxLength: 4 })

/** Applies generated edits to a book. */
export function applyEdits(book: MemoryWorkbook, edits: readonly Edit[]): void {
  for (const e of edits) {
    if (!book.sheets.has(e.sheet)) book.sheets.set(e.sheet, [[]])
    put(book, e.sheet, `${columnLetter(e.column)}${e.row}`, e.value)
  }
}

/** Deep copy of every sheet (log included). */
export function copyAll(book: MemoryWorkbook): Record<string, Grid> {
  const out: Record<string, Grid> = {}
  for (const [name, grid] of book.sheets) out[name] = grid.map((r) => [...r])
  return out
}

/** What no message shown to a user may contain: stack traces, JS error names, undefined/NaN leaks. */
export const LEAK = /Error:|TypeError|RangeError|undefined|NaN|\[object |\bat [\w.<>]+ \(|\.ts:\d+/

export const CHINESE = /[\u4e00-\u9fff]/

export const A1 = /^[A-Z]{1,3}[1-9]\d*$/
