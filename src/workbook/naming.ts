/**
 * How a host names what a message tells the user to do next. Sheets users act through the menu
 * `12368考核` (SPEC §11); clerks offline type commands (§12). A workbook-layer message asks the workbook's
 * host — `请先${namingOf(book).prepareMonth(month)}` reads 请先用“新建月度录入表”建立 in Sheets and
 * 请先运行 kaohe prepare 考核.xlsx 2026-05 建立 offline — so neither host shows the other's words.
 */
import type { MonthKey, Period } from '../core/period'
import type { Workbook } from './types'

/** Phrases that follow 请先 / 须先 in a message. */
export interface HostNaming {
  /** Create the fixed sheets (初始化考核表). */
  setup(): string
  /** Create a month's input sheet (新建月度录入表). */
  prepareMonth(month: MonthKey): string
  /** Close a month (月度结算). */
  closeMonth(month: MonthKey): string
  /** Reopen a closed period (重新开放). */
  reopen(period: Period): string
  /** Check a period's data (校验数据). */
  validate(period: Period): string
  /** Publish a period's preliminary scores (生成公示表). */
  publish(period: Period): string
  /** Import a month's platform export (导入…). */
  importPlatform(month: MonthKey): string
}

/** The menu items of `12368考核` (SPEC §11). */
export const MENU_NAMING: HostNaming = {
  setup: () => '运行“初始化考核表”',
  prepareMonth: () => '用“新建月度录入表”建立',
  closeMonth: () => '完成月度结算',
  reopen: () => '“重新开放”',
  validate: () => '“校验数据”',
  publish: () => '“生成公示表”',
  importPlatform: () => '用“导入…”导入平台数据',
}

/** The host's naming; the menu's when the host gives none. */
export function namingOf(book: Workbook): HostNaming {
  return book.naming ?? MENU_NAMING
}
