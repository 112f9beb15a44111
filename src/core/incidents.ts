/**
 * The `事件` and `值班` sheets as month counts (§9): the month of an event is the month of its date (for a
 * complaint, the day the duty judge confirmed it — 第七条（四） deducts "在认定当月").
 */
import { groupBy } from './collections'
import { type LocalDate, minDate } from './dates'
import { type Exact, ZERO } from './decimal'
import type { WorkCalendar } from './holidays'
import { earnsNoonPoint } from './leave'
import type { Incident, IncidentType, NoonDuty } from './model'
import { type MonthKey, monthOfDate } from './period'
import { InputError } from './problems'
import type { Rules } from './rules'

export interface MonthCounts {
  lateOrEarly: number // 迟到 + 早退
  absentHalfDays: number // 旷工半天 + 擅自脱岗半天 (第七条（二） treats them alike)
  complaintPoints: Exact // Σ complaint deductions, one per call
  complaintCount: number
  praises: number
  qcPoints: Exact
  qcCount: number
  extraPoints: Exact // 加班
  noonDuties: number // 值班 that ended 未提前下班未补休 (第七条（二） +1 each)
  /**
   * The month-input fields (core/fields.ts keys) the records hold anything for, this operator this month:
   * a typed count cell is checked against the records only for these (SPEC §9).
   */
  recorded: Set<string>
}

export interface RowProblem {
  readonly index: number
  readonly field: string
  readonly message: string
}

export const COMPLAINT_TYPES: readonly IncidentType[] = ['有效投诉', '重大投诉']
export const QUALITY_TYPES: readonly IncidentType[] = ['质量问题', '重大质量问题']
/** Types whose 扣加分 is set by the rules, so the cell stays blank. */
const NO_POINTS: readonly IncidentType[] = [
  '迟到',
  '早退',
  '旷工半天',
  '擅自脱岗半天',
  '表扬',
  '考勤作假',
  '重大考勤作假',
]

/** One complaint after merging the rows about the same call (第七条（四）: 同一通话内容不同渠道的投诉只扣一次分). */
export interface Complaint {
  readonly date: LocalDate // the earliest confirmation among the merged rows
  readonly callId: string
  readonly points: Exact // the largest deduction
  readonly major: boolean // any merged row is a 重大投诉
  readonly rows: readonly Incident[]
}

/**
 * Merges complaint rows with the same non-blank 通话编号 into one complaint, the largest deduction kept.
 * Rows with a blank 通话编号 each stay a complaint of their own. Non-complaint rows are ignored.
 */
export function distinctComplaints(incidents: readonly Incident[]): Complaint[] {
  const complaints = incidents.filter((i) => COMPLAINT_TYPES.includes(i.type))
  const merged = groupBy(complaints, (incident, index) => {
    const call = incident.callId.trim()
    return call ? `${incident.id}\u0000${call}` : `\u0001${index}`
  })
  return [...merged.values()]
    .map((rows) => {
      const points = rows.reduce<Exact>(
        (max, r) => (r.points && r.points.compare(max) > 0 ? r.points : max),
        ZERO,
      )
      const date = rows.reduce((min, r) => minDate(r.date, min), rows[0]?.date ?? '')
      return {
        date,
        callId: rows[0]?.callId.trim() ?? '',
        points,
        major: rows.some((r) => r.type === '重大投诉'),
        rows,
      }
    })
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
}

/** A month with nothing recorded: every count zero. */
export function emptyCounts(): MonthCounts {
  return {
    lateOrEarly: 0,
    absentHalfDays: 0,
    complaintPoints: ZERO,
    complaintCount: 0,
    praises: 0,
    qcPoints: ZERO,
    qcCount: 0,
    extraPoints: ZERO,
    noonDuties: 0,
    recorded: new Set(),
  }
}

/**
 * The month's count cells per operator (工号): 迟到早退次数, 旷工脱岗半天数, 有效投诉扣分 (one deduction per
 * call, the largest), 表扬次数, 质检扣分, 其他加班加分, and 中午值班加分次数 (duties that ended
 * 未提前下班未补休, 第七条（二）; 消极怠工 earns none, 第五条). Blank 扣加分 counts as 0 here;
 * checkIncidents reports it.
 */
export function monthCounts(
  incidents: readonly Incident[],
  month: MonthKey,
  duties: readonly NoonDuty[],
  _rules: Rules,
): Map<string, MonthCounts> {
  const result = new Map<string, MonthCounts>()
  const of = (id: string) => {
    let counts = result.get(id)
    if (!counts) {
      counts = emptyCounts()
      result.set(id, counts)
    }
    return counts
  }
  const inMonth = incidents.filter((i) => monthOfDate(i.date) === month)
  for (const incident of inMonth) {
    const counts = of(incident.id)
    const points = incident.points ?? ZERO
    switch (incident.type) {
      case '迟到':
      case '早退':
        counts.lateOrEarly += 1
        counts.recorded.add('lateOrEarly')
        break
      case '旷工半天':
      case '擅自脱岗半天':
        counts.absentHalfDays += 1
        counts.recorded.add('absentHalfDays')
        break
      case '表扬':
        counts.praises += 1
        counts.recorded.add('praises')
        break
      case '质量问题':
      case '重大质量问题':
        counts.qcPoints = counts.qcPoints.add(points)
        counts.qcCount += 1
        counts.recorded.add('qcPoints')
        break
      case '加班':
        counts.extraPoints = counts.extraPoints.add(points)
        counts.recorded.add('extraPoints')
        break
      default:
        break // complaints below; 考勤作假 only matters to sanctions
    }
  }
  for (const complaint of distinctComplaints(inMonth)) {
    const counts = of(complaint.rows[0]?.id ?? '')
    counts.complaintPoints = counts.complaintPoints.add(complaint.points)
    counts.complaintCount += 1
    counts.recorded.add('complaintPoints')
  }
  for (const duty of duties) {
    if (monthOfDate(duty.date) !== month) continue
    const counts = of(duty.id)
    counts.recorded.add('noonDuties') // any duty of the month: the count of +1 duties is then known
    if (earnsNoonPoint(duty.outcome)) counts.noonDuties += 1
  }
  return result
}

function rangeText(min: Exact, max: Exact): string {
  return `${min.toString()}–${max.toString()}`
}

/** Input problems of `事件` rows (index = position in `incidents`); field names are the sheet's headers. */
export function checkIncidents(incidents: readonly Incident[], rules: Rules): RowProblem[] {
  const problems: RowProblem[] = []
  incidents.forEach((incident, index) => {
    const { type, points } = incident
    const range = COMPLAINT_TYPES.includes(type)
      ? { min: rules['complaint.min'], max: rules['complaint.max'], article: '第七条（四）' }
      : QUALITY_TYPES.includes(type)
        ? { min: rules['qc.min'], max: rules['qc.max'], article: '第七条（五）' }
        : null
    if (range) {
      const allowed = rangeText(range.min, range.max)
      if (points === null) {
        problems.push({
          index,
          field: '扣加分',
          message: `“${type}”须填写扣分（${allowed}分，${range.article}）`,
        })
      } else if (points.compare(range.min) < 0 || points.compare(range.max) > 0) {
        problems.push({
          index,
          field: '扣加分',
          message: `“${type}”每次扣${allowed}分（填正数），不能是${points.toString()}（${range.article}）`,
        })
      }
    } else if (type === '加班') {
      if (points === null || points.compare(0) <= 0)
        problems.push({ index, field: '扣加分', message: '“加班”须填写加分（大于0，第七条（二））' })
    } else if (NO_POINTS.includes(type) && points !== null) {
      problems.push({ index, field: '扣加分', message: `“${type}”不填扣加分，按规则计分` })
    }
  })
  return problems
}

/**
 * 第五条: noon duty is on working days, at most noon.maxPerDay people a day, once per person a day.
 * Every duty counts toward the limit, whatever its 结果 (a 消极怠工 duty was still a duty).
 * Problems are reported on the offending row (the third person of a day, the repeat, the rest day).
 */
export function checkNoonDuties(
  duties: readonly NoonDuty[],
  calendar: WorkCalendar,
  rules: Rules,
): RowProblem[] {
  const max = Number(rules['noon.maxPerDay'].valueOf())
  const problems: RowProblem[] = []
  const seen = new Map<LocalDate, Set<string>>()
  duties.forEach((duty, index) => {
    try {
      if (!calendar.isWorkingDay(duty.date)) {
        const what = calendar.describe?.(duty.date) ?? '休息日'
        problems.push({
          index,
          field: '日期',
          message: `${duty.date}（${what}）不是工作日，中午值班只安排在工作日（第五条）`,
        })
      }
    } catch (error) {
      if (!(error instanceof InputError)) throw error
      problems.push({ index, field: '日期', message: error.message })
    }
    const people = seen.get(duty.date) ?? new Set<string>()
    seen.set(duty.date, people)
    if (people.has(duty.id)) {
      problems.push({ index, field: '工号', message: `${duty.id}在${duty.date}重复登记中午值班` })
      return
    }
    people.add(duty.id)
    if (people.size > max)
      problems.push({
        index,
        field: '日期',
        message: `${duty.date}中午值班超过${max}人（第五条：每次值班人员不超过${max}人）`,
      })
  })
  return problems
}
