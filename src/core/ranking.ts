/**
 * Ranking among the eligible (第十一条 每月之星, 第十二条 服务之星, 第十五条 倒数前三).
 * Callers pass only eligible operators (第十四条, 第十七条); ranking is on exact values, never on rounded text.
 */
import type { Exact } from './decimal'

export interface Scored {
  readonly id: string
  readonly score: Exact
}

/**
 * a − b as a sign, straight on the BigInt parts (fraction.js keeps n, d ≥ 0 and the sign in s); the same
 * as a.compare(b) without re-parsing its argument, which matters when ranking thousands of operators.
 */
function cmp(a: Exact, b: Exact): number {
  const x = a.s * a.n * b.d
  const y = b.s * b.n * a.d
  return x < y ? -1 : x > y ? 1 : 0
}

/** Competition ranking, highest first: scores 90, 80, 80, 70 rank 1, 2, 2, 4. */
export function rankScores(entries: readonly Scored[]): Map<string, number> {
  const sorted = [...entries].sort((a, b) => cmp(b.score, a.score))
  const ranks = new Map<string, number>()
  let previous: Exact | null = null
  let rank = 0
  sorted.forEach((entry, index) => {
    if (previous === null || cmp(entry.score, previous) !== 0) rank = index + 1
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
  // Sorted lowest first, the number scoring strictly lower than an entry is the index of the first entry
  // with its score: O(n log n) instead of comparing every pair.
  const sorted = [...entries].sort((a, b) => cmp(a.score, b.score))
  const bottom = new Set<string>()
  let lower = 0
  for (let i = 0; i < sorted.length; i++) {
    const entry = sorted[i]
    const before = sorted[i - 1]
    if (!entry) continue
    if (before && cmp(before.score, entry.score) !== 0) lower = i
    if (lower >= count) break
    bottom.add(entry.id)
  }
  return bottom
}

/** 第十二条: 服务之星 is the quarter's first place, ties included. */
export function serviceStars(entries: readonly Scored[]): Set<string> {
  return monthStars(entries, 1)
}
