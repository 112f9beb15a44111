import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { exact } from '../../src/core/decimal'
import { defaultRules } from '../../src/core/rules'
import { proposeTiers, tierQuota } from '../../src/core/tiers'

const rules = defaultRules()
const entries = (scores: number[]) => scores.map((s, i) => ({ id: `op${i + 1}`, score: exact(s) }))
const tiersOf = (scores: number[]) => {
  const result = proposeTiers(entries(scores), rules)
  return scores.map((_, i) => result.get(`op${i + 1}`)?.tier)
}

describe('第十三条 proposed tiers', () => {
  it('第十三条 10 operators: 2 优秀, 3 良好, 5 称职', () => {
    expect(tiersOf([100, 99, 98, 97, 96, 95, 94, 93, 92, 91])).toEqual([
      '优秀',
      '优秀',
      '良好',
      '良好',
      '良好',
      '称职',
      '称职',
      '称职',
      '称职',
      '称职',
    ])
  })

  it('第十三条 a tie straddling the 优秀 quota goes whole to 良好, pending, and closes 优秀', () => {
    // N = 10: 优秀 ≤ 2, 良好 ≤ 3. Ranks 2 and 3 tie.
    const result = proposeTiers(entries([100, 99, 99, 98, 97, 96, 95, 94, 93, 92]), rules)
    expect(result.get('op1')).toMatchObject({ tier: '优秀', pending: false })
    expect(result.get('op2')).toMatchObject({ tier: '良好', pending: true })
    expect(result.get('op3')?.reason).toBe('第2名并列（2人），超出“优秀”名额2人，整体顺延为“良好”，并列待定')
    expect(result.get('op4')).toMatchObject({ tier: '良好', pending: false })
    expect(result.get('op5')?.tier).toBe('称职')
  })

  it('第十三条 a tie that also passes the 良好 quota goes on to 称职', () => {
    // N = 10: 优秀 ≤ 2, 良好 ≤ 3; op1 优秀, then four tied.
    const result = proposeTiers(entries([100, 99, 99, 99, 99, 90, 90, 80, 70, 60]), rules)
    expect(result.get('op1')?.tier).toBe('优秀')
    expect(result.get('op2')).toMatchObject({ tier: '称职', pending: true })
    expect(result.get('op2')?.reason).toContain('超出“优秀”名额2人、超出“良好”名额3人')
    expect(result.get('op6')?.tier).toBe('称职')
  })

  it('第十三条 a tie starting right after a full tier is not pending', () => {
    const result = proposeTiers(entries([100, 99, 98, 98, 97, 96, 95, 94, 93, 92]), rules)
    expect(result.get('op3')).toMatchObject({ tier: '良好', pending: false })
    expect(result.get('op4')).toMatchObject({ tier: '良好', pending: false })
  })

  it('第十三条 fewer than 5 operators: no 优秀 by quota', () => {
    expect(tiersOf([90, 80, 70, 60])).toEqual(['良好', '称职', '称职', '称职'])
  })

  it('第十三条 quotas are rule parameters', () => {
    const r = { ...rules, 'tier.excellentShare': exact(0.5), 'tier.goodShare': exact(0) }
    const result = proposeTiers(entries([4, 3, 2, 1]), r)
    expect([...result.values()].map((p) => p.tier)).toEqual(['优秀', '优秀', '称职', '称职'])
    expect(tierQuota(7, exact(0.3))).toBe(2)
  })

  it('第十三条 properties: quotas never exceeded, ties share a tier, only 优秀/良好/称职', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 40 }), (scores) => {
        const list = entries(scores)
        const result = proposeTiers(list, rules)
        const n = list.length
        const count = (t: string) => [...result.values()].filter((p) => p.tier === t).length
        expect(count('优秀')).toBeLessThanOrEqual(Math.floor(n * 0.2))
        expect(count('良好')).toBeLessThanOrEqual(Math.floor(n * 0.3))
        expect(count('优秀') + count('良好') + count('称职')).toBe(n)
        for (const a of list)
          for (const b of list)
            if (a.score.equals(b.score)) expect(result.get(a.id)?.tier).toBe(result.get(b.id)?.tier)
        // Monotone: a higher score never gets a lower tier.
        const order = ['优秀', '良好', '称职']
        for (const a of list)
          for (const b of list)
            if (a.score.compare(b.score) > 0)
              expect(order.indexOf(result.get(a.id)?.tier ?? '')).toBeLessThanOrEqual(
                order.indexOf(result.get(b.id)?.tier ?? ''),
              )
      }),
    )
  })
})
