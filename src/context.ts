import path from 'node:path';
import type { AppContext } from './app.ts';
import { withDevelopmentKeys, type Config } from './config.ts';
import { openDatabase, type Database } from './db/client.ts';
import { prepareDatabase } from './db/bootstrap.ts';
import { sealPlainTotpSecrets } from './modules/identity/service.ts';
import { createJobs } from './modules/jobs/queue.ts';
import { APP_QUEUES, type AppJobs } from './modules/jobs/queues.ts';
import { startWorkers } from './modules/jobs/workers.ts';

export interface ContextOptions {
  /** A database opened by the caller (tests open a throw-away one), who also closes it. */
  database?: Database;
  /**
   * Job workers (on by default; the server always runs them). Without workers jobs are still
   * enqueued and wait for a process that runs them. Tests pass a short polling interval.
   */
  jobs?: { workers: boolean; pollingIntervalSeconds?: number };
}

/**
 * Opens everything a process needs (database, job queue and the services built on them) for the
 * server, the CLI and the tests alike.
 */
export async function openContext(given: Config, opts: ContextOptions = {}): Promise<AppContext & { close: () => Promise<void> }> {
  const config = withDevelopmentKeys(given);
  const database = opts.database ?? (await openDatabase({ url: config.databaseUrl, dataDir: path.join(config.dataDir, 'db') }));
  await prepareDatabase(database);
  // TOTP secrets written before encryption at rest are sealed before anything reads them.
  await sealPlainTotpSecrets(database.db, config);
  const jobs = createJobs<AppJobs>(database, APP_QUEUES, {
    ...(opts.jobs?.pollingIntervalSeconds ? { pollingIntervalSeconds: opts.jobs.pollingIntervalSeconds } : {}),
  });
  await jobs.start();
  const ctx: AppContext = { config, database, db: database.db, jobs };
  if (opts.jobs?.workers ?? true) await startWorkers(ctx);
  return {
    ...ctx,
    close: async () => {
      await jobs.stop();
      if (!opts.database) await database.close();
    },
  };
}
