/**
 * Engine time of a year of closes over the in-memory workbook (bench/run.ts reports it; bench/profile.ts
 * profiles it).
 */
import { monthKey, type Period } from '../src/core/period'
import { monthSheetName, SHEET, yearSheetName } from '../src/workbook/layouts'
import type { Outcome } from '../src/workbook/outcome'
import type { Cell, Grid } from '../src/workbook/types'
import { closePeriod, prepareMonth, setupWorkbook } from '../src/workbook/workflows'
import { MemoryWorkbook } from '../test/support/memory-workbook'
import { monthData, monthInputs, prng, rosterRows, YEAR } from './team'

export function must(outcome: Outcome, what: string): Extract<Outcome, { ok: true }> {
  if (!outcome.ok) {
    const first = outcome.problems
      .slice(0, 5)
      .map((p) => `${p.sheet} ${p.cell} ${p.message}`)
      .join('\n')
    throw new Error(`${what}: ${outcome.message}\n${first}`)
  }
  return outcome
}

export const ms = (t0: number) => performance.now() - t0

/** CPU time of this process in ms (user + system): steadier than wall time on a shared machine. */
export const cpuNow = (): number => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}

// ---------------------------------------------------------------- 1. engine time, memory workbook

export interface EngineResult {
  readonly n: number
  readonly incidents: number
  readonly months: number
  readonly quarters: number
  readonly year: number
  readonly total: number
  /** CPU time of the same closes (ms). */
  readonly cpu: number
  /** Time the memory workbook spent handing out copies of its grids (host time, excluded above). */
  readonly reads: number
  readonly apply: number
  readonly slowestMonth: number
}

/** Types one month's inputs into the prepared month sheet (not timed). */
function fillMemoryMonth(book: MemoryWorkbook, m: number, notFull: ReadonlySet<string>): void {
  const name = monthSheetName(monthKey(YEAR, m))
  const grid = book.sheets.get(name)
  if (!grid) throw new Error(`no ${name}`)
  const head = (grid[0] ?? []).map(String)
  const rand = prng(m * 7919)
  for (const row of grid.slice(1)) {
    if (String(row[head.indexOf('预警')] ?? '').startsWith('不参与')) continue
    const id = String(row[0])
    for (const [h, v] of monthInputs(notFull.has(id), rand)) row[head.indexOf(h)] = v
  }
}

/** The memory workbook, timing its reads: copying grids out of the host is host time, not engine time. */
class TimedBook extends MemoryWorkbook {
  readTime = 0
  override read(names: readonly string[]): Map<string, Grid> {
    const t0 = performance.now()
    const out = super.read(names)
    this.readTime += performance.now() - t0
    return out
  }
}

export function engineYear(n: number): EngineResult {
  const book = new TimedBook()
  book.clock = `${YEAR + 1}-01-06 09:00:00`
  book.apply(must(setupWorkbook(book), 'setup').plan)
  book.setRows(SHEET.roster, rosterRows(n))
  // The team enters each month's 事件 and 值班 as the month goes: at the close of month M the sheets hold
  // months 1..M (a December close and the year close see the whole year).
  const data = Array.from({ length: 12 }, (_, k) => monthData(n, k + 1))
  const events: Cell[][] = []
  const noon: Cell[][] = []
  let months = 0
  let quarters = 0
  let year = 0
  let apply = 0
  let slowestMonth = 0
  let cpu = 0
  let reads = 0
  const close = (p: Period, what: string): number => {
    const c0 = cpuNow()
    const r0 = book.readTime
    const t0 = performance.now()
    const o = must(closePeriod(book, p), what)
    const read = book.readTime - r0
    const t = ms(t0) - read
    reads += read
    cpu += cpuNow() - c0 - read
    const t1 = performance.now()
    book.apply(o.plan)
    apply += ms(t1)
    return t
  }
  for (let m = 1; m <= 12; m++) {
    const month = monthKey(YEAR, m)
    events.push(...(data[m - 1]?.events ?? []))
    noon.push(...(data[m - 1]?.noon ?? []))
    book.setRows(SHEET.events, events)
    book.setRows(SHEET.noon, noon)
    book.apply(must(prepareMonth(book, month), `prepare ${month}`).plan)
    fillMemoryMonth(book, m, data[m - 1]?.notFull ?? new Set())
    const t = close({ kind: 'month', year: YEAR, month: m }, `close ${month}`)
    months += t
    slowestMonth = Math.max(slowestMonth, t)
    if (m % 3 === 0) quarters += close({ kind: 'quarter', year: YEAR, quarter: m / 3 }, `close Q${m / 3}`)
  }
  year += close({ kind: 'year', year: YEAR }, 'close year (before ratings)')
  // The division leader types the annual ratings, then closes again.
  const sheet = yearSheetName(YEAR)
  const grid = book.sheets.get(sheet) ?? []
  const col = (grid[0] ?? []).indexOf('领导评价')
  const rand = prng(4242)
  for (const row of grid.slice(1)) row[col] = Math.round(60 + rand() * 40) / 10
  year += close({ kind: 'year', year: YEAR }, 'close year')
  return {
    n,
    incidents: events.length,
    months,
    quarters,
    year,
    total: months + quarters + year,
    cpu,
    reads,
    apply,
    slowestMonth,
  }
}
