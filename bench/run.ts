/**
 * `npm run bench` (builds first): measures what docs/PERFORMANCE.md reports and rewrites that file.
 *  1. Engine time to close a year (12 month closes, 4 quarters, the year — twice, before and after the
 *     leader's ratings) for 18, 500 and 5,000 operators with incidents, over the in-memory workbook.
 *  2. SpreadsheetApp calls per close (month, quarter, year) at each size: dist/Code.js in a bare vm with
 *     the Apps Script double, driven through the menu handlers (counted up to the result dialog, 看板
 *     included: it is written in the close's transaction; whatever follows is counted apart), and the
 *     workflows over SpreadsheetWorkbook alone.
 *  3. One MONTHSCORE call over 5,000 rows through dist/Code.js in a bare vm, as Sheets would run it.
 *  4. The size of dist/Code.js.
 * Not part of the tests: timings depend on the machine.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { MONTH_INPUT_HEADERS } from '../src/core/fields'
import { monthKey, parsePeriod } from '../src/core/period'
import { monthSheetName, SHEET } from '../src/workbook/layouts'
import type { Cell } from '../src/workbook/types'
import { closePeriod, prepareMonth, setupWorkbook } from '../src/workbook/workflows'
import { menu, openSheets, type SheetsSession } from '../test/e2e/sheets-scenario'
import { sheetsBook } from '../test/hardening/scenario'
import { FakeAppsScript, SPREADSHEET_CLASSES } from '../test/support/fake-apps-script'
import { loadBundle, sheetFunction } from '../test/support/load-bundle'
import { bundledEngine } from './bundle'
import { type EngineResult, ms, must } from './engine'
import { importBench } from './import'
import { monthData, monthInputs, prng, rosterRows, YEAR } from './team'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const SIZES = [18, 500, 5000] as const

// ---------------------------------------------------------------- 2. SpreadsheetApp calls per close

/** One way of running the workflows in Google Sheets: through the menu (bundle), or the host alone. */
interface Driver {
  readonly fake: FakeAppsScript
  /** Runs an action; returns the message shown (throws when it was refused). */
  run(action: 'setup' | 'newMonth' | 'close', period?: string): string
}

/** dist/Code.js in a bare vm, driven through the menu handlers: lock, toasts, dialogs, refreshes included. */
function menuDriver(): Driver {
  const s: SheetsSession = openSheets()
  const handler = { setup: 'menuSetup', newMonth: 'menuNewMonth', close: '' } as const
  return {
    fake: s.fake,
    run(action, period = '') {
      const name =
        action !== 'close'
          ? handler[action]
          : /^\d{4}$/.test(period)
            ? 'menuCloseYear'
            : period.includes('Q')
              ? 'menuCloseQuarter'
              : 'menuCloseMonth'
      const message = action === 'setup' ? menu(s, name) : menu(s, name, period)
      if (!/完成|已建立|已初始化|待领导评价/.test(message)) throw new Error(message.slice(0, 400))
      return message
    },
  }
}

/** The workflows over SpreadsheetWorkbook alone (a new host per action, as each menu click is a new execution). */
function hostDriver(): Driver {
  const fake = new FakeAppsScript()
  return {
    fake,
    run(action, period = '') {
      const book = sheetsBook(fake)
      const outcome =
        action === 'setup'
          ? setupWorkbook(book)
          : action === 'newMonth'
            ? prepareMonth(book, period)
            : closePeriod(book, parsePeriod(period))
      const plan = must(outcome, `${action} ${period}`).plan
      book.apply(plan)
      return plan.message
    },
  }
}

/** Writes a month's inputs straight into the double (uncounted: this is the team typing). */
function fillSheetsMonth(fake: FakeAppsScript, m: number, notFull: ReadonlySet<string>): void {
  const sheet = fake.sheet(monthSheetName(monthKey(YEAR, m)))
  const head = sheet.row(1).map(String)
  const last = sheet.getLastRow()
  const range = sheet.getRange(2, 1, last - 1, head.length)
  const values = range.getValues()
  const rand = prng(m * 7919)
  for (const row of values) {
    if (String(row[head.indexOf('预警')] ?? '').startsWith('不参与')) continue
    for (const [h, v] of monthInputs(notFull.has(String(row[0])), rand)) row[head.indexOf(h)] = v
  }
  range.setValues(values)
}

interface Counted {
  /** SpreadsheetApp calls of the close: through the menu, from the handler's start to its result dialog. */
  readonly calls: number
  /** Through the menu: calls after the dialog (none since 看板 is part of the close; 0 for the host alone). */
  readonly refresh: number
  readonly writes: number
  readonly ms: number
  /** SpreadsheetApp calls by Class.method (of the close, up to its dialog). */
  readonly byMethod: Readonly<Record<string, number>>
}

const isSpreadsheetCall = (k: string) =>
  (SPREADSHEET_CLASSES as readonly string[]).includes(k.split('.')[0] ?? '')

/**
 * Closes the given months of YEAR (each with its 事件 and 值班 pasted first), the quarters they complete,
 * and the year (first pass); returns the SpreadsheetApp calls of each close by period.
 */
function sheetsClosings(n: number, driver: Driver, months: readonly number[]): Map<string, Counted> {
  const { fake } = driver
  driver.run('setup')
  // Staff paste the data (straight into the double: not counted); big teams need more rows than 1,000.
  const paste = (name: string, rows: Cell[][]) => {
    if (rows.length === 0) return
    const sheet = fake.sheet(name)
    const at = Math.max(sheet.getLastRow(), 1) + 1
    const need = at + rows.length - 1 - sheet.getMaxRows()
    if (need > 0) sheet.insertRowsAfter(sheet.getMaxRows(), need)
    sheet.getRange(at, 1, rows.length, rows[0]?.length ?? 1).setValues(rows)
  }
  paste(SHEET.roster, rosterRows(n))
  const out = new Map<string, Counted>()
  const counted = (period: string) => {
    fake.resetCounts()
    const writes = fake.writeCalls
    const t0 = performance.now()
    driver.run('close', period)
    const all = fake.count(SPREADSHEET_CLASSES)
    // Through the menu the close (看板 included) ends at its result dialog; anything after is counted apart.
    const atDialog = fake.alertCounts[0]
    const calls = atDialog ? FakeAppsScript.sum(atDialog) : all
    const byMethod = atDialog ? Object.fromEntries([...atDialog].sort()) : fake.countsByMethod()
    out.set(period, {
      calls,
      refresh: all - calls,
      writes: (atDialog ? (fake.alertWrites[0] ?? fake.writeCalls) : fake.writeCalls) - writes,
      ms: ms(t0),
      byMethod: Object.fromEntries(Object.entries(byMethod).filter(([k]) => isSpreadsheetCall(k))),
    })
  }
  for (const m of months) {
    const d = monthData(n, m)
    paste(SHEET.events, d.events)
    paste(SHEET.noon, d.noon)
    const key = monthKey(YEAR, m)
    driver.run('newMonth', key)
    fillSheetsMonth(fake, m, d.notFull)
    counted(key)
    if (m % 3 === 0 && months.includes(m - 1) && months.includes(m - 2)) counted(`${YEAR}-Q${m / 3}`)
  }
  counted(String(YEAR))
  return out
}

interface CallsResult {
  readonly n: number
  readonly menu: Map<string, Counted>
  readonly host: Map<string, Counted>
}

/** October–December closed (December's preparation lays out the year's sheets), then Q4 and the year. */
function sheetsCalls(n: number): CallsResult {
  const months = [10, 11, 12]
  return { n, menu: sheetsClosings(n, menuDriver(), months), host: sheetsClosings(n, hostDriver(), months) }
}

// ---------------------------------------------------------------- 3. MONTHSCORE over 5,000 rows

function monthScoreRows(rows: number): unknown[][] {
  const rand = prng(99)
  return Array.from({ length: rows }, () => {
    const days = 20 + Math.floor(rand() * 3)
    const late = rand() < 0.1 ? 1 : 0
    const byHeader: Record<string, unknown> = {
      出勤天数: days,
      接听电话数: Math.round(days * (60 + rand() * 30)),
      文字咨询条数: Math.floor(rand() * 90),
      带班班长: rand() < 0.05 ? '是' : '否',
      迟到早退次数: late,
      旷工脱岗半天数: 0,
      全勤: late ? '否' : '是',
      中午值班加分次数: Math.floor(rand() * 3),
      其他加班加分: 0,
      领导评价: Math.round(60 + rand() * 40) / 10,
      满意率: Math.round(900 + rand() * 100) / 1000,
      有效投诉扣分: rand() < 0.05 ? 3 : '',
      表扬次数: rand() < 0.1 ? 1 : 0,
      质检扣分: rand() < 0.05 ? 2 : '',
    }
    return MONTH_INPUT_HEADERS.map((h) => byHeader[h] ?? '')
  })
}

function monthScore(rows: number): { cold: number; median: number; runs: number } {
  const ctx = loadBundle({})
  const fn = sheetFunction(ctx, 'MONTHSCORE')
  const inputs = monthScoreRows(rows)
  const t0 = performance.now()
  const first = fn(inputs) as unknown[][]
  const cold = ms(t0)
  if (!Array.isArray(first) || first.length !== rows || typeof first[0]?.[0] !== 'number')
    throw new Error(`MONTHSCORE returned ${JSON.stringify(first).slice(0, 200)}`)
  const times: number[] = []
  for (let i = 0; i < 7; i++) {
    const t = performance.now()
    fn(inputs)
    times.push(ms(t))
  }
  times.sort((a, b) => a - b)
  return { cold, median: times[Math.floor(times.length / 2)] ?? 0, runs: times.length }
}

// ---------------------------------------------------------------- machine, report

function machine(): { cpu: string; cores: number; node: string; os: string; memory: string } {
  let cpu = os.cpus()[0]?.model ?? 'unknown'
  try {
    const info = readFileSync('/proc/cpuinfo', 'utf8')
    const m = /^model name\s*:\s*(.+)$/m.exec(info)
    if (m?.[1]) cpu = m[1].trim()
  } catch {
    // not Linux: os.cpus() it is
  }
  return {
    cpu,
    cores: os.cpus().length,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
  }
}

const f0 = (x: number) => x.toFixed(0)
const breakdown = (c: Counted | undefined) =>
  Object.entries(c?.byMethod ?? {})
    .map(([k, v]) => `\`${k}\` ${v}`)
    .join(', ')
const f1 = (x: number) => x.toFixed(1)
const mark = (ok: boolean) => (ok ? '✅ met' : '❌ missed')

async function main(): Promise<void> {
  const env = machine()
  console.log(`machine: ${env.cpu}, ${env.cores} cores, Node ${env.node}`)
  const { engineYear } = await bundledEngine()
  // One small year first, so the first size is not charged for loading and compiling the engine.
  engineYear(18)
  const engine: EngineResult[] = []
  for (const n of SIZES) {
    const r = engineYear(n)
    engine.push(r)
    console.log(
      `engine ${n}: ${f0(r.total)} ms (months ${f0(r.months)}, quarters ${f0(r.quarters)}, year ${f0(r.year)}); cpu ${f0(r.cpu)} ms; ${r.incidents} incidents`,
    )
  }
  const steady = engineYear(500)
  console.log(`engine 500 again (steady state): ${f0(steady.total)} ms`)
  const calls: CallsResult[] = []
  const get = (m: Map<string, Counted>, k: string) => m.get(k)?.calls ?? Number.NaN
  const board = (m: Map<string, Counted>, k: string) => m.get(k)?.refresh ?? Number.NaN
  const [DECK, Q4K, YK] = [monthKey(YEAR, 12), `${YEAR}-Q4`, String(YEAR)]
  for (const n of SIZES) {
    const r = sheetsCalls(n)
    calls.push(r)
    console.log(
      `sheets ${n}: menu month ${get(r.menu, DECK)} (after the dialog ${board(r.menu, DECK)}), quarter ${get(r.menu, Q4K)}, year ${get(r.menu, YK)}; host alone month ${get(r.host, DECK)}, quarter ${get(r.host, Q4K)}, year ${get(r.host, YK)}`,
    )
  }
  // A whole year at 18 operators: the month close costs the same in January as in December.
  const whole = Array.from({ length: 12 }, (_, k) => k + 1)
  const wholeYear = sheetsClosings(18, menuDriver(), whole)
  const wholeYearHost = sheetsClosings(18, hostDriver(), whole)
  const score = monthScore(5000)
  console.log(`MONTHSCORE 5000 rows: cold ${f0(score.cold)} ms, median ${f0(score.median)} ms`)
  const imported = await importBench()
  console.log(
    `import 500 operators offline: ${f0(imported.offline.total)} ms; Sheets calls ${JSON.stringify(imported.calls)}`,
  )
  const importFixed = imported.calls.every(
    (c) => JSON.stringify({ ...c, n: 0 }) === JSON.stringify({ ...imported.calls[0], n: 0 }),
  )
  const importCalls = imported.calls[0]
  const bundle = path.join(ROOT, 'dist/Code.js')
  const size = statSync(bundle).size
  const gz = gzipSync(readFileSync(bundle)).length
  console.log(`dist/Code.js: ${(size / 1024).toFixed(0)} KiB (${(gz / 1024).toFixed(0)} KiB gzip)`)

  const e500 = engine.find((e) => e.n === 500)
  const keys = [DECK, Q4K, YK]
  const monthCalls = (m: Map<string, Counted>) => whole.map((k) => get(m, monthKey(YEAR, k)))
  const monthBoards = (m: Map<string, Counted>) => whole.map((k) => board(m, monthKey(YEAR, k)))
  const quarterCalls = (m: Map<string, Counted>) => [1, 2, 3, 4].map((q) => get(m, `${YEAR}-Q${q}`))
  const yearMenu = monthCalls(wholeYear)
  const yearHost = monthCalls(wholeYearHost)
  const same = (xs: readonly number[]) => xs.every((x) => x === xs[0])
  // A month whose 预警 has no row at all yet (none this month, none before) has nothing to rewrite there:
  // getRange, setValues, setBackgrounds fewer. That is the data, not the month's position.
  const NO_ALERTS = { 'Range.setBackgrounds': 1, 'Range.setValues': 1, 'Sheet.getRange': 1 }
  const lessBy = (a: Counted | undefined, b: Counted | undefined): Record<string, number> => {
    const out: Record<string, number> = {}
    for (const k of new Set([...Object.keys(a?.byMethod ?? {}), ...Object.keys(b?.byMethod ?? {})])) {
      const d = (b?.byMethod[k] ?? 0) - (a?.byMethod[k] ?? 0)
      if (d !== 0) out[k] = d
    }
    return out
  }
  const monthsFixed = (m: Map<string, Counted>) =>
    whole.every((k) => {
      const d = JSON.stringify(lessBy(m.get(monthKey(YEAR, k)), m.get(DECK)))
      return d === '{}' || d === JSON.stringify(NO_ALERTS)
    })
  const quietMonths = whole.filter((k) => get(wholeYear, monthKey(YEAR, k)) < get(wholeYear, DECK))
  // Fixed: every size costs what 18 operators cost, for each kind of close; every month of the year costs
  // the same (but for an empty 预警), and every quarter too.
  const bySize = (which: 'menu' | 'host') => keys.every((k) => same(calls.map((c) => get(c[which], k))))
  const fixed =
    bySize('menu') &&
    bySize('host') &&
    monthsFixed(wholeYear) &&
    monthsFixed(wholeYearHost) &&
    same(quarterCalls(wholeYear)) &&
    same(quarterCalls(wholeYearHost))
  const menuMax = Math.max(...calls.flatMap((c) => keys.map((k) => get(c.menu, k))), ...yearMenu)
  const hostMax = Math.max(...calls.flatMap((c) => keys.map((k) => get(c.host, k))), ...yearHost)
  const boards = [...calls.map((c) => board(c.menu, DECK)), ...monthBoards(wholeYear).slice(1)]
  const first = calls[0]
  const dec = first?.menu.get(DECK)
  const why = `The month close's ${get(first?.menu ?? new Map(), DECK)} calls: 3 for the menu (getActive, getUi for the prompt and
the dialog, getSpreadsheetTimeZone); 24 to find and read twelve sheets, one \`getSheetByName\` and one
\`getSheetValues\` each (规则, 人员, 借调, 事件, 值班, 节假日, 日志, the month, 预警, 补休, 月度结果汇总 — the
earlier months' ranking results for 第十五条/第十六条（一） come from 月度结果汇总, one sheet whatever the
number of months — and 看板, whose old values are the undo of its refresh); 13 to write (the month's result
columns, 预警: getRange, setValues, setBackgrounds on the same range; 补休, 月度结果汇总 and 看板: getRange,
setValues; the 日志 row: appendRow); 4 to protect the closed month (protect, getEditors, canDomainEdit,
setDomainEdit — plus removeEditors when the file has other editors and addEditors when 规则 names admins
who are not yet editors of the sheet, which the double's file does not have: up to 46 in such a file).
What 看板 shows is computed from the close's own reads and writes, held in memory: nothing is read twice.
Closing a month again on the same inputs leaves its protection alone (4 fewer).

`
  const doc = `# Performance

Measured by \`npm run bench\` (bench/run.ts; it rewrites this file). Not part of the tests: timings depend
on the machine. Last run: ${new Date().toISOString().slice(0, 10)}.

## Machine

| | |
| --- | --- |
| CPU | ${env.cpu} |
| cores | ${env.cores} |
| memory | ${env.memory} |
| OS | ${env.os} |
| Node | ${env.node} |

## Targets

| target | measured | |
| --- | --- | --- |
| 500-operator year close, engine time < 1 s | ${f0(e500?.total ?? 0)} ms (steady state ${f0(steady.total)} ms) | ${mark((e500?.total ?? Infinity) < 1000)} |
| SpreadsheetApp calls per close, 看板 refresh included, fixed whatever the size, ≤ 50 (issue 10; issue 6: ≤ 40 without 看板, which cost 74 more) | through the menu, handler start to result dialog, 看板 included: ${menuMax} at most (month ${get(first?.menu ?? new Map(), DECK)}, quarter ${get(first?.menu ?? new Map(), Q4K)}, year ${get(first?.menu ?? new Map(), YK)}), ${fixed ? 'the same' : 'NOT the same'} for ${SIZES.join(' / ')} operators and for every month (January … December; 3 fewer while 预警 is still empty) and quarter; the workflows over the host alone (no 看板) ${hostMax} at most; after the dialog ${same(boards) ? `${boards[0]}` : `${Math.min(...boards)}–${Math.max(...boards)}, NOT fixed`} | fixed: ${mark(fixed)}; ≤ 50: ${mark(menuMax <= 50)} |
| MONTHSCORE over 5,000 rows well under 1 s (Sheets limit 30 s) | ${f0(score.median)} ms (first call ${f0(score.cold)} ms) | ${mark(score.cold < 1000)} |
| 500-operator platform export imported offline < 1 s; SpreadsheetApp calls of 导入… fixed whatever the size, ≤ 12 | ${f0(imported.offline.total)} ms (.xlsx read ${f0(imported.offline.parse)} ms, import and apply ${f0(imported.offline.importMs)} ms); ${importCalls?.changed} calls when values change, ${importCalls?.again} for the same file again, ${importCalls?.first} the first time, ${importCalls?.activeTab} with the tab left blank, ${importFixed ? 'the same' : 'NOT the same'} for ${imported.calls.map((c) => c.n).join(' / ')} operators | < 1 s: ${mark(imported.offline.total < 1000)}; fixed: ${mark(importFixed)}; ≤ 12: ${mark(Math.max(importCalls?.changed ?? Infinity, importCalls?.first ?? Infinity) <= 12)} (see §5) |

## 1. Engine time to close a year (in-memory workbook)

A year = 12 month closes + 4 quarter closes + the year close run twice (first pass writes the sheet with
the 领导评价 column blank; the leader types the ratings; the second pass ranks and proposes tiers). Each
figure is wall time spent in \`closePeriod\` — parsing and validating every input sheet, scoring with exact
rationals, ranking, sanctions over the 12-month history, building the write plan — minus the time the
in-memory workbook took to hand out copies of its grids (host time, a few ms). The engine is bundled by
esbuild exactly as it ships (bench/bundle.ts), and one 18-operator year runs first so the first size is not
charged for loading and compiling it. The team enters 事件 and 值班 month by month: the close of month M sees
months 1…M. Incidents: late arrivals/early leaves (10 % of operators a month), absences, complaints (some
about one call through two channels), 重大投诉, praise, quality findings, overtime; two noon duties a
working day. CPU time counts every thread (V8 collects garbage in parallel), so it exceeds wall time.

| operators | incidents in 事件 (year) | 12 months | 4 quarters | year ×2 | **total (wall)** | CPU, all threads | slowest month | applying plans |
| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${engine
  .map(
    (e) =>
      `| ${e.n} | ${e.incidents} | ${f0(e.months)} ms | ${f0(e.quarters)} ms | ${f0(e.year)} ms | **${f0(e.total)} ms** | ${f0(e.cpu)} ms | ${f0(e.slowestMonth)} ms | ${f0(e.apply)} ms |`,
  )
  .join('\n')}

Run again in the same process (JIT warm, steady state), 500 operators: ${f0(steady.total)} ms.

## 2. SpreadsheetApp calls per close (Google Sheets host)

Counted with the Apps Script double (test/support/fake-apps-script.ts): calls on the classes it lists as
SpreadsheetApp calls (${SPREADSHEET_CLASSES.join(', ')}) — each is a round trip to the Sheets service in
Apps Script. Two ways of running a close:

- **through the menu** (what issues 6 and 10 budget): dist/Code.js in a bare vm, \`menuCloseMonth\` /
  \`menuCloseQuarter\` / \`menuCloseYear\` with the prompt, the document lock and the result dialog, counted
  from the handler's start to that dialog — 看板 included, since it is written in the close's own
  transaction (its charts were made at 初始化; a close rewrites its values: one read, one write); anything
  after the dialog is counted apart (nothing);
- **host alone**: the workflow over \`SpreadsheetWorkbook\` (src/gas/spreadsheet-workbook.ts) — its reads
  and writes, a new host per action as in Apps Script.

October–December are closed (each month's 事件/值班 pasted first; preparing December also lays out the year's
sheets, as preparing each quarter's last month lays out the quarter's), then Q4, then the year (first pass,
waiting for 领导评价).

| operators | Dec close, menu (with 看板) | after the dialog | Q4, menu | year, menu | Dec close, alone | of which writes | Q4, alone | year, alone | Dec close wall time (double) |
| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${calls
  .map((c) => {
    const h = c.host.get(DECK)
    return `| ${c.n} | ${get(c.menu, DECK)} | ${board(c.menu, DECK)} | ${get(c.menu, Q4K)} | ${get(c.menu, YK)} | ${h?.calls} | ${h?.writes} | ${get(c.host, Q4K)} | ${get(c.host, YK)} | ${f0(c.menu.get(DECK)?.ms ?? 0)} ms |`
  })
  .join('\n')}

A whole year at 18 operators, month closes January → December (nothing closed yet in January; eleven
months, three quarter sheets and a dozen more tabs in December):

| | Jan | Feb | Mar | Apr | May | Jun | Jul | Aug | Sep | Oct | Nov | Dec |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
| through the menu | ${yearMenu.join(' | ')} |
| after the dialog | ${monthBoards(wholeYear).join(' | ')} |
| host alone | ${yearHost.join(' | ')} |

${
  quietMonths.length > 0
    ? `${quietMonths.map((k) => monthKey(YEAR, k)).join(', ')} cost 3 calls less: this team has no 预警 row at all before
${monthKey(YEAR, (quietMonths[quietMonths.length - 1] ?? 0) + 1)}, so those closes have nothing to rewrite there (getRange, setValues, setBackgrounds).
That is the data, not the month's position: test/e2e/sheets-budget.test.ts closes a year whose January already
has an alert and asserts the same calls, method by method, for every month at 18 and 500 operators. `
    : ''
}Quarter closes Q1 → Q4 through the menu: ${quarterCalls(wholeYear).join(', ')} (host alone ${quarterCalls(wholeYearHost).join(', ')}). 看板 and
its four charts are made by 初始化考核表; every close, January's included, rewrites only its values.

Where the calls of the December close go (18 operators, through the menu): ${breakdown(dec)}.

${why}Nothing depends on the number of operators (each sheet is read with one call and written with one call
per kind, whatever the number of rows) nor on how many sheets or months the book holds (sheets are looked
up by name, never listed; history, quarter and year totals come from 月度结果汇总). What can still add calls
is a sheet running out of rows (500 rows are added at a time, formatted: about four calls, once; preparing
a month makes room in 月度结果汇总 for its rows ahead of the close) and creating a missing sheet (a book
whose quarter sheet was not laid out by 新建月度录入表 pays its layout once). The wall time is the double's
own cost in Node, not Apps Script's.

## 3. MONTHSCORE over 5,000 rows

\`=MONTHSCORE(C2:P5001)\` as Sheets runs it: one call with a 5,000 × 14 array, dist/Code.js loaded in a
bare V8 context (no Node globals). First call ${f1(score.cold)} ms; median of ${score.runs} further calls
${f1(score.median)} ms.

## 4. Bundle

dist/Code.js: ${(size / 1024).toFixed(0)} KiB (${(gz / 1024).toFixed(0)} KiB gzip). Apps Script's limit per
script file is far above this; most of it is the holiday calendar data and fraction.js.

## 5. Importing the platform's export (SPEC §14)

Offline: a 500-operator export as an .xlsx file (title merged across the columns, a 合计 row) read with
exceljs (${f0(imported.offline.parse)} ms), imported into a new month sheet and applied to the .xlsx workbook
(${f0(imported.offline.importMs)} ms): ${f0(imported.offline.total)} ms in all.

In Sheets (dist/Code.js and the double, 导入… from the handler's start to its result dialog), by operators:

| operators | first import | values changed | same file again | values changed, tab left blank |
| ---: | ---: | ---: | ---: | ---: |
${imported.calls.map((c) => `| ${c.n} | ${c.first} | ${c.changed} | ${c.again} | ${c.activeTab} |`).join('\n')}

Where the ${importCalls?.changed} calls go: 3 for the menu (getActive, getUi, getSpreadsheetTimeZone); 6 to find
and read three sheets (the export's tab, the month sheet, 日志: getSheetByName and getSheetValues each);
2 for the import's columns, one run side by side after the results (getRange, setValues); 1 \`appendRow\`
for 日志. The same file again writes only the 日志 row. Left blank, the tab prompt costs getActiveSheet
and getName instead of getSheetByName (+1). How it got there from 24 (issue 14): the import writes only
its own columns (满意数 … 平台满意率), never an input cell, so one run replaces three and no
导入记录 sheet is needed (the columns are the record); the columns are laid out by 新建月度录入表, so the
first import writes values only; \`导入设置\` is read only for an export with a column the import does not
know (+2 then: it adds names and never re-maps a known one); the active tab is asked for only when the
answer is blank.

导入考勤… (an attendance export into 事件), by operators: ${imported.attendance.map((a) => `${a.n}: ${a.first} calls for a file with new rows, ${a.again} for the same file again`).join('; ')} —
it reads the export, 人员, 事件 and 日志 (closed months are refused) and appends the new 事件 rows in one
\`setValues\`.

## What was tuned

The first run of this benchmark (through tsx, with the whole year of 事件 present at every close) took
4.2 s for 500 operators and 44 s for 5,000: sanctions and the bottom-three test were quadratic. Fixed:

- 倒数前三 (第十五条) compared every pair of operators with fraction.js (n² exact comparisons, 250,000 per
  month for 500 operators); it now sorts once and counts (src/core/ranking.ts \`bottomGroup\`), and ranking
  compares the BigInt parts directly instead of re-parsing each argument (\`rankScores\`).
- Sanctions (第十五条, 第十六条) scanned the whole \`事件\` list for every operator; the month close indexes
  incidents by 工号 once (src/workbook/close-month.ts \`monthResults\`), and so are noon duties for 补休
  (\`leaveRows\`). evaluateSanctions builds its reason texts only for clauses that fire, memoises its month
  windows, and returns at once for an operator with nothing to count (src/core/sanctions.ts).
- Quarter and year closes work from frozen month totals and no longer parse 事件 and 值班
  (src/workbook/context.ts \`parseInputs(…, { incidents: false })\`).
- SpreadsheetApp calls per month close, through the menu: 128 (with 看板) and 54 up to the dialog, growing
  with every month closed (a December close cost 69 alone), down to a fixed 40. The host finds sheets with
  \`getSheetByName\` instead of listing every tab (\`getSheets\` + one \`getName\` each); a compact record,
  月度结果汇总, written by each month close with the same frozen values as the month sheet, replaces reading
  up to eleven earlier month sheets (第十五条/第十六条（一）) and the quarter's three or the year's twelve;
  quarter and year closes no longer read 事件, 值班, 节假日; the plan tells the host what the rows' fills
  were (no \`getBackgrounds\` for the undo) and what the sheet's protection is (from 日志: none, or already
  this one); fills cover the cells written and share their range; the 日志 row is one \`appendRow\`; strict
  protections carry no description; the menu asks \`getUi\`/\`getActive\` once and shows no toasts of its
  own around a close (Sheets shows the script running; the dialog follows); 新建月度录入表 lays out the
  quarter's and the year's sheets ahead of their closes and makes room in 月度结果汇总.
- 看板 (issue 10): refreshed after each close's dialog, outside the lock and the rollback, for 74 calls
  (its four native charts removed and built again, the sheet cleared, the close's sheets read again) on top
  of the close's 40. It is now a step of the close's transaction, before the 日志 row: computed from what
  the close read and wrote, held in memory (src/gas/book/read-cache.ts), and written with one read and one
  \`setValues\`; its charts are made once, at 初始化, over open-ended ranges (\`A40:M\`) that follow their
  tables. Month close with 看板: 44 (was 40 + 74 = 114); quarter 35 (was 25 + 74); year 33–39.
- The 输入摘要 digest streams the cells instead of hashing one JSON text of the whole book
  (src/workbook/read.ts \`digest\`); dates already in ISO form skip the pattern search
  (src/core/parse.ts \`parseDate\`); whole numbers become exact values without going through decimal text
  (src/core/decimal.ts \`exact\`).
`
  writeFileSync(path.join(ROOT, 'docs/PERFORMANCE.md'), doc)
  console.log('wrote docs/PERFORMANCE.md')
}

await main()
