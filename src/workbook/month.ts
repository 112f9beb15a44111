/**
 * A month sheet (`YYYY-MM 月度`): its rows parsed into MonthInput (count cells filled from 事件 / 值班 when
 * blank, checked against them when filled), eligibility (第十四条, 第十七条) and the 第七条 breakdown.
 */
import { type Exact, exact } from '../core/decimal'
import { eligibility } from '../core/eligibility'
import { emptyCounts, type MonthCounts, monthCounts } from '../core/incidents'
import type { MonthBreakdown, MonthInput, Operator } from '../core/model'
import { isBlank, MONTH_INPUT_HEADERS, parseDecimal, parseMonthInput, parseText } from '../core/parse'
import { type MonthKey, monthPeriod } from '../core/period'
import { a1, type Problem } from '../core/problems'
import { monthBreakdown } from '../core/score'
import type { Inputs } from './context'
import { type COUNT_HEADERS, monthSheetName } from './layouts'
import { type HostNaming, MENU_NAMING } from './naming'
import { cellOf, idOf, missingHeaders, refOf, type Table } from './read'

export interface MonthRow {
  /** 1-based sheet row. */
  readonly row: number
  readonly id: string
  readonly operator: Operator
  readonly eligible: boolean
  /** Why not eligible ('' when eligible). */
  readonly reason: string
  readonly input: MonthInput | null
  readonly breakdown: MonthBreakdown | null
}

export interface MonthEvaluation {
  readonly month: MonthKey
  readonly rows: readonly MonthRow[]
  readonly problems: readonly Problem[]
}

type CountHeader = (typeof COUNT_HEADERS)[number]
type Counts = MonthCounts & { noonDuties: number }

const COUNT_SOURCE: Readonly<Record<CountHeader, { sheet: string; get: (c: Counts) => Exact }>> = {
  迟到早退次数: { sheet: '事件', get: (c) => exact(c.lateOrEarly) },
  旷工脱岗半天数: { sheet: '事件', get: (c) => exact(c.absentHalfDays) },
  中午值班加分次数: { sheet: '值班', get: (c) => exact(c.noonDuties) },
  其他加班加分: { sheet: '事件', get: (c) => c.extraPoints },
  有效投诉扣分: { sheet: '事件', get: (c) => c.complaintPoints },
  表扬次数: { sheet: '事件', get: (c) => exact(c.praises) },
  质检扣分: { sheet: '事件', get: (c) => c.qcPoints },
}

const NO_COUNTS: Counts = emptyCounts()

/** Whether an operator belongs on a month sheet at all: started by the month's end, not left before it. */
export function inPost(op: Operator, month: MonthKey): boolean {
  return op.startDate <= `${month}-31` && (op.leaveDate === null || op.leaveDate >= `${month}-01`)
}

/** Parses and scores every row of a month sheet; problems name the sheet and the A1 cell. */
export function evaluateMonth(
  inputs: Inputs,
  t: Table,
  month: MonthKey,
  naming: HostNaming = MENU_NAMING,
): MonthEvaluation {
  const problems: Problem[] = []
  const sheet = monthSheetName(month)
  if (!t.exists) {
    return {
      month,
      rows: [],
      problems: [{ sheet, cell: 'A1', message: `缺少“${sheet}”表，请先${naming.prepareMonth(month)}` }],
    }
  }
  problems.push(...missingHeaders(t, ['工号', ...MONTH_INPUT_HEADERS]))
  if (problems.length > 0) return { month, rows: [], problems }
  const period = monthPeriod(month)
  const counts = monthCounts(inputs.incidents, month, inputs.duties, inputs.rules)
  const rows: MonthRow[] = []
  const seen = new Map<string, number>()
  for (const row of t.rows) {
    const id = idOf(cellOf(t, row, '工号'))
    const idCell = refOf(t, row.row, '工号')
    if (id === '') {
      problems.push({ sheet, cell: idCell, message: '工号不能为空' })
      continue
    }
    const first = seen.get(id)
    if (first !== undefined) {
      problems.push({ sheet, cell: idCell, message: `工号“${id}”与第${first}行重复，同一人每月只能有一行` })
      continue
    }
    seen.set(id, row.row)
    const operator = inputs.byId.get(id)
    if (!operator) {
      // A roster row with its own problem is reported on 人员; only a truly unknown 工号 is reported here.
      if (!inputs.rosterIds.has(id))
        problems.push({ sheet, cell: idCell, message: `工号“${id}”不在“人员”表中` })
      continue
    }
    const { eligible, reason } = eligibility(operator, period, inputs.secondments, inputs.rules)
    if (!eligible) {
      rows.push({ row: row.row, id, operator, eligible, reason, input: null, breakdown: null })
      continue
    }
    const mine = counts.get(id) ?? NO_COUNTS
    const values = MONTH_INPUT_HEADERS.map((h) => {
      const v = cellOf(t, row, h)
      const source = COUNT_SOURCE[h as CountHeader]
      if (!source) return v
      if (isBlank(v)) return Number(source.get(mine).valueOf())
      checkCount(h as CountHeader, v, source.get(mine), source.sheet, refOf(t, row.row, h), sheet, problems)
      return v
    })
    const { input, errors } = parseMonthInput(values)
    for (const e of errors) {
      const filled = COUNT_SOURCE[e.field as CountHeader] && isBlank(cellOf(t, row, e.field))
      problems.push({
        sheet,
        cell: refOf(t, row.row, e.field),
        message: filled ? `${e.message}（按“事件”/“值班”表统计填入）` : e.message,
      })
    }
    const breakdown = input ? monthBreakdown(input, inputs.rules) : null
    rows.push({ row: row.row, id, operator, eligible, reason, input, breakdown })
  }
  const lastRow = t.rows.reduce((m, r) => Math.max(m, r.row), 1)
  for (const op of inputs.operators) {
    if (seen.has(op.id) || !inPost(op, month)) continue
    if (!eligibility(op, period, inputs.secondments, inputs.rules).eligible) continue
    problems.push({
      sheet,
      cell: a1(lastRow + 1, (t.columns.get('工号') ?? 0) + 1),
      message: `“人员”表中的${op.name}（${op.id}）当月参与考核，但未列入本表，请补一行`,
    })
  }
  return { month, rows, problems }
}

/** A filled count cell must agree with what 事件 / 值班 record for the month (§9). */
function checkCount(
  header: CountHeader,
  v: unknown,
  expected: Exact,
  source: string,
  cell: string,
  sheet: string,
  problems: Problem[],
): void {
  const parsed = parseDecimal(v, header, { min: 0 })
  if (!parsed.ok || parsed.value.equals(expected)) return // a bad value is reported by parseMonthInput
  problems.push({
    sheet,
    cell,
    message: `${header}填写为${parseText(v)}，与“${source}”表当月记录的${expected.toString()}不一致（留空则按“${source}”表自动统计）`,
  })
}
