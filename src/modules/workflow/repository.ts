import { and, asc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { PgSelect } from 'drizzle-orm/pg-core';
import type { DbOrTx, Tx } from '../../db/client.ts';
import { orderBy, type Sort } from '../../shared/http/sorting.ts';
import { users } from '../identity/schema.ts';
import { organisations } from '../orgs/schema.ts';
import { regions } from '../regions/schema.ts';
import { spaces } from '../spaces/schema.ts';
import { applicationEvents, applications, submissionRounds, type ApplicationStatus } from './schema.ts';

/** The kernel's SQL: the submission rows' state and their history. */
export type SubmissionRow = typeof applications.$inferSelect;
export type NewSubmission = typeof applications.$inferInsert;
export type EventRow = typeof applicationEvents.$inferSelect;

export async function insert(db: DbOrTx, row: NewSubmission): Promise<SubmissionRow> {
  const [r] = await db.insert(applications).values(row).returning();
  return r!;
}

export async function findById(db: DbOrTx, id: string): Promise<SubmissionRow | undefined> {
  const [r] = await db.select().from(applications).where(eq(applications.id, id));
  return r;
}

/** Many rows in one query (order not kept). */
export function findByIds(db: DbOrTx, ids: readonly string[]): Promise<SubmissionRow[]> {
  if (!ids.length) return Promise.resolve([]);
  return db.select().from(applications).where(inArray(applications.id, [...ids]));
}

/** Locks the row for the rest of the transaction, so concurrent transitions and attachment changes queue. */
export async function lockById(tx: Tx, id: string): Promise<SubmissionRow | undefined> {
  const [r] = await tx.select().from(applications).where(eq(applications.id, id)).for('update');
  return r;
}

/** The ids of a call's submissions at one of `stageKeys` in one of `statuses`, oldest entry first. */
export async function idsAtStages(db: DbOrTx, callId: string, stageKeys: readonly string[], statuses: readonly ApplicationStatus[]): Promise<string[]> {
  if (!stageKeys.length) return [];
  const rows = await db
    .select({ id: applications.id })
    .from(applications)
    .where(and(eq(applications.callId, callId), inArray(applications.stageKey, [...stageKeys]), inArray(applications.status, [...statuses])))
    .orderBy(asc(applications.stageEnteredAt), asc(applications.id));
  return rows.map((r) => r.id);
}

/** A call's submissions at some of its stages, for spaces at or below a jurisdiction (a stage's worklist). */
export interface AtStages {
  callId: string;
  stageKeys: readonly string[];
  statuses: readonly ApplicationStatus[];
  jurisdictionPath: string;
}

/** The columns a stage's worklist (decision and notice candidates) sorts by. */
export const AT_STAGES_SORTS = ['space', 'operator', 'region', 'enteredAt', 'dueAt'] as const;
export type AtStagesSort = Sort<(typeof AT_STAGES_SORTS)[number]>;
const AT_STAGES_COLUMN = { space: spaces.name, operator: organisations.name, region: regions.path, enteredAt: applications.stageEnteredAt, dueAt: applications.stageDueAt };

/** Spaces' regions at or below `jurisdictionPath` (over a join with `regions`). */
export const regionUnder = (jurisdictionPath: string): SQL => or(eq(regions.path, jurisdictionPath), sql`${regions.path} like ${`${jurisdictionPath}/%`}`)!;

/** The WHERE of `AtStages` over applications joined with their space's region; SQL other modules' repositories join on too. */
export function atStagesWhere(f: AtStages): SQL {
  return and(
    eq(applications.callId, f.callId),
    inArray(applications.stageKey, f.stageKeys.length ? [...f.stageKeys] : ['']),
    inArray(applications.status, [...f.statuses]),
    regionUnder(f.jurisdictionPath),
  )!;
}

/** Submissions with their space and the space's region (for scope, sort and names). */
const onSpaces = <T extends PgSelect>(qb: T) => qb.innerJoin(spaces, eq(spaces.id, applications.spaceId)).innerJoin(regions, eq(regions.code, spaces.regionCode));

/**
 * One page of `AtStages` in the asked order (oldest stage entry first without one) and the size of
 * the whole set: two statements whatever the page size; the rows' facts are read for the page only.
 */
export async function pageAtStages(db: DbOrTx, f: AtStages, sort: AtStagesSort, page: number, pageSize: number): Promise<{ ids: string[]; total: number }> {
  const where = atStagesWhere(f);
  const [rows, [count]] = await Promise.all([
    onSpaces(db.select({ id: applications.id }).from(applications).$dynamic())
      .innerJoin(organisations, eq(organisations.id, spaces.operatorOrgId))
      .where(where)
      .orderBy(...orderBy(AT_STAGES_COLUMN, sort, [sql`${applications.stageEnteredAt} asc nulls last`], applications.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    onSpaces(db.select({ n: sql<number>`count(*)::int` }).from(applications).$dynamic()).where(where),
  ]);
  return { ids: rows.map((r) => r.id), total: count?.n ?? 0 };
}

/** Every id of `AtStages`, oldest stage entry first: what an "all matching" action works on. */
export async function idsAtStagesUnder(db: DbOrTx, f: AtStages): Promise<string[]> {
  const rows = await onSpaces(db.select({ id: applications.id }).from(applications).$dynamic())
    .where(atStagesWhere(f))
    .orderBy(sql`${applications.stageEnteredAt} asc nulls last`, asc(applications.id));
  return rows.map((r) => r.id);
}

/**
 * Changes the row only while it is still at `revision` and in one of `statuses`, bumping the
 * revision; returns the new row, or undefined when someone got there first.
 */
export async function updateIf(
  db: DbOrTx,
  id: string,
  expect: { revision: number; statuses: readonly ApplicationStatus[] },
  patch: Partial<NewSubmission>,
): Promise<SubmissionRow | undefined> {
  const [r] = await db
    .update(applications)
    .set({ ...patch, revision: sql`${applications.revision} + 1`, updatedAt: new Date() })
    .where(and(eq(applications.id, id), eq(applications.revision, expect.revision), inArray(applications.status, [...expect.statuses])))
    .returning();
  return r;
}

/** Changes the state columns while the row is in one of `statuses`, leaving the revision alone (moves that keep the state). */
export async function updateStateIf(db: DbOrTx, id: string, expect: { statuses: readonly ApplicationStatus[] }, patch: Partial<NewSubmission>): Promise<SubmissionRow | undefined> {
  const [r] = await db
    .update(applications)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(applications.id, id), inArray(applications.status, [...expect.statuses])))
    .returning();
  return r;
}

/** Changes fields that are no part of the payload (extension, commitment) without touching the revision. */
/** Returns the row as updated (undefined when there is none). */
export async function setMeta(db: DbOrTx, id: string, patch: Pick<Partial<NewSubmission>, 'deadlineExtendedUntil' | 'resubmitDueAt' | 'commitmentConfirmedAt' | 'commitmentConfirmedBy'>): Promise<SubmissionRow | undefined> {
  const [row] = await db.update(applications).set({ ...patch, updatedAt: new Date() }).where(eq(applications.id, id)).returning();
  return row;
}

export async function insertEvent(db: DbOrTx, row: typeof applicationEvents.$inferInsert): Promise<void> {
  await db.insert(applicationEvents).values(row);
}

export function events(db: DbOrTx, submissionId: string): Promise<EventRow[]> {
  return db.select().from(applicationEvents).where(eq(applicationEvents.applicationId, submissionId)).orderBy(asc(applicationEvents.at), asc(applicationEvents.id));
}

/** A submission's history with who acted (their name and organisation; none for the system), oldest first: one statement. */
export function timeline(db: DbOrTx, submissionId: string) {
  return db
    .select({
      at: applicationEvents.at,
      action: applicationEvents.action,
      fromStatus: applicationEvents.fromStatus,
      toStatus: applicationEvents.toStatus,
      note: applicationEvents.note,
      detail: applicationEvents.detail,
      actorName: users.displayName,
      actorOrgName: organisations.name,
    })
    .from(applicationEvents)
    .leftJoin(users, eq(users.id, applicationEvents.actorUserId))
    .leftJoin(organisations, eq(organisations.id, users.orgId))
    .where(eq(applicationEvents.applicationId, submissionId))
    .orderBy(asc(applicationEvents.at), asc(applicationEvents.id));
}

export type TimelineRow = Awaited<ReturnType<typeof timeline>>[number];

export async function insertRound(db: DbOrTx, row: typeof submissionRounds.$inferInsert): Promise<void> {
  await db.insert(submissionRounds).values(row);
}
