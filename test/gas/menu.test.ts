import { describe, expect, it } from 'vitest'
import { defaultPeriod, MENU_ITEMS, problemText, splitObjectionRow } from '../../src/gas/menu'
import { escapeHtml, renderSidebar } from '../../src/gas/sidebar'

describe('menu helpers', () => {
  it.each([
    ['2026-01-15', 'month', { kind: 'month', year: 2025, month: 12 }],
    ['2026-05-03', 'month', { kind: 'month', year: 2026, month: 4 }],
    ['2026-01-15', 'quarter', { kind: 'quarter', year: 2025, quarter: 4 }],
    ['2026-05-03', 'quarter', { kind: 'quarter', year: 2026, quarter: 1 }],
    ['2026-01-05', 'year', { kind: 'year', year: 2025 }],
  ] as const)(
    '第八条、第九条、第十条 on %s the default %s to close is the previous one',
    (today, kind, want) => {
      expect(defaultPeriod(kind, today)).toEqual(want)
    },
  )

  it('§11 problems: sheet, cell and reason, the first 30 then how many more', () => {
    const problems = Array.from({ length: 35 }, (_, i) => ({
      sheet: '2026-05 月度',
      cell: `C${i + 2}`,
      message: '出勤天数应大于0且不超过31',
    }))
    const lines = problemText(problems).split('\n')
    expect(lines).toHaveLength(31)
    expect(lines[0]).toBe('1. “2026-05 月度” C2：出勤天数应大于0且不超过31')
    expect(lines[30]).toBe('另有5项')
    expect(problemText(problems.slice(0, 2)).split('\n')).toHaveLength(2)
  })

  it('§11 the menu lists the items of the spec, in order, with handler names', () => {
    expect(MENU_ITEMS.filter((i) => i !== null).map((i) => i?.[0])).toEqual([
      '初始化考核表',
      '新建月度录入表…',
      '导入…', // issue 14 (platform and attendance exports, SPEC §14)
      '导入考勤…',
      '校验数据',
      '月度结算…',
      '季度结算…',
      '年度结算…',
      '重新开放…',
      '生成公示表',
      '预警一览',
      '刷新看板…', // issue 7 (看板, 个人成绩单, printable report)
      '个人成绩单…',
      '考核报告（可打印）…',
      '导入节假日安排…', // issue 16 (SPEC §8: the State Council notice into 节假日)
      '帮助',
    ])
  })
})

describe('预警一览 sidebar', () => {
  it('第十五条、第十六条 alerts are listed by level, every workbook text escaped', () => {
    const html = renderSidebar({
      asOf: '2026-06-03',
      openAlerts: [
        {
          month: '2026-05',
          id: '001',
          name: '<script>alert(1)</script>',
          level: '辞退或更换',
          clause: '第十六条（一）',
          reason: '连续3个月排名倒数前三（2026-03、04、05）',
        },
        {
          month: '2026-05',
          id: '002',
          name: '李四 & "王五"',
          level: '谈话提醒',
          clause: '第十五条（一）',
          reason: 'x',
        },
      ],
      expiringLeave: [],
      openObjections: [],
      deadlines: [],
      notices: ['2027年节假日数据缺失'],
    })
    expect(html).not.toMatch(/<script>/)
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).toContain('李四 &amp; &quot;王五&quot;')
    expect(html).toContain('class="dismissal"')
    expect(html).toContain('class="reminder"')
    expect(html).toContain('第十六条（一）')
    expect(html).toContain('近期没有到期的补休')
    expect(escapeHtml("'")).toBe('&#39;')
  })
})

describe('重新开放… prompt (第八条: a late 更正 names its 异议 row)', () => {
  it.each([
    ['2026-05', '2026-05', null],
    ['2026-05 3', '2026-05', 3],
    ['2026-05，第3行', '2026-05', 3],
    ['2026-05 异议12', '2026-05', 12],
    ['2026-Q2', '2026-Q2', null],
    ['', '', null],
  ])('“%s” → period %s, row %s', (text, period, row) => {
    expect(splitObjectionRow(text)).toEqual({ period, row })
  })
})
