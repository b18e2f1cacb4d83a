/**
 * The bare stack the product is compared with (`npm run bench -- --only=hot`): plain Fastify and
 * the database driver (a pg Pool of the product's size, or PGlite), no plugins, no validation, no
 * ORM. Each route replays the statements the product ran for the same page (captured by
 * bench/capture.ts: identical SQL text and parameters, the same parallel batches and
 * transactions), with the session token hash taken from the request's own cookie and "now" taken
 * at request time, and answers every statement's rows as JSON.
 *
 * Started by bench/scale.ts as a child process: BARE_PORT, BARE_SCRIPT (a JSON file of
 * `{ path, tokenHash, capturedAt, steps }`), and DATABASE_URL or BARE_PGLITE_DIR.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import Fastify from 'fastify';
import pg from 'pg';
import type { Step, Stmt } from './capture.ts';

export interface BareRoute {
  path: string;
  /** The session the capture ran as; null for public pages. */
  tokenHash: string | null;
  /** ISO instant of the capture: parameters this close to it were the product's "now". */
  capturedAt: string;
  steps: Step[];
}

interface Runner {
  batch(statements: Stmt[]): Promise<unknown[][]>;
  tx(statements: Stmt[]): Promise<unknown[][]>;
}

function pgRunner(url: string): Runner {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  return {
    batch: (statements) => Promise.all(statements.map(async (s) => (await pool.query(s.text, s.values)).rows)),
    async tx(statements) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const rows: unknown[][] = [];
        for (const s of statements) rows.push((await client.query(s.text, s.values)).rows);
        await client.query('commit');
        client.release();
        return rows;
      } catch (err) {
        await client.query('rollback').catch(() => undefined);
        client.release();
        throw err;
      }
    },
  };
}

async function pgliteRunner(dir: string): Promise<Runner> {
  const db = new PGlite({ dataDir: dir });
  await db.waitReady;
  return {
    batch: (statements) => Promise.all(statements.map(async (s) => (await db.query(s.text, s.values)).rows)),
    tx: (statements) =>
      db.transaction(async (tx) => {
        const rows: unknown[][] = [];
        for (const s of statements) rows.push((await tx.query(s.text, s.values)).rows);
        return rows;
      }),
  };
}

const NOW_WINDOW_MS = 120_000;

/** The captured parameters with this request's token hash and this moment for the capture's "now". */
function parameters(route: BareRoute, values: unknown[], tokenHash: string | null, now: string): unknown[] {
  const captured = Date.parse(route.capturedAt);
  return values.map((v) => {
    if (route.tokenHash && v === route.tokenHash) return tokenHash;
    if (typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v) && Math.abs(Date.parse(v) - captured) < NOW_WINDOW_MS) return now;
    return v;
  });
}

async function main() {
  const routes = JSON.parse(fs.readFileSync(process.env.BARE_SCRIPT!, 'utf8')) as BareRoute[];
  const runner = process.env.DATABASE_URL ? pgRunner(process.env.DATABASE_URL) : await pgliteRunner(process.env.BARE_PGLITE_DIR!);
  const app = Fastify({ logger: false });
  app.get('/health', async () => ({ ok: true }));
  for (const route of routes) {
    const [pathname] = route.path.split('?');
    app.get(pathname!, async (req, reply) => {
      const token = /(?:^|;\s*)hatchery_session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
      const tokenHash = token ? createHash('sha256').update(token).digest('hex') : null;
      if (route.tokenHash && !tokenHash) return reply.code(401).send({ error: 'UNAUTHENTICATED' });
      const now = new Date().toISOString();
      const results: unknown[][] = [];
      for (const step of route.steps) {
        const statements = step.statements.map((s) => ({ text: s.text, values: parameters(route, s.values, tokenHash, now) }));
        results.push(...(step.kind === 'tx' ? await runner.tx(statements) : await runner.batch(statements)));
      }
      return { results };
    });
  }
  await app.listen({ port: Number(process.env.BARE_PORT), host: '127.0.0.1' });
  // An orderly exit on SIGTERM, so `--cpu-prof` (BENCH_CPU_PROF) gets to write its profile.
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

await main();
