import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.ts';
import { users } from '../identity/schema.ts';
import { organisations } from '../orgs/schema.ts';
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
export async function setMeta(db: DbOrTx, id: string, patch: Pick<Partial<NewSubmission>, 'deadlineExtendedUntil' | 'resubmitDueAt' | 'commitmentConfirmedAt' | 'commitmentConfirmedBy'>) {
  await db.update(applications).set({ ...patch, updatedAt: new Date() }).where(eq(applications.id, id));
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
