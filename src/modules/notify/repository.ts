import { and, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { mailOutbox, notifications } from './schema.ts';

export type MailRow = typeof mailOutbox.$inferSelect;
export type MailStatus = MailRow['status'];
export type NotificationRow = typeof notifications.$inferSelect;

export interface Page {
  page: number;
  pageSize: number;
}

export async function insertMail(db: DbOrTx, row: typeof mailOutbox.$inferInsert): Promise<MailRow> {
  const [created] = await db.insert(mailOutbox).values(row).returning();
  return created!;
}

export async function findMail(db: DbOrTx, id: string): Promise<MailRow | undefined> {
  const [row] = await db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
  return row;
}

export async function setMailStatus(db: DbOrTx, id: string, status: MailStatus): Promise<void> {
  await db.update(mailOutbox).set({ status }).where(eq(mailOutbox.id, id));
}

export async function markMailSent(db: DbOrTx, id: string, at: Date): Promise<void> {
  await db
    .update(mailOutbox)
    .set({ status: 'sent', sentAt: at, attempts: sql`${mailOutbox.attempts} + 1`, lastError: null })
    .where(eq(mailOutbox.id, id));
}

export async function recordMailFailure(db: DbOrTx, id: string, error: string, final: boolean): Promise<void> {
  await db
    .update(mailOutbox)
    .set({ attempts: sql`${mailOutbox.attempts} + 1`, lastError: error, ...(final ? { status: 'failed' as const } : {}) })
    .where(eq(mailOutbox.id, id));
}

/** Held mail back to queued. */
export async function releaseHeldMail(db: DbOrTx): Promise<void> {
  await db.update(mailOutbox).set({ status: 'queued' }).where(eq(mailOutbox.status, 'held'));
}

export async function queuedMailIds(db: DbOrTx): Promise<string[]> {
  const rows = await db.select({ id: mailOutbox.id }).from(mailOutbox).where(eq(mailOutbox.status, 'queued'));
  return rows.map((r) => r.id);
}

export async function listMail(db: DbOrTx, filter: Page & { status?: MailStatus | undefined }) {
  const where = filter.status ? eq(mailOutbox.status, filter.status) : undefined;
  const items = await db
    .select()
    .from(mailOutbox)
    .where(where)
    .orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id))
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize);
  const [total] = await db.select({ n: count() }).from(mailOutbox).where(where);
  return { items, total: total?.n ?? 0 };
}

export async function insertNotifications(db: DbOrTx, rows: (typeof notifications.$inferInsert)[]): Promise<void> {
  if (rows.length) await db.insert(notifications).values(rows);
}

export async function listNotifications(db: DbOrTx, userId: string, filter: Page & { unreadOnly: boolean }) {
  const where = and(eq(notifications.userId, userId), filter.unreadOnly ? isNull(notifications.readAt) : undefined);
  const items = await db
    .select()
    .from(notifications)
    .where(where)
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize);
  const [total] = await db.select({ n: count() }).from(notifications).where(where);
  return { items, total: total?.n ?? 0 };
}

export async function countUnread(db: DbOrTx, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

export async function findNotification(db: DbOrTx, id: string): Promise<NotificationRow | undefined> {
  const [row] = await db.select().from(notifications).where(eq(notifications.id, id));
  return row;
}

/** Marks unread notifications of one user read; returns the ids that changed. */
export async function markRead(db: DbOrTx, userId: string, at: Date, ids?: readonly string[]): Promise<string[]> {
  const rows = await db
    .update(notifications)
    .set({ readAt: at })
    .where(
      and(
        eq(notifications.userId, userId),
        isNull(notifications.readAt),
        ids ? inArray(notifications.id, [...ids]) : undefined,
      ),
    )
    .returning({ id: notifications.id });
  return rows.map((r) => r.id);
}
