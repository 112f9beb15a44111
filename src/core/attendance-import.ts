/**
 * SPEC §14: an attendance system's export (rows of 日期, 工号 or 姓名, and a status) → 事件 incidents.
 * 第七条（二）: 迟到、早退 each −1; 旷工、擅自脱岗 −2 a half day. Pure; workbook/import.ts matches and writes.
 *
 * Reading notes: 旷工（半天） is one 旷工半天; 旷工（一天）/（全天） and a bare 旷工 (attendance systems
 * record absence by the day) are two; 擅自脱岗 is one 擅自脱岗半天. 正常, 请假 (and its kinds: 事假, 病假…),
 * 调休, 补休, 出差 are counted and skipped; any other status is counted as not recognised and skipped, and the
 * result lists it so a person can look. A cell naming two statuses ("迟到、早退") gives both.
 */

import type { LocalDate } from './dates'
import type { IncidentType } from './model'
import { parseDate, parseText } from './parse'
import { headerKey, idKey, locateHeader, personRows, SOURCE_FIELDS, toHalfWidth } from './platform-import'
import { a1, type Problem } from './problems'

export type AttendanceField = 'date' | 'id' | 'name' | 'status'

const NAMES: readonly [AttendanceField, readonly string[]][] = [
  ['date', ['日期', '考勤日期', '打卡日期', '出勤日期']],
  ['id', SOURCE_FIELDS.find((f) => f.key === 'id')?.names ?? ['工号']],
  ['name', SOURCE_FIELDS.find((f) => f.key === 'name')?.names ?? ['姓名']],
  ['status', ['考勤状态', '状态', '考勤结果', '出勤状态', '异常类型', '考勤类型', '类型', '考勤异常']],
]

const COLUMN_NAMES: ReadonlyMap<string, AttendanceField> = new Map(
  NAMES.flatMap(([f, names]) => names.map((n) => [headerKey(n), f] as const)),
)

/** 第七条（二）: the statuses that become 事件 rows, and how many of each. */
const SCORED: ReadonlyMap<string, readonly IncidentType[]> = new Map([
  ['迟到', ['迟到']],
  ['早退', ['早退']],
  ['旷工(半天)', ['旷工半天']],
  ['旷工半天', ['旷工半天']],
  ['旷工(一天)', ['旷工半天', '旷工半天']],
  ['旷工一天', ['旷工半天', '旷工半天']],
  ['旷工(全天)', ['旷工半天', '旷工半天']],
  ['旷工全天', ['旷工半天', '旷工半天']],
  ['旷工', ['旷工半天', '旷工半天']],
  ['擅自脱岗', ['擅自脱岗半天']],
  ['擅自脱岗(半天)', ['擅自脱岗半天']],
  ['擅自脱岗半天', ['擅自脱岗半天']],
  ['脱岗', ['擅自脱岗半天']],
])

/** Not scored by 第七条（二）: counted in the result and skipped. */
const UNSCORED = /^(正常|请假|事假|病假|年假|婚假|产假|丧假|探亲假|公假|调休|补休|出差|休息|公休)$/

export interface AttendanceRow {
  readonly row: number
  readonly id: string
  readonly idText: string
  readonly name: string
  readonly date: LocalDate
  readonly status: string
  readonly types: readonly IncidentType[]
}

export interface AttendanceExport {
  /** Rows that become 事件 (scored statuses). */
  readonly rows: readonly AttendanceRow[]
  /** Rows skipped by status, status → count: 正常, 请假… */
  readonly unscored: ReadonlyMap<string, number>
  /** Statuses not recognised, status → count (skipped; listed so a person can look). */
  readonly unknown: ReadonlyMap<string, number>
  /** Data rows read (below the header, above any 合计 row). */
  readonly read: number
}

const ACCEPTED = NAMES.flatMap(([, names]) => names)

function bump(m: Map<string, number>, k: string): void {
  m.set(k, (m.get(k) ?? 0) + 1)
}

/** The 事件 types a status cell gives: null when it is not scored (or not recognised). */
export function statusTypes(status: string): readonly IncidentType[] | null {
  const parts = toHalfWidth(status)
    .replace(/\s+/g, '')
    .split(/[、,;；/]/)
    .filter((p) => p !== '')
  const out: IncidentType[] = []
  for (const p of parts) {
    const t = SCORED.get(p)
    if (t) out.push(...t)
  }
  return out.length > 0 ? out : null
}

/** Reads an attendance export; problems (nothing imported then): no 工号 column or status column, bad dates. */
export function readAttendanceExport(
  grid: readonly (readonly unknown[])[],
  sheet: string,
): { ok: true; export: AttendanceExport } | { ok: false; problems: Problem[] } {
  const located = locateHeader(grid, sheet, COLUMN_NAMES, 'id', ACCEPTED)
  if (!located.ok) return located
  const { row: headerRow, columns } = located.header
  const problems: Problem[] = []
  for (const [f, label] of [
    ['date', '日期'],
    ['status', '考勤状态'],
  ] as const)
    if (!columns.has(f))
      problems.push({
        sheet,
        cell: `A${headerRow}`,
        message: `未找到“${label}”列。可识别的列名：${NAMES.find(([k]) => k === f)?.[1].join('、')}`,
      })
  if (problems.length > 0) return { ok: false, problems }
  const rows: AttendanceRow[] = []
  const unscored = new Map<string, number>()
  const unknown = new Map<string, number>()
  let read = 0
  for (const { r, at, idText, name } of personRows(grid, headerRow, columns)) {
    read += 1
    const status = parseText(at('status')).replace(/\s+/g, '')
    const types = statusTypes(status)
    if (!types) {
      if (UNSCORED.test(status) || status === '') bump(unscored, status === '' ? '（空白）' : status)
      else bump(unknown, status)
      continue
    }
    const date = parseDate(at('date'), '日期')
    if (!date.ok) {
      problems.push({
        sheet,
        cell: a1(r + 1, (columns.get('date') ?? 0) + 1),
        message: `第${r + 1}行：${date.message}`,
      })
      continue
    }
    rows.push({ row: r + 1, id: idKey(at('id')), idText, name, date: date.value, status, types })
  }
  if (problems.length > 0) return { ok: false, problems }
  return { ok: true, export: { rows, unscored, unknown, read } }
}
