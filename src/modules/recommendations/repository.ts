import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.ts';
import type { ChecklistVerdict } from '../../shared/chains.ts';
import { recommendationItems, recommendations } from './schema.ts';

export type RecommendationRow = typeof recommendations.$inferSelect;
export type ItemRow = typeof recommendationItems.$inferSelect;

export async function insert(tx: Tx, row: typeof recommendations.$inferInsert): Promise<RecommendationRow> {
  const [r] = await tx.insert(recommendations).values(row).returning();
  return r!;
}

export async function findById(db: DbOrTx, id: string): Promise<RecommendationRow | undefined> {
  const [r] = await db.select().from(recommendations).where(eq(recommendations.id, id));
  return r;
}

/** Locks the batch for the rest of the transaction: concurrent edits and sends queue behind it. */
export async function lockById(tx: Tx, id: string): Promise<RecommendationRow | undefined> {
  const [r] = await tx.select().from(recommendations).where(eq(recommendations.id, id)).for('update');
  return r;
}

/**
 * Serialises the batch changes of one call: "an application in at most one batch" is checked and
 * written under this lock, so two batches created at once cannot both take the same application.
 */
export async function lockCall(tx: Tx, callId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`recommendations:${callId}`}, 0))`);
}

/** Changes the batch and bumps its revision. */
export async function update(tx: Tx, id: string, patch: Partial<typeof recommendations.$inferInsert>): Promise<RecommendationRow> {
  const [r] = await tx
    .update(recommendations)
    .set({ ...patch, revision: sql`${recommendations.revision} + 1` })
    .where(eq(recommendations.id, id))
    .returning();
  return r!;
}

export async function replaceItems(tx: Tx, id: string, items: { applicationId: string; checklist: ChecklistVerdict[] }[]): Promise<void> {
  await tx.delete(recommendationItems).where(eq(recommendationItems.recommendationId, id));
  await tx.insert(recommendationItems).values(items.map((it, i) => ({ recommendationId: id, applicationId: it.applicationId, position: i + 1, checklist: it.checklist })));
}

export function items(db: DbOrTx, id: string): Promise<ItemRow[]> {
  return db.select().from(recommendationItems).where(eq(recommendationItems.recommendationId, id)).orderBy(asc(recommendationItems.position));
}

export async function listByOrg(db: DbOrTx, orgId: string, page: number, pageSize: number) {
  const where = eq(recommendations.recommenderOrgId, orgId);
  const count = sql<number>`(select count(*)::int from ${recommendationItems} where ${recommendationItems.recommendationId} = ${recommendations.id})`;
  const [rows, [total]] = await Promise.all([
    db
      .select({ batch: recommendations, count })
      .from(recommendations)
      .where(where)
      .orderBy(desc(recommendations.createdAt), desc(recommendations.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(recommendations).where(where),
  ]);
  return { items: rows, total: total?.n ?? 0 };
}

/** For each of `applicationIds` already in a draft or sent batch other than `exceptId`: that batch. */
export async function holdingBatches(db: DbOrTx, applicationIds: readonly string[], exceptId?: string) {
  if (!applicationIds.length) return [];
  return db
    .select({ applicationId: recommendationItems.applicationId, recommendationId: recommendations.id, status: recommendations.status })
    .from(recommendationItems)
    .innerJoin(recommendations, eq(recommendations.id, recommendationItems.recommendationId))
    .where(and(inArray(recommendationItems.applicationId, [...applicationIds]), exceptId ? ne(recommendations.id, exceptId) : undefined));
}

/** The sent batches that carried the application, latest first. */
export async function sentFor(db: DbOrTx, applicationId: string): Promise<RecommendationRow[]> {
  const rows = await db
    .select({ batch: recommendations })
    .from(recommendationItems)
    .innerJoin(recommendations, eq(recommendations.id, recommendationItems.recommendationId))
    .where(and(eq(recommendationItems.applicationId, applicationId), eq(recommendations.status, 'sent')))
    .orderBy(desc(recommendations.sentAt));
  return rows.map((r) => r.batch);
}
