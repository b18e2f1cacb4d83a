import os from 'node:os';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openContext } from '../src/context.ts';
import { statementProbe } from '../src/db/client.ts';
import { evaluationFiguresOf, explainItem, loadShippedSchemes, scoreRound, type SchemeDefinition, type SpaceFigures } from '../src/modules/evaluation/index.ts';
import { progress, timePage, type MeasuredRow } from './pages.ts';
import { percentile, rng, round } from './stats.ts';
import { EVALUATION_PAGES_TARGET, EVALUATION_TARGET, removeBenchSessions, sessionFor } from './targets.ts';

/**
 * A scheme of `items` indicators grown from the shipped 许昌 scheme: its indicators repeated under
 * new keys until there are enough, so every kind of scoring the shipped schemes use (step, linear,
 * percentile, expert points) is in the mix in the shipped proportions, with its vetoes and bonus.
 */
export function schemeOf(items: number): SchemeDefinition {
  const base = loadShippedSchemes().find((s) => s.category === 'regular')!.definition;
  const indicators = Array.from({ length: items }, (_, i) => {
    const model = base.indicators[i % base.indicators.length]!;
    const copy = Math.floor(i / base.indicators.length);
    if (copy === 0) return model;
    const key = `${model.key}_${copy}`;
    return { ...model, key, source: model.source.from === 'expert' ? { from: 'expert' as const, item: key } : model.source };
  });
  return { ...base, indicators };
}

/** Figures of `n` spaces for the scheme: every return code, platform figure and expert item it reads, one space in 50 without a return. */
export function figuresOf(scheme: SchemeDefinition, n: number, seed = 2026): SpaceFigures[] {
  const r = rng(seed);
  const sources = [...scheme.indicators, ...scheme.bonus, ...scheme.vetoes].map((i) => i.source);
  const codes = [...new Set(sources.flatMap((s) => (s.from === 'return' ? [s.code] : [])))];
  const experts = [...new Set(sources.flatMap((s) => (s.from === 'expert' ? [s.item] : [])))];
  return Array.from({ length: n }, (_, i) => ({
    spaceId: `space-${i}`,
    returnValues: i % 50 === 49 ? null : Object.fromEntries(codes.map((c) => [c, Math.floor(r() * 200)])),
    platform: { survival_s1: Math.round(r() * 100), survival_s3: Math.round(r() * 100), coaching_sessions: Math.floor(r() * 80), bookings: Math.floor(r() * 500), false_data_found: r() < 0.002 ? 1 : 0 },
    activities: { host: Math.floor(r() * 20), organiser: Math.floor(r() * 10), joint: Math.floor(r() * 10) },
    expert: Object.fromEntries(experts.map((e) => [e, Math.round(r() * 100) / 10])),
  }));
}

export interface EvaluationRow {
  spaces: number;
  items: number;
  runs: number;
  p50Ms: number;
  p95Ms: number;
  /** Explaining one space's every item, as a reader opening its score sheet does. */
  explainOneMs: number;
  targetMs: number;
  targetMet: boolean;
}

/**
 * Scoring a national round (issue 14: 12,000 spaces × 40 items < 2 s): the pure scorer over figures
 * already loaded, timed whole (rank and percentile items sort the round), after one untimed run.
 */
export function benchEvaluation({ spaces = EVALUATION_TARGET.spaces, items = EVALUATION_TARGET.items, runs = 5 } = {}): EvaluationRow {
  const scheme = schemeOf(items);
  const figures = figuresOf(scheme, spaces);
  let scores = scoreRound(scheme, figures);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    scores = scoreRound(scheme, figures);
    times.push(performance.now() - t0);
  }
  const t0 = performance.now();
  const one = scores[0]!;
  one.items.forEach((s, i) => explainItem(scheme.indicators[i]!, s));
  const explainOneMs = Math.round((performance.now() - t0) * 100) / 100;
  const p95Ms = Math.round(percentile(times, 95));
  return { spaces, items, runs, p50Ms: Math.round(percentile(times, 50)), p95Ms, explainOneMs, targetMs: EVALUATION_TARGET.ms, targetMet: p95Ms < EVALUATION_TARGET.ms };
}


/** `runs` timed calls of `work` after one untimed, p50 / p95 in ms, with the statements of the untimed one. */
async function timeWork<T>(work: () => Promise<T> | T, runs: number): Promise<{ result: T; statements: number; p50: number; p95: number }> {
  const { result, statements } = await statementProbe.count(async () => await work());
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await work();
    times.push(performance.now() - t);
  }
  return { result, statements, p50: round(percentile(times, 50)), p95: round(percentile(times, 95)) };
}

/**
 * The annual evaluation on a loaded data set (`seed --scale`, with its evaluation step) at `url`:
 * (a) a national round's figures loaded with `evaluationFiguresOf`, for every space the latest
 * generated year graded country-wide (what `computeRoundScores` reads); (b) those figures scored
 * under the shipped regular scheme grown to 40 items, the experts' means filled in as the expert stage
 * would; where the data set holds fewer than the target's 12,000 spaces (the province size), the
 * figures are also repeated under new ids to 12,000 and scored; (c) the pages an authority reads,
 * through the real app (`app.inject`, one at a time): the rounds list, the biggest round's entries
 * page 1 by total, and its 不合格 entries (the grade counts come with both), as the round's province
 * and as the ministry. `samples` timed runs each after one untimed.
 */
export async function benchEvaluationDb(url: string, samples: number): Promise<{ rows: MeasuredRow[]; loadAverage: string }> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: url, HATCHERY_DEMO: 'false', MFA_REQUIRED: 'false' });
  const ctx = await openContext(config, { jobs: { workers: false } });
  const rows: MeasuredRow[] = [];
  const load: number[] = [os.loadavg()[0]!];
  try {
    const q = ctx.database.query.bind(ctx.database);
    const [latest] = await q<{ year: number | null }>(`select max(year)::int as year from evaluation_grades`);
    if (!latest?.year) throw new Error('no evaluation grades: load the evaluation step first (npx hatchery seed --scale <size> --step evaluation)');
    const year = latest.year;
    const graded = (await q<{ space_id: string }>(`select space_id from evaluation_grades where year = $1 order by space_id`, [year])).map((r) => r.space_id);
    const runs = Math.min(samples, 10);

    progress(`loading the figures of ${graded.length} spaces for ${year}`);
    const loaded = await timeWork(() => evaluationFiguresOf(ctx.db, { spaceIds: graded, year }), runs);
    const withReturn = loaded.result.filter((f) => f.returnValues).length;
    rows.push({ measure: `(a) load a round's figures (evaluationFiguresOf, ${year})`, as: '—', size: `${graded.length} spaces, ${withReturn} with a return`, statements: loaded.statements, kB: '—', p50: loaded.p50, p95: loaded.p95, target: EVALUATION_TARGET.ms, targetMet: loaded.p95 < EVALUATION_TARGET.ms });

    const scheme = schemeOf(EVALUATION_TARGET.items);
    const experts = [...new Set([...scheme.indicators, ...scheme.bonus].flatMap((i) => (i.source.from === 'expert' ? [i.source.item] : [])))];
    const r = rng(14);
    const withExperts = loaded.result.map((f) => ({ ...f, expert: Object.fromEntries(experts.map((e) => [e, Math.round(r() * 100) / 10])) }));
    const score = (figures: SpaceFigures[], label: string) => {
      progress(`scoring ${label}`);
      return timeWork(() => scoreRound(scheme, figures), runs).then((t) => {
        const fails = t.result.filter((x) => x.grade === 'fail').length;
        rows.push({ measure: `(b) score × ${EVALUATION_TARGET.items} items, ${label}`, as: '—', size: `${figures.length} spaces, ${fails} 不合格`, statements: 0, kB: '—', p50: t.p50, p95: t.p95, target: EVALUATION_TARGET.ms, targetMet: t.p95 < EVALUATION_TARGET.ms });
      });
    };
    await score(withExperts, 'the loaded round');
    if (withExperts.length < EVALUATION_TARGET.spaces)
      await score(
        Array.from({ length: EVALUATION_TARGET.spaces }, (_, i) => ({ ...withExperts[i % withExperts.length]!, spaceId: `repeat-${i}` })),
        `the loaded figures repeated to ${EVALUATION_TARGET.spaces}`,
      );

    // The biggest round of the latest year and its province's admin; the ministry reads every province's.
    const [big] = await q<{ call_id: string; region_code: string; n: number; fails: number }>(
      `select g.call_id, c.region_code, count(*)::int as n, (count(*) filter (where g.grade = 'fail'))::int as fails
         from evaluation_grades g join calls c on c.id = g.call_id where g.year = $1 group by 1, 2 order by 3 desc limit 1`,
      [year],
    );
    const [rounds] = await q<{ n: number }>(`select count(*)::int as n from evaluation_rounds`);
    const account = async (username: string) => {
      const [u] = await q<{ id: string; username: string }>(`select id, username from users where username = $1`, [username]);
      if (!u) throw new Error(`no account ${username}: the bench expects the scale data set's accounts`);
      return sessionFor(ctx.database, { ...u, level: null });
    };
    const province = await account(`a${big!.region_code}_admin`);
    const ministry = await account('a000000_admin');
    const app = await buildApp(ctx, { serveWeb: false, logger: false });
    await app.ready();
    const pages = [
      { measure: '(c) rounds list, page 1', path: '/api/evaluation/rounds?page=1&pageSize=20', as: province, size: 'page 1 with grade counts' },
      { measure: '(c) rounds list, page 1', path: '/api/evaluation/rounds?page=1&pageSize=20', as: ministry, size: `${rounds!.n} rounds, page 1 with grade counts` },
      { measure: '(c) round entries page 1 by total', path: `/api/evaluation/rounds/${big!.call_id}/entries?page=1&pageSize=20&sort=total&order=desc`, as: province, size: `${big!.n} entries` },
      { measure: '(c) round entries page 1 by total', path: `/api/evaluation/rounds/${big!.call_id}/entries?page=1&pageSize=20&sort=total&order=desc`, as: ministry, size: `${big!.n} entries` },
      { measure: '(c) round entries, 不合格 only', path: `/api/evaluation/rounds/${big!.call_id}/entries?page=1&pageSize=20&grade=fail`, as: province, size: `${big!.fails} of ${big!.n}` },
    ];
    for (const page of pages) {
      progress(`${page.measure} as ${page.as.username}`);
      const t = await timePage(app, { measure: page.measure, path: page.path, cookie: page.as.cookie, target: EVALUATION_PAGES_TARGET.listMs }, samples, load);
      rows.push({ measure: page.measure, as: page.as.username, size: page.size, statements: t.statements, kB: t.kB, p50: t.p50, p95: t.p95, target: EVALUATION_PAGES_TARGET.listMs, targetMet: t.targetMet });
    }
    await app.close();
    load.push(os.loadavg()[0]!);
    return { rows, loadAverage: `${round(Math.min(...load))}–${round(Math.max(...load))}` };
  } finally {
    await removeBenchSessions(ctx.database);
    await ctx.close();
  }
}
