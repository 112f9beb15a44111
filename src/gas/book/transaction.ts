/**
 * All or nothing: every write of an action records its undo here first; when any write fails the undos run
 * in reverse and the action ends with an ApplyError whose Chinese message says which sheet failed and
 * whether the workbook is back as it was.
 */

/** A write failed and was rolled back; `message` is Chinese and meant for the user. */
export class ApplyError extends Error {
  override readonly name = 'ApplyError'
}

/** The message of anything thrown (errors may come from another realm, e.g. a service). */
export function messageOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error) return String(error.message)
  return String(error)
}

/** The undo log of one action. */
export class Transaction {
  private readonly undos: (() => void)[] = []
  /** The sheet being written, named in the message when a write fails. */
  current = ''

  /** Records how to undo the write about to be made. */
  push(undo: () => void): void {
    this.undos.push(undo)
  }

  /** Runs `work`; on failure undoes everything recorded, calls `reset` and throws ApplyError. */
  run(work: () => void, reset: () => void): void {
    try {
      work()
    } catch (error) {
      console.error('apply failed; rolling back', error)
      const restored = this.rollback()
      reset()
      const reason = messageOf(error)
      throw new ApplyError(
        restored
          ? `写入“${this.current}”时出错，已撤销本次全部更改，工作簿保持原样。原因：${reason}`
          : `写入“${this.current}”时出错，撤销更改时也遇到问题，请检查工作簿或从版本历史恢复。原因：${reason}`,
      )
    }
  }

  /** Runs the undos in reverse; false when one of them failed too (the others still run). */
  private rollback(): boolean {
    let ok = true
    for (let i = this.undos.length - 1; i >= 0; i--) {
      try {
        this.undos[i]?.()
      } catch (e) {
        ok = false
        console.error('rollback step failed', e)
      }
    }
    this.undos.length = 0
    return ok
  }
}
