import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import type { Db } from '../src/db/client.ts';
import { openDatabase } from '../src/db/client.ts';
import { prepareDatabase } from '../src/db/bootstrap.ts';
import * as schema from '../src/db/schema.ts';
import { startSealer } from '../src/modules/audit/index.ts';
import * as audit from '../src/modules/audit/index.ts';

export interface AuditBenchOptions {
  /** Concurrent connections, each running one transaction after another. */
  writers: number;
  /** Transactions in all; each writes one audit row. */
  transactions: number;
  /** Statements each transaction runs after its audit row, before commit (the rest of a real action). */
  statementsAfter: number;
  /** Server time one of those statements takes (pg_sleep), as a statement that writes indexes or waits on I/O does. */
  serverMsAfter: number;
}

/**
 * Audited-write throughput on PostgreSQL: `writers` connections run `transactions` transactions,
 * each writing one audit row and then `statementsAfter` more round trips before commit (one of them
 * taking `serverMsAfter` at the server), as a submission or a decision does. Runs on a fresh database created under `adminUrl` and dropped after.
 */
export async function benchAuditWrites(adminUrl: string, opts: AuditBenchOptions) {
  const name = `hatchery_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hatchery-bench-'));
  const config = loadConfig({ NODE_ENV: 'test', HATCHERY_DATA_DIR: dataDir, LOG_LEVEL: 'silent', AUDIT_MAC_KEY: randomBytes(32).toString('hex') });
  const pool = new pg.Pool({ connectionString: url.toString(), max: opts.writers });
  // Dropping the database ends connections the pool is still closing; that is expected here.
  pool.on('error', () => undefined);
  try {
    // The sealer gets a connection of its own, as it would share the server's pool with other work.
    const database = await openDatabase({ url: url.toString() });
    await prepareDatabase(database);
    const sealer = await startSealer({ db: database.db, config });
    const db = drizzle(pool, { schema }) as unknown as Db;
    const ctx = { ...audit.SYSTEM_CONTEXT, actorUsername: 'bench' };

    let next = 0;
    const writer = async () => {
      for (let i = next++; i < opts.transactions; i = next++) {
        await db.transaction(async (tx) => {
          await audit.recordInTx(tx, ctx, { action: 'bench.write', detail: { i } });
          for (let s = 0; s < opts.statementsAfter; s++)
            await tx.execute(s === 0 && opts.serverMsAfter ? sql`select pg_sleep(${opts.serverMsAfter / 1000})` : sql`select ${s}::int`);
        });
      }
    };
    const start = process.hrtime.bigint();
    await Promise.all(Array.from({ length: opts.writers }, writer));
    await sealer.flush();
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    await sealer.stop();
    const verified = await audit.verify({ db, config });
    await database.close();
    return { ...opts, ms: Math.round(ms), writesPerSecond: Math.round((opts.transactions * 1000) / ms), chainOk: verified.ok, rows: verified.checked };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
    await pool.end();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
