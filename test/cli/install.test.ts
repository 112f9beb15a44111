/**
 * `kaohe` as a clerk installs it (SPEC §12, issue 12): the project packed with `npm pack` and installed
 * globally — here into a temporary prefix — runs from any folder, with no `npx`, no project folder and no
 * download: dist/cli.cjs carries every library it uses, so the package has no dependencies to fetch.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { tempDir } from './support'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const CLI = path.join(ROOT, 'dist/cli.cjs')

function npm(args: string[], cwd: string) {
  const r = spawnSync('npm', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_loglevel: 'error' },
  })
  if (r.status !== 0) throw new Error(`npm ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`)
  return r.stdout
}

describe('kaohe installed from a packed tarball, run from the clerk’s own folder', () => {
  let prefix: string
  let bin: string
  beforeAll(() => {
    const work = tempDir()
    // dist/ is built already (npm test, or vitest's global setup): pack it as it is.
    npm(['pack', '--ignore-scripts', '--pack-destination', work], ROOT)
    const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'))
    if (!tarball) throw new Error('npm pack made no tarball')
    prefix = path.join(work, 'prefix')
    // --offline: nothing may need the registry, the tarball is all there is.
    npm(
      ['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', path.join(work, tarball)],
      work,
    )
    bin = path.join(prefix, 'bin')
  }, 120_000)

  /** Runs `kaohe` found on PATH (the prefix's bin and node only), in `cwd`. */
  function kaohe(cwd: string, ...args: string[]) {
    const r = spawnSync('kaohe', args, {
      cwd,
      encoding: 'utf8',
      env: { PATH: `${bin}${path.delimiter}${path.dirname(process.execPath)}`, HOME: cwd, KAOHE_DEBUG: '' },
    })
    return { code: r.status, out: r.stdout ?? '', err: r.stderr ?? '', error: r.error }
  }

  it('kaohe --help works from another folder, in Chinese, naming kaohe (not npx)', () => {
    const clerk = tempDir()
    const help = kaohe(clerk, '--help')
    expect(help.error).toBeUndefined()
    expect(help.code).toBe(0)
    expect(help.out).toContain('用法： kaohe <命令>')
    expect(help.out).toContain('kaohe close 考核.xlsx 2026-05')
    expect(help.out).not.toContain('npx')
  })

  it('init and validate a workbook in the clerk’s folder, by its bare name', () => {
    const clerk = tempDir()
    expect(kaohe(clerk, 'init', '考核.xlsx').code).toBe(0)
    expect(existsSync(path.join(clerk, '考核.xlsx'))).toBe(true)
    const validate = kaohe(clerk, 'validate', '考核.xlsx', '2026-05')
    expect(validate.code).toBe(1)
    expect(validate.out).toContain('请先运行 kaohe prepare 考核.xlsx 2026-05 建立')
  })

  it('the installed package is the bundle alone: no node_modules, nothing but Node built-ins required', () => {
    const installed = path.join(prefix, 'lib', 'node_modules', 'kaohe-12368')
    expect(existsSync(path.join(installed, 'dist', 'cli.cjs'))).toBe(true)
    expect(existsSync(path.join(installed, 'node_modules'))).toBe(false)
    const manifest = JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>
    }
    expect(manifest.dependencies ?? {}).toEqual({})
    const required = [...readFileSync(CLI, 'utf8').matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1] ?? '')
    const builtins = new Set(builtinModules)
    const foreign = [...new Set(required)].filter((m) => !builtins.has(m.replace(/^node:/, '')))
    expect(foreign).toEqual([])
  })
})
