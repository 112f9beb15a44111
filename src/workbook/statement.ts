/**
 * 个人成绩单: one operator's statement for a month, quarter or year — every component of 第七条 with the
 * inputs behind it and the article, rank, stars, tier, and the triggers with their reasons. Scores are the
 * frozen values of the close; the sentences come from the engine's explainMonth (src/core/score.ts) run on
 * the row's inputs with the rules in force for that month, so the statement and the close cannot disagree
 * silently: when they do (inputs edited after the close), the statement says so.
 */
import type { LocalDate } from '../core/dates'
import { exact, toFixed } from '../core/decimal'
import { fieldOfHeader, fieldsOf, showInput } from '../core/fields'
import { noonDutyEffect } from '../core/leave'
import type { MonthBreakdown, MonthInput } from '../core/model'
import { parseRate, parseText } from '../core/parse'
import {
  firstDay,
  formatPeriod,
  type MonthKey,
  monthPeriod,
  monthsOf,
  type Period,
  periodLabel,
} from '../core/period'
import { InputError } from '../core/problems'
import { explainMonth } from '../core/score'
import { INPUT_SHEETS, type Inputs, parseInputs, rulesAt } from './context'
import {
  type AlertRow,
  COMPONENTS,
  type ComponentKey,
  type LeaveRow,
  readAlerts,
  readLeave,
} from './insights'
import { monthSheetName, quarterSheetName, SHEET, yearSheetName } from './layouts'
import { evaluateMonth } from './month'
import { type HostNaming, MENU_NAMING, namingOf } from './naming'
import { cellOf, flagOf, idOf, numberOf, readObjections, table } from './read'
import type { Cell, Grid, Workbook } from './types'

/** The inputs behind each component (§9 headers), from the field table (core/fields.ts). */
export const COMPONENT_INPUTS: Readonly<Record<ComponentKey, readonly string[]>> = {
  workload: fieldsOf('workload').map((f) => f.header),
  attendance: fieldsOf('attendance').map((f) => f.header),
  leader: fieldsOf('leader').map((f) => f.header),
  satisfaction: fieldsOf('satisfaction').map((f) => f.header),
  qc: fieldsOf('qc').map((f) => f.header),
}

export interface InputValue {
  readonly label: string
  readonly value: string
}

export interface StatementLine {
  readonly key: ComponentKey | 'total'
  readonly label: string
  readonly article: string
  /** The frozen score (one decimal); null when not scored. */
  readonly score: number | null
  /** How it was computed, in words (from explainMonth); '' when the inputs cannot be read. */
  readonly explanation: string
  readonly inputs: readonly InputValue[]
}

export interface EventLine {
  readonly date: string
  readonly type: string
  readonly points: string
  readonly callId: string
  readonly note: string
}

/** A row of `值班` and what it earned (第五条; '' when the 结果 cannot be read). */
export interface DutyLine {
  readonly date: string
  readonly outcome: string
  readonly effect: string
}

export interface StatementMonth {
  readonly month: MonthKey
  readonly label: string
  /** false: no month sheet, not closed, or 不参与 (see note). */
  readonly scored: boolean
  readonly note: string
  readonly lines: readonly StatementLine[]
  readonly total: number | null
  readonly rank: number | null
  /** How many were ranked that month. */
  readonly ofCount: number
  readonly star: boolean
  readonly bottom: boolean
  readonly events: readonly EventLine[]
  readonly duties: readonly DutyLine[]
  /** Set when recomputing from today's inputs gives another total than the frozen one. */
  readonly mismatch: string
}

export interface StatementAggregate {
  readonly kind: 'quarter' | 'year'
  readonly label: string
  readonly article: string
  readonly score: number | null
  readonly rank: number | null
  readonly ofCount: number
  readonly serviceStar: boolean
  readonly proposedTier: string
  readonly finalTier: string
  readonly note: string
  readonly explanation: string
  readonly average?: number | null
  readonly base?: number | null
  readonly leaderRating?: number | null
  readonly leaderBand?: string
}

export interface Statement {
  readonly id: string
  readonly name: string
  readonly homeCourt: string
  readonly role: string
  readonly period: Period
  readonly periodText: string
  readonly label: string
  readonly generatedAt: string
  readonly months: readonly StatementMonth[]
  readonly aggregate: StatementAggregate | null
  /** 预警 rows for this operator in the period's months (谈话提醒, 辞退或更换, 派驻缺位, 派驻更换). */
  readonly triggers: readonly AlertRow[]
  /** 补休 earned for or in the period, each with its 状态 on the statement's date. */
  readonly leave: readonly LeaveRow[]
  /** The operator's objections to the period's months' 公示 and their outcomes (第八条). */
  readonly objections: readonly ObjectionLine[]
  readonly notices: readonly string[]
}

export interface ObjectionLine {
  readonly month: MonthKey
  /** The row of the 异议 sheet. */
  readonly row: number
  readonly raised: string
  readonly matter: string
  readonly content: string
  /** 维持 / 更正 / 撤回, or 待处理 while open. */
  readonly outcome: string
  readonly explanation: string
  readonly handler: string
  readonly handledOn: string
}

/** The operator's 异议 rows for `months`, in sheet order (cells that do not read are shown as typed). */
function objectionLines(
  grids: ReadonlyMap<string, Grid>,
  id: string,
  months: readonly MonthKey[],
): ObjectionLine[] {
  const t = table(SHEET.objections, grids.get(SHEET.objections))
  const typed = new Map(t.rows.map((r) => [r.row, parseText(cellOf(t, r, '处理结果'))]))
  return readObjections(t, new Set([id]), [])
    .filter((o) => o.value.id === id && months.includes(o.value.month))
    .map(({ row, value: o }) => ({
      month: o.month,
      row,
      raised: o.raised ?? '',
      matter: o.matter,
      content: o.content,
      outcome: o.open ? '待处理' : (o.outcome ?? typed.get(row) ?? ''),
      explanation: o.explanation,
      handler: o.handler,
      handledOn: o.handledOn ?? '',
    }))
}

function show(cell: Cell, header: string): string {
  if (cell === '') return '—'
  if (typeof cell === 'boolean') return cell ? '是' : '否'
  if (header === '满意率') {
    const rate = parseRate(cell, header)
    if (rate.ok) return `${trimZeros(toFixed(rate.value.mul(100), 2))}%`
  }
  return parseText(cell)
}

function trimZeros(t: string): string {
  return t.includes('.') ? t.replace(/0+$/, '').replace(/\.$/, '') : t
}

function inMonth(date: string, month: MonthKey): boolean {
  return date.slice(0, 7) === month
}

/** A parsed input as the statement shows it (满意率 as a percentage). */
function inputText(input: MonthInput, header: string): string {
  const f = fieldOfHeader(header)
  return f ? showInput(f, input) : ''
}

function monthStatement(
  id: string,
  month: MonthKey,
  grids: ReadonlyMap<string, Grid>,
  naming: HostNaming,
  parsed: Inputs,
): StatementMonth {
  const name = monthSheetName(month)
  const grid = grids.get(name)
  const t = table(name, grid)
  const row = t.rows.find((r) => idOf(cellOf(t, r, '工号')) === id)
  // The close's own reading of the inputs (事件 and 值班 through their one reader), with the month's rules.
  const inputs: Inputs = { ...parsed, rules: rulesAt(parsed, firstDay(monthPeriod(month))) }
  const eventLines: EventLine[] = inputs.incidents
    .filter((i) => i.id === id && inMonth(i.date, month))
    .map((i) => ({
      date: i.date,
      type: i.type,
      points: i.points?.toString() ?? '',
      callId: i.callId,
      note: i.note,
    }))
    .sort((a, b) => a.date.localeCompare(b.date))
  const duties = inputs.duties
    .filter((d) => d.id === id && inMonth(d.date, month))
    .map(
      (d): DutyLine => ({
        date: d.date,
        outcome: d.outcome,
        effect: noonDutyEffect(d.outcome, inputs.rules),
      }),
    )
    .sort((a, b) => a.date.localeCompare(b.date))
  // 第五条 "一经发现存在消极怠工情形的，一律取消提前下班、补休资格": said beside the count it did not raise.
  const slack = duties.filter((d) => d.outcome === '消极怠工').length
  const ofCount = t.rows.filter((r) => numberOf(cellOf(t, r, '月度总分')) !== null).length
  const base = { month, label: periodLabel(monthPeriod(month)), events: eventLines, duties, ofCount }
  if (!row) {
    const note = grid ? '本月月度表中没有该工号' : '本月尚无月度表'
    return {
      ...base,
      scored: false,
      note,
      lines: [],
      total: null,
      rank: null,
      star: false,
      bottom: false,
      mismatch: '',
    }
  }
  const total = numberOf(cellOf(t, row, '月度总分'))
  const noteCell = parseText(cellOf(t, row, '预警'))
  const scored = total !== null
  // The close's own reading of the row: count cells left blank are filled from 事件 / 值班 (§9).
  const evaluated = evaluateMonth(inputs, t, month).rows.find((r) => r.id === id)
  const input = evaluated?.input ?? null
  const explained = input ? explainMonth(input, inputs.rules) : null
  const inputValues = (headers: readonly string[]): InputValue[] =>
    headers.flatMap((h) => {
      const cell = cellOf(t, row, h)
      const f = fieldOfHeader(h)
      if (f?.optional && (!t.columns.has(h) || parseText(cell) === '')) return [] // not carried by this sheet
      const source = f?.records && parseText(cell) === '' ? f.records.sheet : null
      // As the close read it: a blank input taken from the platform import's column (SPEC §14).
      const platform = evaluated?.fromPlatform.includes(h) === true
      const value = input
        ? inputText(input, h)
        : show(platform && f?.platform ? cellOf(t, row, f.platform) : cell, h)
      const from = source ? `（按“${source}”表统计）` : platform ? '（平台导入）' : ''
      const slackNote =
        h === '中午值班加分次数' && slack > 0 ? `（另有消极怠工${slack}次，不加分，第五条）` : ''
      return [{ label: h, value: `${value}${from}${slackNote}` }]
    })
  const lines: StatementLine[] = COMPONENTS.map((c) => ({
    key: c.key,
    label: c.label,
    article: c.article,
    score: numberOf(cellOf(t, row, c.header)),
    explanation: explained ? explained.reasons[c.key].text : '',
    inputs: inputValues(COMPONENT_INPUTS[c.key]),
  }))
  lines.push({
    key: 'total',
    label: '月度总分',
    article: '第七条',
    score: total,
    explanation: explained ? explained.reasons.total.text : '',
    inputs: [],
  })
  let mismatch = ''
  if (scored && explained && !sameTenths(explained.breakdown, total)) {
    mismatch = `按当前输入重算的月度总分为 ${toFixed(explained.breakdown.total, 1)}，与结算时冻结的 ${total} 不同：输入或规则可能在结算后被改动，请核对`
  }
  if (scored && !explained)
    mismatch = `当前输入无法完整读取，以下为结算时冻结的得分（请先${naming.validate(monthPeriod(month))}）`
  return {
    ...base,
    scored,
    note: scored ? noteCell : noteCell || parseText(cellOf(t, row, '月度总分')) || '本月尚未结算',
    lines: scored ? lines : [],
    total,
    rank: numberOf(cellOf(t, row, '排名')),
    star: flagOf(cellOf(t, row, '每月之星')),
    bottom: flagOf(cellOf(t, row, '倒数前三')),
    mismatch,
  }
}

function sameTenths(b: MonthBreakdown, total: number | null): boolean {
  return total !== null && toFixed(b.total, 1) === toFixed(exact(total), 1)
}

function aggregateOf(
  period: Period,
  id: string,
  grids: ReadonlyMap<string, Grid>,
  months: readonly StatementMonth[],
): StatementAggregate | null {
  if (period.kind === 'month') return null
  const isYear = period.kind === 'year'
  const name = isYear ? yearSheetName(period.year) : quarterSheetName(period)
  const t = table(name, grids.get(name))
  const row = t.rows.find((r) => idOf(cellOf(t, r, '工号')) === id)
  const scoreHeader = isYear ? '年度得分' : '季度得分'
  const ofCount = t.rows.filter((r) => numberOf(cellOf(t, r, scoreHeader)) !== null).length
  const label = isYear ? '年度考核' : '季度考核'
  const article = isYear ? '第十条' : '第九条'
  if (!row) {
    return {
      kind: period.kind,
      label,
      article,
      score: null,
      rank: null,
      ofCount,
      serviceStar: false,
      proposedTier: '',
      finalTier: '',
      note: grids.has(name) ? `“${name}”中没有该工号` : `尚未进行${periodLabel(period)}结算`,
      explanation: '',
    }
  }
  const score = numberOf(cellOf(t, row, scoreHeader))
  const scoredMonths = months.filter((m) => m.total !== null)
  const totals = scoredMonths.map((m) => String(m.total))
  let explanation = ''
  if (score !== null && !isYear) {
    explanation = `季度得分 = 本季度月度总分平均值 (${totals.join(' + ')}) ÷ ${totals.length} = ${toFixed(exact(score), 2)}（第九条）`
  }
  const average = isYear ? numberOf(cellOf(t, row, '月度平均分')) : undefined
  const base = isYear ? numberOf(cellOf(t, row, '基础得分')) : undefined
  const leaderRating = isYear ? numberOf(cellOf(t, row, '领导评价')) : undefined
  if (score !== null && isYear) {
    explanation =
      `年度得分 = 月度平均分 ${average ?? '—'}（${totals.length}个月）× 90% = 基础得分 ${base ?? '—'}，` +
      `加领导评价 ${leaderRating ?? '—'} = ${toFixed(exact(score), 2)}（第十条）`
  }
  return {
    kind: period.kind,
    label,
    article,
    score,
    rank: numberOf(cellOf(t, row, '排名')),
    ofCount,
    serviceStar: flagOf(cellOf(t, row, '服务之星')),
    proposedTier: parseText(cellOf(t, row, '建议档次')),
    finalTier: parseText(cellOf(t, row, '最终档次')),
    note: parseText(cellOf(t, row, '备注')),
    explanation,
    ...(isYear ? { average, base, leaderRating, leaderBand: parseText(cellOf(t, row, '领导评价档次')) } : {}),
  }
}

/** Sheets a statement reads, for one batched read. */
export function statementSheets(period: Period): string[] {
  const names: string[] = [...INPUT_SHEETS, SHEET.alerts, SHEET.leave, SHEET.objections]
  names.push(...monthsOf(period).map(monthSheetName))
  if (period.kind === 'quarter') names.push(quarterSheetName(period))
  if (period.kind === 'year') names.push(yearSheetName(period.year))
  return names
}

/** One operator's statement. Throws InputError (Chinese) when the 工号 is nowhere in the workbook. */
export function buildStatement(book: Workbook, period: Period, id: string): Statement {
  const present = new Set(book.sheetNames())
  const grids = book.read(statementSheets(period).filter((n) => present.has(n)))
  return statementFromGrids(grids, period, id.trim(), book.now(), namingOf(book))
}

export function statementFromGrids(
  grids: ReadonlyMap<string, Grid>,
  period: Period,
  id: string,
  generatedAt: string,
  naming: HostNaming = MENU_NAMING,
): Statement {
  const roster = table(SHEET.roster, grids.get(SHEET.roster))
  const person = roster.rows.find((r) => idOf(cellOf(roster, r, '工号')) === id)
  const parsed = parseInputs(grids, period)
  const months = monthsOf(period).map((m) => monthStatement(id, m, grids, naming, parsed))
  const seenInMonth = months.some((m) => m.note !== '本月月度表中没有该工号' && m.note !== '本月尚无月度表')
  if (!person && !seenInMonth)
    throw new InputError(`工号“${id}”不在“人员”表中，也不在${periodLabel(period)}的月度表中`)
  let name = person ? parseText(cellOf(roster, person, '姓名')) : ''
  if (!name) {
    for (const m of monthsOf(period)) {
      const t = table(monthSheetName(m), grids.get(monthSheetName(m)))
      const row = t.rows.find((r) => idOf(cellOf(t, r, '工号')) === id)
      if (row) name = parseText(cellOf(t, row, '姓名'))
      if (name) break
    }
  }
  const periodMonths = monthsOf(period)
  const asOf: LocalDate = generatedAt.slice(0, 10)
  const notices: string[] = []
  for (const m of months) if (m.mismatch) notices.push(`${m.month}：${m.mismatch}`)
  return {
    id,
    name,
    homeCourt: person ? parseText(cellOf(roster, person, '派驻单位')) || '市中院聘用' : '',
    role: person ? parseText(cellOf(roster, person, '岗位')) || '话务员' : '',
    period,
    periodText: formatPeriod(period),
    label: periodLabel(period),
    generatedAt,
    months,
    aggregate: aggregateOf(period, id, grids, months),
    triggers: readAlerts(grids.get(SHEET.alerts)).filter(
      (a) => a.id === id && periodMonths.includes(a.month),
    ),
    // Leave earned for the period (a December star is earned on 1 January) or earned within it.
    leave: readLeave(grids.get(SHEET.leave), asOf).filter(
      (l) =>
        l.id === id &&
        (periodMonths.includes(l.source.slice(0, 7)) || periodMonths.includes(l.earned.slice(0, 7))),
    ),
    objections: objectionLines(grids, id, periodMonths),
    notices,
  }
}
