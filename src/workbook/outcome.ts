import type { Problem } from '../core/problems'
import type { WritePlan } from './types'

/** What a workflow returns: a plan for the host to apply, or the problems that stopped it (nothing written). */
export type Outcome =
  | { readonly ok: true; readonly plan: WritePlan }
  | { readonly ok: false; readonly problems: readonly Problem[]; readonly message: string }

export function refuse(problems: readonly Problem[], message?: string): Outcome {
  return {
    ok: false,
    problems,
    message: message ?? `发现${problems.length}处问题，未写入任何数据，请修改后重试`,
  }
}

export function done(plan: WritePlan): Outcome {
  return { ok: true, plan }
}

/** Admin editors for protections, from the 规则 row admin.editors. */
export function protection(description: string, editors: readonly string[]) {
  return { description, editors }
}
