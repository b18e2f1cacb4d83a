import { and, eq, sql } from 'drizzle-orm';
import { integer, text, timestamp, uuid, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from './client.ts';

/**
 * Rule sets, review chains, indicator catalogues and evaluation schemes are versioned definitions,
 * all the same way: a line of versions (a key; a survey year; a jurisdiction's year and category);
 * a draft is edited in place under optimistic locking and published as its line's next version,
 * which never changes again, and whatever uses one pins it by id. These are the pieces they share.
 */
export const versionColumns = () => ({
  /** Null while a draft: a version number is given when it is published. */
  version: integer('version'),
  status: text('status', { enum: ['draft', 'published'] }).notNull(),
  basedOnId: uuid('based_on_id'),
  /** A draft is edited in place under optimistic locking. */
  revision: integer('revision').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  publishedAt: timestamp('published_at', { withTimezone: true }),
});

type VersionedTable = PgTable & { id: PgColumn; status: PgColumn; revision: PgColumn; updatedAt: PgColumn };

/** Changes a draft only while it is at `revision`; false when someone changed or published it first. */
export async function updateDraftRow<T extends VersionedTable>(db: DbOrTx, table: T, id: string, revision: number, patch: Partial<T['$inferInsert']>): Promise<boolean> {
  const rows = await db
    .update(table)
    .set({ ...patch, revision: sql`${table.revision} + 1`, updatedAt: new Date() } as never)
    .where(and(eq(table.id, id), eq(table.status, 'draft'), eq(table.revision, revision)))
    .returning({ id: table.id });
  return rows.length === 1;
}

/**
 * Holds, until the transaction ends, a lock on one line of versions: numbering the next version reads
 * the highest and writes the next, which two publishes running at once would both compute, and one
 * would then fail on the line's unique index.
 */
export async function lockVersionLine(tx: DbOrTx, line: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${line}, 0))`);
}
