/**
 * The offline host in a clerk's hands (issue 12, SPEC §12): files of other formats, workbooks open in
 * Excel / WPS / LibreOffice, read-only workbooks and a held write lock are refused (exit 2) and left exactly
 * as they were; messages name `kaohe` commands, never the Sheets menu; an empty 人员 stops `prepare`; and
 * `validate` lists problems under the person they concern.
 */
import { chmodSync, existsSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import {
  closeCommand,
  EXIT,
  exitCodeOf,
  initCommand,
  prepareCommand,
  reopenCommand,
  validateCommand,
} from '../../src/cli/commands'
import { loadWorkbookFile, saveWorkbookFile } from '../../src/cli/file'
import { withWriteLock, writeLockPath } from '../../src/cli/lock'
import { monthSheetName } from '../../src/workbook/layouts'
import { GOOD, logAndProtection, writeScenario } from './scenario'
import { sha256, tempDir, testContext } from './support'

const MARCH = '2025-03'

describe('the offline host refuses what it must not touch (SPEC §12)', () => {
  let dir: string
  let file: string
  beforeEach(() => {
    dir = tempDir()
    file = path.join(dir, '考核.xlsx')
  })

  /** Runs a command as main.ts does: a thrown error becomes its exit code and message. */
  async function run(command: Promise<number>, ctx: ReturnType<typeof testContext>['ctx']): Promise<number> {
    return command.catch((err) => exitCodeOf(err, ctx.reporter))
  }

  it.each(['考核.ods', '考核.xls', '考核.csv', '考核.ODS'])(
    '%s is refused with 请另存为 .xlsx 后再试 (exit 2), for reading and writing, and left untouched',
    async (name) => {
      const other = path.join(dir, name)
      writeFileSync(other, 'PK\u0003\u0004 a spreadsheet of another kind')
      const before = sha256(other)
      const filesBefore = readdirSync(dir).sort()
      for (const command of [
        (c: ReturnType<typeof testContext>['ctx']) => initCommand(other, c),
        (c: ReturnType<typeof testContext>['ctx']) => validateCommand(other, MARCH, c),
        (c: ReturnType<typeof testContext>['ctx']) => closeCommand(other, MARCH, c),
        (c: ReturnType<typeof testContext>['ctx']) => prepareCommand(other, MARCH, c),
      ]) {
        const { ctx, errors } = testContext()
        expect(await run(command(ctx), ctx)).toBe(EXIT.usage)
        expect(errors.join('\n')).toContain('请另存为 .xlsx 后再试')
      }
      expect(sha256(other)).toBe(before)
      expect(readdirSync(dir).sort()).toEqual(filesBefore)
    },
  )

  it('init of a new .ods creates nothing', async () => {
    const { ctx, errors } = testContext()
    expect(await run(initCommand(path.join(dir, '新表.ods'), ctx), ctx)).toBe(EXIT.usage)
    expect(errors.join('\n')).toContain('请另存为 .xlsx 后再试')
    expect(readdirSync(dir)).toEqual([])
  })

  it.each([
    ['Excel/WPS', (f: string) => `~$${f}`],
    ['LibreOffice', (f: string) => `.~lock.${f}#`],
  ])(
    'a workbook open in %s (its lock file beside it) stops every write: 请先关闭该文件',
    async (_, lockName) => {
      await writeScenario(file, [MARCH], { values: GOOD })
      writeFileSync(path.join(dir, lockName(path.basename(file))), '')
      const before = sha256(file)
      const filesBefore = readdirSync(dir).sort()
      for (const make of [
        (c: ReturnType<typeof testContext>['ctx']) => closeCommand(file, MARCH, c),
        (c: ReturnType<typeof testContext>['ctx']) => reopenCommand(file, MARCH, c),
        (c: ReturnType<typeof testContext>['ctx']) => prepareCommand(file, '2025-04', c),
        (c: ReturnType<typeof testContext>['ctx']) => initCommand(file, c),
      ]) {
        const { ctx, errors } = testContext()
        expect(await run(make(ctx), ctx)).toBe(EXIT.usage)
        expect(errors.join('\n')).toContain('请先关闭该文件')
      }
      expect(sha256(file)).toBe(before)
      expect(readdirSync(dir).sort()).toEqual(filesBefore)
    },
  )

  it('a read-only workbook (chmod a-w, an archived final) is refused, never replaced', async () => {
    await writeScenario(file, [MARCH], { values: GOOD })
    chmodSync(file, 0o444)
    const before = sha256(file)
    const inode = statSync(file).ino
    const filesBefore = readdirSync(dir).sort()
    for (const make of [
      (c: ReturnType<typeof testContext>['ctx']) => closeCommand(file, MARCH, c),
      (c: ReturnType<typeof testContext>['ctx']) => initCommand(file, c),
      (c: ReturnType<typeof testContext>['ctx']) => prepareCommand(file, '2025-04', c),
    ]) {
      const { ctx, errors } = testContext()
      expect(await run(make(ctx), ctx)).toBe(EXIT.usage)
      expect(errors.join('\n')).toContain('文件为只读')
    }
    expect(sha256(file)).toBe(before)
    expect(statSync(file).ino).toBe(inode) // the very same file, not a writable copy put in its place
    expect(statSync(file).mode & 0o777).toBe(0o444)
    expect(readdirSync(dir).sort()).toEqual(filesBefore)
    // Reading is still fine.
    const { ctx } = testContext()
    expect(await run(validateCommand(file, MARCH, ctx), ctx)).toBe(EXIT.ok)
  })

  it('a save keeps the workbook’s own permissions', async () => {
    await writeScenario(file, [MARCH], { values: GOOD })
    chmodSync(file, 0o640)
    const { ctx } = testContext()
    expect(await run(closeCommand(file, MARCH, ctx), ctx)).toBe(EXIT.ok)
    expect(statSync(file).mode & 0o777).toBe(0o640)
  })

  it('while another command holds the write lock, a second waits, then refuses (exit 2) and writes nothing', async () => {
    await writeScenario(file, [MARCH], { values: GOOD })
    const before = sha256(file)
    const second = testContext()
    const { code, waited } = await withWriteLock(file, async () => {
      const started = Date.now()
      const code = await run(closeCommand(file, MARCH, second.ctx), second.ctx)
      return { code, waited: Date.now() - started }
    })
    expect(code).toBe(EXIT.usage)
    expect(waited).toBeGreaterThanOrEqual(3000) // it waited before giving up
    expect(second.errors.join('\n')).toContain('该工作簿正在被另一个命令使用')
    expect(sha256(file)).toBe(before)
    expect(existsSync(writeLockPath(file))).toBe(false) // released
    // Once the first is done the same command goes through.
    const { ctx } = testContext()
    expect(await run(closeCommand(file, MARCH, ctx), ctx)).toBe(EXIT.ok)
    expect((await logAndProtection(file)).log).toContain(`月度结算 ${MARCH}`)
  })

  it('a lock left by a command that died (not refreshed for long) is taken over', async () => {
    await writeScenario(file, [MARCH], { values: GOOD })
    const lock = writeLockPath(file)
    const { mkdirSync } = await import('node:fs')
    mkdirSync(lock)
    const old = new Date(Date.now() - 120_000)
    utimesSync(lock, old, old)
    const { ctx } = testContext()
    expect(await run(closeCommand(file, MARCH, ctx), ctx)).toBe(EXIT.ok)
    expect(existsSync(lock)).toBe(false)
  })
})

describe('offline messages name offline commands (SPEC §12)', () => {
  let dir: string
  let file: string
  beforeEach(() => {
    dir = tempDir()
    file = path.join(dir, '考核.xlsx')
  })

  it('a missing month sheet says kaohe prepare <file> <month>, not the menu item', async () => {
    await writeScenario(file, [])
    const { ctx, lines } = testContext()
    expect(await validateCommand(file, MARCH, ctx)).toBe(EXIT.problems)
    const out = lines.join('\n')
    expect(out).toContain(`请先运行 kaohe prepare ${file} ${MARCH} 建立`)
    expect(out).not.toContain('新建月度录入表')
  })

  it('a month changed after its close says kaohe reopen; a quarter with open months says kaohe close', async () => {
    await writeScenario(file, [MARCH], { values: GOOD })
    const { ctx, lines } = testContext()
    expect(await closeCommand(file, MARCH, ctx)).toBe(EXIT.ok)
    // The leader retypes a number in the closed month.
    const raw = await loadWorkbookFile(file)
    const ws = raw.getWorksheet(monthSheetName(MARCH))
    if (!ws) throw new Error('no March sheet')
    const header = (ws.getRow(1).values as unknown[]).map(String)
    ws.getRow(2).getCell(header.indexOf('接听电话数')).value = 1400
    await saveWorkbookFile(raw, file)
    expect(await validateCommand(file, MARCH, ctx)).toBe(EXIT.problems)
    expect(lines.join('\n')).toContain(`请先运行 kaohe reopen ${file} ${MARCH} 重新开放该月`)
    expect(await validateCommand(file, '2025-Q1', ctx)).toBe(EXIT.problems)
    const out = lines.join('\n')
    expect(out).toContain(`kaohe close ${file} 2025-01`)
    expect(out).not.toMatch(/“重新开放”|“新建月度录入表”|“初始化考核表”/)
  })

  it('a path with spaces is quoted in the command it names', async () => {
    const spaced = path.join(dir, '我的 文档', '考核 2025.xlsx')
    const { mkdirSync } = await import('node:fs')
    mkdirSync(path.dirname(spaced))
    await writeScenario(spaced, [])
    const { ctx, lines } = testContext()
    expect(await validateCommand(spaced, MARCH, ctx)).toBe(EXIT.problems)
    expect(lines.join('\n')).toContain(`kaohe prepare "${spaced}" ${MARCH}`)
  })

  it('第十四条 prepare with an empty 人员 is refused (exit 1) saying what to fill in, and writes nothing', async () => {
    await writeScenario(file, [], { roster: [] })
    const before = sha256(file)
    const { ctx, lines, errors } = testContext()
    expect(await prepareCommand(file, MARCH, ctx)).toBe(EXIT.problems)
    const all = [...errors, ...lines].join('\n')
    expect(all).toContain('“人员”表还没有任何话务员')
    expect(all).toContain('工号、姓名、岗位和入职或派驻日期')
    expect(all).toContain(`kaohe prepare ${file} ${MARCH}`)
    expect(all).not.toContain('共0人')
    expect(sha256(file)).toBe(before)
  })

  it('validate groups a blank month by person (姓名、工号、行), one line per problem under each', async () => {
    await writeScenario(file, [MARCH])
    const { ctx, lines } = testContext()
    expect(await validateCommand(file, MARCH, ctx)).toBe(EXIT.problems)
    const out = lines.join('\n').split('\n')
    const summary = out.find((l) => l.startsWith('发现'))
    expect(summary).toMatch(/^发现 (\d+) 个问题（涉及 3 人），请修改后再试：$/)
    const total = Number(/发现 (\d+)/.exec(summary ?? '')?.[1])
    const headings = [
      '陈晓琳（工号 GZ01，“2025-03 月度”第 2 行）',
      '黄志强（工号 GZ02，“2025-03 月度”第 3 行）',
      '李嘉欣（工号 GZ03，“2025-03 月度”第 4 行）',
    ]
    const at = headings.map((h) => out.indexOf(h))
    expect(at.every((i) => i >= 0)).toBe(true)
    expect([...at].sort((a, b) => a - b)).toEqual(at)
    // Under each heading, only that person's row: “2025-03 月度” X2 under 陈晓琳, and so on.
    const listed = headings.map((_, k) => {
      const end = k + 1 < at.length ? (at[k + 1] as number) : out.length
      return out.slice((at[k] as number) + 1, end).filter((l) => l.startsWith('  '))
    })
    listed.forEach((ls, k) => {
      expect(ls.length).toBeGreaterThan(0)
      for (const l of ls) expect(l).toMatch(new RegExp(`^  “2025-03 月度” [A-Z]+${k + 2}：`))
    })
    expect(listed.flat().length).toBe(total)
  })
})
