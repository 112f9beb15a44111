/** Prints the closing line CI reads: `N passed, N failed` (vitest's own summary is not parsed). */
import type { Reporter, TestModule } from 'vitest/node'

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0
    let failed = unhandledErrors.length
    for (const module of testModules) {
      if (module.state() === 'failed' && module.children.size === 0) failed++
      for (const test of module.children.allTests()) {
        const state = test.result().state
        if (state === 'passed') passed++
        else if (state === 'failed') failed++
        else if (state === 'skipped' || state === 'pending') failed++ // a skipped test is not a pass
      }
    }
    process.stdout.write(`\n${passed} passed, ${failed} failed\n`)
  }
}
