/**
 * 第三条 派驻更换 and 第五条 消极怠工 through the CLI on a real .xlsx: `kaohe init`, 人员 and 值班 written,
 * `kaohe prepare`, May typed, `kaohe close`, the 预警 sheet read back with exceljs, `kaohe statement`.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { closeCommand, EXIT, initCommand, prepareCommand } from '../../src/cli/commands'
import { loadWorkbookFile, saveWorkbookFile } from '../../src/cli/file'
import { statementCommand, statementPath } from '../../src/cli/report'
import { XlsxWorkbook } from '../../src/cli/xlsx-workbook'
import { parsePeriod } from '../../src/core/period'
import { monthLayout, monthSheetName, NOON_LAYOUT, ROSTER_LAYOUT } from '../../src/workbook/layouts'
import type { Cell } from '../../src/workbook/types'
import { rows as htmlRows } from '../report/read-html'
import { tempDir, testContext } from './support'

const MONTH = '2026-05'
const INPUTS = ['出勤天数', '接听电话数', '文字咨询条数', '全勤', '领导评价', '满意率'] as const
const ROSTER: Cell[][] = [
  ['GZ01', '陈一', '', '话务员', '2024-01-02', '', ''],
  ['GZ02', '林二', '', '话务员', '2024-01-02', '', ''],
  ['GZ03', '黄三', '', '话务员', '2024-01-02', '', ''],
  // Day 364 within the year; the same court's newcomer on 2026-05-06 → 派驻更换.
  ['YX01', '何伟', '越秀区人民法院', '话务员', '2025-05-01', '2026-04-30', ''],
  ['YX02', '许丽', '越秀区人民法院', '话务员', '2026-05-06', '', ''],
  // Day 365: the year is served → nothing.
  ['HZ01', '郭峰', '海珠区人民法院', '话务员', '2025-05-06', '2026-05-06', ''],
  ['HZ02', '罗敏', '海珠区人民法院', '话务员', '2026-05-07', '', ''],
  // 考核不达标 in 备注 → nothing.
  ['BY01', '梁军', '白云区人民法院', '话务员', '2025-06-01', '2026-05-10', '考核不达标'],
  ['BY02', '宋佳', '白云区人民法院', '话务员', '2026-05-11', '', ''],
  // A newcomer from another court replaces nobody → nothing (a 派驻缺位 instead).
  ['LW01', '谢娜', '荔湾区人民法院', '话务员', '2025-06-01', '2026-05-12', ''],
  ['HD01', '韩冬', '花都区人民法院', '话务员', '2026-05-13', '', ''],
]
const NOON: Cell[][] = [
  ['2026-05-13', 'GZ01', '消极怠工'],
  ['2026-05-13', 'GZ02', '未提前下班未补休'],
]

async function fill(file: string, ctx: ReturnType<typeof testContext>['ctx']): Promise<void> {
  let raw = await loadWorkbookFile(file)
  let book = new XlsxWorkbook(raw, { user: 'tester' })
  book.apply({
    message: '',
    writes: [
      { sheet: ROSTER_LAYOUT.name, layout: ROSTER_LAYOUT, mode: 'replace', rows: ROSTER },
      { sheet: NOON_LAYOUT.name, layout: NOON_LAYOUT, mode: 'replace', rows: NOON },
    ],
  })
  await saveWorkbookFile(raw, file)
  expect(await prepareCommand(file, MONTH, ctx)).toBe(EXIT.ok)
  raw = await loadWorkbookFile(file)
  book = new XlsxWorkbook(raw, { user: 'tester' })
  const name = monthSheetName(MONTH)
  const grid = book.read([name]).get(name) ?? []
  const note = (grid[0] ?? []).indexOf('预警')
  const typed = grid
    .slice(1)
    .map((r) => (String(r[note]).startsWith('不参与') ? INPUTS.map(() => '') : [20, 1500, 0, '是', 9, 1]))
  book.apply({
    message: '',
    writes: [{ sheet: name, layout: monthLayout(MONTH), mode: 'columns', columns: INPUTS, rows: typed }],
  })
  await saveWorkbookFile(raw, file)
}

describe('kaohe on .xlsx: 第三条 派驻更换 and 第五条 消极怠工', () => {
  it('第三条 `kaohe close` lists the early replacement in 预警; 第五条 the slack duty earns nothing', async () => {
    const file = path.join(tempDir(), '考核.xlsx')
    const { ctx } = testContext(new Date('2026-06-03T02:00:00Z'))
    expect(await initCommand(file, ctx)).toBe(EXIT.ok)
    await fill(file, ctx)
    expect(await closeCommand(file, MONTH, ctx)).toBe(EXIT.ok)

    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(file)
    const alerts = wb.getWorksheet('预警')
    const values: string[][] = []
    alerts?.eachRow((row, n) => {
      if (n > 1) values.push((row.values as unknown[]).slice(1).map((v) => String(v ?? '')))
    })
    const replaced = values.filter((r) => r[3] === '派驻更换')
    expect(replaced.map((r) => r.slice(0, 5))).toEqual([['2026-05', 'YX01', '何伟', '派驻更换', '第三条']])
    expect(replaced[0]?.[5]).toContain('何伟（YX01）于2025-05-01派驻、2026-04-30离岗')
    expect(replaced[0]?.[5]).toContain('许丽（YX02）于2026-05-06到岗接替')
    expect(values.filter((r) => r[3] === '派驻缺位').map((r) => r[1])).toEqual(['LW01'])

    const month = wb.getWorksheet(monthSheetName(MONTH))
    if (!month) throw new Error('no month sheet')
    const headers = (month.getRow(1).values as unknown[]).map(String)
    const score = (id: string) => {
      let found: unknown = null
      month.eachRow((row) => {
        if (row.getCell(headers.indexOf('工号')).value === id)
          found = row.getCell(headers.indexOf('考勤得分')).value
      })
      return found
    }
    expect(score('GZ01')).toBe(10) // 消极怠工: no point
    expect(score('GZ02')).toBe(11)

    // A second close changes nothing in 预警.
    const before = JSON.stringify(values)
    expect(await closeCommand(file, MONTH, ctx)).toBe(EXIT.ok)
    const again = new XlsxWorkbook(await loadWorkbookFile(file))
    const grid = again.read(['预警']).get('预警') ?? []
    expect(JSON.stringify(grid.slice(1).map((r) => r.map((v) => String(v ?? ''))))).toBe(before)

    // `kaohe statement` shows the slack duty with 第五条.
    expect(await statementCommand(file, MONTH, 'GZ01', undefined, ctx)).toBe(EXIT.ok)
    const html = readFileSync(statementPath(file, parsePeriod(MONTH), 'GZ01'), 'utf8')
    const duty = htmlRows(html, 'duties', 'data-date').get('2026-05-13')
    expect(duty?.get('outcome')).toBe('消极怠工')
    expect(duty?.get('effect')).toContain('第五条：一经发现存在消极怠工情形的，一律取消提前下班、补休资格')
  })
})
