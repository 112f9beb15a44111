import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { SpreadsheetWorkbook } from '../../src/gas/spreadsheet-workbook'
import type { SheetLayout, SheetWrite, WritePlan } from '../../src/workbook/types'
import { FakeAppsScript, formatDate, zonedInstant } from '../support/fake-apps-script'

const LAYOUT: SheetLayout = {
  name: '测试',
  frozenColumns: 2,
  tabColor: '#1a73e8',
  columns: [
    { header: '工号', type: 'text', width: 10, note: '话务员工号' },
    { header: '姓名', type: 'text', width: 10 },
    { header: '入职日期', type: 'date', width: 12 },
    { header: '岗位', type: 'enum', options: ['话务员', '带班班长'], width: 10 },
    { header: '出勤天数', type: 'number', min: 0.5, max: 31, width: 8 },
    { header: '月份', type: 'text', width: 8 },
    { header: '月度总分', type: 'number', format: '0.0', result: true, width: 10 },
    { header: '排名', type: 'integer', result: true, width: 6 },
    { header: '预警', type: 'text', result: true, width: 30 },
  ],
}

function workbook(fake: FakeAppsScript): SpreadsheetWorkbook {
  const g = fake.globals()
  return new SpreadsheetWorkbook({
    app: g.SpreadsheetApp,
    spreadsheet: g.SpreadsheetApp.getActive(),
    utilities: g.Utilities,
    session: g.Session,
  })
}

function rows(n: number): (string | number)[][] {
  return Array.from({ length: n }, (_, i) => [
    `A${String(i + 1).padStart(3, '0')}`,
    `话务员${i + 1}`,
    '2025-01-15',
    '话务员',
    21,
    '2026-05',
    80 + (i % 10) / 10,
    i + 1,
    '',
  ])
}

function replace(n: number, extra: Partial<SheetWrite> = {}): WritePlan {
  return {
    writes: [{ sheet: LAYOUT.name, layout: LAYOUT, mode: 'replace', rows: rows(n), ...extra }],
    log: { action: '月度结算', period: '2026-05', outcome: '成功', digest: 'abc123' },
    message: '完成',
  }
}

/** Everything a user could see on every sheet: values, formulas, fills, notes, protections. */
function snapshot(fake: FakeAppsScript) {
  return fake.spreadsheet.sheets.map((s) => ({
    name: s.name,
    cells: [...s.cells.entries()]
      .filter(([, c]) => c.v !== '' || c.f !== '' || c.bg !== null)
      .map(([k, c]) => [k, c.v instanceof Date ? c.v.getTime() : c.v, c.f, c.bg])
      .sort(),
    protections: s.protections.map((p) => [p.description, [...p.editors].sort()]),
  }))
}

describe('SpreadsheetWorkbook.read', () => {
  const savedTz = process.env.TZ
  afterEach(() => {
    process.env.TZ = savedTz
  })

  it.each([
    ['Asia/Shanghai', 'America/Los_Angeles'],
    ['Pacific/Honolulu', 'Asia/Tokyo'],
    ['Asia/Shanghai', 'UTC'],
  ])(
    '第十四条 入职日期 is read in the spreadsheet zone %s even when the runtime runs in %s',
    (sheetTz, runtimeTz) => {
      process.env.TZ = runtimeTz
      const fake = new FakeAppsScript({ timeZone: sheetTz })
      const sheet = fake.spreadsheet.insertSheet('人员')
      sheet.getRange(1, 1, 1, 3).setValues([['工号', '入职或派驻日期', '备注']])
      sheet.type('B2', '2026-05-01') // typed in the UI: a date at midnight in the sheet's zone
      sheet.getRange(3, 2).setValues([[zonedInstant(sheetTz, 2025, 12, 31)]])
      sheet.getRange(2, 1).setValues([['A001']])
      const grid = workbook(fake).read(['人员']).get('人员')
      expect(grid).toEqual([
        ['工号', '入职或派驻日期', '备注'],
        ['A001', '2026-05-01', ''],
        ['', '2025-12-31', ''],
      ])
      // The runtime's own calendar would have said otherwise for one of the two zones.
      const local = new Date(zonedInstant(sheetTz, 2026, 5, 1).getTime())
      expect(formatDate(local, runtimeTz, 'yyyy-MM-dd') === '2026-05-01').toBe(
        formatDate(local, sheetTz, 'yyyy-MM-dd') === formatDate(local, runtimeTz, 'yyyy-MM-dd'),
      )
    },
  )

  it('§9 reads each sheet with one getSheetValues; missing sheets are absent, empty ones []', () => {
    const fake = new FakeAppsScript()
    fake.spreadsheet
      .insertSheet('人员')
      .getRange(1, 1, 2, 2)
      .setValues([
        ['工号', '姓名'],
        ['A001', '张三'],
      ])
    fake.spreadsheet.insertSheet('事件')
    const book = workbook(fake)
    fake.resetCounts()
    const grids = book.read(['人员', '事件', '借调'])
    expect([...grids.keys()]).toEqual(['人员', '事件'])
    expect(grids.get('人员')).toEqual([
      ['工号', '姓名'],
      ['A001', '张三'],
    ])
    expect(grids.get('事件')).toEqual([])
    // One getSheetByName per sheet asked for (借调: null, absent), whatever else the book holds; no listing.
    expect(fake.calls.get('Spreadsheet.getSheetByName')).toBe(3)
    expect(fake.calls.get('Spreadsheet.getSheets')).toBeUndefined()
    expect(fake.calls.get('Sheet.getName')).toBeUndefined()
    expect(fake.calls.get('Sheet.getSheetValues')).toBe(2)
    // An empty sheet has no last row: getSheetValues(…, -1, -1) fails and getDataRange answers instead.
    expect(fake.calls.get('Sheet.getDataRange')).toBe(1)
    // Read again in the same action: nothing is asked twice (not even for the absent 借调).
    fake.resetCounts()
    expect(book.read(['人员', '借调']).get('人员')?.[1]).toEqual(['A001', '张三'])
    expect(fake.count()).toBe(0)
    // sheetNames() lists every tab once (getSheets, getName each) and shares the handles found.
    expect(book.sheetNames()).toEqual(['Sheet1', '人员', '事件'])
    expect(fake.calls.get('Spreadsheet.getSheets')).toBe(1)
    expect(fake.calls.get('Sheet.getName')).toBe(3)
    fake.resetCounts()
    expect(book.sheetNames()).toEqual(['Sheet1', '人员', '事件'])
    expect(book.read(['借调', '人员']).size).toBe(1)
    expect(fake.count()).toBe(0)
  })

  it('§9 the number of sheets in the book does not change what a read costs', () => {
    const cost = (tabs: number) => {
      const fake = new FakeAppsScript()
      for (let i = 0; i < tabs; i++)
        fake.spreadsheet.insertSheet(`2025-${String(i + 1).padStart(2, '0')} 月度`)
      fake.spreadsheet
        .insertSheet('人员')
        .getRange(1, 1, 1, 2)
        .setValues([['工号', '姓名']])
      const book = workbook(fake)
      fake.resetCounts()
      book.read(['人员', '规则'])
      return fake.count()
    }
    expect(cost(2)).toBe(3)
    expect(cost(40)).toBe(3)
  })
})

describe('SpreadsheetWorkbook.apply', () => {
  let fake: FakeAppsScript
  let book: SpreadsheetWorkbook
  beforeEach(() => {
    fake = new FakeAppsScript()
    book = workbook(fake)
  })

  it('§9 creates the sheet with header, notes, dropdowns, formats, freezes, widths and tab colour', () => {
    book.apply(replace(3))
    const s = fake.sheet('测试')
    expect(s.row(1)).toEqual(LAYOUT.columns.map((c) => c.header))
    expect(s.getRange(1, 1).getNotes()[0]?.[0]).toBe('话务员工号')
    expect(s.getRange(1, 1, 1, 9).getFontWeights()[0]).toEqual(Array(9).fill('bold'))
    expect(s.frozenRows).toBe(1)
    expect(s.frozenColumns).toBe(2)
    expect(s.tabColor).toBe('#1a73e8')
    expect(s.getColumnWidth(1)).toBeGreaterThan(100)
    const dv = s.getRange(5, 4).getDataValidations()[0]?.[0]
    expect(dv?.getCriteriaType()).toBe('VALUE_IN_LIST')
    expect(dv?.getCriteriaValues()[0]).toEqual(['话务员', '带班班长'])
    expect(s.getRange(5, 5).getDataValidations()[0]?.[0]?.getCriteriaValues()).toEqual([0.5, 31])
    expect(s.getRange(5, 7).getDataValidations()[0]?.[0]).toBeNull() // results carry no validation
    expect(s.getRange(2, 1, 1, 9).getNumberFormats()[0]).toEqual([
      '@',
      '@',
      'yyyy-mm-dd',
      '@',
      'General',
      '@',
      '0.0',
      '0',
      '@',
    ])
    expect(s.getRange(2, 7).getDisplayValues()[0]?.[0]).toBe('80.0')
  })

  it('第十四条 ISO dates in date columns become dates at midnight in the spreadsheet zone; month keys stay text', () => {
    fake.spreadsheet.setSpreadsheetTimeZone('America/New_York')
    book = workbook(fake)
    book.apply(replace(2))
    const s = fake.sheet('测试')
    const d = s.getRange(2, 3).getValue()
    expect(d).toBeInstanceOf(Date)
    expect((d as Date).getTime()).toBe(zonedInstant('America/New_York', 2025, 1, 15).getTime())
    expect(s.column('月份')).toEqual(['2026-05', '2026-05'])
    expect(book.read(['测试']).get('测试')?.[1]).toEqual(rows(2)[0])
  })

  it('第七条 names and notes that look like formulas are stored as text, never evaluated', () => {
    const evil = ['=IMPORTXML("http://x")', '+SUM(A1)', '-A1', '@张三', '=1+1']
    const data = evil.map((e, i) => [e, e, '', '话务员', 20, e, 80, i + 1, e])
    book.apply({ writes: [{ sheet: '测试', layout: LAYOUT, mode: 'replace', rows: data }], message: '' })
    const s = fake.sheet('测试')
    expect(s.formulaCount()).toBe(0)
    expect(s.column('工号')).toEqual(evil)
    expect(s.column('预警')).toEqual(evil)
    // Strings in number columns stay text too (the double parses unquoted strings like the Sheets UI).
    book.apply({
      writes: [
        {
          sheet: '测试',
          layout: LAYOUT,
          mode: 'columns',
          columns: ['月度总分'],
          rows: [['85.5'], ['不参与']],
        },
      ],
      message: '',
    })
    expect(s.column('月度总分').slice(0, 2)).toEqual(['85.5', '不参与'])
  })

  it('第十一条 results go in place: columns mode writes only the named columns, inputs and their formulas untouched', () => {
    book.apply(replace(4))
    const s = fake.sheet('测试')
    s.type('E3', '=20+1') // a live formula a user left in an input column
    book.apply({
      writes: [
        {
          sheet: '测试',
          layout: LAYOUT,
          mode: 'columns',
          columns: ['月度总分', '预警'],
          rows: [
            [90, ''],
            [85, '第十五条（一）'],
            [70, ''],
            [60, '第十六条（一）'],
          ],
          highlights: ['star', 'reminder', null, 'dismissal'],
        },
      ],
      message: '',
    })
    expect(s.column('月度总分')).toEqual([90, 85, 70, 60])
    expect(s.column('预警')).toEqual(['', '第十五条（一）', '', '第十六条（一）'])
    expect(s.column('排名')).toEqual([1, 2, 3, 4])
    expect(s.column('工号')).toEqual(['A001', 'A002', 'A003', 'A004'])
    expect(s.getRange(3, 5).getFormulas()[0]?.[0]).toBe('=20+1')
    // The fill covers the cells the close wrote (月度总分, 预警), never the inputs or 排名 between them.
    expect(
      s
        .getRange(2, 7, 4, 1)
        .getBackgrounds()
        .map((r) => r[0]),
    ).toEqual(['#d9ead3', '#fce8b2', '#ffffff', '#f4c7c3'])
    const red = '#f4c7c3'
    const white = '#ffffff'
    expect(s.getRange(5, 1, 1, 9).getBackgrounds()[0]).toEqual([
      ...[white, white, white, white, white, white],
      ...[red, white, red],
    ])
  })

  it('§9 replace clears rows left over from a longer earlier write; append adds after the last row', () => {
    book.apply(replace(5))
    book.apply(replace(2))
    const s = fake.sheet('测试')
    expect(s.getLastRow()).toBe(3)
    book.apply({ writes: [{ sheet: '测试', layout: LAYOUT, mode: 'append', rows: rows(1) }], message: '' })
    expect(s.getLastRow()).toBe(4)
    expect(s.column('工号')).toEqual(['A001', 'A002', 'A001'])
  })

  it('第八条 closed sheets are protected for the admins; protect:false removes it; the 日志 row is appended', () => {
    book.apply(replace(2, { protect: { description: '2026-05 已结算', editors: ['admin@court.example'] } }))
    const s = fake.sheet('测试')
    expect(s.protections).toHaveLength(1)
    // A strict protection carries no description (Sheets lists it under the sheet's name): one call less.
    expect(s.protections[0]?.description).toBe('')
    expect([...(s.protections[0]?.editors ?? [])].sort()).toEqual([
      'admin@court.example',
      'leader@court.example',
    ])
    expect(s.protections[0]?.domainEdit).toBe(false)
    expect(s.editableBy('clerk@court.example')).toBe(false)
    book.apply(replace(2, { protect: { description: '2026-05 已结算', editors: ['other@court.example'] } }))
    expect(s.protections).toHaveLength(1)
    expect([...(s.protections[0]?.editors ?? [])].sort()).toEqual([
      'leader@court.example',
      'other@court.example',
    ])
    book.apply(replace(2, { protect: false }))
    expect(s.protections).toHaveLength(0)

    const log = fake.sheet('日志')
    expect(log.row(1)).toEqual(['时间', '操作人', '操作', '期间', '结果', '输入摘要', '校验码'])
    expect(log.getLastRow()).toBe(4)
    const entry = log.row(2)
    expect(entry.slice(1)).toEqual(['leader@court.example', '月度结算', '2026-05', '成功', '', 'abc123'])
    expect(String(entry[0])).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)
  })

  it('§11 writes are batched: the same calls for 18 and for 500 rows, one setValues per range', () => {
    const count = (n: number) => {
      const f = new FakeAppsScript()
      workbook(f).apply(replace(n))
      const first = f.countsByMethod()
      f.resetCounts()
      workbook(f).apply(replace(n, { highlights: Array(n).fill('star') }))
      return { first, second: f.countsByMethod() }
    }
    const small = count(18)
    const big = count(500)
    expect(big).toEqual(small)
    // Creating the sheet lays it out once: header, validation, formats.
    expect(small.first['Range.setValues']).toBe(4) // 测试 header and data, 日志 header and row
    expect(small.first['Range.setDataValidations']).toBe(1)
    expect(small.first['Range.setNumberFormats']).toBe(2) // 测试, 日志
    // A laid-out sheet is only written: data, fills, the 日志 row (one appendRow).
    expect(small.second['Range.setValues']).toBe(1)
    expect(small.second['Sheet.appendRow']).toBe(1)
    expect(small.second['Range.setBackgrounds']).toBe(1)
    expect(small.second['Range.setDataValidations']).toBeUndefined()
    expect(small.second['Range.setNumberFormats']).toBeUndefined()
    expect(small.second['Sheet.setColumnWidths']).toBeUndefined()
    expect(small.second['Range.getValues']).toBeUndefined()
  })

  it('§9 a sheet whose header row differs from the layout is laid out again; a correct one is left alone', () => {
    book.apply(replace(2))
    const s = fake.sheet('测试')
    s.getRange(1, 5).setValues([['天数']]) // someone renamed a header
    s.setColumnWidth(1, 33)
    fake.resetCounts()
    book.apply(replace(2))
    expect(s.row(1)).toEqual(LAYOUT.columns.map((c) => c.header))
    expect(fake.calls.get('Range.setDataValidations')).toBe(1)
    expect(s.getColumnWidth(1)).toBeGreaterThan(100)
    s.setColumnWidth(1, 33) // a width changed by hand on a correct sheet stays
    fake.resetCounts()
    book.apply(replace(2))
    expect(s.getColumnWidth(1)).toBe(33)
    expect(fake.calls.get('Range.setDataValidations')).toBeUndefined()
  })

  it('§9 a full sheet grows: new rows get the layout formats and validation; the 日志 row too', () => {
    book.apply(replace(3))
    const s = fake.sheet('测试')
    const log = fake.sheet('日志')
    s.maxRows = 4 // header + 3 rows: full
    log.maxRows = log.getLastRow() // no room for the next 日志 row
    book.apply(replace(6))
    expect(s.column('工号')).toHaveLength(6)
    expect(s.maxRows).toBeGreaterThanOrEqual(7)
    expect(s.getRange(7, 6).getNumberFormats()[0]?.[0]).toBe('@')
    expect(s.getRange(7, 4).getDataValidations()[0]?.[0]?.getCriteriaType()).toBe('VALUE_IN_LIST')
    expect(log.getLastRow()).toBe(3)
    expect(log.getRange(3, 4).getNumberFormats()[0]?.[0]).toBe('@')
    expect(log.row(3)[3]).toBe('2026-05')
  })

  it('第八条 re-closing with the same protection changes no protection', () => {
    const closed = { protect: { description: '2026-05 已结算', editors: ['admin@court.example'] } }
    book.apply(replace(2, closed))
    fake.resetCounts()
    const writes = fake.writeCalls
    book.apply(replace(2, closed))
    const calls = Object.keys(fake.countsByMethod()).filter((k) => k.startsWith('Protection.'))
    expect(calls.sort()).toEqual(['Protection.getEditors'])
    expect(fake.writeCalls - writes).toBe(2) // the data block and the 日志 row, nothing else
  })

  it('§11 a close is all or nothing: failing at any write call leaves every sheet as it was', () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const setup = () => {
      const f = new FakeAppsScript()
      const b = workbook(f)
      b.apply(
        replace(6, {
          protect: { description: '旧', editors: ['old@court.example'] },
          highlights: Array(6).fill(null),
        }),
      )
      f.sheet('测试').type('E4', '=1+1')
      return { f, b }
    }
    const second: WritePlan = {
      writes: [
        {
          sheet: '测试',
          layout: LAYOUT,
          mode: 'columns',
          columns: ['月度总分', '排名', '预警'],
          rows: rows(6).map((_, i) => [50 + i, 6 - i, `预警${i}`]),
          highlights: ['dismissal', 'reminder', 'star', null, null, null],
          protect: { description: '新', editors: ['new@court.example'] },
        },
        { sheet: '新表', layout: { ...LAYOUT, name: '新表' }, mode: 'replace', rows: rows(3) },
        { sheet: '测试', layout: LAYOUT, mode: 'append', rows: rows(2) },
      ],
      log: { action: '月度结算', period: '2026-05', outcome: '成功', digest: 'x' },
      message: '',
    }
    const probe = setup()
    const start = probe.f.writeCalls
    probe.b.apply(second)
    const writes = probe.f.writeCalls - start
    expect(writes).toBeGreaterThan(20)
    for (let n = 1; n <= writes; n++) {
      const { f, b } = setup()
      const before = snapshot(f)
      f.failAtWrite(n)
      expect(() => b.apply(second), `write ${n}`).toThrow(/已撤销本次全部更改/)
      expect(snapshot(f), `write ${n}`).toEqual(before)
    }
    const { f, b } = setup()
    b.apply(second) // no failure armed: applied in full
    expect(f.sheet('新表').getLastRow()).toBe(4)
    expect(errors).toHaveBeenCalled()
    errors.mockRestore()
  })
})

describe('SpreadsheetWorkbook: what the plan knows saves calls', () => {
  let fake: FakeAppsScript
  beforeEach(() => {
    fake = new FakeAppsScript()
    workbook(fake).apply(replace(4))
  })
  const protectionCalls = () =>
    Object.entries(fake.countsByMethod())
      .filter(([k]) => k.startsWith('Protection.') || k === 'Sheet.getProtections' || k === 'Sheet.protect')
      .map(([k]) => k)
      .sort()

  it("第八条 known: 'none' protects without looking; known: 'same' calls nothing at all", () => {
    fake.resetCounts()
    const editors = ['admin@court.example']
    workbook(fake).apply(replace(4, { protect: { description: '2026-05', editors, known: 'none' } }))
    // addEditors: the admin from 规则 is not an editor of the file's new protection yet.
    expect(protectionCalls()).toEqual([
      'Protection.addEditors',
      'Protection.canDomainEdit',
      'Protection.getEditors',
      'Protection.setDomainEdit',
      'Sheet.protect',
    ])
    const s = fake.sheet('测试')
    expect(s.protections).toHaveLength(1)
    expect(s.editableBy('clerk@court.example')).toBe(false)
    fake.resetCounts()
    workbook(fake).apply(replace(4, { protect: { description: '2026-05', editors, known: 'same' } }))
    expect(protectionCalls()).toEqual([])
    expect(s.protections).toHaveLength(1)
  })

  it('§9 a warning-only protection (月度结果汇总) warns everyone and locks no one out', () => {
    fake.resetCounts()
    const spec = { description: '由结算写入，请勿修改', editors: [], warningOnly: true }
    workbook(fake).apply(replace(4, { protect: { ...spec, known: 'none' } }))
    expect(protectionCalls()).toEqual([
      'Protection.setDescription',
      'Protection.setWarningOnly',
      'Sheet.protect',
    ])
    const s = fake.sheet('测试')
    expect(s.protections[0]?.warningOnly).toBe(true)
    expect(s.protections[0]?.description).toBe(spec.description)
    fake.resetCounts()
    workbook(fake).apply(replace(4, { protect: spec }))
    expect(protectionCalls()).toEqual(['Protection.getDescription', 'Sheet.getProtections'])
    expect(s.protections).toHaveLength(1)
  })

  it('§11 previous highlights from the plan: no getBackgrounds, and a failed write still restores the fills', () => {
    const fills = ['star', null, 'reminder', null] as const
    workbook(fake).apply(replace(4, { highlights: [...fills] }))
    const s = fake.sheet('测试')
    const before = s.getRange(2, 1, 4, 9).getBackgrounds()
    fake.resetCounts()
    const writes = fake.writeCalls
    workbook(fake).apply(
      replace(4, { highlights: ['dismissal', null, null, 'star'], previousHighlights: [...fills] }),
    )
    expect(fake.calls.get('Range.getBackgrounds')).toBeUndefined()
    const n = fake.writeCalls - writes
    workbook(fake).apply(
      replace(4, { highlights: [...fills], previousHighlights: ['dismissal', null, null, 'star'] }),
    )
    expect(s.getRange(2, 1, 4, 9).getBackgrounds()).toEqual(before)
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    for (let at = 1; at <= n; at++) {
      fake.failAtWrite(at)
      expect(() =>
        workbook(fake).apply(
          replace(4, { highlights: ['dismissal', null, null, 'star'], previousHighlights: [...fills] }),
        ),
      ).toThrow(/已撤销/)
      expect(s.getRange(2, 1, 4, 9).getBackgrounds(), `write ${at}`).toEqual(before)
    }
    errors.mockRestore()
  })

  it('§9 reserveRows grows a laid-out sheet ahead, formatted, so later writes need no growing', () => {
    const s = fake.sheet('测试')
    workbook(fake).apply({
      writes: [{ sheet: '测试', layout: LAYOUT, mode: 'header', reserveRows: 1500 }],
      message: '',
    })
    expect(s.maxRows).toBeGreaterThanOrEqual(1501)
    expect(s.getRange(1501, 6).getNumberFormats()[0]?.[0]).toBe('@')
    fake.resetCounts()
    workbook(fake).apply(replace(1400))
    expect(fake.calls.get('Sheet.insertRowsAfter')).toBeUndefined()
    expect(fake.calls.get('Sheet.getMaxRows')).toBeUndefined()
  })
})

describe('the double itself', () => {
  it('§9 setValues must match the range shape exactly, like Apps Script', () => {
    const fake = new FakeAppsScript()
    const sheet = fake.globals().SpreadsheetApp.getActive().insertSheet('x')
    expect(() => sheet.getRange(1, 1, 2, 2).setValues([[1, 2]])).toThrow(
      'The number of rows in the data does not match the number of rows in the range',
    )
    expect(() => sheet.getRange(1, 1, 1, 2).setValues([[1]])).toThrow(
      'The number of columns in the data does not match the number of columns in the range',
    )
    expect(() => sheet.getRange(1001, 1)).toThrow('outside the dimensions')
    sheet.getRange('A1:C1').setValues([["'=1+1", '=1+1', '2026-05']])
    const raw = fake.sheet('x')
    expect(raw.row(1)[0]).toBe('=1+1')
    expect(raw.getRange(1, 2).getFormulas()[0]?.[0]).toBe('=1+1')
    expect(raw.row(1)[2]).toBeInstanceOf(Date) // an unformatted cell parses month text as a date
    expect(fake.calls.get('Range.setValues')).toBe(3)
  })

  it('§11 the lock can be held elsewhere', () => {
    const fake = new FakeAppsScript()
    fake.lockHeldElsewhere = true
    const lock = fake.globals().LockService.getDocumentLock()
    expect(lock.tryLock(5000)).toBe(false)
    expect(() => lock.waitLock(5000)).toThrow('Lock timeout')
  })
})

describe('操作人 for the 日志', () => {
  it('§11 a Session without the userinfo.email grant does not stop the action: the 日志 says 未知用户', () => {
    const fake = new FakeAppsScript()
    const g = fake.globals()
    const denied = () => {
      throw new Error('You do not have permission to call Session.getActiveUser.')
    }
    const session = { ...g.Session, getActiveUser: denied, getEffectiveUser: denied }
    const book = new SpreadsheetWorkbook({
      app: g.SpreadsheetApp,
      spreadsheet: g.SpreadsheetApp.getActive(),
      utilities: g.Utilities,
      session: session as unknown as typeof g.Session,
    })
    expect(book.user()).toBe('未知用户')
  })

  it('§11 the active user’s email when granted', () => {
    const fake = new FakeAppsScript({ user: 'leader@court.example' })
    expect(workbook(fake).user()).toBe('leader@court.example')
  })
})
