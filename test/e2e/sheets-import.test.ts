/**
 * SPEC §14 in Google Sheets, through dist/Code.js and the Apps Script double: the team leader pastes the
 * platform's export into a tab (title row, the title's merged cells blank but the first, a 合计 row) and
 * runs 导入…; then 导入考勤…; then closes the month. And what an import costs in SpreadsheetApp calls: the
 * same for 18 and for 500 operators.
 */
import { describe, expect, it } from 'vitest'
import { FakeAppsScript, SPREADSHEET_CLASSES, type Stored } from '../support/fake-apps-script'
import {
  platformExportRows as exportRows,
  idOf,
  menu,
  openSheets,
  rosterRows,
  type SheetsSession,
} from './sheets-scenario'

function paste(s: SheetsSession, name: string, rows: Stored[][]): void {
  const sheet = s.fake.spreadsheet.insertSheet(name)
  sheet.getRange(1, 1, rows.length, rows[0]?.length ?? 1).setValues(rows)
}

function book(n: number): SheetsSession {
  const s = openSheets('Asia/Shanghai', new Date('2026-06-03T02:00:00Z'))
  menu(s, 'menuSetup')
  s.fake.sheet('人员').getRange(2, 1, n, 7).setValues(rosterRows(n))
  paste(s, '平台导出', exportRows(n))
  return s
}

describe('Google Sheets 导入… (SPEC §14)', () => {
  it('fills the month sheet from a pasted export, then 导入考勤…, then the close scores the counts', () => {
    const s = book(18)
    const message = menu(s, 'menuImport', '2026-05', '平台导出')
    expect(message).toMatch(/已从“平台导出”导入2026年5月：读取18行，匹配18人，跳过0行；已新建“2026-05 月度”/)
    const month = s.fake.sheet('2026-05 月度')
    const head = month.row(1).map(String)
    const ids = month.column('工号').map(String)
    const cell = (id: string, h: string) => month.row(ids.indexOf(id) + 2)[head.indexOf(h)]
    expect(cell(idOf(5), '平台接听电话数')).toBe(1505)
    expect(cell(idOf(5), '接听电话数')).toBe('') // never written: the close reads the platform's column
    expect(cell(idOf(5), '评价数')).toBe(1311)
    expect(cell(idOf(5), '日均通话时长')).toBe('2:00:00')
    expect(head.indexOf('满意数')).toBeGreaterThan(head.indexOf('预警'))
    expect(s.fake.sheet('日志').column('操作')).toContain('导入')

    paste(s, '考勤', [
      ['日期', '工号', '姓名', '考勤状态'],
      ['2026-05-06', '005', '话务员5', '迟到'],
      ['2026-05-07', '006', '话务员6', '调休'],
    ])
    expect(menu(s, 'menuImportAttendance', '考勤')).toMatch(
      /新增“事件”1条.*\n不计分的考勤状态（未写入“事件”）：调休1行/,
    )
    expect(menu(s, 'menuImportAttendance', '考勤')).toMatch(/新增“事件”0条，已记录过的1条未重复添加/)

    ids.forEach((id, k) => {
      const row = k + 2
      if (String(month.row(row)[head.indexOf('预警')]).startsWith('不参与')) return
      month.getRange(row, head.indexOf('全勤') + 1).setValues([[id === idOf(5) ? '否' : '是']])
      month.getRange(row, head.indexOf('领导评价') + 1).setValues([[9]])
    })
    expect(menu(s, 'menuCloseMonth', '2026-05')).toMatch(/月度结算完成/)
    const after = s.fake.sheet('2026-05 月度')
    const score = (id: string, h: string) => after.row(ids.indexOf(id) + 2)[head.indexOf(h)]
    expect(score(idOf(5), '满意度得分')).toBe(9.3) // (1188+36)/1311 = 93.36% → 9.3
    expect(score(idOf(5), '考勤得分')).toBe(7) // 8 − 1 lateness from 事件, no 全勤
    expect(typeof score(idOf(5), '工作量得分')).toBe('number') // from 平台接听电话数 and 平台出勤天数
    expect(menu(s, 'menuImport', '2026-05', '平台导出')).toMatch(/已结算，不能导入/)
  })

  it('a bad export is refused with the reason, nothing written', () => {
    const s = book(18)
    s.fake.spreadsheet.deleteSheet(s.fake.sheet('平台导出'))
    paste(s, '平台导出', exportRows(18, '2026年4月坐席工作量统计'))
    const before = JSON.stringify(s.fake.spreadsheet.sheets.map((sh) => [sh.name, sh.values()]))
    expect(menu(s, 'menuImport', '2026-05', '平台导出')).toMatch(/是2026-04的数据，不是要导入的2026-05/)
    expect(JSON.stringify(s.fake.spreadsheet.sheets.map((sh) => [sh.name, sh.values()]))).toBe(before)
  })

  it('an import costs at most 12 SpreadsheetApp calls, the same for 18 and for 500 operators', () => {
    const costs = [18, 500].map((n) => {
      const s = book(n)
      menu(s, 'menuNewMonth', '2026-05') // lays out the import's columns with the sheet
      const first = measure(s)
      s.fake
        .sheet('平台导出')
        .getRange(3, 3)
        .setValues([[1400]]) // a corrected export
      const changed = measure(s)
      const again = measure(s) // the same file again: nothing changes but the 日志
      s.fake
        .sheet('平台导出')
        .getRange(3, 3)
        .setValues([[1401]])
      s.fake.sheet('平台导出').activate()
      const activeTab = measure(s, '') // the answer left blank: the tab the user is on
      return { first, changed, again, activeTab }
    })
    const [small, big] = costs
    if (!small || !big) throw new Error('no costs')
    console.info(
      `import: ${small.first.total} SpreadsheetApp calls (first), ${small.changed.total} (values changed), ` +
        `${small.again.total} (same file again), ${small.activeTab.total} (the active tab); ${JSON.stringify(small.changed.byMethod)}`,
    )
    for (const k of ['first', 'changed', 'again', 'activeTab'] as const)
      expect(big[k].byMethod).toEqual(small[k].byMethod)
    // The export, the month sheet and 日志 read once each; 导入设置 not at all (every column is known).
    expect(small.changed.byMethod['Sheet.getSheetValues']).toBe(3)
    expect(small.changed.byMethod['Range.setValues']).toBe(1) // the import's columns: one run
    expect(small.first.total).toBeLessThanOrEqual(12)
    expect(small.changed.total).toBeLessThanOrEqual(12)
    expect(small.again.total).toBeLessThanOrEqual(10)
    expect(small.activeTab.total).toBeLessThanOrEqual(13) // + getActiveSheet and getName
  })

  it('a month sheet laid out by an earlier version gains only the import’s columns, its own cells untouched', () => {
    const s = book(18)
    menu(s, 'menuNewMonth', '2026-05')
    const month = s.fake.sheet('2026-05 月度')
    const head = month.row(1).map(String)
    const results = head.indexOf('按记录统计') + 1
    // As 新建月度录入表 made it before SPEC §14: nothing after 按记录统计; a typed value and a resized column.
    month.getRange(1, results + 1, 1, head.length - results).setValues([head.slice(results).map(() => '')])
    month.getRange(2, head.indexOf('领导评价') + 1).setValues([[9]])
    month.setColumnWidth(2, 200)
    const before = month.values().map((row) => row.slice(0, results))
    const notes = month.getRange(1, 1, 1, results).getNotes()
    const cost = measure(s)
    expect(month.row(1).map(String)).toEqual(head)
    expect(month.values().map((row) => row.slice(0, results))).toEqual(before)
    expect(month.getRange(1, 1, 1, results).getNotes()).toEqual(notes)
    expect(month.getColumnWidth(2)).toBe(200) // the layout of the columns it had is left alone
    const ids = month.column('工号').map(String)
    expect(month.row(ids.indexOf(idOf(5)) + 2)[head.indexOf('平台接听电话数')]).toBe(1505)
    expect(cost.total).toBeLessThanOrEqual(50) // once; a whole layout again would be about 150
  })

  it('an import failing at any one of its writes (an earlier sheet laid out on the way) is undone', () => {
    const earlierSheet = () => {
      const s = book(18)
      menu(s, 'menuNewMonth', '2026-05')
      const month = s.fake.sheet('2026-05 月度')
      const head = month.row(1).map(String)
      const kept = head.indexOf('按记录统计') + 1
      month.getRange(1, kept + 1, 1, head.length - kept).setValues([head.slice(kept).map(() => '')])
      month.getRange(1, kept + 1, 1, head.length - kept).setNotes([head.slice(kept).map(() => '')])
      for (let c = kept + 1; c <= head.length; c++) month.setColumnWidth(c, 100) // Sheets' default
      return s
    }
    const probe = earlierSheet()
    const writesBefore = probe.fake.writeCalls
    menu(probe, 'menuImport', '2026-05', '平台导出')
    const writes = probe.fake.writeCalls - writesBefore
    expect(writes).toBeGreaterThan(5)
    for (let n = 1; n <= writes; n++) {
      const s = earlierSheet()
      const before = everything(s)
      s.fake.failAtWrite(n)
      expect(menu(s, 'menuImport', '2026-05', '平台导出'), `write ${n}`).toMatch(/已撤销本次全部更改/)
      expect(everything(s), `write ${n}`).toBe(before)
    }
  })

  it('an export with a column the import does not know reads 导入设置, which adds its name', () => {
    const s = book(18)
    const rows = exportRows(18).map((row, r) =>
      r === 1 ? row.map((h) => (h === '人工接听量' ? '话务量' : h)) : row,
    )
    s.fake.spreadsheet.deleteSheet(s.fake.sheet('平台导出'))
    paste(s, '平台导出', rows)
    s.fake
      .sheet('导入设置')
      .getRange(2, 1, 1, 2)
      .setValues([['话务量', '接听电话数']])
    menu(s, 'menuNewMonth', '2026-05')
    const cost = measure(s)
    expect(cost.byMethod['Sheet.getSheetValues']).toBe(4) // + 导入设置
    const month = s.fake.sheet('2026-05 月度')
    const head = month.row(1).map(String)
    const ids = month.column('工号').map(String)
    expect(month.row(ids.indexOf(idOf(5)) + 2)[head.indexOf('平台接听电话数')]).toBe(1505)
  })
})

/** Values, fills, header notes, number formats and widths of every sheet: what an undo must restore. */
function everything(s: SheetsSession): string {
  return JSON.stringify(
    s.fake.spreadsheet.sheets.map((sh) => {
      const rows = Math.max(1, sh.getLastRow())
      const columns = Math.max(1, sh.getMaxColumns())
      return {
        name: sh.name,
        values: sh.values(),
        fills: sh.getRange(1, 1, rows, columns).getBackgrounds(),
        notes: sh.getRange(1, 1, 1, columns).getNotes(),
        formats: sh.getRange(1, 1, rows, columns).getNumberFormats(),
        widths: Array.from({ length: columns }, (_, c) => sh.getColumnWidth(c + 1)),
      }
    }),
  )
}

function measure(s: SheetsSession, tab = '平台导出'): { total: number; byMethod: Record<string, number> } {
  s.fake.resetCounts()
  expect(menu(s, 'menuImport', '2026-05', tab)).toMatch(/已从“平台导出”导入/)
  const counts = s.fake.alertCounts[s.fake.alertCounts.length - 1]
  if (!counts) throw new Error('no dialog')
  const classes: readonly string[] = SPREADSHEET_CLASSES
  return {
    total: FakeAppsScript.sum(counts),
    byMethod: Object.fromEntries([...counts].filter(([k]) => classes.includes(k.split('.')[0] ?? '')).sort()),
  }
}
