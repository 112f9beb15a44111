import { defineConfig } from 'vitest/config'
import SummaryReporter from './test/support/summary-reporter'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    reporters: ['default', new SummaryReporter()],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
})
