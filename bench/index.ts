/**
 * `npm run bench`: speed and memory targets live here, never in timed unit tests. Prints a table
 * per part; results are recorded in BENCHMARKS.md.
 *
 *   npm run bench                          every part that can run here
 *   npm run bench -- --only=hot,lists      some parts: criteria, evaluation, audit, hot, lists, memory, returns, platform, transparency, surge, contention
 *   npm run bench -- --only=contention     50 writers booking one resource (issue 15), 1,000 sign-ups at once
 *                                          for a 200-seat event (issue 16), each on a fresh demo per database
 *   npm run bench -- --db=postgres         the scale parts on one database only (postgres, pglite)
 *   npm run bench -- --strict              exit 1 when a target is missed (missed targets at
 *                                          national scale are expected until their fixes land)
 *   --rounds=6 --requests=200 --concurrency=10 --samples=30   sizes of the timed runs
 *   npm run bench -- --only=returns        statistics returns at scale (PostgreSQL; a `seed --scale` data set)
 *   npm run bench -- --only=evaluation     evaluation scoring in memory; with BENCH_DATABASE_URL also a round's figures, scoring and pages on the data set
 *   npm run bench -- --only=platform       resource search, space and event directories at scale (issues 15, 16; a
 *                                          `seed --scale` data set: PostgreSQL, and PGlite when BENCH_PGLITE_DIR is set)
 *   npm run bench -- --only=transparency   dashboards, the duplicate scan and policy search at scale (issue 17; a
 *                                          `seed --scale` data set on PostgreSQL, and on PGlite from BENCH_PGLITE_DIR)
 *   npm run bench -- --only=surge          the submission surge (PostgreSQL; not run by default: it
 *                                          writes N × required slots × 1 MB and takes minutes)
 *   --surge=2000 --surge-concurrency=50 --surge-kib=1024      its operators, how many in flight, file size
 *
 * PostgreSQL parts need BENCH_DATABASE_URL: a database holding the data to measure (the demo, or
 * `npx hatchery seed --scale national`); the audit-write part creates and drops databases of its
 * own on that server. PGlite parts run on a fresh demo, or on a copy of BENCH_PGLITE_DIR (a data
 * directory with the database in `db/`).
 */
import { benchAuditWrites } from './audit.ts';
import { benchCriteria } from './criteria.ts';
import { benchEvaluation, benchEvaluationDb } from './evaluation.ts';
import { benchPlatform, type PlatformRow } from './platform.ts';
import { benchReturns } from './returns.ts';
import { benchScale, HOT_RATIO_TARGET, type DbKind, type HotRow, type ListRow, type MemoryRow } from './scale.ts';
import { benchBookingWriters, benchSignupBurst, type BurstRow, type WritersRow } from './contention.ts';
import { benchSurge } from './surge.ts';
import { benchTransparency, type TransparencyRow } from './transparency.ts';
import { BOOKING_WRITERS_TARGET, PLATFORM_TARGETS, SIGNUP_BURST_TARGET, SURGE_TARGET } from './targets.ts';

const PARTS = ['criteria', 'evaluation', 'audit', 'hot', 'lists', 'memory', 'returns', 'platform', 'transparency', 'surge', 'contention'] as const;
type Part = (typeof PARTS)[number];
/** Run when no part is named: all but the surge, which only runs when asked for. */
const DEFAULT_PARTS = PARTS.filter((p) => p !== 'surge');

const args = new Map(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k!, v ?? 'true'] as const;
  }),
);
const list = (v: string | undefined) => v?.split(',').map((s) => s.trim()).filter(Boolean);
const only = list(args.get('only'));
const unknown = only?.filter((p) => !PARTS.includes(p as Part));
if (unknown?.length) {
  console.error(`unknown part(s): ${unknown.join(', ')}; parts are ${PARTS.join(', ')}`);
  process.exit(2);
}
const parts = new Set<Part>((only as Part[] | undefined) ?? DEFAULT_PARTS);
const strict = args.get('strict') === 'true';
const num = (name: string, fallback: number) => Number(args.get(name) ?? fallback);
const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const dbs = (list(args.get('db')) ?? ['postgres', 'pglite']) as DbKind[];

const missed: string[] = [];

if (parts.has('criteria')) {
  const criteria = benchCriteria();
  console.log('\n条件评价 / criteria evaluation (target < 1000 ms per rule set; passing and failing profiles both evaluated)');
  console.table(criteria);
  missed.push(...criteria.filter((r) => !r.targetMet).map((r) => `criteria ${r.ruleSet}`));
}

if (parts.has('evaluation')) {
  const row = benchEvaluation();
  console.log(`\n年度评价计分 / evaluation scoring of a national round (target < ${row.targetMs} ms for ${row.spaces} spaces × ${row.items} items)`);
  console.table([row]);
  if (!row.targetMet) missed.push('evaluation scoring');
  if (pgUrl) {
    const { rows, loadAverage } = await benchEvaluationDb(pgUrl, num('samples', 30));
    console.log(`\n年度评价（数据库） / evaluation on the loaded data set: figures loaded, scored, pages read in process (p50/p95 ms; load average ${loadAverage})`);
    console.table(rows.map((r) => ({ measure: r.measure, as: r.as, size: r.size, stmts: r.statements, kB: r.kB, p50: r.p50, p95: r.p95, target: r.target, met: r.targetMet })));
    missed.push(...rows.filter((r) => !r.targetMet).map((r) => `evaluation ${r.measure}`));
  } else {
    console.log('\n年度评价（数据库）：未设置 BENCH_DATABASE_URL，跳过 / evaluation on a data set skipped: no PostgreSQL URL');
  }
}

if (parts.has('contention')) {
  const writers: WritersRow[] = [];
  const bursts: BurstRow[] = [];
  for (const kind of dbs) {
    if (kind === 'postgres' && !pgUrl) continue;
    writers.push(await benchBookingWriters(kind, pgUrl));
    bursts.push(await benchSignupBurst(kind, pgUrl));
  }
  console.log(`\n设备预约并发 / ${BOOKING_WRITERS_TARGET.writers} writers booking one resource (no overlap, no error; p95 < ${BOOKING_WRITERS_TARGET.p95Ms} ms on PostgreSQL)`);
  console.table(writers);
  console.log(
    `\n活动报名并发 / event sign-up burst (${SIGNUP_BURST_TARGET.signups} at once for ${SIGNUP_BURST_TARGET.capacity} seats: exactly the capacity confirmed, the rest waitlisted, no error; p95 < ${SIGNUP_BURST_TARGET.p95Ms} ms on PostgreSQL)`,
  );
  console.table(bursts);
  missed.push(...writers.filter((r) => !r.targetMet).map((r) => `booking writers (${r.db})`), ...bursts.filter((r) => !r.targetMet).map((r) => `sign-up burst (${r.db})`));
}

// Audited writes need a PostgreSQL server (PGlite runs one connection at a time).
if (parts.has('audit')) {
  if (pgUrl) {
    const writes = [
      await benchAuditWrites(pgUrl, { writers: 20, transactions: 2000, statementsAfter: 3, serverMsAfter: 0 }),
      await benchAuditWrites(pgUrl, { writers: 20, transactions: 2000, statementsAfter: 3, serverMsAfter: 5 }),
    ];
    console.log('\n审计写入吞吐 / audited writes on PostgreSQL (chain must verify)');
    console.table(writes);
    if (writes.some((w) => !w.chainOk || w.rows !== w.transactions)) missed.push('audit chain');
  } else {
    console.log('\n审计写入吞吐：未设置 BENCH_DATABASE_URL / TEST_DATABASE_URL，跳过 / audited writes skipped: no PostgreSQL URL');
  }
}

if (parts.has('hot') || parts.has('lists') || parts.has('memory')) {
  const hot: HotRow[] = [];
  const lists: ListRow[] = [];
  const memory: MemoryRow[] = [];
  for (const kind of dbs) {
    if (kind === 'postgres' && !pgUrl) {
      console.log('\nPostgreSQL：未设置 BENCH_DATABASE_URL，跳过 / PostgreSQL scale parts skipped: no BENCH_DATABASE_URL');
      continue;
    }
    const result = await benchScale({
      kind,
      url: pgUrl,
      pgliteDir: process.env.BENCH_PGLITE_DIR,
      hot: parts.has('hot'),
      lists: parts.has('lists'),
      memory: parts.has('memory'),
      rounds: num('rounds', 6),
      requests: num('requests', 200),
      concurrency: num('concurrency', 10),
      samples: num('samples', 30),
    });
    hot.push(...result.hot);
    lists.push(...result.lists);
    if (result.memory) memory.push(result.memory);
  }
  if (hot.length) {
    console.log(`\n热点读取 对比 裸栈 / hot reads, product ÷ bare Fastify + driver running the same SQL (target ratio ≥ ${HOT_RATIO_TARGET}; ms)`);
    console.table(hot.map((r) => ({ db: r.db, endpoint: r.endpoint, stmts: r.statements, ratio: r.ratio, 'min–max': `${r.ratioMin}–${r.ratioMax}`, 'rps product/bare': `${r.productRps}/${r.bareRps}`, 'p50 product/bare': `${r.productP50}/${r.bareP50}`, 'p95 product/bare': `${r.productP95}/${r.bareP95}`, errors: r.errors, met: r.targetMet })));
    missed.push(...hot.filter((r) => !r.targetMet).map((r) => `hot ${r.db} ${r.endpoint}`));
  }
  if (lists.length) {
    console.log('\n主管部门列表 / authority lists, one request at a time (ms; target is for p95)');
    console.table(lists.map((r) => ({ db: r.db, page: r.page, as: r.account, stmts: r.statements, total: r.total, kB: r.kB, p50: r.p50, p95: r.p95, target: r.targetMs, met: r.targetMet })));
    missed.push(...lists.filter((r) => !r.targetMet).map((r) => `list ${r.db} ${r.page}`));
  }
  if (memory.length) {
    console.log('\n内存 / resident memory of the product server (MiB; target on PostgreSQL only)');
    console.table(memory);
    missed.push(...memory.filter((r) => !r.targetMet).map((r) => `memory ${r.db}`));
  }
}

if (parts.has('returns')) {
  if (pgUrl) {
    const { rows, loadAverage } = await benchReturns(pgUrl, num('samples', 30));
    console.log(`\n统计报表 / statistics returns, one request at a time in process (p50/p95; validation in µs per return; load average ${loadAverage})`);
    console.table(rows.map((r) => ({ measure: r.measure, as: r.as, size: r.size, stmts: r.statements, kB: r.kB, p50: r.p50, p95: r.p95, unit: r.unit, target: r.target, met: r.targetMet })));
    missed.push(...rows.filter((r) => !r.targetMet).map((r) => `returns ${r.measure}`));
  } else {
    console.log('\n统计报表：未设置 BENCH_DATABASE_URL，跳过 / returns skipped: no PostgreSQL URL');
  }
}

if (parts.has('platform')) {
  const rows: (PlatformRow & { db: DbKind; load: string })[] = [];
  for (const kind of dbs) {
    // Both need a generated data set: PostgreSQL the one at the URL, PGlite a data directory holding one.
    if (kind === 'postgres' ? !pgUrl : !process.env.BENCH_PGLITE_DIR) continue;
    const { rows: measured, loadAverage } = await benchPlatform({ url: kind === 'postgres' ? pgUrl : undefined, pgliteDir: process.env.BENCH_PGLITE_DIR, samples: num('samples', 30) });
    rows.push(...measured.map((r) => ({ ...r, db: kind, load: loadAverage })));
  }
  if (rows.length) {
    console.log(`\n服务平台 / service platform at scale, one request at a time in process (p95 target: resource search < ${PLATFORM_TARGETS.searchMs} ms, directories < ${PLATFORM_TARGETS.directoryMs} ms)`);
    console.table(rows.map((r) => ({ db: r.db, measure: r.measure, total: r.total, stmts: r.statements, kB: r.kB, p50: r.p50, p95: r.p95, target: r.target, met: r.targetMet, load: r.load })));
    missed.push(...rows.filter((r) => !r.targetMet).map((r) => `platform ${r.db} ${r.measure}`));
  } else {
    console.log('\n服务平台：未设置 BENCH_DATABASE_URL 或 BENCH_PGLITE_DIR，跳过 / platform skipped: no scale data set given');
  }
}

if (parts.has('transparency')) {
  const rows: TransparencyRow[] = [];
  const alerts: string[] = [];
  for (const kind of dbs) {
    const source = kind === 'postgres' ? pgUrl : process.env.BENCH_PGLITE_DIR;
    if (!source) {
      console.log(`\n公开透明（${kind}）：未设置 ${kind === 'postgres' ? 'BENCH_DATABASE_URL' : 'BENCH_PGLITE_DIR'}，跳过 / transparency on ${kind} skipped: no data set`);
      continue;
    }
    const result = await benchTransparency(kind, { url: pgUrl, pgliteDir: process.env.BENCH_PGLITE_DIR }, num('samples', 30));
    rows.push(...result.rows);
    alerts.push(`${kind} (load average ${result.loadAverage}): ${result.alerts.map((a) => `${a.rule} ${a.n}`).join(', ')}`);
  }
  if (rows.length) {
    console.log('\n公开透明 / dashboards, duplicate scan, policy search at scale, one request at a time in process (ms; the scan timed once)');
    console.table(rows.map((r) => ({ db: r.db, measure: r.measure, as: r.as, size: r.size, stmts: r.statements, kB: r.kB, p50: r.p50, p95: r.p95, target: r.target, met: r.targetMet })));
    console.log(`预警 / alerts by rule after the scans: ${alerts.join('; ')}`);
    missed.push(...rows.filter((r) => !r.targetMet).map((r) => `transparency ${r.db} ${r.measure}`));
  }
}

if (parts.has('surge')) {
  if (pgUrl) {
    const { summary, steps, errors, waits } = await benchSurge({
      url: pgUrl,
      operators: num('surge', SURGE_TARGET.operators),
      concurrency: num('surge-concurrency', 50),
      fileBytes: num('surge-kib', 1024) * 1024,
    });
    console.log(`\n申报高峰 / submission surge on PostgreSQL (target: 0 errors, ≥ ${Math.round(SURGE_TARGET.submissionsPerSecond * 100) / 100} submissions/s, every step p95 < ${SURGE_TARGET.stepP95Ms} ms; load average start / mean / max)`);
    console.table([summary]);
    console.table(steps);
    if (errors.length) console.table(errors);
    console.log('PostgreSQL 活动连接等待 / what the active backends waited on (sampled every second)');
    console.table(waits);
    if (!summary.targetMet) missed.push('surge');
  } else {
    console.log('\n申报高峰：未设置 BENCH_DATABASE_URL，跳过 / surge skipped: no PostgreSQL URL');
  }
}

if (missed.length) {
  console.error(`\n未达标 / targets missed: ${missed.join('; ')}`);
  if (strict) process.exit(1);
} else {
  console.log('\n全部达标 / every target met');
}
