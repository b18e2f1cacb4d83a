import { and, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { calls } from '../calls/schema.ts';
import { filings } from '../filings/schema.ts';
import { organisations } from '../orgs/schema.ts';
import { regions } from '../regions/schema.ts';
import { spaces } from '../spaces/schema.ts';
import { applications } from '../workflow/schema.ts';
import { returnCatalogues, returnRounds, returnSettings, returnStanding, returnStateCounts, returnValues, type ReturnCadence } from './schema.ts';
import { updateDraftRow } from '../../db/versioned.ts';

export type RoundRow = typeof returnRounds.$inferSelect;
export type ValuesRow = typeof returnValues.$inferSelect;
export type Level = 'city' | 'province' | 'national';

/** `path` is `root` or below it, in SQL (never a code prefix). */
const within = (col: typeof regions.path, root: string) => sql`(${col} = ${root} or ${col} like ${`${root}/%`})`;

/**
 * The spaces a round enrolls: active spaces with an active filing whose region lies in the
 * jurisdiction, with their highest filing level; `nationalOnly` for the quarterly monitoring round.
 */
export function filedSpacesIn(db: DbOrTx, jurisdictionPath: string, nationalOnly: boolean) {
  return db
    .select({
      id: spaces.id,
      operatorOrgId: spaces.operatorOrgId,
      levels: sql<Level[]>`array_agg(distinct ${filings.level})`,
    })
    .from(spaces)
    .innerJoin(regions, eq(regions.code, spaces.regionCode))
    .innerJoin(filings, and(eq(filings.spaceId, spaces.id), eq(filings.status, 'active')))
    .where(and(eq(spaces.status, 'active'), within(regions.path, jurisdictionPath), nationalOnly ? eq(filings.level, 'national') : undefined))
    .groupBy(spaces.id, spaces.operatorOrgId)
    .orderBy(spaces.id);
}

/** Highest active filing level per space. */
export async function filingLevels(db: DbOrTx, spaceIds: readonly string[]): Promise<Map<string, Level>> {
  if (!spaceIds.length) return new Map();
  const rows = await db
    .select({ spaceId: filings.spaceId, level: filings.level })
    .from(filings)
    .where(and(inArray(filings.spaceId, [...spaceIds]), eq(filings.status, 'active')));
  const rank = { city: 1, province: 2, national: 3 } as const;
  const out = new Map<string, Level>();
  for (const r of rows) if (!out.has(r.spaceId) || rank[r.level] > rank[out.get(r.spaceId)!]) out.set(r.spaceId, r.level);
  return out;
}

export async function insertRound(db: DbOrTx, row: typeof returnRounds.$inferInsert) {
  const [r] = await db.insert(returnRounds).values(row).returning();
  return r!;
}

export async function findRound(db: DbOrTx, callId: string): Promise<RoundRow | undefined> {
  const [r] = await db.select().from(returnRounds).where(eq(returnRounds.callId, callId));
  return r;
}

export async function insertValues(db: DbOrTx, rows: (typeof returnValues.$inferInsert)[]) {
  if (rows.length) await db.insert(returnValues).values(rows);
}

export async function findValues(db: DbOrTx, submissionId: string): Promise<ValuesRow | undefined> {
  const [r] = await db.select().from(returnValues).where(eq(returnValues.submissionId, submissionId));
  return r;
}

/** Saves values and notes while the row is at `revision`; undefined when someone saved first. */
export async function updateValues(db: DbOrTx, submissionId: string, revision: number, patch: Pick<ValuesRow, 'values' | 'notes'> & { updatedBy: string }) {
  const [r] = await db
    .update(returnValues)
    .set({ ...patch, revision: sql`${returnValues.revision} + 1`, updatedAt: new Date() })
    .where(and(eq(returnValues.submissionId, submissionId), eq(returnValues.revision, revision)))
    .returning();
  return r;
}

export async function setFindings(db: DbOrTx, submissionId: string, findings: unknown[]) {
  await db.update(returnValues).set({ findings }).where(eq(returnValues.submissionId, submissionId));
}

export async function markAccepted(db: DbOrTx, submissionId: string, at: Date) {
  const [r] = await db.update(returnValues).set({ acceptedAt: at }).where(eq(returnValues.submissionId, submissionId)).returning({ spaceId: returnValues.spaceId, callId: returnValues.callId });
  return r;
}

export async function clearAccepted(db: DbOrTx, submissionId: string) {
  await db.update(returnValues).set({ acceptedAt: null }).where(eq(returnValues.submissionId, submissionId));
}

/** The space's newest accepted return of the cadence whose period ended before `before` (R1, R10). */
export async function previousAccepted(db: DbOrTx, spaceId: string, cadence: ReturnCadence, before: Date) {
  const [r] = await db
    .select({ values: returnValues.values })
    .from(returnValues)
    .innerJoin(returnRounds, eq(returnRounds.callId, returnValues.callId))
    .where(and(eq(returnValues.spaceId, spaceId), eq(returnRounds.cadence, cadence), lt(returnRounds.periodEnd, before), sql`${returnValues.acceptedAt} is not null`))
    .orderBy(desc(returnRounds.periodEnd))
    .limit(1);
  return r?.values;
}

/** Calls in line with the jurisdiction: in it, or above it (a city works a province's round). */
const inLine = (jurisdictionPath: string) => sql`(${within(regions.path, jurisdictionPath)} or ${jurisdictionPath} like ${regions.path} || '/%')`;

/** A round of the cadence and period already in line with the jurisdiction (its spaces would be asked twice), if any. */
export async function samePeriodInLine(db: DbOrTx, jurisdictionPath: string, cadence: ReturnCadence, period: string) {
  const [r] = await db
    .select({ title: calls.title })
    .from(returnRounds)
    .innerJoin(calls, eq(calls.id, returnRounds.callId))
    .innerJoin(regions, eq(regions.code, calls.regionCode))
    .where(and(eq(returnRounds.cadence, cadence), eq(returnRounds.period, period), inLine(jurisdictionPath)))
    .limit(1);
  return r;
}

/** Rounds whose call lies in line with the jurisdiction (in it, or above it: a city works a province's round), a page of them. */
export async function roundsInLine(db: DbOrTx, jurisdictionPath: string, page: number, pageSize: number) {
  const where = inLine(jurisdictionPath);
  const [items, [count]] = await Promise.all([
    db
      .select({ round: returnRounds, call: calls, authorityName: organisations.name, catalogueName: returnCatalogues.name })
      .from(returnRounds)
      .innerJoin(calls, eq(calls.id, returnRounds.callId))
      .innerJoin(regions, eq(regions.code, calls.regionCode))
      .innerJoin(organisations, eq(organisations.id, calls.authorityOrgId))
      .innerJoin(returnCatalogues, eq(returnCatalogues.id, returnRounds.catalogueId))
      .where(where)
      .orderBy(desc(calls.closesAt), desc(calls.createdAt))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(returnRounds).innerJoin(calls, eq(calls.id, returnRounds.callId)).innerJoin(regions, eq(regions.code, calls.regionCode)).where(where),
  ]);
  return { items, total: count?.n ?? 0 };
}

/** The round when its call lies in line with the jurisdiction (see `roundsInLine`). */
export async function findRoundInLine(db: DbOrTx, callId: string, jurisdictionPath: string) {
  const [r] = await db
    .select({ round: returnRounds })
    .from(returnRounds)
    .innerJoin(calls, eq(calls.id, returnRounds.callId))
    .innerJoin(regions, eq(regions.code, calls.regionCode))
    .where(and(eq(returnRounds.callId, callId), inLine(jurisdictionPath)));
  return r?.round;
}

/**
 * Per round, counts of its returns by state within the jurisdiction, read from the kept
 * `return_state_counts` rows of the jurisdiction's own region (the last code of its path): a few
 * rows per round whatever the number of returns.
 */
export function countsByRound(db: DbOrTx, callIds: readonly string[], jurisdictionPath: string) {
  if (!callIds.length) return Promise.resolve([]);
  return db
    .select({ callId: returnStateCounts.callId, state: returnStateCounts.state, n: returnStateCounts.n })
    .from(returnStateCounts)
    .where(and(inArray(returnStateCounts.callId, [...callIds]), eq(returnStateCounts.regionCode, jurisdictionPath.slice(jurisdictionPath.lastIndexOf('/') + 1))));
}

/** Counts of a round's returns by region (the space's district) and state, within the jurisdiction. */
export function progressByRegion(db: DbOrTx, callId: string, jurisdictionPath: string) {
  return db
    .select({
      regionCode: regions.code,
      regionName: regions.name,
      status: applications.status,
      missed: sql<boolean>`${returnValues.missedAt} is not null`,
      n: sql<number>`count(*)::int`,
    })
    .from(returnValues)
    // Narrowed by the call as well (see countsByRound).
    .innerJoin(applications, and(eq(applications.id, returnValues.submissionId), eq(applications.callId, callId)))
    .innerJoin(spaces, eq(spaces.id, returnValues.spaceId))
    .innerJoin(regions, eq(regions.code, spaces.regionCode))
    .where(and(eq(returnValues.callId, callId), within(regions.path, jurisdictionPath)))
    .groupBy(regions.code, regions.name, applications.status, sql`${returnValues.missedAt} is not null`)
    .orderBy(regions.code);
}

const acceptedWhere = (callId: string, jurisdictionPath: string) =>
  and(eq(returnValues.callId, callId), sql`${returnValues.acceptedAt} is not null`, within(regions.path, jurisdictionPath));

/** How many accepted returns of one round lie within a jurisdiction. */
export async function acceptedCount(db: DbOrTx, callId: string, jurisdictionPath: string): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(returnValues)
    .innerJoin(spaces, eq(spaces.id, returnValues.spaceId))
    .innerJoin(regions, eq(regions.code, spaces.regionCode))
    .where(acceptedWhere(callId, jurisdictionPath));
  return r?.n ?? 0;
}

/** Where a page of `acceptedPage` ended: the next page starts after it. */
export type AcceptedKey = { path: string; spaceName: string; spaceId: string };

/**
 * One page of a round's accepted returns within a jurisdiction, by region then space, after `after`
 * (keyset paging, so a jurisdiction's whole round is read a page at a time, each page as cheap as the first).
 * The page's keys are chosen first and the values joined to those only: sorting the round's rows
 * with their values (1.7 kB each) took each page of a national round twice as long.
 */
export function acceptedPage(db: DbOrTx, callId: string, jurisdictionPath: string, after: AcceptedKey | null, limit: number) {
  const keys = db
    .select({
      path: regions.path,
      regionName: sql<string>`${regions.name}`.as('page_region_name'),
      spaceId: sql<string>`${spaces.id}`.as('page_space_id'),
      spaceName: sql<string>`${spaces.name}`.as('page_space_name'),
      submissionId: returnValues.submissionId,
    })
    .from(returnValues)
    .innerJoin(spaces, eq(spaces.id, returnValues.spaceId))
    .innerJoin(regions, eq(regions.code, spaces.regionCode))
    .where(and(acceptedWhere(callId, jurisdictionPath), after ? sql`(${regions.path}, ${spaces.name}, ${spaces.id}) > (${after.path}, ${after.spaceName}, ${after.spaceId}::uuid)` : undefined))
    .orderBy(regions.path, spaces.name, spaces.id)
    .limit(limit)
    .as('k');
  return db
    .select({ path: keys.path, regionName: keys.regionName, spaceId: keys.spaceId, spaceName: keys.spaceName, values: returnValues.values })
    .from(keys)
    .innerJoin(returnValues, eq(returnValues.submissionId, keys.submissionId))
    .orderBy(keys.path, keys.spaceName, keys.spaceId);
}

/** An operator's drafts not missed and returned returns, the earliest due date first (the workbench's to-do). */
export function waitingForOperator(db: DbOrTx, operatorOrgId: string) {
  return db
    .select({
      id: applications.id,
      spaceName: spaces.name,
      title: calls.title,
      dueAt: calls.closesAt,
      returned: sql<boolean>`${applications.status} = 'returned'`,
    })
    .from(returnValues)
    .innerJoin(applications, eq(applications.id, returnValues.submissionId))
    .innerJoin(calls, eq(calls.id, returnValues.callId))
    .innerJoin(spaces, eq(spaces.id, returnValues.spaceId))
    .where(and(eq(applications.operatorOrgId, operatorOrgId), sql`((${applications.status} = 'draft' and ${returnValues.missedAt} is null) or ${applications.status} = 'returned')`))
    .orderBy(calls.closesAt, spaces.name, applications.id);
}

/** An operator's returns with their rounds, newest due date first. */
export function returnsOfOperator(db: DbOrTx, operatorOrgId: string) {
  return db
    .select({
      id: applications.id,
      status: applications.status,
      stageKey: applications.stageKey,
      spaceId: spaces.id,
      spaceName: spaces.name,
      callId: calls.id,
      title: calls.title,
      dueAt: calls.closesAt,
      cadence: returnRounds.cadence,
      period: returnRounds.period,
      findings: returnValues.findings,
      missedAt: returnValues.missedAt,
      acceptedAt: returnValues.acceptedAt,
    })
    .from(returnValues)
    .innerJoin(applications, eq(applications.id, returnValues.submissionId))
    .innerJoin(calls, eq(calls.id, returnValues.callId))
    .innerJoin(returnRounds, eq(returnRounds.callId, returnValues.callId))
    .innerJoin(spaces, eq(spaces.id, returnValues.spaceId))
    .where(eq(applications.operatorOrgId, operatorOrgId))
    .orderBy(desc(calls.closesAt), spaces.name);
}

/** A round's drafts due before `now` not yet marked missed (the missed-returns job). */
export function overdueDrafts(db: DbOrTx, callId: string, now: Date) {
  return db
    .select({ submissionId: returnValues.submissionId, spaceId: returnValues.spaceId, callId: returnValues.callId, cadence: returnRounds.cadence, operatorOrgId: applications.operatorOrgId, authorityOrgId: calls.authorityOrgId, title: calls.title })
    .from(returnValues)
    .innerJoin(applications, eq(applications.id, returnValues.submissionId))
    .innerJoin(calls, eq(calls.id, returnValues.callId))
    .innerJoin(returnRounds, eq(returnRounds.callId, returnValues.callId))
    .where(and(eq(returnValues.callId, callId), eq(applications.status, 'draft'), sql`${returnValues.missedAt} is null`, lt(calls.closesAt, now)));
}

export async function markMissed(db: DbOrTx, submissionIds: readonly string[], at: Date) {
  if (submissionIds.length) await db.update(returnValues).set({ missedAt: at }).where(inArray(returnValues.submissionId, [...submissionIds]));
}

/** One more missed return in a row for each space of the cadence (a row is started at 1); the runs as they now stand, by space. */
export async function countMissed(db: DbOrTx, rows: readonly { spaceId: string; callId: string }[], cadence: ReturnCadence): Promise<Map<string, number>> {
  const runs = new Map<string, number>();
  for (const r of rows) {
    const [counted] = await db
      .insert(returnStanding)
      .values({ spaceId: r.spaceId, cadence, consecutiveMissed: 1, lastCallId: r.callId })
      .onConflictDoUpdate({
        target: [returnStanding.spaceId, returnStanding.cadence],
        set: { consecutiveMissed: sql`${returnStanding.consecutiveMissed} + 1`, lastCallId: r.callId, updatedAt: new Date() },
        where: sql`${returnStanding.lastCallId} is distinct from ${r.callId}`,
      })
      .returning({ run: returnStanding.consecutiveMissed });
    if (counted) runs.set(r.spaceId, counted.run);
  }
  return runs;
}

/** The missed returns of these spaces in a cadence, newest period first (the evidence of a missed run). */
export function missedReturnsOf(db: DbOrTx, spaceIds: readonly string[], cadence: ReturnCadence) {
  return db
    .select({ submissionId: returnValues.submissionId, spaceId: returnValues.spaceId, title: calls.title, period: returnRounds.period })
    .from(returnValues)
    .innerJoin(returnRounds, eq(returnRounds.callId, returnValues.callId))
    .innerJoin(calls, eq(calls.id, returnValues.callId))
    .where(and(inArray(returnValues.spaceId, [...spaceIds]), eq(returnRounds.cadence, cadence), sql`${returnValues.missedAt} is not null`))
    .orderBy(desc(returnRounds.periodStart));
}

/** An accepted return ends the run of missed ones. */
export async function resetMissed(db: DbOrTx, spaceId: string, cadence: ReturnCadence, callId: string) {
  await db
    .insert(returnStanding)
    .values({ spaceId, cadence, consecutiveMissed: 0, lastCallId: callId })
    .onConflictDoUpdate({ target: [returnStanding.spaceId, returnStanding.cadence], set: { consecutiveMissed: 0, lastCallId: callId, updatedAt: new Date() } });
}

export async function standingOf(db: DbOrTx, spaceIds: readonly string[]) {
  if (!spaceIds.length) return [];
  return db.select().from(returnStanding).where(inArray(returnStanding.spaceId, [...spaceIds]));
}

type CatalogueRow = typeof returnCatalogues.$inferSelect;
export type CatalogueWithOwner = CatalogueRow & { ownerPath: string | null; ownerName: string | null };
const withOwner = { row: returnCatalogues, ownerPath: regions.path, ownerName: regions.name };
const flatten = (r: { row: CatalogueRow; ownerPath: string | null; ownerName: string | null }): CatalogueWithOwner => ({ ...r.row, ownerPath: r.ownerPath, ownerName: r.ownerName });

export async function findCatalogueWithOwner(db: DbOrTx, id: string): Promise<CatalogueWithOwner | undefined> {
  const [r] = await db.select(withOwner).from(returnCatalogues).leftJoin(regions, eq(regions.code, returnCatalogues.ownerRegionCode)).where(eq(returnCatalogues.id, id));
  return r && flatten(r);
}

/** Published versions plus the drafts owned within `draftsWithinPath` (when given): newest year first, drafts before their year's versions. */
export async function visibleCatalogues(db: DbOrTx, draftsWithinPath: string | null): Promise<CatalogueWithOwner[]> {
  const drafts = draftsWithinPath
    ? and(eq(returnCatalogues.status, 'draft'), or(eq(regions.path, draftsWithinPath), sql`${regions.path} like ${`${draftsWithinPath}/%`}`))
    : undefined;
  const rows = await db
    .select(withOwner)
    .from(returnCatalogues)
    .leftJoin(regions, eq(regions.code, returnCatalogues.ownerRegionCode))
    .where(or(eq(returnCatalogues.status, 'published'), drafts))
    .orderBy(desc(returnCatalogues.year), sql`${returnCatalogues.version} desc nulls first`, desc(returnCatalogues.updatedAt));
  return rows.map(flatten);
}

export async function insertCatalogue(db: DbOrTx, row: typeof returnCatalogues.$inferInsert): Promise<CatalogueRow> {
  const [r] = await db.insert(returnCatalogues).values(row).returning();
  return r!;
}

/** The survey year's newest published version, if any. */
export async function newestPublishedCatalogue(db: DbOrTx, year: number) {
  const [r] = await db
    .select({ version: returnCatalogues.version, name: returnCatalogues.name, publishedAt: returnCatalogues.publishedAt })
    .from(returnCatalogues)
    .where(and(eq(returnCatalogues.year, year), eq(returnCatalogues.status, 'published')))
    .orderBy(desc(returnCatalogues.version))
    .limit(1);
  return r;
}

/** Changes a draft only while it is at `revision`; false when someone changed or published it first. */
export const updateDraftCatalogue = (db: DbOrTx, id: string, revision: number, patch: Partial<typeof returnCatalogues.$inferInsert>) => updateDraftRow(db, returnCatalogues, id, revision, patch);

/** Whether the province has switched monthly returns on. */
export async function monthlyOn(db: DbOrTx, provinceCode: string | undefined): Promise<boolean> {
  if (!provinceCode) return false;
  const [r] = await db.select({ monthly: returnSettings.monthly }).from(returnSettings).where(eq(returnSettings.regionCode, provinceCode));
  return r?.monthly ?? false;
}

export async function setMonthly(db: DbOrTx, provinceCode: string, monthly: boolean, userId: string) {
  await db
    .insert(returnSettings)
    .values({ regionCode: provinceCode, monthly, updatedBy: userId })
    .onConflictDoUpdate({ target: returnSettings.regionCode, set: { monthly, updatedBy: userId, updatedAt: new Date() } });
}

/**
 * Marks the round's returns not yet handed in (drafts not missed, returned ones) as reminded at
 * `daysBefore`, skipping those already reminded at it, while the due date is still ahead; the rows
 * marked now, with their operators. One statement, so a rerun or a twin job reminds no one twice.
 */
export function markReminded(db: DbOrTx, callId: string, daysBefore: number, now: Date) {
  return db
    .update(returnValues)
    .set({ reminded: sql`array_append(${returnValues.reminded}, ${daysBefore}::integer)` })
    .from(applications)
    .where(
      and(
        eq(applications.id, returnValues.submissionId),
        eq(returnValues.callId, callId),
        sql`not (${daysBefore}::integer = any(${returnValues.reminded}))`,
        sql`((${applications.status} = 'draft' and ${returnValues.missedAt} is null) or ${applications.status} = 'returned')`,
        sql`exists (select 1 from ${calls} where ${calls.id} = ${callId} and ${calls.closesAt} > ${now})`,
      ),
    )
    .returning({ submissionId: returnValues.submissionId, operatorOrgId: applications.operatorOrgId });
}

export async function setCoverFile(db: DbOrTx, submissionId: string, fileId: string) {
  await db.update(returnValues).set({ coverFileId: fileId }).where(eq(returnValues.submissionId, submissionId));
}

/**
 * One numeric indicator of a round's accepted returns within a jurisdiction, summed by the space's
 * region in stored units; an empty figure counts as no figure, not as zero.
 */
export function sumsByRegion(db: DbOrTx, callId: string, jurisdictionPath: string, code: string) {
  const figure = sql`(${returnValues.values} ->> ${code})::numeric`;
  return db
    .select({
      regionCode: regions.code,
      regionName: regions.name,
      returns: sql<number>`count(*)::int`,
      reported: sql<number>`count(${figure})::int`,
      total: sql<string | null>`sum(${figure})`,
    })
    .from(returnValues)
    .innerJoin(spaces, eq(spaces.id, returnValues.spaceId))
    .innerJoin(regions, eq(regions.code, spaces.regionCode))
    .where(acceptedWhere(callId, jurisdictionPath))
    .groupBy(regions.code, regions.name)
    .orderBy(regions.code);
}

/** A space's returns of every round with their state and values, newest period first (its timeline). */
export function returnsOfSpace(db: DbOrTx, spaceId: string) {
  return db
    .select({
      submissionId: returnValues.submissionId,
      title: calls.title,
      cadence: returnRounds.cadence,
      period: returnRounds.period,
      dueAt: calls.closesAt,
      status: applications.status,
      submittedAt: applications.submittedAt,
      acceptedAt: returnValues.acceptedAt,
      missedAt: returnValues.missedAt,
      values: returnValues.values,
    })
    .from(returnValues)
    .innerJoin(returnRounds, eq(returnRounds.callId, returnValues.callId))
    .innerJoin(calls, eq(calls.id, returnValues.callId))
    .innerJoin(applications, eq(applications.id, returnValues.submissionId))
    .where(eq(returnValues.spaceId, spaceId))
    .orderBy(desc(returnRounds.periodStart));
}
