import { and, desc, eq, gt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { creditRecords } from './schema.ts';

export type CreditRecord = typeof creditRecords.$inferSelect;

/** The record whose ban runs longest among those still running at `at`. */
export async function activeBan(db: DbOrTx, orgId: string, at: Date): Promise<CreditRecord | undefined> {
  const [row] = await db
    .select()
    .from(creditRecords)
    .where(and(eq(creditRecords.orgId, orgId), gt(creditRecords.banUntil, at), sql`${creditRecords.foundAt} <= ${at}`))
    .orderBy(desc(creditRecords.banUntil))
    .limit(1);
  return row;
}

export async function listByOrg(db: DbOrTx, orgId: string, page: number, pageSize: number) {
  const where = eq(creditRecords.orgId, orgId);
  const [items, [count]] = await Promise.all([
    db.select().from(creditRecords).where(where).orderBy(desc(creditRecords.foundAt)).limit(pageSize).offset((page - 1) * pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(creditRecords).where(where),
  ]);
  return { items, total: count?.n ?? 0 };
}
