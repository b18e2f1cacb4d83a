import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { preparedFor, sortShape, type DbOrTx, type Tx } from '../../db/client.ts';
import { orderBy, type Sort } from '../../shared/http/sorting.ts';
import { organisations } from '../orgs/schema.ts';
import { noticeEntries, objections, publicNotices } from './schema.ts';

export type NoticeRow = typeof publicNotices.$inferSelect;
export type EntryRow = typeof noticeEntries.$inferSelect;
export type ObjectionRow = typeof objections.$inferSelect;
export type EntryOutcome = EntryRow['outcome'];

export async function insertNotice(tx: Tx, row: typeof publicNotices.$inferInsert): Promise<NoticeRow> {
  const [r] = await tx.insert(publicNotices).values(row).returning();
  return r!;
}

export async function insertEntries(tx: Tx, rows: (typeof noticeEntries.$inferInsert)[]): Promise<EntryRow[]> {
  return tx.insert(noticeEntries).values(rows).returning();
}

export async function findNotice(db: DbOrTx, id: string): Promise<(NoticeRow & { authorityName: string }) | undefined> {
  const [r] = await db
    .select({ notice: publicNotices, authorityName: organisations.name })
    .from(publicNotices)
    .innerJoin(organisations, eq(organisations.id, publicNotices.authorityOrgId))
    .where(eq(publicNotices.id, id));
  return r && { ...r.notice, authorityName: r.authorityName };
}

/** Queues concurrent handlings and conclusions of one notice behind each other. */
export async function lockNotice(tx: Tx, id: string): Promise<NoticeRow | undefined> {
  const [r] = await tx.select().from(publicNotices).where(eq(publicNotices.id, id)).for('update');
  return r;
}

export async function setConcluded(tx: Tx, id: string, at: Date) {
  await tx.update(publicNotices).set({ status: 'concluded', concludedAt: at }).where(eq(publicNotices.id, id));
}

const openObjections = sql<number>`(select count(*)::int from ${objections} o where o.notice_id = ${publicNotices.id} and o.status = 'open')`;
const entryCount = sql<number>`(select count(*)::int from ${noticeEntries} e where e.notice_id = ${publicNotices.id})`;

/** The columns the authority's notice list sorts by. */
export const NOTICE_SORTS = ['title', 'startsAt', 'endsAt', 'status', 'openObjections', 'publishedAt'] as const;
export type NoticeSort = Sort<(typeof NOTICE_SORTS)[number]>;
const SORT_COLUMN = { title: publicNotices.title, startsAt: publicNotices.startsAt, endsAt: publicNotices.endsAt, status: publicNotices.status, openObjections, publishedAt: publicNotices.publishedAt };

/**
 * Every notice (the public list) or one authority's, in the asked order (newest first without one),
 * with entry and open-objection counts. The page's ids are picked first (off the publication index in
 * the default order), and names and counts are computed for those rows only, not for every row an
 * offset skips.
 */
export async function listNotices(db: DbOrTx, filter: { authorityOrgId?: string }, sort: NoticeSort, page: number, pageSize: number) {
  const statements = preparedFor(db, `notices_list_${filter.authorityOrgId ? 'a' : 'all'}_${sortShape(sort)}`, (name) => {
    const where = filter.authorityOrgId ? eq(publicNotices.authorityOrgId, sql.placeholder('authorityOrgId')) : undefined;
    const order = orderBy(SORT_COLUMN, sort, [desc(publicNotices.publishedAt), desc(publicNotices.id)], publicNotices.id);
    const onPage = db.select({ id: publicNotices.id }).from(publicNotices).where(where).orderBy(...order).limit(sql.placeholder('limit')).offset(sql.placeholder('offset'));
    return {
      rows: db
        .select({ notice: publicNotices, authorityName: organisations.name, entries: entryCount, openObjections })
        .from(publicNotices)
        .innerJoin(organisations, eq(organisations.id, publicNotices.authorityOrgId))
        .where(inArray(publicNotices.id, onPage))
        .orderBy(...order)
        .prepare(name),
      count: db.select({ n: sql<number>`count(*)::int` }).from(publicNotices).where(where).prepare(`${name}_n`),
    };
  });
  const params = { authorityOrgId: filter.authorityOrgId, limit: pageSize, offset: (page - 1) * pageSize };
  const [rows, [count]] = await Promise.all([statements.rows.execute(params), statements.count.execute(params)]);
  return { items: rows.map((r) => ({ ...r.notice, authorityName: r.authorityName, entries: r.entries, openObjections: r.openObjections })), total: count?.n ?? 0 };
}

export function entries(db: DbOrTx, noticeId: string): Promise<EntryRow[]> {
  return db.select().from(noticeEntries).where(eq(noticeEntries.noticeId, noticeId)).orderBy(asc(noticeEntries.position));
}

export async function findEntry(db: DbOrTx, noticeId: string, entryId: string): Promise<EntryRow | undefined> {
  const [r] = await db.select().from(noticeEntries).where(and(eq(noticeEntries.noticeId, noticeId), eq(noticeEntries.id, entryId)));
  return r;
}

export async function setOutcome(tx: Tx, entryId: string, outcome: EntryOutcome) {
  await tx.update(noticeEntries).set({ outcome }).where(eq(noticeEntries.id, entryId));
}

export function objectionsOf(db: DbOrTx, noticeId: string): Promise<ObjectionRow[]> {
  return db.select().from(objections).where(eq(objections.noticeId, noticeId)).orderBy(asc(objections.createdAt), asc(objections.id));
}

export async function findObjection(db: DbOrTx, noticeId: string, id: string): Promise<ObjectionRow | undefined> {
  const [r] = await db.select().from(objections).where(and(eq(objections.noticeId, noticeId), eq(objections.id, id)));
  return r;
}

export async function insertObjection(tx: Tx, row: typeof objections.$inferInsert): Promise<ObjectionRow> {
  const [r] = await tx.insert(objections).values(row).returning();
  return r!;
}

/** Records the handling only while the objection is still open; undefined when someone got there first. */
export async function handleIfOpen(tx: Tx, id: string, patch: Pick<ObjectionRow, 'status' | 'investigationNote' | 'resultReason' | 'handledBy' | 'handledAt'>) {
  const [r] = await tx
    .update(objections)
    .set(patch)
    .where(and(eq(objections.id, id), eq(objections.status, 'open')))
    .returning();
  return r;
}
