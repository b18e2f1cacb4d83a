import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import type { AppContext } from '../../src/app-context.ts';
import { openContext } from '../../src/context.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { freshDatabase } from './db.ts';

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  config: Config;
  /** PostgreSQL: the database as its owner, for what the application role may not do (TRUNCATE). */
  ownerUrl?: string | undefined;
  close: () => Promise<void>;
}

export function testConfig(env: Record<string, string> = {}): Config {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hatchery-test-'));
  return loadConfig({
    NODE_ENV: 'test',
    HATCHERY_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    LOGIN_RATE_PER_MINUTE: '10000',
    ...env,
  });
}

/**
 * The real app on a fresh database; `demo: true` also loads the demo organisations and accounts.
 * Job workers are off unless `jobs: true` (then they poll every half second, pg-boss's minimum).
 * On PostgreSQL it connects as the application role unless `asOwner` (what restore needs).
 */
export async function createTestApp(opts: { demo?: boolean; env?: Record<string, string>; jobs?: boolean; asOwner?: boolean } = {}): Promise<TestApp> {
  const config = testConfig(opts.env);
  const { database, drop, ownerUrl } = await freshDatabase({ asOwner: opts.asOwner });
  const ctx = await openContext(config, { database, jobs: { workers: opts.jobs ?? false, pollingIntervalSeconds: 0.5 } });
  if (opts.demo) await seedDemo(database.db, config);
  const app = await buildApp(ctx, { serveWeb: false, logger: false });
  await app.ready();
  return {
    app,
    ctx,
    config,
    ownerUrl,
    close: async () => {
      await app.close();
      await ctx.close();
      await drop();
      fs.rmSync(config.dataDir, { recursive: true, force: true });
    },
  };
}
