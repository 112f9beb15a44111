/**
 * Loads dist/Code.js the way Apps Script does: one script in a fresh V8 context with no Node globals
 * (no require, process, Buffer, setTimeout), plus only the `globals` a test passes (e.g. SpreadsheetApp,
 * Utilities doubles). Returns the context: its top-level functions are the ones Sheets would call.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import vm from 'node:vm'

export const BUNDLE_PATH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/Code.js')

export function bundleSource(): string {
  return readFileSync(BUNDLE_PATH, 'utf8')
}

/** A top-level function of the bundle, called with Sheets-like arguments. */
export type SheetFunction = (...args: unknown[]) => unknown

export type BundleContext = vm.Context & Record<string, unknown>

export function loadBundle(globals: Record<string, unknown> = {}): BundleContext {
  const context = vm.createContext({ ...globals }) as BundleContext
  vm.runInContext(bundleSource(), context, { filename: 'Code.js' })
  return context
}

/** The named top-level function of a loaded bundle; throws when Sheets would not find it. */
export function sheetFunction(context: BundleContext, name: string): SheetFunction {
  const fn = context[name]
  if (typeof fn !== 'function') throw new Error(`dist/Code.js has no top-level function ${name}`)
  return fn as SheetFunction
}
