/**
 * The State Council's yearly notice, 国务院办公厅关于YYYY年部分节假日安排的通知 (SPEC §8: deadlines roll over
 * "节假日" per the official schedule, 第八条). Each December it fixes next year's rest days and make-up
 * working days in a fixed form, one numbered line a festival:
 *
 *   一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
 *   二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。
 *   一、元旦：1月1日（周三）放假1天，不调休。
 *
 * Read here, pure: the year from the title (…关于2027年部分节假日安排…) or else the first line; in every
 * numbered line the festival (before ：), its rest run ("X月X日至[Y月]Y日放假…", or a single day) and its
 * make-up working days ("X月X日、Y月Y日上班"). Every day of a rest run is a rest day (weekends inside it
 * included, as the notice counts them in 共N天). Checked: 共N天 against the run's length, each weekday given
 * in brackets against the calendar, a day listed both as rest and as work. Any numbered line (or sentence
 * of one) that cannot be read is a problem naming the line: then nothing is returned to write.
 * Lines that are not numbered (the addressees, the preamble, the closing paragraph, the signature) are skipped.
 */
import { addDays, dateParts, dayOfWeek, daysInMonth, type LocalDate, localDate, toEpochDay } from './dates'

export interface NoticeDay {
  readonly date: LocalDate
  readonly type: '休息日' | '工作日'
  /** The festival of the line, e.g. `春节`, `国庆节、中秋节`. */
  readonly festival: string
  /** 1-based line of the notice it came from. */
  readonly line: number
}

export interface NoticeProblem {
  /** 1-based line of the notice (0 = the notice as a whole). */
  readonly line: number
  /** The line as pasted ('' for the whole notice). */
  readonly text: string
  readonly message: string
}

export type NoticeResult =
  | { readonly ok: true; readonly year: number; readonly days: readonly NoticeDay[] }
  | { readonly ok: false; readonly problems: readonly NoticeProblem[] }

const NUMBERED = /^([一二三四五六七八九十]+)[、，.．]\s*(.*)$/
const WEEKDAY = /(?:周|星期)([日天一二三四五六])/
const WEEKDAYS = '日一二三四五六'

/** Full-width digits and punctuation as pasted from a web page or a PDF, made uniform; spaces removed. */
function normalise(line: string): string {
  return line
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/:/g, '：')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .replace(/,/g, '，')
    .replace(/;/g, '；')
    .replace(/[\s\u3000]+/g, '')
}

/** The notice's year: from its title, else the first non-empty line; null when neither names one. */
function noticeYear(lines: readonly string[]): number | null {
  const title = lines.map((l) => /关于(\d{4})年.*节假日安排/.exec(l)).find((m) => m)
  if (title) return Number(title[1])
  const first = lines.find((l) => l !== '')
  const m = first ? /(\d{4})年/.exec(first) : null
  return m ? Number(m[1]) : null
}

interface DateToken {
  readonly year: number | null
  readonly month: number | null
  readonly day: number
  /** The bracket after the date (`周日`, `农历除夕、周二`), '' when none. */
  readonly note: string
  readonly end: number
}

const DATE_AT = /(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日(?:（([^）]*)）)?/y

function dateAt(text: string, pos: number): DateToken | null {
  DATE_AT.lastIndex = pos
  const m = DATE_AT.exec(text)
  if (!m) return null
  return {
    year: m[1] ? Number(m[1]) : null,
    month: m[2] ? Number(m[2]) : null,
    day: Number(m[3]),
    note: m[4] ?? '',
    end: DATE_AT.lastIndex,
  }
}

class LineError extends Error {}

/** A date token as a calendar date, the year and month defaulting to `year` / `month`; checks the weekday. */
function resolve(t: DateToken, year: number, month: number | null): LocalDate {
  const m = t.month ?? month
  if (m === null) throw new LineError(`“${t.day}日”缺少月份`)
  const y = t.year ?? year
  if (m < 1 || m > 12 || t.day < 1 || t.day > daysInMonth(y, m))
    throw new LineError(`没有${m}月${t.day}日这一天`)
  const date = localDate(y, m, t.day)
  const w = WEEKDAY.exec(t.note)
  if (w) {
    const said = w[1] === '天' ? '日' : (w[1] ?? '')
    const real = WEEKDAYS[dayOfWeek(date)] ?? ''
    if (said !== real) throw new LineError(`${m}月${t.day}日是周${real}，通知写的是周${said}`)
  }
  return date
}

/** `X月X日（…）至[Y月]Y日（…）放假…` → every day of the run. */
function restRun(sentence: string, year: number): LocalDate[] {
  const start = dateAt(sentence, 0)
  if (!start) throw new LineError('放假日期应以“X月X日”开头')
  const from = resolve(start, year, null)
  let to = from
  let pos = start.end
  if (sentence.startsWith('至', pos)) {
    const end = dateAt(sentence, pos + 1)
    if (!end) throw new LineError('“至”后面应是结束日期（如“3日”或“2月4日”）')
    const { year: fy, month: fm } = dateParts(from)
    // "12月31日至1月2日" without years runs into the next year.
    const endYear = end.year ?? (end.month !== null && end.month < fm ? fy + 1 : fy)
    to = resolve({ ...end, year: endYear }, endYear, fm)
    pos = end.end
    if (to < from) throw new LineError(`结束日期${to}早于开始日期${from}`)
  }
  if (!sentence.startsWith('放假', pos)) throw new LineError('日期后面应是“放假”')
  const tail = sentence.slice(pos + 2)
  if (/\d+月|\d+日/.test(tail)) throw new LineError(`“放假”后面的“${tail}”看不懂`)
  const days: LocalDate[] = []
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d)
  const declared = /共(\d+)天/.exec(tail) ?? /^(\d+)天/.exec(tail)
  if (declared && Number(declared[1]) !== days.length)
    throw new LineError(`${from}至${to}共${days.length}天，通知写的是${declared[1]}天`)
  return days
}

/** `X月X日（周日）、Y月Y日（周六）上班` → the make-up working days. */
function workDays(sentence: string, year: number): LocalDate[] {
  const body = sentence.slice(0, -'上班'.length)
  const out: LocalDate[] = []
  let pos = 0
  let month: number | null = null
  while (pos < body.length) {
    const t = dateAt(body, pos)
    if (!t) throw new LineError(`“${body.slice(pos)}”不是日期（应为“X月X日（周X）、……上班”）`)
    const date = resolve(t, year, month)
    month = dateParts(date).month
    out.push(date)
    pos = t.end
    if (pos < body.length) {
      if (body[pos] !== '、' && body[pos] !== '，') throw new LineError(`“${body.slice(pos)}”看不懂`)
      pos += 1
    }
  }
  if (out.length === 0) throw new LineError('“上班”前面应是调休上班的日期')
  return out
}

/** Parses the notice; a problem per line it cannot read, and then no days at all. */
export function parseHolidayNotice(text: string): NoticeResult {
  const raw = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)
  const lines = raw.map(normalise)
  const problems: NoticeProblem[] = []
  const year = noticeYear(lines)
  if (year === null)
    return {
      ok: false,
      problems: [
        {
          line: 0,
          text: '',
          message: '找不到年份：请连同标题一起粘贴（如“国务院办公厅关于2027年部分节假日安排的通知”）',
        },
      ],
    }
  // Days may spill into the neighbouring months (元旦 from 12月31日; make-up days before 春节): a date far
  // from the notice's year is a typo.
  const earliest = toEpochDay(localDate(year - 1, 12, 1))
  const latest = toEpochDay(localDate(year + 1, 1, 31))
  const byDate = new Map<LocalDate, NoticeDay>()
  let numbered = 0
  for (const [index, line] of lines.entries()) {
    const m = NUMBERED.exec(line)
    if (!m) continue
    numbered += 1
    const lineNo = index + 1
    const fail = (message: string) =>
      problems.push({ line: lineNo, text: (raw[index] ?? '').trim(), message })
    const rest = m[2] ?? ''
    const colon = rest.indexOf('：')
    if (colon <= 0) {
      fail('应为“一、元旦：1月1日……放假……”的格式（节日名称后加冒号）')
      continue
    }
    const festival = rest.slice(0, colon)
    const sentences = rest
      .slice(colon + 1)
      .split(/[。；]/)
      .filter((s) => s !== '')
    const found: NoticeDay[] = []
    try {
      for (const s of sentences) {
        // 2024's notice: "鼓励各单位…安排职工在除夕（2月9日）休息" is advice, not the schedule.
        if (s.startsWith('鼓励')) continue
        if (s.includes('放假')) {
          for (const date of restRun(s, year)) found.push({ date, type: '休息日', festival, line: lineNo })
        } else if (s.endsWith('上班')) {
          for (const date of workDays(s, year)) found.push({ date, type: '工作日', festival, line: lineNo })
        } else throw new LineError(`“${s}”看不懂（应是放假安排或调休上班日期）`)
      }
      if (!found.some((d) => d.type === '休息日'))
        throw new LineError('没有找到放假日期（如“1月1日放假1天”）')
      for (const [k, d] of found.entries()) {
        const day = toEpochDay(d.date)
        if (day < earliest || day > latest) throw new LineError(`${d.date}不在${year}年前后，请核对年份`)
        const before = byDate.get(d.date) ?? found.slice(0, k).find((f) => f.date === d.date)
        if (before && before.type !== d.type)
          throw new LineError(`${d.date}在第${before.line}行是${before.type}，这里又是${d.type}`)
      }
    } catch (e) {
      if (!(e instanceof LineError)) throw e
      fail(e.message)
      continue
    }
    for (const d of found) if (!byDate.has(d.date)) byDate.set(d.date, d)
  }
  if (numbered === 0 && problems.length === 0)
    problems.push({
      line: 0,
      text: '',
      message: '没有找到节日安排：通知正文应有“一、元旦：……”这样的编号行',
    })
  if (problems.length > 0) return { ok: false, problems }
  const days = [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
  return { ok: true, year, days }
}

/** `通知第5行“二、春节：……”：reason` — how a problem reads to a clerk. */
export function noticeProblemText(p: NoticeProblem): string {
  if (p.line === 0) return `通知：${p.message}`
  const shown = p.text.length > 40 ? `${p.text.slice(0, 40)}……` : p.text
  return `通知第${p.line}行“${shown}”：${p.message}`
}
