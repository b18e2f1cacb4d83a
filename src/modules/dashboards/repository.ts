/**
 * All SQL of the dashboards: read-side aggregates over other modules' tables, named in plain SQL
 * (spaces, regions, filings, applications, calls, return_values, return_rounds, evaluation_grades,
 * revocation_proposals, change_reports, supports, organisations, space_events), and the
 * tables the module owns: dashboard_maps, and the figures kept by statement-level triggers —
 * space_activity_years (on event_signups, space_events and bookings), return_indicator_years (on
 * return_values, return_rounds and calls) and support_grant_years (on supports, whose open-alert
 * counts a trigger on support_alerts keeps), each rolled up per region of path (`*_regions`, 0063);
 * the roster's kept incubatee_cohorts, incubatee_flows (both rolled up likewise) and incubatee_moves
 * are read the same way. Every section is one grouped statement over the requested region's subtree,
 * grouped by the child region each space lies in (or by space at the leaf), whatever the number of
 * spaces.
 */
import { eq, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { inBeijingYear } from '../../db/beijing-year.ts';
import { WAITING_STATUSES } from '../../shared/domain.ts';
import { dashboardMaps } from './schema.ts';

type Row = Record<string, unknown>;
const rowsOf = async (db: DbOrTx, query: SQL): Promise<Row[]> => ((await db.execute(query)) as unknown as { rows: Row[] }).rows;

/** The region asked for, with its path and whether it has child regions (drill-down stops at the leaf). */
export async function findRegion(db: DbOrTx, code: string) {
  const [r] = await rowsOf(
    db,
    sql`select r.code, r.name, r.level, r.path, exists(select 1 from regions c where c.parent_code = r.code) as has_children,
      (select json_agg(json_build_object('code', a.code, 'name', a.name) order by length(a.path)) from regions a where a.code = any(string_to_array(r.path, '/'))) as trail
    from regions r where r.code = ${code}`,
  );
  if (!r) return null;
  const trail = (typeof r.trail === 'string' ? JSON.parse(r.trail) : r.trail) as { code: string; name: string }[];
  return { code: String(r.code), name: String(r.name), level: String(r.level), path: String(r.path), hasChildren: Boolean(r.has_children), trail };
}

/** Where the dashboard's figures are grouped: by child region under `path`, or by space at a leaf. */
export interface Grouping {
  code: string;
  path: string;
  leaf: boolean;
}

const WAITING = sql.raw(WAITING_STATUSES.map((s) => `'${s}'`).join(', '));
/** The instant in the column (an alias.column name) lies in the Beijing calendar year. */
const inYear = (col: string, year: number) => inBeijingYear(sql.raw(col), year);

/**
 * The spaces of the subtree and their group: the child region's code read from the space region's
 * path (the segment after the requested region's), the region itself for spaces registered right at
 * it, or the space at a leaf.
 */
function scoped(g: Grouping): SQL {
  const depth = g.path.split('/').length;
  const key = g.leaf ? sql`sp.id::text` : sql`coalesce(nullif(split_part(r.path, '/', ${sql.raw(String(depth + 1))}), ''), ${g.code})`;
  return sql`scoped as (
    select sp.id as space_id, sp.category, sp.regular_type, ${key} as g
    from spaces sp join regions r on r.code = sp.region_code
    where r.path = ${g.path} or r.path like ${`${g.path}/%`})`;
}

/** The groups' names: the child regions and the region itself, or the spaces at a leaf. */
export async function groupNames(db: DbOrTx, g: Grouping) {
  const rows = g.leaf
    ? await rowsOf(db, sql`with ${scoped(g)} select s.g as key, sp.name from scoped s join spaces sp on sp.id = s.space_id order by sp.name`)
    : await rowsOf(db, sql`select code as key, name from regions where parent_code = ${g.code} or code = ${g.code} order by (code = ${g.code}) desc, code`);
  return rows.map((r) => ({ key: String(r.key), name: String(r.name) }));
}

/**
 * A per-space kept table and its rollup per region of path (migration 0063): the key columns (the
 * same in both), the rollup's value columns, and the per-space expressions summed into them (as in
 * the rollup's triggers).
 */
export interface Kept {
  perSpace: string;
  perRegion: string;
  keys: readonly string[];
  values: Readonly<Record<string, string>>;
}

/** What a section reads of a kept table: `where` on its keys (alias k); the keys it keeps (the others summed over); groups or the totals only. */
interface Reading {
  where?: SQL;
  keys?: readonly string[];
  groups?: boolean;
}

/**
 * `rolled (g, keys…, values…)`: a kept table's figures over the subtree, the totals (g null) and,
 * unless `groups` is false, per group. Above a district they come from the rollup: the region's own
 * rows are the totals, its child regions' rows the groups, and the spaces registered right at the
 * region are the totals less the children's — a few hundred rows for the country whatever the number
 * of spaces. At a leaf, the per-space rows of its few spaces are summed.
 */
function rolled(g: Grouping, table: Kept, { where = sql`true`, keys = table.keys, groups = true }: Reading): SQL {
  const cols = Object.keys(table.values);
  const keyList = (alias: string) => sql.raw(keys.map((k) => `${alias}.${k}`).join(', '));
  if (g.leaf) {
    const sums = sql.raw(cols.map((c) => `sum(${table.values[c]}) as ${c}`).join(', '));
    const grouping = groups ? sql`grouping sets ((s.g, ${keyList('k')}), (${keyList('k')}))` : keyList('k');
    return sql`${scoped(g)}, rolled as (
      select ${groups ? sql`s.g` : sql`null::text as g`}, ${keyList('k')}, ${sums} from scoped s join ${sql.raw(table.perSpace)} k on k.space_id = s.space_id
      where ${where} group by ${grouping})`;
  }
  const values = sql.raw(cols.join(', '));
  const sums = sql.raw(cols.map((c) => `sum(k.${c}) as ${c}`).join(', '));
  // The region and its children found first (a few dozen, by index), then their rows by the rollup's
  // key: an OR over the two in one filter made PostgreSQL scan the whole rollup.
  const regions = groups ? sql`(c.code = ${g.code} or c.parent_code = ${g.code})` : sql`c.code = ${g.code}`;
  const kept = sql`kept as (
      select k.region_code, ${keyList('k')}, ${sums} from regions c join ${sql.raw(table.perRegion)} k on k.region_code = c.code
      where ${regions} and ${where} group by k.region_code, ${keyList('k')})`;
  if (!groups) return sql`${kept}, rolled as (select null::text as g, ${keyList('k')}, ${values} from kept k)`;
  const rest = sql.raw(cols.map((c) => `t.${c} - coalesce(d.${c}, 0)`).join(', '));
  const sameKeys = sql.raw(keys.map((k) => `d.${k} = t.${k}`).join(' and '));
  return sql`${kept},
    kids as (select ${keyList('k')}, ${sums} from kept k where k.region_code <> ${g.code} group by ${keyList('k')}),
    rolled as (
      select null::text as g, ${keyList('k')}, ${values} from kept k where k.region_code = ${g.code}
      union all
      select k.region_code, ${keyList('k')}, ${values} from kept k where k.region_code <> ${g.code}
      union all
      select ${g.code}, ${keyList('t')}, ${rest} from kept t left join kids d on ${sameKeys}
      where t.region_code = ${g.code})`;
}

const ACTIVITY: Kept = {
  perSpace: 'space_activity_years',
  perRegion: 'space_activity_regions',
  keys: ['year'],
  values: { events: 'k.events', signups: 'k.signups', checked_in: 'k.checked_in', bookings: 'k.bookings', booked_minutes: 'k.booked_minutes' },
};
const INDICATORS: Kept = {
  perSpace: 'return_indicator_years',
  perRegion: 'return_indicator_regions',
  keys: ['year', 'code'],
  values: { total: 'k.total', spaces: '(k.returns > 0)::int' },
};
const SUPPORTS: Kept = {
  perSpace: 'support_grant_years',
  perRegion: 'support_grant_regions',
  keys: ['year', 'grantor_org_id', 'category'],
  values: { supports: 'k.supports', amount_yuan: 'k.amount_yuan', alerted: 'k.alerted' },
};
const COHORTS: Kept = {
  perSpace: 'incubatee_cohorts',
  perRegion: 'incubatee_cohort_regions',
  keys: ['entry_year'],
  values: { entrants: 'k.entrants', alive1: 'k.alive1', alive3: 'k.alive3' },
};
const LEAVERS: Kept = { perSpace: 'incubatee_flows', perRegion: 'incubatee_flow_regions', keys: ['year', 'status'], values: { leavers: 'k.leavers' } };
/** Every rollup, as migration 0063 lists them to its triggers (a test holds the two equal, and each rollup equal to its per-space rows summed up the paths). */
export const REGION_ROLLUPS: readonly Kept[] = [ACTIVITY, INDICATORS, SUPPORTS, COHORTS, LEAVERS];

/** Filed spaces (an active filing) by level and by type (a regular space's type, or professional), and in all. */
export async function filedSpaces(db: DbOrTx, g: Grouping) {
  const rows = await rowsOf(
    db,
    sql`with ${scoped(g)}
    select s.g, f.level, coalesce(s.regular_type, s.category) as type, count(distinct s.space_id)::int as n
    from scoped s join filings f on f.space_id = s.space_id and f.status = 'active'
    group by grouping sets ((s.g, f.level), (s.g, coalesce(s.regular_type, s.category)), (s.g))`,
  );
  return rows.map((r) => ({ g: String(r.g), level: r.level === null ? null : String(r.level), type: r.type === null ? null : String(r.type), n: Number(r.n) }));
}

/**
 * Filing applications and statistics returns of the year's calls by state (a missed return as
 * `missed`), with the overdue ones: a filing waiting at a stage past its due date, a return not yet
 * handed in after its round closed (and not yet marked missed). Read from the year's calls through
 * `applications_year_states_idx` (0068); a return's values by its call and space (one per pair).
 */
export async function submissionStates(db: DbOrTx, g: Grouping, year: number, now: Date) {
  const rows = await rowsOf(
    db,
    sql`with ${scoped(g)}
    select s.g, a.kind, case when rv.missed_at is not null then 'missed' else a.status end as state, count(*)::int as n,
      count(*) filter (where (a.kind = 'filing' and a.status in (${WAITING}) and a.stage_due_at < ${now.toISOString()}::timestamptz)
        or (a.kind = 'annual_return' and a.status in ('draft', 'returned') and rv.missed_at is null and c.closes_at < ${now.toISOString()}::timestamptz))::int as overdue
    from calls c
    join applications a on a.call_id = c.id and a.kind in ('filing', 'annual_return')
    join scoped s on s.space_id = a.space_id
    left join return_values rv on rv.call_id = a.call_id and rv.space_id = a.space_id
    where c.year = ${year}
    group by s.g, a.kind, 3`,
  );
  return rows.map((r) => ({ g: String(r.g), kind: String(r.kind) as 'filing' | 'annual_return', state: String(r.state), n: Number(r.n), overdue: Number(r.overdue) }));
}

/**
 * Totals of the key indicators over the accepted annual returns of `year` and the year before, and
 * how many spaces' returns carry each, per group, from the kept figures (`return_indicator_years`,
 * rolled up per region): unfolding every accepted return's values took a third of a second at
 * national size.
 */
export async function indicatorTotals(db: DbOrTx, g: Grouping, year: number) {
  const rows = await rowsOf(
    db,
    sql`with ${rolled(g, INDICATORS, { where: sql`k.year in (${year}, ${year - 1})` })}
    select g, year, code, total::float8 as total, spaces::int as returns from rolled where g is not null and spaces > 0`,
  );
  return rows.map((r) => ({ g: String(r.g), year: Number(r.year), code: String(r.code), total: Number(r.total), returns: Number(r.returns) }));
}

/** The year's published grades (space × level) by grade, and revocation proposals raised in the year or still open, by status. */
export async function gradesAndProposals(db: DbOrTx, g: Grouping, year: number) {
  const rows = await rowsOf(
    db,
    sql`with ${scoped(g)}
    select s.g, 'grade' as what, eg.grade as key, count(*)::int as n
    from scoped s join evaluation_grades eg on eg.space_id = s.space_id and eg.year = ${year}
    group by s.g, eg.grade
    union all
    select s.g, 'proposal', rp.status, count(*)::int
    from scoped s join revocation_proposals rp on rp.space_id = s.space_id
    where ${inYear('rp.raised_at', year)} or rp.status in ('pending', 'in_review')
    group by s.g, rp.status`,
  );
  return rows.map((r) => ({ g: String(r.g), what: String(r.what) as 'grade' | 'proposal', key: String(r.key), n: Number(r.n) }));
}

/**
 * Change reports: waiting for review now, overdue (not handed in, due date passed), and handed in
 * late among those that took effect in the year.
 */
export async function changeReports(db: DbOrTx, g: Grouping, year: number, today: string) {
  const rows = await rowsOf(
    db,
    sql`with ${scoped(g)}
    select s.g,
      count(*) filter (where a.status in (${WAITING}))::int as open,
      count(*) filter (where a.status = 'draft' and cr.due_on < ${today}::date)::int as overdue,
      count(*) filter (where cr.late and extract(year from cr.effective_on) = ${year})::int as late
    from scoped s join change_reports cr on cr.space_id = s.space_id join applications a on a.id = cr.submission_id
    group by s.g`,
  );
  return rows.map((r) => ({ g: String(r.g), open: Number(r.open), overdue: Number(r.overdue), late: Number(r.late) }));
}

/**
 * Supports granted in the year (neither withdrawn nor blocked) per group, and by granting department
 * and category over the subtree — the `grantorRows` largest amounts, and how many there are in all —
 * with how many of them an open duplicate-support alert names, from the kept figures
 * (`support_grant_years`, rolled up per region; grouping the year's ≈ 125,000 supports took a quarter
 * of a second at national size, and looking up the open alerts' supports as much again). The
 * country's year has ≈ 13,000 departments × categories: only the rows shown leave the database.
 */
export async function supportsGranted(db: DbOrTx, g: Grouping, year: number, grantorRows: number) {
  const where = sql`k.year = ${year}`;
  const [groups, grantors] = await Promise.all([
    rowsOf(db, sql`with ${rolled(g, SUPPORTS, { where, keys: ['year'] })} select g, supports::int as n, amount_yuan::float8 as amount from rolled where g is not null and supports > 0`),
    rowsOf(
      db,
      // The rows shown picked before their names are joined: joining the names of all ≈ 13,000 read
      // the 85,000 organisations.
      sql`with ${rolled(g, SUPPORTS, { where, groups: false })}, shown as (
        select k.grantor_org_id, k.category, k.supports, k.amount_yuan, k.alerted, (count(*) over ())::int as rows
        from rolled k where k.supports > 0
        order by k.amount_yuan desc, k.grantor_org_id, k.category ${Number.isFinite(grantorRows) ? sql`limit ${grantorRows}` : sql``})
      select k.grantor_org_id as grantor_id, o.name as grantor_name, k.category, k.supports::int as n, k.amount_yuan::float8 as amount, k.alerted::int as alerted, k.rows
      from shown k left join organisations o on o.id = k.grantor_org_id`,
    ),
  ]);
  return {
    groups: groups.map((r) => ({ g: String(r.g), n: Number(r.n), amount: Number(r.amount) })),
    grantors: grantors.map((r) => ({ grantorId: String(r.grantor_id), grantorName: String(r.grantor_name), category: String(r.category), n: Number(r.n), amount: Number(r.amount), alerted: Number(r.alerted) })),
    grantorCount: grantors.length ? Number(grantors[0]!.rows) : 0,
  };
}

/**
 * Events held in the year, their confirmed sign-ups (and check-ins), completed bookings and their
 * hours, from the kept yearly figures (`space_activity_years`, rolled up per region): a country's
 * year holds 150,000 events and millions of sign-ups and bookings, which counting on every request
 * took seconds over.
 */
export async function activity(db: DbOrTx, g: Grouping, year: number) {
  const rows = await rowsOf(
    db,
    sql`with ${rolled(g, ACTIVITY, { where: sql`k.year = ${year}` })}
    select g, 'events' as what, events::int as n, 0::float8 as extra from rolled where g is not null and events > 0
    union all
    select g, 'signups', signups::int, checked_in::float8 from rolled where g is not null and signups > 0
    union all
    select g, 'bookings', bookings::int, booked_minutes::float8 / 60 from rolled where g is not null and bookings > 0`,
  );
  return rows.map((r) => ({ g: String(r.g), what: String(r.what) as 'events' | 'signups' | 'bookings', n: Number(r.n), extra: Number(r.extra) }));
}

/** Filing cohorts (备案存续): the spaces first filed in each year, and how many of them still hold an active filing. */
export async function survival(db: DbOrTx, g: Grouping) {
  const rows = await rowsOf(
    db,
    sql`with ${scoped(g)}, firsts as (
      select f.space_id, min(f.filed_at) as first_at, bool_or(f.status = 'active') as still
      from scoped s join filings f on f.space_id = s.space_id group by f.space_id)
    select extract(year from first_at at time zone 'Asia/Shanghai')::int as cohort, count(*)::int as filed, (count(*) filter (where still))::int as active
    from firsts group by 1 order by 1`,
  );
  return rows.map((r) => ({ cohort: Number(r.cohort), filed: Number(r.filed), active: Number(r.active) }));
}

/**
 * Startup survival cohorts (初创企业存活率, AFTER-FILING §2): the subtree's incubatees by entry year,
 * with how many were alive at the end of Y+1 and Y+3, summed from the roster's `incubatee_cohorts`
 * (a row per space and entry year, kept by triggers, rolled up per region) rather than from the
 * incubatees themselves.
 */
export async function startupCohorts(db: DbOrTx, g: Grouping) {
  const rows = await rowsOf(
    db,
    sql`with ${rolled(g, COHORTS, { groups: false })}
    select entry_year as year, entrants::int as entrants, alive1::int as alive1, alive3::int as alive3 from rolled where g is null and entrants > 0 order by 1`,
  );
  return rows.map((r) => ({ year: Number(r.year), entrants: Number(r.entrants), alive1: Number(r.alive1), alive3: Number(r.alive3) }));
}

/**
 * The incubation chain's leavers (孵化链条流向): the subtree's incubatees that left a space, by the
 * year they left and their status, in all (g null) and per group, from the roster's kept
 * `incubatee_flows` rolled up per region.
 */
export async function chainLeavers(db: DbOrTx, g: Grouping) {
  const rows = await rowsOf(db, sql`with ${rolled(g, LEAVERS, {})} select g, year, status, leavers::int as n from rolled where leavers > 0`);
  return rows.map((r) => ({ g: r.g === null ? null : String(r.g), year: Number(r.year), status: String(r.status), n: Number(r.n) }));
}

/**
 * Moves along the chain touching the subtree, from the roster's kept `incubatee_moves`, in the year
 * the enterprise entered its next space: by year, the two spaces' chain places (null: not declared)
 * and direction (within the subtree, out of it, into it); and per group, moves out of and into its
 * spaces. One statement: the moves are read once and grouped three ways.
 */
export async function chainMoves(db: DbOrTx, g: Grouping) {
  const rows = await rowsOf(
    db,
    sql`with ${scoped(g)}, touching as (
      select m.year, m.moves, f.g as from_g, t.g as to_g, fp.place as from_place, tp.place as to_place,
        case when f.g is not null and t.g is not null then 'within' when f.g is not null then 'out' else 'in' end as direction
      from incubatee_moves m
      left join scoped f on f.space_id = m.from_space_id
      left join scoped t on t.space_id = m.to_space_id
      left join space_chain_places fp on fp.space_id = m.from_space_id
      left join space_chain_places tp on tp.space_id = m.to_space_id
      where m.moves > 0 and (f.g is not null or t.g is not null))
    select 'place' as what, year, from_place, to_place, direction, null as g, sum(moves)::int as n from touching group by year, from_place, to_place, direction
    union all
    select 'out', year, null, null, null, from_g, sum(moves)::int from touching where from_g is not null group by year, from_g
    union all
    select 'in', year, null, null, null, to_g, sum(moves)::int from touching where to_g is not null group by year, to_g`,
  );
  return rows.map((r) => ({
    what: String(r.what) as 'place' | 'out' | 'in',
    year: Number(r.year),
    fromPlace: r.from_place === null ? null : String(r.from_place),
    toPlace: r.to_place === null ? null : String(r.to_place),
    direction: r.direction === null ? null : (String(r.direction) as 'within' | 'out' | 'in'),
    g: r.g === null ? null : String(r.g),
    n: Number(r.n),
  }));
}

/** The uploaded map nearest above (or at) the region, without its features. */
export async function mapAbove(db: DbOrTx, path: string) {
  const [r] = await rowsOf(
    db,
    sql`select m.region_code, r.name as region_name, m.approval_no, m.feature_count, m.uploaded_at
    from dashboard_maps m join regions r on r.code = m.region_code
    where ${path} = r.path or ${path} like r.path || '/%'
    order by length(r.path) desc limit 1`,
  );
  return r ? { regionCode: String(r.region_code), regionName: String(r.region_name), approvalNo: String(r.approval_no), featureCount: Number(r.feature_count), uploadedAt: new Date(r.uploaded_at as string) } : null;
}

export async function mapOf(db: DbOrTx, regionCode: string) {
  const [m] = await db.select().from(dashboardMaps).where(eq(dashboardMaps.regionCode, regionCode));
  return m ?? null;
}

/** The codes among `codes` that exist and lie at or below `path`. */
export async function codesWithin(db: DbOrTx, codes: readonly string[], path: string) {
  if (!codes.length) return new Set<string>();
  const rows = await rowsOf(db, sql`select code from regions where code in (${sql.join(codes.map((c) => sql`${c}`), sql`, `)}) and (path = ${path} or path like ${`${path}/%`})`);
  return new Set(rows.map((r) => String(r.code)));
}

export async function upsertMap(db: DbOrTx, row: typeof dashboardMaps.$inferInsert) {
  const [saved] = await db
    .insert(dashboardMaps)
    .values(row)
    .onConflictDoUpdate({ target: dashboardMaps.regionCode, set: { approvalNo: row.approvalNo, geojson: row.geojson, featureCount: row.featureCount, uploadedBy: row.uploadedBy, uploadedAt: sql`now()` } })
    .returning({ id: dashboardMaps.id });
  return saved!.id;
}

/** Filings at national and provincial level by province and year filed, and how many of them are still active: the public statistics. */
export async function publicFilingTotals(db: DbOrTx) {
  const rows = await rowsOf(
    db,
    sql`select split_part(r.path, '/', 2) as province_code, p.name as province_name, extract(year from f.filed_at at time zone 'Asia/Shanghai')::int as year, f.level,
      count(*)::int as filed, (count(*) filter (where f.status = 'active'))::int as active
    from filings f join spaces sp on sp.id = f.space_id join regions r on r.code = sp.region_code
    join regions p on p.code = split_part(r.path, '/', 2)
    where f.level in ('national', 'province')
    group by 1, 2, 3, 4 order by 1, 3, 4`,
  );
  return rows.map((r) => ({ provinceCode: String(r.province_code), provinceName: String(r.province_name), year: Number(r.year), level: String(r.level) as 'national' | 'province', filed: Number(r.filed), active: Number(r.active) }));
}
