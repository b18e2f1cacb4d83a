import { and, desc, eq, gt, inArray, isNull, lte, ne, or, sql, type Placeholder, type SQL } from 'drizzle-orm';
import { preparedFor, type DbOrTx, type Tx } from '../../db/client.ts';
import type { Chain } from '../../shared/chains.ts';
import { orderBy, type Sort } from '../../shared/http/sorting.ts';
import { chains } from '../chains/schema.ts';
import { ruleSets } from '../criteria/schema.ts';
import { organisations } from '../orgs/schema.ts';
import { regions } from '../regions/schema.ts';
import { calls } from './schema.ts';

export type CallRow = typeof calls.$inferSelect;

/** A call with the names every answer shows: its authority, region and pinned rule set. */
export interface CallWithNames extends CallRow {
  authorityName: string;
  regionName: string;
  regionPath: string;
  ruleSet: { id: string; key: string; version: number | null; title: string } | null;
  /** The chain the call runs on (what it pins), resolved; null while it has none. */
  chain: Chain | null;
}

const base = (db: DbOrTx) =>
  db
    .select({
      call: calls,
      authorityName: organisations.name,
      regionName: regions.name,
      regionPath: regions.path,
      ruleSetId: ruleSets.id,
      ruleSetKey: ruleSets.key,
      ruleSetVersion: ruleSets.version,
      ruleSetTitle: ruleSets.title,
      chain: chains,
    })
    .from(calls)
    .innerJoin(organisations, eq(organisations.id, calls.authorityOrgId))
    .innerJoin(regions, eq(regions.code, calls.regionCode))
    .leftJoin(ruleSets, eq(ruleSets.id, calls.ruleSetId))
    // The pinned version comes with the call: every reader of a call's chain gets it in the same query.
    .leftJoin(chains, eq(chains.id, calls.chainId));

type BaseRow = Awaited<ReturnType<ReturnType<typeof base>['execute']>>[number];

/** A pinned chain row as the kernel reads it. */
const chainOf = (c: typeof chains.$inferSelect | null): Chain | null =>
  c && {
    id: c.id,
    key: c.key,
    kind: c.kind,
    version: c.version!,
    ownerRegionCode: c.ownerRegionCode,
    name: c.name,
    nameEn: c.nameEn,
    level: c.level,
    requiresFiling: c.requiresFiling,
    stages: c.definition.stages,
  };

const flatten = (r: BaseRow): CallWithNames => ({
  ...r.call,
  authorityName: r.authorityName,
  regionName: r.regionName,
  regionPath: r.regionPath,
  ruleSet: r.ruleSetId ? { id: r.ruleSetId, key: r.ruleSetKey!, version: r.ruleSetVersion, title: r.ruleSetTitle! } : null,
  chain: chainOf(r.chain),
});

export async function findCall(db: DbOrTx, id: string): Promise<CallWithNames | undefined> {
  const [row] = await base(db).where(eq(calls.id, id));
  return row && flatten(row);
}

/** Many calls with their names in one query (order not kept). */
export async function findCalls(db: DbOrTx, ids: readonly string[]): Promise<CallWithNames[]> {
  if (!ids.length) return [];
  return (await base(db).where(inArray(calls.id, [...ids]))).map(flatten);
}

/** The region test of the calls "around" `path`: a region holding it, or one within it. */
const aroundPath = (at: SQL | Placeholder, below: SQL | Placeholder) =>
  or(sql`${at} = ${regions.path} or ${at} like ${regions.path} || '/%'`, sql`${regions.path} like ${below}`);

/**
 * Published calls on one of `chainIds` whose region holds `path` or lies within it (the calls whose
 * chain an actor governing `path` may work a stage of: a county works its city's call; a ministry
 * the national ones), newest first: only what a stage list shows of each call. The caller decides
 * the worked chains first, so a national authority reads the calls of its own chains, not every
 * call of the country, and no row carries its chain.
 */
export async function publishedCallsAroundOnChains(db: DbOrTx, path: string, chainIds: readonly string[]) {
  if (!chainIds.length) return [];
  return db
    .select({ id: calls.id, title: calls.title, year: calls.year, level: calls.level, authorityOrgId: calls.authorityOrgId, chainId: calls.chainId, regionName: regions.name })
    .from(calls)
    .innerJoin(regions, eq(regions.code, calls.regionCode))
    .where(and(eq(calls.status, 'published'), inArray(calls.chainId, [...chainIds]), aroundPath(sql`${path}`, sql`${`${path}/%`}`)))
    .orderBy(desc(calls.year), desc(calls.closesAt), calls.title);
}

/**
 * The chain versions of the published calls around `path` (as `publishedCallsAroundOnChains`), without the
 * calls: at national level there are thousands of calls on a handful of chains.
 */
export async function publishedChainIdsAround(db: DbOrTx, path: string): Promise<string[]> {
  const statement = preparedFor(db, 'calls_published_chain_ids_around', (name) => {
    return db
      .selectDistinct({ chainId: calls.chainId })
      .from(calls)
      .innerJoin(regions, eq(regions.code, calls.regionCode))
      .where(and(eq(calls.status, 'published'), aroundPath(sql.placeholder('path'), sql.placeholder('below'))))
      .prepare(name);
  });
  const rows = await statement.execute({ path, below: `${path}/%` });
  return rows.flatMap((r) => (r.chainId ? [r.chainId] : []));
}

/**
 * The distinct chain versions pinned by issued (published or cancelled) calls. The chains are read
 * by id from the calls' chain ids, not deduplicated after a join: DISTINCT over whole chain rows
 * compared every call's copy of its chain's definition (56 ms for 3,143 calls, on every queue and
 * list an authority opens; 4 ms this way).
 */
export async function chainsOfIssuedCalls(db: DbOrTx): Promise<Chain[]> {
  const statement = preparedFor(db, 'calls_issued_chains', (name) =>
    db
      .select()
      .from(chains)
      .where(inArray(chains.id, db.select({ id: calls.chainId }).from(calls).where(ne(calls.status, 'draft'))))
      .orderBy(chains.id)
      .prepare(name),
  );
  const rows = await statement.execute();
  return rows.map((r) => chainOf(r)!);
}

export interface CallFilter {
  /** Whose drafts are visible too; without it, no draft is listed. */
  draftsOfOrgId?: string;
  status?: CallRow['status'];
  year?: number;
  level?: CallRow['level'];
  /** A jurisdiction's region path: only calls of that region or below it. */
  withinPath?: string;
}

/** The columns a list of calls sorts by. */
export const CALL_SORTS = ['title', 'year', 'level', 'status', 'opensAt', 'closesAt'] as const;
const SORT_COLUMN = { title: calls.title, year: calls.year, level: calls.level, status: calls.status, opensAt: calls.opensAt, closesAt: calls.closesAt };

export async function listCalls(db: DbOrTx, filter: CallFilter, sort: Sort<(typeof CALL_SORTS)[number]>, page: number, pageSize: number) {
  // Other authorities' drafts never show, whatever else is asked for.
  const visible = filter.draftsOfOrgId ? or(ne(calls.status, 'draft'), eq(calls.authorityOrgId, filter.draftsOfOrgId)) : ne(calls.status, 'draft');
  const where = and(
    visible,
    // Reporting rounds of statistics returns are calls too (kind `annual_return`), managed on their own page.
    eq(calls.kind, 'filing'),
    filter.status ? eq(calls.status, filter.status) : undefined,
    filter.year === undefined ? undefined : eq(calls.year, filter.year),
    filter.level ? eq(calls.level, filter.level) : undefined,
    filter.withinPath ? sql`(${regions.path} = ${filter.withinPath} or ${regions.path} like ${`${filter.withinPath}/%`})` : undefined,
  );
  const [rows, [count]] = await Promise.all([
    base(db).where(where).orderBy(...orderBy(SORT_COLUMN, sort, [desc(calls.closesAt), desc(calls.createdAt)], calls.id)).limit(pageSize).offset((page - 1) * pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(calls).innerJoin(regions, eq(regions.code, calls.regionCode)).where(where),
  ]);
  return { items: rows.map(flatten), total: count?.n ?? 0 };
}

/**
 * Published filing calls open at `at`, all of them (few at any time; the caller filters by space).
 * Other kinds (a province's standing change-report call, a statistics round) are entered from their own pages.
 */
export async function openCalls(db: DbOrTx, at: Date): Promise<CallWithNames[]> {
  const rows = await base(db)
    .where(and(eq(calls.status, 'published'), eq(calls.kind, 'filing'), lte(calls.opensAt, at), gt(calls.closesAt, at)))
    .orderBy(calls.closesAt);
  return rows.map(flatten);
}

export async function insertCall(db: DbOrTx, row: typeof calls.$inferInsert): Promise<CallRow> {
  const [created] = await db.insert(calls).values(row).returning();
  return created!;
}

/**
 * Updates a call only if its revision is still `revision` and its state is one of `fromStatuses`;
 * returns false when someone got there first.
 */
export async function updateCall(
  db: DbOrTx,
  id: string,
  revision: number,
  fromStatuses: CallRow['status'][],
  patch: Partial<typeof calls.$inferInsert>,
): Promise<boolean> {
  const rows = await db
    .update(calls)
    .set({ ...patch, revision: sql`${calls.revision} + 1`, updatedAt: new Date() })
    .where(and(eq(calls.id, id), eq(calls.revision, revision), inArray(calls.status, fromStatuses)))
    .returning({ id: calls.id });
  return rows.length === 1;
}

/** The newest published version of a shipped or owned rule set lineage (the demo seed pins them by key). */
export async function publishedRuleSetId(db: DbOrTx, key: string): Promise<string | undefined> {
  const [row] = await db
    .select({ id: ruleSets.id })
    .from(ruleSets)
    .where(and(eq(ruleSets.key, key), eq(ruleSets.status, 'published')))
    .orderBy(desc(ruleSets.version))
    .limit(1);
  return row?.id;
}

/**
 * The published standing call of a kind for a province (or city) pinning `chainId`, if one was
 * opened; with `holderOrgId`, that organisation's own (two grantors in one region each have theirs).
 */
export async function standingCall(tx: Tx, kind: string, provinceCode: string, chainId: string, holderOrgId?: string): Promise<string | undefined> {
  const [r] = await tx
    .select({ id: calls.id })
    .from(calls)
    .where(
      and(
        eq(calls.kind, kind),
        eq(calls.regionCode, provinceCode),
        eq(calls.chainId, chainId),
        eq(calls.status, 'published'),
        holderOrgId ? eq(calls.authorityOrgId, holderOrgId) : undefined,
      ),
    )
    .limit(1);
  return r?.id;
}

/**
 * Serialises the opening of a province's (or, with `holderOrgId`, one organisation's) standing call
 * of a kind: two first submissions at once open one call, while two holders in one region do not
 * wait on each other.
 */
export async function lockStanding(tx: Tx, kind: string, provinceCode: string, holderOrgId?: string) {
  const key = holderOrgId ? `${kind}_call:${provinceCode}:${holderOrgId}` : `${kind}_call:${provinceCode}`;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`);
}

/**
 * The chain new submissions of a standing call run on: the newest published version of the
 * province's own lineage (`<kind>_<code>`, the default key of a clone), else of the shipped one.
 */
export async function standingChainFor(db: DbOrTx, kind: string, provinceCode: string): Promise<string | undefined> {
  const rows = await db
    .select({ id: chains.id })
    .from(chains)
    .where(and(eq(chains.status, 'published'), or(and(eq(chains.key, kind), isNull(chains.ownerRegionCode)), and(eq(chains.key, `${kind}_${provinceCode}`), eq(chains.ownerRegionCode, provinceCode)))))
    .orderBy(sql`${chains.ownerRegionCode} is null`, desc(chains.version))
    .limit(1);
  return rows[0]?.id;
}

/** The province's (or city's) S&T department (the authority of its standing calls). */
export async function provinceAuthority(db: DbOrTx, provinceCode: string, level: 'province' | 'city' = 'province') {
  const [r] = await db
    .select({ id: organisations.id, name: regions.name })
    .from(organisations)
    .innerJoin(regions, eq(regions.code, organisations.regionCode))
    .where(and(eq(organisations.kind, 'authority'), eq(organisations.regionCode, provinceCode), eq(organisations.authorityLevel, level)))
    .limit(1);
  return r;
}
