/**
 * What every menu handler shares: one getUi and one getActive per execution, toasts, the document lock
 * around every change, and the one catch-all that decides what the user reads. Users see the messages of
 * our own error classes — InputError (src/core/problems.ts: wrong input, said in Chinese) and ApplyError
 * (a write failed and was rolled back) — and Stop (cancelled, or a period that is not one); anything else
 * (a service failing, a bug) is logged with console.error and shown as one generic Chinese sentence.
 */
import { InputError } from '../core/problems'
import { ApplyError, gasServices, SpreadsheetWorkbook } from './spreadsheet-workbook'

export const MENU_TITLE = '12368考核'
export const BUSY_MESSAGE = '另一项结算正在进行，请稍后再试'
/** How long a second close waits for the first one before giving up (ms). */
export const LOCK_WAIT_MS = 5000
const UNEXPECTED_MESSAGE =
  '操作未完成：出现意外错误，详细信息已记录在执行日志中。请稍后重试，或联系维护人员。'

type Ui = GoogleAppsScript.Base.Ui

/** A Chinese message that ends the action without being an error (cancelled: empty; wrong input). */
export class Stop extends Error {
  override readonly name = 'Stop'
}

/** What the user reads for an error we raised on purpose; null for anything unexpected. */
export function userMessage(error: unknown): string | null {
  if (error instanceof InputError || error instanceof ApplyError || error instanceof Stop)
    return error.message
  return null
}

// One getUi and one getActive per execution (each is a SpreadsheetApp call): a menu click is one execution.
let cachedUi: Ui | null = null
let cachedSpreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet | null = null

export function ui(): Ui {
  if (!cachedUi) cachedUi = SpreadsheetApp.getUi()
  return cachedUi
}

export function active(): GoogleAppsScript.Spreadsheet.Spreadsheet {
  if (!cachedSpreadsheet) cachedSpreadsheet = SpreadsheetApp.getActive()
  return cachedSpreadsheet
}

/** Forgets the cached services (a new execution; tests run many handlers in one context). */
export function freshExecution(): void {
  cachedUi = null
  cachedSpreadsheet = null
}

/** The host over the active spreadsheet, sharing the cached getActive. */
export function newBook(): SpreadsheetWorkbook {
  return new SpreadsheetWorkbook(gasServices(active()))
}

export function toast(message: string, seconds = 5): void {
  active().toast(message, MENU_TITLE, seconds)
}

/** Runs `work` holding the document lock; says so and changes nothing when another change holds it. */
export function withLock(work: () => void): void {
  const lock = LockService.getDocumentLock()
  if (lock && !lock.tryLock(LOCK_WAIT_MS)) {
    ui().alert(MENU_TITLE, BUSY_MESSAGE, ui().ButtonSet.OK)
    return
  }
  try {
    work()
  } finally {
    lock?.releaseLock()
  }
}

/** The catch-all around every handler: Chinese messages only, details to the execution log. */
export function guarded(title: string, action: () => void): void {
  freshExecution()
  try {
    action()
  } catch (error) {
    if (error instanceof Stop) {
      if (error.message) ui().alert(title, error.message, ui().ButtonSet.OK)
      return
    }
    console.error(`${title} failed`, error)
    ui().alert(title, userMessage(error) ?? UNEXPECTED_MESSAGE, ui().ButtonSet.OK)
  }
}
