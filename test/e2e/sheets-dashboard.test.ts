/**
 * 看板, 个人成绩单 and the printable report through dist/Code.js: 刷新看板 and 个人成绩单 write under the
 * document lock and through the host's transaction (a failing write is rolled back and said in Chinese);
 * what users read for an error depends on its class, never on its wording.
 */
import { describe, expect, it } from 'vitest'
import { fillMonth, menu, openSheets, rosterRows, type SheetsSession } from './sheets-scenario'

/** 18 operators, April and May 2026 closed. */
function closedBook(): SheetsSession {
  const s = openSheets()
  menu(s, 'menuSetup')
  s.fake.sheet('人员').getRange(2, 1, 18, 7).setValues(rosterRows(18))
  for (const m of [4, 5]) {
    menu(s, 'menuNewMonth', `2026-0${m}`)
    fillMonth(s, m, 18)
    expect(menu(s, 'menuCloseMonth', `2026-0${m}`)).toMatch(/月度结算完成/)
  }
  return s
}

const board = (s: SheetsSession) =>
  JSON.stringify([s.fake.sheet('看板').values(), s.fake.sheet('看板').charts])

describe('看板 and 个人成绩单 through the menu (Google Sheets)', () => {
  it('第七条 初始化 makes 看板 with its four charts; each close rewrites its values, the charts stay', () => {
    const s = openSheets()
    menu(s, 'menuSetup')
    const made = [...s.fake.sheet('看板').charts]
    expect(made).toHaveLength(4)
    s.fake.sheet('人员').getRange(2, 1, 18, 7).setValues(rosterRows(18))
    menu(s, 'menuNewMonth', '2026-05')
    fillMonth(s, 5, 18)
    expect(menu(s, 'menuCloseMonth', '2026-05')).toMatch(/月度结算完成/)
    const sheet = s.fake.sheet('看板')
    expect(sheet.row(1)[0]).toBe('12368热线话务员考核看板 · 2026年5月')
    expect(sheet.charts).toHaveLength(4)
    sheet.charts.forEach((c, i) => {
      expect(c).toBe(made[i]) // the very charts made at 初始化
    })
  })

  it('§11 刷新看板 takes the lock: while another change holds it, nothing is written', () => {
    const s = closedBook()
    const before = board(s)
    s.fake.lockHeldElsewhere = true
    expect(menu(s, 'menuDashboard', '2026-04')).toBe('另一项结算正在进行，请稍后再试')
    expect(board(s)).toBe(before)
    s.fake.lockHeldElsewhere = false
    expect(menu(s, 'menuDashboard', '2026-04')).toBe('')
    expect(s.fake.sheet('看板').row(1)[0]).toBe('12368热线话务员考核看板 · 2026年4月')
    expect(s.fake.sheet('看板').charts).toHaveLength(4) // rebuilt, not added to
    expect(s.fake.lock.hasLock()).toBe(false)
  })

  it('§11 刷新看板 failing at any of its writes leaves 看板 as it was and says so in Chinese', () => {
    const probe = closedBook()
    const writes = probe.fake.writeCalls
    menu(probe, 'menuDashboard', '2026-04')
    const count = probe.fake.writeCalls - writes
    expect(count).toBeGreaterThan(5) // values, formats, charts removed and built again
    const s = closedBook()
    const before = board(s)
    for (let n = 1; n <= count; n++) {
      s.fake.failAtWrite(n)
      expect(menu(s, 'menuDashboard', '2026-04'), `write ${n}`).toMatch(
        /写入“看板”时出错，已撤销本次全部更改/,
      )
      expect(board(s), `write ${n}`).toBe(before)
    }
  })

  it('§11 a close failing at its 看板 write is rolled back entirely, month sheet and all', () => {
    const s = openSheets()
    menu(s, 'menuSetup')
    s.fake.sheet('人员').getRange(2, 1, 18, 7).setValues(rosterRows(18))
    menu(s, 'menuNewMonth', '2026-05')
    fillMonth(s, 5, 18)
    const month = () => JSON.stringify(s.fake.sheet('2026-05 月度').values())
    const before = [month(), board(s)]
    let armed = false
    s.fake.onCall = (name) => {
      // The 看板 is the close's last block before the 日志 row: fail right there.
      if (armed && name === 'Range.setValues' && s.fake.calls.get('Sheet.getSheetValues') === 14) {
        armed = false // once: the undos that follow succeed
        throw new Error('Service Spreadsheets failed while accessing document with id fake.')
      }
    }
    armed = true
    s.fake.resetCounts()
    expect(menu(s, 'menuCloseMonth', '2026-05')).toMatch(/写入“看板”时出错，已撤销本次全部更改/)
    s.fake.onCall = null
    expect([month(), board(s)]).toEqual(before)
  })

  it('第七条 个人成绩单 writes its sheet under the lock and opens the printable page; an unknown 工号 is said', () => {
    const s = closedBook()
    expect(menu(s, 'showStatement', '2026-05', '003')).toBe('')
    expect(String(s.fake.sheet('个人成绩单').row(1)[0])).toMatch(/个人成绩单 · 2026年5月/)
    expect(s.fake.ui.dialogs.at(-1)?.title).toMatch(/个人成绩单 · 话务员3（003）/)
    // InputError: its message is shown as it is.
    expect(menu(s, 'showStatement', '2026-05', '999')).toMatch(/工号“999”不在“人员”表中/)
    // Cancelled: nothing said.
    s.fake.ui.promptAnswers.push({ text: '', button: 'CANCEL' })
    expect(menu(s, 'showStatement')).toBe('')
  })

  it('§11 an unexpected error is shown as the generic message even when its text is Chinese', () => {
    const s = closedBook()
    s.fake.onCall = (name) => {
      if (name === 'Sheet.getSheetValues' || name === 'Range.getValues')
        throw new Error('服务暂时不可用（内部错误 500）')
    }
    const message = menu(s, 'showReport', '2026-05')
    s.fake.onCall = null
    expect(message).toMatch(/出现意外错误/)
    expect(message).not.toMatch(/服务暂时不可用/)
    expect(s.logged.length).toBeGreaterThan(0) // the details went to the execution log
  })
})
