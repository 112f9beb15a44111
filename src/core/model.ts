/**
 * The domain records shared by every article's code. Parsing (src/core/parse.ts) turns cells into these;
 * the articles compute on them; the workbook layer turns results back into rows.
 */
import type { LocalDate } from './dates'
import type { Exact } from './decimal'
import type { MonthKey } from './period'

export const ROLES = ['话务员', '带班班长'] as const
export type Role = (typeof ROLES)[number]

/** A row of `人员` (第一条: 市中院聘用 or 派驻 from a base court). */
export interface Operator {
  readonly id: string // 工号
  readonly name: string
  /** 派驻单位; null = 市中院聘用. */
  readonly homeCourt: string | null
  readonly role: Role
  /** 入职或派驻日期 (第十四条 counts tenure from it). */
  readonly startDate: LocalDate
  /** 离岗日期; null while in post. */
  readonly leaveDate: LocalDate | null
  readonly note: string
}

/** A row of `借调` (第十七条: 借调期间的考核管理另行安排). */
export interface Secondment {
  readonly id: string
  readonly from: LocalDate
  readonly to: LocalDate
  readonly note: string
}

export const INCIDENT_TYPES = [
  '迟到',
  '早退',
  '旷工半天',
  '擅自脱岗半天',
  '有效投诉',
  '重大投诉',
  '表扬',
  '质量问题',
  '重大质量问题',
  '考勤作假',
  '重大考勤作假',
  '加班',
] as const
export type IncidentType = (typeof INCIDENT_TYPES)[number]

/** A row of `事件`. For complaints, `date` is the day the duty judge confirmed it (第七条（四）). */
export interface Incident {
  readonly date: LocalDate
  readonly id: string
  readonly type: IncidentType
  /** 扣加分: deduction for complaints (3–5) and quality findings (1–3), points for 加班; null when blank. */
  readonly points: Exact | null
  /** 通话编号: complaints about the same call through different channels are one complaint. */
  readonly callId: string
  readonly note: string
}

/** 第五条: how a noon duty ended; 消极怠工 (一律取消提前下班、补休资格) earns nothing. */
export const NOON_OUTCOMES = ['提前下班', '计入补休', '未提前下班未补休', '消极怠工'] as const
export type NoonOutcome = (typeof NOON_OUTCOMES)[number]

/** A row of `值班` (第五条). */
export interface NoonDuty {
  readonly date: LocalDate
  readonly id: string
  readonly outcome: NoonOutcome
}

/** A month row's inputs (§9: the 14 columns 出勤天数 … 质检扣分, and optional ones), parsed; see core/fields.ts. */
export interface MonthInput {
  readonly days: Exact // 出勤天数, > 0 and ≤ 31, half days allowed
  readonly calls: number // 接听电话数
  readonly texts: number // 文字咨询条数
  readonly isLeader: boolean // 带班班长
  readonly lateOrEarly: number // 迟到早退次数
  readonly absentHalfDays: number // 旷工脱岗半天数
  readonly fullAttendance: boolean // 全勤
  readonly noonDuties: number // 中午值班加分次数
  readonly extraPoints: Exact // 其他加班加分
  readonly leaderRating: Exact // 领导评价, 0–10
  readonly satisfaction: Exact // 满意率 as a fraction 0–1
  readonly complaintPoints: Exact // 有效投诉扣分 (sum, already de-duplicated by call)
  readonly praises: number // 表扬次数
  readonly qcPoints: Exact // 质检扣分 (sum)
  // Optional inputs (core/fields.ts), present when the sheet or an import carries them:
  readonly satisfied?: number // 满意数
  readonly basicallySatisfied?: number // 基本满意数
  readonly ratedCount?: number // 评价数
  readonly talkSeconds?: number // 通话总时长, seconds (第七条（三）'s reference, not scored)
}

/** The five components of 第七条 and their sum, each rounded to tenths. */
export interface MonthBreakdown {
  readonly workload: Exact // W 业务工作量 第七条（一）
  readonly attendance: Exact // A 考勤加班 第七条（二）
  readonly leader: Exact // L 领导评价 第七条（三）
  readonly satisfaction: Exact // S 满意度与投诉率 第七条（四）
  readonly qc: Exact // Q 质检结果 第七条（五）
  readonly total: Exact // 月度总分 = W + A + L + S + Q
}

/** Why a result is what it is: the article and a sentence a team leader can read out. */
export interface Reason {
  readonly article: string
  readonly text: string
}

export type SanctionLevel = '谈话提醒' | '辞退或更换'

/** A sanction trigger of 第十五条 / 第十六条 for one operator at month `month`. */
export interface Trigger {
  readonly id: string
  readonly month: MonthKey
  readonly level: SanctionLevel
  /** e.g. `第十六条（一）` */
  readonly clause: string
  /** e.g. `连续3个月排名倒数前三（2026-03、2026-04、2026-05）` */
  readonly reason: string
}

export const TIERS = ['优秀', '良好', '称职', '基本称职', '不称职'] as const
export type Tier = (typeof TIERS)[number]
