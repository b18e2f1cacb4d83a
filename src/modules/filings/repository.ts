import { and, asc, desc, eq, exists, inArray, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import { orderBy, type Sort } from '../../shared/http/sorting.ts';
import type { PgSelect } from 'drizzle-orm/pg-core';
import { preparedFor, sortShape, type DbOrTx, type Tx } from '../../db/client.ts';
import { organisations } from '../orgs/schema.ts';
import { regions } from '../regions/schema.ts';
import { spaces } from '../spaces/schema.ts';
import { atStagesWhere, regionUnder } from '../workflow/index.ts';
import { applications } from '../workflow/schema.ts';
import { decisions, filingListEntries, filingLists, filings } from './schema.ts';

export type DecisionRow = typeof decisions.$inferSelect;
export type FilingListRow = typeof filingLists.$inferSelect;
export type EntryRow = typeof filingListEntries.$inferSelect;
export type FilingRow = typeof filings.$inferSelect;
export type Level = FilingRow['level'];
/** The kinds of submission whose released lists the public sees: 备案名单 and 推荐名单 of filings, 撤销名单 of revocations. */
export const PUBLIC_LIST_KINDS = ['filing', 'revocation'] as const;
export type PublicListKind = (typeof PUBLIC_LIST_KINDS)[number];

// Decisions

export async function insertDecision(db: DbOrTx, row: typeof decisions.$inferInsert): Promise<DecisionRow> {
  const [r] = await db.insert(decisions).values(row).returning();
  return r!;
}

export async function findDecision(db: DbOrTx, id: string): Promise<DecisionRow | undefined> {
  const [r] = await db.select().from(decisions).where(eq(decisions.id, id));
  return r;
}

/** Locks the decisions for the rest of the transaction: a concurrent release or reversal queues behind. */
export function lockDecisions(tx: Tx, ids: string[]): Promise<DecisionRow[]> {
  return tx.select().from(decisions).where(inArray(decisions.id, ids)).orderBy(asc(decisions.id)).for('update');
}

/** Changes a decision only while it is still pending; undefined when it was released or withdrawn meanwhile. */
export async function updatePending(db: DbOrTx, id: string, patch: Pick<typeof decisions.$inferInsert, 'outcome' | 'reason' | 'checklist' | 'decidedBy' | 'decidedAt'>) {
  const [r] = await db.update(decisions).set(patch).where(and(eq(decisions.id, id), eq(decisions.status, 'pending'))).returning();
  return r;
}

export async function deletePending(db: DbOrTx, id: string): Promise<DecisionRow | undefined> {
  const [r] = await db.delete(decisions).where(and(eq(decisions.id, id), eq(decisions.status, 'pending'))).returning();
  return r;
}

export async function markReleased(db: DbOrTx, ids: string[], listId: string, at: Date) {
  await db.update(decisions).set({ status: 'released', listId, releasedAt: at }).where(inArray(decisions.id, ids));
}

export async function supersede(db: DbOrTx, id: string, by: string) {
  await db.update(decisions).set({ status: 'superseded', supersededBy: by }).where(eq(decisions.id, id));
}

/** Supersedes the application's released decisions by nothing (an acceptance withdrawn); returns them. */
export function withdrawReleased(db: DbOrTx, applicationId: string): Promise<DecisionRow[]> {
  return db
    .update(decisions)
    .set({ status: 'superseded' })
    .where(and(eq(decisions.applicationId, applicationId), eq(decisions.status, 'released')))
    .returning();
}

/** Decisions at `stageKey` on the given applications (pending ones) or lists (released ones). */
export function decisionsWhere(db: DbOrTx, where: { stageKey: string; applicationIds?: string[]; listIds?: string[]; statuses: DecisionRow['status'][] }): Promise<DecisionRow[]> {
  const scope = where.applicationIds ? inArray(decisions.applicationId, where.applicationIds) : inArray(decisions.listId, where.listIds ?? []);
  return db
    .select()
    .from(decisions)
    .where(and(eq(decisions.stageKey, where.stageKey), inArray(decisions.status, where.statuses), scope))
    .orderBy(desc(decisions.decidedAt), asc(decisions.id));
}

/** A decision stage of a call, for the spaces at or below a jurisdiction. */
export interface StageScope {
  callId: string;
  stageKey: string;
  jurisdictionPath: string;
}

/** Decisions with their application, its space and the space's region (for scope, sort and names). */
const onSpaces = <T extends PgSelect>(qb: T) =>
  qb
    .innerJoin(applications, eq(applications.id, decisions.applicationId))
    .innerJoin(spaces, eq(spaces.id, applications.spaceId))
    .innerJoin(regions, eq(regions.code, spaces.regionCode));

/**
 * Pending decisions on the applications waiting at the stage: what a release of "all" publishes. The
 * decisions come by their own call and stage, their application by id only for the pending ones.
 */
const pendingAtStage = (f: StageScope): SQL =>
  and(
    eq(decisions.callId, f.callId),
    eq(decisions.stageKey, f.stageKey),
    eq(decisions.status, 'pending'),
    atStagesWhere({ callId: f.callId, stageKeys: [f.stageKey], statuses: ['in_review'], jurisdictionPath: f.jurisdictionPath }),
  )!;

/** How many decisions a release of "all" would publish now. */
export async function countPendingAtStage(db: DbOrTx, f: StageScope): Promise<number> {
  const [r] = await onSpaces(db.select({ n: sql<number>`count(*)::int` }).from(decisions).$dynamic()).where(pendingAtStage(f));
  return r?.n ?? 0;
}

/** The pending decisions of the stage, locked for the release's transaction (like `lockDecisions`). */
export async function lockPendingAtStage(tx: Tx, f: StageScope): Promise<DecisionRow[]> {
  const rows = await onSpaces(tx.select({ decision: decisions }).from(decisions).$dynamic())
    .where(pendingAtStage(f))
    .orderBy(asc(decisions.id))
    .for('update', { of: decisions });
  return rows.map((r) => r.decision);
}

/** The columns a stage's decisions sort by. */
export const DECISION_SORTS = ['space', 'operator', 'region', 'outcome', 'status', 'decidedAt', 'releasedAt'] as const;
export type DecisionSort = Sort<(typeof DECISION_SORTS)[number]>;
const DECISION_SORT_COLUMN = {
  space: spaces.name,
  operator: organisations.name,
  region: regions.path,
  outcome: decisions.outcome,
  status: decisions.status,
  decidedAt: decisions.decidedAt,
  releasedAt: decisions.releasedAt,
};

/**
 * One page of a stage's decisions (pending ones on the applications still waiting there, released
 * and superseded ones on its lists), newest release first without a sort, with their space and
 * operator, and how many match: two statements whatever the page size. Both read the call's stage's
 * decisions from `decisions_call_stage_idx` and their spaces by the decision's own `space_id`; an
 * application is read, by id, only for a pending decision (is it still waiting at the stage?).
 */
export async function decisionsPage(db: DbOrTx, f: StageScope & { statuses: DecisionRow['status'][] }, sort: DecisionSort, page: number, pageSize: number) {
  const published = f.statuses.filter((st) => st !== 'pending');
  // The call, though implied by the id, bounds the form PostgreSQL may choose instead of a lookup per
  // pending decision: one hash of the applications waiting at the stage, which without it would be
  // those of every call (`applications_stage_idx` is keyed by call first).
  const stillWaiting = db
    .select({ one: sql`1` })
    .from(applications)
    .where(and(eq(applications.id, decisions.applicationId), eq(applications.callId, f.callId), eq(applications.stageKey, f.stageKey), eq(applications.status, 'in_review')));
  const where = and(
    eq(decisions.callId, f.callId),
    eq(decisions.stageKey, f.stageKey),
    regionUnder(f.jurisdictionPath),
    or(
      f.statuses.includes('pending') ? and(eq(decisions.status, 'pending'), exists(stillWaiting)) : undefined,
      published.length ? and(inArray(decisions.status, published), isNotNull(decisions.listId)) : undefined,
    ),
  );
  const ofSpaces = <T extends PgSelect>(qb: T) => qb.innerJoin(spaces, eq(spaces.id, decisions.spaceId)).innerJoin(regions, eq(regions.code, spaces.regionCode));
  const [items, [count]] = await Promise.all([
    ofSpaces(db.select({ decision: decisions, space: { id: spaces.id, name: spaces.name, regionName: regions.name }, operator: { id: organisations.id, name: organisations.name } }).from(decisions).$dynamic())
      .innerJoin(organisations, eq(organisations.id, spaces.operatorOrgId))
      .where(where)
      .orderBy(...orderBy(DECISION_SORT_COLUMN, sort, [sql`${decisions.releasedAt} desc nulls first`, desc(decisions.decidedAt)], decisions.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    ofSpaces(db.select({ n: sql<number>`count(*)::int` }).from(decisions).$dynamic()).where(where),
  ]);
  return { items, total: count?.n ?? 0 };
}

// Lists and entries

export async function insertList(db: DbOrTx, row: typeof filingLists.$inferInsert): Promise<FilingListRow> {
  const [r] = await db.insert(filingLists).values(row).returning();
  return r!;
}

export async function findList(db: DbOrTx, id: string): Promise<FilingListRow | undefined> {
  const [r] = await db.select().from(filingLists).where(eq(filingLists.id, id));
  return r;
}

export function listsOfStage(db: DbOrTx, callId: string, stageKey: string): Promise<FilingListRow[]> {
  return db.select().from(filingLists).where(and(eq(filingLists.callId, callId), eq(filingLists.stageKey, stageKey)));
}

/** The columns the published lists sort by. */
export const LIST_SORTS = ['title', 'level', 'issuedOn', 'entries'] as const;
export type ListSort = Sort<(typeof LIST_SORTS)[number]>;
const LIST_SORT_COLUMN = { title: filingLists.title, level: filingLists.level, issuedOn: filingLists.issuedOn, entries: filingLists.entryCount };

/**
 * Published lists of filing calls that name at least one space (a release of rejections only
 * publishes no list), in the asked order (newest first without one), with how many spaces each
 * names. The results of other kinds (an approved change report, an accepted statistics return) are
 * released the same way but are no 备案名单 or 推荐名单, so the public lists leave them out. The
 * 撤销名单 are the released lists of revocations (`callKind: 'revocation'`).
 */
export async function publishedLists(db: DbOrTx, filter: { level?: Level | undefined; callKind: PublicListKind }, sort: ListSort, page: number, pageSize: number) {
  const statements = preparedFor(db, `filing_lists_public_${filter.level ? 'l' : 'all'}_${sortShape(sort)}`, (name) => {
    // Written as the partial index `filing_lists_public_idx` is: the kept call kind and entry count.
    const where = and(eq(filingLists.callKind, sql.placeholder('callKind')), sql`${filingLists.entryCount} > 0`, filter.level ? eq(filingLists.level, sql.placeholder('level')) : undefined);
    // The publishing authority's name in the same statement, not one lookup per row of the page.
    const authorityName = sql<string>`coalesce((select o.name from organisations o where o.id = ${filingLists.authorityOrgId}), '')`;
    return {
      items: db
        .select({ list: filingLists, entries: filingLists.entryCount, authorityName })
        .from(filingLists)
        .where(where)
        .orderBy(...orderBy(LIST_SORT_COLUMN, sort, [desc(filingLists.issuedOn), desc(filingLists.publishedAt), desc(filingLists.id)], filingLists.id))
        .limit(sql.placeholder('limit'))
        .offset(sql.placeholder('offset'))
        .prepare(name),
      count: db.select({ n: sql<number>`count(*)::int` }).from(filingLists).where(where).prepare(`${name}_n`),
    };
  });
  const params = { level: filter.level, callKind: filter.callKind, limit: pageSize, offset: (page - 1) * pageSize };
  const [items, [count]] = await Promise.all([statements.items.execute(params), statements.count.execute(params)]);
  return { items, total: count?.n ?? 0 };
}

export function entriesOf(db: DbOrTx, listId: string): Promise<EntryRow[]> {
  return db.select().from(filingListEntries).where(eq(filingListEntries.listId, listId)).orderBy(asc(filingListEntries.regionName), asc(filingListEntries.spaceName));
}

export async function entryOn(db: DbOrTx, listId: string, applicationId: string): Promise<EntryRow | undefined> {
  const [r] = await db.select().from(filingListEntries).where(and(eq(filingListEntries.listId, listId), eq(filingListEntries.applicationId, applicationId)));
  return r;
}

export async function insertEntry(db: DbOrTx, row: typeof filingListEntries.$inferInsert) {
  await db.insert(filingListEntries).values(row);
}

export async function setEntry(db: DbOrTx, id: string, patch: Pick<EntryRow, 'status' | 'removedReason' | 'changedAt'>) {
  await db.update(filingListEntries).set(patch).where(eq(filingListEntries.id, id));
}

/** Marks the application's listed entries (on every list) removed with `reason`; returns them. */
export function removeListedEntries(db: DbOrTx, applicationId: string, reason: string, at: Date): Promise<EntryRow[]> {
  return db
    .update(filingListEntries)
    .set({ status: 'removed', removedReason: reason, changedAt: at })
    .where(and(eq(filingListEntries.applicationId, applicationId), eq(filingListEntries.status, 'listed')))
    .returning();
}

// Filings

export async function activeFiling(db: DbOrTx, spaceId: string, level: Level): Promise<FilingRow | undefined> {
  const [r] = await db.select().from(filings).where(and(eq(filings.spaceId, spaceId), eq(filings.level, level), eq(filings.status, 'active')));
  return r;
}

export async function insertFiling(db: DbOrTx, row: typeof filings.$inferInsert) {
  await db.insert(filings).values(row);
}

/** Cancels the application's active filings; returns the cancelled rows. */
export function cancelActiveFilings(db: DbOrTx, applicationId: string, reason: string, at: Date): Promise<FilingRow[]> {
  return db
    .update(filings)
    .set({ status: 'cancelled', cancelledReason: reason, cancelledAt: at })
    .where(and(eq(filings.applicationId, applicationId), eq(filings.status, 'active')))
    .returning();
}

/** Cancels one active filing; undefined when it was not active. */
export async function cancelFiling(db: DbOrTx, id: string, reason: string, at: Date): Promise<FilingRow | undefined> {
  const [r] = await db.update(filings).set({ status: 'cancelled', cancelledReason: reason, cancelledAt: at }).where(and(eq(filings.id, id), eq(filings.status, 'active'))).returning();
  return r;
}

export async function findFiling(db: DbOrTx, id: string): Promise<FilingRow | undefined> {
  const [r] = await db.select().from(filings).where(eq(filings.id, id));
  return r;
}

export async function reactivateFiling(db: DbOrTx, id: string) {
  await db.update(filings).set({ status: 'active', cancelledReason: null, cancelledAt: null }).where(eq(filings.id, id));
}

/** The application's entry on one list set to a state (struck out or listed again). */
export async function setEntriesOfList(db: DbOrTx, applicationId: string, listId: string, patch: Pick<EntryRow, 'status' | 'removedReason' | 'changedAt'>) {
  await db.update(filingListEntries).set(patch).where(and(eq(filingListEntries.applicationId, applicationId), eq(filingListEntries.listId, listId)));
}

/** A space's active filings. */
export function activeFilingsOf(db: DbOrTx, spaceId: string): Promise<FilingRow[]> {
  return db.select().from(filings).where(and(eq(filings.spaceId, spaceId), eq(filings.status, 'active')));
}

/**
 * Each filed space's latest active filing with the dossier it was granted on (`basic_info`: the
 * filed floor area, address…), one row per space — a space filed at several levels counts by its
 * newest filing. A relation for other modules' statements (SQL, not a query), so a set of spaces
 * reads its filed facts in a join instead of a lookup per space.
 */
export const latestActiveFilings = sql`(select distinct on (f.space_id) f.space_id, f.id as filing_id, f.level, f.filed_at, a.basic_info
    from ${filings} f join ${applications} a on a.id = f.application_id
   where f.status = 'active'
   order by f.space_id, f.filed_at desc, f.id)`;

/** A space's filings, newest first, with the list that gave each. */
export function filingsOfSpace(db: DbOrTx, spaceId: string) {
  return db
    .select({ filing: filings, list: { id: filingLists.id, title: filingLists.title, documentNumber: filingLists.documentNumber, issuedOn: filingLists.issuedOn } })
    .from(filings)
    .innerJoin(filingLists, eq(filingLists.id, filings.listId))
    .where(eq(filings.spaceId, spaceId))
    .orderBy(desc(filings.filedAt));
}

/** Of `spaceIds`, those holding an active filing at `level`. */
export async function spacesFiledAt(db: DbOrTx, spaceIds: readonly string[], level: Level): Promise<Set<string>> {
  if (!spaceIds.length) return new Set();
  const rows = await db
    .select({ spaceId: filings.spaceId })
    .from(filings)
    .where(and(inArray(filings.spaceId, [...spaceIds]), eq(filings.level, level), eq(filings.status, 'active')));
  return new Set(rows.map((r) => r.spaceId));
}

/** The active filings of the spaces with the published list each was granted on (public facts). One statement. */
export function publicFilingsOf(db: DbOrTx, spaceIds: readonly string[]) {
  if (!spaceIds.length) return Promise.resolve([]);
  return db
    .select({
      spaceId: filings.spaceId,
      level: filings.level,
      filedAt: filings.filedAt,
      list: { id: filingLists.id, title: filingLists.title, documentNumber: filingLists.documentNumber, issuedOn: filingLists.issuedOn },
    })
    .from(filings)
    .innerJoin(filingLists, eq(filingLists.id, filings.listId))
    .where(and(inArray(filings.spaceId, [...spaceIds]), eq(filings.status, 'active')))
    .orderBy(filings.spaceId, desc(filings.filedAt));
}
