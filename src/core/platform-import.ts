/**
 * SPEC §14: reading a per-operator statistics export of the 12368 platform (a grid of cells, whatever
 * host it came from) into the month inputs it carries. Pure: the hosts turn a file or a sheet into a grid;
 * workbook/import.ts matches the rows to the month sheet and writes them.
 *
 * Reading notes:
 * - The header is the first of the top rows that names a 工号 column; rows above it are titles (the
 *   export's month is read from them, e.g. "2026年5月坐席工作量统计"); a 合计/总计/小计 row ends the data.
 * - Columns are found by name (the built-in names below plus the `导入设置` sheet's), in any order; extra
 *   columns are ignored; two columns naming one field make the file ambiguous and it is refused.
 * - A blank cell means the export does not carry that value for that operator: nothing is written for it.
 * - 第七条（四）: 满意率 = (满意 + 基本满意) ÷ 评价数, exactly; 评价数 defaults to 满意 + 基本满意 + 不满意.
 *   Counts, when present, win over the export's own (rounded) 满意率 column.
 * - 第七条（三）: 日均通话时长 = 通话总时长 ÷ 出勤天数 (or the export's own 日均通话时长): the duty judge's
 *   reference for 领导评价, never scored. A platform's 平均通话时长 is per call, not per day, and is not read.
 */
import { type Exact, exact, roundHalfAwayFromZero } from './decimal'
import { isBlank, isDate, parseCount, parseDays, parseDuration, parseRate, parseText } from './parse'
import type { MonthKey } from './period'
import { a1, type Problem } from './problems'

/** What a platform export's column can be. */
export type SourceField =
  | 'id'
  | 'name'
  | 'calls'
  | 'texts'
  | 'days'
  | 'satisfied'
  | 'basicallySatisfied'
  | 'dissatisfied'
  | 'ratedCount'
  | 'satisfaction'
  | 'talkSeconds'
  | 'dailyTalk'
  | 'month'

export interface SourceFieldDef {
  readonly key: SourceField
  /** The field's name in the `导入设置` sheet's 字段 column. */
  readonly label: string
  /** Column names recognised without any setting (SPEC §14). */
  readonly names: readonly string[]
}

/** SPEC §14's built-in column names, by field. */
export const SOURCE_FIELDS: readonly SourceFieldDef[] = [
  {
    key: 'id',
    label: '工号',
    names: ['工号', '坐席工号', '座席工号', '坐席号', '座席号', '话务员工号', '员工编号'],
  },
  { key: 'name', label: '姓名', names: ['姓名', '坐席姓名', '座席名称', '坐席名称', '话务员', '话务员姓名'] },
  {
    key: 'calls',
    label: '接听电话数',
    names: ['接听电话数', '接听量', '接听数', '接通量', '人工接听量', '人工呼入接通数', '座席成功应答次数'],
  },
  {
    key: 'texts',
    label: '文字咨询条数',
    names: ['文字咨询条数', '文字咨询数', '文字咨询量', '在线咨询数', '留言回复数'],
  },
  { key: 'days', label: '出勤天数', names: ['出勤天数', '在岗天数'] },
  { key: 'satisfied', label: '满意', names: ['满意', '满意数'] },
  { key: 'basicallySatisfied', label: '基本满意', names: ['基本满意', '基本满意数'] },
  { key: 'dissatisfied', label: '不满意', names: ['不满意', '不满意数'] },
  { key: 'ratedCount', label: '评价数', names: ['评价数', '参评数', '评价总数'] },
  { key: 'satisfaction', label: '满意率', names: ['满意率'] },
  { key: 'talkSeconds', label: '通话总时长', names: ['通话总时长'] },
  { key: 'dailyTalk', label: '日均通话时长', names: ['日均通话时长'] },
  { key: 'month', label: '统计月份', names: ['统计月份', '月份', '统计周期', '统计日期', '日期'] },
]

/** The 字段 choices of the `导入设置` sheet. */
export const SOURCE_FIELD_LABELS: readonly string[] = SOURCE_FIELDS.map((f) => f.label)

export function sourceFieldOfLabel(label: string): SourceField | undefined {
  const text = label.trim()
  return SOURCE_FIELDS.find((f) => f.label === text || f.names.includes(text))?.key
}

/** A header as compared: no spaces, ASCII parentheses, a trailing unit such as （秒） or (次) dropped. */
export function headerKey(v: unknown): string {
  const text = toHalfWidth(parseText(v)).replace(/\s+/g, '')
  return text.replace(/\([^()]*\)$/, '')
}

/** Full-width digits, letters and parentheses as ASCII (Chinese input methods type them by default). */
export function toHalfWidth(text: string): string {
  return text
    .replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
}

/**
 * 工号 as matched: a number 5, the text '005', '００５' and ' 5 ' are one 工号 (digits lose their leading
 * zeros); other text is compared without spaces, upper-cased.
 */
export function idKey(v: unknown): string {
  if (typeof v === 'number') return String(v)
  const text = toHalfWidth(parseText(v)).replace(/\s+/g, '').toUpperCase()
  if (/^\d+$/.test(text)) return text.replace(/^0+(?=\d)/, '')
  return text
}

/** Names as matched: no spaces (a pasted name often carries some). */
function nameKey(v: unknown): string {
  return parseText(v).replace(/\s+/g, '')
}

/**
 * Columns a platform export often carries that the import knows and leaves alone. 平均通话时长 is per call,
 * not per day (第七条（三） asks for 日均通话时长), so it is never read.
 */
const IGNORED_COLUMNS: readonly string[] = [
  '序号',
  '备注',
  '说明',
  '部门',
  '班组',
  '所属班组',
  '所属部门',
  '组别',
  '平均通话时长',
]

/** Column name → field: the built-in names, then the names the `导入设置` sheet adds. */
export type ColumnNames = ReadonlyMap<string, SourceField>

/**
 * The built-in names, plus `extra` (the `导入设置` sheet's) for names the import does not know already: a
 * setting adds a name (SPEC §14), it never re-maps a built-in or an ignored one. That is what lets the
 * import read `导入设置` only for an export with a column it does not know (exportNeedsSettings).
 */
export function columnNames(extra: ReadonlyMap<string, SourceField> = new Map()): Map<string, SourceField> {
  const out = new Map<string, SourceField>()
  for (const f of SOURCE_FIELDS) for (const n of f.names) out.set(headerKey(n), f.key)
  const ignored = new Set(IGNORED_COLUMNS.map(headerKey))
  for (const [n, f] of extra) {
    const k = headerKey(n)
    if (!out.has(k) && !ignored.has(k)) out.set(k, f)
  }
  return out
}

/**
 * Whether the `导入设置` sheet can change how the export reads: its header (found by the built-in names)
 * has a column the import does not know, or no header is found at all. Otherwise every column is a
 * built-in or an ignored one, which no setting re-maps, and the sheet need not be read.
 */
export function exportNeedsSettings(grid: readonly (readonly unknown[])[]): boolean {
  const names = columnNames()
  const located = locateHeader(grid, '', names, 'id', [])
  if (!located.ok) return true
  const ignored = new Set(IGNORED_COLUMNS.map(headerKey))
  return located.header.headers.some((h) => {
    const k = headerKey(h)
    return k !== '' && !names.has(k) && !ignored.has(k)
  })
}

/** The header row of an export: its 1-based row, the field of each column, the title text above it. */
export interface LocatedHeader<F extends string> {
  readonly row: number
  readonly columns: ReadonlyMap<F, number>
  readonly headers: readonly string[]
  readonly title: string
}

/** Rows searched for the header (title rows above it are few). */
const HEADER_SEARCH_ROWS = 30

/** Whether one of the top rows (where locateHeader looks) names a `field` column: a sheet that holds an export. */
export function hasHeaderFor<F extends string>(
  grid: readonly (readonly unknown[])[],
  names: ReadonlyMap<string, F>,
  field: F,
): boolean {
  return grid.slice(0, HEADER_SEARCH_ROWS).some((row) => row.some((c) => names.get(headerKey(c)) === field))
}

/**
 * Finds the header: the first of the top rows with a column named as `required` is. Problems: no such row
 * (listing the headers found and the names accepted), or two columns naming one field.
 */
export function locateHeader<F extends string>(
  grid: readonly (readonly unknown[])[],
  sheet: string,
  names: ReadonlyMap<string, F>,
  required: F,
  accepted: readonly string[],
): { ok: true; header: LocatedHeader<F> } | { ok: false; problems: Problem[] } {
  let best: { row: number; cells: string[]; known: number } | null = null
  for (let r = 0; r < Math.min(grid.length, HEADER_SEARCH_ROWS); r++) {
    const cells = (grid[r] ?? []).map((c) => parseText(c))
    const fields = cells.map((c) => names.get(headerKey(c)))
    const known = fields.filter((f) => f !== undefined).length
    if (fields.includes(required)) {
      const columns = new Map<F, number>()
      const problems: Problem[] = []
      fields.forEach((f, c) => {
        if (f === undefined) return
        const first = columns.get(f)
        if (first !== undefined) {
          problems.push({
            sheet,
            cell: a1(r + 1, c + 1),
            message: `“${cells[first]}”（${a1(r + 1, first + 1)}）和“${cells[c]}”（${a1(r + 1, c + 1)}）两列都对应“${labelOf(f)}”，无法确定用哪一列：请删除其中一列，或在“导入设置”中改正`,
          })
        } else columns.set(f, c)
      })
      if (problems.length > 0) return { ok: false, problems }
      const title = grid
        .slice(0, r)
        .map((row) => row.map((c) => parseText(c)).filter((t) => t !== ''))
        .map((texts) => [...new Set(texts)].join(' '))
        .join(' ')
      return { ok: true, header: { row: r + 1, columns, headers: cells, title } }
    }
    const filled = cells.filter((c) => c !== '').length
    if (!best || known > best.known || (known === best.known && filled > best.cells.filter(Boolean).length))
      best = { row: r + 1, cells, known }
  }
  const found = (best?.cells ?? []).filter((c) => c !== '')
  return {
    ok: false,
    problems: [
      {
        sheet,
        cell: best ? `A${best.row}` : 'A1',
        message:
          `未找到“${labelOf(required)}”列。${found.length > 0 ? `表头为：${found.join('、')}` : '表格前几行没有表头'}。` +
          `可识别的列名：${accepted.join('、')}；其他列名请在“导入设置”表登记（源列名、字段）`,
      },
    ],
  }
}

function labelOf(f: string): string {
  return SOURCE_FIELDS.find((d) => d.key === f)?.label ?? f
}

/** A 合计/总计/小计 row ends the data (an export's footer). */
export function isTotalRow(cells: readonly unknown[]): boolean {
  const first = cells.map((c) => parseText(c).replace(/\s+/g, '')).find((t) => t !== '')
  return first !== undefined && /^(合计|总计|小计|总数|汇总)/.test(first)
}

/** One data row of an export: its 0-based index, its cell by field, and who it names. */
export interface PersonRow<F extends string> {
  readonly r: number
  readonly at: (f: F) => unknown
  readonly idText: string
  readonly name: string
}

/**
 * The data rows below an export's header (`headerRow`, 1-based) that name somebody (a 工号 or a 姓名):
 * blank rows are passed over and a 合计/总计 row ends the data. Shared by the platform and attendance exports.
 */
export function* personRows<F extends string>(
  grid: readonly (readonly unknown[])[],
  headerRow: number,
  columns: ReadonlyMap<F, number>,
): Generator<PersonRow<F>> {
  const id = 'id' as F // both exports' fields include 工号 and 姓名
  const name = 'name' as F
  for (let r = headerRow; r < grid.length; r++) {
    const cells = grid[r] ?? []
    if (cells.every((c) => isBlank(c))) continue
    if (isTotalRow(cells)) break
    const at = (f: F) => {
      const c = columns.get(f)
      return c === undefined ? undefined : cells[c]
    }
    const idText = parseText(at(id))
    const who = parseText(at(name))
    if (idText !== '' || who !== '') yield { r, at, idText, name: who }
  }
}

/** The year-month a text or cell names: 2026年5月, 2026-05, 2026/5, 202605, a date; null when none. */
export function monthIn(v: unknown): MonthKey | null {
  if (isDate(v)) return `${v.getFullYear()}-${String(v.getMonth() + 1).padStart(2, '0')}`
  const text = toHalfWidth(parseText(v))
  const m =
    /(\d{4})\s*年\s*(\d{1,2})\s*月/.exec(text) ??
    /(\d{4})[-/.](\d{1,2})(?!\d)/.exec(text) ??
    /^(\d{4})(\d{2})$/.exec(text)
  if (!m) return null
  const month = Number(m[2])
  if (month < 1 || month > 12) return null
  return `${m[1]}-${String(month).padStart(2, '0')}`
}

/** What a platform export carries for one operator (a key is absent when its cell is blank or missing). */
export interface ImportValues {
  days?: Exact
  calls?: number
  texts?: number
  satisfaction?: Exact
  satisfied?: number
  basicallySatisfied?: number
  ratedCount?: number
  talkSeconds?: number
  /** 日均通话时长 in whole seconds (第七条（三）reference). */
  dailyTalk?: number
}

export interface ExportRow {
  /** 1-based row of the export. */
  readonly row: number
  readonly idText: string
  readonly id: string
  readonly name: string
  readonly values: ImportValues
}

export interface PlatformExport {
  readonly header: LocatedHeader<SourceField>
  readonly rows: readonly ExportRow[]
  /** The fields the export's columns carry. */
  readonly fields: ReadonlySet<SourceField>
}

const ACCEPTED = SOURCE_FIELDS.filter((f) => f.key !== 'month').flatMap((f) => f.names)

/**
 * Reads a platform export for `month`. Problems (nothing is imported then): no 工号 column, two columns for
 * one field, a cell that is not what its column holds (naming the export's sheet, row and column), a
 * month in the title or the 统计月份 column other than `month`, 评价数 below 满意 + 基本满意.
 */
export function readPlatformExport(
  grid: readonly (readonly unknown[])[],
  sheet: string,
  month: MonthKey,
  names: ColumnNames = columnNames(),
): { ok: true; export: PlatformExport } | { ok: false; problems: Problem[] } {
  const located = locateHeader(grid, sheet, names, 'id', ACCEPTED)
  if (!located.ok) return located
  const header = located.header
  const problems: Problem[] = []
  const titleMonth = monthIn(header.title)
  if (titleMonth !== null && titleMonth !== month)
    problems.push({
      sheet,
      cell: 'A1',
      message: `导出表标题“${header.title}”是${titleMonth}的数据，不是要导入的${month}：请选择正确的文件或月份`,
    })
  const col = (f: SourceField) => header.columns.get(f)
  const rows: ExportRow[] = []
  for (const { r, at, idText, name } of personRows(grid, header.row, header.columns)) {
    const where = (f: SourceField) => a1(r + 1, (col(f) ?? 0) + 1)
    const label = (f: SourceField) => header.headers[col(f) ?? 0] ?? labelOf(f)
    const who = name !== '' ? `${name}（${idText || '无工号'}）` : idText
    const bad = (f: SourceField, message: string) =>
      problems.push({ sheet, cell: where(f), message: `第${r + 1}行${who}：${message}` })
    const monthCell = at('month')
    if (monthCell !== undefined && !isBlank(monthCell)) {
      const m = monthIn(monthCell)
      if (m !== null && m !== month)
        bad('month', `“${label('month')}”为${m}，不是要导入的${month}：请选择正确的文件或月份`)
    }
    const values: ImportValues = {}
    const read = <T>(
      f: SourceField,
      parse: (v: unknown, field: string) => { ok: true; value: T } | { ok: false; message: string },
    ): T | undefined => {
      const v = at(f)
      if (v === undefined || isBlank(v)) return undefined
      const p = parse(v, `“${label(f)}”`)
      if (p.ok) return p.value
      bad(f, p.message)
      return undefined
    }
    const days = read('days', parseDays)
    if (days !== undefined) values.days = days
    const calls = read('calls', parseCount)
    if (calls !== undefined) values.calls = calls
    const texts = read('texts', parseCount)
    if (texts !== undefined) values.texts = texts
    const satisfied = read('satisfied', parseCount)
    const basic = read('basicallySatisfied', parseCount)
    const dissatisfied = read('dissatisfied', parseCount)
    const rated = read('ratedCount', parseCount)
    const rate = read('satisfaction', parseRate)
    const talk = read('talkSeconds', parseDuration)
    const daily = read('dailyTalk', parseDuration)
    if (satisfied !== undefined && basic !== undefined) {
      const total = rated ?? (dissatisfied !== undefined ? satisfied + basic + dissatisfied : undefined)
      if (total !== undefined && total < satisfied + basic)
        bad(
          rated !== undefined ? 'ratedCount' : 'dissatisfied',
          `评价数${total}小于满意${satisfied}与基本满意${basic}之和`,
        )
      else if (total !== undefined && total > 0) {
        values.satisfied = satisfied
        values.basicallySatisfied = basic
        values.ratedCount = total
        // 第七条（四）: the rate from the counts, exactly — never the export's rounded percentage.
        values.satisfaction = exact(satisfied + basic).div(total)
      }
    }
    if (values.satisfaction === undefined && rate !== undefined) values.satisfaction = rate
    if (talk !== undefined) values.talkSeconds = talk
    if (daily !== undefined) values.dailyTalk = daily
    else if (talk !== undefined && days !== undefined) values.dailyTalk = dailyTalkSeconds(talk, days)
    rows.push({ row: r + 1, idText, id: idKey(at('id')), name, values })
  }
  if (problems.length > 0) return { ok: false, problems }
  return { ok: true, export: { header, rows, fields: new Set(header.columns.keys()) } }
}

/** 第七条（三）'s reference, 日均通话时长 = 通话总时长 ÷ 出勤天数, in whole seconds (the import, the statement). */
export function dailyTalkSeconds(talkSeconds: number, days: Exact): number {
  return Number(roundHalfAwayFromZero(exact(talkSeconds).div(days), 0).valueOf())
}

/** Seconds as h:mm:ss (日均通话时长 as the sheet and the statement show it). */
export function clockText(seconds: number): string {
  const s = Math.max(0, Math.round(seconds))
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const sec = s % 60
  return `${h}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}`
}

/** A person to match an export row against: their 工号 as the workbook holds it, and name. */
export interface Candidate {
  readonly id: string
  readonly name: string
}

export type Match<C extends Candidate> =
  | { readonly ok: true; readonly who: C; readonly by: 'id' | 'name' }
  | { readonly ok: false; readonly reason: string }

/** SPEC §14: by 工号 (normalised), else by 姓名 when exactly one candidate has it. */
export function matcher<C extends Candidate>(
  candidates: readonly C[],
): (id: string, name: string) => Match<C> {
  const byId = new Map<string, C>()
  const byName = new Map<string, C[]>()
  for (const c of candidates) {
    byId.set(idKey(c.id), c)
    const k = nameKey(c.name)
    byName.set(k, [...(byName.get(k) ?? []), c])
  }
  return (id, name) => {
    const hit = id === '' ? undefined : byId.get(id)
    if (hit) return { ok: true, who: hit, by: 'id' }
    const named = name === '' ? [] : (byName.get(nameKey(name)) ?? [])
    const only = named[0]
    if (named.length === 1 && only) return { ok: true, who: only, by: 'name' }
    if (named.length > 1)
      return { ok: false, reason: `姓名“${name}”有${named.length}人，工号又对不上，无法确定是谁` }
    return { ok: false, reason: '工号和姓名都对不上' }
  }
}
