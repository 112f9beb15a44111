/**
 * 新建月度录入表: a `YYYY-MM 月度` sheet with one row per roster operator in post that month, 工号 / 姓名 /
 * 带班班长 filled. Operators not assessed that month (第十四条, 第十七条) are listed with their inputs blank and
 * `不参与：…` in the 预警 column. Count cells stay blank so they fill from 事件 / 值班 at the close.
 */
import { eligibility } from '../core/eligibility'
import { type MonthKey, monthPeriod, periodLabel } from '../core/period'
import { parseInputs, readBook, tableOf } from './context'
import { monthLayout, monthSheetName } from './layouts'
import { inPost } from './month'
import { done, type Outcome, refuse } from './outcome'
import type { Cell, Workbook } from './types'

export function prepareMonth(book: Workbook, month: MonthKey): Outcome {
  const name = monthSheetName(month)
  const period = monthPeriod(month)
  const grids = readBook(book, [name])
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
  const layout = monthLayout(month)
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
  const note = excluded > 0 ? `，其中${excluded}人当月不参与考核（见“预警”列）` : ''
  return done({
    writes: [{ sheet: name, layout, mode: 'replace', rows }],
    message: `已建立“${name}”：${periodLabel(period)}共${rows.length}人${note}。计数列留空将按“事件”“值班”表自动统计`,
  })
}
