/**
 * The sheets staff see (SPEC §9): names, headers in order, column types, dropdowns, ranges, header notes
 * citing the article, widths and number formats. Both hosts build their sheets from this data, so a Google
 * Sheet downloaded as .xlsx has exactly the layout the command line expects, and back.
 */
import { toCellNumber } from '../core/decimal'
import {
  type AnyMonthField,
  type FieldKind,
  OPTIONAL_FIELDS,
  PLATFORM_FIELDS,
  ruleText,
  SHEET_FIELDS,
} from '../core/fields'
import { INCIDENT_TYPES, type MonthBreakdown, NOON_OUTCOMES, ROLES, TIERS } from '../core/model'
import { formatPeriod, type MonthKey, monthKey, monthsOf, type Period } from '../core/period'
import { SOURCE_FIELD_LABELS } from '../core/platform-import'
import { defaultRules, type Rules } from '../core/rules'
import type { ColumnSpec, SheetLayout } from './types'

export const SHEET = {
  rules: '规则',
  roster: '人员',
  secondments: '借调',
  events: '事件',
  noon: '值班',
  holidays: '节假日',
  alerts: '预警',
  watch: '关注名单',
  leave: '补休',
  publish: '公示',
  objections: '异议',
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
export const ALERT_LEVELS = ['谈话提醒', '辞退或更换', '派驻缺位', '派驻更换'] as const
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
      note: '话务员或带班班长；带班班长工作量按“规则”表的带班班长工作量系数计算（第七条（一））',
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
    col('备注', 'text', {
      wrap: true,
      width: 24,
      note: '派驻人员一年内离岗的，如因考核不达标、第十六条辞退或要求更换，请写明（第三条）',
    }),
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
      note: '有效投诉、重大投诉按“规则”表的扣分范围填写扣分（第七条（四））；质量问题同样（第七条（五））；加班填加分',
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
      note: '提前下班：当天16:30下班；计入补休：按“规则”表累计次数补休半天，当月休完；未提前下班未补休：考勤加分（第五条、第七条（二））；消极怠工：取消提前下班、补休资格，不加分（第五条）',
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
      note: '谈话提醒（第十五条）；辞退或更换（第十六条）；派驻缺位、派驻更换（第三条）',
    }),
    col('条款', 'text', { width: 16, result: true }),
    col('原因', 'text', { wrap: true, width: 50, result: true }),
  ],
}

/**
 * 关注名单 (SPEC §17): who is one event away from a clause of 第十五条/第十六条 next month, written by every
 * month close (that month's rows replaced, other months kept).
 */
export const WATCH_LAYOUT: SheetLayout = {
  name: SHEET.watch,
  tabColor: '#f9ab00',
  columns: [
    col('月份', 'text', { width: 10, result: true, note: '由月度结算写入：结算的月份' }),
    { ...ID, result: true },
    { ...NAME, result: true },
    col('条款', 'text', {
      width: 16,
      result: true,
      note: '再发生1次即触发的条款：第十五条谈话提醒，第十六条辞退或更换',
    }),
    col('还差', 'text', { width: 8, result: true }),
    col('说明', 'text', {
      width: 60,
      result: true,
      note: '按“近6个月内”“1年内”的滚动窗口和“连续”月数计算，与预警相同；（四）按自然月计算，说明本月离条款有多近。仅依规则计数，不作其他预测',
    }),
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
      note: '每月之星补休（第十一条）；中午值班累计计入补休的次数补休半天（第五条），天数与次数见“规则”表',
    }),
    col('获得日期', 'date', { width: 12, format: 'yyyy-mm-dd', result: true }),
    col('天数', 'number', { width: 8, format: '0.0', result: true }),
    col('截止日期', 'date', {
      width: 12,
      format: 'yyyy-mm-dd',
      result: true,
      note: '每月之星补休应于“规则”表所定月数内休完（第十一条）；值班补休原则上当月休完（第五条）',
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

/**
 * 第八条: 公示 by the 5th, 评定 by the 10th — the gap is for objections. What an objection is about: one of
 * 第七条's five components (as BREAKDOWN_COLUMNS names them), the ranking (第十一条), or anything else.
 */
export const OBJECTION_MATTERS: readonly string[] = [
  ...BREAKDOWN_COLUMNS.flatMap((c) => (c.key === 'total' ? [] : [c.label])),
  '排名',
  '其他',
]
/** 维持: the published score stands; 更正: the inputs were corrected; 撤回: the operator withdrew it. */
export const OBJECTION_OUTCOMES = ['维持', '更正', '撤回'] as const
export type ObjectionOutcome = (typeof OBJECTION_OUTCOMES)[number]

/** 异议: objections to a month's 公示 and how the team leader settled them (第八条, SPEC §15). */
export const OBJECTIONS_LAYOUT: SheetLayout = {
  name: SHEET.objections,
  frozenColumns: 3,
  tabColor: '#e37400',
  columns: [
    col('月份', 'text', {
      width: 10,
      note: '被公示的月份，如 2026-05；该月须已“生成公示表”（第八条）',
    }),
    { ...ID, note: '提出异议的话务员工号，须与“人员”表一致' },
    NAME,
    col('提出日期', 'date', { width: 12, format: 'yyyy-mm-dd', note: '话务员向带班班长提出异议的日期' }),
    col('事项', 'enum', {
      options: OBJECTION_MATTERS,
      width: 14,
      note: '异议针对的项目：第七条五项得分之一、排名（第十一条）或其他',
    }),
    col('内容', 'text', { width: 40, note: '异议的具体内容' }),
    col('处理结果', 'enum', {
      options: OBJECTION_OUTCOMES,
      width: 10,
      note: '维持：公示分数不变；更正：已更正录入数据；撤回：话务员撤回异议。留空表示尚未处理，该月不能结算（第八条）',
    }),
    col('处理说明', 'text', { width: 40, note: '处理理由；更正的，写明更正了哪项数据' }),
    col('处理人', 'text', { width: 10 }),
    col('处理日期', 'date', { width: 12, format: 'yyyy-mm-dd', note: '应在该月评定截止日前（第八条）' }),
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

/** SPEC §14: the platform export's own column names, added to the built-in ones (源列名 → 字段). */
export const IMPORT_SETTINGS_LAYOUT: SheetLayout = {
  name: '导入设置',
  columns: [
    col('源列名', 'text', {
      width: 24,
      note: '平台导出表中的列名（与导出表第一行表头一致）；内置列名无需登记',
    }),
    col('字段', 'enum', {
      options: SOURCE_FIELD_LABELS,
      width: 14,
      note: '该列对应的考核字段；满意率按（满意+基本满意）÷评价数计算（第七条（四））',
    }),
    col('说明', 'text', { width: 30 }),
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
  WATCH_LAYOUT,
  LEAVE_LAYOUT,
  PUBLISH_LAYOUT,
  OBJECTIONS_LAYOUT,
  LOG_LAYOUT,
  SUMMARY_LAYOUT,
  IMPORT_SETTINGS_LAYOUT,
]

/** How each kind of month field is typed on the sheet. */
const KIND_COLUMNS: Readonly<Record<FieldKind, Pick<ColumnSpec, 'type' | 'format' | 'options'>>> = {
  days: { type: 'number', format: '0.0' },
  count: { type: 'integer' },
  bool: { type: 'bool', options: BOOL_OPTIONS },
  points: { type: 'number', format: '0.0' },
  rating: { type: 'number', format: '0.0' },
  rate: { type: 'percent', format: '0.0%' },
  duration: { type: 'text' }, // 时:分:秒 as text (a sheet would read 42:00:00 as a time of day)
}

/** A month field's column: type from its kind, note and bounds from the rules in force. */
function fieldColumn(f: AnyMonthField, rules: Rules): ColumnSpec {
  const width = Math.min(12, Math.max(8, f.header.length * 2))
  const max = f.max?.(rules)
  return {
    header: f.header,
    ...KIND_COLUMNS[f.kind],
    width,
    note: f.platform ? `${f.note(rules)}；导入平台数据后可留空，按“${f.platform}”列计分` : f.note(rules),
    ...(f.min !== undefined ? { min: f.min } : {}),
    ...(max !== undefined ? { max } : {}),
  }
}

/** The 14 input columns of a month row after 工号 and 姓名, 出勤天数 … 质检扣分 (§9), from core/fields.ts. */
export function monthInputColumns(rules: Rules = defaultRules()): ColumnSpec[] {
  return SHEET_FIELDS.map((f) => fieldColumn(f, rules))
}

/** The optional month columns (an import's rating counts and talk time), as a sheet lays them out. */
export function optionalMonthColumns(rules: Rules = defaultRules()): ColumnSpec[] {
  return OPTIONAL_FIELDS.map((f) => fieldColumn(f, rules))
}

/** The result column that shows the counts a close took from 事件 / 值班 for blank count cells (§9). */
export const COUNTS_USED_HEADER = '按记录统计'

/** The month result columns, their notes quoting the rules in force. */
export function monthResultColumns(rules: Rules = defaultRules()): ColumnSpec[] {
  const r = ruleText
  return [
    ...breakdownScoreColumns({
      workload: `业务工作量：${r(rules['workload.basePoints'])} + (日均接听 − ${r(rules['workload.baseCalls'])}) × ${r(rules['workload.pointsPerCall'])}，精确到0.1（第七条（一））`,
      total: '五项得分之和，满分100分（第七条）',
    }),
    col('排名', 'integer', {
      width: 6,
      result: true,
      note: '参与考核人员中由高到低排名，并列同名次（第十一条）',
    }),
    col('每月之星', 'text', {
      width: 8,
      result: true,
      note: `月度得分前${r(rules['stars.count'])}名，补休${r(rules['leave.starDays'])}天（第十一条）`,
    }),
    col('倒数前三', 'text', {
      width: 8,
      result: true,
      note: `月度排名倒数前${r(rules['bottom.count'])}名（第十五条、第十六条）`,
    }),
    col('预警', 'text', {
      wrap: true,
      width: 50,
      result: true,
      note: '谈话提醒（第十五条）、辞退或更换（第十六条）的情形；“不参与：”表示当月不参与考核（第十四条、第十七条）',
    }),
    col(COUNTS_USED_HEADER, 'text', {
      wrap: true,
      width: 30,
      result: true,
      note: '结算时留空的单元格所用的数值：出勤天数、接听电话数、文字咨询条数、满意率按右侧导入的平台数据（平台），计数列按“事件”“值班”表统计（只列不为0的）；这些单元格本身保持留空，重新开放后再次结算时重新读取。手工填写的照填写计分',
    }),
  ]
}

export const MONTH_RESULT_HEADERS: readonly string[] = monthResultColumns().map((c) => c.header)

/** A month sheet's layout; notes quote `rules`, the rules in force for the month. */
export function monthLayout(month: MonthKey, rules: Rules = defaultRules()): SheetLayout {
  return {
    name: monthSheetName(month),
    frozenColumns: 2,
    tabColor: '#1a73e8',
    shadeResults: true,
    // §9's columns print; the import's are for the screen (按记录统计 says which of their values a close used).
    print: { ...LANDSCAPE, columns: 2 + SHEET_FIELDS.length + monthResultColumns(rules).length },
    // §9's inputs and results, then the import's columns (SPEC §14): laid out with the sheet, so an
    // import writes values only, one run of cells.
    columns: [ID, NAME, ...monthInputColumns(rules), ...monthResultColumns(rules), ...importColumns(rules)],
  }
}

/** A quarter sheet's layout; notes quote `rules`, the rules in force for the quarter. */
export function quarterLayout(p: Period, rules: Rules = defaultRules()): SheetLayout {
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
        note: `按排名建议：优秀不超过${ruleText(rules['tier.excellentShare'].mul(100))}%，良好不超过${ruleText(rules['tier.goodShare'].mul(100))}%，其余称职；并列跨档的标“并列待定”（第十三条）`,
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

/** A year sheet's layout; notes quote `rules`, the rules in force for the year. */
export function yearLayout(year: number, rules: Rules = defaultRules()): SheetLayout {
  const share = `${ruleText(rules['year.baseShare'].mul(100))}%`
  const top = ruleText(rules['leader.max'])
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
        note: `月度考核平均分的${share}（第十条）`,
      }),
      col('领导评价', 'number', {
        min: 0,
        max: Number(rules['leader.max'].valueOf()),
        width: 8,
        format: '0.0',
        note: `分管庭领导或其授权的协管领导评分0-${top}分，精确到0.1（第十条）；填写后再次年度结算`,
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
        note: `${ruleText(rules['band.basic'])}分以下不称职，${ruleText(rules['band.basic'])}-${ruleText(rules['band.competent'])}分基本称职，${ruleText(rules['band.competent'])}-${ruleText(rules['band.excellent'])}分称职，${ruleText(rules['band.excellent'])}-${top}分优秀（第十条）`,
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
export function yearPublishLayout(year: number, rules: Rules = defaultRules()): SheetLayout {
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
        note: `月度考核平均分的${ruleText(rules['year.baseShare'].mul(100))}%（第十条）`,
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

// ---------------------------------------------------------------- import from the platform (SPEC §14)

/**
 * 第七条（三）：领导评价由值班法官结合日均通话时长评定. The duty judge's reference, written by the import, never
 * scored. It sits after the rating counts at the end of the month sheet (as they do): columns appended after
 * the results move no cell of the standard layout.
 */
export const DAILY_TALK_COLUMN: ColumnSpec = col('日均通话时长', 'text', {
  width: 12,
  result: true,
  note: '通话总时长÷出勤天数（或平台导出的日均通话时长），时:分:秒；供值班法官评定“领导评价”参考（第七条（三）：结合日均通话时长），不计入得分',
})

/**
 * The platform's value of an input (SPEC §14), written by the import beside the counts: the close reads it
 * when the input's own cell is blank (core/fields.ts `platform`), so a value typed there always stands.
 */
function platformColumn(f: AnyMonthField & { readonly platform: string }): ColumnSpec {
  return {
    header: f.platform,
    ...KIND_COLUMNS[f.kind],
    width: 10,
    result: true,
    note: `由“导入”写入的平台数据（${f.article}）；“${f.header}”留空时按此计分，手工填写了的以填写为准`,
  }
}

/**
 * The import's columns, side by side after the results (one run of cells, SPEC §14): the rating counts,
 * talk time, the duty judge's reference and the platform's values of the four inputs. Appended after
 * §9's columns, they move no cell of the standard layout; together they are the record of what the latest
 * import carried, so a corrected file replaces exactly them and never a typed input.
 */
export function importColumns(rules: Rules = defaultRules()): ColumnSpec[] {
  // All shaded as results: the import writes them, an operator's correction goes into the input on the left.
  const counts = optionalMonthColumns(rules).map((c): ColumnSpec => ({ ...c, result: true }))
  // The counts and talk time first, where month sheets of earlier versions had them: a sheet laid out
  // before gains only the columns after them (the Sheets host lays out an extended header cheaply).
  return [...counts, DAILY_TALK_COLUMN, ...PLATFORM_FIELDS.map(platformColumn)]
}

/** The month sheet columns a platform import writes, in their order on the sheet. */
export const IMPORT_MONTH_HEADERS: readonly string[] = importColumns().map((c) => c.header)
