/**
 * `kaohe demo [out.xlsx]` (npm start): builds the seeded demo year of demo-data.ts in a new workbook the
 * way a team leader would — 初始化, roster and records, then each month 新建月度录入表 → enter numbers →
 * 月度结算 → 公示, each quarter 季度结算, and the year twice (before and after the annual leader rating, with
 * the year's 公示 between) —
 * through the same workflows and Workbook interface as every other command, and prints a short summary.
 */
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { deadline } from '../core/deadlines'
import { workCalendar } from '../core/holidays'
import { type MonthKey, monthPeriod, type Period, periodLabel } from '../core/period'
import { defaultRules } from '../core/rules'
import {
  EVENTS_LAYOUT,
  monthLayout,
  monthSheetName,
  NOON_LAYOUT,
  quarterSheetName,
  ROSTER_LAYOUT,
  SECONDMENTS_LAYOUT,
  SHEET,
  yearLayout,
  yearSheetName,
} from '../workbook/layouts'
import type { Cell, Grid, SheetLayout, Workbook, WritePlan } from '../workbook/types'
import { type CommandContext, EXIT, type Outcome, type Workflows } from './commands'
import { DEMO_SECONDMENTS, type DemoYear, demoYear } from './demo-data'
import { assertNotOpenElsewhere, assertWritable, assertXlsxName, saveWorkbookFile } from './file'
import { withWriteLock } from './lock'
import { reportPath, writeReport } from './report'
import { newXlsxBook, XlsxWorkbook } from './xlsx-workbook'

const DEMO_USER = '演示用户（带班班长）'
const MONTH_INPUTS = ['出勤天数', '接听电话数', '文字咨询条数', '全勤', '领导评价', '满意率'] as const

/** A row in a layout's column order from values keyed by header. */
function rowOf(layout: SheetLayout, values: Readonly<Record<string, Cell>>): Cell[] {
  return layout.columns.map((c) => values[c.header] ?? '')
}

function replace(layout: SheetLayout, rows: Grid): WritePlan['writes'][number] {
  return { sheet: layout.name, layout, mode: 'replace', rows }
}

/** 09:00 Beijing time on a calendar date. */
function morningOf(date: string, minutes = 0): Date {
  return new Date(Date.parse(`${date}T01:00:00Z`) + minutes * 60_000)
}

export class DemoError extends Error {
  override readonly name = 'DemoError'
}

interface Timings {
  total: number
  build: number
  save: number
}

/** The demo's clock: when each step happens (a close on its deadline, 第八–十条). */
export type DemoClock = (instant: Date) => void

/**
 * Plays the demo year on any host's Workbook: 初始化, records, then month by month 新建 → enter → 结算 →
 * 公示, quarters, and the year before and after the leader's ratings. `clock` is told the time of each step.
 */
export function playDemoYear(
  book: Workbook,
  workflows: Workflows,
  data: DemoYear,
  clock: DemoClock,
  onMonth?: (label: string, done: number, total: number) => void,
): void {
  let now = new Date('2025-01-02T01:00:00Z')
  clock(now)
  const calendar = workCalendar()
  const rules = defaultRules()
  const dueDate = (p: Period, which: '初评' | '终评') => deadline(p, which, calendar, rules).due
  // The clock only moves forward: a deadline that rolls over a holiday can fall after the next one.
  const at = (date: string, minutes = 0) => {
    const target = morningOf(date, minutes)
    now = target > now ? target : new Date(now.getTime() + 10 * 60_000)
    clock(now)
  }
  const run = (what: string, outcome: Outcome): void => {
    if (!outcome.ok) {
      const lines = outcome.problems.slice(0, 10).map((p) => `  “${p.sheet}” ${p.cell}：${p.message}`)
      throw new DemoError(`演示数据未通过“${what}”：${outcome.message}\n${lines.join('\n')}`)
    }
    book.apply(outcome.plan)
  }

  // 第十条: the year closes once for the monthly part and its preliminary scores (月度平均分, 基础得分) are
  // published by 5 January — before the fourth quarter's close, due on the 10th — then again with the
  // division leader's ratings.
  const year: Period = { kind: 'year', year: data.year }
  const publishYear = () => {
    at(dueDate(year, '初评'), 30)
    run(`${data.year}年度结算`, workflows.closePeriod(book, year))
    at(dueDate(year, '初评'), 45)
    run(`${data.year}年度公示`, workflows.publishPeriod(book, year))
  }
  run('初始化考核表', workflows.setupWorkbook(book))
  book.apply({ message: '', writes: recordWrites(data) })
  for (let m = 1; m <= 12; m++) {
    const month = `${data.year}-${String(m).padStart(2, '0')}`
    const period = monthPeriod(month)
    const due = dueDate(period, '初评')
    at(due, -60)
    run(`新建 ${month} 月度录入表`, workflows.prepareMonth(book, month))
    book.apply(monthInputPlan(book, data, month))
    at(due)
    run(`${periodLabel(period)}月度结算`, workflows.closePeriod(book, period))
    at(due, 15)
    run(`${periodLabel(period)}公示`, workflows.publishMonth(book, month))
    onMonth?.(`${periodLabel(period)}结算`, m - 1, 12)
    if (m === 12) publishYear()
    if (m % 3 === 0) {
      const quarter: Period = { kind: 'quarter', year: data.year, quarter: m / 3 }
      at(dueDate(quarter, '终评'))
      run(`${periodLabel(quarter)}季度结算`, workflows.closePeriod(book, quarter))
    }
  }
  at(dueDate(year, '终评'), -120)
  book.apply(yearRatingPlan(book, data))
  at(dueDate(year, '终评'))
  run(`${data.year}年度结算（含领导评价）`, workflows.closePeriod(book, year))
}

export async function runDemo(out: string, ctx: CommandContext): Promise<number> {
  const started = performance.now()
  const { reporter } = ctx
  const data = demoYear()
  let now = new Date('2025-01-02T01:00:00Z')
  const raw = newXlsxBook(now)
  const book = new XlsxWorkbook(raw, { clock: () => now, user: DEMO_USER, timeZone: 'Asia/Shanghai' })
  reporter.step(`生成演示数据：${data.year}年，${data.operators.length}名话务员（先后在岗），种子固定`)
  playDemoYear(
    book,
    ctx.workflows,
    data,
    (instant) => {
      now = instant
    },
    (label, done, total) => reporter.progress(label, done, total),
  )
  reporter.done()
  const built = performance.now()

  reporter.step(`保存 ${out}`)
  // The demo replaces `out` whole: the same refusals and write lock as any command that writes.
  assertXlsxName(out)
  await assertNotOpenElsewhere(out)
  await assertWritable(out)
  await mkdir(path.dirname(path.resolve(out)), { recursive: true })
  await withWriteLock(out, (lock) => saveWorkbookFile(raw, out, () => lock.assertHeld()))
  const finished = performance.now()
  printSummary(book, data, out, ctx, {
    total: finished - started,
    build: built - started,
    save: finished - built,
  })
  // Issue 7: the demo also writes the year's printable report beside the workbook.
  const year: Period = { kind: 'year', year: data.year }
  reporter.info(`考核报告：${await writeReport(book, year, reportPath(out, year))}`)
  return EXIT.ok
}

/** 人员, 借调, 事件, 值班 as a team leader keeps them. */
function recordWrites(data: DemoYear): WritePlan['writes'] {
  return [
    replace(
      ROSTER_LAYOUT,
      data.operators.map((o) =>
        rowOf(ROSTER_LAYOUT, {
          工号: o.id,
          姓名: o.name,
          派驻单位: o.homeCourt,
          岗位: o.role,
          入职或派驻日期: o.start,
          离岗日期: o.leave,
          备注: o.note,
        }),
      ),
    ),
    replace(
      SECONDMENTS_LAYOUT,
      DEMO_SECONDMENTS.map((s) =>
        rowOf(SECONDMENTS_LAYOUT, { 工号: s.id, 开始日期: s.from, 结束日期: s.to, 说明: s.note }),
      ),
    ),
    replace(
      EVENTS_LAYOUT,
      data.events.map((e) =>
        rowOf(EVENTS_LAYOUT, {
          日期: e.date,
          工号: e.id,
          类型: e.type,
          扣加分: e.points,
          通话编号: e.callId,
          说明: e.note,
        }),
      ),
    ),
    replace(
      NOON_LAYOUT,
      data.duties.map((d) => rowOf(NOON_LAYOUT, { 日期: d.date, 工号: d.id, 结果: d.outcome })),
    ),
  ]
}

/** The numbers typed into a prepared month sheet; count cells stay blank (they fill from 事件 / 值班). */
function monthInputPlan(book: Workbook, data: DemoYear, month: MonthKey): WritePlan {
  const name = monthSheetName(month)
  const grid = book.read([name]).get(name) ?? []
  const idAt = (grid[0] ?? []).indexOf('工号')
  const entries = data.months.get(month)
  const rows = grid.slice(1).map((cells): Cell[] => {
    const e = entries?.get(String(cells[idAt] ?? ''))
    if (!e) return MONTH_INPUTS.map(() => '')
    return [e.days, e.calls, e.texts, e.fullAttendance ? '是' : '否', e.leaderRating, e.satisfaction]
  })
  return {
    message: '',
    writes: [{ sheet: name, layout: monthLayout(month), mode: 'columns', columns: MONTH_INPUTS, rows }],
  }
}

/** 第十条: the division leader's annual rating typed into the year sheet after the first close. */
function yearRatingPlan(book: Workbook, data: DemoYear): WritePlan {
  const name = yearSheetName(data.year)
  const grid = book.read([name]).get(name) ?? []
  const idAt = (grid[0] ?? []).indexOf('工号')
  const rows = grid.slice(1).map((cells): Cell[] => [data.yearRatings.get(String(cells[idAt] ?? '')) ?? ''])
  return {
    message: '',
    writes: [{ sheet: name, layout: yearLayout(data.year), mode: 'columns', columns: ['领导评价'], rows }],
  }
}

// ---------------------------------------------------------------------------------------------------
// Summary.

function column(grid: Grid, header: string): number {
  return (grid[0] ?? []).indexOf(header)
}

function printSummary(
  book: XlsxWorkbook,
  data: DemoYear,
  out: string,
  ctx: CommandContext,
  t: Timings,
): void {
  const { reporter } = ctx
  const nameOf = new Map(data.operators.map((o) => [o.id, o.name]))
  reporter.info('')
  reporter.info(`演示考核表：${data.year}年，${data.operators.length}名话务员（同时在岗18人）`)
  reporter.info('每月之星（第十一条）：')
  for (let m = 1; m <= 12; m++) {
    const month = `${data.year}-${String(m).padStart(2, '0')}`
    const name = monthSheetName(month)
    const grid = book.read([name]).get(name) ?? []
    const [id, star, total, rank] = ['工号', '每月之星', '月度总分', '排名'].map((h) => column(grid, h))
    const stars = grid
      .slice(1)
      .filter((r) => r[star ?? -1] === '是')
      .sort((a, b) => Number(a[rank ?? -1]) - Number(b[rank ?? -1]))
      .map((r) => `${nameOf.get(String(r[id ?? -1])) ?? r[id ?? -1]}（${Number(r[total ?? -1]).toFixed(1)}）`)
    reporter.info(`  ${month}：${stars.join('、') || '无'}`)
  }
  const services: string[] = []
  for (let q = 1; q <= 4; q++) {
    const name = quarterSheetName({ kind: 'quarter', year: data.year, quarter: q })
    const grid = book.read([name]).get(name) ?? []
    const [id, star] = [column(grid, '工号'), column(grid, '服务之星')]
    const names = grid
      .slice(1)
      .filter((r) => r[star] === '是')
      .map((r) => nameOf.get(String(r[id])) ?? String(r[id]))
    services.push(`Q${q} ${names.join('、') || '无'}`)
  }
  reporter.info(`服务之星（第十二条）：${services.join('；')}`)
  const alerts = book.read([SHEET.alerts]).get(SHEET.alerts) ?? []
  const [am, aname, alevel, aclause, areason] = ['月份', '姓名', '级别', '条款', '原因'].map((h) =>
    column(alerts, h),
  )
  const rows = alerts.slice(1)
  const count = (level: string) => rows.filter((r) => r[alevel ?? -1] === level).length
  reporter.info(
    `预警（第十五、十六条，第三条）：辞退或更换 ${count('辞退或更换')} 条，谈话提醒 ${count('谈话提醒')} 条，派驻缺位 ${count('派驻缺位')} 条，派驻更换 ${count('派驻更换')} 条`,
  )
  for (const r of rows.filter((x) => x[alevel ?? -1] !== '谈话提醒').slice(0, 6)) {
    reporter.info(
      `  ${r[am ?? -1]} ${r[aname ?? -1]} ${r[alevel ?? -1]} ${r[aclause ?? -1]}：${r[areason ?? -1]}`,
    )
  }
  // One line per operator and clause (the first month it fired); the sheet has every month.
  const seen = new Set<string>()
  const reminders = rows.filter((x) => {
    const key = `${x[aname ?? -1]}${x[aclause ?? -1]}`
    if (x[alevel ?? -1] !== '谈话提醒' || seen.has(key)) return false
    seen.add(key)
    return true
  })
  for (const r of reminders.slice(0, 6)) {
    reporter.info(
      `  ${r[am ?? -1]} ${r[aname ?? -1]} ${r[alevel ?? -1]} ${r[aclause ?? -1]}：${r[areason ?? -1]}`,
    )
  }
  reporter.info(`  完整列表见“${SHEET.alerts}”表`)
  const yname = yearSheetName(data.year)
  const year = book.read([yname]).get(yname) ?? []
  const [yid, yscore, ytier, yrank] = ['工号', '年度得分', '建议档次', '排名'].map((h) => column(year, h))
  const tiers = new Map<string, number>()
  for (const r of year.slice(1)) {
    const tier = String(r[ytier ?? -1] ?? '')
    if (tier) tiers.set(tier, (tiers.get(tier) ?? 0) + 1)
  }
  const top = year
    .slice(1)
    .filter((r) => r[yrank ?? -1] === 1)
    .map((r) => `${nameOf.get(String(r[yid ?? -1])) ?? ''}（${Number(r[yscore ?? -1]).toFixed(2)}）`)
  reporter.info(
    `年度建议档次（第十三条）：${[...tiers].map(([k, v]) => `${k} ${v}人`).join('，')}；年度第一名：${top.join('、')}`,
  )
  reporter.success(`已生成 ${path.resolve(out)}`)
  reporter.info(
    `用时 ${(t.total / 1000).toFixed(1)} 秒（结算 ${(t.build / 1000).toFixed(1)} 秒，保存 ${(t.save / 1000).toFixed(1)} 秒）`,
  )
}
