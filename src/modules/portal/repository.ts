import { and, asc, desc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { KEY_INDUSTRIES, type CallLevel, type KeyIndustry, type SPACE_CATEGORIES } from '../../shared/domain.ts';
import { orderBy, type Sort } from '../../shared/http/sorting.ts';
import { containsPattern } from '../../shared/validation/search.ts';
import { calls } from '../calls/schema.ts';
import { ruleSets } from '../criteria/schema.ts';
import { filings } from '../filings/schema.ts';
import { organisations } from '../orgs/schema.ts';
import { regions } from '../regions/schema.ts';
import { spaceServices, type ServiceKind } from '../services/schema.ts';
import { KEY_INDUSTRY_NAMES, spaces } from '../spaces/schema.ts';
import { spaceSites } from '../spacesite/schema.ts';

/**
 * The portal's reads: read-side joins over the calls, their authorities' organisations and regions,
 * and the pinned rule sets (ARCHITECTURE.md rule 1). The portal writes nothing.
 */

/** Where a published call stands at a moment: not yet open, taking applications, or closed. */
export const CALL_STATES = ['open', 'upcoming', 'closed'] as const;
export type CallState = (typeof CALL_STATES)[number];

export interface PortalCallFilter {
  level?: CallLevel;
  /** A region code: calls issued by authorities in that region or below it. */
  region?: string;
  state?: CallState;
  /** The moment the states are computed for. */
  at: Date;
}

const stateAt = (at: Date): SQL<CallState> =>
  sql<CallState>`case when ${calls.opensAt} > ${at} then 'upcoming' when ${calls.closesAt} <= ${at} then 'closed' else 'open' end`;

/**
 * Published calls, open ones first (soonest deadline first), then those opening soonest, then the
 * closed ones newest first: what a visitor looks for is what can be applied to now. Two statements.
 */
export async function listPublishedCalls(db: DbOrTx, filter: PortalCallFilter, page: number, pageSize: number) {
  const state = stateAt(filter.at);
  // The region's subtree by path (never by code prefix: 直辖市 and 省直辖县级 break that).
  const within = filter.region
    ? sql`exists (select 1 from ${regions} f where f.code = ${filter.region} and (${regions.path} = f.path or ${regions.path} like f.path || '/%'))`
    : undefined;
  // Only filing calls are public: a standing change-report call or a statistics round is addressed to the filed spaces themselves.
  const where = and(eq(calls.status, 'published'), eq(calls.kind, 'filing'), filter.level ? eq(calls.level, filter.level) : undefined, within, filter.state ? sql`${state} = ${filter.state}` : undefined);
  const rank = sql`case ${state} when 'open' then 0 when 'upcoming' then 1 else 2 end`;
  const [rows, [count]] = await Promise.all([
    db
      .select({
        id: calls.id,
        title: calls.title,
        level: calls.level,
        year: calls.year,
        authorityId: calls.authorityOrgId,
        authorityName: organisations.name,
        regionCode: calls.regionCode,
        regionName: regions.name,
        opensAt: calls.opensAt,
        closesAt: calls.closesAt,
        eligibleCategories: calls.eligibleCategories,
        state,
      })
      .from(calls)
      .innerJoin(organisations, eq(organisations.id, calls.authorityOrgId))
      .innerJoin(regions, eq(regions.code, calls.regionCode))
      .where(where)
      .orderBy(
        asc(rank),
        sql`case when ${state} = 'open' then ${calls.closesAt} end asc`,
        sql`case when ${state} = 'upcoming' then ${calls.opensAt} end asc`,
        desc(calls.closesAt),
        asc(calls.title),
      )
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(calls)
      .innerJoin(regions, eq(regions.code, calls.regionCode))
      .where(where),
  ]);
  return { items: rows, total: count?.n ?? 0 };
}

/**
 * The regions that issued published calls and every region above them but the national root, in
 * tree order: the portal's region filter offers only choices that find something.
 */
export async function regionsWithCalls(db: DbOrTx) {
  const issuing = sql`select unnest(string_to_array(r.path, '/')) from ${calls} c join ${regions} r on r.code = c.region_code where c.status = 'published' and c.kind = 'filing'`;
  return db
    .select({ code: regions.code, name: regions.name, level: regions.level, parentCode: regions.parentCode })
    .from(regions)
    .where(and(sql`${regions.code} in (${issuing})`, ne(regions.level, 'national')))
    .orderBy(regions.path);
}

/** A rule set's title, source and conditions as stored (the criteria module validated them when saved). */
export async function ruleSetDefinition(db: DbOrTx, id: string) {
  const [row] = await db.select({ definition: ruleSets.definition }).from(ruleSets).where(eq(ruleSets.id, id));
  return row?.definition;
}

// ---- the public directory of filed spaces ----

/**
 * The public directory of filed spaces: read-side joins over `spaces`, `regions`, `organisations`
 * (the operator's name), `filings` (only spaces holding an active filing are listed), `space_services`
 * (the service kinds a space offers) and `space_sites` (the English name). Writes nothing.
 */
type SpaceCategory = (typeof SPACE_CATEGORIES)[number];

export const DIRECTORY_SORTS = ['name', 'region', 'level', 'filedAt'] as const;
export type DirectorySort = Sort<(typeof DIRECTORY_SORTS)[number]>;

export interface DirectoryFilter {
  q?: string | undefined;
  /** A region code: spaces in that region or below it (by path). */
  region?: string | undefined;
  level?: CallLevel | undefined;
  category?: SpaceCategory | undefined;
  industry?: KeyIndustry | undefined;
  serviceKind?: ServiceKind | undefined;
}

const activeFilingAt = (level: CallLevel) => sql`exists (select 1 from ${filings} f where f.space_id = ${spaces.id} and f.status = 'active' and f.level = ${level})`;

/**
 * Each filed space's active filings in one grouped scan of `filings`, joined to the spaces (instead of
 * three correlated subqueries per space that the sort by level needed for every space before the
 * page was cut): the highest level (3 national, 2 province, 1 city), the levels and the first filing date.
 */
const filedSpaces = (db: DbOrTx) =>
  db
    .select({
      spaceId: filings.spaceId,
      levelRank: sql<number>`max(case ${filings.level} when 'national' then 3 when 'province' then 2 else 1 end)`.as('level_rank'),
      levels: sql<CallLevel[]>`array_agg(distinct ${filings.level})`.as('levels'),
      firstFiledAt: sql<Date>`min(${filings.filedAt})`.as('first_filed_at'),
    })
    .from(filings)
    .where(eq(filings.status, 'active'))
    .groupBy(filings.spaceId)
    .as('filed');

function whereOf(f: DirectoryFilter): SQL {
  // Being filed at all is the join with `filedSpaces`; a level asked for is checked here.
  const conds: SQL[] = [eq(spaces.status, 'active')];
  if (f.level) conds.push(activeFilingAt(f.level));
  if (f.region) conds.push(sql`exists (select 1 from ${regions} w where w.code = ${f.region} and (${regions.path} = w.path or ${regions.path} like w.path || '/%'))`);
  if (f.category) conds.push(eq(spaces.category, f.category));
  if (f.industry) conds.push(eq(spaces.industry, f.industry));
  if (f.serviceKind) conds.push(sql`exists (select 1 from ${spaceServices} sv where sv.space_id = ${spaces.id} and sv.active and sv.kind = ${f.serviceKind})`);
  if (f.q) {
    const p = containsPattern(f.q);
    // A field named in the keyword (电子信息, 文化创意…) finds the spaces of that key industry too.
    const industries = KEY_INDUSTRIES.filter((k) => KEY_INDUSTRY_NAMES[k].includes(f.q!) || f.q!.includes(KEY_INDUSTRY_NAMES[k]));
    conds.push(
      sql`(${spaces.name} ilike ${p} or ${spaces.subField} ilike ${p} or ${spaceSites.nameEn} ilike ${p}${industries.length ? sql` or ${inArray(spaces.industry, industries)}` : sql``})`,
    );
  }
  return and(...conds)!;
}

const rowColumns = (filed: ReturnType<typeof filedSpaces>) => ({
  id: spaces.id,
  name: spaces.name,
  nameEn: spaceSites.nameEn,
  category: spaces.category,
  industry: spaces.industry,
  subField: spaces.subField,
  regionCode: regions.code,
  regionName: regions.name,
  regionPath: regions.path,
  operatorName: organisations.name,
  levels: filed.levels,
  firstFiledAt: filed.firstFiledAt,
  serviceKinds: sql<ServiceKind[]>`(select coalesce(array_agg(distinct sv.kind), '{}') from ${spaceServices} sv where sv.space_id = ${spaces.id} and sv.active)`,
});

/**
 * One page of filed spaces in the asked order (by level, highest first, then name without one), and
 * the count: two statements whatever the page.
 */
export async function directoryPage(db: DbOrTx, f: DirectoryFilter, sort: DirectorySort, limit: number, offset: number) {
  const where = whereOf(f);
  const filed = filedSpaces(db);
  const sortColumns = { name: spaces.name, region: regions.path, level: filed.levelRank, filedAt: filed.firstFiledAt };
  const [rows, [count]] = await Promise.all([
    db
      .select(rowColumns(filed))
      .from(spaces)
      .innerJoin(filed, eq(filed.spaceId, spaces.id))
      .innerJoin(regions, eq(regions.code, spaces.regionCode))
      .innerJoin(organisations, eq(organisations.id, spaces.operatorOrgId))
      .leftJoin(spaceSites, eq(spaceSites.spaceId, spaces.id))
      .where(where)
      .orderBy(...orderBy(sortColumns, sort, [desc(filed.levelRank), asc(spaces.name)], spaces.id))
      .limit(limit)
      .offset(offset),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(spaces)
      .innerJoin(filed, eq(filed.spaceId, spaces.id))
      .innerJoin(regions, eq(regions.code, spaces.regionCode))
      .leftJoin(spaceSites, eq(spaceSites.spaceId, spaces.id))
      .where(where),
  ]);
  return { rows: rows satisfies DirectoryRow[], total: count?.n ?? 0 };
}

export interface DirectoryRow {
  id: string;
  name: string;
  nameEn: string | null;
  category: SpaceCategory;
  industry: KeyIndustry;
  subField: string | null;
  regionCode: string;
  regionName: string;
  regionPath: string;
  operatorName: string;
  levels: CallLevel[];
  firstFiledAt: Date | string | null;
  serviceKinds: ServiceKind[];
}

/** The regions holding filed spaces and every region above them but the national root, in tree order. */
export function regionsWithFiledSpaces(db: DbOrTx) {
  const holding = sql`select unnest(string_to_array(r.path, '/')) from ${spaces} s join ${regions} r on r.code = s.region_code
    where s.status = 'active' and exists (select 1 from ${filings} f where f.space_id = s.id and f.status = 'active')`;
  return db
    .select({ code: regions.code, name: regions.name, level: regions.level, parentCode: regions.parentCode })
    .from(regions)
    .where(and(sql`${regions.code} in (${holding})`, ne(regions.level, 'national')))
    .orderBy(regions.path);
}

/** The names of the regions on a path, root first, for the page's full region name. */
export function regionNames(db: DbOrTx, codes: readonly string[]) {
  if (!codes.length) return Promise.resolve([]);
  return db
    .select({ code: regions.code, name: regions.name, level: regions.level })
    .from(regions)
    .where(inArray(regions.code, [...codes]))
    .orderBy(regions.path);
}
