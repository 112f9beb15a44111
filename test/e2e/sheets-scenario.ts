/**
 * The Google Sheets end-to-end scenario: dist/Code.js loaded in a bare vm whose only globals are the
 * Apps Script double, driven through the menu handlers as a team leader would, with inputs typed into the
 * sheets. Also an independent model of the expected results (第七条, 第十一条, 第十五条, 第十六条) for the
 * scenario's simple numbers.
 */
import { FakeAppsScript, type FakeSheet, formatDate, type Stored } from '../support/fake-apps-script'
import { type BundleContext, loadBundle, sheetFunction } from '../support/load-bundle'

export const ADMIN = 'admin@court.example'
export const LEADER = 'leader@court.example'

export interface SheetsSession {
  readonly fake: FakeAppsScript
  readonly ctx: BundleContext
  readonly logged: unknown[][]
}

/**
 * dist/Code.js over a fresh double. `now` fixes the bundle's clock (its `new Date()`), e.g. to close every
 * month of a year that has not ended yet on the machine running the tests.
 */
export function openSheets(timeZone = 'Asia/Shanghai', now?: Date): SheetsSession {
  const fake = new FakeAppsScript({ timeZone, user: LEADER })
  const logged: unknown[][] = []
  const quiet = (...args: unknown[]) => {
    logged.push(args)
  }
  const console = { log: () => undefined, info: () => undefined, warn: quiet, error: quiet }
  const ctx = loadBundle({ ...fake.globals(), console, ...(now ? { Date: clockAt(now) } : {}) })
  return { fake, ctx, logged }
}

/** A Date whose "now" is `at` (every other use of Date is the ordinary one). */
function clockAt(at: Date): DateConstructor {
  const time = at.getTime()
  class Clocked extends Date {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(time)
      else if (args.length === 1) super(args[0] as string | number | Date)
      else super(...(args as [number, number]))
    }
    static override now(): number {
      return time
    }
  }
  return Clocked as unknown as DateConstructor
}

/** Runs a menu handler with scripted prompt answers; returns the message of the last dialog shown. */
export function menu(s: SheetsSession, handler: string, ...answers: string[]): string {
  for (const text of answers) s.fake.ui.promptAnswers.push({ text })
  const before = s.fake.ui.alerts.length
  sheetFunction(s.ctx, handler)()
  const shown = s.fake.ui.alerts.slice(before)
  return shown.map((a) => a.message).join('\n')
}

// ---------------------------------------------------------------- the scenario's people and numbers

/** Operator `i` (1-based): 工号 `00i`, typed as text with leading zeros. */
export const idOf = (i: number): string => String(i).padStart(3, '0')
export const LEADER_OP = 10
export const DISPATCHED_OP = 17
export const NEWCOMER_OP = 18
export const LATE_OP = 5
export const LATE_MONTH = 3
/** A name a formula injection would love. */
export const TRICKY_NAME = '=HYPERLINK("http://evil.example","点我")'

export function nameOf(i: number): string {
  return i === 7 ? TRICKY_NAME : `话务员${i}`
}

export function rosterRows(n: number): Stored[][] {
  return Array.from({ length: n }, (_, k) => {
    const i = k + 1
    const newcomer = n === 18 && i === NEWCOMER_OP
    return [
      idOf(i),
      i === 7 ? `'${TRICKY_NAME}` : nameOf(i), // typed with an apostrophe, as Sheets requires
      i === DISPATCHED_OP ? '越秀区人民法院' : '',
      i === LEADER_OP ? '带班班长' : '话务员',
      newcomer ? '2026-02-20' : '2025-01-02',
      '',
      '',
    ]
  })
}

/** Whether operator i is assessed in month m (第十四条: 2 months after joining). */
export function eligibleIn(i: number, m: number, n = 18): boolean {
  return !(n === 18 && i === NEWCOMER_OP) || m >= 4
}

/** Listed on the month sheet (in post that month). */
export function listedIn(i: number, m: number, n = 18): boolean {
  return !(n === 18 && i === NEWCOMER_OP) || m >= 2
}

/** Calls chosen so the daily average is 75 + i + m over 20 days. */
export const callsOf = (i: number, m: number): number => 20 * (75 + i + m)

/** Month total in tenths (第七条): W + A + L 9 + S 10 + Q 10. */
export function total10(i: number, m: number): number {
  const daily = 75 + i + m
  const w10 = i === LEADER_OP ? daily * 13 - 400 : 350 + (daily - 75) * 10
  const a10 = i === LATE_OP && m === LATE_MONTH ? 70 : 100
  return w10 + a10 + 90 + 100 + 100
}

/** Competition ranks (1, 2, 2, 4), highest first (第十一条). */
export function ranks(scores: ReadonlyMap<number, number>): Map<number, number> {
  const out = new Map<number, number>()
  for (const [i, v] of scores) out.set(i, 1 + [...scores.values()].filter((x) => x > v).length)
  return out
}

/** 倒数前三: fewer than 3 assessed operators score strictly lower (第十五条). */
export function bottom(scores: ReadonlyMap<number, number>): Set<number> {
  return new Set(
    [...scores].filter(([, v]) => [...scores.values()].filter((x) => x < v).length < 3).map(([i]) => i),
  )
}

export function monthScores(m: number, n = 18): Map<number, number> {
  const out = new Map<number, number>()
  for (let i = 1; i <= n; i++) if (eligibleIn(i, m, n)) out.set(i, total10(i, m))
  return out
}

/** 第十五条（一）/第十六条（一） from the ranking only (the scenario has no other triggers). */
export function expectedLevel(i: number, m: number): 'dismissal' | 'reminder' | null {
  const isBottom = (k: number) => k >= 1 && eligibleIn(i, k) && bottom(monthScores(k)).has(i)
  const inWindow = [0, 1, 2, 3, 4, 5].filter((d) => isBottom(m - d)).length
  if ((isBottom(m) && isBottom(m - 1) && isBottom(m - 2)) || inWindow >= 4) return 'dismissal'
  if ((isBottom(m) && isBottom(m - 1)) || inWindow >= 3) return 'reminder'
  return null
}

// ---------------------------------------------------------------- typing into the sheets

export function headerIndex(sheet: FakeSheet): Map<string, number> {
  return new Map(sheet.row(1).map((h, c) => [String(h), c + 1]))
}

/** Types one operator's month inputs into the month sheet, row by row as a user would. */
export function fillMonth(s: SheetsSession, m: number, n = 18): void {
  const sheet = s.fake.sheet(`2026-${String(m).padStart(2, '0')} 月度`)
  const cols = headerIndex(sheet)
  const col = (h: string) => {
    const c = cols.get(h)
    if (!c) throw new Error(`no column ${h}`)
    return c
  }
  const ids = sheet.column('工号')
  ids.forEach((id, k) => {
    const i = Number(id)
    if (!eligibleIn(i, m, n)) return
    const row = k + 2
    const put = (h: string, v: Stored) => sheet.getRange(row, col(h)).setValues([[v]])
    put('出勤天数', 20)
    put('接听电话数', callsOf(i, m))
    put('文字咨询条数', 0)
    put('全勤', i === LATE_OP && m === LATE_MONTH ? '否' : '是')
    put('领导评价', '9')
    put('满意率', '100%')
  })
}

export function dateText(v: Stored, tz = 'Asia/Shanghai'): string {
  return v instanceof Date || Object.prototype.toString.call(v) === '[object Date]'
    ? formatDate(v as Date, tz, 'yyyy-MM-dd')
    : String(v)
}

/**
 * The platform's export for operators 1..n as pasted into a tab (SPEC §14): a title row, its own column
 * names, 工号 as numbers (1 for '001'), a 合计 row. May 2026. Shared by the e2e import tests and the bench.
 */
export function platformExportRows(n: number, title = '2026年5月坐席工作量统计'): Stored[][] {
  const header = [
    '坐席工号',
    '坐席姓名',
    '人工接听量',
    '在线咨询数',
    '在岗天数',
    '满意',
    '基本满意',
    '不满意',
    '通话总时长',
    '备注',
  ]
  const blank = () => header.map(() => '')
  const rows: Stored[][] = [[title, ...blank().slice(1)], header]
  for (let i = 1; i <= n; i++) rows.push([i, `话务员${i}`, 1500 + i, 3, 20, 1188, 36, 87, 144_000, ''])
  rows.push(['合计', '', 1500 * n, 3 * n, '', '', '', '', '', ''])
  return rows
}
