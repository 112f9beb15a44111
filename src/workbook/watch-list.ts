/**
 * 关注名单 (SPEC §17) as the month close writes it: for month M, every operator ranked in M and still in
 * post at its end who is one event away from a clause of 第十五条/第十六条 (src/core/watch.ts), from the very
 * history the close's sanctions use. That month's rows are replaced, other months' rows kept, ordered by
 * month, so closing twice writes the same sheet.
 */
import { groupBy } from '../core/collections'
import { parseText } from '../core/parse'
import { lastDay, type MonthKey, monthPeriod } from '../core/period'
import type { Rules } from '../core/rules'
import type { MonthStanding } from '../core/sanctions'
import { type WatchEntry, watchEntries } from '../core/watch'
import type { Inputs } from './context'
import { SHEET, WATCH_LAYOUT } from './layouts'
import type { MonthRow } from './month'
import { cellOf, idOf, periodText, type Table } from './read'
import type { Cell, SheetWrite } from './types'

export interface WatchInput {
  readonly inputs: Pick<Inputs, 'incidents' | 'rules'>
  readonly month: MonthKey
  readonly rows: readonly MonthRow[]
  readonly ranks: ReadonlyMap<string, number>
  readonly bottom: ReadonlySet<string>
  /** Earlier months' standings by operator (as the close read them for the sanctions). */
  readonly history: ReadonlyMap<string, readonly MonthStanding[]>
}

/** The month's watch entries, in the month sheet's row order. */
export function monthWatch(w: WatchInput): { row: MonthRow; entry: WatchEntry }[] {
  const end = lastDay(monthPeriod(w.month))
  const byOperator = groupBy(w.inputs.incidents, (i) => i.id)
  const out: { row: MonthRow; entry: WatchEntry }[] = []
  const rules: Rules = w.inputs.rules
  for (const r of w.rows) {
    if (!w.ranks.has(r.id)) continue
    const leave = r.operator.leaveDate
    if (leave !== null && leave <= end) continue // gone by next month
    const standing: MonthStanding = { month: w.month, ranked: true, bottom: w.bottom.has(r.id) }
    const history = [...(w.history.get(r.id) ?? []), standing]
    for (const entry of watchEntries(r.id, w.month, history, byOperator.get(r.id) ?? [], rules))
      out.push({ row: r, entry })
  }
  return out
}

/** The 关注名单 write of a month close: the month's rows replaced, other months' kept. */
export function watchWrite(t: Table, w: WatchInput): { write: SheetWrite; count: number } {
  const kept: { month: string; cells: Cell[] }[] = []
  for (const row of t.rows) {
    const m = periodText(cellOf(t, row, '月份'))
    if (m === w.month) continue
    kept.push({ month: m, cells: WATCH_LAYOUT.columns.map((c) => cellOf(t, row, c.header)) })
  }
  const fresh = monthWatch(w).map(({ row, entry }) => ({
    month: w.month,
    cells: [w.month, row.id, row.operator.name, entry.clause, entry.gap, entry.note] as Cell[],
  }))
  const all = [...kept, ...fresh].sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0))
  return {
    write: { sheet: SHEET.watch, layout: WATCH_LAYOUT, mode: 'replace', rows: all.map((a) => a.cells) },
    count: fresh.length,
  }
}

/** One row of 关注名单 as the dashboards read it. */
export interface WatchRow {
  readonly month: string
  readonly id: string
  readonly name: string
  readonly clause: string
  readonly gap: string
  readonly note: string
}

export function readWatch(t: Table): WatchRow[] {
  return t.rows
    .map((row) => ({
      month: periodText(cellOf(t, row, '月份')),
      id: idOf(cellOf(t, row, '工号')),
      name: parseText(cellOf(t, row, '姓名')),
      clause: parseText(cellOf(t, row, '条款')),
      gap: parseText(cellOf(t, row, '还差')),
      note: parseText(cellOf(t, row, '说明')),
    }))
    .filter((r) => r.id !== '')
}
