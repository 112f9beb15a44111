/**
 * Rule parameters: every number the 办法 fixes, or that this tool had to choose, as data with a default,
 * a Chinese label and the article it comes from. The `规则` sheet overrides them, optionally from a date
 * (生效日期): a period is computed with the values in force on its first day, so closed periods keep theirs.
 */

import type { LocalDate } from './dates'
import { type Exact, exact } from './decimal'

export interface RuleDef {
  readonly key: string
  readonly value: string
  readonly label: string
  readonly article: string
  /** Inclusive bounds a court may set; outside them the override is an input problem. */
  readonly min?: number
  readonly max?: number
  readonly integer?: boolean
}

export const RULE_DEFS = [
  { key: 'workload.baseCalls', value: '75', label: '日均接听基准（通）', article: '第七条（一）', min: 0 },
  { key: 'workload.basePoints', value: '35', label: '达到基准的工作量得分', article: '第七条（一）', min: 0 },
  {
    key: 'workload.pointsPerCall',
    value: '1',
    label: '日均每多/少1通加/减分',
    article: '第七条（一）',
    min: 0,
  },
  {
    key: 'workload.textsPerCall',
    value: '3',
    label: '文字咨询折算1通电话的条数',
    article: '第七条（一）',
    min: 1,
  },
  {
    key: 'workload.leaderFactor',
    value: '1.3',
    label: '带班班长工作量系数',
    article: '第七条（一）',
    min: 1,
  },
  {
    key: 'attendance.base',
    value: '8',
    label: '考勤基础分（全勤再加分后满10分）',
    article: '第七条（二）',
    min: 0,
  },
  { key: 'attendance.fullBonus', value: '2', label: '全勤加分', article: '第七条（二）', min: 0 },
  { key: 'attendance.latePoints', value: '1', label: '迟到、早退每次扣分', article: '第七条（二）', min: 0 },
  {
    key: 'attendance.absentHalfDayPoints',
    value: '2',
    label: '旷工或擅自脱岗每半天扣分',
    article: '第七条（二）',
    min: 0,
  },
  {
    key: 'attendance.noonDutyPoints',
    value: '1',
    label: '中午值班未提前下班未补休每次加分',
    article: '第七条（二）',
    min: 0,
  },
  { key: 'satisfaction.full', value: '10', label: '满意率100%得分', article: '第七条（四）', min: 0 },
  {
    key: 'satisfaction.pointsPerPercent',
    value: '0.1',
    label: '满意率每低1%减分',
    article: '第七条（四）',
    min: 0,
  },
  { key: 'complaint.min', value: '3', label: '有效投诉每次最少扣分', article: '第七条（四）', min: 0 },
  { key: 'complaint.max', value: '5', label: '有效投诉每次最多扣分', article: '第七条（四）', min: 0 },
  { key: 'praise.points', value: '2', label: '表扬每次加分', article: '第七条（四）', min: 0 },
  { key: 'qc.base', value: '10', label: '质检基础分', article: '第七条（五）', min: 0 },
  { key: 'qc.min', value: '1', label: '质量问题每次最少扣分', article: '第七条（五）', min: 0 },
  { key: 'qc.max', value: '3', label: '质量问题每次最多扣分', article: '第七条（五）', min: 0 },
  { key: 'leader.max', value: '10', label: '领导评价满分', article: '第七条（三）、第十条', min: 0 },
  {
    key: 'year.baseShare',
    value: '0.9',
    label: '年度基础得分占月度平均分比例',
    article: '第十条',
    min: 0,
    max: 1,
  },
  { key: 'band.basic', value: '5', label: '领导评价“基本称职”下限', article: '第十条', min: 0 },
  { key: 'band.competent', value: '7', label: '领导评价“称职”下限', article: '第十条', min: 0 },
  { key: 'band.excellent', value: '9', label: '领导评价“优秀”下限', article: '第十条', min: 0 },
  {
    key: 'stars.count',
    value: '3',
    label: '每月之星名额（并列同获）',
    article: '第十一条',
    min: 1,
    integer: true,
  },
  { key: 'leave.starDays', value: '1', label: '每月之星奖励补休天数', article: '第十一条', min: 0 },
  {
    key: 'leave.starMonths',
    value: '3',
    label: '补休须在考核月后几个月内休完',
    article: '第十一条',
    min: 0,
    integer: true,
  },
  {
    key: 'tier.excellentShare',
    value: '0.2',
    label: '“优秀”档次比例上限',
    article: '第十三条',
    min: 0,
    max: 1,
  },
  { key: 'tier.goodShare', value: '0.3', label: '“良好”档次比例上限', article: '第十三条', min: 0, max: 1 },
  {
    key: 'eligibility.monthMonths',
    value: '2',
    label: '参加月度考核须入职或派驻满（月）',
    article: '第十四条',
    min: 0,
    integer: true,
  },
  {
    key: 'eligibility.quarterMonths',
    value: '3',
    label: '参加季度考核须入职或派驻满（月）',
    article: '第十四条',
    min: 0,
    integer: true,
  },
  {
    key: 'eligibility.yearMonths',
    value: '6',
    label: '参加年度考核须入职或派驻满（月）',
    article: '第十四条',
    min: 0,
    integer: true,
  },
  {
    key: 'bottom.count',
    value: '3',
    label: '倒数名次范围（倒数前几名）',
    article: '第十五条、第十六条',
    min: 1,
    integer: true,
  },
  {
    key: 'sanction.windowMonths',
    value: '6',
    label: '“近6个月内”窗口（月，含本月）',
    article: '第十五条、第十六条',
    min: 1,
    integer: true,
  },
  {
    key: 'sanction.yearWindowMonths',
    value: '12',
    label: '“1年内”窗口（月，含本月）',
    article: '第十六条',
    min: 1,
    integer: true,
  },
  {
    key: 'reminder.rankConsecutive',
    value: '2',
    label: '谈话提醒：连续倒数前三的月数',
    article: '第十五条（一）',
    min: 1,
    integer: true,
  },
  {
    key: 'reminder.rankInWindow',
    value: '3',
    label: '谈话提醒：近6个月倒数前三次数',
    article: '第十五条（一）',
    min: 1,
    integer: true,
  },
  {
    key: 'reminder.complaints',
    value: '3',
    label: '谈话提醒：6个月内有效投诉次数',
    article: '第十五条（二）',
    min: 1,
    integer: true,
  },
  {
    key: 'reminder.majorComplaints',
    value: '1',
    label: '谈话提醒：当月重大投诉次数',
    article: '第十五条（二）',
    min: 1,
    integer: true,
  },
  {
    key: 'reminder.quality',
    value: '3',
    label: '谈话提醒：6个月内业务质量问题次数',
    article: '第十五条（三）',
    min: 1,
    integer: true,
  },
  {
    key: 'reminder.majorQuality',
    value: '1',
    label: '谈话提醒：当月重大业务质量问题次数',
    article: '第十五条（三）',
    min: 1,
    integer: true,
  },
  {
    key: 'reminder.lateOrEarly',
    value: '4',
    label: '谈话提醒：1个月内迟到早退次数',
    article: '第十五条（四）',
    min: 1,
    integer: true,
  },
  {
    key: 'reminder.absentHalfDays',
    value: '2',
    label: '谈话提醒：1个月内旷工半天数（2 = 1天）',
    article: '第十五条（四）',
    min: 1,
    integer: true,
  },
  {
    key: 'dismissal.rankConsecutive',
    value: '3',
    label: '辞退或更换：连续倒数前三的月数',
    article: '第十六条（一）',
    min: 1,
    integer: true,
  },
  {
    key: 'dismissal.rankInWindow',
    value: '4',
    label: '辞退或更换：近6个月倒数前三次数',
    article: '第十六条（一）',
    min: 1,
    integer: true,
  },
  {
    key: 'dismissal.majorComplaints',
    value: '2',
    label: '辞退或更换：1年内重大投诉次数',
    article: '第十六条（二）',
    min: 1,
    integer: true,
  },
  {
    key: 'dismissal.complaints',
    value: '4',
    label: '辞退或更换：6个月内有效投诉次数',
    article: '第十六条（二）',
    min: 1,
    integer: true,
  },
  {
    key: 'dismissal.majorQuality',
    value: '2',
    label: '辞退或更换：1年内重大业务质量问题次数',
    article: '第十六条（三）',
    min: 1,
    integer: true,
  },
  {
    key: 'dismissal.quality',
    value: '4',
    label: '辞退或更换：6个月内业务质量问题次数',
    article: '第十六条（三）',
    min: 1,
    integer: true,
  },
  {
    key: 'dismissal.lateOrEarly',
    value: '6',
    label: '辞退或更换：1个月内迟到早退次数',
    article: '第十六条（四）',
    min: 1,
    integer: true,
  },
  {
    key: 'dismissal.absentHalfDays',
    value: '4',
    label: '辞退或更换：1个月内旷工半天数（4 = 2天）',
    article: '第十六条（四）',
    min: 1,
    integer: true,
  },
  {
    key: 'noon.maxPerDay',
    value: '2',
    label: '中午值班每天最多人数',
    article: '第五条',
    min: 1,
    integer: true,
  },
  {
    key: 'noon.dutiesPerHalfDay',
    value: '2',
    label: '累计几次值班可补休半天',
    article: '第五条',
    min: 1,
    integer: true,
  },
  {
    key: 'deadline.preliminaryDay',
    value: '5',
    label: '初步统计并公示的截止日（次月几日）',
    article: '第八条、第十条',
    min: 1,
    max: 28,
    integer: true,
  },
  {
    key: 'deadline.finalDay',
    value: '10',
    label: '考核得分评定的截止日（次月几日）',
    article: '第八条、第九条、第十条',
    min: 1,
    max: 28,
    integer: true,
  },
  {
    key: 'deadline.rollWorkingDays',
    value: '3',
    label: '截止日遇节假日顺延的工作日数',
    article: '第八条',
    min: 1,
    integer: true,
  },
  {
    key: 'dispatch.vacancyDays',
    value: '14',
    label: '派驻缺位须重新派驻的天数',
    article: '第三条',
    min: 1,
    integer: true,
  },
  {
    key: 'dispatch.minTermMonths',
    value: '12',
    label: '派驻人员原则上不得更换的期限（月）',
    article: '第三条',
    min: 1,
    integer: true,
  },
] as const satisfies readonly RuleDef[]

export type RuleKey = (typeof RULE_DEFS)[number]['key']

/** The rule values in force for one period. */
export type Rules = Readonly<Record<RuleKey, Exact>>

/** One row of the `规则` sheet: a value from a date on (blank date = from the start). */
export interface RuleOverride {
  readonly key: RuleKey
  readonly value: Exact
  readonly from: LocalDate | null
}

const DEF_BY_KEY: ReadonlyMap<string, RuleDef> = new Map(RULE_DEFS.map((d) => [d.key, d]))

export function ruleDef(key: string): RuleDef | undefined {
  return DEF_BY_KEY.get(key)
}

export function isRuleKey(key: string): key is RuleKey {
  return DEF_BY_KEY.has(key)
}

export function defaultRules(): Rules {
  return Object.fromEntries(RULE_DEFS.map((d) => [d.key, exact(d.value)])) as Record<RuleKey, Exact>
}

/**
 * The rules in force on `date`: for each key, the override with the latest 生效日期 on or before the date
 * (a blank date counts as the earliest); the default when none applies.
 */
export function rulesInForce(overrides: readonly RuleOverride[], date: LocalDate): Rules {
  const rules: Record<string, Exact> = { ...defaultRules() }
  const chosen = new Map<string, string>()
  for (const o of overrides) {
    const from = o.from ?? ''
    if (from > date) continue
    const prev = chosen.get(o.key)
    if (prev !== undefined && prev > from) continue
    chosen.set(o.key, from)
    rules[o.key] = o.value
  }
  return rules as Rules
}

/** Checks an override value against the rule's bounds; returns a Chinese message or null. */
export function checkRuleValue(key: RuleKey, value: Exact): string | null {
  const def = DEF_BY_KEY.get(key)
  if (!def) return `未知参数：${key}`
  if (def.integer && value.d !== 1n) return `“${def.label}”应为整数`
  if (def.min !== undefined && value.compare(def.min) < 0) return `“${def.label}”不能小于 ${def.min}`
  if (def.max !== undefined && value.compare(def.max) > 0) return `“${def.label}”不能大于 ${def.max}`
  return null
}
