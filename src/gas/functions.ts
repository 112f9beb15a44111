/**
 * The cell functions of SPEC §10. Each takes a value or a range (2-D array) and returns a value or a
 * matching 2-D array, so one formula fills a column. A bad scalar throws a Chinese error (Sheets shows it
 * on #ERROR!); in a range a bad row gets `错误：…` in its cell and the other rows still compute.
 *
 * Every export of this file becomes a top-level Apps Script function (scripts/build.mjs): export only
 * custom functions here; helpers stay private or live in other modules.
 */
import { leaderBand, quarterScore, yearScore } from '../core/aggregate'
import { type DeadlineKind, deadline } from '../core/deadlines'
import { type Exact, toCellNumber } from '../core/decimal'
import { isTenureEligible } from '../core/eligibility'
import { fullAttendanceConflict, MONTH_INPUT_HEADERS } from '../core/fields'
import { workCalendar } from '../core/holidays'
import { emptyCounts } from '../core/incidents'
import type { MonthBreakdown } from '../core/model'
import {
  type DateReader,
  isBlank,
  isDate,
  type Parsed,
  parseBool,
  parseCount,
  parseDate,
  parseDays,
  parseDecimal,
  parseRate,
  parseRating,
  parseText,
  showValue,
  toExact,
} from '../core/parse'
import { monthPeriod, type Period, tryParsePeriod } from '../core/period'
import { InputError } from '../core/problems'
import { monthStars, type Scored } from '../core/ranking'
import type { Rules } from '../core/rules'
import { attendanceScore, qcScore, satisfactionScore, workloadScore } from '../core/score'
import { proposeTiers, tierText } from '../core/tiers'
import { BREAKDOWN_COLUMNS, BREAKDOWN_HEADERS } from '../workbook/layouts'
import { readMonthRow } from '../workbook/month'
import { currentHolidays, currentRules, formulaRow, monthSheetContext, sheetDateReader } from './context'

type Out = number | string | boolean
type Result = Out | Out[][]

const NOT_ASSESSED = '不参与'

function isRange(v: unknown): v is unknown[] {
  return Array.isArray(v)
}

function toMatrix(v: unknown): unknown[][] {
  if (!Array.isArray(v)) return [[v]]
  return v.map((row: unknown) => (Array.isArray(row) ? row : [row]))
}

function need<T>(p: Parsed<T>): T {
  if (p.ok) return p.value
  throw new InputError(p.message)
}

function tenths(x: Exact): number {
  return toCellNumber(x, 1)
}

/** Names row i (0-based) of the range: the sheet row when the formula's row is known, else the range row. */
function rowNamer(): (i: number) => string {
  let base: number | null | undefined
  return (i) => {
    if (base === undefined) base = formulaRow()
    return base === null ? `区域第${i + 1}行` : `第${base + i}行`
  }
}

function errorText(row: string, e: unknown): string {
  const message = e instanceof Error ? e.message : String(e)
  return `错误：${row}，${message}`
}

function sameShape(grids: readonly (unknown[][] | null)[]): [number, number] {
  let shape: [number, number] | null = null
  for (const g of grids) {
    if (!g) continue
    const cols = Math.max(0, ...g.map((r) => r.length))
    if (g.length === 1 && cols === 1) continue // a 1×1 range broadcasts like a value
    if (shape === null) shape = [g.length, cols]
    else if (shape[0] !== g.length || shape[1] !== cols) {
      throw new InputError(`各参数区域的大小应一致：${shape[0]}行×${shape[1]}列与${g.length}行×${cols}列不同`)
    }
  }
  return shape ?? [1, 1]
}

/**
 * Applies `compute` cell by cell. Scalars in → scalar out (errors thrown); any range → a matrix of the
 * ranges' shape, scalars broadcast, a cell whose range inputs are all blank → '', errors as text.
 */
function elementwise(args: readonly unknown[], compute: (values: unknown[]) => Out): Result {
  if (!args.some(isRange)) return args.every(isBlank) ? '' : compute([...args])
  const grids = args.map((a) => (isRange(a) ? toMatrix(a) : null))
  const [rows, cols] = sameShape(grids)
  const name = rowNamer()
  const out: Out[][] = []
  for (let r = 0; r < rows; r++) {
    const line: Out[] = []
    for (let c = 0; c < cols; c++) {
      const values = args.map((a, k) => {
        const g = grids[k]
        if (!g) return a
        if (g.length === 1 && (g[0]?.length ?? 0) === 1) return g[0]?.[0]
        return g[r]?.[c]
      })
      if (values.every((v, k) => grids[k] === null || isBlank(v))) {
        line.push('')
        continue
      }
      try {
        line.push(compute(values))
      } catch (e) {
        line.push(errorText(name(r), e))
      }
    }
    out.push(line)
  }
  return out
}

/**
 * 业务工作量得分（第七条（一））：日均接听（文字咨询3条折1通，带班班长×1.3）75通得35分，每多/少1通加/减1分，保留一位小数。
 *
 * @param {number|Array<Array<number>>} calls 接听电话数（一个单元格或一列）
 * @param {number|Array<Array<number>>} texts 文字咨询条数
 * @param {number|Array<Array<number>>} days 出勤天数（大于0且不超过31，可为半天）
 * @param {boolean|string|Array<Array<boolean|string>>} isLeader 是否带班班长（是/否，可省略）
 * @return {number|Array<Array<number|string>>} 业务工作量得分
 * @customfunction
 */
export function WORKLOADSCORE(calls: unknown, texts: unknown, days: unknown, isLeader?: unknown): Result {
  const rules = currentRules()
  return elementwise([calls, texts, days, isLeader], ([c, t, d, l]) =>
    tenths(
      workloadScore(
        {
          calls: need(parseCount(c, '接听电话数')),
          texts: need(parseCount(t, '文字咨询条数')),
          days: need(parseDays(d, '出勤天数')),
          isLeader: need(parseBool(l, '带班班长')),
        },
        rules,
      ),
    ),
  )
}

/**
 * 考勤加班得分（第七条（二））：基础分8，全勤加2，迟到早退每次扣1，旷工或擅自脱岗每半天扣2，中午值班每次加1，加其他加班加分。
 *
 * @param {number|Array<Array<number>>} lateOrEarly 迟到早退次数
 * @param {number|Array<Array<number>>} absentHalfDays 旷工脱岗半天数
 * @param {boolean|string|Array<Array<boolean|string>>} fullAttendance 是否全勤（是/否）
 * @param {number|Array<Array<number>>} noonDuties 中午值班加分次数（未提前下班也未补休的次数；消极怠工不计，第五条）
 * @param {number|Array<Array<number>>} extraPoints 其他加班加分（可省略）
 * @return {number|Array<Array<number|string>>} 考勤加班得分
 * @customfunction
 */
export function ATTENDANCESCORE(
  lateOrEarly: unknown,
  absentHalfDays: unknown,
  fullAttendance: unknown,
  noonDuties: unknown,
  extraPoints?: unknown,
): Result {
  const rules = currentRules()
  return elementwise(
    [lateOrEarly, absentHalfDays, fullAttendance, noonDuties, extraPoints],
    ([l, a, f, n, x]) => {
      const input = {
        lateOrEarly: need(parseCount(l, '迟到早退次数')),
        absentHalfDays: need(parseCount(a, '旷工脱岗半天数')),
        fullAttendance: need(parseBool(f, '全勤')),
        noonDuties: need(parseCount(n, '中午值班加分次数')),
        extraPoints: need(parseDecimal(x, '其他加班加分', { min: 0, blankAs: 0 })),
      }
      const conflict = fullAttendanceConflict(input)
      if (conflict) throw new InputError(conflict)
      return tenths(attendanceScore(input, rules))
    },
  )
}

/**
 * 满意度与投诉率得分（第七条（四））：满意率100%得10分，每低1%减0.1分，减有效投诉扣分，表扬每次加2分。
 *
 * @param {number|string|Array<Array<number|string>>} rate 满意率（96.5%、96.5 或 0.965）
 * @param {number|Array<Array<number>>} complaintPoints 有效投诉扣分合计（可省略）
 * @param {number|Array<Array<number>>} praises 表扬次数（可省略）
 * @return {number|Array<Array<number|string>>} 满意度与投诉率得分
 * @customfunction
 */
export function SATISFACTIONSCORE(rate: unknown, complaintPoints?: unknown, praises?: unknown): Result {
  const rules = currentRules()
  return elementwise([rate, complaintPoints, praises], ([r, c, p]) =>
    tenths(
      satisfactionScore(
        {
          satisfaction: need(parseRate(r, '满意率')),
          complaintPoints: need(parseDecimal(c, '有效投诉扣分', { min: 0, blankAs: 0 })),
          praises: need(parseCount(p, '表扬次数')),
        },
        rules,
      ),
    ),
  )
}

/**
 * 质检结果得分（第七条（五））：10分减去质检扣分合计，下不托底。
 *
 * @param {number|Array<Array<number>>} deductionPoints 质检扣分合计
 * @return {number|Array<Array<number|string>>} 质检结果得分
 * @customfunction
 */
export function QCSCORE(deductionPoints: unknown): Result {
  const rules = currentRules()
  return elementwise([deductionPoints], ([d]) =>
    tenths(qcScore({ qcPoints: need(parseDecimal(d, '质检扣分', { min: 0, blankAs: 0 })) }, rules)),
  )
}

function headerOrder(names: readonly string[]): number[] {
  const missing: string[] = []
  const repeated: string[] = []
  const order = MONTH_INPUT_HEADERS.map((h) => {
    const at = names.flatMap((n, i) => (n === h ? [i] : []))
    if (at.length === 0) missing.push(h)
    if (at.length > 1) repeated.push(h)
    return at[0] ?? -1
  })
  if (missing.length > 0) throw new InputError(`表头缺少：${missing.join('、')}`)
  if (repeated.length > 0) throw new InputError(`表头重复：${repeated.join('、')}`)
  return order
}

function headerNames(row: readonly unknown[]): string[] {
  return row.map((v) => parseText(v).replace(/\s+/g, ''))
}

/** The month rows in §9 order: by position, by the `headers` argument, or by a header row atop `inputs`. */
function monthRows(inputs: unknown, headers: unknown): { rows: unknown[][]; headerAt: number | null } {
  if (!isRange(inputs)) {
    throw new InputError(`输入应为包含14列（${MONTH_INPUT_HEADERS.join('、')}）的区域`)
  }
  const grid = toMatrix(inputs)
  const width = Math.max(0, ...grid.map((r) => r.length))
  const first = headerNames(grid[0] ?? [])
  const pick = (order: readonly number[]) => grid.map((row) => order.map((i) => row[i]))
  if (!isBlank(headers) && headers !== undefined) {
    const names = headerNames(toMatrix(headers).flat())
    if (names.length !== width) {
      throw new InputError(`表头有${names.length}列，输入区域有${width}列，两者列数应一致`)
    }
    const sameAsFirst = names.every((n, i) => n === first[i])
    return { rows: pick(headerOrder(names)), headerAt: sameAsFirst ? 0 : null }
  }
  if (MONTH_INPUT_HEADERS.every((h) => first.includes(h)))
    return { rows: pick(headerOrder(first)), headerAt: 0 }
  if (width !== MONTH_INPUT_HEADERS.length) {
    throw new InputError(
      `输入区域应有14列（${MONTH_INPUT_HEADERS.join('、')}），实际为${width}列；列的顺序不同时请用第二个参数传入表头`,
    )
  }
  return { rows: grid, headerAt: null }
}

function monthTable(inputs: unknown, headers: unknown, rules: Rules): (MonthBreakdown | string | null)[] {
  const { rows, headerAt } = monthRows(inputs, headers)
  const name = rowNamer()
  const sheet = rows.length > 0 ? monthSheetContext() : null
  const at = new Map(MONTH_INPUT_HEADERS.map((h, i) => [h, i]))
  return rows.map((values, i) => {
    if (i === headerAt) return 'header'
    if (values.every(isBlank)) return null
    // A header outside the range's columns (the import's, after the results) is read from the sheet.
    const cell = (header: string): unknown => {
      const k = at.get(header)
      return k === undefined ? sheet?.cellAt(i, header) : values[k]
    }
    // On a month sheet the row speaks for the operator on its sheet row: 不参与 rows stay blank, blank
    // count cells fill from 事件 / 值班 — exactly as the close reads them (SPEC §10).
    const operator = sheet?.operatorAt(i) ?? null
    if (sheet && operator && !sheet.eligible(operator)) return null
    const counts = sheet && operator ? sheet.countsOf(operator.id) : emptyCounts()
    const reading = readMonthRow(cell, counts, rules)
    const problems = [...reading.mismatches, ...reading.errors]
    if (problems.length > 0 || !reading.breakdown) {
      return `错误：${name(i)}，${problems.map((e) => e.message).join('；')}`
    }
    return reading.breakdown
  })
}

/**
 * 月度总分（第七条）：对输入区域的每一行，按出勤天数…质检扣分14列计算五项得分之和。列顺序不同时，用第二个参数传入表头行。
 *
 * @param {Array<Array<number|string|boolean>>} inputs 月度录入的14列：出勤天数、接听电话数、文字咨询条数、带班班长、迟到早退次数、旷工脱岗半天数、全勤、中午值班加分次数、其他加班加分、领导评价、满意率、有效投诉扣分、表扬次数、质检扣分
 * @param {Array<Array<string>>} headers 表头行（可省略；提供时按表头名称识别各列）
 * @return {Array<Array<number|string>>} 每行的月度总分
 * @customfunction
 */
export function MONTHSCORE(inputs: unknown, headers?: unknown): Out[][] {
  return monthTable(inputs, headers, currentRules()).map((row) => {
    if (row === null) return ['']
    if (row === 'header') return ['月度总分']
    if (typeof row === 'string') return [row]
    return [tenths(row.total)]
  })
}

/**
 * 月度得分明细（第七条）：每行返回工作量、考勤、领导评价、满意度、质检五项得分及月度总分（6列）。
 *
 * @param {Array<Array<number|string|boolean>>} inputs 月度录入的14列（顺序同 MONTHSCORE）
 * @param {Array<Array<string>>} headers 表头行（可省略）
 * @return {Array<Array<number|string>>} 每行6列：工作量得分、考勤得分、领导评价得分、满意度得分、质检得分、月度总分
 * @customfunction
 */
export function MONTHBREAKDOWN(inputs: unknown, headers?: unknown): Out[][] {
  return monthTable(inputs, headers, currentRules()).map((row) => {
    if (row === null) return BREAKDOWN_HEADERS.map(() => '')
    if (row === 'header') return [...BREAKDOWN_HEADERS]
    if (typeof row === 'string') return [row, ...BREAKDOWN_HEADERS.slice(1).map(() => '')]
    return BREAKDOWN_COLUMNS.map((c) => tenths(row[c.key]))
  })
}

/** The month totals of a row: numbers kept, blanks and 不参与 skipped, anything else an error. */
function totalsOfRow(row: readonly unknown[]): Exact[] {
  const out: Exact[] = []
  for (const v of row) {
    if (isBlank(v) || parseText(v) === NOT_ASSESSED) continue
    const x = toExact(v)
    if (x === null) throw new InputError(`月度得分应为数值，实际为${showValue(v)}`)
    out.push(x)
  }
  return out
}

function byRows(values: unknown, compute: (row: unknown[], i: number) => Out): Result {
  if (!isRange(values)) return isBlank(values) ? '' : compute([values], 0)
  const name = rowNamer()
  return toMatrix(values).map((row, i) => {
    if (row.every(isBlank)) return ['']
    try {
      return [compute(row, i)]
    } catch (e) {
      return [errorText(name(i), e)]
    }
  })
}

/**
 * 季度得分（第九条）：每行为该季度已有的月度总分（空白和“不参与”不计）的平均数，保留两位小数。
 *
 * @param {Array<Array<number>>} monthTotals 季度内各月的月度总分（每行一人，最多3列）
 * @return {Array<Array<number|string>>} 每行的季度得分
 * @customfunction
 */
export function QUARTERSCORE(monthTotals: unknown): Result {
  return byRows(monthTotals, (row) => {
    const q = quarterScore(totalsOfRow(row))
    return q === null ? '' : toCellNumber(q, 2)
  })
}

/**
 * 年度得分（第十条）：每行为全年月度总分平均数×90%，加年度领导评价（0–10分），保留两位小数。
 *
 * @param {Array<Array<number>>} monthTotals 全年各月的月度总分（每行一人）
 * @param {number|Array<Array<number>>} leaderRating 年度领导评价（一个值或与各行对应的一列）
 * @return {Array<Array<number|string>>} 每行的年度得分
 * @customfunction
 */
export function YEARSCORE(monthTotals: unknown, leaderRating: unknown): Result {
  const rules = currentRules()
  const ratings = isRange(leaderRating) ? toMatrix(leaderRating) : null
  const rows = isRange(monthTotals) ? toMatrix(monthTotals).length : 1
  if (ratings && ratings.length !== 1 && ratings.length !== rows) {
    throw new InputError(`领导评价有${ratings.length}行，月度得分有${rows}行，两者行数应一致`)
  }
  const ratingOf = (i: number): unknown =>
    ratings ? (ratings.length === 1 ? ratings[0]?.[0] : ratings[i]?.[0]) : leaderRating
  const compute = (row: unknown[], i: number): Out => {
    const totals = totalsOfRow(row)
    const rating = ratingOf(i)
    if (totals.length === 0 && isBlank(rating)) return ''
    const y = yearScore(totals, need(parseRating(rating, '年度领导评价', rules['leader.max'])), rules)
    if (y === null) throw new InputError('没有可计算的月度得分')
    return toCellNumber(y.total, 2)
  }
  if (!isRange(monthTotals)) return compute([monthTotals], 0)
  const name = rowNamer()
  return toMatrix(monthTotals).map((row, i) => {
    if (row.every(isBlank) && isBlank(ratingOf(i))) return ['']
    try {
      return [compute(row, i)]
    } catch (e) {
      return [errorText(name(i), e)]
    }
  })
}

/**
 * 领导评价档次（第十条）：9分以上为优秀，7分以上为称职，5分以上为基本称职，5分以下为不称职。
 *
 * @param {number|Array<Array<number>>} rating 领导评价（0–10分）
 * @return {string|Array<Array<string>>} 优秀、称职、基本称职或不称职
 * @customfunction
 */
export function LEADERBAND(rating: unknown): Result {
  const rules = currentRules()
  return elementwise([rating], ([r]) =>
    leaderBand(need(parseRating(r, '领导评价', rules['leader.max'])), rules),
  )
}

/** A period cell: text 2026-05 / 2026-Q2 / 2026, the number 2026, or a Date (Sheets turns 2026-05 into one). */
function periodOf(v: unknown, readDate: DateReader): Period {
  if (isBlank(v)) throw new InputError('期间不能为空')
  if (isDate(v) && !Number.isNaN(v.getTime())) return monthPeriod(readDate(v).slice(0, 7))
  if (typeof v === 'number' && Number.isInteger(v) && v >= 1900 && v <= 9999) return { kind: 'year', year: v }
  const p = typeof v === 'string' ? tryParsePeriod(v) : null
  if (!p) throw new InputError(`期间应为 2026-05（月）、2026-Q2（季度）或 2026（年），实际为${showValue(v)}`)
  return p
}

/**
 * 是否满足参加考核的任职时间（第十四条）：入职或派驻满2个月参加月度考核，满3个月参加季度考核，满6个月参加年度考核。
 *
 * @param {Date|string|Array<Array<Date|string>>} startDate 入职或派驻日期
 * @param {string|Array<Array<string>>} period 考核期间：2026-05（月）、2026-Q2（季度）或 2026（年）
 * @return {boolean|Array<Array<boolean|string>>} TRUE 表示参加考核
 * @customfunction
 */
export function ELIGIBLE(startDate: unknown, period: unknown): Result {
  const rules = currentRules()
  const readDate = sheetDateReader()
  return elementwise([startDate, period], ([s, p]) =>
    isTenureEligible(need(parseDate(s, '入职或派驻日期', readDate)), periodOf(p, readDate), rules),
  )
}

/** Cells with a number become ranking entries (id = position); blanks and 不参与 are left out. */
function scoredCells(grid: unknown[][]): { entries: Scored[]; errors: Map<string, string> } {
  const entries: Scored[] = []
  const errors = new Map<string, string>()
  grid.forEach((row, r) => {
    row.forEach((v, c) => {
      if (isBlank(v) || parseText(v) === NOT_ASSESSED) return
      const x = toExact(v)
      if (x === null) errors.set(`${r}:${c}`, `得分应为数值，实际为${showValue(v)}`)
      else entries.push({ id: `${r}:${c}`, score: x })
    })
  })
  return { entries, errors }
}

function rankedCells(values: unknown, label: (entries: Scored[]) => Map<string, string>): Result {
  const grid = toMatrix(values)
  const { entries, errors } = scoredCells(grid)
  if (!isRange(values)) {
    const error = errors.get('0:0')
    if (error) throw new InputError(error)
    return label(entries).get('0:0') ?? ''
  }
  const labels = label(entries)
  const name = rowNamer()
  return grid.map((row, r) =>
    row.map((_, c): Out => {
      const error = errors.get(`${r}:${c}`)
      return error ? errorText(name(r), new InputError(error)) : (labels.get(`${r}:${c}`) ?? '')
    }),
  )
}

/**
 * 每月之星（第十一条）：在参加考核者中按月度总分从高到低排名，前3名（并列同获）显示“每月之星”。空白和“不参与”不参加排名。
 *
 * @param {Array<Array<number>>} totals 月度总分（一列）
 * @param {number} count 名额（可省略，默认3名）
 * @return {Array<Array<string>>} “每月之星”或空白
 * @customfunction
 */
export function STARS(totals: unknown, count?: unknown): Result {
  const rules = currentRules()
  const n = isBlank(count) ? Number(rules['stars.count'].valueOf()) : need(parseCount(count, '名额'))
  if (n < 1) throw new InputError('名额应为不小于1的整数')
  return rankedCells(totals, (entries) => {
    const stars = monthStars(entries, n)
    return new Map(entries.filter((e) => stars.has(e.id)).map((e) => [e.id, '每月之星']))
  })
}

/**
 * 建议档次（第十三条）：按得分从高到低，优秀不超过20%，良好不超过30%，其余称职；并列跨档的整组降一档并标“并列待定”。
 *
 * @param {Array<Array<number>>} scores 季度或年度得分（一列）
 * @return {Array<Array<string>>} 优秀、良好或称职（可能带“（并列待定）”）
 * @customfunction
 */
export function TIER(scores: unknown): Result {
  const rules = currentRules()
  return rankedCells(scores, (entries) => {
    const tiers = proposeTiers(entries, rules)
    return new Map([...tiers].map(([id, t]) => [id, tierText(t)]))
  })
}

/**
 * 考核截止日（第八条至第十条）：初评为次月5日、终评为次月10日，遇节假日顺延至节假日后第三个工作日；季度只有次月10日一个截止日（第九条）；按“节假日”表补充的安排计算。
 *
 * @param {string|Array<Array<string>>} period 考核期间：2026-05、2026-Q2 或 2026
 * @param {string} which 初评（默认）或 终评
 * @return {string|Array<Array<string>>} 截止日期（YYYY-MM-DD）
 * @customfunction
 */
export function DEADLINE(period: unknown, which?: unknown): Result {
  const rules = currentRules()
  const readDate = sheetDateReader()
  const calendar = workCalendar(currentHolidays())
  return elementwise([period, which], ([p, w]) => {
    const kind = isBlank(w) ? '初评' : parseText(w)
    if (kind !== '初评' && kind !== '终评')
      throw new InputError(`截止类型应为“初评”或“终评”，实际为${showValue(w)}`)
    return deadline(periodOf(p, readDate), kind as DeadlineKind, calendar, rules).due
  })
}
