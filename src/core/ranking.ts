/**
 * Ranking among the eligible (第十一条 每月之星, 第十二条 服务之星, 第十五条 倒数前三).
 * Callers pass only eligible operators (第十四条, 第十七条); ranking is on exact values, never on rounded text.
 */
import type { Exact } from './decimal'

export interface Scored {
  readonly id: string
  readonly score: Exact
}

/** Competition ranking, highest first: scores 90, 80, 80, 70 rank 1, 2, 2, 4. */
export function rankScores(entries: readonly Scored[]): Map<string, number> {
  const sorted = [...entries].sort((a, b) => b.score.compare(a.score))
  const ranks = new Map<string, number>()
  let previous: Exact | null = null
  let rank = 0
  sorted.forEach((entry, index) => {
    if (previous === null || entry.score.compare(previous) !== 0) rank = index + 1
    previous = entry.score
    ranks.set(entry.id, rank)
  })
  return ranks
}

/** 第十一条: 每月之星 are the operators ranked `count` (default 3) or better, ties included. */
export function monthStars(entries: readonly Scored[], count = 3): Set<string> {
  const stars = new Set<string>()
  for (const [id, rank] of rankScores(entries)) if (rank <= count) stars.add(id)
  return stars
}

/**
 * 第十五条（一）、第十六条（一）: 倒数前三 are the operators with fewer than `count` (default 3) eligible
 * operators scoring strictly lower, so ties at the boundary are all in.
 */
export function bottomGroup(entries: readonly Scored[], count = 3): Set<string> {
  const bottom = new Set<string>()
  for (const entry of entries) {
    const lower = entries.filter((other) => other.score.compare(entry.score) < 0).length
    if (lower < count) bottom.add(entry.id)
  }
  return bottom
}

/** 第十二条: 服务之星 is the quarter's first place, ties included. */
export function serviceStars(entries: readonly Scored[]): Set<string> {
  return monthStars(entries, 1)
}
