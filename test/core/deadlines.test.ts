import { describe, expect, it } from 'vitest'
import { dayOfWeek } from '../../src/core/dates'
import { deadline, nominalDeadline } from '../../src/core/deadlines'
import { exact } from '../../src/core/decimal'
import { BUILTIN_YEARS, workCalendar } from '../../src/core/holidays'
import { parsePeriod } from '../../src/core/period'
import { InputError } from '../../src/core/problems'
import { defaultRules } from '../../src/core/rules'

const rules = defaultRules()
const calendar = workCalendar()
const due = (period: string, which: '初评' | '终评', cal = calendar, r = rules) =>
  deadline(parsePeriod(period), which, cal, r)

describe('working days from chinese-days', () => {
  it('第八条 2026 make-up working Saturdays and Sundays are working days (per the data)', () => {
    for (const d of ['2026-05-09', '2026-10-10', '2026-02-14', '2026-02-28']) {
      expect(dayOfWeek(d)).toBe(6)
      expect(calendar.isWorkingDay(d)).toBe(true)
    }
    expect(dayOfWeek('2026-01-04')).toBe(0)
    expect(calendar.isWorkingDay('2026-01-04')).toBe(true)
  })

  it('第八条 statutory holidays and plain weekends are rest days', () => {
    expect(calendar.isWorkingDay('2026-10-01')).toBe(false)
    expect(calendar.isWorkingDay('2026-05-05')).toBe(false) // Tuesday, 劳动节
    expect(calendar.isWorkingDay('2026-07-04')).toBe(false)
    expect(calendar.isWorkingDay('2026-07-06')).toBe(true)
    expect(calendar.describe?.('2026-10-05')).toBe('国庆节')
  })

  it('第八条 the built-in years are computed from the data and end with 2026', () => {
    expect(BUILTIN_YEARS[BUILTIN_YEARS.length - 1]).toBe(2026)
    expect(BUILTIN_YEARS).toContain(2022)
  })

  it('第八条 a year without data is a clear error naming the year and how to add it', () => {
    expect(() => calendar.isWorkingDay('2027-03-01')).toThrow(InputError)
    expect(() => calendar.isWorkingDay('2027-03-01')).toThrow(
      /2027年.*“节假日”表中补充该年的休息日和调休工作日/,
    )
  })

  it('第八条 the 节假日 sheet wins over the data', () => {
    const cal = workCalendar([
      { date: '2026-10-10', type: '休息日', note: '单位调整' },
      { date: '2026-07-04', type: '工作日' },
    ])
    expect(cal.isWorkingDay('2026-10-10')).toBe(false)
    expect(cal.isWorkingDay('2026-07-04')).toBe(true)
    expect(cal.describe?.('2026-10-10')).toBe('单位调整')
  })
})

describe('第八条–第十条 deadlines', () => {
  it('第八条 month: 初评 on the 5th and 终评 on the 10th of the next month when working days', () => {
    expect(due('2026-05', '初评')).toMatchObject({ nominal: '2026-06-05', due: '2026-06-05' })
    expect(due('2026-05', '终评')).toMatchObject({ nominal: '2026-06-10', due: '2026-06-10' })
    expect(due('2026-05', '初评').reason).toBe('2026年5月考核分数初步统计并公示截止日为2026-06-05（第八条）')
  })

  it('第八条 a nominal date in 劳动节 rolls to the third working day after the holiday', () => {
    // 2026-05-01..05 rest; 05-06, 05-07, 05-08 are the three working days after.
    expect(due('2026-04', '初评')).toMatchObject({ nominal: '2026-05-05', due: '2026-05-08' })
  })

  it('第八条 the make-up Saturday 2026-05-09 counts as a working day when rolling', () => {
    const r = { ...rules, 'deadline.rollWorkingDays': exact(4) }
    expect(due('2026-04', '初评', calendar, r).due).toBe('2026-05-09')
  })

  it('第八条 国庆节: 2026-10-05 rolls past 10-07 to the working Saturday 2026-10-10', () => {
    const d = due('2026-09', '初评')
    expect(d).toMatchObject({ nominal: '2026-10-05', due: '2026-10-10' })
    expect(d.reason).toBe(
      '2026年9月考核分数初步统计并公示名义截止日2026-10-05为国庆节，不是工作日（休息至2026-10-07），顺延至其后第3个工作日2026-10-10（第八条）',
    )
  })

  it('第九条 a quarter final due on the working Saturday 2026-10-10 does not roll', () => {
    expect(due('2026-Q3', '终评')).toMatchObject({ nominal: '2026-10-10', due: '2026-10-10' })
    expect(due('2026-Q3', '终评').reason).toContain('（第九条）')
    expect(nominalDeadline(parsePeriod('2026-Q2'), '初评', rules)).toBe('2026-07-05')
  })

  it('第八条 a plain Sunday rolls to the third working day after the weekend', () => {
    expect(due('2026-06', '初评')).toMatchObject({ nominal: '2026-07-05', due: '2026-07-08' })
  })

  it('第八条 春节: the nominal 2026-02-20 (holiday) rolls past the 02-23 end to 02-26', () => {
    const r = { ...rules, 'deadline.finalDay': exact(20) }
    expect(due('2026-01', '终评', calendar, r)).toMatchObject({ nominal: '2026-02-20', due: '2026-02-26' })
  })

  it('第八条 an override turning a working day into a rest day extends the run', () => {
    const cal = workCalendar([{ date: '2026-10-08', type: '休息日', note: '调整' }])
    expect(due('2026-09', '初评', cal).due).toBe('2026-10-12')
  })

  it('第十条 the 2026 year deadline falls in 2027, which has no data: a clear error', () => {
    expect(() => due('2026', '初评')).toThrow(/2027年没有节假日数据/)
    expect(() => due('2026-12', '终评')).toThrow(InputError)
  })

  it('第十条 2027 entered in the 节假日 sheet makes the year deadline work', () => {
    const cal = workCalendar([
      { date: '2027-01-01', type: '休息日', note: '元旦' },
      { date: '2027-01-02', type: '休息日', note: '元旦' },
      { date: '2027-01-03', type: '休息日', note: '元旦' },
    ])
    expect(due('2026', '初评', cal)).toMatchObject({ nominal: '2027-01-05', due: '2027-01-05' })
    expect(due('2026', '终评', cal)).toMatchObject({ nominal: '2027-01-10', due: '2027-01-13' }) // a Sunday
    expect(due('2026', '终评', cal).reason).toContain('（第十条，顺延依第八条）')
  })

  it('第十条 the 2025 year deadlines: 2026-01-05 and 2026-01-10 (a Saturday → 01-14)', () => {
    expect(due('2025', '初评').due).toBe('2026-01-05')
    expect(due('2025', '终评')).toMatchObject({ nominal: '2026-01-10', due: '2026-01-14' })
  })
})

describe('第八条 终评 never falls before 初评', () => {
  it('第八条 2025-09: 初评 rolls past National Day to 10-11 (a working Saturday), so 终评 moves to 10-11 too', () => {
    const cal = workCalendar()
    const month = parsePeriod('2025-09')
    expect(deadline(month, '初评', cal, defaultRules()).due).toBe('2025-10-11')
    const final = deadline(month, '终评', cal, defaultRules())
    expect(final.nominal).toBe('2025-10-10')
    expect(final.due).toBe('2025-10-11')
    expect(final.reason).toContain('评定截止日随之顺延')
  })
})
