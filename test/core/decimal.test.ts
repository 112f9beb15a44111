import { describe, expect, it } from 'vitest'
import { exact, roundTenths, toFixed } from '../../src/core/decimal'

describe('第七条 得分精确到小数点后一位数 (四舍五入, half away from zero)', () => {
  it.each([
    [35.05, '35.1'],
    [-0.05, '-0.1'],
    [-35.05, '-35.1'],
    [9.65, '9.7'],
    [-0.04, '0.0'],
    [0.04999, '0.0'],
    [1e-7, '0.0'],
  ])('%d → %s', (value, expected) => {
    expect(toFixed(roundTenths(exact(value)))).toBe(expected)
  })

  it('reads a cell number as the decimal typed: 96.5% arrives as 0.965', () => {
    expect(exact(0.965).mul(10).toString()).toBe('9.65')
  })
})
