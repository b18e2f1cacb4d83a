import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { pgliteClients } from './pglite-parsers.ts';
import * as schema from './schema.ts';
import { currentRegionPath, REGION_SCOPE_SETTING } from './scope.ts';

export type Schema = typeof schema;
/** The database handle every repository takes; the same type for PGlite and PostgreSQL. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Repositories accept either the database or an open transaction. */
export type DbOrTx = Db | Tx;

const counting = new AsyncLocalStorage<{ statements: number }>();

/**
 * Counts the statements Drizzle sends on either database for one piece of work and what it awaits
 * (its async context), not the sealer's or a job's running meanwhile: tests check that lists run a
 * fixed number whatever their size, benchmarks report them. Costs nothing outside `count`.
 */
export const statementProbe = {
  async count<T>(work: () => Promise<T>): Promise<{ result: T; statements: number }> {
    const tally = { statements: 0 };
    const result = await counting.run(tally, work);
    return { result, statements: tally.statements };
  },
};
/** The hooks of the transaction the caller's work runs in; `settled` once it has committed or rolled back. */
const commitHooks = new AsyncLocalStorage<{ hooks: Set<() => void>; settled: boolean }>();

/**
 * Runs `hook` once the transaction the caller is in (opened with `db.transaction`, savepoints
 * included) has committed, never if it rolls back; at once outside a transaction. For wake-ups of
 * work that must see the committed rows (the audit sealer); `hook` must not throw. The same function
 * registered several times in one transaction runs once.
 */
export function afterCommit(hook: () => void): void {
  const pending = commitHooks.getStore();
  if (pending && !pending.settled) pending.hooks.add(hook);
  else hook();
}

/** Makes `db.transaction` run the hooks its work registered with `afterCommit` after COMMIT. */
function withCommitHooks(db: Db): Db {
  const transaction = db.transaction.bind(db);
  db.transaction = (async (work: Parameters<Db['transaction']>[0], config?: Parameters<Db['transaction']>[1]) => {
    const pending = { hooks: new Set<() => void>(), settled: false };
    try {
      const result = await commitHooks.run(pending, () => transaction(work, config));
      pending.settled = true;
      for (const hook of pending.hooks) hook();
      return result;
    } finally {
      pending.settled = true;
    }
  }) as Db['transaction'];
  return db;
}

const logger = {
  logQuery: () => {
    const tally = counting.getStore();
    if (tally) tally.statements += 1;
  },
};

const prepared = new WeakMap<DbOrTx, Map<string, unknown>>();

/**
 * The statements of one query shape on `db`, built by `build` the first time and kept: Drizzle
 * otherwise rebuilds a query's SQL text from its builder on every request, a large share of a hot
 * read's CPU. `name` must tell apart everything that changes the text (which filters are present,
 * the sort column and direction) and values must go in `sql.placeholder`s; `build` receives it
 * to name its `.prepare(…)` (on PostgreSQL a named statement, parsed once per pooled connection, so
 * names stay under PostgreSQL's 63 bytes and differ per text). A transaction is a new handle each
 * time, so inside one the statements are built as before.
 */
export function preparedFor<P>(db: DbOrTx, name: string, build: (name: string) => P): P {
  let byName = prepared.get(db);
  if (!byName) prepared.set(db, (byName = new Map()));
  let statements = byName.get(name) as P | undefined;
  if (!statements) byName.set(name, (statements = build(name)));
  return statements;
}

/** The shape key of a list's sort (`sort`/`order` are whitelisted enums, so the shapes are few). */
export const sortShape = (sort: { sort?: string | undefined; order?: string | undefined }) => `${sort.sort ?? ''}${sort.order === 'desc' ? '-' : ''}`;

export const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../drizzle');

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Runs raw SQL that may hold several statements (pg-boss install, restore). */
  exec(sql: string): Promise<void>;
  /** Runs one parameterised statement and returns its rows (pg-boss adapter, CLI). */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  migrate(): Promise<void>;
  /** PGlite only: the whole cluster as an uncompressed tarball, which `loadDataDir` starts from. */
  dumpDataDir?: () => Promise<Blob>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL connection string; when absent, PGlite is used. */
  url?: string;
  /** PostgreSQL: connections the pool keeps at most (DATABASE_POOL_SIZE; 10 when not given). */
  poolSize?: number;
  /** PGlite directory; absent means in-memory (tests). */
  dataDir?: string;
  /** PGlite: a dumped data directory to start from instead of an empty cluster (tests start from a migrated template). */
  loadDataDir?: Blob;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.url) {
    // No JIT: the app's statements are short, or reports whose self-joins inflate the planner's cost
    // estimate far past the JIT thresholds, so PostgreSQL spent most of a report compiling it (14 of
    // the duplicate scan's 17 s at province size, BENCHMARKS.md issue 17) and none reading data.
    const pool = scopeConnections(new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 10, options: '-c jit=off' }));
    // An idle connection dropped by the server (restart, failover) must not crash the process;
    // the pool replaces it on the next query.
    pool.on('error', (err) => console.error(`数据库空闲连接断开 / idle database connection lost: ${err.message}`));
    const db = withCommitHooks(drizzlePg(pool, { schema, logger }) as unknown as Db);
    return {
      db,
      kind: 'postgres',
      exec: async (sql) => {
        await pool.query(sql);
      },
      query: async (sql, params) => (await pool.query(sql, params as unknown[])).rows,
      migrate: () => migratePg(drizzlePg(pool), { migrationsFolder }),
      close: () => pool.end(),
    };
  }
  if (opts.dataDir) fs.mkdirSync(opts.dataDir, { recursive: true });
  // Contrib extensions the migrations create: btree_gist (the bookings' exclusion constraint on
  // `resource_id WITH =`) and pg_trgm (the resource search's trigram index).
  const client = new PGlite({
    ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
    // A new cluster gets 1 MiB write-ahead log segments instead of 16 MiB: the default is sized for
    // busy servers, and every copy of the tests' template (one per test file) would carry two
    // segments, most of the bytes it loads. Clusters created before keep their own size.
    initDbStartParams: ['--wal-segsize=1'],
    ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
    extensions: { btree_gist, pg_trgm },
  });
  await client.waitReady;
  const clients = await pgliteClients(client);
  const db = withCommitHooks(drizzlePglite(clients.drizzle, { schema, logger }) as unknown as Db);
  return {
    db,
    kind: 'pglite',
    exec: async (sql) => {
      await client.exec(sql);
    },
    query: clients.raw,
    migrate: () => migratePglite(drizzlePglite(clients.drizzle), { migrationsFolder }),
    dumpDataDir: () => client.dumpDataDir('none'),
    close: () => client.close(),
  };
}

/**
 * Makes every connection the pool hands out (for a single query or a whole transaction) carry the
 * caller's region scope in `hatchery.region_path`, which the row-level security policies read. The
 * scope is read synchronously when the caller asks (pg-pool may call back in another request's
 * async context) and set on the checked-out connection only when it differs from what that
 * connection already holds, so a pooled connection never keeps one request's scope for the next
 * and an unchanged scope costs no round trip.
 */
function scopeConnections(pool: pg.Pool): pg.Pool {
  const scopeOf = new WeakMap<pg.PoolClient, string>();
  const checkout = pool.connect.bind(pool);

  async function connectIn(regionPath: string | null): Promise<pg.PoolClient> {
    const client = await checkout();
    if (regionPath === null || scopeOf.get(client) === regionPath) return client;
    try {
      // Session-wide (not transaction-local) so it holds for the transaction the caller opens next.
      await client.query('select set_config($1, $2, false)', [REGION_SCOPE_SETTING, regionPath]);
    } catch (err) {
      client.release(err instanceof Error ? err : true);
      throw err;
    }
    scopeOf.set(client, regionPath);
    return client;
  }

  const connect = () => connectIn(currentRegionPath());
  const query = async (...args: unknown[]) => {
    const client = await connectIn(currentRegionPath());
    try {
      const result = await (client.query as (...a: unknown[]) => Promise<unknown>)(...args);
      client.release();
      return result;
    } catch (err) {
      // An error the server reported leaves the connection usable; anything else may not.
      client.release(err instanceof pg.DatabaseError ? undefined : (err as Error));
      throw err;
    }
  };
  pool.connect = connect as typeof pool.connect;
  pool.query = query as typeof pool.query;
  return pool;
}
