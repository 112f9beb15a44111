/**
 * The Workbook over SpreadsheetApp, written to a fixed call budget (Google's Apps Script best practices:
 * batch reads, compute in memory, batch writes). What a close costs depends neither on the team size nor on
 * how many sheets the book holds. The parts, one concern each (src/gas/book/):
 * - read-cache.ts: each sheet found with one `getSheetByName` and read with one `getSheetValues`, at most
 *   once per action; the grids read are the rollback snapshot, and a transaction's writes are folded in;
 * - values.ts: cells to and from sheet values, in the spreadsheet's own time zone; text stays text;
 * - layout.ts: finding or inserting a sheet, growing it, laying it out only when its header row differs;
 * - writes.ts: one `setValues` per block, fills sharing the block's range; log.ts: the 日志 row;
 * - protection.ts: protections touched only when the plan does not know them to be right;
 * - report-sheet.ts: 看板 and 个人成绩单, values only once laid out (charts built once);
 * - transaction.ts: the undo log; a plan is applied all or nothing.
 * A plan's values are written in plan order, then protections, then fills, then the report sheets that
 * follow it (computed from the book as the plan left it), then the 日志 row (last, so a logged close is a
 * complete one). Any failure runs the undos in reverse and throws ApplyError.
 */

import { LOG_LAYOUT } from '../workbook/layouts'
import type { Cell, Grid, Workbook, WritePlan } from '../workbook/types'
import { logRow } from '../workbook/types'
import type { BookContext } from './book/context'
import { appendLog, LOG_SHEET } from './book/log'
import { type ProtectStep, protect } from './book/protection'
import { ReadCache } from './book/read-cache'
import { type SheetPlan, writeReportSheet } from './book/report-sheet'
import { type GasServices, gasServices } from './book/services'
import { Transaction } from './book/transaction'
import { CellCodec } from './book/values'
import { applyWrite, type FillStep, fill } from './book/writes'

export { gasServices } from './book/services'
export { ApplyError } from './book/transaction'

/** 时间, 操作人, 操作, 期间, 结果, 输入摘要 (§9). */
export const LOG_HEADERS: readonly string[] = LOG_LAYOUT.columns.map((c) => c.header)

/** Plans writing more sheets than this report progress per sheet (each report is a toast). Setup does; a close
 * (at most 4 sheets: its result sheet, 预警, 补休, 月度结果汇总) writes them at once. */
export const PROGRESS_MIN_WRITES = 5

/**
 * A report sheet written in the same transaction as a plan, after its writes: computed from the book as the
 * plan left it (the writes are read back from memory, not from Sheets).
 */
export interface ReportStep {
  readonly sheet: string
  readonly plan: (book: Workbook) => SheetPlan
  /** Lay the sheet out again (formats, charts) even when it already has its layout. */
  readonly rebuild?: boolean
}

export class SpreadsheetWorkbook implements Workbook {
  private zone: string | null = null
  private actor: string | null = null
  private readonly cache: ReadCache
  private readonly cells: CellCodec
  private readonly ctx: BookContext

  constructor(private readonly gas: GasServices = gasServices()) {
    this.cache = new ReadCache(gas.spreadsheet)
    this.cells = new CellCodec(gas.utilities, () => this.timeZone)
    this.ctx = {
      gas,
      cache: this.cache,
      cells: this.cells,
      user: () => this.user(),
      now: () => this.now(),
    }
  }

  get timeZone(): string {
    if (this.zone === null) this.zone = this.gas.spreadsheet.getSpreadsheetTimeZone()
    return this.zone
  }

  /** Every tab (one `getSheets` and one `getName` per tab, once per action): for setup and insights only. */
  sheetNames(): string[] {
    return this.cache.sheetNames()
  }

  /**
   * One getSheetByName per sheet asked for (absent sheets are left out) and one getSheetValues per sheet
   * found, each at most once per action (a sheet written by apply is read afresh).
   */
  read(names: readonly string[]): Map<string, Grid> {
    const out = new Map<string, Grid>()
    for (const name of names) {
      const sheet = this.cache.handle(name)
      if (!sheet) continue
      const state = this.cache.state(name, sheet)
      out.set(
        name,
        state.values.map((row) => row.map((v) => this.cells.fromSheet(v))),
      )
    }
    return out
  }

  /**
   * The active tab's name (one getActiveSheet and one getName); the tab is then known to this action, so
   * reading it costs only its getSheetValues.
   */
  activeSheetName(): string {
    const sheet = this.gas.spreadsheet.getActiveSheet()
    const name = sheet.getName()
    this.cache.track(name, sheet)
    return name
  }

  /** The sheet named `name` (found once per action, or made by this action's writes), or null. */
  sheet(name: string): GoogleAppsScript.Spreadsheet.Sheet | null {
    return this.cache.handle(name)
  }

  user(): string {
    if (this.actor === null) {
      // getActiveUser needs the userinfo.email scope (appsscript.json); a domain policy may still hide the
      // address, and a missing grant must not stop a close: the 日志 then says 未知用户.
      const email = (user: () => GoogleAppsScript.Base.User): string => {
        try {
          return user().getEmail()
        } catch (e) {
          console.error('读取操作人邮箱失败', e)
          return ''
        }
      }
      this.actor =
        email(() => this.gas.session.getActiveUser()) ||
        email(() => this.gas.session.getEffectiveUser()) ||
        '未知用户'
    }
    return this.actor
  }

  now(): string {
    return this.gas.utilities.formatDate(new Date(), this.timeZone, 'yyyy-MM-dd HH:mm:ss')
  }

  /**
   * Writes the plan: every sheet's values in plan order, then protections, then fills, then the 日志 row
   * (last, so a logged close is a complete one). Any failure runs the undos in reverse and throws ApplyError.
   */
  apply(plan: WritePlan, progress?: (step: string, done: number, total: number) => void): void {
    this.applyWith(plan, [], progress)
  }

  /**
   * Applies a plan and then `reports` (e.g. 看板 after a close), all in one transaction: a failure anywhere,
   * in a report sheet too, rolls back every write of the plan and of the reports.
   */
  applyWith(
    plan: WritePlan,
    reports: readonly ReportStep[],
    progress?: (step: string, done: number, total: number) => void,
  ): void {
    const tx = new Transaction()
    const fills: FillStep[] = []
    const protections: ProtectStep[] = []
    // Long plans (setup creates every sheet) say which sheet they are on; a close writes a few ranges at once.
    const steps = plan.writes.length > PROGRESS_MIN_WRITES ? plan.writes.length : 0
    tx.run(
      () => {
        plan.writes.forEach((w, i) => {
          tx.current = w.sheet
          if (steps > 0) progress?.(`正在写入“${w.sheet}”`, i, steps)
          applyWrite(this.ctx, w, tx, fills, protections)
        })
        for (const p of protections) {
          tx.current = p.state.name
          protect(this.ctx, p, tx)
        }
        for (const f of fills) {
          tx.current = f.state.name
          fill(f, tx)
        }
        // The 日志 row, made once: reports see the book as it will be, this row included (a close's own 终评
        // is done, at the very time the row records), then it is appended.
        const row = plan.log ? logRow(plan.log, this.now(), this.user()) : null
        const view = row ? withPendingLog(this, row) : this
        for (const r of reports) {
          tx.current = r.sheet
          writeReportSheet(this.ctx, r.plan(view), tx, r.rebuild)
        }
        if (row) {
          tx.current = LOG_SHEET
          appendLog(this.ctx, row, tx)
        }
      },
      // After a rollback nothing read before can be trusted: the next read starts afresh.
      () => this.cache.clear(),
    )
    // The sheets written are read afresh by a later action on this host; the others (and the handles, kept
    // up to date) stay valid.
    for (const w of plan.writes) this.cache.forget(w.sheet)
    for (const r of reports) this.cache.forget(r.sheet)
    if (plan.log) this.cache.forget(LOG_SHEET)
  }
}

/** `book` as a report sees it before the 日志 row is appended: reads of 日志 include `row`. */
function withPendingLog(book: Workbook, row: readonly Cell[]): Workbook {
  return {
    timeZone: book.timeZone,
    sheetNames: () => book.sheetNames(),
    read: (names) => {
      const grids = book.read(names)
      const log = grids.get(LOG_SHEET)
      if (names.includes(LOG_SHEET)) {
        grids.set(LOG_SHEET, [...(log ?? [[...LOG_HEADERS]]), [...row]])
      }
      return grids
    },
    apply: (plan, progress) => book.apply(plan, progress),
    user: () => book.user(),
    now: () => book.now(),
  }
}
