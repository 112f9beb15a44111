/**
 * Two closes at once in Google Sheets (§11): dist/Code.js in a bare vm over the Apps Script double, driven
 * through the menu. While one close holds the document lock — at its start, or halfway through writing — a
 * second close gets a clear Chinese message and changes nothing; the first completes as if alone. A double
 * click (two closes one after the other) gives the same sheets as one close.
 */
import { describe, expect, it } from 'vitest'
import { SHEET } from '../../src/workbook/layouts'
import { fillMonth, menu, openSheets, rosterRows, type SheetsSession } from '../e2e/sheets-scenario'

const BUSY = '另一项结算正在进行，请稍后再试'

function readyToClose(n = 18): SheetsSession {
  const s = openSheets()
  menu(s, 'menuSetup')
  s.fake.sheet(SHEET.roster).getRange(2, 1, n, 7).setValues(rosterRows(n))
  menu(s, 'menuNewMonth', '2026-05')
  fillMonth(s, 5, n)
  return s
}

/** Everything a user can see: values, formulas, fills and protections of every sheet. */
function visible(s: SheetsSession): string {
  return JSON.stringify(
    s.fake.spreadsheet.sheets.map((sh) => ({
      name: sh.name,
      values: sh.values(),
      formulas: sh.formulaCount(),
      fills: [...sh.cells.entries()].filter(([, c]) => c.bg !== null).map(([k, c]) => [k, c.bg]),
      protections: sh.protections.map((p) => [p.description, [...p.editors].sort()]),
    })),
  )
}

/** The visible state without the 日志 time column (a close made later logs a later time). */
function results(s: SheetsSession): string {
  return visible(s).replace(/"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}"/g, '"<time>"')
}

/** Where the first close is when the second one starts. */
const MOMENTS = {
  start: 'before the first has read anything',
  month: 'while the first writes the month sheet',
  half: 'halfway through the first one’s writes',
} as const
type Moment = keyof typeof MOMENTS

/** The first close's call at which the second one runs: its first read, its first and its third write. */
function isMoment(at: Moment, name: string, seen: { reads: number; writes: number }): boolean {
  if (name === 'Spreadsheet.getSheetByName') seen.reads++
  if (name === 'Range.setValues') seen.writes++
  if (at === 'start') return name === 'Spreadsheet.getSheetByName' && seen.reads === 1
  if (at === 'month') return name === 'Range.setValues' && seen.writes === 1
  return name === 'Range.setValues' && seen.writes === 3
}

/** Runs a second close while the first is inside its lock, at the given moment of the first. */
function closeDuringClose(at: Moment): {
  first: string
  second: string
  unchanged: boolean
  s: SheetsSession
} {
  const s = readyToClose()
  let second = ''
  let unchanged = false
  let ran = false
  const seen = { reads: 0, writes: 0 }
  let locked = false
  s.fake.onCall = (name) => {
    // Only inside the first close's lock (the prompt and the lock come first).
    if (!locked) locked = s.fake.lock.hasLock()
    if (!locked || ran || !isMoment(at, name, seen)) return
    ran = true
    // Another user's execution: the document lock is held by this one, so LockService says no.
    s.fake.lockHeldElsewhere = true
    const before = visible(s)
    second = menu(s, 'menuCloseMonth', '2026-05')
    unchanged = visible(s) === before
    s.fake.lockHeldElsewhere = false
  }
  const first = menu(s, 'menuCloseMonth', '2026-05')
  s.fake.onCall = null
  expect(ran, 'the second close ran').toBe(true)
  return { first, second, unchanged, s }
}

describe('two closes at once in Google Sheets (document lock)', () => {
  const alone = (() => {
    const s = readyToClose()
    expect(menu(s, 'menuCloseMonth', '2026-05')).toMatch(/月度结算完成/)
    return results(s)
  })()

  it.each(Object.entries(MOMENTS) as [Moment, string][])(
    '§11 a second close at %s (%s) is told to wait and changes nothing; the first completes',
    (at) => {
      const { first, second, unchanged, s } = closeDuringClose(at)
      expect(second).toBe(BUSY)
      expect(unchanged).toBe(true)
      expect(first).toMatch(/月度结算完成/)
      expect(results(s)).toBe(alone)
      expect(s.fake.lock.hasLock()).toBe(false)
      const closes = s.fake
        .sheet(SHEET.log)
        .values()
        .filter((r) => r[2] === '月度结算')
      expect(closes).toHaveLength(1)
    },
  )

  it('§11 a double click (two closes one after the other) gives the same sheets as one close; 日志 shows both', () => {
    const s = readyToClose()
    expect(menu(s, 'menuCloseMonth', '2026-05')).toMatch(/月度结算完成/)
    const once = results(s)
    expect(menu(s, 'menuCloseMonth', '2026-05')).toMatch(/月度结算完成/)
    const twice = JSON.parse(results(s)) as { name: string }[]
    const onceSheets = JSON.parse(once) as { name: string }[]
    expect(twice.filter((x) => x.name !== SHEET.log)).toEqual(onceSheets.filter((x) => x.name !== SHEET.log))
    const closes = s.fake
      .sheet(SHEET.log)
      .values()
      .filter((r) => r[2] === '月度结算')
    expect(closes).toHaveLength(2)
  })

  it('§11 a 重新开放 while a close holds the lock is refused too, and the close is not disturbed', () => {
    const s = readyToClose()
    let reopen = ''
    let fired = false
    s.fake.onCall = (name) => {
      if (fired || !s.fake.lock.hasLock() || name !== 'Range.setValues') return
      fired = true
      s.fake.lockHeldElsewhere = true
      s.fake.ui.alertAnswers.push('YES')
      reopen = menu(s, 'menuReopen', '2026-05')
      s.fake.lockHeldElsewhere = false
    }
    expect(menu(s, 'menuCloseMonth', '2026-05')).toMatch(/月度结算完成/)
    s.fake.onCall = null
    expect(reopen).toMatch(BUSY)
    expect(s.fake.sheet('2026-05 月度').protections).toHaveLength(1)
  })
})
