/**
 * 异议 (第八条, SPEC §15): 带班班长应于每月 5 日前……进行公示，每月 10 日前完成考核得分评定 — the days between
 * are for objections. An operator objects to the 带班班长 before the month's 终评 deadline; the objection and
 * its outcome (维持 / 更正 / 撤回) are kept in the 异议 sheet. A month close (终评) is refused while one of
 * its objections is open; the close's 日志 entry counts them by outcome; a closed month is reopened for a
 * late 更正 naming the objection's row.
 */
import { type Deadline, deadline } from '../core/deadlines'
import type { WorkCalendar } from '../core/holidays'
import { parseText } from '../core/parse'
import { formatPeriod, type MonthKey, monthPeriod, type Period, periodLabel } from '../core/period'
import { InputError, type Problem } from '../core/problems'
import type { Rules } from '../core/rules'
import type { Inputs } from './context'
import { tableOf } from './context'
import { OBJECTION_OUTCOMES, SHEET } from './layouts'
import { cellOf, idOf, type Located, type Objection, readObjections, refOf, type Table, table } from './read'
import { publishedPeriods } from './state'
import type { Grid } from './types'

export interface MonthObjections {
  readonly rows: readonly Located<Objection>[]
  readonly problems: readonly Problem[]
  /** The month's 异议 rows as typed (header first), for the close's digest; empty when it has none. */
  readonly grid: Grid
}

/**
 * The objections to a month's 公示, checked as its close needs them: every bad cell a problem, an objection
 * for an unknown 工号 or for a month never published a problem, and each open one (处理结果 blank) a problem
 * naming its row, 工号 and 姓名 — 第八条: the score is settled (评定) only once every objection is.
 */
export function monthObjections(inputs: Inputs, month: MonthKey): MonthObjections {
  const t = tableOf(inputs.grids, SHEET.objections)
  const problems: Problem[] = []
  const names = new Map(inputs.operators.map((o) => [o.id, o.name]))
  const rows = readObjections(t, inputs.rosterIds, problems, {
    month,
    published: publishedPeriods(inputs.log),
    names,
  })
  for (const { row, value: o } of rows) {
    if (!o.open) continue
    problems.push({
      sheet: t.sheet,
      cell: refOf(t, row, '处理结果'),
      message: `第${row}行 工号“${o.id}”${o.name ? ` ${o.name}` : ''}对${month}公示的异议尚未处理：请填写处理结果（维持、更正或撤回）后再结算（第八条）`,
    })
  }
  return { rows, problems, grid: monthGrid(t, rows) }
}

function monthGrid(t: Table, rows: readonly Located<Objection>[]): Grid {
  if (rows.length === 0) return []
  const mine = new Set(rows.map((r) => r.row))
  const header = [...t.columns.keys()]
  return [header, ...t.rows.filter((r) => mine.has(r.row)).map((r) => [...r.cells])]
}

/** `异议3件：维持1、更正1、撤回1` (outcomes with none left out); '' when the month had no objection. */
export function objectionSummary(rows: readonly Located<Objection>[]): string {
  if (rows.length === 0) return ''
  const counts = OBJECTION_OUTCOMES.map((k) => [k, rows.filter((r) => r.value.outcome === k).length] as const)
  const parts = counts.filter(([, n]) => n > 0).map(([k, n]) => `${k}${n}`)
  return `异议${rows.length}件：${parts.join('、')}`
}

/**
 * Until when objections to a 公示 go to the 带班班长: the period's 终评 deadline (第八条 for a month, 第十条
 * for the year; 节假日 included), the month's by default. A year without holiday data gives the nominal
 * date and the reason it could not be rolled.
 */
export function objectionDeadline(
  period: MonthKey | Period,
  calendar: WorkCalendar,
  rules: Rules,
): { due: Deadline | null; warning: string | null } {
  const p = typeof period === 'string' ? monthPeriod(period) : period
  try {
    return { due: deadline(p, '终评', calendar, rules), warning: null }
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    return { due: null, warning: error.message }
  }
}

/** `因异议更正：“异议”第3行 001 话务员1（业务工作量）`, or the problem with that row. */
export function lateCorrection(
  grids: ReadonlyMap<string, Grid>,
  period: Period,
  row: number,
): { ok: true; text: string } | { ok: false; problem: Problem } {
  const t = table(SHEET.objections, grids.get(SHEET.objections))
  const at = (header: string) => ({ sheet: SHEET.objections, cell: refOf(t, row, header) })
  if (period.kind !== 'month')
    return {
      ok: false,
      problem: {
        ...at('月份'),
        message: `异议针对月度公示（第八条）：请给出月份，而不是${periodLabel(period)}`,
      },
    }
  const roster = table(SHEET.roster, grids.get(SHEET.roster))
  const names = new Map(
    roster.rows.map((r) => [idOf(cellOf(roster, r, '工号')), parseText(cellOf(roster, r, '姓名'))]),
  )
  const found = readObjections(t, new Set(names.keys()), [], { names }).find((o) => o.row === row)
  if (!found)
    return { ok: false, problem: { ...at('月份'), message: `“${SHEET.objections}”表第${row}行没有异议记录` } }
  const o = found.value
  const month = formatPeriod(period)
  if (o.month !== month)
    return {
      ok: false,
      problem: { ...at('月份'), message: `第${row}行的异议针对${o.month}，不是${month}` },
    }
  if (o.outcome !== '更正')
    return {
      ok: false,
      problem: {
        ...at('处理结果'),
        message: `第${row}行的异议处理结果为“${o.outcome ?? '（未处理）'}”：因异议重新开放须先将处理结果定为“更正”并写明处理说明`,
      },
    }
  return {
    ok: true,
    text: `因异议更正：“${SHEET.objections}”第${row}行 ${o.id}${o.name ? ` ${o.name}` : ''}（${o.matter}）`,
  }
}
