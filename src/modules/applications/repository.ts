import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.ts';
import { applicationAttachments, applicationEvents, applicationRounds, applications, type ApplicationStatus } from './schema.ts';

export type ApplicationRow = typeof applications.$inferSelect;
export type AttachmentRow = typeof applicationAttachments.$inferSelect;
export type EventRow = typeof applicationEvents.$inferSelect;
export type RoundRow = typeof applicationRounds.$inferSelect;

export async function insert(db: DbOrTx, row: typeof applications.$inferInsert): Promise<ApplicationRow> {
  const [r] = await db.insert(applications).values(row).returning();
  return r!;
}

export async function findById(db: DbOrTx, id: string): Promise<ApplicationRow | undefined> {
  const [r] = await db.select().from(applications).where(eq(applications.id, id));
  return r;
}

/** Locks the row for the rest of the transaction, so concurrent transitions and attachment changes queue. */
export async function lockById(tx: Tx, id: string): Promise<ApplicationRow | undefined> {
  const [r] = await tx.select().from(applications).where(eq(applications.id, id)).for('update');
  return r;
}

export async function listByOperator(db: DbOrTx, operatorOrgId: string, page: number, pageSize: number) {
  const where = eq(applications.operatorOrgId, operatorOrgId);
  const [items, [count]] = await Promise.all([
    db.select().from(applications).where(where).orderBy(desc(applications.updatedAt), desc(applications.id)).limit(pageSize).offset((page - 1) * pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(applications).where(where),
  ]);
  return { items, total: count?.n ?? 0 };
}

/** The ids of a call's applications at one of `stageKeys` in one of `statuses`, oldest entry first. */
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
  patch: Partial<typeof applications.$inferInsert>,
): Promise<ApplicationRow | undefined> {
  const [r] = await db
    .update(applications)
    .set({ ...patch, revision: sql`${applications.revision} + 1`, updatedAt: new Date() })
    .where(and(eq(applications.id, id), eq(applications.revision, expect.revision), inArray(applications.status, [...expect.statuses])))
    .returning();
  return r;
}

/** Changes fields that are no part of the dossier (extension, commitment) without touching the revision. */
export async function setMeta(db: DbOrTx, id: string, patch: Pick<Partial<typeof applications.$inferInsert>, 'deadlineExtendedUntil' | 'resubmitDueAt' | 'commitmentConfirmedAt' | 'commitmentConfirmedBy'>) {
  await db.update(applications).set({ ...patch, updatedAt: new Date() }).where(eq(applications.id, id));
}

export async function insertAttachment(db: DbOrTx, row: typeof applicationAttachments.$inferInsert): Promise<AttachmentRow> {
  const [r] = await db.insert(applicationAttachments).values(row).returning();
  return r!;
}

export function attachments(db: DbOrTx, applicationId: string): Promise<AttachmentRow[]> {
  return db
    .select()
    .from(applicationAttachments)
    .where(eq(applicationAttachments.applicationId, applicationId))
    .orderBy(asc(applicationAttachments.slotKey), asc(applicationAttachments.addedAt), asc(applicationAttachments.id));
}

export async function deleteAttachment(db: DbOrTx, applicationId: string, attachmentId: string): Promise<AttachmentRow | undefined> {
  const [r] = await db
    .delete(applicationAttachments)
    .where(and(eq(applicationAttachments.id, attachmentId), eq(applicationAttachments.applicationId, applicationId)))
    .returning();
  return r;
}

export async function insertEvent(db: DbOrTx, row: typeof applicationEvents.$inferInsert): Promise<void> {
  await db.insert(applicationEvents).values(row);
}

export function events(db: DbOrTx, applicationId: string): Promise<EventRow[]> {
  return db.select().from(applicationEvents).where(eq(applicationEvents.applicationId, applicationId)).orderBy(asc(applicationEvents.at), asc(applicationEvents.id));
}

export async function insertRound(db: DbOrTx, row: typeof applicationRounds.$inferInsert): Promise<void> {
  await db.insert(applicationRounds).values(row);
}

export function rounds(db: DbOrTx, applicationId: string): Promise<RoundRow[]> {
  return db.select().from(applicationRounds).where(eq(applicationRounds.applicationId, applicationId)).orderBy(asc(applicationRounds.round));
}
