/**
 * 第三条: "各基层法院派驻市中院话务员出现缺位时，应于2周内重新派驻". A dispatched operator (派驻单位 set) with a
 * 离岗日期 leaves a vacancy unless a newcomer from the same court starts within dispatch.vacancyDays (14)
 * after it. A newcomer who started up to that many days before the leave (a handover) also fills it; each
 * newcomer fills one vacancy. Listed in `预警` with 级别 派驻缺位.
 */
import { addDays, type LocalDate } from './dates'
import type { Operator } from './model'
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

/** Vacancies on `asOf`: open ones (due or overdue) and those filled late, oldest first. */
export function dispatchVacancies(operators: readonly Operator[], asOf: LocalDate, rules: Rules): Vacancy[] {
  const days = Number(rules['dispatch.vacancyDays'].valueOf())
  const leavers = operators
    .filter(
      (o) => o.homeCourt !== null && o.homeCourt.trim() !== '' && o.leaveDate !== null && o.leaveDate <= asOf,
    )
    .sort((a, b) => ((a.leaveDate ?? '') < (b.leaveDate ?? '') ? -1 : 1))
  const used = new Set<string>()
  const vacancies: Vacancy[] = []
  for (const leaver of leavers) {
    const court = (leaver.homeCourt ?? '').trim()
    const leaveDate = leaver.leaveDate ?? asOf
    const due = addDays(leaveDate, days)
    const candidates = operators
      .filter(
        (o) =>
          o.id !== leaver.id &&
          !used.has(o.id) &&
          (o.homeCourt ?? '').trim() === court &&
          o.startDate >= addDays(leaveDate, -days) &&
          o.startDate <= asOf,
      )
      .sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : 0))
    const onTime = candidates.find((o) => o.startDate <= due)
    if (onTime) {
      used.add(onTime.id)
      continue
    }
    const late = candidates[0]
    if (late) used.add(late.id)
    const who = `${court}派驻话务员${leaver.name}（${leaver.id}）于${leaveDate}离岗`
    const rule = `（第三条：出现缺位时应于${days}日内重新派驻）`
    const state = late
      ? `，至${due}未重新派驻，${late.name}（${late.id}）于${late.startDate}到岗`
      : asOf <= due
        ? `，应于${due}前重新派驻`
        : `，已超过${due}仍未重新派驻`
    vacancies.push({ court, id: leaver.id, leaveDate, due, reason: `${who}${state}${rule}` })
  }
  return vacancies
}
