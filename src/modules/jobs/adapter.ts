import { sql, type SQL } from 'drizzle-orm';
import type { Database, Tx } from '../../db/client.ts';

/** What pg-boss calls to run SQL when given the `db` option instead of a connection string. */
export interface PgBossDb {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/** pg-boss's install, migration and maintenance scripts are statement lists; everything that returns rows is one statement. */
const isStatementList = (text: string) => text.trim().replace(/;\s*$/, '').includes(';');

/** How long `drain` waits for the work in hand before it cuts the database off regardless. */
const DRAIN_TIMEOUT_MS = 10_000;

/**
 * pg-boss over our own database handle, on PGlite and PostgreSQL alike. Statement lists go
 * through `exec` (the extended protocol refuses several statements in one call), everything else
 * through `query`. `drain(busy)` waits until no statement is in flight and `busy()` says no handler
 * runs: a fetch in flight when the queue stops may still bring a job, whose handler runs and whose
 * completion pg-boss then writes without awaiting it (a completion answered with no rows throws
 * inside pg-boss, unhandled). After that, new calls answer no rows, so workers still polling while
 * the queue stops never touch a closed database.
 */
export function databaseAdapter(database: Database): PgBossDb & { drain(busy?: () => boolean): Promise<void> } {
  const inFlight = new Set<Promise<unknown>>();
  let draining = false;

  async function run(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> {
    if (values === undefined && isStatementList(text)) {
      try {
        await database.exec(text);
      } catch (err) {
        // PGlite is one session: a script that failed after its BEGIN would leave every later
        // query of the process inside an aborted transaction.
        if (database.kind === 'pglite') await database.exec('ROLLBACK').catch(() => undefined);
        throw err;
      }
      return { rows: [] };
    }
    return { rows: await database.query(text, values ?? []) };
  }

  return {
    executeSql(text, values) {
      if (draining) return Promise.resolve({ rows: [] });
      const p = run(text, values);
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p)).catch(() => undefined);
      return p;
    },
    async drain(busy = () => false) {
      const deadline = Date.now() + DRAIN_TIMEOUT_MS;
      for (;;) {
        await Promise.allSettled([...inFlight]);
        // After the promise callbacks of what just settled: a handler started, a completion sent.
        await new Promise((resolve) => setImmediate(resolve));
        if ((inFlight.size === 0 && !busy()) || Date.now() > deadline) break;
      }
      draining = true;
      await Promise.allSettled([...inFlight]);
    },
  };
}

/** Rewrites pg-boss's `$n` placeholders as Drizzle parameters so a statement runs inside a caller's transaction. */
export function boundStatement(text: string, values: readonly unknown[]): SQL {
  const chunks: SQL[] = [];
  let last = 0;
  for (const m of text.matchAll(/\$(\d+)/g)) {
    chunks.push(sql.raw(text.slice(last, m.index)));
    chunks.push(sql`${sql.param(values[Number(m[1]) - 1] ?? null)}`);
    last = m.index + m[0].length;
  }
  chunks.push(sql.raw(text.slice(last)));
  return sql.join(chunks);
}

/** pg-boss over an open Drizzle transaction: a job sent through it commits or rolls back with the caller's change. */
export function transactionAdapter(tx: Tx): PgBossDb {
  return {
    async executeSql(text, values) {
      const result = (await tx.execute(boundStatement(text, values ?? []))) as unknown as { rows: unknown[] };
      return { rows: result.rows };
    },
  };
}
