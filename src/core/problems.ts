/** Input problems: a bad cell is a value, not a crash. Messages are Chinese and name where to look. */

export interface Problem {
  /** Sheet name, e.g. `2026-05 月度`; empty for a scalar cell-function argument. */
  readonly sheet: string
  /** A1 reference of the cell (or of the row's first cell / the sheet's header), when known. */
  readonly cell: string
  readonly message: string
  /**
   * What kind of problem it is, for workflows that act on it (never match the Chinese message):
   * 'missing-sheet' — the sheet the period needs does not exist; 'unclosed-month' — a month a quarter or
   * year close needs is not closed (or has no sheet); 'not-ended' — the period has not ended yet.
   */
  readonly code?: ProblemCode
}

export type ProblemCode = 'missing-sheet' | 'unclosed-month' | 'not-ended'

/** A Chinese message meant for the user; hosts show `message` as is and never a stack trace. */
export class InputError extends Error {
  override readonly name = 'InputError'
}

/** Column letters for a 1-based column index: 1 → A, 27 → AA. */
export function columnLetter(column: number): string {
  let n = column
  let out = ''
  while (n > 0) {
    const r = (n - 1) % 26
    out = String.fromCharCode(65 + r) + out
    n = Math.floor((n - 1) / 26)
  }
  return out
}

/** A1 reference from 1-based row and column. */
export function a1(row: number, column: number): string {
  return `${columnLetter(column)}${row}`
}

export function formatProblem(p: Problem): string {
  const where = [p.sheet && `“${p.sheet}”`, p.cell].filter(Boolean).join(' ')
  return where ? `${where}：${p.message}` : p.message
}
