/**
 * Highlights as data (SPEC §16, issue 10): a close fills a row from what it computed, and a later close
 * undoes that fill without reading colours back, from the text it wrote. The sentences that carry a fill —
 * the month sheet's 预警 cell, the quarter and year sheets' 备注 — are written and read here, in one module,
 * so rewording one cannot silently break highlights or their undo (round-trip tests in
 * test/workbook/highlights.test.ts).
 */
import type { Trigger } from '../core/model'
import { parseText } from '../core/parse'
import type { MonthRow } from './month'
import { isBlankCell } from './read'
import type { Cell, Highlight } from './types'

/** SPEC §16: each trigger names its level first (`辞退或更换：第十六条（一）…`), most severe first, so a
 * black-and-white print keeps it; ineligible rows start with `不参与：…`. */
export function warningText(
  row: Pick<MonthRow, 'eligible' | 'reason'>,
  triggers: readonly Trigger[],
): string {
  const parts = sortTriggers(triggers).map((t) => `${t.level}：${t.clause}：${t.reason}`)
  if (!row.eligible) parts.unshift(`不参与：${row.reason}`)
  return parts.join('；')
}

export function sortTriggers(triggers: readonly Trigger[]): Trigger[] {
  const severity = (t: Trigger) => (t.level === '辞退或更换' ? 0 : 1)
  return [...triggers].sort((a, b) => severity(a) - severity(b))
}

/** A month row's fill: 辞退或更换 red, 谈话提醒 amber, else 每月之星 green. */
export function highlightOf(triggers: readonly Trigger[], star: boolean): Highlight {
  if (triggers.some((t) => t.level === '辞退或更换')) return 'dismissal'
  if (triggers.length > 0) return 'reminder'
  return star ? 'star' : null
}

/**
 * The fill a month row carries from its frozen results (as the last close wrote it), read back from the
 * 预警 text warningText wrote (books closed before the level led the text start with the clause).
 */
export function frozenHighlight(warning: Cell, star: Cell): Highlight {
  const parts = parseText(warning).split('；')
  if (parts.some((p) => p.startsWith('辞退或更换：') || p.startsWith('第十六条'))) return 'dismissal'
  if (parts.some((p) => p.startsWith('谈话提醒：') || p.startsWith('第十五条'))) return 'reminder'
  return isBlankCell(star) ? null : 'star'
}

const SANCTION_LEAD = { quarter: '本季度有预警：', year: '本年度有预警：' } as const

/**
 * The 备注 sentence of a quarter or year row with sanction triggers in the period (第十三条: the leader may
 * set 基本称职 or 不称职); `hint` adds the leader's prompt (not for a non-participant).
 */
export function sanctionNote(kind: 'quarter' | 'year', sanctions: readonly string[], hint: boolean): string {
  const text = `${SANCTION_LEAD[kind]}${sanctions.join('、')}`
  return hint ? `${text}，请领导考虑是否评定基本称职或不称职` : text
}

/** The fill a quarter or year row carries, read back from its 备注 and 建议档次 (null: look further). */
export function noteHighlight(notes: string, proposedTier: string): Highlight {
  const sanction = notes
    .split('；')
    .find((n) => n.startsWith(SANCTION_LEAD.quarter) || n.startsWith(SANCTION_LEAD.year))
  if (sanction) return sanction.includes('辞退或更换') ? 'dismissal' : 'reminder'
  if (proposedTier.includes('并列待定')) return 'pending'
  return null
}

/** The 备注 sentences a close writes (and rewrites at every close); anything else there was typed by a leader. */
const CLOSE_NOTE_LEADS = [
  '不参与：',
  '并列待定：',
  SANCTION_LEAD.quarter,
  SANCTION_LEAD.year,
  '待分管庭领导录入',
]

/**
 * SPEC §11: 备注 is the leaders' column too. A re-close rewrites its own sentences and keeps, after them,
 * what a leader typed there (the parts of the previous 备注 the close did not write).
 */
export function mergeNotes(closeNotes: readonly string[], previous: string): string {
  const typed = previous
    .split('；')
    .map((p) => p.trim())
    .filter((p) => p !== '' && !CLOSE_NOTE_LEADS.some((lead) => p.startsWith(lead)))
  return [...closeNotes, ...typed].join('；')
}
