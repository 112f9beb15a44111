/**
 * Problems grouped by the person they concern, so a team leader fixes one operator's row at a time: each
 * problem's cell gives its sheet row, the row gives the 工号 (and 姓名, else the 人员 sheet's), and problems of
 * one 工号 — on the month sheet, in 事件, in 值班 — come together. Problems of no person (a header, a rule, a
 * missing sheet) are listed apart. Either host may show problems this way; the command line does.
 */
import { groupBy } from '../core/collections'
import { parseText } from '../core/parse'
import type { Problem } from '../core/problems'
import { SHEET } from './layouts'
import { cellOf, idOf, type Table, table } from './read'
import type { Workbook } from './types'

export interface PersonRow {
  readonly sheet: string
  readonly row: number
}

export interface PersonProblems {
  /** 工号 as written; '' when the row has none (then the group is that one row). */
  readonly id: string
  /** 姓名 from the row, else from 人员; '' when unknown. */
  readonly name: string
  /** The sheet rows the problems are on, in order of first appearance. */
  readonly rows: readonly PersonRow[]
  readonly problems: readonly Problem[]
}

export interface ProblemGroups {
  readonly people: readonly PersonProblems[]
  /** Problems that belong to no person's row. */
  readonly other: readonly Problem[]
}

/** The data row of an A1 reference (`D7` → 7); null for the header row or no reference. */
export function rowOfCell(cell: string): number | null {
  const m = /^[A-Z]+(\d+)$/.exec(cell)
  const row = m ? Number(m[1]) : Number.NaN
  return Number.isInteger(row) && row >= 2 ? row : null
}

interface Located {
  readonly problem: Problem
  readonly id: string
  readonly name: string
  readonly row: PersonRow
}

/** Groups `problems` by person, reading the sheets they name (one batch). */
export function groupProblemsByPerson(book: Workbook, problems: readonly Problem[]): ProblemGroups {
  const present = new Set(book.sheetNames())
  const names = [...new Set([SHEET.roster, ...problems.map((p) => p.sheet)])].filter((n) => present.has(n))
  const grids = book.read(names)
  const tables = new Map<string, Table>(names.map((n) => [n, table(n, grids.get(n))]))
  const roster = tables.get(SHEET.roster)
  const rosterNames = new Map<string, string>()
  for (const r of roster?.rows ?? []) {
    const id = idOf(cellOf(roster as Table, r, '工号'))
    if (id !== '' && !rosterNames.has(id)) rosterNames.set(id, parseText(cellOf(roster as Table, r, '姓名')))
  }
  const other: Problem[] = []
  const located: Located[] = []
  for (const problem of problems) {
    const t = tables.get(problem.sheet)
    const rowNumber = rowOfCell(problem.cell)
    const row = t && rowNumber !== null ? t.rows.find((r) => r.row === rowNumber) : undefined
    if (!t || !row || !t.columns.has('工号')) {
      other.push(problem)
      continue
    }
    const id = idOf(cellOf(t, row, '工号'))
    const name = (t.columns.has('姓名') ? parseText(cellOf(t, row, '姓名')) : '') || rosterNames.get(id) || ''
    located.push({ problem, id, name, row: { sheet: problem.sheet, row: row.row } })
  }
  const groups = groupBy(located, (l) => (l.id !== '' ? `id:${l.id}` : `row:${l.row.sheet}#${l.row.row}`))
  const people = [...groups.values()].map((ls): PersonProblems => {
    const rows = [...groupBy(ls, (l) => `${l.row.sheet}#${l.row.row}`).values()].map((g) => g[0]?.row)
    return {
      id: ls[0]?.id ?? '',
      name: ls.find((l) => l.name !== '')?.name ?? '',
      rows: rows.filter((r): r is PersonRow => r !== undefined),
      problems: ls.map((l) => l.problem),
    }
  })
  return { people, other }
}

/** `陈晓琳（工号 GZ01，“2026-05 月度”第 2 行）` — who, and where their rows are. */
export function personHeading(p: PersonProblems): string {
  const bySheet = groupBy(p.rows, (r) => r.sheet)
  const where = [...bySheet.entries()].map(
    ([sheet, rs]) => `“${sheet}”第 ${rs.map((r) => r.row).join('、')} 行`,
  )
  const who = p.name || '（未填姓名）'
  const id = p.id ? `工号 ${p.id}` : '工号未填'
  return `${who}（${id}，${where.join('；')}）`
}
