/**
 * Exact arithmetic for scores (第七条: "得分精确到小数点后一位数").
 *
 * Texts count a third of a call and calls are divided by days, so intermediate values are rationals.
 * We compute with fraction.js (BigInt rationals) and round once, to tenths, half away from zero (四舍五入).
 * `Math.round(x * 10) / 10` is wrong here: 35.05 is stored as 35.04999… and would become 35.0.
 */
import Fraction from 'fraction.js'

export type Exact = Fraction

export const ZERO: Exact = new Fraction(0)

/**
 * The exact value of a number as the sheet shows it (SPEC §2): a spreadsheet stores a binary double and
 * shows it to 15 significant digits, and that 15-digit decimal is the value. A cell holding 0.965 (a
 * 96.5% cell) is the decimal 0.965; a formula's 0.9249999999999999 (`=15/200+170/200`) is 0.925, and a
 * month total summed by formula, 130.39999999999998, is 130.4. A typed decimal (at most 15 significant
 * digits) reads back unchanged.
 */
export function exact(value: number | string | bigint | Exact): Exact {
  if (value instanceof Fraction) return value
  if (typeof value === 'bigint') return new Fraction(value)
  if (typeof value === 'number') {
    // Whole numbers (counts, calls, days) skip the decimal text: about 5× faster, same value.
    if (Number.isSafeInteger(value)) return new Fraction(BigInt(value))
    if (!Number.isFinite(value)) throw new RangeError(`不是有限数值：${value}`)
    return new Fraction(plainDecimal(fifteenDigits(value)))
  }
  return new Fraction(value.trim())
}

/** The double nearest to `value`'s 15-significant-digit decimal (what a spreadsheet shows). */
function fifteenDigits(value: number): number {
  return Number(value.toPrecision(15))
}

/** The shortest decimal text of a double, without exponent notation (1e-7 → "0.0000001"). */
function plainDecimal(value: number): string {
  const text = String(value)
  if (!/e/i.test(text)) return text
  const [mantissa = '0', expText = '0'] = text.toLowerCase().split('e')
  const negative = mantissa.startsWith('-')
  const digits = mantissa.replace('-', '')
  const [intPart = '0', fracPart = ''] = digits.split('.')
  const exp = Number(expText)
  const all = intPart + fracPart
  const point = intPart.length + exp
  let out: string
  if (point <= 0) out = `0.${'0'.repeat(-point)}${all}`
  else if (point >= all.length) out = all + '0'.repeat(point - all.length)
  else out = `${all.slice(0, point)}.${all.slice(point)}`
  return (negative ? '-' : '') + out
}

/** Round to `places` decimals, half away from zero (四舍五入): 35.05 → 35.1, −0.05 → −0.1. */
export function roundHalfAwayFromZero(value: Exact, places = 1): Exact {
  const scale = 10n ** BigInt(places)
  const n = value.n * scale // fraction.js keeps n ≥ 0 and the sign in s
  const d = value.d
  const rounded = (2n * n + d) / (2n * d) // floor(n/d + 1/2) for n ≥ 0
  return new Fraction(value.s * rounded, scale)
}

/** Round to tenths, half away from zero. */
export function roundTenths(value: Exact): Exact {
  return roundHalfAwayFromZero(value, 1)
}

/** A rounded exact value as a JavaScript number for a cell (only ever call after rounding). */
export function toCellNumber(value: Exact, places = 1): number {
  return Number(toFixed(value, places))
}

/** Fixed-point text, rounded half away from zero: toFixed(35.05, 1) = "35.1". */
export function toFixed(value: Exact, places = 1): string {
  const r = roundHalfAwayFromZero(value, places)
  const scale = 10n ** BigInt(places)
  const scaled = (r.n * scale) / r.d // exact after rounding
  const intPart = scaled / scale
  const fracPart = scaled % scale
  const sign = r.s < 0n && scaled !== 0n ? '-' : ''
  if (places === 0) return `${sign}${intPart}`
  return `${sign}${intPart}.${fracPart.toString().padStart(places, '0')}`
}

export function sum(values: readonly Exact[]): Exact {
  return values.reduce<Exact>((acc, v) => acc.add(v), ZERO)
}

/** Mean of a non-empty list, exact. */
export function mean(values: readonly Exact[]): Exact {
  if (values.length === 0) throw new RangeError('空列表没有平均值')
  return sum(values).div(values.length)
}

export function compare(a: Exact, b: Exact): number {
  return a.compare(b)
}
