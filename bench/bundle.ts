/**
 * The engine as it ships: bench/engine.ts bundled by esbuild like dist/cli.cjs (no tsx in the loop — tsx
 * keeps function names with a wrapper on every closure, which costs the engine ~10 % and is not shipped).
 */
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import * as esbuild from 'esbuild'

type Engine = typeof import('./engine')

export async function bundledEngine(): Promise<Engine> {
  const here = path.dirname(fileURLToPath(import.meta.url))
  const outfile = path.join(mkdtempSync(path.join(os.tmpdir(), 'kaohe-bench-')), 'engine.mjs')
  await esbuild.build({
    entryPoints: [path.join(here, 'engine.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'error',
  })
  return (await import(pathToFileURL(outfile).href)) as Engine
}
