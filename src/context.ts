import path from 'node:path';
import type { AppContext } from './app-context.ts';
import { withDevelopmentKeys, type Config } from './config.ts';
import { openDatabase, type Database } from './db/client.ts';
import { migrateStore, prepareDatabase } from './db/bootstrap.ts';
import { connectedAsOwner, schemaBehind } from './db/roles.ts';
import { startSealer } from './modules/audit/index.ts';
import { sealPlainTotpSecrets } from './modules/identity/index.ts';
import { APP_QUEUES, createJobs, type AppJobs } from './modules/jobs/index.ts';
import { startWorkers } from './modules/index.ts';

export interface ContextOptions {
  /** A database opened by the caller (tests open a throw-away one), who also closes it. */
  database?: Database;
  /**
   * Job workers (on by default; the server always runs them). Without workers jobs are still
   * enqueued and wait for a process that runs them. Tests pass a short polling interval.
   */
  jobs?: { workers: boolean; pollingIntervalSeconds?: number };
}

/** The store is behind the code and this process may not migrate it. */
export class SchemaBehindError extends Error {}

/** Migrates the PostgreSQL store through its owner's connection, DATABASE_MIGRATION_URL. */
async function migrateAsOwner(url: string): Promise<void> {
  const owner = await openDatabase({ url });
  try {
    await migrateStore(owner);
  } finally {
    await owner.close();
  }
}

/**
 * Makes sure the store matches the code before anything uses it. PGlite migrates in place. On
 * PostgreSQL the server connects as the application role and never tries DDL with it: with
 * DATABASE_MIGRATION_URL the owner migrates first; without it a connection that owns the database
 * (the single-URL developer setup) migrates itself, and any other refuses to start when the schema
 * is behind.
 */
async function readyStore(config: Config, database: Database, callerOpened: boolean): Promise<void> {
  if (database.kind === 'pglite') return prepareDatabase(database);
  if (config.databaseMigrationUrl && !callerOpened) await migrateAsOwner(config.databaseMigrationUrl);
  else if (await connectedAsOwner(database)) return migrateStore(database);
  let behind: string | null;
  try {
    behind = await schemaBehind(database, Object.keys(APP_QUEUES));
  } catch (err) {
    behind = `the schema cannot be read (${err instanceof Error ? err.message : String(err)})`;
  }
  if (behind)
    throw new SchemaBehindError(
      `数据库结构落后于程序，请先以数据表所有者身份执行 \`npx hatchery migrate\`（或设置 DATABASE_MIGRATION_URL）。\n` +
        `The database schema is behind this version (${behind}): run \`npx hatchery migrate\` as the tables' owner first (or set DATABASE_MIGRATION_URL).`,
    );
}

/**
 * Opens everything a process needs (database, job queue and the services built on them) for the
 * server, the CLI and the tests alike.
 */
export async function openContext(given: Config, opts: ContextOptions = {}): Promise<AppContext & { close: () => Promise<void> }> {
  const config = withDevelopmentKeys(given);
  const database = opts.database ?? (await openDatabase({ url: config.databaseUrl, poolSize: config.databasePoolSize, dataDir: path.join(config.dataDir, 'db') }));
  try {
    await readyStore(config, database, !!opts.database);
  } catch (err) {
    if (!opts.database) await database.close();
    throw err;
  }
  // TOTP secrets written before encryption at rest are sealed before anything reads them.
  await sealPlainTotpSecrets(database.db, config);
  const jobs = createJobs<AppJobs>(database, APP_QUEUES, {
    ...(opts.jobs?.pollingIntervalSeconds ? { pollingIntervalSeconds: opts.jobs.pollingIntervalSeconds } : {}),
  });
  await jobs.start();
  const ctx: AppContext = { config, database, db: database.db, jobs };
  if (opts.jobs?.workers ?? true) await startWorkers(ctx);
  // Every process seals the audit rows it and others commit (CLI commands too, before they exit).
  const sealer = await startSealer(ctx);
  return {
    ...ctx,
    close: async () => {
      await sealer.stop();
      await jobs.stop();
      if (!opts.database) await database.close();
    },
  };
}
