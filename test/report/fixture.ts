/**
 * A closed 2026 workbook held in memory for the report tests: five scored operators plus a newcomer who
 * is not yet eligible (第十四条), January–May closed with results computed by the engine (第七条, 第十一条,
 * 第十五条), the 2026-Q1 quarter sheet (第九条, 第十二条, 第十三条), 预警 and 补休 rows.
 */

import { quarterScore } from '../../src/core/aggregate'
import { exact, toCellNumber, toFixed } from '../../src/core/decimal'
import { MONTH_INPUT_HEADERS, parseMonthInput } from '../../src/core/fields'
import type { MonthBreakdown } from '../../src/core/model'
import { monthsOf } from '../../src/core/period'
import { bottomGroup, monthStars, rankScores, serviceStars } from '../../src/core/ranking'
import { defaultRules } from '../../src/core/rules'
import { monthBreakdown } from '../../src/core/score'
import { proposeTiers } from '../../src/core/tiers'
import {
  ALERTS_LAYOUT,
  EVENTS_LAYOUT,
  HOLIDAYS_LAYOUT,
  LEAVE_LAYOUT,
  monthLayout,
  monthSheetName,
  NOON_LAYOUT,
  quarterLayout,
  ROSTER_LAYOUT,
  RULES_LAYOUT,
  SECONDMENTS_LAYOUT,
} from '../../src/workbook/layouts'
import type { Cell, Grid, Workbook, WritePlan } from '../../src/workbook/types'

export class MemoryBook implements Workbook {
  readonly timeZone = 'Asia/Shanghai'
  readonly sheets = new Map<string, Grid>()
  constructor(private readonly clock = '2026-05-20 09:00:00') {}
  sheetNames(): string[] {
    return [...this.sheets.keys()]
  }
  read(names: readonly string[]): Map<string, Grid> {
    const out = new Map<string, Grid>()
    for (const n of names) {
      const g = this.sheets.get(n)
      if (g)
        out.set(
          n,
          g.map((r) => [...r]),
        )
    }
    return out
  }
  apply(plan: WritePlan): void {
    for (const w of plan.writes) {
      const header = w.layout.columns.map((c) => c.header)
      const old = this.sheets.get(w.sheet) ?? [header]
      if (w.mode === 'replace') this.sheets.set(w.sheet, [header, ...(w.rows ?? [])])
      if (w.mode === 'append') this.sheets.set(w.sheet, [...old, ...(w.rows ?? [])])
      if (w.mode === 'header' && !this.sheets.has(w.sheet)) this.sheets.set(w.sheet, [header])
      if (w.mode === 'columns') {
        const cols = (w.columns ?? []).map((c) => header.indexOf(c))
        const grid = old.map((r) => [...r])
        ;(w.rows ?? []).forEach((values, i) => {
          const row = grid[i + 1] ?? header.map(() => '')
          cols.forEach((c, j) => {
            if (c >= 0) row[c] = values[j] ?? ''
          })
          grid[i + 1] = row
        })
        this.sheets.set(w.sheet, grid)
      }
    }
  }
  user(): string {
    return 'tester'
  }
  now(): string {
    return this.clock
  }
}

export const OPERATORS = [
  { id: '1001', name: '张敏', court: '', role: '带班班长', start: '2024-03-01' },
  { id: '1002', name: '李华', court: '越秀区法院', role: '话务员', start: '2024-06-01' },
  { id: '1003', name: '王芳', court: '', role: '话务员', start: '2023-09-01' },
  { id: '1004', name: '陈晨', court: '', role: '话务员', start: '2025-01-10' },
  { id: '1005', name: '刘洋<b>', court: '海珠区法院', role: '话务员', start: '2025-02-01' },
  { id: '1006', name: '赵磊', court: '', role: '话务员', start: '2026-04-20' },
] as const

/** Inputs per operator and month index (0 = January): calls vary so the ranking changes month to month. */
function inputsOf(opIndex: number, m: number): Cell[] {
  const calls = [1600, 1480, 1550, 1420, 1390][opIndex] ?? 1500
  const drift = ((opIndex * 7 + m * 13) % 9) * 12 - 48
  const isLeader = opIndex === 0
  const late = opIndex === 4 && m >= 3 ? 2 : 0
  return [
    21, // 出勤天数
    calls + drift, // 接听电话数
    30 + opIndex * 6, // 文字咨询条数
    isLeader ? '是' : '否',
    late, // 迟到早退次数
    0,
    late === 0 ? '是' : '否', // 全勤
    opIndex === 2 ? 1 : 0, // 中午值班加分次数
    0,
    8 + ((opIndex + m) % 3) * 0.5, // 领导评价
    0.95 + opIndex * 0.01, // 满意率
    opIndex === 3 && m === 2 ? 3 : 0, // 有效投诉扣分
    opIndex === 1 ? 1 : 0, // 表扬次数
    opIndex === 4 ? 1 : 0, // 质检扣分
  ]
}

export interface Expected {
  readonly breakdowns: Map<string, Map<string, MonthBreakdown>> // month → id → breakdown
  readonly ranks: Map<string, Map<string, number>>
  readonly stars: Map<string, Set<string>>
  readonly quarter: Map<string, number> // id → Q1 score (exact shown to 2 decimals)
}

export const CLOSED_MONTHS = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05'] as const

export function fixtureBook(): { book: MemoryBook; expected: Expected } {
  const book = new MemoryBook()
  const rules = defaultRules()
  const hdr = (cols: readonly { header: string }[]) => cols.map((c) => c.header)
  book.sheets.set('规则', [hdr(RULES_LAYOUT.columns)])
  book.sheets.set('人员', [
    hdr(ROSTER_LAYOUT.columns),
    ...OPERATORS.map((o): Cell[] => [o.id, o.name, o.court, o.role, o.start, '', '']),
  ])
  book.sheets.set('借调', [hdr(SECONDMENTS_LAYOUT.columns)])
  book.sheets.set('事件', [
    hdr(EVENTS_LAYOUT.columns),
    ['2026-04-08', '1005', '迟到', '', '', '8:40到岗'],
    ['2026-04-15', '1005', '早退', '', '', ''],
    ['2026-05-06', '1005', '迟到', '', '', ''],
    ['2026-05-12', '1005', '迟到', '', '', ''],
    ['2026-03-11', '1004', '有效投诉', 3, 'C-0311', '答复不完整'],
    ['2026-01-20', '1002', '表扬', '', '', '当事人来电致谢'],
    ['2026-02-20', '1002', '表扬', '', '', ''],
    ['2026-03-20', '1002', '表扬', '', '', ''],
    ['2026-04-20', '1002', '表扬', '', '', ''],
    ['2026-05-20', '1002', '表扬', '', '', ''],
    ...[1, 2, 3, 4, 5].map((m): Cell[] => [`2026-0${m}-14`, '1005', '质量问题', 1, '', '']),
  ])
  book.sheets.set('值班', [
    hdr(NOON_LAYOUT.columns),
    ...[1, 2, 3, 4, 5].map((m): Cell[] => [`2026-0${m}-13`, '1003', '未提前下班未补休']),
  ])
  book.sheets.set('节假日', [hdr(HOLIDAYS_LAYOUT.columns)])
  const breakdowns = new Map<string, Map<string, MonthBreakdown>>()
  const ranks = new Map<string, Map<string, number>>()
  const stars = new Map<string, Set<string>>()
  CLOSED_MONTHS.forEach((month, m) => {
    const layout = monthLayout(month)
    const rows: Cell[][] = []
    const bds = new Map<string, MonthBreakdown>()
    OPERATORS.forEach((o, i) => {
      if (o.id === '1006' && month < '2026-04') return
      if (o.id === '1006') {
        rows.push([o.id, o.name, ...MONTH_INPUT_HEADERS.map(() => '')])
        return
      }
      const values = inputsOf(i, m)
      const { input, errors } = parseMonthInput(values)
      if (!input) throw new Error(`fixture input invalid: ${JSON.stringify(errors)}`)
      bds.set(o.id, monthBreakdown(input, rules))
      rows.push([o.id, o.name, ...values])
    })
    const scored = [...bds].map(([id, b]) => ({ id, score: b.total }))
    const r = rankScores(scored)
    const s = monthStars(scored)
    const bottom = bottomGroup(scored)
    breakdowns.set(month, bds)
    ranks.set(month, r)
    stars.set(month, s)
    const grid: Grid = [hdr(layout.columns)]
    for (const row of rows) {
      const id = String(row[0])
      const b = bds.get(id)
      const results: Cell[] = b
        ? [
            ...[b.workload, b.attendance, b.leader, b.satisfaction, b.qc, b.total].map((x) =>
              toCellNumber(x),
            ),
            r.get(id) ?? '',
            s.has(id) ? '是' : '',
            bottom.has(id) ? '是' : '',
            id === '1005' && month === '2026-05' ? '第十五条（三）：6个月内业务质量问题5次' : '',
          ]
        : ['', '', '', '', '', '', '', '', '', '不参与：入职或派驻未满2个月，不参与月度考核']
      grid.push([...row, ...results])
    }
    book.sheets.set(monthSheetName(month), grid)
  })
  // Q1 quarter sheet.
  const q1 = { kind: 'quarter', year: 2026, quarter: 1 } as const
  const qMonths = monthsOf(q1)
  const quarter = new Map<string, number>()
  const qScored = OPERATORS.filter((o) => o.id !== '1006').map((o) => {
    const totals = qMonths.flatMap((m) => {
      const b = breakdowns.get(m)?.get(o.id)
      return b ? [b.total] : []
    })
    const score = quarterScore(totals) ?? exact(0)
    quarter.set(o.id, Number(toFixed(score, 2)))
    return { id: o.id, score }
  })
  const qRanks = rankScores(qScored)
  const qStars = serviceStars(qScored)
  const tiers = proposeTiers(qScored, rules)
  book.sheets.set('2026-Q1 季度', [
    hdr(quarterLayout(q1).columns),
    ...OPERATORS.filter((o) => o.id !== '1006').map((o): Cell[] => [
      o.id,
      o.name,
      ...qMonths.map((m) => toCellNumber(breakdowns.get(m)?.get(o.id)?.total ?? exact(0))),
      quarter.get(o.id) ?? '',
      qRanks.get(o.id) ?? '',
      qStars.has(o.id) ? '是' : '',
      tiers.get(o.id)?.tier ?? '',
      '',
      '',
    ]),
  ])
  book.sheets.set('预警', [
    hdr(ALERTS_LAYOUT.columns),
    ['2026-03', '1004', '陈晨', '谈话提醒', '第十五条（二）', '6个月内有效投诉3次'],
    ['2026-05', '1005', '刘洋<b>', '谈话提醒', '第十五条（三）', '6个月内业务质量问题5次'],
    ['2026-05', '', '', '派驻缺位', '第三条', '越秀区法院派驻人员离岗后14天内未重新派驻'],
  ])
  book.sheets.set('补休', [
    hdr(LEAVE_LAYOUT.columns),
    // A February star: by 31 May, 11 days after 2026-05-20 → listed.
    ['1001', '张敏', '2026-02 每月之星', '2026-03-05', 1, '2026-05-31', 0, '即将到期'],
    // Fully taken → not listed.
    ['1002', '李华', '2026-02 每月之星', '2026-03-05', 1, '2026-05-31', 1, '已休完'],
    // Half taken, expiring in 5 days → listed with 0.5 left.
    ['1003', '王芳', '2026-05 中午值班', '2026-05-13', 1, '2026-05-25', 0.5, '部分已休'],
    // An April star, due 31 July → too far to list.
    ['1003', '王芳', '2026-04 每月之星', '2026-05-08', 1, '2026-07-31', 0, '未休'],
  ])
  return { book, expected: { breakdowns, ranks, stars, quarter } }
}
