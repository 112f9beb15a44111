/**
 * SPEC §16: every sheet prints sensibly on A4 — month, quarter, year and 公示 sheets landscape, fit to one
 * page wide, the header row repeated and 工号/姓名 on every page; other sheets fit to width, landscape when
 * they are wide. One reading of the layout for both hosts.
 */
import type { PrintSetup, SheetLayout } from './types'

/** Total width of a layout in characters (as hosts size columns: a CJK header counts two a character). */
function layoutWidth(layout: SheetLayout): number {
  let w = 0
  for (const c of layout.columns) {
    let header = 0
    for (const ch of c.header) header += /[\u2e80-\uffff]/.test(ch) ? 2 : 1
    w += Math.max(c.width ?? 0, header + 3, 8)
  }
  return w
}

/** Wider than this many characters, a sheet prints landscape (an A4 portrait page holds about 95). */
const PORTRAIT_MAX_WIDTH = 95

export function printSetupOf(layout: SheetLayout): PrintSetup {
  return {
    orientation: layoutWidth(layout) > PORTRAIT_MAX_WIDTH ? 'landscape' : 'portrait',
    fitToWidth: true,
    repeatRows: 1,
    repeatColumns: layout.frozenColumns ?? 0,
    ...layout.print,
  }
}
