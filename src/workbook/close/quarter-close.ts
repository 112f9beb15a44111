/**
 * 季度结算 (第九条, 第十二条, 第十三条): from the frozen month totals of three closed months — never
 * recomputed, so a later 规则 change does not move a closed result. Quarter score = exact mean, shown with
 * two decimals and ranked on the exact value; 服务之星; proposed tiers with 并列待定; 最终档次 kept.
 * The totals come from 月度结果汇总 (one read, not three month sheets); whether each month is closed, from
 * 日志. What the close reads is a fixed set of sheets, whatever the book holds.
 */

import { quarterScore } from '../../core/aggregate'
import type { Exact } from '../../core/decimal'
import { eligibility } from '../../core/eligibility'
import { parseText } from '../../core/parse'
import { formatPeriod, monthsOf, type Period, periodLabel } from '../../core/period'
import type { Problem } from '../../core/problems'
import { rankScores, type Scored, serviceStars } from '../../core/ranking'
import { proposeTiers, tierText } from '../../core/tiers'
import { inputDigest, parseInputs, readBook, rosterProblems, tableOf } from '../context'
import { mergeNotes, sanctionNote } from '../highlights'
import { QUARTER_LEADER_COLUMNS, quarterLayout, quarterSheetName, SHEET } from '../layouts'
import { leaveStatusWrite } from '../leave-ledger'
import { done, type Outcome, refuse } from '../outcome'
import { cellOf, isBlankCell } from '../read'
import { CLOSE_ACTION, notesDiffer, periodNotEnded } from '../state'
import { closedMonthResults, summaryGrid, totalsOf, YES } from '../summary'
import type { Cell, Highlight, Workbook } from '../types'
import {
  idsIn,
  keptColumn,
  knownProtection,
  listedIds,
  previousResultHighlights,
  rowHighlight,
  sanctionHints,
  unclosedMonths,
} from './shared'

export function analyseQuarter(
  book: Workbook,
  period: Period,
): { problems: readonly Problem[]; run: () => Outcome } {
  const months = monthsOf(period)
  const name = quarterSheetName(period)
  const grids = readBook(book, [name, SHEET.alerts, SHEET.summary, SHEET.leave], { incidents: false })
  const inputs = parseInputs(grids, period, { incidents: false })
  const problems: Problem[] = [...rosterProblems(inputs), ...unclosedMonths(book, inputs.log, months)]
  const early = periodNotEnded(period, name, book.now().slice(0, 10))
  if (early) problems.unshift(early)
  const run = (): Outcome => {
    if (problems.length > 0) {
      const missing = problems.filter((p) => p.code === 'unclosed-month').map((p) => p.sheet)
      return refuse(
        problems,
        missing.length > 0 ? `${periodLabel(period)}尚有月份未结算：${missing.join('、')}` : undefined,
      )
    }
    const results = closedMonthResults(book, grids, inputs.log, months)
    const totals = months.map((m) => totalsOf(results, m))
    const previous = tableOf(grids, name)
    const finalTier = keptColumn(previous, '最终档次')
    const typedNotes = keptColumn(previous, '备注')
    const hints = sanctionHints(grids, months)
    const present = new Set([...idsIn(results), ...listedIds([previous])])
    const listed = inputs.operators.filter((op) => present.has(op.id))
    const scores = new Map<string, Exact>()
    const reasons = new Map<string, string>()
    for (const op of listed) {
      const { eligible, reason } = eligibility(op, period, inputs.secondments, inputs.rules)
      const mine = totals.flatMap((t) => {
        const x = t.get(op.id)
        return x ? [x] : []
      })
      const score = quarterScore(mine)
      if (!eligible) reasons.set(op.id, `不参与：${reason}`)
      else if (score === null) reasons.set(op.id, '不参与：本季度无月度得分')
      else scores.set(op.id, score)
    }
    const entries: Scored[] = [...scores].map(([id, score]) => ({ id, score }))
    const ranks = rankScores(entries)
    const stars = serviceStars(entries)
    const tiers = proposeTiers(entries, inputs.rules)
    const rows: Cell[][] = []
    const highlights: Highlight[] = []
    for (const op of listed) {
      const score = scores.get(op.id)
      const tier = tiers.get(op.id)
      const notes: string[] = []
      const excluded = reasons.get(op.id)
      if (excluded) notes.push(excluded)
      if (tier?.pending) notes.push(`并列待定：${tier.reason}`)
      const sanctions = hints.get(op.id) ?? []
      // The 第十三条 hint is for those who get a tier; a non-participant's alerts are listed plainly.
      if (sanctions.length > 0) notes.push(sanctionNote('quarter', sanctions, !excluded))
      rows.push([
        op.id,
        op.name,
        ...totals.map((t) => {
          const x = t.get(op.id)
          return x ? Number(x.valueOf()) : ''
        }),
        score ? Number(score.valueOf()) : '',
        ranks.get(op.id) ?? '',
        stars.has(op.id) ? YES : '',
        tier ? tierText(tier) : '',
        finalTier.get(op.id) ?? '',
        mergeNotes(notes, parseText(typedNotes.get(op.id) ?? '')),
      ])
      highlights.push(rowHighlight(sanctions, tier?.pending === true, stars.has(op.id)))
    }
    const label = periodLabel(period)
    const starNames = listed.filter((op) => stars.has(op.id)).map((op) => op.name)
    const summary = `参与${entries.length}人，服务之星：${starNames.join('、') || '无'}`
    const digest = inputDigest(inputs, [summaryGrid(results, months)])
    // SPEC §13: every close brings the 补休 ledger's 状态 up to today.
    const ledger = leaveStatusWrite(grids.get(SHEET.leave), book.now().slice(0, 10))
    const layout = quarterLayout(period, inputs.rules)
    return done({
      writes: [
        {
          sheet: name,
          layout,
          refreshNotes: notesDiffer(layout, quarterLayout(period)),
          mode: 'replace',
          rows,
          highlights,
          previousHighlights: previousResultHighlights(
            grids,
            name,
            (t, row) => !isBlankCell(cellOf(t, row, '服务之星')),
          ),
          protect: {
            description: `${label}季度考核已结算`,
            editors: inputs.rulesSheet.editors,
            editableColumns: QUARTER_LEADER_COLUMNS,
            ...knownProtection(inputs.log, period, digest),
          },
        },
        ...(ledger ? [ledger] : []),
      ],
      log: {
        action: CLOSE_ACTION.quarter,
        period: formatPeriod(period),
        outcome: summary,
        digest,
        summary: `${months.join('、')}月度结算结果（月度结果汇总）；人员${inputs.operators.length}人，借调${inputs.secondments.length}条`,
      },
      message: `${label}季度结算完成：${summary}`,
    })
  }
  return { problems, run }
}
