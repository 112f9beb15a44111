/** The command line's names for the actions workbook-layer messages point to (see src/workbook/naming.ts). */
import { formatPeriod } from '../core/period'
import type { HostNaming } from '../workbook/naming'

/** A path as a clerk would type it in a terminal: quoted when it has spaces or shell characters. */
function shellArg(text: string): string {
  return /^[\p{L}\p{N}_./\\:~+-]+$/u.test(text) ? text : `"${text.replace(/(["\\$`])/g, '\\$1')}"`
}

/** The command line's naming (SPEC §12): the `kaohe` command to run on this very file. */
export function commandNaming(file: string): HostNaming {
  const book = shellArg(file)
  return {
    setup: () => `运行 kaohe init ${book}`,
    prepareMonth: (month) => `运行 kaohe prepare ${book} ${month} 建立`,
    closeMonth: (month) => `完成月度结算（kaohe close ${book} ${month}）`,
    reopen: (period) => `运行 kaohe reopen ${book} ${formatPeriod(period)} 重新开放`,
    validate: (period) => `运行 kaohe validate ${book} ${formatPeriod(period)}`,
    publish: (period) => `运行 kaohe publish ${book} ${formatPeriod(period)}`,
    importPlatform: (month) => `运行 kaohe import ${book} ${month} <平台导出文件> 导入平台数据`,
  }
}
