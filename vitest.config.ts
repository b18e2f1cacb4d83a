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
  },
});
