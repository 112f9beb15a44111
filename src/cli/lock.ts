/**
 * One writer at a time (SPEC §12): a command that changes a workbook holds an exclusive lock on it for its
 * whole read–compute–write, so two commands on one file can never both save from the same old copy (the
 * last rename would silently drop the other's work). The lock is proper-lockfile's `<book>.xlsx.lock`
 * folder beside the workbook — created atomically, its time refreshed while held, taken over once stale
 * (a command that crashed), and removed on exit. A second command waits briefly, then refuses.
 */
import path from 'node:path'
import lockfile from 'proper-lockfile'
import { FileError } from './file'

/** How long a second command waits for the first to finish before it refuses (ms). */
const LOCK_WAIT_MS = 4000
/** A lock not refreshed for this long belongs to a command that died: it is taken over (ms). */
const LOCK_STALE_MS = 20_000
const RETRY_EVERY_MS = 100

/** The lock folder of a workbook: `考核.xlsx` → `考核.xlsx.lock`. */
export function writeLockPath(file: string): string {
  return `${path.resolve(file)}.lock`
}

/** The lock was lost while held (its folder removed or taken over): the save must not go ahead. */
export interface HeldLock {
  /** Throws a FileError when the lock is no longer ours; call right before replacing the file. */
  assertHeld(): void
}

/**
 * Runs `work` holding the workbook's write lock. Refuses with a FileError (exit 2) when another command
 * still holds it after LOCK_WAIT_MS; the workbook is then not read, not written.
 */
export async function withWriteLock<T>(
  file: string,
  work: (lock: HeldLock) => Promise<T>,
  waitMs = LOCK_WAIT_MS,
): Promise<T> {
  let lost: Error | null = null
  const target = path.resolve(file)
  let release: () => Promise<void>
  try {
    release = await lockfile.lock(target, {
      realpath: false, // `init` locks a workbook that does not exist yet
      lockfilePath: writeLockPath(file),
      stale: LOCK_STALE_MS,
      update: LOCK_STALE_MS / 4,
      retries: {
        retries: Math.max(0, Math.ceil(waitMs / RETRY_EVERY_MS)),
        factor: 1,
        minTimeout: RETRY_EVERY_MS,
        maxTimeout: RETRY_EVERY_MS,
      },
      onCompromised: (err) => {
        lost = err
      },
    })
  } catch (err) {
    if ((err as NodeJS.ErrnoException | null)?.code === 'ELOCKED') {
      throw new FileError(
        `该工作簿正在被另一个命令使用：“${file}”正由另一个 kaohe 命令写入（锁定文件夹“${path.basename(writeLockPath(file))}”）。` +
          `请等它完成后再试；如确认没有命令在运行（例如上次被强行中断），约 ${LOCK_STALE_MS / 1000} 秒后锁定会自动失效。原文件未改动`,
      )
    }
    const code = (err as NodeJS.ErrnoException | null)?.code
    throw new FileError(
      `无法锁定“${file}”以便写入${code ? `（${code}）` : ''}：请检查文件夹是否可写。原文件未改动`,
    )
  }
  const held: HeldLock = {
    assertHeld() {
      if (lost) {
        throw new FileError(
          `写入“${file}”期间锁定失效（可能另一个命令接管了它），为免覆盖他人的修改，本次未保存。请重新运行该命令`,
        )
      }
    },
  }
  try {
    return await work(held)
  } finally {
    await release().catch(() => undefined)
  }
}
