/**
 * 导入节假日安排… (SPEC §8): a dialog with a text box for the State Council notice, pasted whole (title
 * included), and the server function it calls. The function takes the document lock, runs the same
 * workflow as `kaohe holidays` (src/workbook/holiday-import.ts), applies its plan (节假日 rows and the 日志
 * row) and returns the Chinese result — or the lines it could not read, with nothing written — for the
 * dialog to show.
 */
import { importHolidayNotice } from '../workbook/holiday-import'
import { SHEET } from '../workbook/layouts'
import { problemText } from './menu'
import { LOCK_WAIT_MS, newBook, userMessage } from './ui'

export const HOLIDAY_DIALOG_TITLE = '导入节假日安排'
/** The server function the dialog calls (a top-level function of dist/Code.js). */
export const HOLIDAY_SERVER_FUNCTION = 'importHolidays'

const CSS = `body{font-family:'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif;font-size:13px;color:#202124;margin:8px}
textarea{width:100%;height:300px;box-sizing:border-box;font-size:13px}
button{margin-top:8px;padding:6px 16px}#result{white-space:pre-wrap;margin-top:10px}.k{color:#5f6368}`

/** The dialog page: paste, import, see the result. Static text only: nothing from the workbook is shown in it. */
export function renderHolidayDialog(): string {
  return [
    `<!DOCTYPE html><html><head><meta charset="utf-8"><style>${CSS}</style></head><body>`,
    '<p>请将国务院办公厅关于下一年部分节假日安排的通知全文（含标题“国务院办公厅关于YYYY年部分节假日安排的通知”）粘贴到下面，然后点“导入”。</p>',
    `<p class="k">每个节日的放假日期写为“休息日”，调休上班日写为“工作日”，说明注明“（YYYY年国务院通知）”；再次导入同一年的通知会替换此前导入的该年各行，手工填写的行不会改动。</p>`,
    '<textarea id="notice" placeholder="国务院办公厅关于2027年部分节假日安排的通知&#10;……&#10;一、元旦：……"></textarea>',
    '<button id="go" onclick="go()">导入</button> <button onclick="google.script.host.close()">关闭</button>',
    '<div id="result"></div>',
    '<script>',
    'function show(t){document.getElementById("result").textContent=t;document.getElementById("go").disabled=false}',
    'function go(){var t=document.getElementById("notice").value;if(!t.trim()){show("请先粘贴通知全文");return}',
    'document.getElementById("go").disabled=true;show("正在导入……");',
    `google.script.run.withSuccessHandler(show).withFailureHandler(function(e){show("导入未完成："+(e&&e.message?e.message:e))}).${HOLIDAY_SERVER_FUNCTION}(t)}`,
    '</script></body></html>',
  ].join('')
}

/** 导入节假日安排…: opens the dialog. */
export function menuImportHolidays(): void {
  const html = HtmlService.createHtmlOutput(renderHolidayDialog()).setWidth(640).setHeight(560)
  SpreadsheetApp.getUi().showModalDialog(html, HOLIDAY_DIALOG_TITLE)
}

/** The dialog's server call: imports the pasted notice into `节假日`; returns what to show (Chinese). */
export function importHolidays(text: string): string {
  try {
    const lock = LockService.getDocumentLock()
    if (lock && !lock.tryLock(LOCK_WAIT_MS)) return '另一项操作正在进行，请稍后再试'
    try {
      const book = newBook()
      const outcome = importHolidayNotice(book, String(text ?? ''))
      if (!outcome.ok) return [outcome.message, '', problemText(outcome.problems)].join('\n')
      book.apply(outcome.plan)
      return `${outcome.plan.message}。已写入“${SHEET.holidays}”表。`
    } finally {
      lock?.releaseLock()
    }
  } catch (error) {
    console.error('导入节假日安排 failed', error)
    // As every menu handler decides (ui.ts): our own errors are said, anything else is one sentence.
    return userMessage(error) ?? '导入未完成：出现意外错误，详细信息已记录在执行日志中。'
  }
}
