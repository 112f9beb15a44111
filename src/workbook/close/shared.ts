/**
 * What the three closes share (month, quarter, year): the protection a result sheet is known to carry, the
 * rows and kept leader columns of a result sheet, the sanction hints of 第十三条, the fills read back.
 */
import { groupBy } from '../../core/collections'
import { parseText } from '../../core/parse'
import { type MonthKey, monthPeriod, type Period } from '../../core/period'
import type { Problem } from '../../core/problems'
import { tableOf } from '../context'
import { noteHighlight } from '../highlights'
import { monthSheetName, SHEET } from '../layouts'
import { namingOf } from '../naming'
import { cellOf, idOf, periodText, type Table } from '../read'
import { closedDigest, isClosed, periodState } from '../state'
import type { SummaryRow } from '../summary'
import type { Cell, Grid, Highlight, Workbook } from '../types'

/**
 * The fills a quarter or year sheet carries from its last close, read back from its cells (备注 names the
 * sanctions, 建议档次 a tie, then the star): the undo of a re-close needs no getBackgrounds.
 */
export function previousResultHighlights(
  grids: ReadonlyMap<string, Grid>,
  name: string,
  star: (t: Table, row: { row: number; cells: readonly Cell[] }) => boolean,
): Highlight[] {
  const t = tableOf(grids, name)
  return (grids.get(name) ?? []).slice(1).map((cells, i) => {
    const row = { row: i + 2, cells }
    const noted = noteHighlight(parseText(cellOf(t, row, '备注')), parseText(cellOf(t, row, '建议档次')))
    return noted ?? (star(t, row) ? 'star' : null)
  })
}

/** Every 工号 listed in the given months' results. */
export function idsIn(results: ReadonlyMap<MonthKey, readonly SummaryRow[]>): Set<string> {
  const out = new Set<string>()
  for (const rows of results.values()) for (const r of rows) out.add(r.id)
  return out
}

/**
 * What a result sheet's protection is known to be, from 日志: closed on the same digest → already this
 * protection ('same'); never closed or reopened → none; otherwise unknown (the host looks).
 */
export function knownProtection(
  log: Table,
  period: Period,
  digest: string | null,
): { known?: 'none' | 'same' } {
  if (periodState(log, period) !== 'closed') return { known: 'none' }
  const closed = closedDigest(log, period)
  // A month closed on other inputs is refused before it gets here: any digest means the same protection.
  return closed !== null && (digest === null || closed === digest) ? { known: 'same' } : {}
}

/** 预警 rows of the given months per 工号: `2026-05 谈话提醒（第十五条（一））`. */
export function sanctionHints(
  grids: ReadonlyMap<string, Grid>,
  months: readonly string[],
): Map<string, string[]> {
  const t = tableOf(grids, SHEET.alerts)
  const wanted = new Set(months)
  const hints = t.rows.flatMap((row) => {
    const month = periodText(cellOf(t, row, '月份'))
    const level = parseText(cellOf(t, row, '级别'))
    if (!wanted.has(month) || (level !== '谈话提醒' && level !== '辞退或更换')) return []
    const text = `${month} ${level}（${parseText(cellOf(t, row, '条款'))}）`
    return [{ id: idOf(cellOf(t, row, '工号')), text }]
  })
  return new Map([...groupBy(hints, (h) => h.id)].map(([id, list]) => [id, list.map((h) => h.text)]))
}

/** A quarter or year row's fill: a sanction in the period first, then 并列待定, then first place. */
export function rowHighlight(sanctions: readonly string[], pending: boolean, first: boolean): Highlight {
  if (sanctions.some((s) => s.includes('辞退或更换'))) return 'dismissal'
  if (sanctions.length > 0) return 'reminder'
  return pending ? 'pending' : first ? 'star' : null
}

/** Every 工号 on the given sheets (an operator listed on a month sheet is listed on its quarter and year). */
export function listedIds(tables: readonly Table[]): Set<string> {
  const out = new Set<string>()
  for (const t of tables) for (const row of t.rows) out.add(idOf(cellOf(t, row, '工号')))
  out.delete('')
  return out
}

/** 最终档次 (or any staff column) kept from an existing result sheet, by 工号. */
export function keptColumn(t: Table, header: string): Map<string, Cell> {
  const out = new Map<string, Cell>()
  for (const row of t.rows) {
    const id = idOf(cellOf(t, row, '工号'))
    if (id !== '') out.set(id, cellOf(t, row, header))
  }
  return out
}

/**
 * Months of the period not closed (日志), as problems naming them. Only when some are, their sheets are
 * looked up, to say which do not exist at all.
 */
export function unclosedMonths(book: Workbook, log: Table, months: readonly MonthKey[]): Problem[] {
  const open = months.filter((m) => !isClosed(log, monthPeriod(m)))
  if (open.length === 0) return []
  const present = book.read(open.map(monthSheetName))
  const naming = namingOf(book)
  return open.map((m) => {
    const sheet = monthSheetName(m)
    return present.has(sheet)
      ? {
          sheet,
          cell: 'A1',
          code: 'unclosed-month',
          message: `${m} 月度尚未结算，须先${naming.closeMonth(m)}`,
        }
      : {
          sheet,
          cell: 'A1',
          code: 'unclosed-month',
          message: `${m} 月度表不存在，须先建立并${naming.closeMonth(m)}`,
        }
  })
}
