/**
 * `kaohe`: the offline host (SPEC §12). Every command runs the same workflows as the Google Sheets menu on
 * an .xlsx workbook with the layout of §9. Exit codes: 0 done, 1 input problems, 2 usage or file error.
 */
import { Command, CommanderError } from 'commander'
import * as workflows from '../workbook/workflows'
import {
  type CommandContext,
  closeCommand,
  EXIT,
  exitCodeOf,
  initCommand,
  prepareCommand,
  publishCommand,
  refreshCommand,
  reopenCommand,
  validateCommand,
} from './commands'
import { runDemo } from './demo'
import { holidaysCommand } from './holidays'
import { importAttendanceCommand, importCommand } from './import-commands'
import { createReporter } from './output'
import { registerReportCommands } from './report'

const TITLES: Record<string, string> = {
  'Usage:': '用法：',
  'Options:': '选项：',
  'Commands:': '命令：',
  'Arguments:': '参数：',
  'Global Options:': '全局选项：',
}

/** Commander's own error lines, in Chinese. */
function translateError(text: string): string {
  return text
    .replace(/^error: missing required argument '(.+)'/m, '错误：缺少参数 $1')
    .replace(/^error: too many arguments.*$/m, '错误：参数过多')
    .replace(/^error: unknown command '(.+)'/m, '错误：未知命令 $1')
    .replace(/^error: unknown option '(.+)'/m, '错误：未知选项 $1')
    .replace(/^\(Did you mean (.+)\?\)/m, '（是否想输入 $1？）')
    .replace(/^error: /m, '错误：')
}

/** SPEC §12: the 日志's 操作人 is `--operator 姓名`, else KAOHE_OPERATOR, else the login name (the host's default). */
function withOperator(ctx: CommandContext, option: string | undefined): CommandContext {
  const name = (option ?? process.env.KAOHE_OPERATOR ?? '').trim()
  return name === '' ? ctx : { ...ctx, xlsx: { ...ctx.xlsx, user: name } }
}

export function buildProgram(run: (code: number) => void): Command {
  const reporter = createReporter()
  const base: CommandContext = { workflows, reporter }
  const program = new Command('kaohe')
  // Commander passes the declared arguments, then the options and the command itself: keep the arguments.
  const wrap =
    <A extends string[]>(fn: (...args: [...A, CommandContext]) => Promise<number>) =>
    async (...received: unknown[]) => {
      const args = received.slice(0, fn.length - 1) as A
      const ctx = withOperator(base, program.opts<{ operator?: string }>().operator)
      try {
        run(await fn(...args, ctx))
      } catch (err) {
        run(exitCodeOf(err, reporter))
      }
    }

  program
    .description('12368 热线话务员考核（离线 .xlsx 版）：与 Google 表格菜单相同的结算流程')
    .usage('<命令> [参数]')
    .helpOption('-h, --help', '显示帮助')
    .helpCommand('help [命令]', '显示某个命令的帮助')
    .version('0.1.0', '-v, --version', '显示版本号')
    .option('--operator <姓名>', '记入“日志”的操作人（也可设环境变量 KAOHE_OPERATOR；默认为登录用户名）')
    .configureHelp({ styleTitle: (s) => TITLES[s] ?? s, styleUsage: (s) => s.replace('[options]', '[选项]') })
    .configureOutput({ outputError: (s, write) => write(translateError(s)) })
    .showHelpAfterError('（运行 kaohe --help 查看用法）')
    .exitOverride()
    .addHelpText(
      'after',
      [
        '',
        '期间写法：2026-05（月）、2026-Q2（季度）、2026（年）',
        '退出码：0 完成；1 数据有问题（逐条列出工作表、单元格和原因）；2 用法或文件错误',
        '每次写入先生成临时文件再替换原文件，原文件保留为 <文件名>.bak.xlsx；命令失败时原文件不变。',
        '同一时间只有一个命令能写同一工作簿；文件在 Excel、WPS 或 LibreOffice 中打开、设为只读或不是 .xlsx 时不写入。',
        '',
        '示例：',
        '  kaohe init 考核.xlsx',
        '  kaohe prepare 考核.xlsx 2026-05',
        '  kaohe validate 考核.xlsx 2026-05',
        '  kaohe import 考核.xlsx 2026-05 坐席工作量统计.xlsx',
        '  kaohe import-attendance 考核.xlsx 考勤.csv',
        '  kaohe close 考核.xlsx 2026-05',
        '  kaohe close 考核.xlsx 2026-Q2',
        '  kaohe reopen 考核.xlsx 2026-05 --objection 3',
        '  kaohe holidays 考核.xlsx 2027年节假日安排.txt',
        '  kaohe refresh 考核.xlsx',
        '  kaohe demo out/demo.xlsx',
      ].join('\n'),
    )

  program
    .command('init')
    .description('新建考核表，或为已有考核表补齐工作表、表头、下拉选项和默认规则（不会覆盖已有数据）')
    .argument('<book.xlsx>', '考核表文件')
    .action(wrap<[string]>(initCommand))
  program
    .command('prepare')
    .description('新建某月的月度录入表：按“人员”表列出当月在岗人员，不参与考核的注明原因')
    .argument('<book.xlsx>', '考核表文件')
    .argument('<month>', '月份，例如 2026-05')
    .action(wrap<[string, string]>(prepareCommand))
  program
    .command('validate')
    .description('校验某期间的数据，逐条列出问题（不修改文件）')
    .argument('<book.xlsx>', '考核表文件')
    .argument('<period>', '期间：2026-05、2026-Q2 或 2026')
    .action(wrap<[string, string]>(validateCommand))
  program
    .command('close')
    .description('结算某月、季度或年度：校验通过后写入得分、排名、每月之星、预警、补休并保护该表')
    .argument('<book.xlsx>', '考核表文件')
    .argument('<period>', '期间：2026-05、2026-Q2 或 2026')
    .action(wrap<[string, string]>(closeCommand))
  program
    .command('reopen')
    .description('重新开放已结算的期间（解除保护，记入日志）')
    .argument('<book.xlsx>', '考核表文件')
    .argument('<period>', '期间：2026-05、2026-Q2 或 2026')
    .option('--objection <行号>', '因“异议”表中该行异议的更正而重新开放（第八条），记入日志')
    .action(async (file: string, period: string, options: { objection?: string }) => {
      const ctx = withOperator(base, program.opts<{ operator?: string }>().operator)
      try {
        run(await reopenCommand(file, period, ctx, options))
      } catch (err) {
        run(exitCodeOf(err, reporter))
      }
    })
  program
    .command('publish')
    .description('生成某月（第八条）或某年度（第十条：月度平均分和基础得分）考核分数初步统计的公示表')
    .argument('<book.xlsx>', '考核表文件')
    .argument('<period>', '月份如 2026-05，或年度如 2026')
    .action(wrap<[string, string]>(publishCommand))
  program
    .command('holidays')
    .description(
      '导入国务院办公厅关于某年部分节假日安排的通知（文本文件）：写入该年“节假日”表（替换此前导入的该年行，手工填写的行不动）',
    )
    .argument('<book.xlsx>', '考核表文件')
    .argument('<notice.txt>', '通知全文（含标题）的文本文件，UTF-8 或 GBK')
    .action(wrap<[string, string]>(holidaysCommand))
  program
    .command('import')
    .description(
      '从 12368 平台导出的坐席统计（.xlsx 或 .csv）导入某月的平台数据：写入月度表右侧的平台数据列，出勤天数、接听电话数、文字咨询条数、满意率留空的即按平台数据计分（手工填写的以填写为准）',
    )
    .argument('<book.xlsx>', '考核表文件')
    .argument('<month>', '月份，例如 2026-05')
    .argument('<file>', '平台导出文件（.xlsx，或 UTF-8/GBK 编码的 .csv）')
    .action(wrap<[string, string, string]>(importCommand))
  program
    .command('import-attendance')
    .description('从考勤系统导出（日期、工号或姓名、考勤状态）导入迟到、早退、旷工、擅自脱岗到“事件”表')
    .argument('<book.xlsx>', '考核表文件')
    .argument('<file>', '考勤导出文件（.xlsx 或 .csv）')
    .action(wrap<[string, string]>(importAttendanceCommand))
  program
    .command('refresh')
    .description(
      '刷新：按今天重算“补休”表每条的状态（未休、部分已休、已休完、即将到期、已过期），已休天数保留',
    )
    .argument('<book.xlsx>', '考核表文件')
    .action(wrap<[string]>(refreshCommand))
  program
    .command('demo')
    .description('生成一份逼真的演示考核表（18 名话务员的一整年），并结算全年各月、各季度和年度')
    .argument('[out.xlsx]', '输出文件', 'out/demo.xlsx')
    .action(wrap<[string]>(runDemo))
  registerReportCommands(program, wrap)
  return program
}

async function main(): Promise<void> {
  let exitCode: number = EXIT.ok
  const program = buildProgram((code) => {
    exitCode = code
  })
  try {
    await program.parseAsync(process.argv)
  } catch (err) {
    if (err instanceof CommanderError) {
      exitCode = err.exitCode === 0 ? EXIT.ok : EXIT.usage
    } else {
      exitCode = exitCodeOf(err, createReporter())
    }
  }
  process.exitCode = exitCode
}

void main()
