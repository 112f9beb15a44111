/**
 * Headless Chromium driven over the DevTools protocol through a pipe (--remote-debugging-pipe: we write
 * NUL-terminated JSON to its fd 3 and read from its fd 4), so the browser test needs no npm package.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Readable, Writable } from 'node:stream'

/** The Chromium binary, or a clear failure telling how to install it (the test must not skip). */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, 'chromium', 'chromium-browser', 'google-chrome']
  for (const c of candidates) {
    if (!c) continue
    const found = spawnSync('sh', ['-c', `command -v "${c}"`], { encoding: 'utf8' })
    if (found.status === 0 && found.stdout.trim()) return found.stdout.trim()
  }
  throw new Error(
    'Headless Chromium is required by test/report/browser.test.ts but was not found. ' +
      'Install it with `apt-get install -y chromium` (Debian), or set CHROMIUM_PATH.',
  )
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
    const proc = spawn(
      chromiumPath(),
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
      { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] },
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
