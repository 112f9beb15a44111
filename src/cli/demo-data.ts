/**
 * A realistic, seeded year of a 12368 hotline team (the same data every run): 18 operators at a time —
 * two 带班班长, several dispatched from base courts (第一条), one replaced mid-year after three months in
 * the bottom three (第十六条), the replacement ineligible for two months (第十四条), one seconded for a
 * month (第十七条), one recalled to her court without a successor (第三条 派驻缺位). Calls average about
 * 61 a day each (the team answered about 1,105 calls a day in June 2022), with texts, lateness, noon duties
 * (第五条), complaints — one call complained about through two channels (第七条（四）) — praise, quality
 * findings, monthly 领导评价 and the annual leader rating.
 */
import { addDays, daysInMonth, type LocalDate, localDate } from '../core/dates'
import { workCalendar } from '../core/holidays'
import type { IncidentType, NoonOutcome, Role } from '../core/model'
import { type MonthKey, monthKey } from '../core/period'

export const DEMO_YEAR = 2025
export const DEMO_SEED = 12368

/** mulberry32: a tiny, well-mixed 32-bit PRNG; the same seed gives the same year. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

interface Rng {
  next(): number
  normal(mean: number, sd: number): number
  int(min: number, max: number): number
  chance(p: number): boolean
  pick<T>(items: readonly T[]): T
}

function rng(seed: number): Rng {
  const next = mulberry32(seed)
  return {
    next,
    normal(mean, sd) {
      const u = Math.max(next(), 1e-12)
      const v = next()
      return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
    },
    int(min, max) {
      return min + Math.floor(next() * (max - min + 1))
    },
    chance(p) {
      return next() < p
    },
    pick(items) {
      const item = items[Math.floor(next() * items.length)]
      if (item === undefined) throw new RangeError('pick from an empty list')
      return item
    },
  }
}

export interface DemoOperator {
  readonly id: string
  readonly name: string
  /** 派驻单位; '' = 市中院聘用. */
  readonly homeCourt: string
  readonly role: Role
  readonly start: LocalDate
  readonly leave: LocalDate | ''
  readonly note: string
  /** Mean calls answered a working day. */
  readonly calls: number
  readonly textsPerDay: number
  readonly rating: number
  readonly satisfaction: number
  /** Chance of being late on a given working day. */
  readonly lateness: number
}

const op = (
  id: string,
  name: string,
  homeCourt: string,
  role: Role,
  start: LocalDate,
  calls: number,
  more: Partial<Omit<DemoOperator, 'id' | 'name' | 'homeCourt' | 'role' | 'start' | 'calls'>> = {},
): DemoOperator => ({
  id,
  name,
  homeCourt,
  role,
  start,
  calls,
  leave: '',
  note: '',
  textsPerDay: 6,
  rating: 8.6,
  satisfaction: 0.985,
  lateness: 0.004,
  ...more,
})

export const DEMO_OPERATORS: readonly DemoOperator[] = [
  op('GZ01', '陈晓琳', '', '带班班长', '2019-03-01', 51, {
    rating: 9.3,
    textsPerDay: 4,
    satisfaction: 0.992,
  }),
  op('GZ02', '黄志强', '', '带班班长', '2020-07-15', 51, { rating: 9.1, textsPerDay: 4, satisfaction: 0.99 }),
  op('GZ03', '李嘉欣', '越秀区人民法院', '话务员', '2022-04-06', 70, { rating: 9.2, satisfaction: 0.993 }),
  op('GZ04', '张敏', '', '话务员', '2021-09-01', 65, { rating: 8.7 }),
  op('GZ05', '梁婉婷', '天河区人民法院', '话务员', '2023-02-20', 64, { rating: 8.8, textsPerDay: 9 }),
  op('GZ06', '王丽娟', '', '话务员', '2020-11-02', 67, { rating: 8.5 }),
  op('GZ07', '刘思颖', '海珠区人民法院', '话务员', '2023-08-14', 63, { rating: 8.3, lateness: 0.012 }),
  op('GZ08', '吴佩珊', '', '话务员', '2022-06-01', 62, { rating: 8.6, textsPerDay: 8 }),
  op('GZ09', '林嘉怡', '荔湾区人民法院', '话务员', '2024-03-04', 63, {
    rating: 8.7,
    note: '2025年9月借调立案庭',
  }),
  op('GZ10', '何雪梅', '', '话务员', '2021-03-15', 68, { rating: 9.0, satisfaction: 0.99 }),
  op('GZ11', '郭俊杰', '', '话务员', '2022-10-10', 62, { rating: 8.1, satisfaction: 0.978 }),
  op('GZ12', '罗文静', '白云区人民法院', '话务员', '2024-05-06', 63, { rating: 8.4 }),
  op('GZ13', '郑晓东', '', '话务员', '2023-05-22', 65, { rating: 8.5, lateness: 0.008 }),
  op('GZ14', '谢美玲', '番禺区人民法院', '话务员', '2024-09-02', 63, { rating: 8.6, textsPerDay: 7 }),
  op('GZ15', '冯子健', '海珠区人民法院', '话务员', '2024-08-19', 48, {
    rating: 7.4,
    satisfaction: 0.968,
    leave: '2025-04-30',
    note: '连续3个月排名倒数前三，已商请海珠区人民法院更换（第十六条）',
    lateness: 0.01,
  }),
  op('GZ16', '邓慧敏', '', '话务员', '2021-12-01', 64, { rating: 8.8 }),
  op('GZ17', '曾家豪', '白云区人民法院', '话务员', '2023-11-13', 62, {
    rating: 8.4,
    leave: '2025-11-28',
    note: '调回白云区人民法院',
  }),
  op('GZ18', '彭雅琪', '', '话务员', '2024-10-08', 63, { rating: 8.5, textsPerDay: 8 }),
  op('GZ19', '黄颖', '海珠区人民法院', '话务员', '2025-05-12', 63, {
    rating: 8.4,
    note: '接替冯子健（GZ15）',
  }),
]

/** 借调 (第十七条): one operator helps the filing division for September. */
export const DEMO_SECONDMENTS = [
  { id: 'GZ09', from: '2025-09-01', to: '2025-09-30', note: '借调立案庭协助诉讼服务中心工作' },
] as const

/** Call volume through the year: the Spring Festival month is quieter, summer busier. */
const SEASON = [1.0, 0.92, 1.05, 1.0, 0.98, 1.02, 1.06, 1.04, 1.0, 0.95, 1.0, 1.03]

export interface DemoEvent {
  readonly date: LocalDate
  readonly id: string
  readonly type: IncidentType
  readonly points: number | ''
  readonly callId: string
  readonly note: string
}

export interface DemoDuty {
  readonly date: LocalDate
  readonly id: string
  readonly outcome: NoonOutcome
}

/** A month row's entered inputs; the count cells stay blank and fill from 事件 / 值班 at the close. */
export interface DemoMonthEntry {
  readonly id: string
  readonly days: number
  readonly calls: number
  readonly texts: number
  readonly fullAttendance: boolean
  readonly leaderRating: number
  readonly satisfaction: number
}

export interface DemoYear {
  readonly year: number
  readonly operators: readonly DemoOperator[]
  readonly events: readonly DemoEvent[]
  readonly duties: readonly DemoDuty[]
  readonly months: ReadonlyMap<MonthKey, ReadonlyMap<string, DemoMonthEntry>>
  /** The annual leader rating (第十条), 0–10. */
  readonly yearRatings: ReadonlyMap<string, number>
}

const round = (x: number, places: number) => Number(x.toFixed(places))
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x))

/** Incidents placed by hand so that the 办法's alerts have something to find. */
const SCRIPTED: readonly DemoEvent[] = [
  // 第七条（四）: one call, complained about through two channels — deducted once, the larger amount.
  {
    date: '2025-04-16',
    id: 'GZ06',
    type: '有效投诉',
    points: 3,
    callId: '20250411-0387',
    note: '当事人来电反映答复不耐心，经值班法官认定为有效投诉',
  },
  {
    date: '2025-04-18',
    id: 'GZ06',
    type: '有效投诉',
    points: 4,
    callId: '20250411-0387',
    note: '同一通话经12345政务服务热线转办投诉，不重复计数',
  },
  // 第十五条（二）: three valid complaints within six months.
  {
    date: '2025-03-20',
    id: 'GZ11',
    type: '有效投诉',
    points: 3,
    callId: '20250317-0122',
    note: '未按规定记录来电诉求',
  },
  {
    date: '2025-05-22',
    id: 'GZ11',
    type: '有效投诉',
    points: 4,
    callId: '20250519-0641',
    note: '答复案件进度信息有误',
  },
  {
    date: '2025-07-17',
    id: 'GZ11',
    type: '有效投诉',
    points: 3,
    callId: '20250714-0208',
    note: '服务态度生硬',
  },
  // 第十五条（二）: a major complaint.
  {
    date: '2025-10-23',
    id: 'GZ13',
    type: '重大投诉',
    points: 5,
    callId: '20251020-0915',
    note: '泄露案件当事人联系方式，经值班法官认定为重大投诉',
  },
  // The weak operator's quality findings (第七条（五）).
  {
    date: '2025-02-19',
    id: 'GZ15',
    type: '质量问题',
    points: 2,
    callId: '20250218-0233',
    note: '未准确引导网上立案',
  },
  {
    date: '2025-04-09',
    id: 'GZ15',
    type: '质量问题',
    points: 2,
    callId: '20250408-0517',
    note: '转办工单信息不全',
  },
  // 第七条（二）: overtime in the typhoon emergency.
  ...['GZ01', 'GZ03', 'GZ10', 'GZ16'].map(
    (id): DemoEvent => ({
      date: '2025-09-24',
      id,
      type: '加班',
      points: 1,
      callId: '',
      note: '台风“桦加沙”应急值守加班',
    }),
  ),
]

/** 第十五条（四）: four late arrivals in one month. */
const SCRIPTED_LATE: readonly { id: string; month: number; count: number }[] = [
  { id: 'GZ07', month: 3, count: 4 },
]

const PRAISE_NOTES = ['当事人来电致谢', '当事人送来锦旗', '诉讼服务中心转来表扬信', '12345热线转来表扬']
const COMPLAINT_NOTES = ['答复不够耐心', '未及时回复工单', '转接等待时间过长']
const QC_NOTES = ['未使用规范用语', '登记信息不完整', '答复法规引用不准确', '未按流程转办']

function workingDays(year: number, month: number): LocalDate[] {
  const cal = workCalendar()
  const out: LocalDate[] = []
  for (let d = 1; d <= daysInMonth(year, month); d++) {
    const date = localDate(year, month, d)
    if (cal.isWorkingDay(date)) out.push(date)
  }
  return out
}

function inPost(o: DemoOperator, date: LocalDate): boolean {
  return o.start <= date && (o.leave === '' || o.leave >= date)
}

function seconded(id: string, date: LocalDate): boolean {
  return DEMO_SECONDMENTS.some((s) => s.id === id && s.from <= date && s.to >= date)
}

export function demoYear(seed = DEMO_SEED): DemoYear {
  const r = rng(seed)
  const year = DEMO_YEAR
  const events: DemoEvent[] = [...SCRIPTED]
  const duties: DemoDuty[] = []
  const months = new Map<MonthKey, Map<string, DemoMonthEntry>>()
  let callSerial = 0
  const callId = (date: LocalDate) => {
    callSerial += 1
    return `${date.replaceAll('-', '')}-${String(100 + ((callSerial * 37) % 900)).padStart(4, '0')}`
  }

  for (let month = 1; month <= 12; month++) {
    const key = monthKey(year, month)
    const days = workingDays(year, month)
    const entries = new Map<string, DemoMonthEntry>()
    const present = (o: DemoOperator, date: LocalDate) => inPost(o, date) && !seconded(o.id, date)

    for (const o of DEMO_OPERATORS) {
      const mine = days.filter((d) => present(o, d))
      if (mine.length === 0) continue
      // Leave taken (annual or sick leave), sometimes a half day.
      const leaveDays = r.chance(0.3) ? r.int(1, 3) - (r.chance(0.3) ? 0.5 : 0) : 0
      const worked = Math.max(mine.length - leaveDays, 0.5)
      // Lateness and leaving early, day by day.
      const scripted = SCRIPTED_LATE.find((s) => s.id === o.id && s.month === month)
      const lateDays = mine.filter(() => r.chance(o.lateness))
      const lateCount = scripted ? scripted.count : lateDays.length
      for (let i = 0; i < lateCount; i++) {
        const date = scripted
          ? (mine[3 + i * 4] ?? mine[i] ?? days[0] ?? `${key}-01`)
          : (lateDays[i] ?? `${key}-01`)
        const early = !scripted && r.chance(0.25)
        events.push({
          date,
          id: o.id,
          type: early ? '早退' : '迟到',
          points: '',
          callId: '',
          note: early ? '未经批准提前离岗' : `迟到${r.int(5, 25)}分钟`,
        })
      }
      const perDay = r.normal(o.calls * (SEASON[month - 1] ?? 1), 3.5)
      const calls = Math.round(Math.max(perDay, 20) * worked)
      const texts = Math.round(Math.max(r.normal(o.textsPerDay, 1.5), 0) * worked)
      const leaderRating = round(clamp(r.normal(o.rating, 0.35), 7.0, 9.8), 1)
      const satisfaction = round(clamp(r.normal(o.satisfaction, 0.006), 0.94, 1), 3)
      entries.set(o.id, {
        id: o.id,
        days: worked,
        calls,
        texts,
        fullAttendance:
          leaveDays === 0 && lateCount === 0 && worked === mine.length && mine.length === days.length,
        leaderRating,
        satisfaction,
      })
      // Praise, complaints and quality findings, a few a month across the team.
      if (r.chance(0.12)) {
        const date = r.pick(mine)
        events.push({
          date,
          id: o.id,
          type: '表扬',
          points: '',
          callId: callId(date),
          note: r.pick(PRAISE_NOTES),
        })
      }
      if (o.id !== 'GZ11' && r.chance(o.satisfaction < 0.975 ? 0.08 : 0.02)) {
        const date = r.pick(mine)
        events.push({
          date,
          id: o.id,
          type: '有效投诉',
          points: r.int(3, 4),
          callId: callId(date),
          note: r.pick(COMPLAINT_NOTES),
        })
      }
      if (r.chance(o.id === 'GZ15' ? 0.25 : 0.035)) {
        const date = r.pick(mine)
        events.push({
          date,
          id: o.id,
          type: '质量问题',
          points: r.int(1, 2),
          callId: callId(date),
          note: r.pick(QC_NOTES),
        })
      }
    }
    months.set(key, entries)

    // 第五条: noon duty 12:30–14:00 on working days, at most two people a day.
    for (const date of days) {
      const pool = DEMO_OPERATORS.filter((o) => present(o, date) && o.role === '话务员')
      const count = r.chance(0.1) ? 0 : r.chance(0.5) ? 1 : 2
      const chosen = new Set<string>()
      while (chosen.size < Math.min(count, pool.length)) chosen.add(r.pick(pool).id)
      for (const id of chosen) {
        const x = r.next()
        const outcome: NoonOutcome = x < 0.4 ? '提前下班' : x < 0.7 ? '计入补休' : '未提前下班未补休'
        duties.push({ date, id, outcome })
      }
    }
  }

  const yearRatings = new Map<string, number>()
  for (const o of DEMO_OPERATORS) {
    yearRatings.set(o.id, round(clamp(r.normal(o.rating, 0.3), o.calls < 52 ? 6.0 : 7.0, 9.8), 1))
  }
  events.sort((a, b) => (a.date === b.date ? a.id.localeCompare(b.id) : a.date < b.date ? -1 : 1))
  duties.sort((a, b) => (a.date === b.date ? a.id.localeCompare(b.id) : a.date < b.date ? -1 : 1))
  return { year, operators: DEMO_OPERATORS, events, duties, months, yearRatings }
}

/** When a month's close happens in the demo: the morning of its 5th (the 公示 deadline, 第八条). */
export function closeInstant(month: MonthKey, dayOfNextMonth = 5, hour = 9): Date {
  const [y, m] = month.split('-').map(Number)
  const next = addDays(localDate(y ?? DEMO_YEAR, m ?? 1, 1), 40).slice(0, 7)
  // 09:00 Beijing time is 01:00 UTC.
  return new Date(
    `${next}-${String(dayOfNextMonth).padStart(2, '0')}T${String(hour - 8).padStart(2, '0')}:00:00Z`,
  )
}
