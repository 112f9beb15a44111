/** 第十三条第二款: the letter to a dispatched operator's home court. */
import { type Exact, toFixed } from './decimal'

/**
 * 第十三条第二款：基层法院派驻话务员被市中院评定为年度考核优秀的，市中院立案庭应向相关基层法院发函，书面建议
 * 基层法院相应地评定该派驻话务员年度考核优秀。
 * The draft letter; `pending` while 最终档次 is blank (建议档次 优秀): it says what is proposed, never decided.
 */
export function letterText(
  year: number,
  court: string,
  name: string,
  id: string,
  score: Exact,
  rank: number,
  pending = false,
): string {
  // Until the leader fills 最终档次 the draft says what is proposed, never that it was decided.
  const rated = pending
    ? `排名第${rank}名，建议档次为年度考核“优秀”。`
    : `排名第${rank}名，经我院评定为年度考核“优秀”。`
  return (
    (pending ? '【待定：“最终档次”尚未填写，分管庭领导评定为优秀后再发函】\n' : '') +
    `${court}：\n` +
    `    你院派驻广州市中级人民法院12368诉讼信息服务中心的话务员${name}（工号${id}），${year}年度考核得分${toFixed(score, 2)}分，` +
    `${rated}根据《广州市中级人民法院12368热线话务员考核管理办法（试行）》` +
    `第十三条第二款，特函建议你院相应评定该同志${year}年度考核为优秀。\n` +
    `    特此函告。\n` +
    `广州市中级人民法院立案庭\n${year + 1}年  月  日`
  )
}
