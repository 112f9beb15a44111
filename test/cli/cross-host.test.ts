import { afterEach, describe, expect, it, vi } from 'vitest'
import { playDemoYear } from '../../src/cli/demo'
import { demoYear } from '../../src/cli/demo-data'
import { newXlsxBook, parseXlsx, XlsxWorkbook, xlsxBytes } from '../../src/cli/xlsx-workbook'
import { SpreadsheetWorkbook } from '../../src/gas/spreadsheet-workbook'
import * as workflows from '../../src/workbook/workflows'
import { FakeAppsScript } from '../support/fake-apps-script'

const USER = '演示用户（带班班长）'

describe('one scenario, two hosts (SPEC §9: the same layout and results in Sheets and .xlsx)', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('第七条–第十六条 the demo year closed by the Apps Script host and by the CLI gives identical sheets', async () => {
    const data = demoYear()
    // The .xlsx host, saved and read back from bytes.
    let now = new Date()
    const xlsx = new XlsxWorkbook(newXlsxBook(), { clock: () => now, user: USER })
    playDemoYear(xlsx, workflows, data, (instant) => {
      now = instant
    })
    const reloaded = new XlsxWorkbook(await parseXlsx(await xlsxBytes(xlsx.book)))

    // The Sheets host over the SpreadsheetApp double; its clock is the system clock.
    vi.useFakeTimers({ toFake: ['Date'] })
    const fake = new FakeAppsScript({ user: USER, timeZone: 'Asia/Shanghai' })
    const g = fake.globals()
    const sheets = new SpreadsheetWorkbook({
      app: g.SpreadsheetApp,
      spreadsheet: g.SpreadsheetApp.getActive(),
      utilities: g.Utilities,
      session: g.Session,
    })
    playDemoYear(sheets, workflows, data, (instant) => {
      vi.setSystemTime(instant)
    })

    const names = reloaded.sheetNames()
    expect(sheets.sheetNames()).toEqual(expect.arrayContaining(names))
    const fromXlsx = reloaded.read(names)
    const fromSheets = sheets.read(names)
    expect(fromXlsx.get('2025-05 月度')?.length).toBeGreaterThan(15)
    expect(fromXlsx.get('预警')?.length).toBeGreaterThan(5)
    for (const name of names) expect([name, fromSheets.get(name)]).toEqual([name, fromXlsx.get(name)])
  })
})
