import os from 'node:os';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openContext } from '../src/context.ts';
import { timePage } from './pages.ts';
import { round } from './stats.ts';
import { PLATFORM_TARGETS, removeBenchSessions, sessionFor, type Account } from './targets.ts';

export interface PlatformRow {
  measure: string;
  path: string;
  /** The answer's `total` (capped where the endpoint caps it). */
  total: number | string;
  statements: number;
  kB: number;
  p50: number;
  p95: number;
  target: number;
  targetMet: boolean;
}

const progress = (line: string) => process.stderr.write(`  · ${line}\n`);

/** The Shanghai date `days` after today on the next weekday from there (generated resources are open Monday to Friday). */
function weekdayAhead(days: number): string {
  const d = new Date(Date.now() + 8 * 3600_000 + days * 86_400_000);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The service platform at scale (issues 15 and 16), on the database at `url` (PostgreSQL) or a copy
 * of a PGlite data directory, holding a `seed --scale` data set: the makers' platform-wide resource
 * search with the filters its page offers (region, kind, category, keyword, free on a day) alone and
 * together, the public directory of filed spaces, and the event directories (open for sign-up, the
 * public activity register). Through the real app in this process (`app.inject`, no socket), one
 * request at a time, `samples` timed after two untimed. Who asks and what is searched for come from
 * the data: a generated maker, the province and the category with most resources, the commonest
 * brand word of resource names, a weekday a week ahead.
 */
export async function benchPlatform(opts: { url?: string | undefined; pgliteDir?: string | undefined; samples: number }): Promise<{ rows: PlatformRow[]; loadAverage: string }> {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    HATCHERY_DEMO: 'false',
    MFA_REQUIRED: 'false',
    ...(opts.url ? { DATABASE_URL: opts.url } : { HATCHERY_DATA_DIR: opts.pgliteDir! }),
  });
  const ctx = await openContext(config, { jobs: { workers: false } });
  const rows: PlatformRow[] = [];
  const load: number[] = [os.loadavg()[0]!];
  try {
    const q = ctx.database.query.bind(ctx.database);
    const [maker] = await q<{ id: string; username: string }>(
      `select u.id, u.username from users u join user_roles r on r.user_id = u.id and r.role = 'maker' join organisations o on o.id = u.org_id
        where o.kind = 'maker_team' order by u.username = 'mk1' desc, u.created_at limit 1`,
    );
    if (!maker) throw new Error('no maker account: seed the data set first (npx hatchery seed --scale national)');
    const account: Account = await sessionFor(ctx.database, { ...maker, level: null });
    const [province] = await q<{ code: string; n: number }>(
      `select split_part(g.path, '/', 2) as code, count(*)::int as n from booking_resources x join spaces s on s.id = x.space_id join regions g on g.code = s.region_code
        group by 1 order by 2 desc limit 1`,
    );
    const [category] = await q<{ category: string; n: number }>(`select category, count(*)::int as n from booking_resources group by 1 order by 2 desc limit 1`);
    const [brand] = await q<{ word: string }>(`select split_part(name, ' ', 1) as word from booking_resources group by 1 order by count(*) desc limit 1`);
    const [counts] = await q<{ resources: number; bookings: number; events: number; signups: number }>(
      `select (select count(*)::int from booking_resources) as resources, (select count(*)::int from bookings) as bookings,
        (select count(*)::int from space_events) as events, (select count(*)::int from event_signups) as signups`,
    );
    progress(`${counts!.resources} resources, ${counts!.bookings} bookings, ${counts!.events} events, ${counts!.signups} sign-ups`);
    const day = weekdayAhead(7);
    const enc = encodeURIComponent;
    const search = '/api/booking/resources/search';
    const pages: { measure: string; path: string; as: Account | null; target: number }[] = [
      { measure: 'resource search, no filter', path: search, as: account, target: PLATFORM_TARGETS.searchMs },
      { measure: `resource search, province ${province!.code}`, path: `${search}?regionCode=${province!.code}`, as: account, target: PLATFORM_TARGETS.searchMs },
      { measure: `resource search, category ${category!.category}`, path: `${search}?category=${enc(category!.category)}`, as: account, target: PLATFORM_TARGETS.searchMs },
      { measure: 'resource search, kind instrument', path: `${search}?kind=instrument`, as: account, target: PLATFORM_TARGETS.searchMs },
      { measure: `resource search, keyword ${brand!.word}`, path: `${search}?q=${enc(brand!.word)}`, as: account, target: PLATFORM_TARGETS.searchMs },
      { measure: 'resource search, keyword 打印', path: `${search}?q=${enc('打印')}`, as: account, target: PLATFORM_TARGETS.searchMs },
      { measure: `resource search, free on ${day}`, path: `${search}?day=${day}`, as: account, target: PLATFORM_TARGETS.searchMs },
      {
        measure: 'resource search, province + category + free on the day',
        path: `${search}?regionCode=${province!.code}&category=${enc(category!.category)}&day=${day}`,
        as: account,
        target: PLATFORM_TARGETS.searchMs,
      },
      { measure: 'resource search, page 50', path: `${search}?page=50`, as: account, target: PLATFORM_TARGETS.searchMs },
      { measure: 'space directory, no filter', path: '/api/portal/spaces', as: null, target: PLATFORM_TARGETS.directoryMs },
      { measure: 'space directory, keyword 智能', path: `/api/portal/spaces?q=${enc('智能')}`, as: null, target: PLATFORM_TARGETS.directoryMs },
      { measure: `space directory, province ${province!.code} + national level`, path: `/api/portal/spaces?region=${province!.code}&level=national`, as: null, target: PLATFORM_TARGETS.directoryMs },
      { measure: 'events open for sign-up, no filter', path: '/api/events/open', as: account, target: PLATFORM_TARGETS.directoryMs },
      { measure: 'events open for sign-up, keyword 路演', path: `/api/events/open?q=${enc('路演')}`, as: account, target: PLATFORM_TARGETS.directoryMs },
      // Three characters and more are two trigram lookups (title, space name); 路演 above is the short path.
      { measure: 'events open for sign-up, keyword 创业沙龙', path: `/api/events/open?q=${enc('创业沙龙')}`, as: account, target: PLATFORM_TARGETS.directoryMs },
      { measure: 'events open for sign-up, kind training', path: '/api/events/open?kind=training', as: account, target: PLATFORM_TARGETS.directoryMs },
      { measure: 'activity register, no filter', path: '/api/public/activities', as: null, target: PLATFORM_TARGETS.directoryMs },
      { measure: 'activity register, roadshows this year', path: `/api/public/activities?kind=roadshow&year=${new Date().getUTCFullYear()}`, as: null, target: PLATFORM_TARGETS.directoryMs },
      { measure: 'activity register, page 100', path: '/api/public/activities?page=100', as: null, target: PLATFORM_TARGETS.directoryMs },
    ];
    const app = await buildApp(ctx, { serveWeb: false, logger: false });
    await app.ready();
    for (const page of pages) {
      progress(page.measure);
      const t = await timePage(app, { measure: page.measure, path: page.path, cookie: page.as?.cookie, target: page.target }, opts.samples, load);
      const total = (t.result.json() as { total?: number }).total ?? '—';
      rows.push({ measure: page.measure, path: page.path, total, statements: t.statements, kB: t.kB, p50: t.p50, p95: t.p95, target: page.target, targetMet: t.targetMet });
    }
    await app.close();
    return { rows, loadAverage: `${round(Math.min(...load))}–${round(Math.max(...load))}` };
  } finally {
    await removeBenchSessions(ctx.database);
    await ctx.close();
  }
}
