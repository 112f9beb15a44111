/**
 * 第三条, two sentences about dispatched operators (派驻单位 set):
 * - "各基层法院派驻市中院话务员出现缺位时，应于2周内重新派驻": an operator with a 离岗日期 leaves a vacancy
 *   unless a newcomer from the same court starts within dispatch.vacancyDays (14) after it. A newcomer who
 *   started up to that many days before the leave (a handover) also fills it; each newcomer fills one
 *   vacancy. Listed in `预警` with 级别 派驻缺位.
 * - "除因存在考核不达标等不适宜继续派驻的情形外，各基层法院派驻市中院话务员原则上一年内不得更换": a leaver
 *   replaced by the same court within dispatch.minTermMonths (12) of the 入职或派驻日期, whose 备注 gives no
 *   assessment reason, is listed in `预警` with 级别 派驻更换.
 * Both read the same pairing of leavers and successors (`successions`).
 */
import { addDays, addMonths, type LocalDate, maxDate } from './dates'
import type { Operator } from './model'
import { firstDay, lastDay, type MonthKey, monthOfDate, monthPeriod } from './period'
import type { Rules } from './rules'

export interface Vacancy {
  readonly court: string
  /** 工号 of the operator who left. */
  readonly id: string
  readonly leaveDate: LocalDate
  /** The last day by which the court should have sent a replacement. */
  readonly due: LocalDate
  readonly reason: string
}

/** A dispatched leaver and the newcomer from the same court who took the place (null: nobody yet). */
interface Succession {
  readonly court: string
  readonly leaver: Operator
  readonly leaveDate: LocalDate
  readonly successor: Operator | null
}

function courtOf(o: Operator): string {
  return (o.homeCourt ?? '').trim()
}

/**
 * Dispatched operators who left by `asOf`, oldest leave first, each with the earliest newcomer from the
 * same court who started on or after (leave − dispatch.vacancyDays) and by `asOf` and was not already
 * taken by an earlier leaver.
 */
function successions(operators: readonly Operator[], asOf: LocalDate, rules: Rules): Succession[] {
  const days = Number(rules['dispatch.vacancyDays'].valueOf())
  const leavers = operators
    .filter((o) => courtOf(o) !== '' && o.leaveDate !== null && o.leaveDate <= asOf)
    .sort((a, b) => ((a.leaveDate ?? '') < (b.leaveDate ?? '') ? -1 : 1))
  const used = new Set<string>()
  return leavers.map((leaver) => {
    const court = courtOf(leaver)
    const leaveDate = leaver.leaveDate ?? asOf
    const successor =
      operators
        .filter(
          (o) =>
            o.id !== leaver.id &&
            !used.has(o.id) &&
            courtOf(o) === court &&
            o.startDate >= addDays(leaveDate, -days) &&
            o.startDate <= asOf,
        )
        .sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : 0))[0] ?? null
    if (successor) used.add(successor.id)
    return { court, leaver, leaveDate, successor }
  })
}

/** Vacancies on `asOf`: open ones (due or overdue) and those filled late, oldest first. */
export function dispatchVacancies(operators: readonly Operator[], asOf: LocalDate, rules: Rules): Vacancy[] {
  const days = Number(rules['dispatch.vacancyDays'].valueOf())
  const vacancies: Vacancy[] = []
  for (const { court, leaver, leaveDate, successor } of successions(operators, asOf, rules)) {
    const due = addDays(leaveDate, days)
    if (successor && successor.startDate <= due) continue
    const who = `${court}派驻话务员${leaver.name}（${leaver.id}）于${leaveDate}离岗`
    const rule = `（第三条：出现缺位时应于${days}日内重新派驻）`
    const state = successor
      ? `，至${due}未重新派驻，${successor.name}（${successor.id}）于${successor.startDate}到岗`
      : asOf <= due
        ? `，应于${due}前重新派驻`
        : `，已超过${due}仍未重新派驻`
    vacancies.push({ court, id: leaver.id, leaveDate, due, reason: `${who}${state}${rule}` })
  }
  return vacancies
}

/**
 * 第三条 "除因存在考核不达标等不适宜继续派驻的情形外": 备注 words that give such a reason — an assessment
 * failure, or a dismissal or replacement the 市中院 required under 第十六条 (辞退或要求更换).
 */
const ASSESSMENT_REASONS = ['考核不达标', '不适宜继续派驻', '辞退', '要求更换', '第十六条'] as const

/** Whether a leaver's 备注 gives an assessment reason for the replacement (第三条). */
function hasAssessmentReason(note: string): boolean {
  return ASSESSMENT_REASONS.some((word) => note.includes(word))
}

/**
 * The day the minimum term ends: the start plus dispatch.minTermMonths (12) calendar months, clamped to
 * the month's end (2024-02-29 → 2025-02-28). A leave *before* this day is "一年内": from 2025-06-01, a
 * leave on 2026-05-31 (day 364) is within, 2026-06-01 (day 365) is not; in a span over 29 February the
 * anniversary is day 366.
 */
export function termEnd(startDate: LocalDate, rules: Rules): LocalDate {
  return addMonths(startDate, Number(rules['dispatch.minTermMonths'].valueOf()))
}

export interface EarlyReplacement {
  readonly court: string
  /** 工号 of the operator who left. */
  readonly id: string
  readonly startDate: LocalDate
  readonly leaveDate: LocalDate
  readonly termEnd: LocalDate
  readonly successorId: string
  readonly successorStart: LocalDate
  /** The later of the leave and the successor's start: the day the replacement is complete. */
  readonly replacedOn: LocalDate
  readonly reason: string
}

/**
 * 第三条 "各基层法院派驻市中院话务员原则上一年内不得更换": on `asOf`, every dispatched leaver whose 离岗日期 is
 * before `termEnd` of the 入职或派驻日期 and whom the same court has replaced (see `successions`), unless
 * the leaver's 备注 gives an assessment reason (`hasAssessmentReason`). A newcomer from another court
 * replaces nobody. Oldest leave first.
 */
export function earlyReplacements(
  operators: readonly Operator[],
  asOf: LocalDate,
  rules: Rules,
): EarlyReplacement[] {
  const months = Number(rules['dispatch.minTermMonths'].valueOf())
  const out: EarlyReplacement[] = []
  for (const { court, leaver, leaveDate, successor } of successions(operators, asOf, rules)) {
    const end = termEnd(leaver.startDate, rules)
    if (!successor || leaveDate >= end || hasAssessmentReason(leaver.note)) continue
    const replacedOn = maxDate(leaveDate, successor.startDate)
    const term = months % 12 === 0 ? `${months / 12}年` : `${months}个月`
    const reason =
      `${court}派驻话务员${person(leaver)}于${leaver.startDate}派驻、${leaveDate}离岗` +
      `（未满${term}，${end}方满${term}），` +
      `${person(successor)}于${successor.startDate}到岗接替；备注未载明考核不达标等不适宜继续派驻的情形` +
      `（第三条：除因存在考核不达标等不适宜继续派驻的情形外，派驻话务员原则上${term}内不得更换）`
    out.push({
      court,
      id: leaver.id,
      startDate: leaver.startDate,
      leaveDate,
      termEnd: end,
      successorId: successor.id,
      successorStart: successor.startDate,
      replacedOn,
      reason,
    })
  }
  return out
}

function person(o: Operator): string {
  return `${o.name}（${o.id}）`
}

/**
 * 第三条（各基层法院派驻市中院话务员出现缺位时，应于2周内重新派驻）: the vacancies the close of month M lists —
 * those whose leave or due date falls in M, and those still unfilled at M's end (no newcomer from the court
 * since the leave), so an open vacancy is repeated each month.
 */
export function vacanciesListedIn(operators: readonly Operator[], month: MonthKey, rules: Rules) {
  const p = monthPeriod(month)
  const start = firstDay(p)
  const end = lastDay(p)
  return dispatchVacancies(operators, end, rules).filter((v) => {
    if ((v.leaveDate >= start && v.leaveDate <= end) || (v.due >= start && v.due <= end)) return true
    return !operators.some((o) => o.id !== v.id && courtOf(o) === v.court && o.startDate > v.leaveDate)
  })
}

/**
 * 第三条（原则上一年内不得更换）: the replacements within the minimum term the close of month M lists — those
 * complete in M, the month of the later of the leave and the successor's start, so the close that first can
 * see both lists it, once. Read from 人员 alone, so a repeated close of M lists the same rows and no other
 * month repeats them.
 */
export function replacementsListedIn(operators: readonly Operator[], month: MonthKey, rules: Rules) {
  const end = lastDay(monthPeriod(month))
  return earlyReplacements(operators, end, rules).filter((r) => monthOfDate(r.replacedOn) === month)
}
