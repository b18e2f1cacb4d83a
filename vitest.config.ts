import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/global-setup.ts'],
    // Ceilings, not assertions: `npm test` runs the browser tests beside these runs on two cores.
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Each file gets its own database; two workers fit the 2-core machines.
    pool: 'forks',
    maxWorkers: 2,
    // A worker keeps the modules it imported from one file to the next: importing the whole app again
    // for each file was about a third of the run's CPU. Files share no state but module-level wiring
    // (a file that swaps a module's hook puts the original back; auth.test.ts re-imports under its mock).
    isolate: false,
  },
});
