/**
 * 公示 → 异议 → 评定 offline (issue 15, SPEC §15, 第八条): dist/cli.cjs as a child process over a real .xlsx —
 * `publish`, an objection blocks `close` (exit 1, the row named, the file untouched), the 更正 changes the
 * final score and the ranking, a late 更正 is applied after `reopen --objection <行号>` (logged with the row),
 * and `statement` lists the objection with its outcome and 处理说明. The objections are typed with exceljs,
 * as a clerk would in Excel or WPS.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import ExcelJS from 'exceljs'
import { beforeAll, describe, expect, it } from 'vitest'
import { sha256, tempDir } from './support'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const CLI = path.join(ROOT, 'dist/cli.cjs')
const MONTH = '2025-05'
const MONTH_SHEET = `${MONTH} 月度`

function kaohe(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, KAOHE_DEBUG: '' },
  })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

/** Opens the file with exceljs, lets `edit` type into it, saves it. */
async function typeInto(file: string, edit: (wb: ExcelJS.Workbook) => void): Promise<void> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(file)
  edit(wb)
  await wb.xlsx.writeFile(file)
}

function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name)
  if (!ws) throw new Error(`no sheet ${name}`)
  return ws
}

function columnOf(ws: ExcelJS.Worksheet, header: string): number {
  const headers = (ws.getRow(1).values as unknown[]).map((v) => String(v ?? ''))
  const c = headers.indexOf(header)
  if (c < 1) throw new Error(`no column ${header}`)
  return c
}

function rowOf(ws: ExcelJS.Worksheet, id: string): number {
  const c = columnOf(ws, '工号')
  for (let r = 2; r <= ws.rowCount; r++) if (String(ws.getRow(r).getCell(c).value) === id) return r
  throw new Error(`no row ${id}`)
}

function setInput(wb: ExcelJS.Workbook, id: string, header: string, value: ExcelJS.CellValue): void {
  const ws = sheet(wb, MONTH_SHEET)
  ws.getRow(rowOf(ws, id)).getCell(columnOf(ws, header)).value = value
}

async function read(file: string, id: string, header: string): Promise<unknown> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(file)
  const ws = sheet(wb, MONTH_SHEET)
  return ws.getRow(rowOf(ws, id)).getCell(columnOf(ws, header)).value
}

async function lastLog(file: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(file)
  const log = sheet(wb, '日志')
  return (log.getRow(log.rowCount).values as unknown[]).slice(1).map((v) => String(v ?? ''))
}

/** 异议 row `row`: 月份, 工号, 姓名, 提出日期, 事项, 内容, then 处理结果, 处理说明, 处理人, 处理日期 when settled. */
function objection(wb: ExcelJS.Workbook, row: number, cells: readonly ExcelJS.CellValue[]): void {
  const ws = sheet(wb, '异议')
  cells.forEach((v, i) => {
    ws.getRow(row).getCell(i + 1).value = v
  })
}

const ROSTER = [
  ['GZ01', '陈晓琳', '', '话务员', '2023-03-01'],
  ['GZ02', '黄志强', '越秀区人民法院', '带班班长', '2022-01-10'],
  ['GZ03', '李嘉欣', '', '话务员', '2024-01-02'],
]
/** 出勤天数, 接听电话数, 文字咨询条数, 全勤, 领导评价, 满意率. */
const INPUTS: Record<string, ExcelJS.CellValue[]> = {
  GZ01: [20, 1501, 0, '是', 9, 0.985], // 第七条: 35.1 + 10 + 9 + 9.9 + 10 = 74.0
  GZ02: [21, 1100, 60, '是', 9.5, 0.99], // 29.3 + 10 + 9.5 + 9.9 + 10 = 68.7
  GZ03: [19.5, 1200, 30, '否', 8.5, 0.97], // 22.1 + 8 + 8.5 + 9.7 + 10 = 58.3
}
const INPUT_HEADERS = ['出勤天数', '接听电话数', '文字咨询条数', '全勤', '领导评价', '满意率']

let dir: string
let file: string
const steps: Record<string, { code: number | null; out: string; err: string }> = {}
const hashes: Record<string, string> = {}

beforeAll(async () => {
  dir = tempDir()
  file = path.join(dir, '考核.xlsx')
  steps.init = kaohe('init', file)
  await typeInto(file, (wb) => {
    const roster = sheet(wb, '人员')
    ROSTER.forEach((r, i) => {
      r.forEach((v, j) => {
        roster.getRow(i + 2).getCell(j + 1).value = v
      })
    })
  })
  steps.prepare = kaohe('prepare', file, MONTH)
  await typeInto(file, (wb) => {
    for (const [id, values] of Object.entries(INPUTS))
      for (const [i, v] of values.entries()) setInput(wb, id, INPUT_HEADERS[i] ?? '', v)
  })
  steps.publish = kaohe('publish', file, MONTH)
  // 李嘉欣 objects during 公示: her platform export missed 500 calls.
  await typeInto(file, (wb) =>
    objection(wb, 2, [MONTH, 'GZ03', '李嘉欣', '2025-06-04', '业务工作量', '漏计500通']),
  )
  hashes.beforeRefused = sha256(file)
  steps.refused = kaohe('close', file, MONTH)
  hashes.afterRefused = sha256(file)
}, 120_000)

describe('kaohe over .xlsx: objections during 公示 (第八条)', () => {
  it('第八条 init creates 异议 with dropdowns for 事项 and 处理结果', async () => {
    expect(steps.init?.code).toBe(0)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(file)
    const ws = sheet(wb, '异议')
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([
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
    const validation = (col: number) =>
      (
        ws as unknown as { dataValidations: { find(a: string): { formulae: string[] } | undefined } }
      ).dataValidations.find(`${String.fromCharCode(64 + col)}2`)
    expect(validation(7)?.formulae).toEqual(['"维持,更正,撤回"'])
    expect(validation(5)?.formulae[0]).toContain('业务工作量')
  })

  it('第八条 公示 says until when and to whom objections go', async () => {
    expect(steps.publish?.code).toBe(0)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(file)
    const publish = sheet(wb, '公示')
    const footer = String(publish.getRow(publish.rowCount).getCell(1).value)
    // 2025-06-10 is a Tuesday: the 终评 deadline is the nominal one.
    expect(footer).toMatch(/请于2025-06-10（考核得分评定截止日）前向带班班长提出/)
  })

  it('第八条 close is refused (exit 1) while the objection is open, naming its row; the file is untouched', () => {
    expect(steps.refused?.code).toBe(1)
    expect(steps.refused?.out).toContain('“异议” G2：第2行 工号“GZ03” 李嘉欣对2025-05公示的异议尚未处理')
    expect(hashes.afterRefused).toBe(hashes.beforeRefused)
  })

  it('第八条、第十一条 the 更正 changes the final score and the ranking; a late 更正 is applied after reopen --objection', async () => {
    await typeInto(file, (wb) => {
      setInput(wb, 'GZ03', '接听电话数', 1700)
      objection(wb, 2, [
        MONTH,
        'GZ03',
        '李嘉欣',
        '2025-06-04',
        '业务工作量',
        '漏计500通',
        '更正',
        '核对平台数据，补计500通',
        '黄志强',
        '2025-06-05',
      ])
    })
    const closed = kaohe('close', file, MONTH)
    expect(closed.code).toBe(0)
    expect(closed.out).toMatch(/异议1件：更正1/)
    // (1700 + 30 / 3) / 19.5 = 87.69 calls a day → 47.7; total 47.7 + 8 + 8.5 + 9.7 + 10 = 83.9, first.
    expect(await read(file, 'GZ03', '月度总分')).toBe(83.9)
    expect(await read(file, 'GZ03', '排名')).toBe(1)
    expect(await read(file, 'GZ01', '排名')).toBe(2)
    expect((await lastLog(file)).slice(2, 5)).toEqual([
      '月度结算',
      MONTH,
      expect.stringMatching(/，异议1件：更正1$/),
    ])

    // 陈晓琳 objects after the close; 300 calls were missing too.
    await typeInto(file, (wb) =>
      objection(wb, 3, [
        MONTH,
        'GZ01',
        '',
        '2025-06-06',
        '业务工作量',
        '漏计300通',
        '更正',
        '补计300通',
        '黄志强',
        '2025-06-06',
      ]),
    )
    const again = kaohe('close', file, MONTH)
    expect(again.code).toBe(1)
    expect(again.out).toMatch(/“异议”有改动.*重新开放/)
    const badRow = kaohe('reopen', file, MONTH, '--objection', '第一行')
    expect(badRow.code).toBe(2)
    expect(badRow.err).toContain('--objection 应为“异议”表中该异议所在的行号')
    const reopened = kaohe('reopen', file, MONTH, '--objection', '3')
    expect(reopened.code).toBe(0)
    expect(reopened.out).toContain('因异议更正：“异议”第3行 GZ01 陈晓琳（业务工作量）')
    expect((await lastLog(file)).slice(2, 5)).toEqual([
      '重新开放',
      MONTH,
      '已解除保护，结果保留至再次结算；因异议更正：“异议”第3行 GZ01 陈晓琳（业务工作量）',
    ])
    expect(kaohe('reopen', file, MONTH, '--objection', '3').code).toBe(1) // already reopened
    await typeInto(file, (wb) => setInput(wb, 'GZ01', '接听电话数', 1801))
    expect(kaohe('close', file, MONTH).code).toBe(0)
    // 1801 / 20 = 90.05 a day → 50.05 → 50.1 (half away from zero); 50.1 + 10 + 9 + 9.9 + 10 = 89.0, first.
    expect(await read(file, 'GZ01', '月度总分')).toBe(89)
    expect(await read(file, 'GZ01', '排名')).toBe(1)
    expect(await read(file, 'GZ03', '排名')).toBe(2)
    expect((await lastLog(file))[4]).toMatch(/异议2件：更正2$/)
  })

  it('第八条 the statement lists each objection with its outcome and 处理说明', () => {
    const out = path.join(dir, 'gz03.html')
    const r = kaohe('statement', file, MONTH, 'GZ03', out)
    expect(r.code).toBe(0)
    const html = readFileSync(out, 'utf8')
    expect(html).toContain('公示异议及处理结果（第八条）')
    expect(html).toMatch(
      /<td data-k="matter">业务工作量<\/td><td data-k="content">漏计500通<\/td><td data-k="outcome">更正<\/td><td data-k="explanation">核对平台数据，补计500通<\/td>/,
    )
    expect(html).not.toContain('漏计300通') // 陈晓琳's objection is hers
  })
})
