import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { newXlsxBook, normaliseValue, parseXlsx, XlsxWorkbook, xlsxBytes } from '../../src/cli/xlsx-workbook'
import { EVENTS_LAYOUT, LOG_LAYOUT, monthLayout, ROSTER_LAYOUT } from '../../src/workbook/layouts'
import { HIGHLIGHT_COLORS, type WritePlan } from '../../src/workbook/types'

const clock = () => new Date('2025-06-05T01:02:03Z')

async function roundTrip(book: XlsxWorkbook): Promise<XlsxWorkbook> {
  return new XlsxWorkbook(await parseXlsx(await xlsxBytes(book.book)), { clock, user: 'tester' })
}

const rosterPlan: WritePlan = {
  message: 'ok',
  writes: [
    {
      sheet: ROSTER_LAYOUT.name,
      layout: ROSTER_LAYOUT,
      mode: 'replace',
      rows: [
        ['GZ01', '陈晓琳', '', '带班班长', '2023-03-01', '', '=1+1'],
        ['GZ02', '+李嘉欣', '越秀区人民法院', '话务员', '2024-12-31', '2025-06-13', '@note'],
        ['0003', '-黄志强', '天河区人民法院', '话务员', '2025-02-28', '', ''],
      ],
    },
  ],
  log: { action: '初始化', period: '', outcome: '成功', digest: 'abc' },
}

describe('xlsx Workbook adapter (SPEC §9, §12)', () => {
  it('第十四条 roster round trip: write plan → save → reload → read gives the same cells', async () => {
    const book = new XlsxWorkbook(newXlsxBook(), { clock, user: 'tester' })
    book.apply(rosterPlan)
    const again = await roundTrip(book)
    const grid = again.read([ROSTER_LAYOUT.name]).get(ROSTER_LAYOUT.name)
    expect(grid?.[0]).toEqual(ROSTER_LAYOUT.columns.map((c) => c.header))
    expect(grid?.slice(1)).toEqual(rosterPlan.writes[0]?.rows)
    // The date cells are real dates, at UTC midnight of the calendar date, with a date format.
    const cell = again.book.getWorksheet(ROSTER_LAYOUT.name)?.getCell('E3')
    expect(cell?.value).toBeInstanceOf(Date)
    expect(cell?.numFmt).toBe('yyyy-mm-dd')
    // '=1+1' stays text: no formula was stored.
    expect(again.book.getWorksheet(ROSTER_LAYOUT.name)?.getCell('G2').type).toBe(ExcelJS.ValueType.String)
  })

  it('日志 row carries the host time and user', async () => {
    const book = new XlsxWorkbook(newXlsxBook(), { clock, user: 'tester' })
    book.apply(rosterPlan)
    const log = (await roundTrip(book)).read([LOG_LAYOUT.name]).get(LOG_LAYOUT.name)
    // SPEC §16: the checksum sits in the narrow last column 校验码; 输入摘要 is for words (none given here).
    expect(log?.[1]).toEqual(['2025-06-05 09:02:03', 'tester', '初始化', '', '成功', '', 'abc'])
  })

  it('layout: frozen header, dropdowns, notes, widths, Chinese font, protection on and off', async () => {
    const book = new XlsxWorkbook(newXlsxBook(), { clock })
    const layout = monthLayout('2025-05')
    book.apply({
      message: '',
      writes: [
        { sheet: layout.name, layout, mode: 'header', protect: { description: '已结算', editors: [] } },
      ],
    })
    let ws = (await roundTrip(book)).book.getWorksheet(layout.name)
    expect(ws?.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 1 })
    expect(ws?.getCell('F1').value).toBe('带班班长')
    expect(ws?.getCell('F2').dataValidation).toMatchObject({ type: 'list', formulae: ['"是,否"'] })
    expect(String(ws?.getCell('F1').note ? 'note' : '')).toBe('note')
    expect(ws?.getCell('A1').font?.name).toBe('Microsoft YaHei')
    expect(ws?.getCell('A1').font?.bold).toBe(true)
    expect(ws?.getColumn(3).width).toBeGreaterThanOrEqual(8)
    expect((ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet).toBe(true)
    const reloaded = await roundTrip(book)
    reloaded.apply({ message: '', writes: [{ sheet: layout.name, layout, mode: 'header', protect: false }] })
    ws = (await roundTrip(reloaded)).book.getWorksheet(layout.name)
    expect((ws as unknown as { sheetProtection?: unknown }).sheetProtection ?? null).toBeNull()
  })

  it('第十五条 highlights fill only their own rows, and columns mode leaves inputs untouched', async () => {
    const book = new XlsxWorkbook(newXlsxBook(), { clock })
    const layout = monthLayout('2025-05')
    const input = ['GZ01', '陈晓琳', 21, 1200, 90, '是', '', '', '是', '', '', 9, 0.985, '', '', '']
    book.apply({
      message: '',
      writes: [{ sheet: layout.name, layout, mode: 'replace', rows: [input, [...input], [...input]] }],
    })
    const reloaded = await roundTrip(book)
    reloaded.apply({
      message: '',
      writes: [
        {
          sheet: layout.name,
          layout,
          mode: 'columns',
          columns: ['月度总分', '预警'],
          rows: [
            [88.1, ''],
            [70.2, '第十六条（一）'],
            [80, ''],
          ],
          highlights: [null, 'dismissal', 'star'],
        },
      ],
    })
    const again = await roundTrip(reloaded)
    const ws = again.book.getWorksheet(layout.name)
    const fill = (ref: string) => {
      const f = ws?.getCell(ref).fill
      return f && f.type === 'pattern' && f.pattern === 'solid' ? f.fgColor?.argb : null
    }
    expect(fill('A2')).toBeNull()
    expect(fill('A3')).toBe(`FF${HIGHLIGHT_COLORS.dismissal.slice(1).toUpperCase()}`)
    expect(fill('B4')).toBe(`FF${HIGHLIGHT_COLORS.star.slice(1).toUpperCase()}`)
    const grid = again.read([layout.name]).get(layout.name)
    expect(grid?.[2]?.slice(0, 16)).toEqual(input)
    expect(grid?.[2]?.[layout.columns.findIndex((c) => c.header === '月度总分')]).toBe(70.2)
  })

  it('append adds after the last data row; replace clears extra old rows', async () => {
    const book = new XlsxWorkbook(newXlsxBook(), { clock })
    const rows = [
      ['2025-05-06', 'GZ01', '迟到', '', '', ''],
      ['2025-05-07', 'GZ02', '表扬', '', 'C-001', '来电表扬'],
    ]
    const write = (mode: 'replace' | 'append', r: (string | number)[][]) =>
      book.apply({
        message: '',
        writes: [{ sheet: EVENTS_LAYOUT.name, layout: EVENTS_LAYOUT, mode, rows: r }],
      })
    write('replace', rows)
    write('append', [['2025-05-08', 'GZ03', '有效投诉', 3, 'C-002', '']])
    expect(book.read([EVENTS_LAYOUT.name]).get(EVENTS_LAYOUT.name)?.length).toBe(4)
    write('replace', rows.slice(0, 1))
    expect((await roundTrip(book)).read([EVENTS_LAYOUT.name]).get(EVENTS_LAYOUT.name)).toEqual([
      EVENTS_LAYOUT.columns.map((c) => c.header),
      rows[0],
    ])
  })

  it('read normalises formulas, rich text, hyperlinks, errors and dates as calendar dates', () => {
    expect(normaliseValue({ formula: 'A1*2', result: 4 })).toBe(4)
    expect(normaliseValue({ formula: 'TODAY()', result: new Date('2025-02-28T00:00:00Z') })).toBe(
      '2025-02-28',
    )
    expect(normaliseValue({ richText: [{ text: '陈' }, { text: '晓琳' }] })).toBe('陈晓琳')
    expect(normaliseValue({ text: '链接', hyperlink: 'https://example.org' })).toBe('链接')
    // SPEC §2: an error value and a formula never computed are named by the readers, not read as blank
    expect(normaliseValue({ error: '#DIV/0!' } as ExcelJS.CellErrorValue)).toBe('#DIV/0!')
    expect(normaliseValue({ formula: 'SUM(A1:A3)' } as ExcelJS.CellFormulaValue)).toBe('#NORESULT!')
    expect(normaliseValue(new Date('2025-12-31T00:00:00Z'))).toBe('2025-12-31')
    expect(normaliseValue(null)).toBe('')
  })
})
