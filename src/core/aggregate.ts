/**
 * 第九条 (quarter = mean of the quarter's month scores) and 第十条 (year = 90% of the mean of the year's
 * month scores + the annual leader rating; leader-rating bands). Kept exact; shown with two decimals.
 */
import { type Exact, mean } from './decimal'
import type { Rules } from './rules'

/** 第九条: the mean of the month totals that exist; null when there are none. */
export function quarterScore(monthTotals: readonly Exact[]): Exact | null {
  return monthTotals.length === 0 ? null : mean(monthTotals)
}

/** 第十条: average of the month totals, base = 0.9 × average, total = base + leader rating; null if no months. */
export function yearScore(
  monthTotals: readonly Exact[],
  leaderRating: Exact,
  rules: Rules,
): { average: Exact; base: Exact; total: Exact } | null {
  if (monthTotals.length === 0) return null
  const average = mean(monthTotals)
  const base = average.mul(rules['year.baseShare'])
  return { average, base, total: base.add(leaderRating) }
}

export const LEADER_BANDS = ['优秀', '称职', '基本称职', '不称职'] as const
export type LeaderBand = (typeof LEADER_BANDS)[number]

/** 第十条: < 5 不称职; 5 ≤ r < 7 基本称职; 7 ≤ r < 9 称职; 9 ≤ r ≤ 10 优秀. */
export function leaderBand(rating: Exact, rules: Rules): LeaderBand {
  if (rating.compare(rules['band.excellent']) >= 0) return '优秀'
  if (rating.compare(rules['band.competent']) >= 0) return '称职'
  if (rating.compare(rules['band.basic']) >= 0) return '基本称职'
  return '不称职'
}

/**
 * 第十条：年度考核得分为月度考核平均分的90%，加上分管庭领导或其授权的协管领导的评分（10%）. A year score
 * without the leader's rating is not a year score: the year is ranked, and tiers proposed (第十三条), only
 * once every assessed operator has been rated; until then the ranking is empty. Our reading: ranking some
 * while others wait would move everyone's rank at the next close.
 */
export function yearRanking<T extends { readonly id: string; readonly score: Exact }>(
  scored: readonly T[],
  unrated: number,
): readonly T[] {
  return unrated === 0 ? scored : []
}
