/**
 * Interrupted runs (§11, §12): a month close that fails at its Nth write — for every N from the first
 * write to the last — leaves the workbook exactly as it was (never half closed), and running the close
 * again completes it with the same result as an uninterrupted close.
 *  - Google Sheets: the SpreadsheetApp double throws at the Nth write call; the host rolls back.
 *  - .xlsx: the command fails while applying the plan (any step) or while saving (temporary file, backup,
 *    rename); the file on disk is byte-for-byte the old one.
 */
import { readdirSync } from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { closeCommand, EXIT } from '../../src/cli/commands'
import { saveWorkbookFile } from '../../src/cli/file'
import { newXlsxBook, parseXlsx, XlsxWorkbook } from '../../src/cli/xlsx-workbook'
import { parsePeriod } from '../../src/core/period'
import { SHEET } from '../../src/workbook/layouts'
import type { Grid } from '../../src/workbook/types'
import { closePeriod, reopenPeriod } from '../../src/workbook/workflows'
import { sha256, tempDir, testContext } from '../cli/support'
import { FakeAppsScript, type FakeSheet } from '../support/fake-apps-script'
import { MONTH, MONTH_SHEET, must, sheetsBook, typeInSheets, typeInXlsx, typeTeam } from './scenario'

const MAY = parsePeriod(MONTH)

/** Everything the double holds, sheet by sheet: values, formulas, fills, notes, formats, validation, protection. */
function fullState(fake: FakeAppsScript, skipLogTime = false): unknown {
  return fake.spreadsheet.sheets.map((s: FakeSheet) => ({
    name: s.name,
    size: [s.maxRows, s.maxColumns, s.frozenRows, s.frozenColumns, s.tabColor],
    widths: [...s.widths.entries()].sort((a, b) => a[0] - b[0]),
    cells: [...s.cells.entries()]
      .filter(([, c]) => c.v !== '' || c.f !== '' || c.bg !== null || c.note !== '' || c.dv !== null)
      .map(([k, c]) => [
        k,
        skipLogTime && s.name === SHEET.log && k.endsWith(',1') && k !== '1,1'
          ? '<time>'
          : c.v instanceof Date
            ? c.v.getTime()
            : c.v,
        c.f,
        c.bg,
        c.note,
        c.fmt,
        c.dv ? [c.dv.criteria, JSON.stringify(c.dv.values), c.dv.allowInvalid] : null,
        c.weight,
      ])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    protections: s.protections.map((p) => [p.description, [...p.editors].sort(), p.domainEdit]),
  }))
}

/** A May book typed in and ready to close; `closedOnce`: closed, reopened, an input changed. */
function sheetsReady(closedOnce: boolean): FakeAppsScript {
  const fake = new FakeAppsScript()
  typeTeam(() => sheetsBook(fake), typeInSheets(fake))
  if (closedOnce) {
    let book = sheetsBook(fake)
    book.apply(must(closePeriod(book, MAY)).plan)
    book = sheetsBook(fake)
    book.apply(must(reopenPeriod(book, MAY)).plan)
    // The leader corrects a rating after reopening: the second close changes scores and the ranking.
    const sheet = fake.sheet(MONTH_SHEET)
    sheet.getRange(6, sheet.row(1).indexOf('领导评价') + 1).setValues([[10]])
  }
  return fake
}

/** Write calls of one close from this state (measured on an identical book). */
function writesOfClose(closedOnce: boolean): number {
  const fake = sheetsReady(closedOnce)
  const before = fake.writeCalls
  const book = sheetsBook(fake)
  book.apply(must(closePeriod(book, MAY)).plan)
  return fake.writeCalls - before
}

describe('interrupted month close in Google Sheets (write failure injected in the double)', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  for (const closedOnce of [false, true]) {
    const what = closedOnce ? 're-close after 重新开放 and a correction' : 'first close'
    it(`§11 ${what}: failing at every write N = 1 … last leaves the book as it was; running again completes it`, () => {
      vi.spyOn(console, 'error').mockImplementation(() => undefined)
      const writes = writesOfClose(closedOnce)
      expect(writes).toBeGreaterThan(5)
      console.info(`${what}: ${writes} write calls, each made to fail in turn`)
      const reference = sheetsReady(closedOnce)
      const refBook = sheetsBook(reference)
      refBook.apply(must(closePeriod(refBook, MAY)).plan)

      const fake = sheetsReady(closedOnce)
      const before = fullState(fake)
      for (let n = 1; n <= writes; n++) {
        fake.failAtWrite(n)
        const book = sheetsBook(fake) // each menu action is a new execution
        const outcome = must(closePeriod(book, MAY))
        expect(() => book.apply(outcome.plan), `write ${n} of ${writes}`).toThrow(/已撤销本次全部更改/)
        expect(fullState(fake), `after failing at write ${n} of ${writes}`).toEqual(before)
      }
      fake.failAtWrite(0)
      const book = sheetsBook(fake)
      book.apply(must(closePeriod(book, MAY)).plan)
      expect(fullState(fake, true)).toEqual(fullState(reference, true))
      // Fully closed once: one close row for May in 日志 per successful close, none from the failures.
      const closes = fake
        .sheet(SHEET.log)
        .values()
        .filter((r) => r[2] === '月度结算' && r[3] === MONTH)
      expect(closes).toHaveLength(closedOnce ? 2 : 1)
    })
  }
})

describe('interrupted close that lays out an existing sheet again (Google Sheets)', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  /**
   * A clerk renamed a result column of the month sheet and wrote a note on it, narrowed a column, unfroze
   * the header, changed its number format and its dropdown: the close lays the sheet out again (header,
   * notes, formats, validation, bold, freezes, widths, tab colour). Failing at any write after that must
   * restore every one of those properties, notes included, not only the values and fills.
   */
  function edited(): FakeAppsScript {
    const fake = sheetsReady(false)
    const sheet = fake.sheet(MONTH_SHEET)
    const total = sheet.row(1).indexOf('月度总分') + 1
    const header = sheet.getRange(1, total)
    header.setValues([['总分（改过）']])
    header.setNotes([['班长自己的备注']])
    header.setFontWeight('normal')
    sheet.getRange(3, total).setNumberFormat('0.000')
    sheet.getRange(3, 2).setDataValidation(null)
    sheet.setColumnWidth(1, 33)
    sheet.setFrozenRows(0)
    sheet.setTabColor('#000000')
    return fake
  }

  it('§11 failing at every write N restores notes, formats, validation, bold, freezes, widths, tab colour', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const probe = edited()
    const start = probe.writeCalls
    const probeBook = sheetsBook(probe)
    probeBook.apply(must(closePeriod(probeBook, MAY)).plan)
    const writes = probe.writeCalls - start
    // The relayout happened: the note the clerk wrote is replaced by the layout's.
    const total = probe.sheet(MONTH_SHEET).row(1).indexOf('月度总分') + 1
    expect(probe.sheet(MONTH_SHEET).getRange(1, total).getNotes()[0]?.[0]).not.toBe('班长自己的备注')

    const fake = edited()
    const before = fullState(fake)
    for (let n = 1; n <= writes; n++) {
      fake.failAtWrite(n)
      const book = sheetsBook(fake)
      const outcome = must(closePeriod(book, MAY))
      expect(() => book.apply(outcome.plan), `write ${n} of ${writes}`).toThrow(/已撤销本次全部更改/)
      expect(fullState(fake), `after failing at write ${n} of ${writes}`).toEqual(before)
    }
  })
})

// ---------------------------------------------------------------- the .xlsx host

const NOW = new Date('2026-06-05T01:00:00Z')

async function xlsxReady(dir: string): Promise<string> {
  const raw = newXlsxBook(NOW)
  const book = new XlsxWorkbook(raw, { clock: () => NOW, user: 'tester' })
  typeTeam(() => book, typeInXlsx(book))
  const file = path.join(dir, '考核.xlsx')
  await saveWorkbookFile(raw, file)
  await fs.rm(path.join(dir, '考核.bak.xlsx'), { force: true })
  return file
}

async function gridsOf(file: string): Promise<Record<string, Grid>> {
  const book = new XlsxWorkbook(await parseXlsx(await fs.readFile(file)))
  return Object.fromEntries(book.read(book.sheetNames()))
}

describe('interrupted month close on an .xlsx file (apply or save fails)', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('§12 a failure at any step leaves the file byte-identical, no temporary file behind; running again completes it', async () => {
    const refDir = tempDir()
    const refFile = await xlsxReady(refDir)
    const ref = testContext(NOW)
    expect(await closeCommand(refFile, MONTH, ref.ctx)).toBe(EXIT.ok)
    const expected = await gridsOf(refFile)

    const dir = tempDir()
    const file = await xlsxReady(dir)
    const original = sha256(file)
    const failures: { name: string; arm: () => void }[] = []
    // Every step of applying the plan (a crash between sheets).
    const steps = 4 // 月度表, 预警, 补休, 日志
    for (let k = 1; k <= steps; k++) {
      failures.push({ name: `apply step ${k}`, arm: () => undefined })
    }
    // Every file-system step of the atomic save.
    const eio = () => Object.assign(new Error('EIO: i/o error'), { code: 'EIO' })
    failures.push({ name: 'temporary file', arm: () => vi.spyOn(fs, 'open').mockRejectedValueOnce(eio()) })
    failures.push({ name: 'backup copy', arm: () => vi.spyOn(fs, 'copyFile').mockRejectedValueOnce(eio()) })
    failures.push({
      name: 'rename into place',
      arm: () => vi.spyOn(fs, 'rename').mockRejectedValueOnce(eio()),
    })

    for (const [i, f] of failures.entries()) {
      const { ctx, errors } = testContext(NOW)
      let progressCalls = 0
      const failAt = i < steps ? i + 1 : 0
      const reporter = {
        ...ctx.reporter,
        progress: (step: string, done: number, total: number) => {
          progressCalls++
          if (progressCalls === failAt) throw new Error('进程被中断')
          ctx.reporter.progress(step, done, total)
        },
      }
      f.arm()
      let failure = ''
      const code = await closeCommand(file, MONTH, { ...ctx, reporter }).catch((err: unknown) => {
        failure = err instanceof Error ? err.message : String(err)
        return -1
      })
      vi.restoreAllMocks()
      expect(code, f.name).toBe(-1)
      // The failure is the one injected: the process stopped mid-apply, or the save said the file is untouched.
      expect(failure, f.name).toMatch(i < steps ? /进程被中断/ : /原文件未改动/)
      expect(sha256(file), f.name).toBe(original)
      expect(
        readdirSync(dir).filter((n) => n.endsWith('.tmp')),
        f.name,
      ).toEqual([])
      // A backup left by a save that failed after copying it is the old file itself.
      const backup = path.join(dir, '考核.bak.xlsx')
      if (readdirSync(dir).includes('考核.bak.xlsx')) expect(sha256(backup), f.name).toBe(original)
      expect(errors, f.name).toEqual([])
    }
    const { ctx } = testContext(NOW)
    expect(await closeCommand(file, MONTH, ctx)).toBe(EXIT.ok)
    expect(await gridsOf(file)).toEqual(expected)
  })
})
