import os from 'node:os';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openContext } from '../src/context.ts';
import { buffer } from 'node:stream/consumers';
import { acceptedWorkbook, evaluateReturn, type AcceptedRow, type CatalogueDefinition, type ReturnValues } from '../src/modules/returns/index.ts';
import { progress, timePage, type MeasuredRow } from './pages.ts';
import { percentile, round } from './stats.ts';
import { removeBenchSessions, RETURNS_TARGETS, sessionFor, type Account } from './targets.ts';

/** A row of the returns table (size: returns validated or in the round, cohorts, rows exported), in ms or, for validation, µs. */
export interface ReturnsRow extends MeasuredRow {
  unit: 'ms' | 'µs';
}

/**
 * Statistics returns at scale (issue 13), on the database at `url` (a data set from
 * `npx hatchery seed --scale national`): the pure checks over real returns with their previous year,
 * then, through the real app in this process (`app.inject`, no socket), one request at a time: a
 * round's progress by region, the rounds list, the biggest round's figures by region, the survival
 * cohorts of the province with most incubatees, and the accepted-returns workbook of the biggest
 * provincial round and of the ministry's biggest round (every province). Who asks and what is chosen
 * from the data. `samples` timed requests per page after two untimed. Then the workbook of the
 * target's 12,000 returns, which no generated round holds (the biggest has ≈ 4,000): the national
 * round's accepted returns repeated to 12,000 rows, written in memory (no database, no request).
 */
export async function benchReturns(url: string, samples: number): Promise<{ rows: ReturnsRow[]; loadAverage: string }> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: url, HATCHERY_DEMO: 'false', MFA_REQUIRED: 'false' });
  const ctx = await openContext(config, { jobs: { workers: false } });
  const rows: ReturnsRow[] = [];
  const load: number[] = [];
  try {
    const q = ctx.database.query.bind(ctx.database);
    load.push(os.loadavg()[0]!);

    // The pure checks over accepted returns with the same space's previous accepted return of the cadence.
    progress('validating returns (rules only)');
    const sample = await q<{ values: ReturnValues; previous: ReturnValues | null; level: 'city' | 'province' | 'national'; definition: CatalogueDefinition }>(
      `select v.values, p.values as previous, v.values->>'filing_level' as level, c.definition
         from return_values v join return_rounds r on r.call_id = v.call_id join return_catalogues c on c.id = r.catalogue_id
         left join lateral (select pv.values from return_values pv join return_rounds pr on pr.call_id = pv.call_id
           where pv.space_id = v.space_id and pr.cadence = r.cadence and pr.period_end < r.period_end and pv.accepted_at is not null
           order by pr.period_end desc limit 1) p on true
        where v.accepted_at is not null order by v.submission_id limit 5000`,
    );
    if (!sample.length) throw new Error('no accepted returns: seed the data set first (npx hatchery seed --scale national)');
    for (const r of sample.slice(0, 200)) evaluateReturn(r.definition, { values: r.values, previous: r.previous, spaceLevel: r.level });
    const each: number[] = [];
    let errors = 0;
    for (const r of sample) {
      const t = process.hrtime.bigint();
      const findings = evaluateReturn(r.definition, { values: r.values, previous: r.previous, spaceLevel: r.level });
      each.push(Number(process.hrtime.bigint() - t) / 1000);
      errors += findings.filter((f) => f.severity === 'error').length;
    }
    if (errors) throw new Error(`${errors} check errors in accepted returns: the data set is not consistent with its catalogue`);
    const validateP95 = percentile(each, 95);
    rows.push({ measure: 'validate one return (R1–R12)', as: '—', size: sample.length, statements: 0, kB: '—', p50: round(percentile(each, 50)), p95: round(validateP95), unit: 'µs', target: RETURNS_TARGETS.validateOneMs * 1000, targetMet: validateP95 < RETURNS_TARGETS.validateOneMs * 1000 });

    // Whom to ask: the owner of the biggest provincial round, the ministry for its biggest round, the biggest province's admin.
    // The provincial round with most returns (its progress) and the one with most accepted (its figures and workbook).
    const [provincial] = await q<{ call_id: string; region_code: string; n: number }>(
      `select v.call_id, c.region_code, count(*)::int as n from return_values v join calls c on c.id = v.call_id
        where c.region_code <> '000000' group by 1, 2 order by 3 desc limit 1`,
    );
    const [done] = await q<{ call_id: string; region_code: string; n: number }>(
      `select v.call_id, c.region_code, count(*)::int as n from return_values v join calls c on c.id = v.call_id
        where c.region_code <> '000000' and v.accepted_at is not null group by 1, 2 order by 3 desc limit 1`,
    );
    const [national] = await q<{ call_id: string; n: number }>(
      `select v.call_id, count(*)::int as n from return_values v join calls c on c.id = v.call_id
        where c.region_code = '000000' and v.accepted_at is not null group by 1 order by 2 desc limit 1`,
    );
    // The province with most incubatees (a county's parent is a city, the city's parent its province).
    const [province] = await q<{ code: string; n: number }>(
      `select r.parent_code as code, count(*)::int as n from incubatees i join spaces s on s.id = i.space_id
         join regions c on c.code = s.region_code join regions r on r.code = c.parent_code group by 1 order by 2 desc limit 1`,
    );
    const account = async (username: string) => {
      const [u] = await q<{ id: string; username: string }>(`select id, username from users where username = $1`, [username]);
      if (!u) throw new Error(`no account ${username}: the bench expects the scale data set's accounts`);
      return sessionFor(ctx.database, { ...u, level: null });
    };
    const owner = await account(`a${provincial!.region_code}_admin`);
    const doneOwner = done!.region_code === provincial!.region_code ? owner : await account(`a${done!.region_code}_admin`);
    const ministry = await account('a000000_admin');
    const provinceAdmin = await account(`a${province!.code}_admin`);

    const app = await buildApp(ctx, { serveWeb: false, logger: false });
    await app.ready();
    const [incubatees] = await q<{ n: number }>(
      `select count(*)::int as n from incubatees i join spaces s on s.id = i.space_id join regions r on r.code = s.region_code where r.path like $1`,
      [`%/${province!.code}/%`],
    );
    const pages: { measure: string; path: string; as: Account; size: number | string; target: number }[] = [
      { measure: 'round progress by region', path: `/api/returns/rounds/${provincial!.call_id}/progress`, as: owner, size: `${provincial!.n} returns`, target: RETURNS_TARGETS.aggregateMs },
      { measure: 'rounds list', path: '/api/returns/rounds', as: ministry, size: 'page 1', target: RETURNS_TARGETS.listMs },
      { measure: 'round figures by region (总收入)', path: `/api/returns/rounds/${done!.call_id}/figures?code=total_income`, as: doneOwner, size: `${done!.n} accepted`, target: RETURNS_TARGETS.aggregateMs },
      { measure: 'national round figures by region (总收入)', path: `/api/returns/rounds/${national!.call_id}/figures?code=total_income`, as: ministry, size: `${national!.n} accepted`, target: RETURNS_TARGETS.aggregateMs },
      { measure: 'survival cohorts of the biggest province', path: '/api/roster/survival', as: provinceAdmin, size: `${incubatees!.n} incubatees`, target: RETURNS_TARGETS.survivalMs },
      { measure: 'accepted workbook, biggest provincial round', path: `/api/returns/rounds/${done!.call_id}/accepted.xlsx`, as: doneOwner, size: `${done!.n} rows`, target: RETURNS_TARGETS.workbookMs },
      { measure: 'accepted workbook, national round (31 provinces)', path: `/api/returns/rounds/${national!.call_id}/accepted.xlsx`, as: ministry, size: `${national!.n} rows`, target: RETURNS_TARGETS.workbookMs },
    ];
    for (const page of pages) {
      progress(page.measure);
      const t = await timePage(app, { measure: page.measure, path: page.path, cookie: page.as.cookie, target: page.target }, samples, load);
      rows.push({ measure: page.measure, as: page.as.username, size: page.size, statements: t.statements, kB: t.kB, p50: t.p50, p95: t.p95, unit: 'ms', target: page.target, targetMet: t.targetMet });
    }
    await app.close();

    progress('accepted workbook of 12,000 returns (in memory)');
    const WORKBOOK_ROWS = 12_000;
    const accepted = await q<AcceptedRow & { definition: CatalogueDefinition }>(
      `select g.name as "regionName", s.name as "spaceName", v.values, c.definition
         from return_values v join spaces s on s.id = v.space_id join regions g on g.code = s.region_code
         join return_rounds r on r.call_id = v.call_id join return_catalogues c on c.id = r.catalogue_id
        where v.call_id = $1 and v.accepted_at is not null`,
      [national!.call_id],
    );
    // Pages of 1,000 as the export reads them, the round's rows repeated.
    async function* repeated() {
      for (let from = 0; from < WORKBOOK_ROWS; from += 1000)
        yield Array.from({ length: Math.min(1000, WORKBOOK_ROWS - from) }, (_, i) => accepted[(from + i) % accepted.length]!);
    }
    const write = async () => (await buffer(acceptedWorkbook(accepted[0]!.definition, repeated()))).length;
    await write();
    const took: number[] = [];
    let bytes = 0;
    for (let i = 0; i < samples; i++) {
      const t = performance.now();
      bytes = await write();
      took.push(performance.now() - t);
    }
    load.push(os.loadavg()[0]!);
    const workbookP95 = percentile(took, 95);
    rows.push({ measure: 'accepted workbook, 12,000 returns (in memory)', as: '—', size: `${WORKBOOK_ROWS} rows`, statements: 0, kB: round(bytes / 1024), p50: round(percentile(took, 50)), p95: round(workbookP95), unit: 'ms', target: RETURNS_TARGETS.workbookMs, targetMet: workbookP95 < RETURNS_TARGETS.workbookMs });
    return { rows, loadAverage: `${round(Math.min(...load))}–${round(Math.max(...load))}` };
  } finally {
    await removeBenchSessions(ctx.database);
    await ctx.close();
  }
}
