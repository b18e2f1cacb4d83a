import { and, asc, desc, eq, gt, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.ts';
import { auditLog } from './schema.ts';

export type AuditRow = typeof auditLog.$inferSelect;
export type NewAuditRow = Omit<typeof auditLog.$inferInsert, 'id' | 'prevHash' | 'hash'>;

/** Serialises writers so each row links to the one before it (a transaction-scoped advisory lock). */
export async function lockChain(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(7301001)`);
}

export async function lastRow(tx: DbOrTx): Promise<Pick<AuditRow, 'id' | 'hash'> | undefined> {
  const [row] = await tx.select({ id: auditLog.id, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  return row;
}

export async function nextId(tx: DbOrTx): Promise<number> {
  const res = await tx.execute<{ id: string }>(sql`select nextval(pg_get_serial_sequence('audit_log', 'id')) as id`);
  const rows = (res as unknown as { rows: { id: string }[] }).rows;
  return Number(rows[0]!.id);
}

export async function insertRow(tx: DbOrTx, row: typeof auditLog.$inferInsert): Promise<void> {
  await tx.insert(auditLog).values(row);
}

export interface AuditFilter {
  action?: string;
  actorUsername?: string;
  result?: AuditRow['result'];
  from?: Date;
  to?: Date;
}

export async function listRows(db: DbOrTx, filter: AuditFilter, page: number, pageSize: number) {
  const conds: SQL[] = [];
  if (filter.action) conds.push(eq(auditLog.action, filter.action));
  if (filter.actorUsername) conds.push(eq(auditLog.actorUsername, filter.actorUsername));
  if (filter.result) conds.push(eq(auditLog.result, filter.result));
  if (filter.from) conds.push(gte(auditLog.at, filter.from));
  if (filter.to) conds.push(lte(auditLog.at, filter.to));
  const where = conds.length ? and(...conds) : undefined;
  const [items, [count]] = await Promise.all([
    db.select().from(auditLog).where(where).orderBy(desc(auditLog.id)).limit(pageSize).offset((page - 1) * pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(where),
  ]);
  return { items, total: count?.n ?? 0 };
}

/** Reads the whole chain in id order, in batches, for verification. */
export async function* iterateAll(db: DbOrTx, batch = 1000): AsyncGenerator<AuditRow> {
  let after = 0;
  for (;;) {
    const rows = await db.select().from(auditLog).where(gt(auditLog.id, after)).orderBy(asc(auditLog.id)).limit(batch);
    if (rows.length === 0) return;
    yield* rows;
    after = rows[rows.length - 1]!.id;
  }
}
