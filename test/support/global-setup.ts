/**
 * Builds dist/ once before any test file runs, so `npx vitest` alone tests the real bundle. The Apps
 * Script bundle must build; a CLI build failure is only reported here (its own tests then fail), since
 * `npm test` runs the strict `npm run build` first anyway.
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

function runBuild(target: 'gas' | 'cli'): { ok: boolean; output: string } {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs'), target], {
    cwd: ROOT,
    encoding: 'utf8',
  })
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}`.trim() }
}

export default function setup(): void {
  const gas = runBuild('gas')
  if (!gas.ok) throw new Error(`dist/Code.js 构建失败：\n${gas.output}`)
  const cli = runBuild('cli')
  if (!cli.ok)
    process.stderr.write(`[global-setup] dist/cli.cjs 构建失败（相关测试将失败）：\n${cli.output}\n`)
}
