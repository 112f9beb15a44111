/**
 * 生成公示表 (第八条: 每月5日前完成上一月度考核分数的初步统计并进行公示). The `公示` sheet shows a month's
 * preliminary totals by rank: the frozen values when the month is closed, else values computed from
 * input that passes validation. A closing row names the month and the 初评 deadline, and says that objections
 * go to the 带班班长 before the month's 终评 deadline (SPEC §15).
 * 第十条 (每年1月5日前完成上一年度考核分数的初步统计并进行公示): the year's `YYYY 年度公示` sheet shows
 * each operator's 月度平均分 and 基础得分, before the leader's rating is added.
 */
import { type Deadline, deadline, nominalDeadline } from '../core/deadlines'
import { exact } from '../core/decimal'
import { formatPeriod, type MonthKey, monthPeriod, type Period, periodLabel } from '../core/period'
import { InputError } from '../core/problems'
import { rankScores, type Scored } from '../core/ranking'
import { analyseYear } from './close/year-close'
import { parseInputs, readBook, tableOf } from './context'
import {
  BREAKDOWN_HEADERS,
  breakdownCells,
  monthSheetName,
  PUBLISH_LAYOUT,
  SHEET,
  yearLayout,
  yearPublishLayout,
  yearSheetName,
} from './layouts'
import { evaluateMonth } from './month'
import { namingOf } from './naming'
import { objectionDeadline } from './objections'
import { done, type Outcome, refuse } from './outcome'
import { cellOf, idOf, numberOf, table } from './read'
import { isClosed, PUBLISH_ACTION } from './state'
import type { Cell, Grid, Workbook } from './types'

interface PublishRow {
  readonly sheetRow: number
  readonly cells: Cell[]
  readonly rank: number | null
}

export function publishMonth(book: Workbook, month: MonthKey): Outcome {
  const name = monthSheetName(month)
  const period = monthPeriod(month)
  const grids = readBook(book, [name])
  const inputs = parseInputs(grids, period)
  const sheet = tableOf(grids, name)
  const evaluation = evaluateMonth(inputs, sheet, month, namingOf(book))
  const closed = isClosed(inputs.log, period)
  const rows: PublishRow[] = []
  if (closed) {
    // Frozen values: a rule changed since the close must not change what is published.
    const byRow = new Map(sheet.rows.map((x) => [x.row, x]))
    for (const r of evaluation.rows) {
      const row = byRow.get(r.row)
      if (!row) continue
      const scores = BREAKDOWN_HEADERS.map((h) => numberOf(cellOf(sheet, row, h)))
      const rank = numberOf(cellOf(sheet, row, '排名'))
      const complete = scores.every((s) => s !== null)
      rows.push({
        sheetRow: r.row,
        rank,
        cells: [
          r.id,
          r.operator.name,
          ...scores.map((s) => s ?? ''),
          rank ?? '',
          r.eligible ? '' : `不参与：${r.reason}`,
        ],
      })
      if (!complete && r.eligible)
        return refuse([{ sheet: name, cell: `A${r.row}`, message: '已结算但得分缺失，请重新结算' }])
    }
  } else {
    const problems = [...inputs.problems, ...evaluation.problems]
    if (problems.length > 0)
      return refuse(problems, `数据校验未通过（${problems.length}处问题），未生成公示表`)
    const scored: Scored[] = evaluation.rows.flatMap((r) =>
      r.breakdown ? [{ id: r.id, score: r.breakdown.total }] : [],
    )
    const ranks = rankScores(scored)
    for (const r of evaluation.rows) {
      const b = r.breakdown
      const rank = ranks.get(r.id) ?? null
      const scores = b ? breakdownCells(b) : []
      rows.push({
        sheetRow: r.row,
        rank,
        cells: [
          r.id,
          r.operator.name,
          ...(b ? scores : BREAKDOWN_HEADERS.map(() => '')),
          rank ?? '',
          r.eligible ? '' : `不参与：${r.reason}`,
        ],
      })
    }
  }
  rows.sort(
    (a, b) =>
      (a.rank ?? Number.POSITIVE_INFINITY) - (b.rank ?? Number.POSITIVE_INFINITY) || a.sheetRow - b.sheetRow,
  )

  const due = publishDeadline(inputs, month)
  const label = periodLabel(period)
  const state = closed ? '（已结算）' : '（未结算，按当前数据计算）'
  // What the posted sheet says, in the words of 第八条: no internal state unless the figures may still move.
  const posted = closed ? '' : '（尚未结算，以评定结果为准）'
  const footer = `${label}月度考核分数初步统计公示${posted}。${due.text}。${objectionLine(inputs, monthPeriod(month))}`
  const width = PUBLISH_LAYOUT.columns.length
  const pad = (first: string): Cell[] => [first, ...Array.from({ length: width - 1 }, () => '')]
  return done({
    writes: [
      {
        sheet: SHEET.publish,
        layout: PUBLISH_LAYOUT,
        mode: 'replace',
        rows: [...rows.map((r) => r.cells), pad(''), pad(footer)],
        printTitle: `${label}考核分数初步统计公示（${due.short}）`,
      },
    ],
    log: { action: PUBLISH_ACTION, period: month, outcome: `${rows.length}人${state}`, digest: '' },
    message: `已生成${label}公示表${state}。${due.text}${due.warning ? `（${due.warning}）` : ''}`,
  })
}

/**
 * Where and until when objections go (第八条: 公示 by the 5th, 评定 by the 10th; 第十条 the same in January for
 * the year): to the 带班班长, before the period's 终评 deadline (节假日 included); a year without holiday data
 * shows the nominal date to check. A month's objections are recorded in 异议 (SPEC §15).
 */
function objectionLine(inputs: ReturnType<typeof parseInputs>, period: Period): string {
  const { due } = objectionDeadline(period, inputs.calendar, inputs.rules)
  const until = due
    ? `${due.due}（考核得分评定截止日）`
    : `${nominalDeadline(period, '终评', inputs.rules)}（名义评定截止日，遇节假日顺延，请人工核对）`
  const recorded =
    period.kind === 'month' ? `；异议及处理结果（维持、更正或撤回）记入“${SHEET.objections}”表` : ''
  return `对公示分数有异议的，请于${until}前向带班班长提出${recorded}（${period.kind === 'month' ? '第八条' : '第十条'}）。`
}

/**
 * 生成公示表 for a year (第十条): every month sheet of the year must be closed (as for the year close). The
 * figures are the year sheet's frozen ones once the year has been closed (a first pass, waiting for the
 * leader's ratings, is enough), else those the year close would write, computed without writing them.
 * 备注 carries only why someone does not take part: alerts are for the leader, not for posting.
 */
export function publishYear(book: Workbook, year: number): Outcome {
  const period: Period = { kind: 'year', year }
  const name = yearSheetName(year)
  const grids = readBook(book, [name, SHEET.holidays], { incidents: false })
  const inputs = parseInputs(grids, period, { incidents: false })
  let yearGrid: Grid | undefined
  if (isClosed(inputs.log, period)) yearGrid = grids.get(name)
  else {
    const analysis = analyseYear(book, period)
    if (analysis.problems.length > 0) {
      // The headline names what blocks: months not closed, or other problems (the year not over, a 领导评价…).
      const unclosed = analysis.problems.filter((p) => p.code === 'unclosed-month').map((p) => p.sheet)
      const why = unclosed.length > 0 ? `须先完成各月月度结算（${unclosed.join('、')}）` : '请先处理以下问题'
      return refuse(analysis.problems, `${periodLabel(period)}尚不能公示：${why}`)
    }
    const outcome = analysis.run()
    if (!outcome.ok) return outcome
    const write = outcome.plan.writes.find((w) => w.sheet === name)
    yearGrid = [yearLayout(year).columns.map((c) => c.header), ...(write?.rows ?? [])]
  }
  const t = table(name, yearGrid)
  const layout = yearPublishLayout(year, inputs.rules)
  const rows = t.rows
    .map((row) => {
      const average = numberOf(cellOf(t, row, '月度平均分'))
      const base = numberOf(cellOf(t, row, '基础得分'))
      const notes = String(cellOf(t, row, '备注'))
        .split('；')
        .filter((n) => n.startsWith('不参与'))
      const cells: Cell[] = [
        idOf(cellOf(t, row, '工号')),
        String(cellOf(t, row, '姓名')),
        String(cellOf(t, row, '派驻单位')),
        average ?? '',
        base ?? '',
        notes.join('；'),
      ]
      return { sheetRow: row.row, base, cells }
    })
    .filter((r) => r.cells[0] !== '')
    .sort(
      (a, b) =>
        (b.base ?? Number.NEGATIVE_INFINITY) - (a.base ?? Number.NEGATIVE_INFINITY) ||
        a.sheetRow - b.sheetRow,
    )
  const due = publishDeadline(inputs, period)
  const label = periodLabel(period)
  const share = inputs.rules['year.baseShare'].mul(100)
  const footer =
    `${label}考核分数初步统计公示：基础得分为本年度各月考核总分平均分的${share.toString()}%（第十条）；` +
    `领导评价（${exact(100).sub(share).toString()}%）由分管庭领导评定后计入年度得分。${due.text}。${objectionLine(inputs, period)}`
  const width = layout.columns.length
  const pad = (first: string): Cell[] => [first, ...Array.from({ length: width - 1 }, () => '')]
  const scored = rows.filter((r) => r.base !== null).length
  return done({
    writes: [
      {
        sheet: layout.name,
        layout,
        mode: 'replace',
        rows: [...rows.map((r) => r.cells), pad(''), pad(footer)],
        printTitle: `${label}考核分数初步统计公示（${due.short}）`,
      },
    ],
    log: { action: PUBLISH_ACTION, period: formatPeriod(period), outcome: `${scored}人`, digest: '' },
    message: `已生成${label}公示表“${layout.name}”（${scored}人）。${due.text}${due.warning ? `（${due.warning}）` : ''}`,
  })
}

/** The 日志 action of 生成公示表: the 初评 (第八条、第十条) is done when the 日志 records it (state.ts). */
export { PUBLISH_ACTION } from './state'

/** 生成公示表 for a month or a year; a quarter has no 公示 (第九条). */
export function publishPeriod(book: Workbook, period: Period): Outcome {
  if (period.kind === 'year') return publishYear(book, period.year)
  if (period.kind === 'month') return publishMonth(book, formatPeriod(period))
  return refuse([
    {
      sheet: SHEET.publish,
      cell: 'A1',
      message: `${periodLabel(period)}没有公示：季度只评定得分（第九条），请给出月份（如 2026-05）或年度（如 2026）`,
    },
  ])
}

/** The 初评 (公示) deadline; a year without holiday data shows the nominal date and a warning, not a failure. */
function publishDeadline(
  inputs: ReturnType<typeof parseInputs>,
  monthOrPeriod: MonthKey | Period,
): { text: string; short: string; warning: string | null } {
  const period = typeof monthOrPeriod === 'string' ? monthPeriod(monthOrPeriod) : monthOrPeriod
  const cite = period.kind === 'year' ? '第十条' : '第八条'
  try {
    const d: Deadline = deadline(period, '初评', inputs.calendar, inputs.rules)
    // The date once: the rolled-over reason only says why it is not the nominal day.
    const why = d.due === d.nominal ? cite : `名义截止日${d.nominal}遇节假日，依第八条顺延`
    return { text: `公示截止日：${d.due}（${why}）`, short: `公示期至${d.due}`, warning: null }
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    const nominal = nominalDeadline(period, '初评', inputs.rules)
    return {
      short: `公示期至${nominal}（遇节假日顺延）`,
      text: `公示名义截止日：${nominal}（${cite}；遇节假日顺延，节假日数据缺失，请人工核对）`,
      warning: error.message,
    }
  }
}
