/**
 * End to end: dist/Code.js (built by the global setup) runs in a bare V8 context as Apps Script runs it,
 * and its top-level functions are called exactly as Sheets calls them: 2-D arrays in and out, Date
 * objects for date cells.
 */
import vm from 'node:vm'
import { describe, expect, it } from 'vitest'
import { MONTH_INPUT_HEADERS } from '../../src/core/fields'
import { bundleSource, loadBundle, sheetFunction } from '../support/load-bundle'

const CUSTOM_FUNCTIONS = [
  'WORKLOADSCORE',
  'ATTENDANCESCORE',
  'SATISFACTIONSCORE',
  'QCSCORE',
  'MONTHSCORE',
  'MONTHBREAKDOWN',
  'QUARTERSCORE',
  'YEARSCORE',
  'LEADERBAND',
  'ELIGIBLE',
  'STARS',
  'TIER',
  'DEADLINE',
]

/** A Date made inside the context, as Sheets hands the script its own Date objects. */
function dateIn(context: vm.Context, iso: string): unknown {
  return vm.runInContext(`new Date(${JSON.stringify(iso)})`, context)
}

/** Minimal Apps Script doubles: a spreadsheet in `timeZone`, the formula in `row`. */
function appsScriptGlobals(timeZone: string, row: number): Record<string, unknown> {
  return {
    SpreadsheetApp: {
      getActive: () => ({ getSpreadsheetTimeZone: () => timeZone }),
      getActiveRange: () => ({ getRow: () => row }),
    },
    Utilities: {
      formatDate: (d: Date, tz: string, pattern: string) => {
        if (pattern !== 'yyyy-MM-dd') throw new Error(`unexpected pattern ${pattern}`)
        return new Intl.DateTimeFormat('en-CA', {
          timeZone: tz,
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
        }).format(d)
      },
    },
  }
}

describe('§10 dist/Code.js runs in bare V8', () => {
  const source = bundleSource()

  it.each([
    ['require', /\brequire\s*\(/],
    ['process', /\bprocess\b/],
    ['Buffer', /\bBuffer\b/],
    ['setTimeout', /\bsetTimeout\b/],
    ['export', /^\s*export\s/m],
    ['import', /^\s*import\s|\bimport\s*\(/m],
  ])('第七条 the bundle does not reference %s', (_name, pattern) => {
    expect(source).not.toMatch(pattern)
  })

  it('§10 every custom function is a top-level function with its JSDoc and @customfunction right above', () => {
    for (const name of CUSTOM_FUNCTIONS) {
      const wrapper = new RegExp(
        `/\\*\\*\\n(?: \\*[^\\n]*\\n)*? \\* @customfunction\\n \\*/\\nfunction ${name}\\(([^)]*)\\) \\{\\n  return Kaohe\\.${name}\\(\\1\\)\\n\\}`,
      )
      expect(source, name).toMatch(wrapper)
    }
    expect(source).toMatch(/ \* @param \{[^}]+\} calls 接听电话数/)
    expect(source).toMatch(/function WORKLOADSCORE\(calls, texts, days, isLeader\)/)
    expect(source).toMatch(/function MONTHSCORE\(inputs, headers\)/)
  })

  it('§10 exposes no helper functions (only exports of src/gas/main.ts)', () => {
    const topLevel = [...source.matchAll(/^function (\w+)\(/gm)].map((m) => m[1])
    for (const name of CUSTOM_FUNCTIONS) expect(topLevel).toContain(name)
    expect(topLevel).not.toContain('elementwise')
    expect(topLevel).not.toContain('setRulesProvider')
  })
})

describe('§10 custom functions called as Sheets calls them', () => {
  const ctx = loadBundle()
  const call = (name: string, ...args: unknown[]) => sheetFunction(ctx, name)(...args)

  it('第七条（一） WORKLOADSCORE: a column in, a column out; the rounding trap 35.05 → 35.1', () => {
    expect(
      call(
        'WORKLOADSCORE',
        [[1501], [1155], [799], ['']],
        [[0], [0], [0], ['']],
        [[20], [20], [20], ['']],
        [[false], [true], [false], ['']],
      ),
    ).toEqual([[35.1], [35.1], [-0.1], ['']])
    expect(call('WORKLOADSCORE', 1501, 0, 20)).toBe(35.1)
  })

  it('第七条（四） SATISFACTIONSCORE: a 96.5% cell arrives as 0.965 → 9.7', () => {
    expect(call('SATISFACTIONSCORE', 0.965)).toBe(9.7)
  })

  it('第七条 MONTHSCORE / MONTHBREAKDOWN over a sheet block with its header row', () => {
    const block = [
      [...MONTH_INPUT_HEADERS],
      [20, 1501, 0, false, 0, 0, true, 0, 0, 8.5, 0.965, 0, 0, 0],
      [20, 1155, 0, true, 1, 0, false, 2, 0, 9, 1, 3, 1, 2],
      ['', '', '', '', '', '', '', '', '', '', '', '', '', ''],
      [20, -5, 0, false, 0, 0, true, 0, 0, 8, 0.9, 0, 0, 0],
    ]
    expect(call('MONTHSCORE', block)).toEqual([
      ['月度总分'],
      [73.3],
      [70.1],
      [''],
      ['错误：区域第5行，接听电话数应为不小于0的整数，实际为“-5”；请填写如 0、12 的整数'],
    ])
    expect((call('MONTHBREAKDOWN', block) as unknown[][])[2]).toEqual([35.1, 9, 9, 9, 8, 70.1])
  })

  it('第九条、第十条 QUARTERSCORE, YEARSCORE, LEADERBAND', () => {
    expect(call('QUARTERSCORE', [[80, 81, 82.1]])).toEqual([[81.03]])
    expect(call('YEARSCORE', [[80, 80.1]], 8.5)).toEqual([[80.55]])
    expect(call('LEADERBAND', [[9], [6.5]])).toEqual([['优秀'], ['基本称职']])
  })

  it('第十一条、第十三条 STARS and TIER', () => {
    expect(call('STARS', [[90], [88], [88], [85]])).toEqual([['每月之星'], ['每月之星'], ['每月之星'], ['']])
    expect(call('TIER', [[95], [90], [85], [80], [75]])).toEqual([
      ['优秀'], // N = 5: floor(5 × 20%) = 1 优秀
      ['良好'], // floor(5 × 30%) = 1 良好
      ['称职'],
      ['称职'],
      ['称职'],
    ])
  })

  it('第八条 DEADLINE uses the built-in holiday calendar', () => {
    expect(call('DEADLINE', '2026-04')).toBe('2026-05-08')
  })

  it('第十四条 ELIGIBLE with a Date cell (local calendar when there is no spreadsheet)', () => {
    const start = vm.runInContext('new Date(2026, 3, 1)', ctx)
    expect(call('ELIGIBLE', [[start], ['2026-04-02']], '2026-05')).toEqual([[true], [false]])
  })

  it('第七条 a bad scalar throws a Chinese error (Sheets shows #ERROR!)', () => {
    expect(() => call('WORKLOADSCORE', 'abc', 0, 20)).toThrow(
      '接听电话数应为不小于0的整数，实际为“abc”；请填写如 0、12 的整数',
    )
  })
})

describe('§10 with Apps Script globals: spreadsheet time zone and formula row', () => {
  it('第十四条 a Date is read in the spreadsheet time zone', () => {
    // 2026-04-01 16:30 UTC is already 2 April in Shanghai: one day short of 2 months for May.
    const shanghai = loadBundle(appsScriptGlobals('Asia/Shanghai', 2))
    const london = loadBundle(appsScriptGlobals('Europe/London', 2))
    const eligible = (ctx: vm.Context) =>
      sheetFunction(ctx, 'ELIGIBLE')(dateIn(ctx, '2026-04-01T16:30:00Z'), '2026-05')
    expect(eligible(shanghai)).toBe(false)
    expect(eligible(london)).toBe(true)
  })

  it('第七条 a bad row names the sheet row of the formula', () => {
    const ctx = loadBundle(appsScriptGlobals('Asia/Shanghai', 5))
    expect(sheetFunction(ctx, 'QCSCORE')([[1], ['x']])).toEqual([
      [9],
      ['错误：第6行，质检扣分应为数值，实际为“x”'],
    ])
  })
})
