/**
 * 第十三条: quarter and year tiers "参照公务员考核定档比例". Going down the ranking the tool proposes 优秀 for
 * at most floor(N × tier.excellentShare) operators, then 良好 for at most floor(N × tier.goodShare), the
 * rest 称职. A tied group that would pass a tier's quota goes whole to the next tier, is marked 并列待定
 * for the division leader, and closes the tier above (nobody ranked lower gets it). 基本称职 and 不称职 are
 * never proposed: the leader sets them.
 */
import { groupBy } from './collections'
import type { Exact } from './decimal'
import type { Tier } from './model'
import { rankScores, type Scored } from './ranking'
import type { Rules } from './rules'

export interface TierProposal {
  readonly tier: Tier
  /** 并列待定: the tied group was moved down whole and the leader should decide. */
  readonly pending: boolean
  readonly reason: string
}

const PROPOSED: readonly Tier[] = ['优秀', '良好', '称职']

/** 建议档次 as sheets and TIER() show it: `良好`, or `良好（并列待定）` for a tied group moved down (第十三条). */
export function tierText(t: Pick<TierProposal, 'tier' | 'pending'>): string {
  return t.pending ? `${t.tier}（并列待定）` : t.tier
}

/** floor(n × share), exact. */
export function tierQuota(n: number, share: Exact): number {
  return Number(share.mul(n).floor().valueOf())
}

export function proposeTiers(entries: readonly Scored[], rules: Rules): Map<string, TierProposal> {
  const n = entries.length
  const quotas = [tierQuota(n, rules['tier.excellentShare']), tierQuota(n, rules['tier.goodShare'])]
  const ranks = rankScores(entries)
  // Groups of tied operators in ranking order.
  const groups = groupBy(ranks.keys(), (id) => ranks.get(id) ?? 0)
  const ordered = [...groups.entries()].sort((a, b) => a[0] - b[0])

  const result = new Map<string, TierProposal>()
  let level = 0 // index into PROPOSED
  let used = 0 // places taken in the current tier
  for (const [rank, ids] of ordered) {
    const size = ids.length
    const notes: string[] = []
    let pending = false
    while (level < 2) {
      const quota = quotas[level] ?? 0
      const room = quota - used
      if (size <= room) break
      if (room > 0) {
        // A tie straddles the quota: move the whole group down and close this tier.
        pending = true
        notes.push(`超出“${PROPOSED[level]}”名额${quota}人`)
      }
      level += 1
      used = 0
    }
    const tier = PROPOSED[level] ?? '称职'
    used += size
    const place = size > 1 ? `第${rank}名并列（${size}人）` : `第${rank}名`
    const reason = pending
      ? `${place}，${notes.join('、')}，整体顺延为“${tier}”，并列待定`
      : `${place}，${withinText(tier, level, quotas, n)}`
    for (const id of ids) result.set(id, { tier, pending, reason })
  }
  return result
}

function withinText(tier: Tier, level: number, quotas: readonly number[], n: number): string {
  if (level < 2) return `在“${tier}”名额（${n}人中至多${quotas[level] ?? 0}人）之内`
  return `排在“优秀”“良好”名额（${n}人中分别至多${quotas[0] ?? 0}人、${quotas[1] ?? 0}人）之后，为“称职”`
}
