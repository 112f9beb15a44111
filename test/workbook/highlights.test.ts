/**
 * Issue 10 item 5: the sentences that carry a fill are written and read in one module; a fill read back from
 * what was written is the fill that was computed (round trip), so rewording a sentence cannot break undo.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Trigger } from '../../src/core/model'
import {
  frozenHighlight,
  highlightOf,
  mergeNotes,
  noteHighlight,
  sanctionNote,
  warningText,
} from '../../src/workbook/highlights'

const trigger = fc.record({
  id: fc.constant('A01'),
  month: fc.constant('2026-05'),
  level: fc.constantFrom<Trigger['level']>('谈话提醒', '辞退或更换'),
  clause: fc.constantFrom('第十五条（一）', '第十五条（二）', '第十六条（一）', '第十六条（四）'),
  reason: fc.constantFrom('连续2个月排名倒数前三（2026-04、2026-05）', '近6个月内有效投诉3次'),
})

describe('highlights as data', () => {
  it('property: the 预警 text read back gives the fill the close computed', () => {
    fc.assert(
      fc.property(
        fc.array(trigger, { maxLength: 4 }),
        fc.boolean(),
        fc.boolean(),
        (triggers, star, eligible) => {
          const text = warningText({ eligible, reason: '入职未满2个月（第十四条）' }, triggers)
          return frozenHighlight(text, star ? '是' : '') === highlightOf(triggers, star)
        },
      ),
    )
  })

  it('an older book’s 预警 text (clause first) is still read', () => {
    expect(frozenHighlight('第十六条（一）：连续3个月排名倒数前三', '')).toBe('dismissal')
    expect(frozenHighlight('第十五条（二）：近6个月内有效投诉3次', '是')).toBe('reminder')
    expect(frozenHighlight('不参与：借调', '')).toBeNull()
  })

  it.each([
    ['quarter', ['辞退或更换（第十六条（一））'], true, 'dismissal'],
    ['quarter', ['谈话提醒（第十五条（二））'], false, 'reminder'],
    ['year', ['谈话提醒（第十五条（一））', '辞退或更换（第十六条（三））'], false, 'dismissal'],
  ] as const)('the %s 备注 for %j (hint %s) reads back as %s', (kind, sanctions, hint, fill) => {
    const notes = ['不参与：离岗', sanctionNote(kind, sanctions, hint)].join('；')
    expect(noteHighlight(notes, '')).toBe(fill)
  })

  it('a tie is 并列待定; a 备注 that merely mentions 辞退或更换 elsewhere is not a sanction', () => {
    expect(noteHighlight('', '良好（并列待定）')).toBe('pending')
    expect(noteHighlight('领导备注：曾被要求辞退或更换', '优秀')).toBeNull()
  })
})

describe('SPEC §11 备注 is the leaders’ column too', () => {
  it('a re-close rewrites its own sentences and keeps what a leader typed', () => {
    const previous = ['本季度有预警：2026-05 谈话提醒（第十五条（一））', '已谈话，见记录'].join('；')
    expect(mergeNotes(['并列待定：与A03同分'], previous)).toBe('并列待定：与A03同分；已谈话，见记录')
    expect(mergeNotes([], '待分管庭领导录入领导评价后再次年度结算')).toBe('')
  })
})
