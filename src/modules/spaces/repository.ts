import { and, asc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { orderBy, type Sort } from '../../shared/http/sorting.ts';
import { containsPattern } from '../../shared/validation/search.ts';
import { organisations } from '../orgs/schema.ts';
import { regions } from '../regions/schema.ts';
import { spaceHosts, spaces } from './schema.ts';

export type SpaceRow = typeof spaces.$inferSelect;

/** A space with what every answer about it shows: region, operator and hosts. */
export interface SpaceWithParties extends SpaceRow {
  regionName: string;
  regionPath: string;
  /** Holds an active filing: only then do the platform's searches list its resources and services. */
  filed: boolean;
  operator: { id: string; name: string; uscc: string | null; regionCode: string };
  hosts: { id: string; name: string; hostType: (typeof organisations.$inferSelect)['hostType']; uscc: string | null }[];
}

const spaceColumns = {
  space: spaces,
  regionName: regions.name,
  regionPath: regions.path,
  // Named in plain SQL: the filings module builds on this one.
  filed: sql<boolean>`exists (select 1 from filings f where f.space_id = ${spaces.id} and f.status = 'active')`,
  operator: { id: organisations.id, name: organisations.name, uscc: organisations.uscc, regionCode: organisations.regionCode },
  // In the same statement as the space (a second round trip per read was a visible share of a submission's cost).
  hosts: sql<SpaceWithParties['hosts']>`coalesce((
    select json_agg(json_build_object('id', o.id, 'name', o.name, 'hostType', o.host_type, 'uscc', o.uscc) order by o.name)
    from space_hosts sh join organisations o on o.id = sh.host_org_id where sh.space_id = ${spaces.id}), '[]'::json)`,
};

const baseQuery = (db: DbOrTx) =>
  db
    .select(spaceColumns)
    .from(spaces)
    .innerJoin(regions, eq(regions.code, spaces.regionCode))
    .innerJoin(organisations, eq(organisations.id, spaces.operatorOrgId));

type BaseRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];

/** Assembles the answers from the rows of `baseQuery`. */
function withHosts(rows: BaseRow[]): SpaceWithParties[] {
  return rows.map((r) => ({ ...r.space, regionName: r.regionName, regionPath: r.regionPath, filed: r.filed, operator: r.operator, hosts: r.hosts }));
}

export async function findSpace(db: DbOrTx, id: string): Promise<SpaceWithParties | undefined> {
  const rows = await baseQuery(db).where(eq(spaces.id, id));
  const [space] = withHosts(rows);
  return space;
}

/** Many spaces with their parties (two queries whatever their number; order not kept). */
export async function findSpaces(db: DbOrTx, ids: readonly string[]): Promise<SpaceWithParties[]> {
  if (!ids.length) return [];
  return withHosts(await baseQuery(db).where(inArray(spaces.id, [...ids])));
}

export interface SpaceFilter {
  q?: string;
  /** Only this operator's spaces. */
  operatorOrgId?: string;
  /** Only spaces whose region lies within this path. */
  withinPath?: string;
}

/** The columns the space list sorts by. */
export const SPACE_SORTS = ['name', 'region', 'operator', 'status', 'updatedAt'] as const;
export type SpaceSort = Sort<(typeof SPACE_SORTS)[number]>;
const SORT_COLUMN = { name: spaces.name, region: regions.path, operator: organisations.name, status: spaces.status, updatedAt: spaces.updatedAt };

/** One page of spaces in the asked order (by name without one), with their parties. */
export async function listSpaces(db: DbOrTx, filter: SpaceFilter, sort: SpaceSort, page: number, pageSize: number) {
  const conds: SQL[] = [];
  if (filter.q) conds.push(sql`${spaces.name} ilike ${containsPattern(filter.q)}`);
  if (filter.operatorOrgId) conds.push(eq(spaces.operatorOrgId, filter.operatorOrgId));
  if (filter.withinPath) conds.push(or(eq(regions.path, filter.withinPath), sql`${regions.path} like ${`${filter.withinPath}/%`}`)!);
  const where = conds.length ? and(...conds) : undefined;
  const [rows, [count]] = await Promise.all([
    baseQuery(db).where(where).orderBy(...orderBy(SORT_COLUMN, sort, [asc(spaces.name)], spaces.id)).limit(pageSize).offset((page - 1) * pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(spaces)
      .innerJoin(regions, eq(regions.code, spaces.regionCode))
      .where(where),
  ]);
  return { items: withHosts(rows), total: count?.n ?? 0 };
}

/** Every space of one operator (a handful), for matching calls. */
export async function operatorSpaces(db: DbOrTx, operatorOrgId: string): Promise<SpaceWithParties[]> {
  return withHosts(await baseQuery(db).where(eq(spaces.operatorOrgId, operatorOrgId)).orderBy(asc(spaces.name)));
}

export async function insertSpace(db: DbOrTx, row: typeof spaces.$inferInsert): Promise<SpaceRow> {
  const [created] = await db.insert(spaces).values(row).returning();
  return created!;
}

/** Updates a space only if its revision is still `revision`; returns false when someone got there first. */
export async function updateSpace(db: DbOrTx, id: string, revision: number, patch: Partial<typeof spaces.$inferInsert>): Promise<boolean> {
  const rows = await db
    .update(spaces)
    .set({ ...patch, revision: sql`${spaces.revision} + 1`, updatedAt: new Date() })
    .where(and(eq(spaces.id, id), eq(spaces.revision, revision)))
    .returning({ id: spaces.id });
  return rows.length === 1;
}

export async function setHosts(db: DbOrTx, spaceId: string, hostOrgIds: readonly string[]): Promise<void> {
  await db.delete(spaceHosts).where(eq(spaceHosts.spaceId, spaceId));
  if (hostOrgIds.length) await db.insert(spaceHosts).values(hostOrgIds.map((hostOrgId) => ({ spaceId, hostOrgId })));
}
