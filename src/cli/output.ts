/**
 * What the command line prints: one plain line per step on a pipe or in a log file, a progress bar on a
 * terminal; problems one per line (sheet, cell, reason), grouped by person when the host can tell whose.
 * Colours only on a terminal (picocolors decides).
 */
import cliProgress from 'cli-progress'
import pc from 'picocolors'
import { formatProblem, type Problem } from '../core/problems'
import { type ProblemGroups, personHeading } from '../workbook/problem-groups'

export interface Reporter {
  /** A step of a command (one line on a pipe; the bar's label on a terminal). */
  step(text: string): void
  /** Progress inside a step (applying a plan). */
  progress(step: string, done: number, total: number): void
  /** Ends any bar in progress. */
  done(): void
  info(text: string): void
  success(text: string): void
  warn(text: string): void
  error(text: string): void
  /** Problems one per line; with `groups`, under a heading per person (姓名、工号、行), the rest after. */
  problems(list: readonly Problem[], groups?: ProblemGroups): void
}

/** Where lines go: process.stdout / stderr, or a collector in tests. */
export interface Sink {
  write(text: string): unknown
  readonly isTTY?: boolean
}

export interface ReporterOptions {
  readonly out?: Sink
  readonly err?: Sink
  /** Force plain lines (tests, pipes); default: plain when stdout is not a TTY. */
  readonly plain?: boolean
  /** Print nothing but errors and problems (the demo's inner steps). */
  readonly quiet?: boolean
}

export function createReporter(options: ReporterOptions = {}): Reporter {
  const out = options.out ?? process.stdout
  const err = options.err ?? process.stderr
  const plain = options.plain ?? !out.isTTY
  const quiet = options.quiet ?? false
  let bar: cliProgress.SingleBar | null = null
  let lastPlainStep = ''
  const line = (stream: Sink, text: string) => {
    stream.write(`${text}\n`)
  }
  const stopBar = () => {
    if (bar) {
      bar.stop()
      bar = null
    }
  }
  return {
    step(text) {
      if (quiet) return
      stopBar()
      line(out, plain ? text : pc.bold(text))
    },
    progress(step, done, total) {
      if (quiet) return
      if (plain) {
        if (step !== lastPlainStep && done < total) line(out, `  ${step}（${done + 1}/${total}）`)
        lastPlainStep = step
        return
      }
      if (!bar) {
        bar = new cliProgress.SingleBar(
          {
            format: '  {bar} {value}/{total} {step}',
            barCompleteChar: '█',
            barIncompleteChar: '░',
            hideCursor: true,
            clearOnComplete: true,
            stream: out as NodeJS.WritableStream,
          },
          cliProgress.Presets.shades_classic,
        )
        bar.start(total, done, { step })
      } else {
        bar.setTotal(total)
        bar.update(done, { step })
      }
      if (done >= total) stopBar()
    },
    done: stopBar,
    info(text) {
      if (quiet) return
      stopBar()
      line(out, text)
    },
    success(text) {
      stopBar()
      line(out, plain ? text : pc.green(text))
    },
    warn(text) {
      stopBar()
      line(err, plain ? text : pc.yellow(text))
    },
    error(text) {
      stopBar()
      line(err, plain ? text : pc.red(text))
    },
    problems(list, groups) {
      stopBar()
      const people = groups && groups.people.length > 0 ? `（涉及 ${groups.people.length} 人）` : ''
      line(out, `发现 ${list.length} 个问题${people}，请修改后再试：`)
      if (!groups || groups.people.length === 0) {
        for (const p of list) line(out, `  ${formatProblem(p)}`)
        return
      }
      for (const person of groups.people) {
        line(out, plain ? personHeading(person) : pc.bold(personHeading(person)))
        for (const p of person.problems) line(out, `  ${formatProblem(p)}`)
      }
      if (groups.other.length > 0) {
        line(out, '其他问题：')
        for (const p of groups.other) line(out, `  ${formatProblem(p)}`)
      }
    },
  }
}
