/**
 * SPEC §14, written once for both hosts: a platform export → the month sheet's inputs (导入…, `kaohe
 * import`), an attendance export → 事件 rows (导入考勤…, `kaohe import-attendance`). The export arrives as a
 * grid: in Sheets a sheet the user pasted or imported it into, on the command line a file the CLI decoded.
 *
 * Where things go, and why: every value of a platform export goes into the import's own columns,
 * side by side after the month sheet's results (layouts.ts importColumns) — the platform's 出勤天数,
 * 接听电话数, 文字咨询条数 and 满意率, the rating counts (满意数, 基本满意数, 评价数), 通话总时长 and
 * 日均通话时长 — so no cell of §9's layout moves and no input cell is ever written. The close reads a
 * blank input from its platform column (core/fields.ts `platform`, workbook/month.ts readMonthRow) and
 * scores 满意率 = (满意+基本满意)÷评价数 exactly (core/fields.ts withRatedSatisfaction). One run of cells
 * is what keeps an import in Sheets to one read and one write of the month sheet (docs/PERFORMANCE.md §5).
 */
import { type AttendanceRow, readAttendanceExport } from '../core/attendance-import'
import { toFixed } from '../core/decimal'
import { PLATFORM_FIELDS } from '../core/fields'
import { isBlank, parseText, toExact } from '../core/parse'
import { type MonthKey, monthOfDate, monthPeriod, periodLabel } from '../core/period'
import {
  type Candidate,
  clockText,
  columnNames,
  type ExportRow,
  exportNeedsSettings,
  type ImportValues,
  matcher,
  readPlatformExport,
  SOURCE_FIELD_LABELS,
  type SourceField,
  sourceFieldOfLabel,
} from '../core/platform-import'
import type { Problem } from '../core/problems'
import {
  DAILY_TALK_COLUMN,
  EVENTS_LAYOUT,
  IMPORT_MONTH_HEADERS,
  IMPORT_SETTINGS_LAYOUT,
  monthLayout,
  monthSheetName,
  SHEET,
} from './layouts'
import { namingOf } from './naming'
import { done, type Outcome, refuse } from './outcome'
import { prepareMonth } from './prepare'
import { cellOf, idOf, refOf, type Table, table } from './read'
import { periodState } from './state'
import type { Cell, Grid, SheetWrite, Workbook } from './types'

export const IMPORT_ACTION = '导入'
export const ATTENDANCE_IMPORT_ACTION = '考勤导入'
/** 说明 of the 事件 rows an attendance import adds (marks their source). */
export const ATTENDANCE_NOTE_PREFIX = '考勤导入：'

/** Where an export comes from: its file (or sheet) name for messages and the 日志, and its cells. */
export interface ImportSource {
  /** The file name (CLI) or sheet name (Sheets) the user knows it by. */
  readonly label: string
  /** The sheet problems name: the export's sheet (in Sheets, the workbook's tab holding it). */
  readonly sheet: string
  /** The export's cells; when absent, `sheet` is read from the workbook (Sheets). */
  readonly grid?: Grid
}

/** Rows named in a result message at most; the rest are counted. */
const LISTED = 20

function listed(items: readonly string[]): string {
  const shown = items.slice(0, LISTED).join('；')
  return items.length > LISTED ? `${shown}；另有${items.length - LISTED}项` : shown
}

/** The `导入设置` sheet: extra column names; problems for a 字段 that is not one of SOURCE_FIELD_LABELS. */
export function readImportSettings(t: Table, problems: Problem[]): Map<string, SourceField> {
  const out = new Map<string, SourceField>()
  for (const row of t.rows) {
    const name = parseText(cellOf(t, row, '源列名'))
    const label = parseText(cellOf(t, row, '字段'))
    if (name === '' && label === '') continue
    const field = sourceFieldOfLabel(label)
    const at = (h: string) => refOf(t, row.row, h)
    if (name === '') problems.push({ sheet: t.sheet, cell: at('源列名'), message: '源列名不能为空' })
    else if (field === undefined)
      problems.push({
        sheet: t.sheet,
        cell: at('字段'),
        message: `字段应为${SOURCE_FIELD_LABELS.join('、')}之一，实际为“${label}”`,
      })
    else out.set(name, field)
  }
  return out
}

/** The value an import writes into each of IMPORT_MONTH_HEADERS (absent: the file does not carry it). */
function cellsOf(v: ImportValues): Map<string, Cell> {
  const out = new Map<string, Cell>()
  const put = (header: string, x: Cell | undefined) => {
    if (x !== undefined) out.set(header, x)
  }
  for (const f of PLATFORM_FIELDS) {
    const x = v[f.key as keyof ImportValues]
    put(f.platform, x === undefined ? undefined : typeof x === 'number' ? x : Number(x.valueOf()))
  }
  put('满意数', v.satisfied)
  put('基本满意数', v.basicallySatisfied)
  put('评价数', v.ratedCount)
  put('通话总时长', v.talkSeconds === undefined ? undefined : clockText(v.talkSeconds))
  put(DAILY_TALK_COLUMN.header, v.dailyTalk === undefined ? undefined : clockText(v.dailyTalk))
  return out
}

/** Two cells hold the same value: equal numbers (0.5 and '0.5'), else equal trimmed text. */
function sameValue(a: Cell | undefined, b: Cell | undefined): boolean {
  const blankA = a === undefined || isBlank(a)
  const blankB = b === undefined || isBlank(b)
  if (blankA || blankB) return blankA && blankB
  const x = toExact(a)
  const y = toExact(b)
  if (x !== null && y !== null) return x.equals(y)
  return parseText(a) === parseText(b)
}

interface MonthGrid {
  /** Header row first; every row as long as the header. */
  readonly grid: Grid
  /** The prepare plan's other writes when the month sheet is new (none when it exists). */
  readonly prepared: readonly SheetWrite[] | null
}

/** The month sheet as it is, or as 新建月度录入表 would make it (then its plan's other writes too). */
function monthGrid(book: Workbook, month: MonthKey, existing: Grid | undefined): MonthGrid | Outcome {
  const name = monthSheetName(month)
  if (existing) return { grid: existing, prepared: null }
  const outcome = prepareMonth(book, month)
  if (!outcome.ok) return outcome
  const write = outcome.plan.writes.find((w) => w.sheet === name)
  if (!write) throw new Error(`新建“${name}”失败`)
  const header = write.layout.columns.map((c) => c.header)
  return {
    grid: [header, ...(write.rows ?? []).map((r) => [...r])],
    prepared: outcome.plan.writes.filter((w) => w !== write),
  }
}

function isOutcome(x: MonthGrid | Outcome): x is Outcome {
  return 'ok' in x
}

/** A cell as a message quotes it (a rate as a percentage). */
function shown(v: Cell, header: string): string {
  const x = toExact(v)
  if (x !== null && header.endsWith('满意率')) return `${toFixed(x.mul(100), 2)}%`
  return parseText(v)
}

/**
 * 导入…: a platform export's per-operator numbers into the month sheet (SPEC §14).
 *
 * The import writes only its own columns after the results (IMPORT_MONTH_HEADERS, one run of cells): the
 * platform's 出勤天数, 接听电话数, 文字咨询条数 and 满意率 there fill the input cells left blank, as the
 * records fill blank counts (§9, core/fields.ts `platform`); the rating counts give 满意率 exactly. So the
 * import never writes an input cell: a typed value (or a formula) always stands and the message lists
 * where it differs from the platform; the import's columns are the record of what the latest file carried,
 * and a corrected file replaces exactly them. `导入设置` is read only when the export has a column the
 * import does not know (exportNeedsSettings): it adds names, it never re-maps a known one.
 */
export function importPlatformExport(book: Workbook, month: MonthKey, source: ImportSource): Outcome {
  const name = monthSheetName(month)
  const label = periodLabel(monthPeriod(month))
  const names = [name, SHEET.log]
  const grids = book.read(source.grid ? names : [...names, source.sheet])
  const exportGrid = source.grid ?? grids.get(source.sheet)
  if (!exportGrid)
    return refuse([{ sheet: source.sheet, cell: 'A1', message: `找不到工作表“${source.sheet}”` }])
  if (source.sheet === name)
    return refuse([
      { sheet: name, cell: 'A1', message: '请选择粘贴了平台导出数据的工作表，而不是月度表本身' },
    ])
  const log = table(SHEET.log, grids.get(SHEET.log))
  if (periodState(log, monthPeriod(month)) === 'closed')
    return refuse(
      [
        {
          sheet: name,
          cell: 'A1',
          message: `${label}已结算，不能导入；如需更正，请先${namingOf(book).reopen(monthPeriod(month))}该月`,
        },
      ],
      `${label}已结算，未导入`,
    )
  const problems: Problem[] = []
  let settings = new Map<string, SourceField>()
  if (exportNeedsSettings(exportGrid)) {
    const settingsName = IMPORT_SETTINGS_LAYOUT.name
    settings = readImportSettings(table(settingsName, book.read([settingsName]).get(settingsName)), problems)
    if (problems.length > 0) return refuse(problems)
  }
  const read = readPlatformExport(exportGrid, source.sheet, month, columnNames(settings))
  if (!read.ok) return refuse(read.problems, `“${source.label}”无法导入，未写入任何数据`)
  const exported = read.export

  const target = monthGrid(book, month, grids.get(name))
  if (isOutcome(target)) return target
  const grid = target.grid
  const header = (grid[0] ?? []).map((h) => parseText(h))
  const colOf = (h: string) => header.indexOf(h)
  const missing = ['工号', '姓名', ...PLATFORM_FIELDS.map((f) => f.header)].filter((h) => colOf(h) < 0)
  if (missing.length > 0)
    return refuse([{ sheet: name, cell: 'A1', message: `表头缺少列：${missing.join('、')}` }])

  // The month sheet's people (one row each; the close reports duplicates), matched by 工号, else 姓名.
  interface Person extends Candidate {
    readonly index: number
    readonly assessed: boolean
  }
  const people: Person[] = []
  for (let r = 1; r < grid.length; r++) {
    const row = grid[r] ?? []
    const id = idOf(row[colOf('工号')])
    if (id === '') continue
    const warning = parseText(row[colOf('预警')])
    people.push({
      id,
      name: parseText(row[colOf('姓名')]),
      index: r,
      assessed: !warning.startsWith('不参与'),
    })
  }
  const match = matcher(people)
  const matched = new Map<number, { row: ExportRow; person: Person }>()
  const skipped: string[] = []
  let byName = 0
  for (const row of exported.rows) {
    const m = match(row.id, row.name)
    const who = `第${row.row}行 ${row.name || '（无姓名）'}（工号${row.idText || '空白'}）`
    if (!m.ok) {
      skipped.push(`${who}：不在“${name}”表中（${m.reason}）`)
      continue
    }
    const earlier = matched.get(m.who.index)
    if (earlier)
      problems.push({
        sheet: source.sheet,
        cell: `A${row.row}`,
        message: `第${earlier.row.row}行和第${row.row}行都是${m.who.name}（${m.who.id}），同一人只能有一行：请检查导出文件`,
      })
    matched.set(m.who.index, { row, person: m.who })
    if (m.by === 'name') byName += 1
  }
  if (problems.length > 0) return refuse(problems, `“${source.label}”无法导入，未写入任何数据`)
  const absent = people.filter((p) => p.assessed && !matched.has(p.index)).map((p) => `${p.name}（${p.id}）`)

  // The import's columns of every row: what this file carries, blank for a row it does not carry.
  let changed = 0
  let dropped = 0
  const typedDiffers: string[] = []
  const typedRates: string[] = []
  const columnRows: Cell[][] = []
  for (let r = 1; r < grid.length; r++) {
    const row = grid[r] ?? []
    const hit = matched.get(r)
    const carried = hit ? cellsOf(hit.row.values) : new Map<string, Cell>()
    const out = IMPORT_MONTH_HEADERS.map((h): Cell => carried.get(h) ?? '')
    const before = IMPORT_MONTH_HEADERS.map((h): Cell => (colOf(h) < 0 ? '' : (row[colOf(h)] ?? '')))
    const differs = out.filter((v, k) => !sameValue(v, before[k])).length
    changed += differs
    if (!hit && differs > 0) dropped += 1
    if (hit)
      for (const f of PLATFORM_FIELDS) {
        const typed = row[colOf(f.header)] ?? ''
        const platform = carried.get(f.platform)
        if (platform === undefined || isBlank(typed) || sameValue(typed, platform)) continue
        if (f.key === 'satisfaction' && carried.has('评价数')) {
          // SPEC §14: with the counts there, 满意率 comes from them, a typed rate notwithstanding.
          typedRates.push(`${hit.person.name}（${hit.person.id}）填写为${shown(typed, f.header)}`)
          continue
        }
        typedDiffers.push(
          `${hit.person.name}（${hit.person.id}）的${f.header}填写为${shown(typed, f.header)}，平台为${shown(platform, f.header)}`,
        )
      }
    columnRows.push(out)
  }

  const layout = monthLayout(month)
  const writes: SheetWrite[] = []
  if (target.prepared) {
    // A new month sheet: 新建月度录入表's rows with the import's columns, written once.
    const full = layout.columns.map((c) => c.header)
    const rows = grid.slice(1).map((row, k) =>
      full.map((h): Cell => {
        const j = IMPORT_MONTH_HEADERS.indexOf(h)
        if (j >= 0) return columnRows[k]?.[j] ?? ''
        const c = colOf(h)
        return c < 0 ? '' : (row[c] ?? '')
      }),
    )
    writes.push({ sheet: name, layout, mode: 'replace', rows }, ...target.prepared)
  } else if (changed > 0 || IMPORT_MONTH_HEADERS.some((h) => colOf(h) < 0)) {
    // Nothing to write when the sheet already holds every value (the same file again): only the 日志 row.
    writes.push({ sheet: name, layout, mode: 'columns', columns: IMPORT_MONTH_HEADERS, rows: columnRows })
  }

  const rated = [...matched.values()].filter((m) => m.row.values.ratedCount !== undefined).length
  const summary = `读取${exported.rows.length}行，匹配${matched.size}人${byName > 0 ? `（其中${byName}人按姓名匹配）` : ''}，跳过${skipped.length}行`
  const lines = [
    `已从“${source.label}”导入${label}：${summary}${target.prepared ? `；已新建“${name}”` : ''}。`,
    changed === 0
      ? '平台数据与上次导入相同，月度表未作改动。'
      : `平台数据写入月度表最右边的“${PLATFORM_FIELDS.map((f) => f.platform).join('、')}”等列，改动${changed}个单元格；左边的${PLATFORM_FIELDS.map((f) => f.header).join('、')}留空的，结算时按平台数据计分。`,
  ]
  if (dropped > 0) lines.push(`${dropped}人本次文件中没有，其上次导入的平台数据已清空。`)
  if (typedDiffers.length > 0)
    lines.push(
      `以下${typedDiffers.length}处手工填写的数值与平台数据不同，按手工填写计分（如以平台数据为准，请清空该单元格）：${listed(typedDiffers)}。`,
    )
  if (rated > 0) lines.push(`${rated}人的满意率按（满意+基本满意）÷评价数精确计算（第七条（四））。`)
  if (typedRates.length > 0)
    lines.push(
      `其中${typedRates.length}人的满意率另有手工填写，有评价数时不按填写的满意率计分：${listed(typedRates)}。`,
    )
  if (skipped.length > 0) lines.push(`跳过的行：${listed(skipped)}。`)
  if (absent.length > 0) lines.push(`导出中没有以下当月参与考核人员，请手工填写：${listed(absent)}。`)
  const naming = namingOf(book)
  lines.push(`请核对月度表后${naming.publish(monthPeriod(month))}，再${naming.closeMonth(month)}。`)
  return done({
    writes,
    log: {
      action: IMPORT_ACTION,
      period: month,
      outcome: `${source.label}：${summary}${absent.length > 0 ? `，导出中缺${absent.length}人` : ''}`,
      digest: '',
    },
    message: lines.join('\n'),
  })
}

/** 导入考勤…: an attendance export's 迟到、早退、旷工、擅自脱岗 → `事件` rows (SPEC §14, 第七条（二）). */
export function importAttendanceExport(book: Workbook, source: ImportSource): Outcome {
  const names = [SHEET.roster, SHEET.events, SHEET.log]
  const grids = book.read(source.grid ? names : [...names, source.sheet])
  const exportGrid = source.grid ?? grids.get(source.sheet)
  if (!exportGrid)
    return refuse([{ sheet: source.sheet, cell: 'A1', message: `找不到工作表“${source.sheet}”` }])
  const read = readAttendanceExport(exportGrid, source.sheet)
  if (!read.ok) return refuse(read.problems, `“${source.label}”无法导入，未写入任何数据`)
  const att = read.export
  const roster = table(SHEET.roster, grids.get(SHEET.roster))
  if (!roster.exists)
    return refuse([
      { sheet: SHEET.roster, cell: 'A1', message: `缺少“人员”表，请先${namingOf(book).setup()}` },
    ])
  const people: Candidate[] = roster.rows
    .map((row) => ({ id: idOf(cellOf(roster, row, '工号')), name: parseText(cellOf(roster, row, '姓名')) }))
    .filter((p) => p.id !== '')
  const match = matcher(people)

  // Events already recorded, any source: (日期, 工号, 类型) → how many.
  const events = table(SHEET.events, grids.get(SHEET.events))
  const keyOf = (date: string, id: string, type: string) => `${date}|${id}|${type}`
  const have = new Map<string, number>()
  for (const row of events.rows) {
    const date = parseText(cellOf(events, row, '日期'))
    const k = keyOf(date, idOf(cellOf(events, row, '工号')), parseText(cellOf(events, row, '类型')))
    have.set(k, (have.get(k) ?? 0) + 1)
  }

  // What the file says, one status per person and day (a row repeated in an overlapping file counts once).
  const skipped: string[] = []
  const want = new Map<string, { row: AttendanceRow; id: string; type: string; count: number }>()
  const seen = new Set<string>()
  for (const row of att.rows) {
    const m = match(row.id, row.name)
    if (!m.ok) {
      skipped.push(
        `第${row.row}行 ${row.name || '（无姓名）'}（工号${row.idText || '空白'}）：不在“人员”表中（${m.reason}）`,
      )
      continue
    }
    const same = `${row.date}|${m.who.id}|${row.status}`
    if (seen.has(same)) continue
    seen.add(same)
    for (const type of row.types) {
      const k = keyOf(row.date, m.who.id, type)
      const w = want.get(k)
      if (w) w.count += 1
      else want.set(k, { row, id: m.who.id, type, count: 1 })
    }
  }
  const log = table(SHEET.log, grids.get(SHEET.log))
  const problems: Problem[] = []
  const rows: Cell[][] = []
  const months = new Set<string>()
  let duplicates = 0
  for (const [k, w] of want) {
    const add = Math.max(0, w.count - (have.get(k) ?? 0))
    duplicates += w.count - add
    if (add === 0) continue
    const month = monthOfDate(w.row.date)
    if (periodState(log, monthPeriod(month)) === 'closed') {
      problems.push({
        sheet: source.sheet,
        cell: `A${w.row.row}`,
        message: `第${w.row.row}行 ${w.row.date} ${w.row.name || w.id}的“${w.row.status}”属于已结算的${periodLabel(monthPeriod(month))}：请先${namingOf(book).reopen(monthPeriod(month))}该月，或从文件中删去该月`,
      })
      continue
    }
    months.add(month)
    for (let i = 0; i < add; i++)
      rows.push([w.row.date, w.id, w.type, '', '', `${ATTENDANCE_NOTE_PREFIX}${source.label}`])
  }
  if (problems.length > 0) return refuse(problems, `“${source.label}”无法导入，未写入任何数据`)
  rows.sort((a, b) => String(a[0]).localeCompare(String(b[0])) || String(a[1]).localeCompare(String(b[1])))
  const count = (m: ReadonlyMap<string, number>) => [...m].map(([status, n]) => `${status}${n}行`).join('、')
  const summary = `读取${att.read}行，新增“事件”${rows.length}条${duplicates > 0 ? `，已记录过的${duplicates}条未重复添加` : ''}，跳过${skipped.length}行`
  const lines = [`已从“${source.label}”导入考勤：${summary}。`]
  if (att.unscored.size > 0) lines.push(`不计分的考勤状态（未写入“事件”）：${count(att.unscored)}。`)
  if (att.unknown.size > 0) lines.push(`未识别的考勤状态（未写入，请人工核对）：${count(att.unknown)}。`)
  if (skipped.length > 0) lines.push(`跳过的行：${listed(skipped)}。`)
  if (rows.length > 0)
    lines.push('“事件”表中新增的行在“说明”列注明来源；月度表的迟到早退、旷工脱岗计数留空即按“事件”表统计。')
  const period = [...months].sort().join('、')
  return done({
    writes: rows.length > 0 ? [{ sheet: SHEET.events, layout: EVENTS_LAYOUT, mode: 'append', rows }] : [],
    log: { action: ATTENDANCE_IMPORT_ACTION, period, outcome: `${source.label}：${summary}`, digest: '' },
    message: lines.join('\n'),
  })
}
