/**
 * 年度结算 (第十条, 第十三条): from the frozen month totals of the year's closed month sheets. Year score =
 * 0.9 × mean + the division leader's rating (领导评价, typed in this sheet), exact, shown with two decimals.
 *
 * The first close writes the sheet with the ratings blank: 年度得分, 排名 and 建议档次 stay empty until every
 * assessed operator has a rating; the leader types them and closes again. A rating present but invalid
 * is a problem naming its cell. Draft letters go to `年度发函` for dispatched operators rated 优秀.
 *
 * The months of the year are those 日志 names (prepared with 新建月度录入表, closed or reopened): each must
 * be closed. Their totals come from 月度结果汇总 (one read, not twelve month sheets).
 */

import { leaderBand, yearRanking, yearScore } from '../../core/aggregate'
import { type Exact, ZERO } from '../../core/decimal'
import { eligibility } from '../../core/eligibility'
import { letterText } from '../../core/letters'
import { isBlank, parseRating, parseText } from '../../core/parse'
import { type MonthKey, monthsOf, type Period, periodLabel } from '../../core/period'
import type { Problem } from '../../core/problems'
import { rankScores, type Scored } from '../../core/ranking'
import { proposeTiers, tierText } from '../../core/tiers'
import { inputDigest, parseInputs, readBook, rosterProblems, tableOf } from '../context'
import { mergeNotes, sanctionNote } from '../highlights'
import {
  LETTERS_LAYOUT,
  monthSheetName,
  SHEET,
  YEAR_LEADER_COLUMNS,
  yearLayout,
  yearSheetName,
} from '../layouts'
import { leaveStatusWrite } from '../leave-ledger'
import { done, type Outcome, refuse } from '../outcome'
import { cellOf, idOf, numberOf, periodText, refOf, type Table } from '../read'
import { CLOSE_ACTION, notesDiffer, periodNotEnded } from '../state'
import { closedMonthResults, summaryGrid, totalsOf } from '../summary'
import type { Cell, Highlight, SheetWrite, Workbook } from '../types'
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

export function analyseYear(
  book: Workbook,
  period: Period,
): { problems: readonly Problem[]; run: () => Outcome } {
  const year = period.year
  const name = yearSheetName(year)
  const grids = readBook(book, [name, SHEET.alerts, SHEET.letters, SHEET.summary, SHEET.leave], {
    incidents: false,
  })
  const inputs = parseInputs(grids, period, { incidents: false })
  // Every month of the year the book holds (a sheet, or a close in 日志), not only those 日志 names (§11).
  const logged = new Set(loggedMonths(inputs.log, year))
  const unlogged = monthsOf(period).filter((m) => !logged.has(m))
  const present = book.read(unlogged.map(monthSheetName)) // absent sheets are simply not in the map
  const months = monthsOf(period).filter((m) => logged.has(m) || present.has(monthSheetName(m)))
  const early = periodNotEnded(period, name, book.now().slice(0, 10))
  const problems: Problem[] = [...(early ? [early] : []), ...rosterProblems(inputs)]
  if (months.length === 0) {
    problems.push({
      sheet: monthSheetName(`${year}-01`),
      cell: 'A1',
      message: `${year}年没有任何月度表，无法年度结算`,
    })
  }
  problems.push(...unclosedMonths(book, inputs.log, months))
  const previous = tableOf(grids, name)
  const ratings = new Map<string, Exact>()
  for (const row of previous.rows) {
    const v = cellOf(previous, row, '领导评价')
    if (isBlank(v)) continue
    const r = parseRating(v, '领导评价', inputs.rules['leader.max'])
    if (r.ok) ratings.set(idOf(cellOf(previous, row, '工号')), r.value)
    else problems.push({ sheet: name, cell: refOf(previous, row.row, '领导评价'), message: r.message })
  }

  const run = (): Outcome => {
    if (problems.length > 0) return refuse(problems)
    const rules = inputs.rules
    const results = closedMonthResults(book, grids, inputs.log, months)
    const totals = months.map((m) => ({ month: m, totals: totalsOf(results, m) }))
    const allMonths = monthsOf({ kind: 'year', year })
    const present = new Set([...idsIn(results), ...listedIds([previous])])
    const listed = inputs.operators.filter((op) => present.has(op.id))
    const finalTier = keptColumn(previous, '最终档次')
    const typedNotes = keptColumn(previous, '备注')
    const ratingCell = keptColumn(previous, '领导评价')
    const hints = sanctionHints(grids, allMonths)

    const scores = new Map<string, ReturnType<typeof yearScore>>()
    const excluded = new Map<string, string>()
    const unrated: string[] = []
    for (const op of listed) {
      const { eligible, reason } = eligibility(op, period, inputs.secondments, rules)
      const mine = totals.flatMap((t) => {
        const x = t.totals.get(op.id)
        return x ? [x] : []
      })
      if (!eligible) excluded.set(op.id, `不参与：${reason}`)
      else if (mine.length === 0) excluded.set(op.id, '不参与：本年度无月度得分')
      else {
        const rating = ratings.get(op.id)
        if (rating === undefined) unrated.push(op.id)
        scores.set(op.id, yearScore(mine, rating ?? ZERO, rules))
      }
    }
    const complete = unrated.length === 0
    const entries: Scored[] = [
      ...yearRanking(
        [...scores].flatMap(([id, s]) => (s ? [{ id, score: s.total }] : [])),
        unrated.length,
      ),
    ]
    const ranks = rankScores(entries)
    const tiers = proposeTiers(entries, rules)

    const rows: Cell[][] = []
    const highlights: Highlight[] = []
    const letters: Cell[][] = []
    for (const op of listed) {
      const s = scores.get(op.id) ?? null
      const rating = ratings.get(op.id)
      const tier = tiers.get(op.id)
      const notes: string[] = []
      const out = excluded.get(op.id)
      if (out) notes.push(out)
      if (s && rating === undefined) notes.push('待分管庭领导录入领导评价后再次年度结算')
      if (tier?.pending) notes.push(`并列待定：${tier.reason}`)
      const sanctions = hints.get(op.id) ?? []
      if (sanctions.length > 0) notes.push(sanctionNote('year', sanctions, false))
      const byMonth = new Map(totals.map((t) => [t.month, t.totals.get(op.id)]))
      const rated = s !== null && rating !== undefined
      rows.push([
        op.id,
        op.name,
        op.homeCourt ?? '',
        ...allMonths.map((m) => {
          const x = byMonth.get(m)
          return x ? Number(x.valueOf()) : ''
        }),
        s ? Number(s.average.valueOf()) : '',
        s ? Number(s.base.valueOf()) : '',
        ratingCell.get(op.id) ?? '',
        rated ? Number(s.total.valueOf()) : '',
        ranks.get(op.id) ?? '',
        tier ? tierText(tier) : '',
        rating !== undefined && s ? leaderBand(rating, rules) : '',
        finalTier.get(op.id) ?? '',
        mergeNotes(notes, parseText(typedNotes.get(op.id) ?? '')),
      ])
      highlights.push(rowHighlight(sanctions, tier?.pending === true, ranks.get(op.id) === 1))
      // SPEC §13 (第十三条第二款): a letter for 最终档次 优秀, or — while 最终档次 is blank — 建议档次 优秀, marked 待定.
      const final = parseText(finalTier.get(op.id) ?? '')
      const pending = final === ''
      const decided = pending ? (tier && !tier.pending ? tier.tier : '') : final
      if (rated && op.homeCourt && decided === '优秀') {
        letters.push([
          String(year),
          op.id,
          op.name,
          op.homeCourt,
          Number(s.total.valueOf()),
          letterText(year, op.homeCourt, op.name, op.id, s.total, ranks.get(op.id) ?? 0, pending),
        ])
      }
    }

    const label = periodLabel(period)
    const digest = inputDigest(inputs, [
      summaryGrid(results, months),
      [...ratingCell].map(([id, v]) => [id, v]),
    ])
    const summary = complete
      ? `参与${entries.length}人，建议优秀${[...tiers.values()].filter((t) => t.tier === '优秀').length}人，发函${letters.length}份`
      : `${unrated.length}人${YEAR_AWAITING_RATINGS}，排名和建议档次待领导评价录入后再次结算`
    const layout = yearLayout(year, inputs.rules)
    const writes: SheetWrite[] = [
      {
        sheet: name,
        layout,
        refreshNotes: notesDiffer(layout, yearLayout(year)),
        mode: 'replace',
        rows,
        highlights,
        previousHighlights: previousResultHighlights(
          grids,
          name,
          (t, row) => numberOf(cellOf(t, row, '排名')) === 1,
        ),
        // Protected only when complete: until then the leader types ratings into this sheet.
        ...(complete
          ? {
              protect: {
                description: `${label}考核已结算`,
                editors: inputs.rulesSheet.editors,
                editableColumns: YEAR_LEADER_COLUMNS,
                ...yearProtection(inputs.log, period, digest, previous),
              },
            }
          : {}),
      },
    ]
    const lettersTable = tableOf(grids, SHEET.letters)
    if (letters.length > 0 || lettersTable.exists) {
      const kept = lettersTable.rows
        .filter((r) => parseText(cellOf(lettersTable, r, '年度')) !== String(year))
        .map((r) => LETTERS_LAYOUT.columns.map((c) => cellOf(lettersTable, r, c.header)))
      writes.push({
        sheet: SHEET.letters,
        layout: LETTERS_LAYOUT,
        mode: 'replace',
        rows: [...kept, ...letters],
      })
    }
    // SPEC §13: every close brings the 补休 ledger's 状态 up to today.
    const ledger = leaveStatusWrite(grids.get(SHEET.leave), book.now().slice(0, 10))
    if (ledger) writes.push(ledger)
    return done({
      writes,
      log: {
        action: CLOSE_ACTION.year,
        period: String(year),
        outcome: summary,
        digest,
        summary: `${months.length}个月的月度结算结果（月度结果汇总）；领导评价已录入${ratings.size}人；人员${inputs.operators.length}人`,
      },
      message: `${label}结算${complete ? '完成' : '（待领导评价）'}：${summary}`,
    })
  }
  return { problems, run }
}

/** In the 日志 结果 of a first year close that still waits for the leader's ratings: not yet the 终评. */
export const YEAR_AWAITING_RATINGS = '待录入领导评价'

/** Months of `year` that 日志 names (新建月度录入表, 月度结算, 重新开放), in order. */
export function loggedMonths(log: Table, year: number): MonthKey[] {
  const named = new Set<string>()
  for (const row of log.rows) named.add(periodText(cellOf(log, row, '期间')))
  return monthsOf({ kind: 'year', year }).filter((m) => named.has(m))
}

/**
 * The year sheet's protection as far as 日志 and the sheet tell: a first pass waiting for ratings leaves it
 * unprotected (no 年度得分 written), so the pass that completes it protects without looking.
 */
function yearProtection(
  log: Table,
  period: Period,
  digest: string,
  previous: Table,
): { known?: 'none' | 'same' } {
  const known = knownProtection(log, period, digest)
  if (known.known) return known
  const scored = previous.rows.some((r) => numberOf(cellOf(previous, r, '年度得分')) !== null)
  return scored ? {} : { known: 'none' }
}
