/**
 * The Sheets host under load and under stress, through dist/Code.js: the month close's SpreadsheetApp call
 * budget does not grow with the team; a second close while one runs changes nothing; a failing write is
 * rolled back; bad input is listed (sheet, cell, reason) and nothing is written.
 */
import { describe, expect, it } from 'vitest'
import { SPREADSHEET_CLASSES } from '../support/fake-apps-script'
import { fillMonth, menu, openSheets, rosterRows, type SheetsSession } from './sheets-scenario'

/** A workbook with `n` operators and May 2026 typed in, ready to close. */
function readyToClose(n: number): SheetsSession {
  const s = openSheets()
  menu(s, 'menuSetup')
  s.fake.sheet('人员').getRange(2, 1, n, 7).setValues(rosterRows(n))
  menu(s, 'menuNewMonth', '2026-04')
  fillMonth(s, 4, n)
  menu(s, 'menuCloseMonth', '2026-04')
  menu(s, 'menuNewMonth', '2026-05')
  fillMonth(s, 5, n)
  return s
}

function everything(s: SheetsSession): string {
  return JSON.stringify(
    s.fake.spreadsheet.sheets.map((sh) => ({
      name: sh.name,
      values: sh.values(),
      fills:
        sh.getLastRow() > 0
          ? sh.getRange(1, 1, sh.getLastRow(), Math.max(1, sh.getLastColumn())).getBackgrounds()
          : [],
      protections: sh.protections.map((p) => [p.description, [...p.editors]]),
    })),
  )
}

describe('Google Sheets host: budget, lock, rollback, problems', () => {
  it('第十一条 a month close makes the same SpreadsheetApp calls for 18 and for 500 operators', () => {
    const measure = (n: number) => {
      const s = readyToClose(n)
      s.fake.resetCounts()
      expect(menu(s, 'menuCloseMonth', '2026-05')).toMatch(/月度结算完成/)
      expect(
        s.fake
          .sheet('2026-05 月度')
          .column('排名')
          .filter((r) => r !== ''),
      ).toHaveLength(n)
      return {
        total: s.fake.count(),
        byMethod: s.fake.countsByMethod(),
        all: s.fake.count([...s.fake.calls.keys()].map((k) => k.split('.')[0] ?? '')),
      }
    }
    const small = measure(18)
    const big = measure(500)
    const spreadsheetOnly = (m: Record<string, number>) =>
      Object.fromEntries(
        Object.entries(m).filter(([k]) =>
          (SPREADSHEET_CLASSES as readonly string[]).includes(k.split('.')[0] ?? ''),
        ),
      )
    expect(spreadsheetOnly(big.byMethod)).toEqual(spreadsheetOnly(small.byMethod))
    expect(big.total).toBe(small.total)
    expect(small.byMethod['Range.getValues']).toBeLessThanOrEqual(20)
    console.info(
      `month close: ${small.total} SpreadsheetApp calls (18 and 500 operators); all services: ${small.all} / ${big.all}`,
    )
  })

  it('§11 a close while another holds the lock says so and changes nothing', () => {
    const s = readyToClose(18)
    const before = everything(s)
    s.fake.lockHeldElsewhere = true
    expect(menu(s, 'menuCloseMonth', '2026-05')).toBe('另一项结算正在进行，请稍后再试')
    expect(everything(s)).toBe(before)
    s.fake.lockHeldElsewhere = false
    expect(menu(s, 'menuCloseMonth', '2026-05')).toMatch(/月度结算完成/)
    expect(s.fake.lock.hasLock()).toBe(false) // released after the close
  })

  it.each([1, 5, 20, 40])(
    '§11 a write failing at call %i mid-close is rolled back and explained in Chinese',
    (n) => {
      const s = readyToClose(18)
      const before = everything(s)
      s.fake.failAtWrite(n)
      const message = menu(s, 'menuCloseMonth', '2026-05')
      expect(message).toMatch(/已撤销本次全部更改/)
      expect(message).not.toMatch(/\n\s+at /)
      expect(everything(s)).toBe(before)
      expect(s.logged.length).toBeGreaterThan(0) // details went to the execution log
    },
  )

  it('§11 even the last write of a close (the 日志 row) failing undoes the whole close', () => {
    const probe = readyToClose(18)
    const start = probe.fake.writeCalls
    menu(probe, 'menuCloseMonth', '2026-05')
    const writes = probe.fake.writeCalls - start
    const s = readyToClose(18)
    const before = everything(s)
    s.fake.failAtWrite(writes)
    expect(menu(s, 'menuCloseMonth', '2026-05')).toMatch(/写入“日志”时出错，已撤销本次全部更改/)
    expect(everything(s)).toBe(before)
  })

  it('第七条 bad input is listed with sheet and cell, first 30 then the rest counted; nothing written', () => {
    const s = readyToClose(40)
    const sheet = s.fake.sheet('2026-05 月度')
    const days = sheet.row(1).indexOf('出勤天数') + 1
    for (let r = 2; r <= 41; r++) sheet.getRange(r, days).setValues([[40]])
    const before = everything(s)
    const message = menu(s, 'menuCloseMonth', '2026-05')
    expect(message).toMatch(/“2026-05 月度” C2：.*出勤天数/)
    expect(message).toMatch(/另有10项/)
    expect(message.split('\n').filter((l) => /^\d+\. /.test(l))).toHaveLength(30)
    expect(everything(s)).toBe(before)
  })

  it('§11 a cancelled prompt or a wrong period changes nothing and says why', () => {
    const s = readyToClose(18)
    const before = everything(s)
    s.fake.ui.promptAnswers.push({ text: '', button: 'CANCEL' })
    expect(menu(s, 'menuCloseMonth')).toBe('')
    expect(menu(s, 'menuCloseMonth', '2026-Q2')).toMatch(/不是有效的月份/)
    expect(menu(s, 'menuCloseQuarter', '五月')).toMatch(/不是有效的季度/)
    expect(everything(s)).toBe(before)
  })

  it('第九条 closing a quarter whose months are not all closed says which are missing', () => {
    const s = readyToClose(18)
    const message = menu(s, 'menuCloseQuarter', '2026-Q2')
    expect(message).toMatch(/2026-05/)
    expect(s.fake.spreadsheet.getSheetByName('2026-Q2 季度')).toBeNull()
  })

  it('§11 校验数据 reports a clean month; the default period is the previous month', () => {
    const s = readyToClose(18)
    expect(menu(s, 'menuValidate', '2026-05')).toMatch(/校验通过/)
    s.fake.ui.promptAnswers.push({ text: '' })
    menu(s, 'menuValidate')
    const prompt = s.fake.ui.prompts[s.fake.ui.prompts.length - 1]
    expect(prompt?.message).toMatch(/留空则为 \d{4}-\d{2}/)
  })

  it('第八条 生成公示表 writes the 公示 sheet for the month', () => {
    const s = readyToClose(18)
    menu(s, 'menuCloseMonth', '2026-05')
    expect(menu(s, 'menuPublish', '2026-05')).not.toMatch(/意外错误/)
    expect(s.fake.sheet('公示').getLastRow()).toBeGreaterThan(1)
  })
})
