import { and, asc, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.ts';
import { COUNT_CAP } from '../../shared/http/pagination.ts';
import { containsPattern } from '../../shared/validation/search.ts';
import { regions } from '../regions/schema.ts';
import { spaces } from '../spaces/schema.ts';
import { incubateeCohorts, incubateeFinancings, incubatees, incubateeStatusEvents, spaceChainPlaces, type IncubateeStatus } from './schema.ts';

export type IncubateeRow = typeof incubatees.$inferSelect;
export type FinancingRow = typeof incubateeFinancings.$inferSelect;
export type StatusEventRow = typeof incubateeStatusEvents.$inferSelect;

/** Whose rosters a read covers: an operator's own spaces, or the spaces of a jurisdiction. */
export type RosterScope = { operatorOrgId: string } | { withinPath: string };

const inScope = (scope: RosterScope): SQL =>
  'operatorOrgId' in scope ? eq(spaces.operatorOrgId, scope.operatorOrgId) : or(eq(regions.path, scope.withinPath), sql`${regions.path} like ${`${scope.withinPath}/%`}`)!;

export interface RosterFilter {
  spaceId?: string | undefined;
  status?: IncubateeStatus | undefined;
  entryYear?: number | undefined;
  industry?: string | undefined;
  /** Name or USCC contains. */
  q?: string | undefined;
}

export const SORTS = ['entryDate', 'name', 'status', 'jobs'] as const;
export type RosterSort = (typeof SORTS)[number];
const sortColumn = { entryDate: incubatees.entryDate, name: incubatees.name, status: incubatees.status, jobs: incubatees.jobs } as const;

function where(scope: RosterScope, f: RosterFilter): SQL {
  const conds: SQL[] = [inScope(scope)];
  if (f.spaceId) conds.push(eq(incubatees.spaceId, f.spaceId));
  if (f.status) conds.push(eq(incubatees.status, f.status));
  if (f.entryYear) conds.push(sql`extract(year from ${incubatees.entryDate}) = ${f.entryYear}`);
  if (f.industry) conds.push(sql`${incubatees.industry} = ${f.industry}`);
  if (f.q) {
    const like = containsPattern(f.q);
    conds.push(or(sql`${incubatees.name} ilike ${like}`, sql`${incubatees.uscc} ilike ${like}`)!);
  }
  return and(...conds)!;
}

const columns = {
  incubatee: incubatees,
  spaceName: spaces.name,
  operatorOrgId: spaces.operatorOrgId,
  regionPath: regions.path,
};

const base = (db: DbOrTx) =>
  db.select(columns).from(incubatees).innerJoin(spaces, eq(spaces.id, incubatees.spaceId)).innerJoin(regions, eq(regions.code, spaces.regionCode));

export type ListedRow = Awaited<ReturnType<ReturnType<typeof base>['execute']>>[number];

/**
 * The page's order: the column, then name and id. Status (five values) and jobs (a few dozen) leave
 * groups of hundreds of thousands in a country's rosters, so their tie-breakers follow the column's
 * direction and one index (`incubatees_status_order_idx`, `incubatees_jobs_order_idx`) read forwards or
 * backwards gives the page without sorting the matches; entry dates and names are nearly distinct,
 * so their ties stay name- and id-ascending (a sort of a few rows per date on top of the column's index).
 */
function pageOrder(sort: { by: RosterSort; order: 'asc' | 'desc' }): SQL[] {
  const dir = sort.order === 'asc' ? asc : desc;
  const ties = sort.by === 'status' || sort.by === 'jobs' ? dir : asc;
  return [dir(sortColumn[sort.by]), ties(incubatees.name), ties(incubatees.id)];
}

/**
 * One page of a roster (or of a jurisdiction's rosters), two statements whatever its size; the
 * matching rows are counted up to `COUNT_CAP + 1` (a country's rosters hold hundreds of thousands).
 */
export async function list(db: DbOrTx, scope: RosterScope, f: RosterFilter, sort: { by: RosterSort; order: 'asc' | 'desc' }, limit: number, offset = 0) {
  const w = where(scope, f);
  const matching = db
    .select({ one: sql`1` })
    .from(incubatees)
    .innerJoin(spaces, eq(spaces.id, incubatees.spaceId))
    .innerJoin(regions, eq(regions.code, spaces.regionCode))
    .where(w)
    .limit(COUNT_CAP + 1)
    .as('matching');
  const [items, [count]] = await Promise.all([
    base(db).where(w).orderBy(...pageOrder(sort)).limit(limit).offset(offset),
    db.select({ n: sql<number>`count(*)::int` }).from(matching),
  ]);
  return { items, counted: count?.n ?? 0 };
}

/** An incubatee with its space's operator and region, whatever the actor (the service decides). */
export async function find(db: DbOrTx, id: string): Promise<ListedRow | undefined> {
  const [row] = await base(db).where(eq(incubatees.id, id));
  return row;
}

export async function financingsOf(db: DbOrTx, ids: readonly string[]): Promise<FinancingRow[]> {
  if (!ids.length) return [];
  return db.select().from(incubateeFinancings).where(inArray(incubateeFinancings.incubateeId, [...ids])).orderBy(asc(incubateeFinancings.receivedOn), asc(incubateeFinancings.createdAt));
}

export async function statusEventsOf(db: DbOrTx, id: string): Promise<StatusEventRow[]> {
  return db.select().from(incubateeStatusEvents).where(eq(incubateeStatusEvents.incubateeId, id)).orderBy(asc(incubateeStatusEvents.createdAt));
}

export async function insertMany(tx: Tx, rows: (typeof incubatees.$inferInsert)[]): Promise<IncubateeRow[]> {
  if (!rows.length) return [];
  return tx.insert(incubatees).values(rows).returning();
}

/** Updates an incubatee only if its revision is still `revision`; undefined when someone saved first. */
export async function update(tx: Tx, id: string, revision: number, patch: Partial<typeof incubatees.$inferInsert>): Promise<IncubateeRow | undefined> {
  const [row] = await tx
    .update(incubatees)
    .set({ ...patch, revision: sql`${incubatees.revision} + 1`, updatedAt: new Date() })
    .where(and(eq(incubatees.id, id), eq(incubatees.revision, revision)))
    .returning();
  return row;
}

export async function insertStatusEvents(tx: Tx, rows: (typeof incubateeStatusEvents.$inferInsert)[]): Promise<void> {
  if (rows.length) await tx.insert(incubateeStatusEvents).values(rows);
}

export async function insertFinancings(tx: Tx, rows: (typeof incubateeFinancings.$inferInsert)[]): Promise<FinancingRow[]> {
  if (!rows.length) return [];
  return tx.insert(incubateeFinancings).values(rows).returning();
}

export async function deleteFinancing(tx: Tx, incubateeId: string, financingId: string): Promise<FinancingRow | undefined> {
  const [row] = await tx
    .delete(incubateeFinancings)
    .where(and(eq(incubateeFinancings.id, financingId), eq(incubateeFinancings.incubateeId, incubateeId)))
    .returning();
  return row;
}

/** Cohort rows of the survival table: per space and entry year, and per entry year over the whole scope. */
export interface CohortRow {
  spaceId: string | null;
  spaceName: string | null;
  year: number;
  entrants: number;
  /** Entrants not 注销/吊销 by the end of year + 1 and year + 3. */
  alive1: number;
  alive3: number;
}

/**
 * S(1) and S(3) counts of every entry-year cohort of the spaces in scope (optionally one space), for
 * the scope as a whole and per space for one page of its spaces (by region, then name; grouping sets
 * and a rank), with how many spaces have incubatees: two statements whatever the jurisdiction. The
 * counts are summed from `incubatee_cohorts` (a row per space and entry year, kept by triggers on
 * `incubatees` with the rule in SQL `incubatee_alive`: see migration 0025), so a province's
 * thousand spaces cost a few thousand rows, not its hundred thousand incubatees; only the page's
 * spaces leave the database, their names joined to the groups afterwards.
 */
export async function cohorts(db: DbOrTx, scope: RosterScope, page: { page: number; pageSize: number }, spaceId?: string): Promise<{ rows: CohortRow[]; spacesTotal: number }> {
  const conds = [inScope(scope)];
  if (spaceId) conds.push(eq(spaces.id, spaceId));
  const inScopeSpaces = db.select({ id: spaces.id }).from(spaces).innerJoin(regions, eq(regions.code, spaces.regionCode)).where(and(...conds));
  // A cohort whose last incubatee was deleted or moved to another year keeps a row of zeros.
  const present = and(inArray(incubateeCohorts.spaceId, inScopeSpaces), sql`${incubateeCohorts.entrants} > 0`);
  const groups = db
    .select({
      spaceId: sql<string | null>`${incubateeCohorts.spaceId}`.as('space_id'),
      year: sql<number>`${incubateeCohorts.entryYear}`.as('year'),
      entrants: sql<number>`sum(${incubateeCohorts.entrants})::int`.as('entrants'),
      alive1: sql<number>`sum(${incubateeCohorts.alive1})::int`.as('alive1'),
      alive3: sql<number>`sum(${incubateeCohorts.alive3})::int`.as('alive3'),
      perSpace: sql<number>`grouping(${incubateeCohorts.spaceId})`.as('per_space'),
    })
    .from(incubateeCohorts)
    .where(present)
    .groupBy(sql`grouping sets ((${incubateeCohorts.spaceId}, ${incubateeCohorts.entryYear}), (${incubateeCohorts.entryYear}))`)
    .as('g');
  // The spaces' order, numbered once per space (dense_rank over its years' rows); null on the totals.
  const ranked = db
    .select({
      spaceId: groups.spaceId,
      spaceName: sql<string | null>`${spaces.name}`.as('space_name'),
      year: groups.year,
      entrants: groups.entrants,
      alive1: groups.alive1,
      alive3: groups.alive3,
      perSpace: groups.perSpace,
      place: sql<number | null>`case when ${groups.perSpace} = 0 then dense_rank() over (partition by ${groups.perSpace} order by ${spaces.regionCode}, ${spaces.name}, ${spaces.id}) end`.as('place'),
    })
    .from(groups)
    .leftJoin(spaces, sql`${spaces.id} = ${groups.spaceId} and ${groups.perSpace} = 0`)
    .as('r');
  const first = (page.page - 1) * page.pageSize + 1;
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(ranked)
      .where(sql`${ranked.perSpace} = 1 or ${ranked.place} between ${first} and ${first + page.pageSize - 1}`)
      .orderBy(sql`${ranked.place} nulls first`, ranked.year),
    db.select({ n: sql<number>`count(distinct ${incubateeCohorts.spaceId})::int` }).from(incubateeCohorts).where(present),
  ]);
  return {
    rows: rows.map((r) => ({
      spaceId: Number(r.perSpace) === 0 ? r.spaceId : null,
      spaceName: Number(r.perSpace) === 0 ? r.spaceName : null,
      year: Number(r.year),
      entrants: Number(r.entrants),
      alive1: Number(r.alive1),
      alive3: Number(r.alive3),
    })),
    spacesTotal: Number(total!.n),
  };
}

/** Every roster row of one USCC in scope, oldest entry first, with the space's place in the chain. */
export async function pathOf(db: DbOrTx, scope: RosterScope, uscc: string) {
  return db
    .select({
      incubateeId: incubatees.id,
      name: incubatees.name,
      spaceId: spaces.id,
      spaceName: spaces.name,
      regionName: regions.name,
      place: spaceChainPlaces.place,
      entryDate: incubatees.entryDate,
      status: incubatees.status,
      statusDate: incubatees.statusDate,
      leftOn: incubatees.leftOn,
      movedTo: incubatees.movedTo,
    })
    .from(incubatees)
    .innerJoin(spaces, eq(spaces.id, incubatees.spaceId))
    .innerJoin(regions, eq(regions.code, spaces.regionCode))
    .leftJoin(spaceChainPlaces, eq(spaceChainPlaces.spaceId, spaces.id))
    .where(and(inScope(scope), eq(incubatees.uscc, uscc)))
    .orderBy(asc(incubatees.entryDate), asc(incubatees.createdAt));
}

export async function chainPlace(db: DbOrTx, spaceId: string) {
  const [row] = await db.select().from(spaceChainPlaces).where(eq(spaceChainPlaces.spaceId, spaceId));
  return row;
}

export async function upsertChainPlace(tx: Tx, row: typeof spaceChainPlaces.$inferInsert) {
  const [saved] = await tx
    .insert(spaceChainPlaces)
    .values(row)
    .onConflictDoUpdate({ target: spaceChainPlaces.spaceId, set: { place: row.place, partners: row.partners, updatedAt: new Date() } })
    .returning();
  return saved!;
}
