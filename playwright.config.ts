import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3100);

/** Browser tests drive Debian's Chromium against a fresh demo server on its own store (e2e/serve.ts: PGlite, or PostgreSQL in CI). */
export default defineConfig({
  testDir: 'e2e',
  timeout: 90_000,
  // `npm test` runs these beside the Vitest runs, so the machine is busy: a page may take longer
  // than Playwright's 5 s default to settle. A failure in CI is retried once and reported as flaky.
  expect: { timeout: 15_000 },
  retries: process.env.CI ? 1 : 0,
  // Two spec files at a time in CI: a test spends much of its time waiting on its page and the
  // server, time a second browser uses (the server answers both at once on PostgreSQL). Spec files
  // that may run at once keep to accounts and data of their own (e2e/helpers.ts, copySpace). One
  // locally, beside whatever else runs.
  workers: process.env.CI ? 2 : 1,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  outputDir: 'test-results/e2e-artifacts',
  use: {
    baseURL: `http://localhost:${port}`,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    // The app then skips its animations (see web/src/app/Providers.tsx), so clicks never race them.
    reducedMotion: 'reduce',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    },
    screenshot: 'only-on-failure',
    // Recording a trace (a DOM snapshot per action, a screencast) costs the busy machine CPU in every
    // test; CI records it only when it retries a failure, which is when it is read.
    trace: process.env.CI ? 'on-first-retry' : 'retain-on-failure',
  },
  webServer: {
    command: 'tsx e2e/serve.ts',
    url: `http://localhost:${port}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    env: { PORT: String(port), LOG_LEVEL: 'warn', LOGIN_RATE_PER_MINUTE: '1000' },
  },
});
