/**
 * Sheet grids → model records, plus a Problem (sheet, A1 cell, Chinese reason) for every bad cell.
 * Columns are found by header text, so a sheet whose columns were reordered still reads correctly.
 */
import type { LocalDate } from '../core/dates'
import type { DayOverride } from '../core/holidays'
import type { Operator, Secondment } from '../core/model'
import { INCIDENT_TYPES, type Incident, NOON_OUTCOMES, type NoonDuty, ROLES } from '../core/model'
import { isBlank, parseDate, parseDecimal, parseText, toExact } from '../core/parse'
import { firstDay, formatPeriod, type MonthKey, monthKey, type Period, tryParsePeriod } from '../core/period'
import { a1, type Problem } from '../core/problems'
import {
  checkRuleValue,
  isRuleKey,
  RULE_DEFS,
  type RuleOverride,
  type Rules,
  rulesInForce,
} from '../core/rules'
import {
  ADMIN_EDITORS_KEY,
  ADMIN_EDITORS_LABEL,
  DAY_TYPES,
  OBJECTION_MATTERS,
  OBJECTION_OUTCOMES,
  type ObjectionOutcome,
  SHEET,
} from './layouts'
import type { Cell, Grid } from './types'

/** A data row with its 1-based sheet row number. */
export interface Row {
  readonly row: number
  readonly cells: readonly Cell[]
}

/** A sheet's data rows with its columns located by header text. */
export interface Table {
  readonly sheet: string
  readonly exists: boolean
  /** Header text → 0-based column index. */
  readonly columns: ReadonlyMap<string, number>
  readonly rows: readonly Row[]
}

export function isBlankCell(v: Cell | undefined): boolean {
  return v === undefined || isBlank(v)
}

/** Reads a grid (header row first); fully blank rows are skipped. */
export function table(sheet: string, grid: Grid | undefined): Table {
  const header = grid?.[0] ?? []
  const columns = new Map<string, number>()
  header.forEach((h, i) => {
    const text = parseText(h)
    if (text !== '' && !columns.has(text)) columns.set(text, i)
  })
  const rows: Row[] = []
  ;(grid ?? []).slice(1).forEach((cells, i) => {
    if (cells.some((c) => !isBlankCell(c))) rows.push({ row: i + 2, cells })
  })
  return { sheet, exists: grid !== undefined, columns, rows }
}

/** The cell of `row` under `header` ('' when the column is missing). */
export function cellOf(t: Table, row: Row, header: string): Cell {
  const i = t.columns.get(header)
  return i === undefined ? '' : (row.cells[i] ?? '')
}

/** A1 reference of `row`'s cell under `header` (column A when the column is missing). */
export function refOf(t: Table, row: number, header: string): string {
  return a1(row, (t.columns.get(header) ?? 0) + 1)
}

/** Problems for required headers missing from a sheet that exists (or for the sheet itself when missing). */
export function missingHeaders(t: Table, headers: readonly string[]): Problem[] {
  if (!t.exists)
    return [{ sheet: t.sheet, cell: 'A1', message: `缺少“${t.sheet}”表，请先运行“初始化考核表”` }]
  const missing = headers.filter((h) => !t.columns.has(h))
  return missing.length === 0
    ? []
    : [{ sheet: t.sheet, cell: 'A1', message: `表头缺少列：${missing.join('、')}` }]
}

/** Reads one cell through a parser, recording a problem at the cell when it fails. */
function take<T>(
  t: Table,
  row: Row,
  header: string,
  parse: (v: Cell, field: string) => { ok: true; value: T } | { ok: false; message: string },
  problems: Problem[],
): T | null {
  const r = parse(cellOf(t, row, header), header)
  if (r.ok) return r.value
  problems.push({ sheet: t.sheet, cell: refOf(t, row.row, header), message: r.message })
  return null
}

/** A parser for a dropdown cell (岗位, 类型, 结果…): exactly one of `options`. */
function oneOf<T extends string>(options: readonly T[]) {
  const expected = options.length === 2 ? `“${options[0]}”或“${options[1]}”` : `${options.join('、')}之一`
  return (v: Cell, field: string): { ok: true; value: T } | { ok: false; message: string } => {
    const text = parseText(v)
    const found = options.find((o) => o === text)
    return found !== undefined
      ? { ok: true, value: found }
      : { ok: false, message: `${field}应为${expected}，实际为“${text}”` }
  }
}

function optionalDate(v: Cell, field: string) {
  return isBlank(v) ? ({ ok: true, value: null } as const) : parseDate(v, field)
}

/** 工号 as text: a number 1001 and the text '1001' are the same 工号. */
export function idOf(v: Cell | undefined): string {
  return v === undefined ? '' : parseText(v)
}

// ---------------------------------------------------------------- 规则

export interface RulesSheet {
  readonly overrides: readonly RuleOverride[]
  /** Emails of the admins who may edit closed sheets (规则 row `admin.editors`). */
  readonly editors: readonly string[]
}

/**
 * The rules in force for a period (on its first day) from the 规则 sheet's grid; rows with problems are
 * skipped here (validation lists them). One reading of the sheet for closes, reports and cell functions.
 */
export function rulesForPeriod(rulesGrid: Grid | undefined, period: Period): Rules {
  return rulesByPeriod(rulesGrid)(period)
}

/** 规则 read once, for many periods: each period's rules in force (a report that lists several). */
export function rulesByPeriod(rulesGrid: Grid | undefined): (period: Period) => Rules {
  const overrides = readRules(table(SHEET.rules, rulesGrid), []).overrides
  return (period) => rulesInForce(overrides, firstDay(period))
}

/** 规则: one override per row (参数, 取值, 生效日期); unknown keys and out-of-range values are problems. */
export function readRules(t: Table, problems: Problem[]): RulesSheet {
  if (!t.exists) return { overrides: [], editors: [] }
  problems.push(...missingHeaders(t, ['参数', '取值', '生效日期']))
  const overrides: RuleOverride[] = []
  const editors: string[] = []
  const seen = new Set<string>()
  for (const row of t.rows) {
    const key = ruleKeyOf(parseText(cellOf(t, row, '键')), parseText(cellOf(t, row, '参数')))
    const raw = cellOf(t, row, '取值')
    const at = (h: string) => refOf(t, row.row, h)
    if (key === '') {
      problems.push({ sheet: t.sheet, cell: at('参数'), message: '参数名不能为空' })
      continue
    }
    if (key === ADMIN_EDITORS_KEY) {
      editors.push(...splitEmails(parseText(raw)))
      continue
    }
    if (!isRuleKey(key)) {
      problems.push({ sheet: t.sheet, cell: at('参数'), message: `未知参数：“${key}”` })
      continue
    }
    const from = take(t, row, '生效日期', optionalDate, problems)
    if (from === null && !isBlank(cellOf(t, row, '生效日期'))) continue
    const value = toExact(raw)
    if (value === null) {
      problems.push({
        sheet: t.sheet,
        cell: at('取值'),
        message: `参数“${labelOf(key)}”的取值应为数值，实际为“${parseText(raw)}”`,
      })
      continue
    }
    const bad = checkRuleValue(key, value)
    if (bad) {
      problems.push({ sheet: t.sheet, cell: at('取值'), message: bad })
      continue
    }
    const dedupe = `${key}@${from ?? ''}`
    if (seen.has(dedupe)) {
      problems.push({
        sheet: t.sheet,
        cell: at('参数'),
        message: `参数“${labelOf(key)}”在同一生效日期（${from ?? '自始'}）重复设置`,
      })
      continue
    }
    seen.add(dedupe)
    overrides.push({ key, value, from })
  }
  return { overrides, editors }
}

/** A rule's Chinese name, for messages (clerks do not read code keys). */
function labelOf(key: string): string {
  return RULE_DEFS.find((d) => d.key === key)?.label ?? key
}

/** Rules by their Chinese name (参数), for books whose 键 column is blank or missing. */
const RULE_BY_LABEL = new Map<string, string>([
  ...RULE_DEFS.map((d): [string, string] => [d.label, d.key]),
  [ADMIN_EDITORS_LABEL, ADMIN_EDITORS_KEY],
])

/**
 * SPEC §9: a 规则 row is identified by 键 (the code key) or by 参数 — the Chinese name, or, in books made
 * before 键 existed, the code key itself. A filled 键 wins; an unknown name is returned as typed.
 */
export function ruleKeyOf(key: string, name: string): string {
  if (key !== '') return key
  return RULE_BY_LABEL.get(name) ?? name
}

function splitEmails(text: string): string[] {
  return text
    .split(/[,，;；\s]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '')
}

// ---------------------------------------------------------------- 人员

/** 人员: 工号 unique, 岗位 from the list, dates valid; rows with problems are left out. */
export function readRoster(t: Table, problems: Problem[]): Operator[] {
  problems.push(...missingHeaders(t, ['工号', '姓名', '派驻单位', '岗位', '入职或派驻日期', '离岗日期']))
  const operators: Operator[] = []
  const seen = new Map<string, number>()
  for (const row of t.rows) {
    const at = (h: string) => refOf(t, row.row, h)
    const before = problems.length
    const id = idOf(cellOf(t, row, '工号'))
    if (id === '') problems.push({ sheet: t.sheet, cell: at('工号'), message: '工号不能为空' })
    const first = seen.get(id)
    if (id !== '' && first !== undefined) {
      problems.push({ sheet: t.sheet, cell: at('工号'), message: `工号“${id}”与第${first}行重复` })
    }
    if (id !== '' && first === undefined) seen.set(id, row.row)
    const name = parseText(cellOf(t, row, '姓名'))
    if (name === '') problems.push({ sheet: t.sheet, cell: at('姓名'), message: '姓名不能为空' })
    const role = take(t, row, '岗位', oneOf(ROLES), problems)
    const startDate = take(t, row, '入职或派驻日期', parseDate, problems)
    const leaveDate = take(t, row, '离岗日期', optionalDate, problems)
    if (startDate !== null && leaveDate && leaveDate < startDate) {
      problems.push({
        sheet: t.sheet,
        cell: at('离岗日期'),
        message: `离岗日期${leaveDate}早于入职或派驻日期${startDate}`,
      })
    }
    if (problems.length > before || role === null || startDate === null) continue
    const court = parseText(cellOf(t, row, '派驻单位'))
    operators.push({
      id,
      name,
      homeCourt: court === '' ? null : court,
      role,
      startDate,
      leaveDate: leaveDate ?? null,
      note: parseText(cellOf(t, row, '备注')),
    })
  }
  return operators
}

function checkKnownId(t: Table, row: Row, ids: ReadonlySet<string>, problems: Problem[]): string | null {
  const id = idOf(cellOf(t, row, '工号'))
  const cell = refOf(t, row.row, '工号')
  if (id === '') {
    problems.push({ sheet: t.sheet, cell, message: '工号不能为空' })
    return null
  }
  if (!ids.has(id)) {
    problems.push({ sheet: t.sheet, cell, message: `工号“${id}”不在“人员”表中` })
    return null
  }
  return id
}

// ---------------------------------------------------------------- 借调

export function readSecondments(t: Table, ids: ReadonlySet<string>, problems: Problem[]): Secondment[] {
  if (!t.exists) return []
  problems.push(...missingHeaders(t, ['工号', '开始日期', '结束日期']))
  const out: Secondment[] = []
  for (const row of t.rows) {
    const id = checkKnownId(t, row, ids, problems)
    const from = take(t, row, '开始日期', parseDate, problems)
    const to = take(t, row, '结束日期', parseDate, problems)
    if (from !== null && to !== null && to < from) {
      problems.push({
        sheet: t.sheet,
        cell: refOf(t, row.row, '结束日期'),
        message: `结束日期${to}早于开始日期${from}`,
      })
      continue
    }
    if (id === null || from === null || to === null) continue
    out.push({ id, from, to, note: parseText(cellOf(t, row, '说明')) })
  }
  return out
}

// ---------------------------------------------------------------- 事件

export interface Located<T> {
  readonly value: T
  readonly row: number
}

export function readEvents(t: Table, ids: ReadonlySet<string>, problems: Problem[]): Located<Incident>[] {
  if (!t.exists) return []
  problems.push(...missingHeaders(t, ['日期', '工号', '类型', '扣加分', '通话编号']))
  const out: Located<Incident>[] = []
  for (const row of t.rows) {
    const date = take(t, row, '日期', parseDate, problems)
    const id = checkKnownId(t, row, ids, problems)
    const type = take(t, row, '类型', oneOf(INCIDENT_TYPES), problems)
    const pointsCell = cellOf(t, row, '扣加分')
    const points = isBlank(pointsCell)
      ? null
      : take(t, row, '扣加分', (v, f) => parseDecimal(v, f, { min: 0 }), problems)
    if (!isBlank(pointsCell) && points === null) continue
    if (date === null || id === null || type === null) continue
    out.push({
      row: row.row,
      value: {
        date,
        id,
        type,
        points,
        callId: parseText(cellOf(t, row, '通话编号')),
        note: parseText(cellOf(t, row, '说明')),
      },
    })
  }
  return out
}

// ---------------------------------------------------------------- 值班

export function readNoon(t: Table, ids: ReadonlySet<string>, problems: Problem[]): Located<NoonDuty>[] {
  if (!t.exists) return []
  problems.push(...missingHeaders(t, ['日期', '工号', '结果']))
  const out: Located<NoonDuty>[] = []
  for (const row of t.rows) {
    const date = take(t, row, '日期', parseDate, problems)
    const id = checkKnownId(t, row, ids, problems)
    const outcome = take(t, row, '结果', oneOf(NOON_OUTCOMES), problems)
    if (date === null || id === null || outcome === null) continue
    out.push({ row: row.row, value: { date, id, outcome } })
  }
  return out
}

// ---------------------------------------------------------------- 节假日

export function readHolidays(t: Table, problems: Problem[]): DayOverride[] {
  if (!t.exists) return []
  const out: DayOverride[] = []
  for (const row of t.rows) {
    const date = take(t, row, '日期', parseDate, problems)
    const type = take(t, row, '类型', oneOf(DAY_TYPES), problems)
    if (date === null || type === null) continue
    out.push({ date, type, note: parseText(cellOf(t, row, '说明')) })
  }
  return out
}

// ---------------------------------------------------------------- 异议

/** One row of 异议: an operator's objection to a month's 公示 and how it was settled (第八条). */
export interface Objection {
  readonly month: MonthKey
  readonly id: string
  /** 姓名 as typed, else the roster's. */
  readonly name: string
  readonly raised: LocalDate | null
  readonly matter: string
  readonly content: string
  /** 维持 / 更正 / 撤回; null while 处理结果 is blank (open) or not one of them (a problem). */
  readonly outcome: ObjectionOutcome | null
  /** 处理结果 is blank: the objection has not been settled yet. */
  readonly open: boolean
  readonly explanation: string
  readonly handler: string
  readonly handledOn: LocalDate | null
}

export interface ObjectionScope {
  /** Only this month's rows are read and checked (a row whose 月份 cannot be read is always a problem). */
  readonly month?: MonthKey
  /** The months with a 生成公示 in 日志: an objection to any other month is a problem at its 月份 cell. */
  readonly published?: ReadonlySet<string>
  /** 姓名 by 工号 from 人员: a typed 姓名 must match; a blank one is filled. */
  readonly names?: ReadonlyMap<string, string>
}

/**
 * 异议: every row with a readable 月份 (in scope), with a problem for each bad cell — 月份 not `YYYY-MM`,
 * 工号 blank or not in 人员, 姓名 not the roster's, 提出日期 missing, 事项 or 处理结果 not from the list, a
 * settled objection without 处理人 or 处理日期 (or settled before it was raised), a month never published.
 * Rows are returned even with problems (the statement and the sidebar show them); closes refuse on them.
 */
export function readObjections(
  t: Table,
  ids: ReadonlySet<string>,
  problems: Problem[],
  scope: ObjectionScope = {},
): Located<Objection>[] {
  if (!t.exists) return []
  problems.push(...missingHeaders(t, ['月份', '工号', '提出日期', '事项', '处理结果', '处理日期']))
  const out: Located<Objection>[] = []
  for (const row of t.rows) {
    const at = (h: string) => refOf(t, row.row, h)
    const monthCell = cellOf(t, row, '月份')
    const month = periodText(monthCell)
    if (!MONTH_TEXT.test(month)) {
      problems.push({
        sheet: t.sheet,
        cell: at('月份'),
        message: `月份应为被公示的月份，如 2026-05，实际为“${parseText(monthCell)}”`,
      })
      continue
    }
    if (scope.month !== undefined && month !== scope.month) continue
    if (scope.published && !scope.published.has(month)) {
      problems.push({
        sheet: t.sheet,
        cell: at('月份'),
        message: `${month}尚无公示（“日志”中没有该月的“生成公示”记录），不能对其提出异议；请先生成该月公示表（第八条）`,
      })
    }
    const id = checkKnownId(t, row, ids, problems) ?? idOf(cellOf(t, row, '工号'))
    const typed = parseText(cellOf(t, row, '姓名'))
    const rosterName = scope.names?.get(id)
    if (typed !== '' && rosterName !== undefined && typed !== rosterName) {
      problems.push({
        sheet: t.sheet,
        cell: at('姓名'),
        message: `姓名“${typed}”与“人员”表中工号“${id}”的姓名“${rosterName}”不一致`,
      })
    }
    const raised = take(t, row, '提出日期', parseDate, problems)
    const matter = take(t, row, '事项', oneOf(OBJECTION_MATTERS), problems)
    const open = isBlankCell(cellOf(t, row, '处理结果'))
    const outcome = open ? null : take(t, row, '处理结果', oneOf(OBJECTION_OUTCOMES), problems)
    const handledOn = take(t, row, '处理日期', optionalDate, problems) ?? null
    const handler = parseText(cellOf(t, row, '处理人'))
    if (!open && handler === '')
      problems.push({ sheet: t.sheet, cell: at('处理人'), message: '已填写处理结果，请填写处理人' })
    if (!open && handledOn === null && isBlankCell(cellOf(t, row, '处理日期')))
      problems.push({ sheet: t.sheet, cell: at('处理日期'), message: '已填写处理结果，请填写处理日期' })
    if (raised !== null && handledOn !== null && handledOn < raised)
      problems.push({
        sheet: t.sheet,
        cell: at('处理日期'),
        message: `处理日期${handledOn}早于提出日期${raised}`,
      })
    out.push({
      row: row.row,
      value: {
        month,
        id,
        name: typed || rosterName || '',
        raised,
        matter: matter ?? parseText(cellOf(t, row, '事项')),
        content: parseText(cellOf(t, row, '内容')),
        outcome,
        open,
        explanation: parseText(cellOf(t, row, '处理说明')),
        handler,
        handledOn,
      },
    })
  }
  return out
}

// ---------------------------------------------------------------- shared helpers

/**
 * A period written in a cell: `2026-05` text, a date a spreadsheet made of it (2026-05-01), or a year
 * number. Normalised to formatPeriod's text; '' when not a period.
 */
const MONTH_TEXT = /^\d{4}-(0[1-9]|1[0-2])$/

export function periodText(v: Cell | undefined): string {
  if (v === undefined) return ''
  // The common case, a month key as the closes write it, without parsing.
  if (typeof v === 'string' && MONTH_TEXT.test(v)) return v
  if (typeof v === 'number') return Number.isInteger(v) && v > 1900 && v < 3000 ? String(v) : ''
  const text = parseText(v)
  const date = /^(\d{4})-(\d{2})-01$/.exec(text)
  if (date) return monthKey(Number(date[1]), Number(date[2]))
  const p: Period | null = tryParsePeriod(text)
  return p ? formatPeriod(p) : ''
}

/** A number cell as written by a close ('' / text → null). */
export function numberOf(v: Cell | undefined): number | null {
  if (v === undefined || isBlank(v)) return null
  const x = toExact(v)
  return x === null ? null : Number(x.valueOf())
}

/** A marker cell (每月之星, 服务之星, 倒数前三…) is set when it holds anything but blank, 否, FALSE or 0. */
export function flagOf(v: Cell | undefined): boolean {
  if (typeof v === 'boolean') return v
  const t = v === undefined ? '' : parseText(v)
  return t !== '' && t !== '否' && t.toUpperCase() !== 'FALSE' && t !== '0'
}

/**
 * The digest of a set of grids: a short stable hash (FNV-1a, 32 bits, hex) of their cells, their types
 * and the grid/row/cell boundaries, streamed cell by cell (no JSON text of the whole book is built: a close
 * digests every input sheet, and on large books the text and its garbage cost more than the scoring).
 */
export function digest(grids: readonly (Grid | undefined)[]): string {
  let h = 0x811c9dc5 | 0 // kept a signed 32-bit integer in the loops; made unsigned once at the end
  for (const grid of grids) {
    h = Math.imul(h ^ (grid ? 0x1e : 0x1f), 0x01000193)
    if (!grid) continue
    for (const row of grid) {
      h = Math.imul(h ^ 0x1d, 0x01000193)
      for (const v of row) {
        const text = typeof v === 'string' ? v : typeof v === 'number' ? `\u0001${v}` : `\u0002${v}`
        for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
        h = Math.imul(h ^ 0x1c, 0x01000193)
      }
    }
  }
  return (h >>> 0).toString(16).padStart(8, '0')
}
