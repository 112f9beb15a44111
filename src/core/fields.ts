/**
 * 第七条's month inputs, declared once (as OpenFisca declares a variable): the cell header staff see, the
 * article it serves, how a cell is read, whether it may be blank and what a blank means, where a blank
 * count comes from (事件 / 值班, §9), the component it feeds, and the note that explains it with the rules in
 * force. The parser (parse.ts), the month sheet's layout (workbook/layouts.ts), the month sheet reader
 * (workbook/month.ts), the statement and the cell functions are all derived from MONTH_FIELDS.
 *
 * Adding an optional input column is one entry here (with `optional: true`) plus the rule that uses it.
 */

import { type Exact, exact, roundHalfAwayFromZero, toFixed } from './decimal'
import type { MonthCounts } from './incidents'
import type { MonthInput } from './model'
import {
  isBlank,
  type Parsed,
  parseBool,
  parseCount,
  parseDays,
  parseDecimal,
  parseDuration,
  parseRate,
  parseRating,
} from './parse'
import { clockText } from './platform-import'
import { defaultRules, type Rules } from './rules'

/** The five components of 第七条, in order. */
export type Component = 'workload' | 'attendance' | 'leader' | 'satisfaction' | 'qc'

/** How a field's cell is typed (each host maps a kind to a column type and number format). */
export type FieldKind = 'days' | 'count' | 'bool' | 'points' | 'rating' | 'rate' | 'duration'

/** A count cell that the records fill when it is blank (§9). */
export interface RecordSource {
  readonly sheet: '事件' | '值班'
  /** The value the records give for the operator's month. */
  readonly count: (c: MonthCounts) => Exact
}

export interface MonthField<K extends keyof MonthInput = keyof MonthInput> {
  readonly key: K
  readonly header: string
  readonly article: string
  readonly component: Component
  readonly kind: FieldKind
  /**
   * What a blank cell means: 'required' — an input problem (§2: a forgotten paste never closes as 0);
   * 'zero' — 0 (or 否); 'records' — filled from `records`; 'absent' — the optional field is not given.
   */
  readonly blank: 'required' | 'zero' | 'records' | 'absent'
  readonly records?: RecordSource
  /**
   * The column of the platform import (SPEC §14) that gives the value when this cell is blank: the import
   * writes only its own columns after the results, so a value typed here always stands.
   */
  readonly platform?: string
  /** An optional column: not on a new month sheet, read when a sheet (or an import) carries it. */
  readonly optional?: boolean
  readonly parse: (v: unknown, field: string, rules: Rules) => Parsed<NonNullable<MonthInput[K]>>
  /** The field's value as a statement shows it. */
  readonly show: (v: NonNullable<MonthInput[K]>) => string
  /** The header note, with the rules in force (never the defaults). */
  readonly note: (rules: Rules) => string
  /** Bounds a host may put on the cell's validation. */
  readonly min?: number
  readonly max?: (rules: Rules) => number
}

/** Any one field of the table (a union over the keys, so each entry keeps its own value type). */
export type AnyMonthField = { [K in keyof MonthInput]-?: MonthField<K> }[keyof MonthInput]

/** A rule value as short text: 1.3, 75, 0.1. */
export function ruleText(x: Exact): string {
  return x.toString()
}

function percentOf(x: Exact): string {
  return ruleText(x.mul(100))
}

/**
 * A rate as a percentage: exact when it has at most two decimals (96.5%), else to two with ≈ — the exact
 * quotient of the counts, (1188+36)/1311, has no finite decimal (≈93.36%).
 */
function percentShown(x: Exact): string {
  const p = x.mul(100)
  const rounded = roundHalfAwayFromZero(p, 2)
  return rounded.equals(p) ? `${ruleText(p)}%` : `≈${toFixed(p, 2)}%`
}

const yes = (b: boolean): string => (b ? '是' : '否')
const whole = (n: number): string => String(n)
const decimalText = (x: Exact): string => ruleText(x)
const nonNegative = (v: unknown, f: string) => parseDecimal(v, f, { min: 0, blankAs: 0 })

function field<K extends keyof MonthInput>(f: MonthField<K>): MonthField<K> {
  return f
}

const fromEvents = (count: (c: MonthCounts) => Exact): RecordSource => ({ sheet: '事件', count })

export const MONTH_FIELDS = [
  field({
    key: 'days',
    header: '出勤天数',
    article: '第七条（一）',
    component: 'workload',
    kind: 'days',
    blank: 'required',
    platform: '平台出勤天数',
    parse: (v, f) => parseDays(v, f),
    show: decimalText,
    note: () => '当月出勤天数，可为半天（第七条（一））；必填',
    min: 0.5,
    max: () => 31,
  }),
  field({
    key: 'calls',
    header: '接听电话数',
    article: '第七条（一）',
    component: 'workload',
    kind: 'count',
    blank: 'required',
    platform: '平台接听电话数',
    parse: (v, f) => parseRequiredCount(v, f),
    show: whole,
    note: () => '当月接听电话总数（第七条（一））；必填，没有接听的填0',
    min: 0,
  }),
  field({
    key: 'texts',
    header: '文字咨询条数',
    article: '第七条（一）',
    component: 'workload',
    kind: 'count',
    blank: 'zero',
    platform: '平台文字咨询条数',
    parse: (v, f) => parseCount(v, f),
    show: whole,
    note: (r) => `每${ruleText(r['workload.textsPerCall'])}条折算1通电话（第七条（一））；留空按0`,
    min: 0,
  }),
  field({
    key: 'isLeader',
    header: '带班班长',
    article: '第七条（一）',
    component: 'workload',
    kind: 'bool',
    blank: 'zero',
    parse: (v, f) => parseBool(v, f),
    show: yes,
    note: (r) => `带班班长工作量按${percentOf(r['workload.leaderFactor'])}%计算（第七条（一））`,
  }),
  field({
    key: 'lateOrEarly',
    header: '迟到早退次数',
    article: '第七条（二）',
    component: 'attendance',
    kind: 'count',
    blank: 'records',
    records: fromEvents((c) => exact(c.lateOrEarly)),
    parse: (v, f) => parseCount(v, f),
    show: whole,
    note: (r) => `每次扣${ruleText(r['attendance.latePoints'])}分（第七条（二））；留空则按“事件”表统计`,
    min: 0,
  }),
  field({
    key: 'absentHalfDays',
    header: '旷工脱岗半天数',
    article: '第七条（二）',
    component: 'attendance',
    kind: 'count',
    blank: 'records',
    records: fromEvents((c) => exact(c.absentHalfDays)),
    parse: (v, f) => parseCount(v, f),
    show: whole,
    note: (r) =>
      `旷工或擅自脱岗每半天扣${ruleText(r['attendance.absentHalfDayPoints'])}分（第七条（二））；留空则按“事件”表统计`,
    min: 0,
  }),
  field({
    key: 'fullAttendance',
    header: '全勤',
    article: '第七条（二）',
    component: 'attendance',
    kind: 'bool',
    blank: 'zero',
    parse: (v, f) => parseBool(v, f),
    show: yes,
    note: (r) =>
      `当月全勤加${ruleText(r['attendance.fullBonus'])}分（第七条（二））；有迟到、早退、旷工的不得填“是”`,
  }),
  field({
    key: 'noonDuties',
    header: '中午值班加分次数',
    article: '第五条、第七条（二）',
    component: 'attendance',
    kind: 'count',
    blank: 'records',
    records: { sheet: '值班', count: (c) => exact(c.noonDuties) },
    parse: (v, f) => parseCount(v, f),
    show: whole,
    note: (r) =>
      `中午值班且未提前下班或补休的，每次加${ruleText(r['attendance.noonDutyPoints'])}分（第五条、第七条（二））；留空则按“值班”表统计`,
    min: 0,
  }),
  field({
    key: 'extraPoints',
    header: '其他加班加分',
    article: '第七条（二）',
    component: 'attendance',
    kind: 'points',
    blank: 'records',
    records: fromEvents((c) => c.extraPoints),
    parse: (v, f) => nonNegative(v, f),
    show: decimalText,
    note: () => '其他因工作需要加班的加分（第七条（二））；留空则按“事件”表“加班”统计',
  }),
  field({
    key: 'leaderRating',
    header: '领导评价',
    article: '第七条（三）',
    component: 'leader',
    kind: 'rating',
    blank: 'required',
    parse: (v, f, r) => parseRating(v, f, r['leader.max']),
    show: decimalText,
    note: (r) =>
      `值班法官根据工作表现，结合日均通话时长、综合贡献评分0-${ruleText(r['leader.max'])}分，精确到0.1（第七条（三））；必填。日均通话时长见本表右侧的“日均通话时长”列（导入的平台数据）`,
    min: 0,
    max: (r) => Number(r['leader.max'].valueOf()),
  }),
  field({
    key: 'satisfaction',
    header: '满意率',
    article: '第七条（四）',
    component: 'satisfaction',
    kind: 'rate',
    blank: 'required',
    platform: '平台满意率',
    parse: (v, f) => parseRate(v, f),
    show: (x) => percentShown(x),
    note: (r) =>
      `满意率（含满意、基本满意），如 96.5% 或 96.5；100%得${ruleText(r['satisfaction.full'])}分，每低1%减${ruleText(r['satisfaction.pointsPerPercent'])}分（第七条（四））；必填`,
  }),
  field({
    key: 'complaintPoints',
    header: '有效投诉扣分',
    article: '第七条（四）',
    component: 'satisfaction',
    kind: 'points',
    blank: 'records',
    records: fromEvents((c) => c.complaintPoints),
    parse: (v, f) => nonNegative(v, f),
    show: decimalText,
    note: (r) =>
      `有效投诉每次扣${ruleText(r['complaint.min'])}-${ruleText(r['complaint.max'])}分，同一通话只扣一次（第七条（四））；留空则按“事件”表统计`,
    min: 0,
  }),
  field({
    key: 'praises',
    header: '表扬次数',
    article: '第七条（四）',
    component: 'satisfaction',
    kind: 'count',
    blank: 'records',
    records: fromEvents((c) => exact(c.praises)),
    parse: (v, f) => parseCount(v, f),
    show: whole,
    note: (r) => `每次加${ruleText(r['praise.points'])}分（第七条（四））；留空则按“事件”表统计`,
    min: 0,
  }),
  field({
    key: 'qcPoints',
    header: '质检扣分',
    article: '第七条（五）',
    component: 'qc',
    kind: 'points',
    blank: 'records',
    records: fromEvents((c) => c.qcPoints),
    parse: (v, f) => nonNegative(v, f),
    show: decimalText,
    note: (r) =>
      `质量问题每次扣${ruleText(r['qc.min'])}-${ruleText(r['qc.max'])}分（第七条（五））；留空则按“事件”表统计`,
    min: 0,
  }),
  // Optional inputs an import from the hotline platform carries (SPEC §14): the rating counts behind 满意率
  // and the total talk time, the duty judge's reference for 领导评价 (第七条（三）：结合日均通话时长).
  field({
    key: 'satisfied',
    header: '满意数',
    article: '第七条（四）',
    component: 'satisfaction',
    kind: 'count',
    blank: 'absent',
    optional: true,
    parse: (v, f) => parseCount(v, f),
    show: whole,
    note: () => '平台统计的“满意”评价数；与基本满意数、评价数一起时，满意率按（满意+基本满意）÷评价数计算',
    min: 0,
  }),
  field({
    key: 'basicallySatisfied',
    header: '基本满意数',
    article: '第七条（四）',
    component: 'satisfaction',
    kind: 'count',
    blank: 'absent',
    optional: true,
    parse: (v, f) => parseCount(v, f),
    show: whole,
    note: () => '平台统计的“基本满意”评价数',
    min: 0,
  }),
  field({
    key: 'ratedCount',
    header: '评价数',
    article: '第七条（四）',
    component: 'satisfaction',
    kind: 'count',
    blank: 'absent',
    optional: true,
    parse: (v, f) => parseCount(v, f),
    show: whole,
    note: () => '参与满意度评价的总数（满意、基本满意、不满意之和）',
    min: 0,
  }),
  field({
    key: 'talkSeconds',
    header: '通话总时长',
    article: '第七条（三）',
    component: 'leader',
    kind: 'duration',
    blank: 'absent',
    optional: true,
    parse: (v, f) => parseDuration(v, f),
    show: clockText,
    note: () =>
      '平台统计的当月通话总时长（秒，或 时:分:秒）；日均通话时长供值班法官评分参考，不计入得分（第七条（三））',
    min: 0,
  }),
] as const satisfies readonly AnyMonthField[]

export type MonthFieldKey = (typeof MONTH_FIELDS)[number]['key']

/** The fields every month sheet has (SPEC §9: 出勤天数 … 质检扣分, in this order). */
export const SHEET_FIELDS: readonly AnyMonthField[] = (MONTH_FIELDS as readonly AnyMonthField[]).filter(
  (f) => !f.optional,
)

/** The optional fields, read when present. */
export const OPTIONAL_FIELDS: readonly AnyMonthField[] = (MONTH_FIELDS as readonly AnyMonthField[]).filter(
  (f) => f.optional === true,
)

/** The inputs the platform import gives when their cell is blank (SPEC §14), in §9's order. */
export const PLATFORM_FIELDS: readonly (AnyMonthField & { readonly platform: string })[] = (
  MONTH_FIELDS as readonly AnyMonthField[]
).filter((f): f is AnyMonthField & { readonly platform: string } => f.platform !== undefined)

/** The count cells filled from 事件 / 值班 when blank (§9). */
export const RECORD_FIELDS: readonly (AnyMonthField & { readonly records: RecordSource })[] = (
  MONTH_FIELDS as readonly AnyMonthField[]
).filter((f): f is AnyMonthField & { readonly records: RecordSource } => f.records !== undefined)

const BY_HEADER: ReadonlyMap<string, AnyMonthField> = new Map(MONTH_FIELDS.map((f) => [f.header, f]))

export function fieldOfHeader(header: string): AnyMonthField | undefined {
  return BY_HEADER.get(header)
}

export function fieldsOf(component: Component): readonly AnyMonthField[] {
  return MONTH_FIELDS.filter((f) => f.component === component)
}

/** 接听电话数: a count that must be filled (§2: a blank is a forgotten paste, not zero calls). */
function parseRequiredCount(v: unknown, field: string): Parsed<number> {
  return parseCount(v, field, { required: true })
}

/** The 14 input columns of a month row, in the order of SPEC §9. */
export const MONTH_INPUT_HEADERS: readonly string[] = SHEET_FIELDS.map((f) => f.header)

export interface FieldError {
  readonly key: keyof MonthInput
  readonly field: string
  readonly message: string
}

/**
 * A month row's inputs, read by field: `cell(field)` gives the cell of a field (undefined when the sheet
 * has no such column). Returns the parsed MonthInput, or every problem found. Blank required inputs are
 * problems (§2); 全勤 with lateness or absence is an input error (第七条（二））.
 */
export function readMonthInput(
  cell: (f: AnyMonthField) => unknown,
  rules: Rules = defaultRules(),
): { input: MonthInput | null; errors: FieldError[] } {
  const errors: FieldError[] = []
  const values: Partial<Record<keyof MonthInput, unknown>> = {}
  for (const f of MONTH_FIELDS as readonly AnyMonthField[]) {
    const v = cell(f)
    if (f.blank === 'absent' && (v === undefined || isBlank(v))) continue
    const r = f.parse(v, f.header, rules)
    if (r.ok) values[f.key] = r.value
    else errors.push({ key: f.key, field: f.header, message: r.message })
  }
  const conflict = fullAttendanceConflict({
    fullAttendance: values.fullAttendance === true,
    lateOrEarly: typeof values.lateOrEarly === 'number' ? values.lateOrEarly : 0,
    absentHalfDays: typeof values.absentHalfDays === 'number' ? values.absentHalfDays : 0,
  })
  if (conflict) errors.push({ key: 'fullAttendance', field: '全勤', message: conflict })
  if (errors.length > 0) return { input: null, errors }
  return { input: withRatedSatisfaction(values as MonthInput), errors }
}

/**
 * A month row's 14 inputs in MONTH_INPUT_HEADERS order → MonthInput (readMonthInput by position).
 * `index` of an error is its position in that order.
 */
export function parseMonthInput(
  values: readonly unknown[],
  rules: Rules = defaultRules(),
): { input: MonthInput | null; errors: { index: number; field: string; message: string }[] } {
  const at = new Map(SHEET_FIELDS.map((f, i) => [f.key, i]))
  const { input, errors } = readMonthInput((f) => {
    const i = at.get(f.key)
    return i === undefined ? undefined : values[i]
  }, rules)
  return {
    input,
    errors: errors.map((e) => ({ index: at.get(e.key) ?? -1, field: e.field, message: e.message })),
  }
}

/**
 * 第七条（四）with the platform's rating counts (SPEC §14): when 满意数, 基本满意数 and a 评价数 are all there,
 * they decide 满意率 = (满意 + 基本满意) ÷ 评价数, exactly; `text` is the quotient as counted,
 * `(1188+36)/1311`. Null otherwise (评价数 blank: the rest are not known, so the typed 满意率 stands). The
 * close scores it (withRatedSatisfaction), the explanation and the sheet's 按记录统计 show it.
 */
export function ratedCounts(
  input: Pick<MonthInput, 'satisfied' | 'basicallySatisfied' | 'ratedCount'>,
): { readonly rate: Exact; readonly text: string } | null {
  const { satisfied, basicallySatisfied, ratedCount } = input
  if (satisfied === undefined || basicallySatisfied === undefined || !ratedCount) return null
  return {
    rate: exact(satisfied + basicallySatisfied).div(ratedCount),
    text: `(${satisfied}+${basicallySatisfied})/${ratedCount}`,
  }
}

/** The count-derived 满意率 is what the close scores (ratedCounts). */
function withRatedSatisfaction(input: MonthInput): MonthInput {
  const counted = ratedCounts(input)
  return counted ? { ...input, satisfaction: counted.rate } : input
}

/** 第七条（二）: a month with lateness or absence cannot be 全勤; returns the message, or null. */
export function fullAttendanceConflict(
  input: Pick<MonthInput, 'fullAttendance' | 'lateOrEarly' | 'absentHalfDays'>,
): string | null {
  if (!input.fullAttendance || (input.lateOrEarly === 0 && input.absentHalfDays === 0)) return null
  return `全勤与迟到早退（${input.lateOrEarly}次）或旷工脱岗（${input.absentHalfDays}个半天）不能同时存在`
}

/** A parsed input as a statement shows it ('' when the optional field is absent). */
export function showInput(f: AnyMonthField, input: MonthInput): string {
  const v = input[f.key]
  if (v === undefined) return ''
  return (f.show as (x: typeof v) => string)(v)
}
