/**
 * A month sheet (`YYYY-MM 月度`): its rows parsed into MonthInput (count cells filled from 事件 / 值班 when
 * blank, checked against them when filled), eligibility (第十四条, 第十七条) and the 第七条 breakdown.
 */
import type { Exact } from '../core/decimal'
import { eligibility } from '../core/eligibility'
import { fieldOfHeader, MONTH_INPUT_HEADERS, readMonthInput } from '../core/fields'
import { emptyCounts, type MonthCounts, monthCounts } from '../core/incidents'
import type { MonthBreakdown, MonthInput, Operator } from '../core/model'
import { cellError, isBlank, parseDecimal, parseText, toExact } from '../core/parse'
import { type MonthKey, monthPeriod } from '../core/period'
import { a1, type Problem } from '../core/problems'
import type { Rules } from '../core/rules'
import { monthBreakdown } from '../core/score'
import type { Inputs } from './context'
import { monthSheetName } from './layouts'
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
  /** Count cells left blank that the records filled (SPEC §9), for the close to show on the sheet. */
  readonly filled: readonly FilledCount[]
  /** Inputs left blank and read from the platform import's columns (SPEC §14), by input header. */
  readonly fromPlatform: readonly string[]
}

/** A blank count cell filled from 事件 / 值班. */
export interface FilledCount {
  readonly header: string
  readonly sheet: '事件' | '值班'
  readonly value: Exact
}

export interface MonthEvaluation {
  readonly month: MonthKey
  readonly rows: readonly MonthRow[]
  readonly problems: readonly Problem[]
  /**
   * What the close should say about its own reading (SPEC §9): typed complaint or quality deductions with
   * no 事件 records behind them, which 第十五、十六条（二）（三） cannot count.
   */
  readonly notices: readonly string[]
}

const NO_COUNTS: MonthCounts = emptyCounts()

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
      problems: [
        {
          sheet,
          cell: 'A1',
          code: 'missing-sheet',
          message: `缺少“${sheet}”表，请先${naming.prepareMonth(month)}`,
        },
      ],
      notices: [],
    }
  }
  problems.push(...missingHeaders(t, ['工号', ...MONTH_INPUT_HEADERS]))
  if (problems.length > 0) return { month, rows: [], problems, notices: [] }
  const period = monthPeriod(month)
  const counts = monthCounts(inputs.incidents, month, inputs.duties, inputs.rules)
  const rows: MonthRow[] = []
  const handTyped: string[] = []
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
      rows.push({
        row: row.row,
        id,
        operator,
        eligible,
        reason,
        input: null,
        breakdown: null,
        filled: [],
        fromPlatform: [],
      })
      continue
    }
    const reading = readMonthRow(
      (header) => (t.columns.has(header) ? cellOf(t, row, header) : undefined),
      counts.get(id) ?? NO_COUNTS,
      inputs.rules,
    )
    const { input, breakdown, filled } = reading
    for (const e of [...reading.mismatches, ...reading.errors]) {
      const fromRecords = filled.some((c) => c.header === e.field)
      const platform = reading.fromPlatform.get(e.field)
      // A required input left blank where the platform import could give it: say so (SPEC §14).
      const importable =
        !platform && fieldOfHeader(e.field)?.platform !== undefined && isBlank(cellOf(t, row, e.field))
      problems.push({
        sheet,
        cell: refOf(t, row.row, platform ?? e.field),
        message: `${who(operator)}${e.message}${fromRecords ? '（按“事件”/“值班”表统计填入）' : ''}${platform ? `（“${e.field}”留空，按“${platform}”列的平台导入数据读取）` : ''}${importable ? `；也可${naming.importPlatform(month)}` : ''}`,
      })
    }
    for (const header of reading.handTyped) handTyped.push(`${operator.name}（${id}）的${header}`)
    const fromPlatform = [...reading.fromPlatform.keys()]
    rows.push({ row: row.row, id, operator, eligible, reason, input, breakdown, filled, fromPlatform })
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
  const notices =
    handTyped.length === 0
      ? []
      : [
          `${handTyped.join('、')}为手工填写，“事件”表当月没有相应的投诉或质量问题记录：已按填写的扣分计分，但第十五条、第十六条（二）（三）只能按“事件”表记录计次，请补录“事件”`,
        ]
  return { month, rows, problems, notices }
}

/** How a month row reads (SPEC §9): the inputs, with blank count cells filled from the records. */
export interface MonthRowReading {
  readonly input: MonthInput | null
  readonly breakdown: MonthBreakdown | null
  /** Parse problems, by field header. */
  readonly errors: readonly { readonly field: string; readonly message: string }[]
  /** Typed counts that disagree with records of their kind. */
  readonly mismatches: readonly { readonly field: string; readonly message: string }[]
  readonly filled: readonly FilledCount[]
  /** Headers of typed complaint / quality deductions with no 事件 rows behind them. */
  readonly handTyped: readonly string[]
  /** Inputs left blank and read from the platform import's column (SPEC §14): input header → that column. */
  readonly fromPlatform: ReadonlyMap<string, string>
}

/**
 * One month row as the close reads it, from `cell(header)` (undefined: the sheet has no such column) and
 * the operator's month counts: blank count cells are filled from the records; a typed count is checked
 * against the records only when they hold that kind for the operator that month, else it stands (§9).
 * The close (evaluateMonth) and the cell functions (MONTHSCORE, MONTHBREAKDOWN) both read rows here, so a
 * preview is what the close writes.
 */
export function readMonthRow(
  cell: (header: string) => unknown,
  counts: MonthCounts,
  rules: Rules,
): MonthRowReading {
  const filled: FilledCount[] = []
  const mismatches: { field: string; message: string }[] = []
  const handTyped: string[] = []
  const fromPlatform = new Map<string, string>()
  const { input, errors } = readMonthInput((f) => {
    const v = cell(f.header)
    if (f.platform && v !== undefined && isBlank(v)) {
      const p = cell(f.platform)
      if (p !== undefined && !isBlank(p)) {
        fromPlatform.set(f.header, f.platform)
        return p
      }
    }
    if (v === undefined || !f.records || cellError(v, f.header) !== null) return v
    if (isBlank(v)) {
      const value = f.records.count(counts)
      filled.push({ header: f.header, sheet: f.records.sheet, value })
      return Number(value.valueOf())
    }
    if (counts.recorded.has(f.key)) {
      const bad = countMismatch(f.header, v, f.records.count(counts), f.records.sheet)
      if (bad) mismatches.push({ field: f.header, message: bad })
    } else if (UNCOUNTED_BY_SANCTIONS.has(f.key) && !isZero(v)) handTyped.push(f.header)
    return v
  }, rules)
  const breakdown = input ? monthBreakdown(input, rules) : null
  return { input, breakdown, errors, mismatches, filled, handTyped, fromPlatform }
}

/** A filled count cell must agree with what 事件 / 值班 record for the month (§9); the message, or null. */
function countMismatch(header: string, v: unknown, expected: Exact, source: string): string | null {
  const parsed = parseDecimal(v, header, { min: 0 })
  if (!parsed.ok || parsed.value.equals(expected)) return null // a bad value is reported by the parser
  return `${header}填写为${parseText(v)}，与“${source}”表当月记录的${expected.toString()}不一致（留空则按“${source}”表自动统计）`
}

/** 有效投诉扣分 and 质检扣分: 第十五、十六条（二）（三） count complaints and findings from 事件 rows only. */
const UNCOUNTED_BY_SANCTIONS: ReadonlySet<string> = new Set(['complaintPoints', 'qcPoints'])

function isZero(v: unknown): boolean {
  const x = toExact(v)
  return x?.equals(0) === true
}

/** How a problem names the person whose row it is on. */
function who(op: Operator): string {
  return `${op.name}（${op.id}）：`
}
