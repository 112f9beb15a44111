import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { exact } from '../../src/core/decimal'
import { bottomGroup, monthStars, rankScores, type Scored, serviceStars } from '../../src/core/ranking'

const scored = (pairs: [string, number | string][]): Scored[] =>
  pairs.map(([id, s]) => ({ id, score: exact(s) }))

describe('ranking among the eligible', () => {
  it('第十一条 competition ranking 1, 2, 2, 4 on exact values', () => {
    const ranks = rankScores(
      scored([
        ['a', 80],
        ['b', 90],
        ['c', 80],
        ['d', 70],
      ]),
    )
    expect(Object.fromEntries(ranks)).toEqual({ b: 1, a: 2, c: 2, d: 4 })
  })

  it('第十一条 exact values decide: 80.05 ranks above 80.04999', () => {
    const ranks = rankScores(
      scored([
        ['a', '80.04999'],
        ['b', '80.05'],
      ]),
    )
    expect(ranks.get('b')).toBe(1)
    expect(ranks.get('a')).toBe(2)
  })

  it('第十一条 每月之星 are ranks 1–3 with ties included', () => {
    const stars = monthStars(
      scored([
        ['a', 95],
        ['b', 90],
        ['c', 88],
        ['d', 88],
        ['e', 70],
      ]),
    )
    expect([...stars].sort()).toEqual(['a', 'b', 'c', 'd'])
  })

  it('第十一条 a tie for 2nd pushes the next one to rank 4: no star', () => {
    const stars = monthStars(
      scored([
        ['a', 95],
        ['b', 90],
        ['c', 90],
        ['d', 88],
      ]),
    )
    expect([...stars].sort()).toEqual(['a', 'b', 'c'])
  })

  it('第十一条 star count is a parameter', () => {
    expect([
      ...monthStars(
        scored([
          ['a', 3],
          ['b', 2],
          ['c', 1],
        ]),
        1,
      ),
    ]).toEqual(['a'])
  })

  it('第十五条（一） 倒数前三: fewer than 3 scoring strictly lower, boundary ties in', () => {
    const bottom = bottomGroup(
      scored([
        ['a', 95],
        ['b', 90],
        ['c', 80],
        ['d', 80],
        ['e', 70],
        ['f', 60],
      ]),
    )
    expect([...bottom].sort()).toEqual(['c', 'd', 'e', 'f'])
  })

  it('第十五条（一） with fewer than 3 operators everyone is in the bottom three', () => {
    expect(
      bottomGroup(
        scored([
          ['a', 95],
          ['b', 90],
        ]),
      ).size,
    ).toBe(2)
  })

  it('第十二条 服务之星 is rank 1 of the quarter, ties included', () => {
    expect(
      [
        ...serviceStars(
          scored([
            ['a', 90],
            ['b', 90],
            ['c', 80],
          ]),
        ),
      ].sort(),
    ).toEqual(['a', 'b'])
    expect(serviceStars([]).size).toBe(0)
  })

  it('第十一条 property: at least min(3, N) stars; ranks are competition ranks', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 40 }), (scores) => {
        const entries = scores.map((s, i) => ({ id: `op${i}`, score: exact(s) }))
        expect(monthStars(entries).size).toBeGreaterThanOrEqual(Math.min(3, entries.length))
        const ranks = rankScores(entries)
        for (const e of entries) {
          const higher = entries.filter((o) => o.score.compare(e.score) > 0).length
          expect(ranks.get(e.id)).toBe(higher + 1)
        }
        expect(bottomGroup(entries).size).toBeGreaterThanOrEqual(Math.min(3, entries.length))
      }),
    )
  })
})
