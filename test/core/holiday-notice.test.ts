/**
 * The State Council notice read as the package reads it: test/fixtures/holiday-notice-2025.txt is the notice
 * 国办发明电〔2024〕12号 (2025's arrangement), holiday-notice-2026.txt the notice of November 2025 (2026's),
 * both reconstructed in the notices' fixed form from the chinese-days data (the days are the package's; the
 * 2026 file leaves out the document number and date, which the package does not carry and we do not guess).
 * The comparison is exact: the package lists every day of a rest run (weekends inside it included), as the
 * notice's 共N天 counts them, and every make-up working day; so do we.
 */
import { readFileSync } from 'node:fs'
import data from 'chinese-days/dist/chinese-days.json'
import { describe, expect, it } from 'vitest'
import { noticeProblemText, parseHolidayNotice } from '../../src/core/holiday-notice'

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')
const raw = data as { holidays: Record<string, string>; workdays: Record<string, string> }
const packageDays = (map: Record<string, string>, year: number) =>
  Object.keys(map)
    .filter((d) => d.startsWith(`${year}-`))
    .sort()

function parsed(text: string) {
  const r = parseHolidayNotice(text)
  if (!r.ok) throw new Error(r.problems.map(noticeProblemText).join('\n'))
  return r
}

describe('国务院办公厅关于部分节假日安排的通知', () => {
  it.each([2025, 2026])(
    '%i: the rest days and make-up working days equal the chinese-days package exactly',
    (year) => {
      const r = parsed(fixture(`holiday-notice-${year}.txt`))
      expect(r.year).toBe(year)
      const rest = r.days.filter((d) => d.type === '休息日').map((d) => d.date)
      const work = r.days.filter((d) => d.type === '工作日').map((d) => d.date)
      expect(rest).toEqual(packageDays(raw.holidays, year))
      expect(work).toEqual(packageDays(raw.workdays, year))
    },
  )

  it('2025: festivals by line, "至" across months, a single day 不调休', () => {
    const r = parsed(fixture('holiday-notice-2025.txt'))
    const of = (date: string) => r.days.find((d) => d.date === date)
    expect(of('2025-01-01')).toMatchObject({ type: '休息日', festival: '元旦' })
    expect(of('2025-01-31')).toMatchObject({ type: '休息日', festival: '春节' })
    expect(of('2025-02-04')).toMatchObject({ type: '休息日', festival: '春节' })
    expect(of('2025-02-08')).toMatchObject({ type: '工作日', festival: '春节' })
    expect(of('2025-06-01')).toMatchObject({ type: '休息日', festival: '端午节' })
    expect(of('2025-10-06')).toMatchObject({ type: '休息日', festival: '国庆节、中秋节' })
    expect(r.days.filter((d) => d.festival === '春节' && d.type === '休息日')).toHaveLength(8)
  })

  it('the year comes from the title, or else the first line; pasted without either it is refused', () => {
    const body = '一、元旦：1月1日（周五）放假1天，不调休。'
    expect(parsed(`2027年节假日安排\n${body}`).year).toBe(2027)
    expect(parsed(`关于2027年部分节假日安排的通知\n${body}`).days[0]?.date).toBe('2027-01-01')
    const r = parseHolidayNotice(body)
    expect(r.ok).toBe(false)
    if (!r.ok)
      expect(noticeProblemText(r.problems[0] ?? { line: 0, text: '', message: '' })).toMatch(/找不到年份/)
  })

  it('full-width digits, ASCII brackets and 星期 are read; explicit years cross into the year before', () => {
    const r = parsed(
      '国务院办公厅关于2023年部分节假日安排的通知\n一、元旦：2022年12月31日至2023年1月2日放假调休，共3天。\n二、春节：１月21日(星期六)至27日(星期五)放假调休，共7天。1月28日（星期六）、29日（星期日）上班。',
    )
    expect(r.days.map((d) => `${d.date}${d.type === '工作日' ? '上班' : ''}`)).toEqual([
      '2022-12-31',
      '2023-01-01',
      '2023-01-02',
      '2023-01-21',
      '2023-01-22',
      '2023-01-23',
      '2023-01-24',
      '2023-01-25',
      '2023-01-26',
      '2023-01-27',
      '2023-01-28上班',
      '2023-01-29上班',
    ])
  })

  it.each([
    ['二、春节：2月6日（周六）至13日（周六）放假调休，共9天。', /共8天，通知写的是9天/],
    ['二、春节：2月6日（周五）至13日（周六）放假调休，共8天。', /2月6日是周六，通知写的是周五/],
    ['二、春节：2月6日至13日放假调休，共8天。2月30日上班。', /没有2月30日这一天/],
    ['二、春节：2月6日至13日休息，共8天。', /看不懂/],
    ['二、春节2月6日至13日放假。', /冒号/],
    ['二、春节：2月20日上班。', /没有找到放假日期/],
    ['二、春节：2月6日至13日放假，共8天。2月7日（周日）上班。', /2027-02-07在第3行是休息日，这里又是工作日/],
  ])('a line it cannot read is named, and nothing is returned: %s', (line, message) => {
    const text = `国务院办公厅关于2027年部分节假日安排的通知\n一、元旦：1月1日（周五）至3日（周日）放假，共3天。\n${line}\n三、清明节：4月3日至5日放假，共3天。`
    const r = parseHolidayNotice(text)
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.problems).toHaveLength(1)
    expect(r.problems[0]?.line).toBe(3)
    expect(noticeProblemText(r.problems[0] ?? { line: 0, text: '', message: '' })).toMatch(
      /^通知第3行“二、春节/,
    )
    expect(r.problems[0]?.message).toMatch(message)
  })

  it('text without numbered lines is not a notice', () => {
    const r = parseHolidayNotice('关于2027年部分节假日安排的通知\n各省、自治区、直辖市人民政府：')
    expect(r.ok).toBe(false)
  })
})
