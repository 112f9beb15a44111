/**
 * The shared inputs every workflow reads: 规则, 人员, 借调, 事件, 值班, 节假日, 日志, parsed once into
 * model records with their problems. Workflows add the period's own sheets to the same single read.
 */
import type { LocalDate } from '../core/dates'
import { type DayOverride, type WorkCalendar, workCalendar } from '../core/holidays'
import { checkIncidents, checkNoonDuties } from '../core/incidents'
import type { Incident, NoonDuty, Operator, Secondment } from '../core/model'
import { firstDay, monthOfDate, monthsOf, type Period } from '../core/period'
import type { Problem } from '../core/problems'
import { type Rules, rulesInForce } from '../core/rules'
import { SHEET } from './layouts'
import {
  cellOf,
  digest,
  idOf,
  type Located,
  type RulesSheet,
  readEvents,
  readHolidays,
  readNoon,
  readRoster,
  readRules,
  readSecondments,
  refOf,
  type Table,
  table,
} from './read'
import type { Grid, Workbook } from './types'

export const INPUT_SHEETS = [
  SHEET.rules,
  SHEET.roster,
  SHEET.secondments,
  SHEET.events,
  SHEET.noon,
  SHEET.holidays,
] as const

export interface Inputs {
  readonly grids: ReadonlyMap<string, Grid>
  readonly rulesSheet: RulesSheet
  /** Rules in force at the period's first day. */
  readonly rules: Rules
  readonly operators: readonly Operator[]
  readonly byId: ReadonlyMap<string, Operator>
  /** Every 工号 written in 人员, including rows with problems. */
  readonly rosterIds: ReadonlySet<string>
  readonly secondments: readonly Secondment[]
  readonly incidents: readonly Incident[]
  readonly duties: readonly NoonDuty[]
  readonly holidays: readonly DayOverride[]
  readonly calendar: WorkCalendar
  readonly log: Table
  readonly problems: readonly Problem[]
}

/** What quarter and year closes need of the shared sheets: they work from frozen month results. */
export const ROSTER_SHEETS = [SHEET.rules, SHEET.roster, SHEET.secondments] as const

/** The problems of 规则, 人员 and 借调 (ROSTER_SHEETS): all a quarter or year close reads beyond results. */
export function rosterProblems(inputs: Inputs): Problem[] {
  const sheets: readonly string[] = ROSTER_SHEETS
  return inputs.problems.filter((p) => sheets.includes(p.sheet))
}

/**
 * Reads the shared sheets plus `extra` in one batch. With `{ incidents: false }` (quarter and year closes)
 * only 规则, 人员, 借调 and 日志 are read: 事件, 值班 and 节假日 do not move frozen month results.
 */
export function readBook(
  book: Workbook,
  extra: readonly string[],
  options: { readonly incidents?: boolean } = {},
): Map<string, Grid> {
  const shared = (options.incidents ?? true) ? INPUT_SHEETS : ROSTER_SHEETS
  const names = [...shared, SHEET.log, ...extra]
  return book.read([...new Set(names)])
}

export function tableOf(grids: ReadonlyMap<string, Grid>, name: string): Table {
  return table(name, grids.get(name))
}

/**
 * Parses the shared sheets for `period`. Events are all checked (sanctions look back a year); noon duties
 * are checked for the period's months only (the working-day calendar may lack other years).
 */
export function parseInputs(
  grids: ReadonlyMap<string, Grid>,
  period: Period,
  options: { readonly incidents?: boolean } = {},
): Inputs {
  const problems: Problem[] = []
  const rulesSheet = readRules(tableOf(grids, SHEET.rules), problems)
  const rules = rulesInForce(rulesSheet.overrides, firstDay(period))
  const rosterTable = tableOf(grids, SHEET.roster)
  const operators = readRoster(rosterTable, problems)
  const rosterIds = new Set(
    rosterTable.rows.map((r) => idOf(cellOf(rosterTable, r, '工号'))).filter((id) => id !== ''),
  )
  const secondments = readSecondments(tableOf(grids, SHEET.secondments), rosterIds, problems)
  const holidays = readHolidays(tableOf(grids, SHEET.holidays), problems)
  const calendar = workCalendar(holidays)
  // Quarter and year closes work from frozen month totals: they skip 事件 and 值班 (the bulk of a book).
  const withIncidents = options.incidents ?? true
  const eventsTable = tableOf(grids, SHEET.events)
  const events = withIncidents ? readEvents(eventsTable, rosterIds, problems) : []
  problems.push(
    ...located(
      eventsTable,
      events,
      checkIncidents(
        events.map((e) => e.value),
        rules,
      ),
    ),
  )
  const noonTable = tableOf(grids, SHEET.noon)
  const months = new Set(monthsOf(period))
  const duties = withIncidents ? readNoon(noonTable, rosterIds, problems) : []
  const periodDuties = duties.filter((d) => months.has(monthOfDate(d.value.date)))
  problems.push(
    ...located(
      noonTable,
      periodDuties,
      checkNoonDuties(
        periodDuties.map((d) => d.value),
        calendar,
        rules,
      ),
    ),
  )
  return {
    grids,
    rulesSheet,
    rules,
    operators,
    byId: new Map(operators.map((o) => [o.id, o])),
    rosterIds,
    secondments,
    incidents: events.map((e) => e.value),
    duties: duties.map((d) => d.value),
    holidays,
    calendar,
    log: tableOf(grids, SHEET.log),
    problems,
  }
}

function located<T>(
  t: Table,
  rows: readonly Located<T>[],
  found: readonly { index: number; field: string; message: string }[],
): Problem[] {
  return found.map((p) => ({
    sheet: t.sheet,
    cell: refOf(t, rows[p.index]?.row ?? 1, p.field),
    message: p.message,
  }))
}

/** Rules in force on a date (for a month inside a quarter or year). */
export function rulesAt(inputs: Inputs, date: LocalDate): Rules {
  return rulesInForce(inputs.rulesSheet.overrides, date)
}

/** Digest of the shared input sheets plus the given grids. */
export function inputDigest(inputs: Inputs, more: readonly (Grid | undefined)[]): string {
  return digest([...INPUT_SHEETS.map((n) => inputs.grids.get(n)), ...more])
}
