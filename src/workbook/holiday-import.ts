/**
 * 导入节假日安排 (SPEC §8): the State Council notice pasted (menu) or given as a file (`kaohe holidays`) becomes
 * that year's `节假日` rows — 类型 休息日 for every day of a rest run, 工作日 for each make-up working day.
 *
 * Imported rows carry their source in 说明: `春节（2027年国务院通知）`, `春节调休上班（2027年国务院通知）`. That
 * marker is how a later import of the same year's notice finds and replaces them; every other row (typed by
 * hand, or from another year's notice) is kept as it is, in place. A day that already has a row typed by hand
 * keeps it (the hand wins, as the sheet wins over the built-in calendar) and the message counts it. A notice
 * with any line it cannot read is refused with that line named, and nothing is written.
 */
import { type NoticeDay, noticeProblemText, parseHolidayNotice } from '../core/holiday-notice'
import { parseText } from '../core/parse'
import { HOLIDAYS_LAYOUT, SHEET } from './layouts'
import { done, type Outcome, refuse } from './outcome'
import { cellOf, table } from './read'
import type { Cell, Workbook } from './types'

export const IMPORT_HOLIDAYS_ACTION = '导入节假日'

const MARKER = /（(\d{4})年国务院通知）$/

/** The 说明 of an imported row: the festival, and the notice it came from. */
export function importedNote(day: Pick<NoticeDay, 'type' | 'festival'>, year: number): string {
  return `${day.festival}${day.type === '工作日' ? '调休上班' : ''}（${year}年国务院通知）`
}

/** The notice year an imported row came from; null for a row typed by hand. */
export function importedYear(note: string): number | null {
  const m = MARKER.exec(note.trim())
  return m ? Number(m[1]) : null
}

function dateKey(cell: Cell): string {
  return parseText(cell).slice(0, 10)
}

export function importHolidayNotice(book: Workbook, text: string, source = ''): Outcome {
  const parsed = parseHolidayNotice(text)
  if (!parsed.ok) {
    const problems = parsed.problems.map((p) => ({ sheet: '', cell: '', message: noticeProblemText(p) }))
    return refuse(
      problems,
      `通知中有${problems.length}处无法识别，未写入“${SHEET.holidays}”表，请核对后重新粘贴`,
    )
  }
  const { year, days } = parsed
  const t = table(SHEET.holidays, book.read([SHEET.holidays]).get(SHEET.holidays))
  const kept: Cell[][] = []
  let replaced = 0
  for (const row of t.rows) {
    const cells = HOLIDAYS_LAYOUT.columns.map((c) => cellOf(t, row, c.header))
    if (importedYear(parseText(cellOf(t, row, '说明'))) === year) replaced += 1
    else kept.push(cells)
  }
  const taken = new Set(kept.map((cells) => dateKey(cells[0] ?? '')))
  const fresh = days.filter((d) => !taken.has(d.date))
  const skipped = days.length - fresh.length
  const rows = [...kept, ...fresh.map((d): Cell[] => [d.date, d.type, importedNote(d, year)])]
  const rest = days.filter((d) => d.type === '休息日').length
  const work = days.length - rest
  const notes = [
    `写入${fresh.length}行`,
    ...(replaced > 0 ? [`替换此前导入的${replaced}行`] : []),
    ...(skipped > 0 ? [`${skipped}天已有其他行（手工填写或其他年份的通知），予以保留`] : []),
  ]
  const summary = `${year}年休息日${rest}天、调休上班${work}天（${notes.join('；')}）`
  return done({
    writes: [{ sheet: SHEET.holidays, layout: HOLIDAYS_LAYOUT, mode: 'replace', rows }],
    log: {
      action: IMPORT_HOLIDAYS_ACTION,
      period: String(year),
      outcome: source ? `${summary}，来源：${source}` : summary,
      digest: '',
    },
    message: `已导入${year}年节假日安排：${summary}。此后${year}年的截止日按这些日期计算`,
  })
}
