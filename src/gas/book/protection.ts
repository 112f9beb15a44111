/**
 * Sheet protections in Sheets. Protections are not even looked at when the plan knows them (`known`),
 * else touched only when their editors differ; a strict protection carries no description (one call less).
 * Every change records its undo.
 */
import type { SheetWrite } from '../../workbook/types'
import type { BookContext } from './context'
import type { SheetState } from './read-cache'
import type { Transaction } from './transaction'

type Protection = GoogleAppsScript.Spreadsheet.Protection

export interface ProtectStep {
  readonly state: SheetState
  readonly created: boolean
  readonly spec: SheetWrite['protect']
  /** 1-based columns left as unprotected ranges (SPEC §11: the leaders' columns). */
  readonly editable: readonly number[]
}

interface ProtectionState {
  readonly description: string
  readonly editors: readonly string[]
}

function emails(users: readonly GoogleAppsScript.Base.User[]): string[] {
  return users.map((u) => u.getEmail())
}

/**
 * Protects a sheet for `spec.editors` (plus the acting user), or removes its protection (`false`). When
 * the plan knows the protection is already right (`known: 'same'`) nothing is called; when it knows there
 * is none (`known: 'none'`) it is not looked for. Otherwise an existing protection with the same editors
 * is left alone (two reads). A new strict protection is protect, getEditors, (removeEditors, addEditors,)
 * canDomainEdit, setDomainEdit; a warning-only one (record sheets) protect, setDescription, setWarningOnly.
 */
export function protect(ctx: BookContext, step: ProtectStep, tx: Transaction): void {
  const { state, spec } = step
  const sheet = state.sheet
  if (spec && spec.known === 'same' && !step.created) return
  const look = !step.created && !(spec && spec.known === 'none')
  const existing = look ? sheet.getProtections(ctx.gas.app.ProtectionType.SHEET) : []
  if (spec === false) {
    if (existing.length === 0) return
    const states: ProtectionState[] = existing.map((p) => ({
      description: p.getDescription(),
      editors: emails(p.getEditors()),
    }))
    for (const p of existing) p.remove()
    tx.push(() => {
      for (const s of states) restoreProtection(sheet.protect(), s)
    })
    return
  }
  if (!spec) return
  if (spec.warningOnly) {
    const found = existing[0]
    if (found) {
      const description = found.getDescription()
      if (description === spec.description) return
      tx.push(() => found.setDescription(description))
      found.setDescription(spec.description)
      return
    }
    const p = sheet.protect()
    tx.push(() => p.remove())
    p.setDescription(spec.description)
    p.setWarningOnly(true)
    return
  }
  const me = ctx.user()
  const wanted = spec.editors.filter((e) => e !== '')
  const found = existing[0]
  if (found) {
    const editors = emails(found.getEditors())
    const extra = editors.filter((e) => e !== me && !wanted.includes(e))
    const missing = wanted.filter((e) => !editors.includes(e))
    if (extra.length === 0 && missing.length === 0) {
      leaveEditable(found, step, true, tx)
      return
    }
    const before: ProtectionState = { description: found.getDescription(), editors }
    const domain = found.canDomainEdit()
    tx.push(() => {
      restoreProtection(found, before)
      if (domain) found.setDomainEdit(true)
    })
    if (extra.length > 0) found.removeEditors(extra)
    if (missing.length > 0) found.addEditors(missing)
    if (domain) found.setDomainEdit(false)
    leaveEditable(found, step, true, tx)
    return
  }
  // A new protection mirrors the spreadsheet's editors until changed: keep only me and the admins. It
  // carries no description (Sheets lists it under the sheet's name, which says what it is): one call less.
  const p = sheet.protect()
  tx.push(() => p.remove())
  const current = emails(p.getEditors())
  const extra = current.filter((e) => e !== me && !wanted.includes(e))
  if (extra.length > 0) p.removeEditors(extra)
  const missing = wanted.filter((e) => !current.includes(e))
  if (missing.length > 0) p.addEditors(missing)
  if (p.canDomainEdit()) p.setDomainEdit(false)
  leaveEditable(p, step, false, tx)
}

/**
 * SPEC §11: the leaders' columns (data rows to the sheet's last row) as unprotected ranges of the sheet's
 * protection, so 最终档次 and 领导评价 can be typed after the close. A protection found already carrying
 * them is left alone (one read); a new one is given them (one getRange per column, one set).
 */
function leaveEditable(p: Protection, step: ProtectStep, found: boolean, tx: Transaction): void {
  if (step.editable.length === 0) return
  if (found) {
    const was = p.getUnprotectedRanges()
    if (was.length >= step.editable.length) return
    tx.push(() => p.setUnprotectedRanges(was))
  }
  const rows = Math.max(step.state.maxRows - 1, 1)
  p.setUnprotectedRanges(step.editable.map((c) => step.state.sheet.getRange(2, c, rows, 1)))
}

function restoreProtection(p: Protection, s: ProtectionState): void {
  p.setDescription(s.description)
  const now = emails(p.getEditors())
  const extra = now.filter((e) => !s.editors.includes(e))
  if (extra.length > 0) p.removeEditors(extra)
  if (s.editors.length > 0) p.addEditors([...s.editors])
}
