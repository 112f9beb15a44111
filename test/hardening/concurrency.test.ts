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

/**
 * Runs a second close while the first is inside its lock: at the `at`-th toast the first shows (the first
 * toast is "正在处理…" before anything is read; the later ones are the progress of its writes).
 */
function closeDuringClose(at: number): {
  first: string
  second: string
  unchanged: boolean
  s: SheetsSession
} {
  const s = readyToClose()
  const raw = s.fake.spreadsheet
  const toast = raw.toast.bind(raw)
  let toasts = 0
  let second = ''
  let unchanged = false
  raw.toast = (message: string, title?: string, seconds?: number) => {
    toast(message, title, seconds)
    toasts++
    if (toasts !== at) return
    // Another user's execution: the document lock is held by this one, so LockService says no.
    s.fake.lockHeldElsewhere = true
    const before = visible(s)
    second = menu(s, 'menuCloseMonth', '2026-05')
    unchanged = visible(s) === before
    s.fake.lockHeldElsewhere = false
  }
  const first = menu(s, 'menuCloseMonth', '2026-05')
  expect(toasts, 'the hook ran').toBeGreaterThanOrEqual(at)
  return { first, second, unchanged, s }
}

describe('two closes at once in Google Sheets (document lock)', () => {
  const alone = (() => {
    const s = readyToClose()
    expect(menu(s, 'menuCloseMonth', '2026-05')).toMatch(/月度结算完成/)
    return results(s)
  })()

  it.each([
    [1, 'before the first has read anything'],
    [2, 'while the first writes the month sheet'],
    [3, 'halfway through the first one’s writes'],
  ])('§11 a second close at toast %i (%s) is told to wait and changes nothing; the first completes', (at) => {
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
  })

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
    const raw = s.fake.spreadsheet
    const toast = raw.toast.bind(raw)
    let reopen = ''
    let fired = false
    raw.toast = (message: string, title?: string, seconds?: number) => {
      toast(message, title, seconds)
      if (fired) return
      fired = true
      s.fake.lockHeldElsewhere = true
      s.fake.ui.alertAnswers.push('YES')
      reopen = menu(s, 'menuReopen', '2026-05')
      s.fake.lockHeldElsewhere = false
    }
    expect(menu(s, 'menuCloseMonth', '2026-05')).toMatch(/月度结算完成/)
    expect(reopen).toMatch(BUSY)
    expect(s.fake.sheet('2026-05 月度').protections).toHaveLength(1)
  })
})
