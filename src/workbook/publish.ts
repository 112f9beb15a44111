/**
 * 生成公示表 (第八条: 每月5日前完成上一月度考核分数的初步统计并进行公示). The `公示` sheet shows a month's
 * preliminary totals by rank: the frozen values when the month is closed, else values computed from
 * input that passes validation. A closing row names the month and the 初评 deadline, and says that objections
 * go to the 带班班长 before the month's 终评 deadline (SPEC §15).
 */
import { type Deadline, deadline, nominalDeadline } from '../core/deadlines'
import { type MonthKey, monthPeriod, periodLabel } from '../core/period'
import { InputError } from '../core/problems'
import { rankScores, type Scored } from '../core/ranking'
import { parseInputs, readBook, tableOf } from './context'
import { BREAKDOWN_HEADERS, breakdownCells, monthSheetName, PUBLISH_LAYOUT, SHEET } from './layouts'
import { evaluateMonth } from './month'
import { namingOf } from './naming'
import { objectionDeadline } from './objections'
import { done, type Outcome, refuse } from './outcome'
import { cellOf, numberOf } from './read'
import { isClosed, PUBLISH_ACTION } from './state'
import type { Cell, Workbook } from './types'

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
    for (const r of evaluation.rows) {
      const row = sheet.rows.find((x) => x.row === r.row)
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
  // One closing line: what is published, until when, and where and until when objections go.
  const footer = `${label}月度考核分数初步统计公示${state}。${due.text}。${objectionLine(inputs, month)}`
  const width = PUBLISH_LAYOUT.columns.length
  const pad = (first: string): Cell[] => [first, ...Array.from({ length: width - 1 }, () => '')]
  return done({
    writes: [
      {
        sheet: SHEET.publish,
        layout: PUBLISH_LAYOUT,
        mode: 'replace',
        rows: [...rows.map((r) => r.cells), pad(''), pad(footer)],
      },
    ],
    log: { action: PUBLISH_ACTION, period: month, outcome: `${rows.length}人${state}`, digest: '' },
    message: `已生成${label}公示表${state}。${due.text}${due.warning ? `（${due.warning}）` : ''}`,
  })
}

/**
 * Where and until when objections go (第八条: 公示 by the 5th, 评定 by the 10th): to the 带班班长, before the
 * month's 终评 deadline (节假日 included); a year without holiday data shows the nominal date to check.
 */
function objectionLine(inputs: ReturnType<typeof parseInputs>, month: MonthKey): string {
  const { due } = objectionDeadline(month, inputs.calendar, inputs.rules)
  const until = due
    ? `${due.due}（考核得分评定截止日）`
    : `${nominalDeadline(monthPeriod(month), '终评', inputs.rules)}（名义评定截止日，遇节假日顺延，请人工核对）`
  return `对公示分数有异议的，请于${until}前向带班班长提出；异议及处理结果（维持、更正或撤回）记入“${SHEET.objections}”表（第八条）。`
}

/** The 初评 (公示) deadline; a year without holiday data shows the nominal date and a warning, not a failure. */
function publishDeadline(
  inputs: ReturnType<typeof parseInputs>,
  month: MonthKey,
): { text: string; warning: string | null } {
  const period = monthPeriod(month)
  try {
    const d: Deadline = deadline(period, '初评', inputs.calendar, inputs.rules)
    return { text: `公示截止日：${d.due}（${d.reason}）`, warning: null }
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    const nominal = nominalDeadline(period, '初评', inputs.rules)
    return {
      text: `公示名义截止日：${nominal}（第八条；遇节假日顺延，节假日数据缺失，请人工核对）`,
      warning: error.message,
    }
  }
}
