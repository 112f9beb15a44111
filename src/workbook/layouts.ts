/**
 * The sheets staff see (SPEC §9): names, headers in order, column types, dropdowns, ranges, header notes
 * citing the article, widths and number formats. Both hosts build their sheets from this data, so a Google
 * Sheet downloaded as .xlsx has exactly the layout the command line expects, and back.
 */
import { toCellNumber } from '../core/decimal'
import { INCIDENT_TYPES, type MonthBreakdown, NOON_OUTCOMES, ROLES, TIERS } from '../core/model'
import { formatPeriod, type MonthKey, monthKey, monthsOf, type Period } from '../core/period'
import type { ColumnSpec, SheetLayout } from './types'

export const SHEET = {
  rules: '规则',
  roster: '人员',
  secondments: '借调',
  events: '事件',
  noon: '值班',
  holidays: '节假日',
  alerts: '预警',
  leave: '补休',
  publish: '公示',
  log: '日志',
  letters: '年度发函',
  summary: '月度结果汇总',
} as const

/** `2026-05 月度` */
export function monthSheetName(month: MonthKey): string {
  return `${month} 月度`
}

/** `2026-Q2 季度` */
export function quarterSheetName(p: Period): string {
  return `${formatPeriod({ kind: 'quarter', year: p.year, quarter: p.kind === 'quarter' ? p.quarter : 1 })} 季度`
}

/** `2026 年度` */
export function yearSheetName(year: number): string {
  return `${year} 年度`
}

/** The month of a month sheet's name, or null: `2026-05 月度` → `2026-05`. */
export function monthOfSheetName(name: string): MonthKey | null {
  const m = /^(\d{4})-(\d{2}) 月度$/.exec(name.trim())
  if (!m) return null
  const month = Number(m[2])
  return month >= 1 && month <= 12 ? monthKey(Number(m[1]), month) : null
}

export const BOOL_OPTIONS = ['是', '否'] as const
export const DAY_TYPES = ['休息日', '工作日'] as const
export const ALERT_LEVELS = ['谈话提醒', '辞退或更换', '派驻缺位'] as const
/** The 规则 row that lists who may edit closed sheets (comma-separated emails); not a numeric rule. */
export const ADMIN_EDITORS_KEY = 'admin.editors'
/** …and its 参数 as the 规则 sheet shows it. */
export const ADMIN_EDITORS_LABEL = '可编辑已结算表的管理员'

/** SPEC §16: month, quarter, year and 公示 sheets print landscape. */
const LANDSCAPE = { orientation: 'landscape' } as const

const ID: ColumnSpec = { header: '工号', type: 'text', width: 10, note: '话务员工号，须与“人员”表一致' }
const NAME: ColumnSpec = { header: '姓名', type: 'text', width: 10 }

function col(
  header: string,
  type: ColumnSpec['type'],
  extra: Omit<ColumnSpec, 'header' | 'type'> = {},
): ColumnSpec {
  return { header, type, ...extra }
}

const bool = (header: string, note: string): ColumnSpec =>
  col(header, 'bool', { options: BOOL_OPTIONS, width: 8, note })

const score = (header: string, note: string): ColumnSpec =>
  col(header, 'number', { format: '0.0', width: 10, result: true, note })

/**
 * 第七条's five components and the month total, as every sheet names them: the one list that the month and
 * 公示 sheets, the cell functions (MONTHBREAKDOWN) and the reports use.
 */
export const BREAKDOWN_COLUMNS = [
  { key: 'workload', header: '工作量得分', label: '业务工作量', article: '第七条（一）' },
  { key: 'attendance', header: '考勤得分', label: '考勤加班', article: '第七条（二）' },
  { key: 'leader', header: '领导评价得分', label: '领导评价', article: '第七条（三）' },
  { key: 'satisfaction', header: '满意度得分', label: '满意度与投诉率', article: '第七条（四）' },
  { key: 'qc', header: '质检得分', label: '质检结果', article: '第七条（五）' },
  { key: 'total', header: '月度总分', label: '五项得分之和', article: '第七条' },
] as const satisfies readonly {
  readonly key: keyof MonthBreakdown
  readonly header: string
  readonly label: string
  readonly article: string
}[]

export const BREAKDOWN_HEADERS: readonly string[] = BREAKDOWN_COLUMNS.map((c) => c.header)

/** A breakdown as the cells of BREAKDOWN_COLUMNS, each to one decimal. */
export function breakdownCells(b: MonthBreakdown): number[] {
  return BREAKDOWN_COLUMNS.map((c) => toCellNumber(b[c.key]))
}

/** The breakdown's score columns; `notes` overrides the default note (label and article) per key. */
function breakdownScoreColumns(notes: Partial<Record<keyof MonthBreakdown, string>> = {}): ColumnSpec[] {
  return BREAKDOWN_COLUMNS.map((c) => score(c.header, notes[c.key] ?? `${c.label}（${c.article}）`))
}

export const RULES_LAYOUT: SheetLayout = {
  name: SHEET.rules,
  frozenColumns: 1,
  tabColor: '#5f6368',
  columns: [
    col('参数', 'text', {
      wrap: true,
      width: 30,
      note: '参数名称；勿改动（“键”列是同一参数的程序名，两者任一可识别）',
    }),
    col('取值', 'text', {
      width: 14,
      note: '参数取值；修改后自生效日期起的考核期间适用，已结算期间不变',
    }),
    col('生效日期', 'date', {
      width: 12,
      format: 'yyyy-mm-dd',
      note: '留空表示自始适用；填写日期表示自该日起适用（按考核期间首日判断）',
    }),
    col('说明', 'text', { wrap: true, width: 40 }),
    col('条款', 'text', { width: 18, note: '依据《12368热线话务员考核管理办法（试行）》条款' }),
    col('键', 'text', { width: 12, note: '参数的程序名（供核对，勿改动）' }),
  ],
}

export const ROSTER_LAYOUT: SheetLayout = {
  name: SHEET.roster,
  frozenColumns: 2,
  tabColor: '#1a73e8',
  columns: [
    { ...ID, note: '话务员工号（唯一）' },
    NAME,
    col('派驻单位', 'text', { width: 16, note: '派驻的基层法院；留空表示市中院聘用（第一条）' }),
    col('岗位', 'enum', {
      options: ROLES,
      width: 10,
      note: '话务员或带班班长；带班班长工作量按130%计算（第七条（一））',
    }),
    col('入职或派驻日期', 'date', {
      width: 14,
      format: 'yyyy-mm-dd',
      note: '入职或派驻未满2个月不参与月度考核，未满1季度不参与季度考核，未满半年不参与年度考核（第十四条）',
    }),
    col('离岗日期', 'date', {
      width: 12,
      format: 'yyyy-mm-dd',
      note: '在岗留空；派驻人员缺位须于2周内重新派驻（第三条）',
    }),
    col('备注', 'text', { wrap: true, width: 24 }),
  ],
}

export const SECONDMENTS_LAYOUT: SheetLayout = {
  name: SHEET.secondments,
  frozenColumns: 1,
  columns: [
    ID,
    col('开始日期', 'date', { width: 12, format: 'yyyy-mm-dd' }),
    col('结束日期', 'date', { width: 12, format: 'yyyy-mm-dd' }),
    col('说明', 'text', {
      wrap: true,
      width: 30,
      note: '借调期间的考核管理另行安排，借调月份不参与月度考核（第十七条）',
    }),
  ],
}

export const EVENTS_LAYOUT: SheetLayout = {
  name: SHEET.events,
  tabColor: '#e37400',
  columns: [
    col('日期', 'date', {
      width: 12,
      format: 'yyyy-mm-dd',
      note: '事件日期；投诉填值班法官认定为有效投诉的日期，在认定当月扣分（第七条（四））',
    }),
    ID,
    col('类型', 'enum', {
      options: INCIDENT_TYPES,
      width: 14,
      note: '迟到、早退、旷工、擅自脱岗（第七条（二））；投诉、表扬（第七条（四））；质量问题（第七条（五））；考勤作假（第十五、十六条（四））；加班（第七条（二））',
    }),
    col('扣加分', 'number', {
      min: 0,
      width: 8,
      format: '0.0',
      note: '有效投诉、重大投诉扣3-5分（第七条（四））；质量问题扣1-3分（第七条（五））；加班填加分',
    }),
    col('通话编号', 'text', { width: 16, note: '同一通话内容不同渠道的投诉只扣一次分（第七条（四））' }),
    col('说明', 'text', { wrap: true, width: 30 }),
  ],
}

export const NOON_LAYOUT: SheetLayout = {
  name: SHEET.noon,
  columns: [
    col('日期', 'date', {
      width: 12,
      format: 'yyyy-mm-dd',
      note: '工作日中午12:30-14:00值班，每次不超过2人（第五条）',
    }),
    ID,
    col('结果', 'enum', {
      options: NOON_OUTCOMES,
      width: 18,
      note: '提前下班：当天16:30下班；计入补休：累计2次补休半天，当月休完；未提前下班未补休：考勤加1分（第五条、第七条（二））',
    }),
  ],
}

export const HOLIDAYS_LAYOUT: SheetLayout = {
  name: SHEET.holidays,
  columns: [
    col('日期', 'date', { width: 12, format: 'yyyy-mm-dd' }),
    col('类型', 'enum', {
      options: DAY_TYPES,
      width: 10,
      note: '补充或更正内置的法定节假日安排；截止日遇节假日顺延（第八条）',
    }),
    col('说明', 'text', { wrap: true, width: 24 }),
  ],
}

export const ALERTS_LAYOUT: SheetLayout = {
  name: SHEET.alerts,
  tabColor: '#d93025',
  columns: [
    col('月份', 'text', { width: 10, result: true }),
    { ...ID, result: true },
    { ...NAME, result: true },
    col('级别', 'enum', {
      options: ALERT_LEVELS,
      width: 12,
      result: true,
      note: '谈话提醒（第十五条）；辞退或更换（第十六条）；派驻缺位（第三条）',
    }),
    col('条款', 'text', { width: 16, result: true }),
    col('原因', 'text', { wrap: true, width: 50, result: true }),
  ],
}

export const LEAVE_LAYOUT: SheetLayout = {
  name: SHEET.leave,
  frozenColumns: 2,
  columns: [
    { ...ID, result: true },
    { ...NAME, result: true },
    col('来源', 'text', {
      wrap: true,
      width: 30,
      result: true,
      note: '每月之星补休1天（第十一条）；中午值班累计2次补休半天（第五条）',
    }),
    col('获得日期', 'date', { width: 12, format: 'yyyy-mm-dd', result: true }),
    col('天数', 'number', { width: 8, format: '0.0', result: true }),
    col('截止日期', 'date', {
      width: 12,
      format: 'yyyy-mm-dd',
      result: true,
      note: '每月之星补休应于3个月内休完（第十一条）；值班补休原则上当月休完（第五条）',
    }),
    col('已休天数', 'number', {
      min: 0,
      width: 10,
      format: '0.0',
      note: '由监督专员填写已休天数；结算时保留',
    }),
    col('状态', 'text', { width: 12, result: true }),
  ],
}

/** Columns of 公示 (a month's preliminary totals, 第八条). */
export const PUBLISH_LAYOUT: SheetLayout = {
  name: SHEET.publish,
  frozenColumns: 2,
  print: LANDSCAPE,
  tabColor: '#188038',
  columns: [
    { ...ID, result: true, note: '月度考核分数初步统计公示（第八条）' },
    { ...NAME, result: true },
    ...breakdownScoreColumns(),
    col('排名', 'integer', { width: 8, result: true }),
    col('备注', 'text', { wrap: true, width: 40, result: true }),
  ],
}

export const LOG_LAYOUT: SheetLayout = {
  name: SHEET.log,
  tabColor: '#5f6368',
  columns: [
    col('时间', 'text', { width: 20, result: true }),
    col('操作人', 'text', { width: 24, result: true }),
    col('操作', 'text', { width: 12, result: true }),
    col('期间', 'text', { width: 10, result: true }),
    col('结果', 'text', { wrap: true, width: 40, result: true }),
    col('输入摘要', 'text', { wrap: true, width: 36, result: true, note: '结算所依据的输入数据' }),
    col('校验码', 'text', {
      width: 8,
      result: true,
      note: '结算时输入数据的校验码（程序用于判断数据是否改动，无需阅读）',
    }),
  ],
}

/** Draft letters to home courts for dispatched operators rated 优秀 for the year (第十三条第二款). */
export const LETTERS_LAYOUT: SheetLayout = {
  name: SHEET.letters,
  frozenColumns: 3,
  columns: [
    col('年度', 'text', { width: 8, result: true }),
    { ...ID, result: true },
    { ...NAME, result: true },
    col('派驻单位', 'text', { width: 16, result: true }),
    col('年度得分', 'number', { width: 10, format: '0.00', result: true }),
    col('函件草稿', 'text', {
      wrap: true,
      width: 80,
      result: true,
      note: '派驻话务员被评定为年度考核优秀的，市中院立案庭应向相关基层法院发函建议（第十三条第二款）',
    }),
  ],
}

const SUMMARY_NOTE = '由月度结算写入（与该月月度表的结算结果相同），请勿修改'

/**
 * 月度结果汇总: one row per operator listed on a closed month sheet, written by every month close (that
 * month's rows replaced, other months kept). The month sheets stay the human record; this compact copy of
 * their frozen ranking results is what later closes read — 第十五条/第十六条（一）history, quarter and year
 * totals — in one read, whatever the number of months the book holds.
 */
export const SUMMARY_LAYOUT: SheetLayout = {
  name: SHEET.summary,
  frozenColumns: 3,
  tabColor: '#5f6368',
  columns: [
    col('月份', 'text', { width: 10, result: true, note: `${SUMMARY_NOTE}。月份，如 2026-05` }),
    { ...ID, result: true, note: SUMMARY_NOTE },
    { ...NAME, result: true, note: SUMMARY_NOTE },
    col('参与考核', 'text', {
      width: 10,
      result: true,
      note: `${SUMMARY_NOTE}。是：当月参与考核并排名；否：不参与（第十四条、第十七条）`,
    }),
    col('月度总分', 'number', {
      width: 10,
      format: '0.0',
      result: true,
      note: `${SUMMARY_NOTE}。冻结的月度总分（第七条），季度、年度结算据此计算（第九条、第十条）`,
    }),
    col('排名', 'integer', { width: 10, result: true, note: `${SUMMARY_NOTE}（第十一条）` }),
    col('每月之星', 'text', { width: 10, result: true, note: `${SUMMARY_NOTE}（第十一条）` }),
    col('倒数前三', 'text', {
      width: 10,
      result: true,
      note: `${SUMMARY_NOTE}。第十五条、第十六条（一）按此统计连续及累计倒数前三`,
    }),
  ],
}

export const FIXED_LAYOUTS: readonly SheetLayout[] = [
  RULES_LAYOUT,
  ROSTER_LAYOUT,
  SECONDMENTS_LAYOUT,
  EVENTS_LAYOUT,
  NOON_LAYOUT,
  HOLIDAYS_LAYOUT,
  ALERTS_LAYOUT,
  LEAVE_LAYOUT,
  PUBLISH_LAYOUT,
  LOG_LAYOUT,
  SUMMARY_LAYOUT,
]

/** The 14 input columns of a month row after 工号 and 姓名, 出勤天数 … 质检扣分 (§9). */
export const MONTH_INPUT_COLUMNS: readonly ColumnSpec[] = [
  col('出勤天数', 'number', {
    min: 0.5,
    max: 31,
    width: 8,
    format: '0.0',
    note: '当月出勤天数，可为半天（第七条（一））',
  }),
  col('接听电话数', 'integer', { min: 0, width: 10, note: '当月接听电话总数（第七条（一））' }),
  col('文字咨询条数', 'integer', { min: 0, width: 10, note: '每3条折算1通电话（第七条（一））' }),
  bool('带班班长', '带班班长工作量按130%计算（第七条（一））'),
  col('迟到早退次数', 'integer', {
    min: 0,
    width: 10,
    note: '每次扣1分（第七条（二））；留空则按“事件”表统计',
  }),
  col('旷工脱岗半天数', 'integer', {
    min: 0,
    width: 10,
    note: '旷工或擅自脱岗每半天扣2分（第七条（二））；留空则按“事件”表统计',
  }),
  bool('全勤', '当月全勤加2分（第七条（二））；有迟到、早退、旷工的不得填“是”'),
  col('中午值班加分次数', 'integer', {
    min: 0,
    width: 10,
    note: '中午值班且未提前下班或补休的，每次加1分（第五条、第七条（二））；留空则按“值班”表统计',
  }),
  col('其他加班加分', 'number', {
    width: 10,
    format: '0.0',
    note: '其他因工作需要加班的加分（第七条（二））；留空则按“事件”表“加班”统计',
  }),
  col('领导评价', 'number', {
    min: 0,
    max: 10,
    width: 8,
    format: '0.0',
    note: '值班法官评分0-10分，精确到0.1（第七条（三））',
  }),
  col('满意率', 'percent', {
    width: 8,
    format: '0.0%',
    note: '满意率（含满意、基本满意），如 96.5% 或 96.5；100%得10分，每低1%减0.1分（第七条（四））',
  }),
  col('有效投诉扣分', 'number', {
    min: 0,
    width: 10,
    format: '0.0',
    note: '有效投诉每次扣3-5分，同一通话只扣一次（第七条（四））；留空则按“事件”表统计',
  }),
  col('表扬次数', 'integer', { min: 0, width: 8, note: '每次加2分（第七条（四））；留空则按“事件”表统计' }),
  col('质检扣分', 'number', {
    min: 0,
    width: 8,
    format: '0.0',
    note: '质量问题每次扣1-3分（第七条（五））；留空则按“事件”表统计',
  }),
]

/** Count cells that fill from 事件 / 值班 when blank (§9). */
export const COUNT_HEADERS = [
  '迟到早退次数',
  '旷工脱岗半天数',
  '中午值班加分次数',
  '其他加班加分',
  '有效投诉扣分',
  '表扬次数',
  '质检扣分',
] as const

export const MONTH_RESULT_COLUMNS: readonly ColumnSpec[] = [
  ...breakdownScoreColumns({
    workload: '业务工作量：35 + (日均接听 − 75) × 1，精确到0.1（第七条（一））',
    total: '五项得分之和，满分100分（第七条）',
  }),
  col('排名', 'integer', {
    width: 6,
    result: true,
    note: '参与考核人员中由高到低排名，并列同名次（第十一条）',
  }),
  col('每月之星', 'text', { width: 8, result: true, note: '月度得分前三名，补休1天（第十一条）' }),
  col('倒数前三', 'text', { width: 8, result: true, note: '月度排名倒数前三名（第十五条、第十六条）' }),
  col('预警', 'text', {
    wrap: true,
    width: 50,
    result: true,
    note: '谈话提醒（第十五条）、辞退或更换（第十六条）的情形；“不参与：”表示当月不参与考核（第十四条、第十七条）',
  }),
]

export const MONTH_RESULT_HEADERS: readonly string[] = MONTH_RESULT_COLUMNS.map((c) => c.header)

export function monthLayout(month: MonthKey): SheetLayout {
  return {
    name: monthSheetName(month),
    frozenColumns: 2,
    tabColor: '#1a73e8',
    shadeResults: true,
    print: LANDSCAPE,
    columns: [ID, NAME, ...MONTH_INPUT_COLUMNS, ...MONTH_RESULT_COLUMNS],
  }
}

export function quarterLayout(p: Period): SheetLayout {
  const months = monthsOf({ kind: 'quarter', year: p.year, quarter: p.kind === 'quarter' ? p.quarter : 1 })
  return {
    name: quarterSheetName(p),
    frozenColumns: 2,
    print: LANDSCAPE,
    tabColor: '#9334e6',
    columns: [
      { ...ID, result: true },
      { ...NAME, result: true },
      ...months.map((m) =>
        col(m, 'number', {
          width: 9,
          format: '0.0',
          result: true,
          note: `${m} 月度总分（结算时冻结的数值）`,
        }),
      ),
      col('季度得分', 'number', {
        width: 10,
        format: '0.00',
        result: true,
        note: '该季度月度考核平均分，按精确值排名（第九条）',
      }),
      col('排名', 'integer', { width: 6, result: true }),
      col('服务之星', 'text', { width: 8, result: true, note: '季度考核得分第一名（第十二条）' }),
      col('建议档次', 'text', {
        width: 12,
        result: true,
        note: '按排名建议：优秀不超过20%，良好不超过30%，其余称职；并列跨档的标“并列待定”（第十三条）',
      }),
      col('最终档次', 'enum', {
        options: TIERS,
        width: 10,
        note: '由分管庭领导评定；基本称职、不称职由领导确定（第十三条）',
      }),
      col('备注', 'text', { wrap: true, width: 40, result: true }),
    ],
  }
}

export function yearLayout(year: number): SheetLayout {
  const months = monthsOf({ kind: 'year', year })
  return {
    name: yearSheetName(year),
    frozenColumns: 2,
    print: LANDSCAPE,
    tabColor: '#9334e6',
    columns: [
      { ...ID, result: true },
      { ...NAME, result: true },
      col('派驻单位', 'text', { width: 14, result: true }),
      ...months.map((m) => col(m, 'number', { width: 8, format: '0.0', result: true })),
      col('月度平均分', 'number', { width: 10, format: '0.00', result: true }),
      col('基础得分', 'number', {
        width: 10,
        format: '0.00',
        result: true,
        note: '月度考核平均分的90%（第十条）',
      }),
      col('领导评价', 'number', {
        min: 0,
        max: 10,
        width: 8,
        format: '0.0',
        note: '分管庭领导或其授权的协管领导评分0-10分，精确到0.1（第十条）；填写后再次年度结算',
      }),
      col('年度得分', 'number', {
        width: 10,
        format: '0.00',
        result: true,
        note: '基础得分 + 领导评价，按精确值排名（第十条）',
      }),
      col('排名', 'integer', { width: 6, result: true }),
      col('建议档次', 'text', { width: 12, result: true, note: '第十三条' }),
      col('领导评价档次', 'text', {
        width: 10,
        result: true,
        note: '5分以下不称职，5-7分基本称职，7-9分称职，9-10分优秀（第十条）',
      }),
      col('最终档次', 'enum', { options: TIERS, width: 10, note: '由分管庭领导评定（第十三条）' }),
      col('备注', 'text', { wrap: true, width: 40, result: true }),
    ],
  }
}

/** SPEC §11: what the leaders type into a closed quarter sheet (第十三条 最终档次) — left editable. */
export const QUARTER_LEADER_COLUMNS: readonly string[] = ['最终档次', '备注']
/** …and into a closed year sheet, where 领导评价 (第十条) is theirs too. */
export const YEAR_LEADER_COLUMNS: readonly string[] = ['领导评价', '最终档次', '备注']

/** `2025 年度公示`: the year's preliminary scores for publication (第十条), beside the month's `公示`. */
export function yearPublishSheetName(year: number): string {
  return `${year} 年度公示`
}

/** 第十条: 月度平均分 and 基础得分 published by 5 January, before the leader's rating (10%) is added. */
export function yearPublishLayout(year: number): SheetLayout {
  return {
    name: yearPublishSheetName(year),
    frozenColumns: 2,
    print: LANDSCAPE,
    tabColor: '#188038',
    columns: [
      { ...ID, result: true, note: '年度考核分数初步统计公示（第十条）' },
      { ...NAME, result: true },
      col('派驻单位', 'text', { width: 16, result: true }),
      col('月度平均分', 'number', { width: 10, format: '0.00', result: true }),
      col('基础得分', 'number', {
        width: 10,
        format: '0.00',
        result: true,
        note: '月度考核平均分的90%（第十条）',
      }),
      col('备注', 'text', { wrap: true, width: 40, result: true }),
    ],
  }
}

/** The layout a sheet name belongs to, for hosts that rebuild headers (null for unknown sheets). */
export function layoutOf(name: string): SheetLayout | null {
  const fixed = [...FIXED_LAYOUTS, LETTERS_LAYOUT].find((l) => l.name === name)
  if (fixed) return fixed
  const month = monthOfSheetName(name)
  if (month) return monthLayout(month)
  let m = /^(\d{4})-Q([1-4]) 季度$/.exec(name)
  if (m) return quarterLayout({ kind: 'quarter', year: Number(m[1]), quarter: Number(m[2]) })
  m = /^(\d{4}) 年度$/.exec(name)
  if (m) return yearLayout(Number(m[1]))
  m = /^(\d{4}) 年度公示$/.exec(name)
  if (m) return yearPublishLayout(Number(m[1]))
  return null
}
