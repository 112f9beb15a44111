import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { beforeEach, describe, expect, it } from 'vitest'
import {
  closeCommand,
  EXIT,
  exitCodeOf,
  initCommand,
  prepareCommand,
  publishCommand,
  refreshCommand,
  reopenCommand,
  validateCommand,
} from '../../src/cli/commands'
import { backupPath, loadWorkbookFile, saveWorkbookFile } from '../../src/cli/file'
import { XlsxWorkbook } from '../../src/cli/xlsx-workbook'
import { monthLayout, monthSheetName, ROSTER_LAYOUT } from '../../src/workbook/layouts'
import { prepareMonth } from '../../src/workbook/workflows'
import { sha256, tempDir, testContext } from './support'

const MONTH = '2025-05'
const INPUTS = ['出勤天数', '接听电话数', '文字咨询条数', '全勤', '领导评价', '满意率'] as const

/** 人员 with three operators, then a prepared May sheet with its numbers typed in. */
async function fillScenario(file: string, rows: Record<string, (string | number)[]>): Promise<void> {
  const raw = await loadWorkbookFile(file)
  const book = new XlsxWorkbook(raw, { user: 'tester' })
  book.apply({
    message: '',
    writes: [
      {
        sheet: ROSTER_LAYOUT.name,
        layout: ROSTER_LAYOUT,
        mode: 'replace',
        rows: [
          ['GZ01', '陈晓琳', '', '话务员', '2023-03-01', '', ''],
          ['GZ02', '=黄志强', '越秀区人民法院', '带班班长', '2022-01-10', '', ''],
          ['GZ03', '李嘉欣', '', '话务员', '2024-01-02', '', ''],
        ],
      },
    ],
  })
  const prepared = prepareMonth(book, MONTH)
  if (!prepared.ok) throw new Error(prepared.message)
  book.apply(prepared.plan)
  const name = monthSheetName(MONTH)
  const grid = book.read([name]).get(name) ?? []
  book.apply({
    message: '',
    writes: [
      {
        sheet: name,
        layout: monthLayout(MONTH),
        mode: 'columns',
        columns: INPUTS,
        rows: grid.slice(1).map((r) => rows[String(r[0])] ?? INPUTS.map(() => '')),
      },
    ],
  })
  await saveWorkbookFile(raw, file)
}

const GOOD = {
  GZ01: [20, 1501, 0, '是', 9, 0.985], // 第七条: 35.1 + 10 + 9 + 9.9 + 10 = 74.0
  GZ02: [21, 1100, 60, '是', 9.5, 0.99],
  GZ03: [19.5, 1200, 30, '否', 8.5, 0.97],
}

describe('kaohe commands on .xlsx files (SPEC §12)', () => {
  let dir: string
  let file: string
  beforeEach(() => {
    dir = tempDir()
    file = path.join(dir, '考核.xlsx')
  })

  it('第七条 init → fill → close → read back with exceljs: scores, rank, stars, protection, log', async () => {
    const { ctx, lines } = testContext()
    expect(await initCommand(file, ctx)).toBe(EXIT.ok)
    expect(existsSync(file)).toBe(true)
    await fillScenario(file, GOOD)
    expect(await validateCommand(file, MONTH, ctx)).toBe(EXIT.ok)
    expect(await closeCommand(file, MONTH, ctx)).toBe(EXIT.ok)
    expect(lines.join('\n')).toContain('原文件已备份为')
    expect(existsSync(backupPath(file))).toBe(true)

    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(file)
    const ws = wb.getWorksheet(monthSheetName(MONTH))
    const headers = ws ? (ws.getRow(1).values as unknown[]).map(String) : []
    const col = (h: string) => headers.indexOf(h)
    const row = ws?.getRow(2)
    expect(row?.getCell(col('工号')).value).toBe('GZ01')
    expect(row?.getCell(col('工作量得分')).value).toBe(35.1)
    expect(row?.getCell(col('考勤得分')).value).toBe(10)
    expect(row?.getCell(col('满意度得分')).value).toBe(9.9)
    expect(row?.getCell(col('月度总分')).value).toBe(74)
    expect(typeof ws?.getRow(3).getCell(col('排名')).value).toBe('number')
    expect(ws?.getRow(2).getCell(col('每月之星')).value).toBe('是') // three ranked: all three are stars
    expect((ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet).toBe(true)
    // A name typed as '=黄志强' stays text through every write.
    expect(wb.getWorksheet('人员')?.getCell('B3').value).toBe('=黄志强')
    const log = wb.getWorksheet('日志')
    expect(log?.getRow(log.rowCount).getCell(3).value).toBe('月度结算')

    // Running the close twice gives the same result, never duplicates.
    expect(await closeCommand(file, MONTH, ctx)).toBe(EXIT.ok)
    const again = new XlsxWorkbook(await loadWorkbookFile(file))
    const grid = again.read([monthSheetName(MONTH)]).get(monthSheetName(MONTH))
    expect(grid?.length).toBe(4)
    expect(await publishCommand(file, MONTH, ctx)).toBe(EXIT.ok)
    expect(await reopenCommand(file, MONTH, ctx)).toBe(EXIT.ok)
    const reopened = new ExcelJS.Workbook()
    await reopened.xlsx.readFile(file)
    const sheet = reopened.getWorksheet(monthSheetName(MONTH)) as unknown as { sheetProtection?: unknown }
    expect(sheet.sheetProtection ?? null).toBeNull()
  })

  it('第七条 a refused close (bad input) leaves the file byte-identical and exits 1 with sheet and cell', async () => {
    const { ctx, lines } = testContext()
    await initCommand(file, ctx)
    await fillScenario(file, { ...GOOD, GZ03: [40, 1200, 30, '否', 12, 0.97] })
    const before = sha256(file)
    const filesBefore = readdirSync(dir).sort()
    expect(await closeCommand(file, MONTH, ctx)).toBe(EXIT.problems)
    expect(sha256(file)).toBe(before)
    expect(readdirSync(dir).sort()).toEqual(filesBefore) // no temp file left, no new backup
    const out = lines.join('\n')
    expect(out).toMatch(/“2025-05 月度” [A-Z]+4：/)
    expect(out).toContain('工作簿未作任何改动')
    expect(await validateCommand(file, MONTH, ctx)).toBe(EXIT.problems)
    expect(sha256(file)).toBe(before)
  })

  it('§2 a broken formula (#REF!) and a formula never computed are named, never read as 0 calls', async () => {
    const { ctx, lines } = testContext()
    await initCommand(file, ctx)
    await fillScenario(file, GOOD)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(file)
    const ws = wb.getWorksheet(monthSheetName(MONTH))
    if (!ws) throw new Error('no month sheet')
    const header = ws.getRow(1).values as unknown[]
    const calls = header.indexOf('接听电话数')
    const rating = header.indexOf('领导评价')
    ws.getRow(2).getCell(calls).value = { error: '#REF!' } as ExcelJS.CellErrorValue
    ws.getRow(3).getCell(calls).value = { formula: 'SUM(Z1:Z3)' } as ExcelJS.CellFormulaValue
    ws.getRow(4).getCell(rating).value = { error: '#REF!' } as ExcelJS.CellErrorValue
    await wb.xlsx.writeFile(file)
    expect(await closeCommand(file, MONTH, ctx)).toBe(EXIT.problems)
    const out = lines.join('\n')
    expect(out).toMatch(/接听电话数的公式出错（#REF!）/)
    expect(out).toMatch(/接听电话数的公式没有计算结果：请在 Excel\/WPS 中打开并保存后再试/)
    expect(out).toMatch(/领导评价的公式出错（#REF!）/)
    expect(out).not.toMatch(/领导评价不能为空/)
  })

  it('a save that fails midway leaves the original byte-identical and no temporary file', async () => {
    const { ctx } = testContext()
    await initCommand(file, ctx)
    await fillScenario(file, GOOD)
    const before = sha256(file)
    rmSync(backupPath(file), { force: true })
    mkdirSync(backupPath(file)) // the backup cannot be written: a folder is in the way
    const filesBefore = readdirSync(dir).sort()
    const code = await closeCommand(file, MONTH, ctx).catch((err) => exitCodeOf(err, ctx.reporter))
    expect(code).toBe(EXIT.usage)
    expect(sha256(file)).toBe(before)
    expect(readdirSync(dir).sort()).toEqual(filesBefore)
  })

  it('a corrupt file, a missing file, an .xls and a non-assessment workbook exit 2 with a Chinese message', async () => {
    const { ctx, errors } = testContext()
    const run = (p: Promise<number>) => p.catch((err) => exitCodeOf(err, ctx.reporter))
    writeFileSync(file, 'PK\u0003\u0004 this is not really a zip')
    expect(await run(validateCommand(file, MONTH, ctx))).toBe(EXIT.usage)
    expect(errors.pop()).toContain('已损坏或不是 .xlsx 格式')
    writeFileSync(file, 'name,calls\n陈晓琳,1200\n')
    expect(await run(closeCommand(file, MONTH, ctx))).toBe(EXIT.usage)
    expect(errors.pop()).toContain('不是有效的 .xlsx 文件')
    expect(await run(closeCommand(path.join(dir, 'nope.xlsx'), MONTH, ctx))).toBe(EXIT.usage)
    expect(errors.pop()).toContain('找不到文件')
    const other = new ExcelJS.Workbook()
    other.addWorksheet('Sheet1').getCell('A1').value = 'hello'
    await other.xlsx.writeFile(file)
    expect(await run(closeCommand(file, MONTH, ctx))).toBe(EXIT.usage)
    expect(errors.pop()).toContain('没有“人员”工作表')
    expect(await run(closeCommand(file, '2025-13', ctx))).toBe(EXIT.usage)
    expect(errors.pop()).toContain('期间格式不正确')
  })

  it('a workbook open in Excel (its ~$ lock file beside it) is refused before anything is read', async () => {
    const { ctx, errors } = testContext()
    await initCommand(file, ctx)
    writeFileSync(path.join(dir, `~$${path.basename(file)}`), '')
    const before = sha256(file)
    const code = await closeCommand(file, MONTH, ctx).catch((err) => exitCodeOf(err, ctx.reporter))
    expect(code).toBe(EXIT.usage)
    expect(errors.pop()).toContain('Excel/WPS 中打开')
    expect(sha256(file)).toBe(before)
  })

  it('第十四条 prepare lists the month from 人员; a second prepare is refused and changes nothing', async () => {
    const { ctx } = testContext()
    await initCommand(file, ctx)
    await fillScenario(file, GOOD)
    const june = '2025-06'
    expect(await prepareCommand(file, june, ctx)).toBe(EXIT.ok)
    const book = new XlsxWorkbook(await loadWorkbookFile(file))
    expect(
      book
        .read([monthSheetName(june)])
        .get(monthSheetName(june))
        ?.map((r) => r[0]),
    ).toEqual(['工号', 'GZ01', 'GZ02', 'GZ03'])
    const before = sha256(file)
    expect(await prepareCommand(file, june, ctx)).toBe(EXIT.problems)
    expect(sha256(file)).toBe(before)
  })

  it('init on an existing workbook keeps its data (idempotent)', async () => {
    const { ctx } = testContext()
    await initCommand(file, ctx)
    await fillScenario(file, GOOD)
    expect(await initCommand(file, ctx)).toBe(EXIT.ok)
    const book = new XlsxWorkbook(await loadWorkbookFile(file))
    expect(book.read(['人员']).get('人员')?.length).toBe(4)
    expect(book.read([monthSheetName(MONTH)]).get(monthSheetName(MONTH))?.[1]?.[3]).toBe(1501)
  })

  it('SPEC §13 kaohe refresh recomputes 补休 状态 from 已休天数 and today; 已休天数 typed in the file is kept', async () => {
    const { ctx } = testContext()
    await initCommand(file, ctx)
    await fillScenario(file, GOOD)
    expect(await closeCommand(file, MONTH, ctx)).toBe(EXIT.ok)
    // The supervisor types 已休天数 = 1 for GZ01's May star in Excel.
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(file)
    const ws = wb.getWorksheet('补休')
    const head = ws ? (ws.getRow(1).values as unknown[]).map(String) : []
    const gz01 = ws
      ?.getRows(2, ws.rowCount - 1)
      ?.find((r) => r.getCell(head.indexOf('工号')).value === 'GZ01')
    if (!gz01) throw new Error('GZ01 has no 补休 row')
    gz01.getCell(head.indexOf('已休天数')).value = 1
    await wb.xlsx.writeFile(file)

    const late = testContext(new Date('2025-08-25T01:00:00Z'))
    expect(await refreshCommand(file, late.ctx)).toBe(EXIT.ok)
    const book = new XlsxWorkbook(await loadWorkbookFile(file))
    const grid = book.read(['补休']).get('补休') ?? []
    const h = grid[0] ?? []
    const state = grid
      .slice(1)
      .map((r) => `${r[h.indexOf('工号')]} ${r[h.indexOf('已休天数')]} ${r[h.indexOf('状态')]}`)
    expect(state).toEqual(['GZ01 1 已休完', 'GZ02  即将到期（6天）', 'GZ03  即将到期（6天）'])
    // Nothing moved since: a second refresh the same day writes nothing (the file stays as it is).
    const before = sha256(file)
    expect(await refreshCommand(file, late.ctx)).toBe(EXIT.ok)
    expect(sha256(file)).toBe(before)
  })
})
