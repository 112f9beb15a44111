import { describe, expect, it } from 'vitest'
import { statusTypes } from '../../src/core/attendance-import'
import { parseCsv } from '../../src/core/csv'
import { clockText, headerKey, idKey, matcher, monthIn } from '../../src/core/platform-import'

describe('SPEC §14 reading exports', () => {
  it.each([
    [5, '5'],
    ['005', '5'],
    [' 0 05 ', '5'],
    ['００５', '5'],
    ['a03', 'A03'],
    ['Ａ０３', 'A03'],
    ['0', '0'],
  ] as const)('工号 %j matches as %s', (v, key) => {
    expect(idKey(v)).toBe(key)
  })

  it.each([
    ['满意率(%)', '满意率'],
    ['通话总时长（秒）', '通话总时长'],
    [' 坐席 工号 ', '坐席工号'],
  ])('header %s reads as %s', (h, key) => {
    expect(headerKey(h)).toBe(key)
  })

  it.each([
    ['2026年5月坐席工作量统计', '2026-05'],
    ['统计周期：2026-05-01至2026-05-31', '2026-05'],
    ['202605', '2026-05'],
    ['2026/12', '2026-12'],
    ['坐席工作量统计', null],
    ['2026年13月', null],
  ])('the month of %s is %s', (text, month) => {
    expect(monthIn(text)).toBe(month)
  })

  it.each([
    ['迟到', ['迟到']],
    ['旷工（半天）', ['旷工半天']],
    ['旷工（一天）', ['旷工半天', '旷工半天']],
    ['迟到、早退', ['迟到', '早退']],
    ['擅自脱岗', ['擅自脱岗半天']],
    ['请假', null],
    ['缺卡', null],
  ] as const)('第七条（二） attendance status %s → %j', (status, types) => {
    expect(statusTypes(status)).toEqual(types)
  })

  it('CSV: BOM, quotes, doubled quotes, commas and line breaks inside quotes, CRLF', () => {
    expect(parseCsv('\ufeff工号,姓名,备注\r\n001,"张,明","说""好""\n换行"\r\n\r\n')).toEqual([
      ['工号', '姓名', '备注'],
      ['001', '张,明', '说"好"\n换行'],
    ])
  })

  it('matching: by 工号, else by a unique 姓名, never a guess between namesakes', () => {
    const match = matcher([
      { id: '001', name: '张明' },
      { id: '002', name: '李 华' },
      { id: '003', name: '王芳' },
      { id: '004', name: '王芳' },
    ])
    expect(match('1', '')).toMatchObject({ ok: true, by: 'id', who: { id: '001' } })
    expect(match('', '李华')).toMatchObject({ ok: true, by: 'name', who: { id: '002' } })
    expect(match('', '王芳')).toMatchObject({ ok: false })
    expect(match('9', '赵强')).toMatchObject({ ok: false })
  })

  it('第七条（三） 日均通话时长 as h:mm:ss', () => {
    expect(clockText(7200)).toBe('2:00:00')
    expect(clockText(3725)).toBe('1:02:05')
  })
})
