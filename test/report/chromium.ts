/**
 * Headless Chromium driven over the DevTools protocol through a pipe (--remote-debugging-pipe: we write
 * NUL-terminated JSON to its fd 3 and read from its fd 4). The browser itself comes from the npm registry:
 * @sparticuz/chromium ships a headless shell, the NSS libraries it links and a few fonts as Brotli files
 * inside its tarball, so `npm ci` is the whole set-up — no apt, no system browser, no download.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { Readable, Writable } from 'node:stream'
import { brotliDecompressSync } from 'node:zlib'

export interface ChromiumBinary {
  readonly executable: string
  /** Variables the binary needs: its own shared libraries and fonts. */
  readonly env: NodeJS.ProcessEnv
}

/** The folder of the installed @sparticuz/chromium package (its `bin/` holds the .br files). */
function packageRoot(): string {
  let dir = dirname(createRequire(import.meta.url).resolve('@sparticuz/chromium'))
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'bin'))) {
    const up = dirname(dir)
    if (up === dir) throw new Error('@sparticuz/chromium is not installed: run `npm ci`')
    dir = up
  }
  return dir
}

/** Unpacks one .br file: a tarball into `into`, or a single file to `into/<name>`. */
function inflate(file: string, into: string, name: string | null): void {
  const bytes = brotliDecompressSync(readFileSync(file))
  if (name !== null) {
    writeFileSync(join(into, name), bytes, { mode: 0o755 })
    return
  }
  // tar is part of every Debian (Essential: yes); Node has no tar reader of its own.
  const r = spawnSync('tar', ['-x', '-C', into], { input: bytes })
  if (r.status !== 0) throw new Error(`could not unpack ${file}: ${r.stderr?.toString() ?? r.error}`)
}

/**
 * The headless shell of @sparticuz/chromium, unpacked once per package version into the temporary folder
 * (into a private folder first, then renamed, so concurrent runs never see half a browser). Its Amazon
 * Linux 2023 libraries (libnss3, libnspr4, libexpat …) are unpacked too and put first on LD_LIBRARY_PATH,
 * so it does not depend on what the system has installed. CHROMIUM_PATH overrides it (a local browser).
 */
export function chromiumBinary(): ChromiumBinary {
  if (process.env.CHROMIUM_PATH) return { executable: process.env.CHROMIUM_PATH, env: process.env }
  const root = packageRoot()
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }
  const dir = join(tmpdir(), `kaohe-chromium-${version}`)
  if (!existsSync(join(dir, 'chromium'))) {
    const staging = mkdtempSync(`${dir}.partial-`)
    try {
      inflate(join(root, 'bin/chromium.br'), staging, 'chromium')
      inflate(join(root, 'bin/al2023.tar.br'), staging, null) // lib/*.so
      inflate(join(root, 'bin/swiftshader.tar.br'), staging, null) // libEGL, libGLESv2 beside the binary
      inflate(join(root, 'bin/fonts.tar.br'), staging, null) // fonts/
      mkdirSync(join(staging, 'fonts-cache'), { recursive: true })
      writeFileSync(
        join(staging, 'fonts.conf'),
        `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n` +
          `  <dir>${dir}/fonts</dir>\n  <dir>/usr/share/fonts</dir>\n` +
          `  <cachedir>${dir}/fonts-cache</cachedir>\n</fontconfig>\n`,
      )
      renameSync(staging, dir)
    } catch (err) {
      rmSync(staging, { recursive: true, force: true })
      // Another run may have finished first: its copy is as good as ours.
      if (!existsSync(join(dir, 'chromium'))) throw err
    }
  }
  const libs = join(dir, 'lib')
  const inherited = process.env.LD_LIBRARY_PATH
  return {
    executable: join(dir, 'chromium'),
    env: {
      ...process.env,
      LD_LIBRARY_PATH: inherited ? `${libs}:${inherited}` : libs,
      FONTCONFIG_FILE: join(dir, 'fonts.conf'),
    },
  }
}

interface Message {
  id?: number
  method?: string
  params?: Record<string, unknown>
  result?: Record<string, unknown>
  error?: { message: string }
  sessionId?: string
}

export class Browser {
  private nextId = 1
  private buffer = ''
  private readonly pending = new Map<number, { resolve: (m: Message) => void; reject: (e: Error) => void }>()
  private readonly listeners: ((m: Message) => void)[] = []
  readonly events: Message[] = []

  private constructor(
    private readonly proc: ChildProcess,
    private readonly input: Writable,
    output: Readable,
    private readonly profile: string,
  ) {
    output.setEncoding('utf8')
    output.on('data', (chunk: string) => {
      this.buffer += chunk
      let end = this.buffer.indexOf('\0')
      while (end >= 0) {
        const text = this.buffer.slice(0, end)
        this.buffer = this.buffer.slice(end + 1)
        this.dispatch(JSON.parse(text) as Message)
        end = this.buffer.indexOf('\0')
      }
    })
  }

  static launch(): Browser {
    const profile = mkdtempSync(join(tmpdir(), 'kaohe-chromium-'))
    const chromium = chromiumBinary()
    const proc = spawn(
      chromium.executable,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--hide-scrollbars',
        `--user-data-dir=${profile}`,
        '--remote-debugging-pipe',
        'about:blank',
      ],
      { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'], env: chromium.env },
    )
    const input = proc.stdio[3] as Writable
    const output = proc.stdio[4] as Readable
    return new Browser(proc, input, output, profile)
  }

  private dispatch(m: Message): void {
    if (m.id !== undefined) {
      const p = this.pending.get(m.id)
      this.pending.delete(m.id)
      if (m.error) p?.reject(new Error(m.error.message))
      else p?.resolve(m)
      return
    }
    this.events.push(m)
    for (const l of this.listeners) l(m)
  }

  send(
    method: string,
    params: Record<string, unknown> = {},
    sessionId?: string,
  ): Promise<Record<string, unknown>> {
    const id = this.nextId++
    const message = JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: (m) => resolve(m.result ?? {}), reject })
      this.input.write(`${message}\0`)
    })
  }

  waitFor(method: string, sessionId: string, timeoutMs = 20_000): Promise<Message> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${method}`)), timeoutMs)
      this.listeners.push((m) => {
        if (m.method === method && m.sessionId === sessionId) {
          clearTimeout(timer)
          resolve(m)
        }
      })
    })
  }

  /** Opens `url` in a new page and waits for its load event; returns the session id. */
  async open(url: string, width = 1100, height = 1600): Promise<string> {
    const { targetId } = await this.send('Target.createTarget', { url: 'about:blank' })
    const { sessionId } = await this.send('Target.attachToTarget', { targetId, flatten: true })
    const session = String(sessionId)
    await this.send('Page.enable', {}, session)
    await this.send('Runtime.enable', {}, session)
    await this.send('Log.enable', {}, session)
    await this.send(
      'Emulation.setDeviceMetricsOverride',
      { width, height, deviceScaleFactor: 1, mobile: false },
      session,
    )
    const loaded = this.waitFor('Page.loadEventFired', session)
    await this.send('Page.navigate', { url }, session)
    await loaded
    return session
  }

  async evaluate<T>(session: string, expression: string): Promise<T> {
    const r = await this.send('Runtime.evaluate', { expression, returnByValue: true }, session)
    const result = r.result as { value?: T } | undefined
    if (r.exceptionDetails) throw new Error(`evaluation failed: ${JSON.stringify(r.exceptionDetails)}`)
    return result?.value as T
  }

  /** Script errors and console errors seen so far on the session. */
  errors(session: string): string[] {
    return this.events
      .filter((m) => m.sessionId === session)
      .flatMap((m) => {
        if (m.method === 'Runtime.exceptionThrown') return [JSON.stringify(m.params)]
        if (m.method === 'Runtime.consoleAPICalled' && m.params?.type === 'error')
          return [JSON.stringify(m.params)]
        const entry = m.params?.entry as { level?: string; text?: string; url?: string } | undefined
        // Ignore the browser's own favicon probe for a file:// page.
        if (
          m.method === 'Log.entryAdded' &&
          entry?.level === 'error' &&
          !String(entry.url ?? '').endsWith('favicon.ico')
        )
          return [entry.text ?? '']
        return []
      })
  }

  async screenshot(session: string): Promise<Buffer> {
    const r = await this.send(
      'Page.captureScreenshot',
      { format: 'png', captureBeyondViewport: true },
      session,
    )
    return Buffer.from(String(r.data), 'base64')
  }

  async close(): Promise<void> {
    try {
      await Promise.race([this.send('Browser.close'), new Promise((r) => setTimeout(r, 3000))])
    } catch {
      // already gone
    }
    if (this.proc.exitCode === null) {
      const exited = new Promise((r) => this.proc.once('exit', r))
      this.proc.kill()
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))])
    }
    // Chromium's helper processes may still be flushing the profile: clean up best effort.
    for (let attempt = 0; attempt < 10; attempt++) {
      try {
        rmSync(this.profile, { recursive: true, force: true })
        return
      } catch {
        await new Promise((r) => setTimeout(r, 300))
      }
    }
  }
}
