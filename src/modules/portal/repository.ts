import { and, asc, desc, eq, ne, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import type { CallLevel } from '../../shared/domain.ts';
import { calls } from '../calls/schema.ts';
import { ruleSets } from '../criteria/schema.ts';
import { organisations } from '../orgs/schema.ts';
import { regions } from '../regions/schema.ts';

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
