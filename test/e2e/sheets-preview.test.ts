/**
 * SPEC §10: MONTHSCORE and MONTHBREAKDOWN on a month sheet give exactly what the close writes, for the same
 * sheet — blank count cells filled from 事件 / 值班, blank inputs from the platform import's columns, rules
 * from 规则, 不参与 rows blank. A property over generated books (random inputs, random blank count cells,
 * random imported inputs, random events), through dist/Code.js.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MONTH_INPUT_HEADERS, PLATFORM_FIELDS, RECORD_FIELDS } from '../../src/core/fields'
import type { Stored } from '../support/fake-apps-script'
import { sheetFunction } from '../support/load-bundle'
import { headerIndex, menu, openSheets } from './sheets-scenario'

const MONTH = '2026-05'
const SHEET = `${MONTH} 月度`
const INPUTS = MONTH_INPUT_HEADERS
const COUNTS: readonly string[] = RECORD_FIELDS.map((f) => f.header)
const N = 6
const WORKING_DAYS = ['11', '12', '13', '14', '15', '18'] // Mondays to Fridays of May 2026
const id = (i: number) => `P${i}`

const operator = fc.record({
  days: fc.integer({ min: 36, max: 44 }).map((h) => h / 2),
  calls: fc.integer({ min: 900, max: 2200 }),
  texts: fc.integer({ min: 0, max: 60 }),
  rating: fc.integer({ min: 60, max: 100 }).map((x) => x / 10),
  rate: fc.integer({ min: 850, max: 1000 }).map((x) => x / 1000),
  blanks: fc.subarray([...COUNTS]),
  /** Inputs left blank with the platform's value in its column after the results (SPEC §14). */
  platform: fc.subarray(PLATFORM_FIELDS.map((f) => f.header)),
  events: fc.array(
    fc.record({
      day: fc.integer({ min: 4, max: 29 }),
      type: fc.constantFrom('迟到', '表扬', '有效投诉', '质量问题', '加班'),
      points: fc.integer({ min: 1, max: 3 }),
    }),
    { maxLength: 3 },
  ),
  duty: fc.constantFrom('', '未提前下班未补休', '提前下班'),
})

describe('§10 a month-sheet preview equals the close', () => {
  it('MONTHSCORE / MONTHBREAKDOWN over the inputs = the close’s 月度总分 and breakdown (property)', () => {
    fc.assert(
      fc.property(fc.array(operator, { minLength: N, maxLength: N }), (ops) => {
        const s = openSheets('Asia/Shanghai', new Date('2026-06-15T04:00:00Z'))
        menu(s, 'menuSetup')
        const roster: Stored[][] = ops.map((_, k) => [
          id(k + 1),
          `话务员${k + 1}`,
          '',
          '话务员',
          k === N - 1 ? '2026-04-20' : '2025-01-02',
          '',
          '',
        ])
        s.fake.sheet('人员').getRange(2, 1, N, 7).setValues(roster)
        const events: Stored[][] = []
        const duties: Stored[][] = []
        ops.forEach((o, k) => {
          for (const e of o.events) {
            const pts =
              e.type === '有效投诉' ? e.points + 2 : e.type === '迟到' || e.type === '表扬' ? '' : e.points
            events.push([`${MONTH}-${String(e.day).padStart(2, '0')}`, id(k + 1), e.type, pts, '', ''])
          }
          if (o.duty) duties.push([`${MONTH}-${WORKING_DAYS[k]}`, id(k + 1), o.duty])
        })
        if (events.length > 0) s.fake.sheet('事件').getRange(2, 1, events.length, 6).setValues(events)
        if (duties.length > 0) s.fake.sheet('值班').getRange(2, 1, duties.length, 3).setValues(duties)
        menu(s, 'menuNewMonth', MONTH)
        const sheet = s.fake.sheet(SHEET)
        const cols = headerIndex(sheet)
        const col = (h: string) => cols.get(h) ?? 0
        sheet.column('工号').forEach((cellId, r) => {
          const k = Number(String(cellId).slice(1)) - 1
          const o = ops[k]
          if (!o) return
          const row = r + 2
          const count = (t: string) => o.events.filter((e) => e.type === t).length
          const points = (t: string, extra = 0) =>
            o.events.filter((e) => e.type === t).reduce((a, e) => a + e.points + extra, 0)
          // A typed count agrees with the records of its kind (else the close refuses): type what they say.
          const records: Record<string, number> = {
            迟到早退次数: count('迟到'),
            旷工脱岗半天数: 0,
            中午值班加分次数: o.duty === '未提前下班未补休' ? 1 : 0,
            其他加班加分: points('加班'),
            有效投诉扣分: points('有效投诉', 2),
            表扬次数: count('表扬'),
            质检扣分: points('质量问题'),
          }
          const typed: Record<string, Stored> = {
            出勤天数: o.days,
            接听电话数: o.calls,
            文字咨询条数: o.texts,
            全勤: count('迟到') > 0 ? '否' : '是',
            领导评价: o.rating,
            满意率: o.rate,
          }
          for (const c of COUNTS) typed[c] = o.blanks.includes(c) ? '' : (records[c] ?? 0)
          // Imported: the input cell stays blank; the value sits in the platform column, outside the range.
          for (const f of PLATFORM_FIELDS)
            if (o.platform.includes(f.header)) {
              typed[f.platform] = typed[f.header] ?? ''
              typed[f.header] = ''
            }
          for (const [h, v] of Object.entries(typed)) sheet.getRange(row, col(h)).setValues([[v]])
        })
        // The formula sits in row 2 and spans the data rows, as one array formula would.
        const first = col(INPUTS[0] ?? '')
        const rows = sheet.getLastRow() - 1
        const range = sheet.getRange(2, first, rows, INPUTS.length).getValues()
        s.fake.spreadsheet.getSheetByName(SHEET)?.activate()
        s.fake.activeRange = sheet.getRange(2, col('月度总分'))
        const preview = sheetFunction(s.ctx, 'MONTHSCORE')(range) as unknown[][]
        const breakdown = sheetFunction(s.ctx, 'MONTHBREAKDOWN')(range) as unknown[][]
        s.fake.activeRange = null
        const closed = menu(s, 'menuCloseMonth', MONTH)
        expect(closed).toMatch(/月度结算完成/)
        const totals = sheet.getRange(2, col('月度总分'), rows, 1).getValues()
        const parts = sheet.getRange(2, col('工作量得分'), rows, 6).getValues()
        expect(preview).toEqual(totals)
        expect(breakdown).toEqual(parts)
      }),
      { numRuns: 12 },
    )
  })
})
