/**
 * 新建月度录入表: a `YYYY-MM 月度` sheet with one row per roster operator in post that month, 工号 / 姓名 /
 * 带班班长 filled. Operators not assessed that month (第十四条, 第十七条) are listed with their inputs blank and
 * `不参与：…` in the 预警 column. Count cells stay blank so they fill from 事件 / 值班 at the close.
 */

import { eligibility } from '../core/eligibility'
import { type MonthKey, monthPeriod, type Period, periodLabel } from '../core/period'
import { parseInputs, readBook, tableOf } from './context'
import {
  LETTERS_LAYOUT,
  monthLayout,
  monthSheetName,
  quarterLayout,
  SHEET,
  SUMMARY_LAYOUT,
  yearLayout,
} from './layouts'
import { inPost } from './month'
import { namingOf } from './naming'
import { done, type Outcome, refuse } from './outcome'
import { cellOf, periodText } from './read'
import { notesDigest, PREPARE_LOG_ACTION } from './state'
import { SUMMARY_PROTECT } from './summary'
import type { Cell, SheetLayout, SheetWrite, Workbook } from './types'

/** Spare rows reserved beyond the month's operators (newcomers added later in the quarter or year). */
const RESERVE_SPARE = 50

/**
 * The result sheets laid out when a quarter's last month (and December: the year's sheet and 年度发函) is
 * prepared, so the quarter and year closes find them in place and cost the same every time.
 */
export function resultSheetsAhead(period: Period): SheetLayout[] {
  if (period.kind !== 'month' || period.month % 3 !== 0) return []
  const quarter = quarterLayout({ kind: 'quarter', year: period.year, quarter: period.month / 3 })
  return period.month === 12 ? [quarter, yearLayout(period.year), LETTERS_LAYOUT] : [quarter]
}

export function prepareMonth(book: Workbook, month: MonthKey): Outcome {
  const name = monthSheetName(month)
  const period = monthPeriod(month)
  const grids = readBook(book, [name, SHEET.summary, ...resultSheetsAhead(period).map((l) => l.name)])
  const existing = tableOf(grids, name)
  if (existing.exists && existing.rows.length > 0) {
    return refuse(
      [{ sheet: name, cell: 'A2', message: `“${name}”已有数据，未做改动；如需重建请先删除该表` }],
      `“${name}”已存在且有数据`,
    )
  }
  const inputs = parseInputs(grids, period)
  const rosterProblems = inputs.problems.filter(
    (p) => p.sheet === '人员' || p.sheet === '规则' || p.sheet === '借调',
  )
  if (rosterProblems.length > 0) return refuse(rosterProblems)
  // 第十四条: the month sheet lists the operators on 人员; with nobody there, there is nothing to list.
  if (inputs.operators.length === 0) {
    return refuse(
      [
        {
          sheet: SHEET.roster,
          cell: 'A2',
          message:
            '“人员”表还没有任何话务员：请先在“人员”表逐行填写工号、姓名、岗位和入职或派驻日期，' +
            `再${namingOf(book).prepareMonth(month)}“${name}”`,
        },
      ],
      `“人员”表为空，未建立“${name}”`,
    )
  }
  const layout = monthLayout(month, inputs.rules)
  const headers = layout.columns.map((c) => c.header)
  const rows: Cell[][] = []
  let excluded = 0
  for (const op of inputs.operators) {
    if (!inPost(op, month)) continue
    const { eligible, reason } = eligibility(op, period, inputs.secondments, inputs.rules)
    if (!eligible) excluded += 1
    rows.push(
      headers.map((h): Cell => {
        if (h === '工号') return op.id
        if (h === '姓名') return op.name
        if (h === '带班班长') return op.role === '带班班长' ? '是' : '否'
        if (h === '预警' && !eligible) return `不参与：${reason}`
        return ''
      }),
    )
  }
  if (rows.length === 0) {
    return refuse(
      [
        {
          sheet: SHEET.roster,
          cell: 'A1',
          message:
            `“人员”表中没有人在${periodLabel(period)}在岗（入职或派驻日期都晚于该月，或离岗日期都早于该月）：` +
            '请核对“人员”表的入职或派驻日期、离岗日期',
        },
      ],
      `${periodLabel(period)}没有在岗人员，未建立“${name}”`,
    )
  }
  const note = excluded > 0 ? `，其中${excluded}人当月不参与考核（见“预警”列）` : ''
  // Room in 月度结果汇总 for this month's rows (written at the close), made now so the close never has to
  // grow it; and the quarter's (and in December the year's) result sheet laid out ahead of its close.
  const summary = tableOf(grids, SHEET.summary)
  const kept = summary.rows.filter((r) => periodText(cellOf(summary, r, '月份')) !== month).length
  const writes: SheetWrite[] = [
    { sheet: name, layout, mode: 'replace', rows },
    {
      sheet: SHEET.summary,
      layout: SUMMARY_LAYOUT,
      mode: 'header',
      reserveRows: kept + 2 * rows.length,
      ...(summary.exists ? {} : { protect: SUMMARY_PROTECT }),
    },
  ]
  const ahead = resultSheetsAhead(period)
  // Room for every operator listed (they are the rows those closes write): no growing at the close.
  for (const l of ahead)
    if (!grids.has(l.name))
      writes.push({ sheet: l.name, layout: l, mode: 'header', reserveRows: rows.length + RESERVE_SPARE })
  return done({
    writes,
    // Logged (as every operation is): the year close requires every month prepared in the year to be closed.
    log: {
      action: PREPARE_LOG_ACTION,
      period: month,
      outcome: `${rows.length}人${note}`,
      digest: notesDigest(layout),
    },
    message: `已建立“${name}”：${periodLabel(period)}共${rows.length}人${note}。计数列留空将按“事件”“值班”表自动统计`,
  })
}
