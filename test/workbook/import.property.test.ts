/**
 * SPEC §14 as properties over generated exports: whatever was imported before, importing a file leaves the
 * month sheet exactly as importing that file alone would (a corrected file replaces what the earlier one
 * filled, nothing else); no input cell is ever written, so a typed value always stands; the same file
 * twice changes nothing.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MONTH_INPUT_HEADERS } from '../../src/core/fields'
import { importPlatformExport } from '../../src/workbook/import'
import { monthSheetName } from '../../src/workbook/layouts'
import type { Cell } from '../../src/workbook/types'
import { prepareMonth } from '../../src/workbook/workflows'
import type { MemoryWorkbook } from '../support/memory-workbook'
import { apply, newBook } from './fixture'
import { MAY, type PlatformLine, platformExport } from './import-fixture'

const MONTH = '2026-05'
const SHEET = monthSheetName(MONTH)

/** One operator's line as some platform file gives it: any value may be missing. */
const line = (base: PlatformLine) =>
  fc
    .record({
      keep: fc.boolean(),
      days: fc.option(
        fc.integer({ min: 36, max: 46 }).map((h) => h / 2),
        { nil: undefined },
      ),
      calls: fc.option(fc.integer({ min: 0, max: 2500 }), { nil: undefined }),
      texts: fc.option(fc.integer({ min: 0, max: 80 }), { nil: undefined }),
      rated: fc.option(
        fc.tuple(
          fc.integer({ min: 0, max: 1500 }),
          fc.integer({ min: 0, max: 60 }),
          fc.integer({ min: 1, max: 90 }),
        ),
        { nil: undefined },
      ),
      talk: fc.option(fc.integer({ min: 0, max: 200_000 }), { nil: undefined }),
    })
    .map((g) => ({
      keep: g.keep,
      line: {
        id: base.id,
        name: base.name,
        days: g.days ?? '',
        calls: g.calls ?? '',
        texts: g.texts ?? '',
        satisfied: g.rated?.[0] ?? '',
        basic: g.rated?.[1] ?? '',
        dissatisfied: g.rated?.[2] ?? '',
        talk: g.talk ?? '',
      } satisfies PlatformLine,
    }))

const exportFile = fc
  .tuple(...MAY.map(line))
  .map((lines) => platformExport(lines.filter((l) => l.keep).map((l) => l.line)))

/** Typed inputs for some operators before any import (an operator's correction). */
const typed = fc.array(
  fc.record({
    who: fc.constantFrom('A01', 'A02', 'A03', 'A05'),
    header: fc.constantFrom('出勤天数', '接听电话数', '文字咨询条数', '满意率'),
    value: fc.integer({ min: 1, max: 30 }),
  }),
  { maxLength: 4 },
)

function importFile(book: MemoryWorkbook, grid: Cell[][]): void {
  apply(book, importPlatformExport(book, MONTH, { label: '导出.xlsx', sheet: '导出.xlsx', grid }))
}

function inputs(book: MemoryWorkbook): Cell[][] {
  return book.records(SHEET).map((r) => ['工号', ...MONTH_INPUT_HEADERS].map((h) => r[h] ?? ''))
}

describe('SPEC §14 import properties', () => {
  it('importing B after A leaves the sheet as importing B alone; inputs are never written; B twice changes nothing', () => {
    fc.assert(
      fc.property(exportFile, exportFile, typed, (a, b, corrections) => {
        const fresh = () => {
          const book = newBook()
          apply(book, prepareMonth(book, MONTH))
          for (const c of corrections) book.setCell(SHEET, c.who, c.header, c.value)
          return book
        }
        const first = fresh()
        const before = inputs(first)
        importFile(first, a)
        importFile(first, b)
        const alone = fresh()
        importFile(alone, b)
        expect(first.sheets.get(SHEET)).toEqual(alone.sheets.get(SHEET))
        expect(inputs(first)).toEqual(before)
        const snapshot = first.snapshot()[SHEET]
        importFile(first, b)
        expect(first.snapshot()[SHEET]).toEqual(snapshot)
      }),
      { numRuns: 60 },
    )
  })
})
