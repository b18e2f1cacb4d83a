import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openContext } from '../src/context.ts';
import { scanSupports } from '../src/modules/dupcheck/index.ts';
import { LAST_YEAR } from '../src/seed/scale/index.ts';
import type { DbKind } from './scale.ts';
import { progress, timePage, type MeasuredRow } from './pages.ts';
import { round } from './stats.ts';
import { removeBenchSessions, sessionFor, TRANSPARENCY_TARGETS, type Account } from './targets.ts';

/** A row of the transparency table: the database it ran on, and what `MeasuredRow` says (size: supports in scope, policies found, alerts found). */
export interface TransparencyRow extends MeasuredRow {
  db: DbKind;
}

/** Searches of the public policy library: the commonest words, an item's wording, a rare phrase, a region. */
const POLICY_QUERIES = ['众创空间', '房租补贴', '差额补足', '科技企业孵化载体', '贷款贴息'];

/**
 * Transparency at national scale (issue 17), on a `seed --scale` data set: through the real app in
 * this process (`app.inject`, one request at a time, 2 untimed then `samples` timed) the ministry's
 * dashboard and the dashboard of the province whose spaces hold most supports, each as that
 * authority's admin for the current year and the last complete one; the public policy search for a
 * few Chinese terms; then the duplicate checks' full scan (`scanSupports`, the nightly job's
 * work) over the whole register, twice — the first run writes every alert, the second finds them
 * again (the nightly case) — timed once each (a scan takes seconds, not milliseconds).
 * PostgreSQL at `url`; PGlite on a copy of `pgliteDir` (its `db/` holds the data set).
 */
export async function benchTransparency(kind: DbKind, source: { url?: string | undefined; pgliteDir?: string | undefined }, samples: number): Promise<{ rows: TransparencyRow[]; alerts: { rule: string; n: number }[]; loadAverage: string }> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `hatchery-bench-transparency-${kind}-`));
  if (kind === 'pglite') fs.cpSync(source.pgliteDir!, work, { recursive: true });
  const env: Record<string, string> = { NODE_ENV: 'test', LOG_LEVEL: 'silent', HATCHERY_DEMO: 'false', MFA_REQUIRED: 'false' };
  // PostgreSQL keeps the keys where the data set was loaded (./data, as the returns bench); PGlite's copy brings its own.
  if (kind === 'postgres') env.DATABASE_URL = source.url!;
  else env.HATCHERY_DATA_DIR = work;
  const ctx = await openContext(loadConfig(env), { jobs: { workers: false } });
  const rows: TransparencyRow[] = [];
  const load: number[] = [os.loadavg()[0]!];
  try {
    const q = ctx.database.query.bind(ctx.database);
    const [supports] = await q<{ n: number }>(`select count(*)::int as n from supports`);
    if (!supports!.n) throw new Error('no supports: seed the data set first (npx hatchery seed --scale national)');
    // The province whose spaces hold most supports (a space's region is a county: its parent's parent).
    const [province] = await q<{ code: string; n: number }>(
      `select ci.parent_code as code, count(*)::int as n from supports s join regions c on c.code = s.region_code join regions ci on ci.code = c.parent_code group by 1 order by 2 desc limit 1`,
    );
    const account = async (username: string): Promise<Account> => {
      const [u] = await q<{ id: string; username: string }>(`select id, username from users where username = $1`, [username]);
      if (!u) throw new Error(`no account ${username}: the bench expects the scale data set's accounts`);
      return sessionFor(ctx.database, { ...u, level: null });
    };
    const ministry = await account('a000000_admin');
    const provinceAdmin = await account(`a${province!.code}_admin`);

    const app = await buildApp(ctx, { serveWeb: false, logger: false });
    await app.ready();
    const pages: { measure: string; path: string; as: Account | null; size: string; target: number }[] = [
      { measure: `national dashboard ${LAST_YEAR}`, path: '/api/dashboard', as: ministry, size: `${supports!.n} supports`, target: TRANSPARENCY_TARGETS.nationalDashboardMs },
      { measure: `national dashboard ${LAST_YEAR - 1}`, path: `/api/dashboard?year=${LAST_YEAR - 1}`, as: ministry, size: `${supports!.n} supports`, target: TRANSPARENCY_TARGETS.nationalDashboardMs },
      { measure: `province dashboard ${LAST_YEAR}`, path: '/api/dashboard', as: provinceAdmin, size: `${province!.n} supports`, target: TRANSPARENCY_TARGETS.provinceDashboardMs },
      { measure: `province dashboard ${LAST_YEAR - 1}`, path: `/api/dashboard?year=${LAST_YEAR - 1}`, as: provinceAdmin, size: `${province!.n} supports`, target: TRANSPARENCY_TARGETS.provinceDashboardMs },
      ...POLICY_QUERIES.map((term) => ({ measure: `policy search「${term}」`, path: `/api/public/policies?q=${encodeURIComponent(term)}`, as: null, size: '', target: TRANSPARENCY_TARGETS.policySearchMs })),
    ];
    for (const page of pages) {
      progress(`${kind}: ${page.measure}`);
      const t = await timePage(app, { measure: page.measure, path: page.path, cookie: page.as?.cookie, target: page.target }, samples, load);
      const size = page.as ? page.size : `${(t.result.json() as { total: number }).total} policies`;
      rows.push({ db: kind, measure: page.measure, as: page.as?.username ?? '(public)', size, statements: t.statements, kB: t.kB, p50: t.p50, p95: t.p95, target: page.target, targetMet: t.targetMet });
    }
    await app.close();

    for (const measure of ['duplicate scan, first (writes the alerts)', 'duplicate scan, again (finds them again)']) {
      progress(`${kind}: ${measure}`);
      const t = performance.now();
      const found = await scanSupports(ctx.db, { full: true, supportIds: [], returnIds: [] });
      const ms = performance.now() - t;
      load.push(os.loadavg()[0]!);
      rows.push({ db: kind, measure, as: '—', size: `${supports!.n} supports, ${found.found} alerts`, statements: 1, kB: '—', p50: round(ms), p95: round(ms), target: TRANSPARENCY_TARGETS.duplicateScanMs, targetMet: ms < TRANSPARENCY_TARGETS.duplicateScanMs });
    }
    const alerts = await q<{ rule: string; n: number }>(`select rule, count(*)::int as n from support_alerts group by 1 order by 1`);
    return { rows, alerts, loadAverage: `${round(Math.min(...load))}–${round(Math.max(...load))}` };
  } finally {
    await removeBenchSessions(ctx.database);
    await ctx.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}
