/**
 * Exports that look like the real ones (SPEC §14): the 12368 platform's 坐席工作量统计 with a title row, its
 * own column names in its own order, extra columns and a 合计 row; an attendance system's daily rows.
 */
import type { Cell } from '../../src/workbook/types'

export interface PlatformLine {
  readonly id: Cell
  readonly name: string
  readonly days?: Cell
  readonly calls?: Cell
  readonly texts?: Cell
  readonly satisfied?: Cell
  readonly basic?: Cell
  readonly dissatisfied?: Cell
  readonly talk?: Cell
}

/** The platform's default per-operator export for a month (title "2026年5月坐席工作量统计"). */
export function platformExport(
  lines: readonly PlatformLine[],
  opts: { title?: string; texts?: boolean } = {},
): Cell[][] {
  const texts = opts.texts ?? true
  const header = [
    '序号',
    '坐席工号',
    '坐席姓名',
    '所属班组',
    '人工接听量',
    ...(texts ? ['在线咨询数'] : []),
    '在岗天数',
    '满意',
    '基本满意',
    '不满意',
    '满意率(%)',
    '通话总时长',
  ]
  const rows = lines.map((l, i): Cell[] => {
    const s = typeof l.satisfied === 'number' ? l.satisfied : 0
    const b = typeof l.basic === 'number' ? l.basic : 0
    const d = typeof l.dissatisfied === 'number' ? l.dissatisfied : 0
    const rate = s + b + d > 0 ? ((100 * (s + b)) / (s + b + d)).toFixed(2) : ''
    return [
      i + 1,
      l.id,
      l.name,
      '一组',
      l.calls ?? '',
      ...(texts ? [l.texts ?? ''] : []),
      l.days ?? '',
      l.satisfied ?? '',
      l.basic ?? '',
      l.dissatisfied ?? '',
      rate,
      l.talk ?? '',
    ]
  })
  const width = header.length
  const title: Cell[] = [
    opts.title ?? '2026年5月坐席工作量统计',
    ...Array.from({ length: width - 1 }, () => ''),
  ]
  const exported: Cell[] = ['导出时间：2026-06-01 09:00', ...Array.from({ length: width - 1 }, () => '')]
  const total: Cell[] = [
    '合计',
    '',
    '',
    '',
    lines.reduce((n, l) => n + (typeof l.calls === 'number' ? l.calls : 0), 0),
  ]
  return [
    title,
    exported,
    header,
    ...rows,
    [...total, ...Array.from({ length: width - total.length }, () => '')],
  ]
}

/** May 2026 for the fixture team (test/workbook/fixture.ts), 陈静 (A05) with the counts. */
export const MAY: readonly PlatformLine[] = [
  {
    id: 'A01',
    name: '张明',
    days: 21,
    calls: 1302,
    texts: 12,
    satisfied: 1100,
    basic: 40,
    dissatisfied: 10,
    talk: 151_200,
  },
  {
    id: 'A02',
    name: '李华',
    days: 21,
    calls: 1701,
    texts: 0,
    satisfied: 1500,
    basic: 20,
    dissatisfied: 5,
    talk: 160_000,
  },
  {
    id: 'a03',
    name: '王芳',
    days: 20,
    calls: 1600,
    texts: 30,
    satisfied: 1400,
    basic: 30,
    dissatisfied: 0,
    talk: 144_000,
  },
  {
    id: 'Ａ０４',
    name: '赵强',
    days: 21,
    calls: 1500,
    texts: 3,
    satisfied: 1300,
    basic: 20,
    dissatisfied: 30,
    talk: 130_000,
  },
  {
    id: 'A05',
    name: '陈静',
    days: 20,
    calls: 1750,
    texts: 0,
    satisfied: 1188,
    basic: 36,
    dissatisfied: 87,
    talk: '40:00:00',
  },
  {
    id: '',
    name: '刘洋',
    days: 20,
    calls: 1400,
    texts: 0,
    satisfied: 1200,
    basic: 50,
    dissatisfied: 50,
    talk: 120_000,
  },
  {
    id: 'A99',
    name: '外包坐席',
    days: 10,
    calls: 500,
    texts: 0,
    satisfied: 400,
    basic: 10,
    dissatisfied: 5,
    talk: 50_000,
  },
]
