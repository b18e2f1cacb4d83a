import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { orderBy, type Sort } from '../../shared/http/sorting.ts';
import { calls } from '../calls/schema.ts';
import { spaces } from '../spaces/schema.ts';
import { applications } from '../workflow/schema.ts';
import { applicationAttachments, applicationRounds } from './schema.ts';

export type AttachmentRow = typeof applicationAttachments.$inferSelect;
export type RoundRow = typeof applicationRounds.$inferSelect;

/** The columns a list of applications sorts by; the names are read in the same statement. */
export const APPLICATION_SORTS = ['space', 'call', 'status', 'submittedAt', 'updatedAt'] as const;
export type ApplicationSort = Sort<(typeof APPLICATION_SORTS)[number]>;
const SORT_COLUMN = {
  space: sql`(select ${spaces.name} from ${spaces} where ${spaces.id} = ${applications.spaceId})`,
  call: sql`(select ${calls.title} from ${calls} where ${calls.id} = ${applications.callId})`,
  status: applications.status,
  submittedAt: applications.submittedAt,
  updatedAt: applications.updatedAt,
};
/** The asked sort, else the latest change first. */
const listOrder = (sort: ApplicationSort) => orderBy(SORT_COLUMN, sort, [desc(applications.updatedAt)], applications.id);

export async function listByOperator(db: DbOrTx, operatorOrgId: string, sort: ApplicationSort, page: number, pageSize: number) {
  // The filing dossiers only: the operator's statistics returns are listed by the returns module.
  const where = and(eq(applications.operatorOrgId, operatorOrgId), eq(applications.kind, 'filing'));
  const [items, [count]] = await Promise.all([
    db.select().from(applications).where(where).orderBy(...listOrder(sort)).limit(pageSize).offset((page - 1) * pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(applications).where(where),
  ]);
  return { items, total: count?.n ?? 0 };
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

export async function insertRound(db: DbOrTx, row: typeof applicationRounds.$inferInsert): Promise<void> {
  await db.insert(applicationRounds).values(row);
}

export function rounds(db: DbOrTx, applicationId: string): Promise<RoundRow[]> {
  return db.select().from(applicationRounds).where(eq(applicationRounds.applicationId, applicationId)).orderBy(asc(applicationRounds.round));
}

/** How many of a call's applications are in each state (one grouped query). */
export function countByStatusOfCall(db: DbOrTx, callId: string) {
  return db
    .select({ status: applications.status, n: sql<number>`count(*)::int` })
    .from(applications)
    .where(eq(applications.callId, callId))
    .groupBy(applications.status);
}

/** One page of a call's applications, optionally in one state, in the asked order (the latest change first without one). */
export async function pageOfCall(db: DbOrTx, callId: string, status: (typeof applications.$inferSelect)['status'] | undefined, sort: ApplicationSort, page: number, pageSize: number) {
  const where = and(eq(applications.callId, callId), status ? eq(applications.status, status) : undefined);
  const [items, [count]] = await Promise.all([
    db.select().from(applications).where(where).orderBy(...listOrder(sort)).limit(pageSize).offset((page - 1) * pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(applications).where(where),
  ]);
  return { items, total: count?.n ?? 0 };
}
