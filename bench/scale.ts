import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openContext } from '../src/context.ts';
import { openDatabase, statementProbe } from '../src/db/client.ts';
import { seedDemo } from '../src/seed/demo.ts';
import { seedHistory } from '../src/seed/history.ts';
import type { BareRoute } from './bare-server.ts';
import { captureStatements, toSteps } from './capture.ts';
import { load } from './load.ts';
import { freePort, startServer, type Server } from './processes.ts';
import { pairedRatios, percentile, round, spread } from './stats.ts';
import { choosePages, injector, removeBenchSessions, type Page } from './targets.ts';

export type DbKind = 'postgres' | 'pglite';

export interface ScaleOptions {
  kind: DbKind;
  /** PostgreSQL: the database holding the data (BENCH_DATABASE_URL). */
  url?: string;
  /** PGlite: a data directory (HATCHERY_DATA_DIR layout, the database in `db/`) to copy; absent: a fresh demo. */
  pgliteDir?: string;
  hot: boolean;
  lists: boolean;
  memory: boolean;
  /** Hot reads: rounds per side, requests per round, requests in flight. */
  rounds: number;
  requests: number;
  concurrency: number;
  /** Lists: timed requests per page (one at a time, after three untimed). */
  samples: number;
}

/** What the server is told, besides where its data is: quiet logs, no demo seeding, the bench's sessions accepted. */
export const SERVER_ENV = {
  NODE_ENV: 'development',
  HATCHERY_DEMO: 'false',
  LOG_LEVEL: 'warn',
  // Sessions are made directly in the database, without a second factor; a long run must not idle them out.
  MFA_REQUIRED: 'false',
  SESSION_IDLE_MINUTES: '1440',
};

export interface HotRow {
  db: DbKind;
  endpoint: string;
  statements: number;
  ratio: number;
  ratioMin: number;
  ratioMax: number;
  productRps: number;
  bareRps: number;
  productP50: number;
  productP95: number;
  bareP50: number;
  bareP95: number;
  errors: number;
  targetMet: boolean;
}

export interface ListRow {
  db: DbKind;
  page: string;
  account: string;
  statements: number;
  total: number | string;
  kB: number;
  p50: number;
  p95: number;
  targetMs: number;
  targetMet: boolean;
}

export interface MemoryRow {
  db: DbKind;
  idleMiB: number;
  afterLoadMiB: number;
  targetMiB: number | null;
  targetMet: boolean;
}

export const HOT_RATIO_TARGET = 0.7;

/** A line on stderr while a long run goes on (a national data set takes minutes per part). */
const progress = (line: string) => process.stderr.write(`  · ${line}\n`);
export const IDLE_MIB_TARGET_PG = 250;

/** Copies a PGlite data directory (a server owns one exclusively, so each gets its own copy). */
function copyDir(from: string, to: string) {
  fs.cpSync(from, to, { recursive: true });
}

/**
 * Everything measured against one database: the pages chosen from its data, their statement
 * counts and the captured SQL of the hot reads (in this process, through the real app), then the
 * product's server and the bare server as child processes for the timed runs and memory.
 */
export async function benchScale(opts: ScaleOptions) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `hatchery-bench-${opts.kind}-`));
  const dataDir = path.join(work, 'product');
  const env: Record<string, string> = { ...SERVER_ENV, HATCHERY_DATA_DIR: dataDir };
  if (opts.kind === 'postgres') env.DATABASE_URL = opts.url!;
  if (opts.kind === 'pglite' && opts.pgliteDir) copyDir(opts.pgliteDir, dataDir);
  const servers: Server[] = [];
  try {
    const config = loadConfig({ ...env, NODE_ENV: 'test', LOG_LEVEL: 'silent' });
    const ctx = await openContext(config, { jobs: { workers: false } });
    let pages: Page[];
    let hot: Page[];
    const counted = new Map<Page, { statements: number; total: number | string; kB: number }>();
    const routes: BareRoute[] = [];
    try {
      if (opts.kind === 'pglite' && !opts.pgliteDir) {
        await seedDemo(ctx.db, config);
        await seedHistory(ctx.db, config);
      }
      const app = await buildApp(ctx, { serveWeb: false, logger: false });
      await app.ready();
      const inject = injector(app);
      progress(`${opts.kind}: choosing accounts and pages from the data`);
      ({ pages, hot } = await choosePages(ctx.database, inject));
      for (const page of [...pages, ...hot]) {
        await inject(page.path, page.account); // warm: the first request compiles and caches
        const { result, statements } = await statementProbe.count(() => inject(page.path, page.account));
        if (result.status !== 200) throw new Error(`${page.name}: GET ${page.path} → ${result.status} ${String(result.body).slice(0, 300)}`);
        const body = result.body as { total?: number; items?: unknown[] };
        counted.set(page, { statements, total: body.total ?? body.items?.length ?? '—', kB: round(JSON.stringify(body).length / 1024) });
      }
      for (const page of hot) {
        const { statements } = await captureStatements(() => inject(page.path, page.account));
        routes.push({ path: page.path, tokenHash: page.account?.tokenHash ?? null, capturedAt: new Date().toISOString(), steps: toSteps(statements) });
      }
      await app.close();
    } finally {
      await ctx.close();
    }

    const productEnv = { ...env, PORT: String(await freePort()), HOST: '127.0.0.1' };
    const product = await startServer('product', 'src/server.ts', productEnv, '/api/health');
    servers.push(product);
    // Idle: started, jobs and sealer running, nothing asked yet but the health probe.
    await new Promise((r) => setTimeout(r, 5000));
    const idleMiB = product.rssMiB();

    const hotRows: HotRow[] = [];
    if (opts.hot) {
      const script = path.join(work, 'bare-routes.json');
      fs.writeFileSync(script, JSON.stringify(routes));
      const bareEnv: Record<string, string> = { BARE_PORT: String(await freePort()), BARE_SCRIPT: script };
      if (opts.kind === 'postgres') bareEnv.DATABASE_URL = opts.url!;
      else {
        copyDir(path.join(dataDir, 'db'), path.join(work, 'bare-db'));
        bareEnv.BARE_PGLITE_DIR = path.join(work, 'bare-db');
      }
      const bare = await startServer('bare', 'bench/bare-server.ts', bareEnv, '/health');
      servers.push(bare);
      for (const page of hot) {
        progress(`${opts.kind} hot read: ${page.name}`);
        hotRows.push(await compare(opts, page, counted.get(page)!.statements, product, bare));
      }
      await bare.stop();
    }

    const listRows: ListRow[] = [];
    if (opts.lists) {
      for (const page of pages) {
        progress(`${opts.kind} list: ${page.name}`);
        const target = { port: product.port, path: page.path, cookie: page.account?.cookie };
        await load(target, 3, 1);
        const run = await load(target, opts.samples, 1);
        if (run.errors) throw new Error(`${page.name}: ${run.errors} failed request(s)`);
        const c = counted.get(page)!;
        const p95 = percentile(run.latencies, 95);
        listRows.push({
          db: opts.kind,
          page: page.name,
          account: page.account?.username ?? '—',
          statements: c.statements,
          total: c.total,
          kB: c.kB,
          p50: round(percentile(run.latencies, 50)),
          p95: round(p95),
          targetMs: page.targetMs,
          targetMet: p95 < page.targetMs,
        });
      }
    }

    const memory: MemoryRow = {
      db: opts.kind,
      idleMiB: round(idleMiB),
      afterLoadMiB: round(product.rssMiB()),
      targetMiB: opts.kind === 'postgres' ? IDLE_MIB_TARGET_PG : null,
      targetMet: opts.kind !== 'postgres' || idleMiB <= IDLE_MIB_TARGET_PG,
    };
    return { hot: hotRows, lists: listRows, memory: opts.memory ? memory : null };
  } finally {
    for (const s of servers) await s.stop();
    if (opts.kind === 'postgres') {
      const database = await openDatabase({ url: opts.url! });
      await removeBenchSessions(database);
      await database.close();
    }
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/**
 * One hot read on both servers: a warm-up each, then rounds in the order A B B A A B B A … (so
 * drift on the shared machine falls on both sides alike), each round the same number of requests.
 */
async function compare(opts: ScaleOptions, page: Page, statements: number, product: Server, bare: Server): Promise<HotRow> {
  const a = { port: product.port, path: page.path, cookie: page.account?.cookie };
  const b = { port: bare.port, path: page.path, cookie: page.account?.cookie };
  const warm = Math.max(50, Math.round(opts.requests / 4));
  await load(a, warm, opts.concurrency);
  await load(b, warm, opts.concurrency);
  const rps = { a: [] as number[], b: [] as number[] };
  const lat = { a: [] as number[], b: [] as number[] };
  let errors = 0;
  for (let r = 0; r < opts.rounds; r++) {
    for (const side of r % 2 === 0 ? (['a', 'b'] as const) : (['b', 'a'] as const)) {
      const run = await load(side === 'a' ? a : b, opts.requests, opts.concurrency);
      rps[side].push(run.rps);
      lat[side].push(...run.latencies);
      errors += run.errors;
    }
  }
  const ratios = spread(pairedRatios(rps.a, rps.b));
  return {
    db: opts.kind,
    endpoint: page.name,
    statements,
    ratio: round(ratios.median, 2),
    ratioMin: round(ratios.min, 2),
    ratioMax: round(ratios.max, 2),
    productRps: Math.round(percentile(rps.a, 50)),
    bareRps: Math.round(percentile(rps.b, 50)),
    productP50: round(percentile(lat.a, 50)),
    productP95: round(percentile(lat.a, 95)),
    bareP50: round(percentile(lat.b, 50)),
    bareP95: round(percentile(lat.b, 95)),
    errors,
    targetMet: errors === 0 && ratios.median >= HOT_RATIO_TARGET,
  };
}
