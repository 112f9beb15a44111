/**
 * The workflows behind the menu `12368考核` (SPEC §11) and the command line (§12), written once against
 * the Workbook interface. Each reads every sheet it needs in one batch, computes in memory and returns an
 * Outcome: a WritePlan writing each sheet once, or the problems (sheet, A1 cell, Chinese reason) that
 * stopped it, with nothing written. A host runs `const o = closePeriod(book, p); if (o.ok) book.apply(o.plan)`.
 */
import { formatPeriod, type Period, periodLabel } from '../core/period'
import type { Problem } from '../core/problems'
import { RULE_DEFS } from '../core/rules'
import { analyseMonth } from './close/month-close'
import { analyseQuarter } from './close/quarter-close'
import { analyseYear } from './close/year-close'
import { type SidebarInsights, sidebarInsights } from './insights'
import {
  ADMIN_EDITORS_KEY,
  ADMIN_EDITORS_LABEL,
  FIXED_LAYOUTS,
  monthLayout,
  quarterLayout,
  RULES_LAYOUT,
  SHEET,
  yearLayout,
} from './layouts'
import { lateCorrection } from './objections'
import { done, type Outcome, refuse } from './outcome'
import { table } from './read'
import { isClosed, REOPEN_ACTION } from './state'
import { SUMMARY_PROTECT } from './summary'
import type { Cell, SheetLayout, SheetWrite, Workbook } from './types'

export { importHolidayNotice } from './holiday-import'
export { importAttendanceExport, importPlatformExport } from './import'
export { refreshLedger } from './leave-ledger'
export type { Outcome } from './outcome'
export { prepareMonth } from './prepare'
export { publishMonth, publishPeriod, publishYear } from './publish'

/** What a rule's 取值 may be, for its 说明 (never its default: the value in force is in 取值). */
function valueHint(d: (typeof RULE_DEFS)[number]): string {
  const def: { min?: number; max?: number; integer?: boolean } = d
  const kind = def.integer ? '整数' : '数值'
  if (def.min !== undefined && def.max !== undefined) return `${kind}，${def.min}至${def.max}`
  if (def.min !== undefined) return `${kind}，不小于${def.min}`
  return kind
}

/**
 * The 规则 rows written by setup (SPEC §9): 参数 is the Chinese name a clerk reads, 键 (last column) the code
 * key; either identifies the rule when reading. Every rule with its default, plus the admin editors row.
 */
export function defaultRuleRows(): Cell[][] {
  return [
    ...RULE_DEFS.map((d): Cell[] => [
      d.label,
      Number(d.value),
      '',
      `取值为${valueHint(d)}`,
      d.article,
      d.key,
    ]),
    [
      ADMIN_EDITORS_LABEL,
      '',
      '',
      '可编辑已结算表的管理员邮箱（多个用逗号分隔）；留空表示仅表格所有者',
      '第二条',
      ADMIN_EDITORS_KEY,
    ],
  ]
}

/** 初始化考核表: every fixed sheet with headers and validation; 规则 filled only when new or empty. Idempotent. */
export function setupWorkbook(book: Workbook): Outcome {
  const grids = book.read([SHEET.rules])
  const rules = table(SHEET.rules, grids.get(SHEET.rules))
  const existing = new Set(book.sheetNames())
  const writes: SheetWrite[] = FIXED_LAYOUTS.map((layout): SheetWrite => {
    if (layout.name === SHEET.rules && rules.rows.length === 0)
      return { sheet: layout.name, layout: RULES_LAYOUT, mode: 'replace', rows: defaultRuleRows() }
    // 月度结果汇总 is written by the closes only: protected (with a warning) from its creation.
    if (layout.name === SHEET.summary && !existing.has(layout.name))
      return {
        sheet: layout.name,
        layout,
        mode: 'header',
        protect: SUMMARY_PROTECT,
      }
    return { sheet: layout.name, layout, mode: 'header' }
  })
  const created = FIXED_LAYOUTS.filter((l) => !existing.has(l.name)).map((l) => l.name)
  return done({
    writes,
    message:
      created.length > 0
        ? `已初始化考核表，新建：${created.join('、')}；已有数据未改动`
        : '考核表已初始化，表头和校验规则已核对，已有数据未改动',
  })
}

/** 校验数据: the problems a close of the period would stop on (empty = ready to close). */
export function validatePeriod(book: Workbook, period: Period): readonly Problem[] {
  switch (period.kind) {
    case 'month':
      return analyseMonth(book, period).problems
    case 'quarter':
      return analyseQuarter(book, period).problems
    case 'year':
      return analyseYear(book, period).problems
  }
}

/** 月度结算 / 季度结算 / 年度结算. */
export function closePeriod(book: Workbook, period: Period): Outcome {
  switch (period.kind) {
    case 'month':
      return analyseMonth(book, period).run()
    case 'quarter':
      return analyseQuarter(book, period).run()
    case 'year':
      return analyseYear(book, period).run()
  }
}

/** The result sheet of a period and its layout. */
export function periodLayout(period: Period): SheetLayout {
  switch (period.kind) {
    case 'month':
      return monthLayout(formatPeriod(period))
    case 'quarter':
      return quarterLayout(period)
    case 'year':
      return yearLayout(period.year)
  }
}

export interface ReopenOptions {
  /** The 异议 row of a late 更正 the month is reopened for (logged with the reopening). */
  readonly objectionRow?: number
}

/**
 * 重新开放 (audited): removes the protection and logs it; results stay until the next close rewrites them.
 * Reopening a month to apply a late 更正 (第八条) names the objection's row: it must be an objection to that
 * month settled as 更正, and the 日志 entry quotes it.
 */
export function reopenPeriod(book: Workbook, period: Period, options: ReopenOptions = {}): Outcome {
  const row = options.objectionRow
  const grids = book.read(row === undefined ? [SHEET.log] : [SHEET.log, SHEET.objections, SHEET.roster])
  const log = table(SHEET.log, grids.get(SHEET.log))
  const label = periodLabel(period)
  const layout = periodLayout(period)
  if (!isClosed(log, period)) {
    return refuse([
      { sheet: layout.name, cell: 'A1', message: `${label}尚未结算（或已重新开放），无需重新开放` },
    ])
  }
  const because = row === undefined ? { ok: true as const, text: '' } : lateCorrection(grids, period, row)
  if (!because.ok) return refuse([because.problem])
  return done({
    writes: [{ sheet: layout.name, layout, mode: 'header', protect: false }],
    log: {
      action: REOPEN_ACTION,
      period: formatPeriod(period),
      outcome: `已解除保护，结果保留至再次结算${because.text ? `；${because.text}` : ''}`,
      digest: '',
    },
    message: `${label}已重新开放：“${layout.name}”已解除保护${because.text ? `（${because.text}）` : ''}，修改后请再次结算`,
  })
}

/** 预警一览 (sidebar): open 预警 rows, 补休 expiring within 14 days, this month's deadlines. */
export function alerts(book: Workbook, asOf?: string): SidebarInsights {
  return sidebarInsights(book, asOf ? { asOf } : {})
}
