import { and, asc, desc, eq, gt, gte, isNotNull, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.ts';
import type { SealedRow } from './chain.ts';
import { auditLog } from './schema.ts';

export type AuditRow = typeof auditLog.$inferSelect;
export type NewAuditRow = Omit<typeof auditLog.$inferInsert, 'id' | 'seq' | 'prevHash' | 'hash'>;

/** Serialises sealers only (writers never take it); released when the sealing transaction ends. */
export async function lockSealer(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(7301001)`);
}

export async function insertRow(tx: DbOrTx, row: NewAuditRow): Promise<void> {
  await tx.insert(auditLog).values(row);
}

export async function head(tx: DbOrTx): Promise<{ seq: number; hash: string } | undefined> {
  const [row] = await tx.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).where(isNotNull(auditLog.seq)).orderBy(desc(auditLog.seq)).limit(1);
  return row ? { seq: row.seq!, hash: row.hash! } : undefined;
}

export async function hashAt(tx: DbOrTx, seq: number): Promise<string | undefined> {
  const [row] = await tx.select({ hash: auditLog.hash }).from(auditLog).where(eq(auditLog.seq, seq));
  return row?.hash ?? undefined;
}

/**
 * Committed rows not yet sealed, oldest id first. Rows of transactions still open are invisible
 * here, so a row that commits after a later id is simply sealed in a later round.
 */
export async function unsealed(tx: DbOrTx, limit: number): Promise<AuditRow[]> {
  return tx.select().from(auditLog).where(isNull(auditLog.seq)).orderBy(asc(auditLog.id)).limit(limit);
}

export async function countUnsealed(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(isNull(auditLog.seq));
  return row?.n ?? 0;
}

/** Fills the seal fields of many rows in one statement; the trigger allows this once per row. */
export async function setSeals(tx: Tx, seals: { id: number; seq: number; prevHash: string; hash: string }[]): Promise<void> {
  if (!seals.length) return;
  const values = sql.join(
    seals.map((s) => sql`(${s.id}::bigint, ${s.seq}::bigint, ${s.prevHash}, ${s.hash})`),
    sql`, `,
  );
  await tx.execute(sql`update audit_log a set seq = v.seq, prev_hash = v.prev_hash, hash = v.hash
    from (values ${values}) as v(id, seq, prev_hash, hash) where a.id = v.id and a.seq is null`);
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

/** Reads the sealed chain in `seq` order, in batches, for verification. */
export async function* iterateSealed(db: DbOrTx, batch = 1000): AsyncGenerator<SealedRow> {
  let after = 0;
  for (;;) {
    const rows = await db.select().from(auditLog).where(gt(auditLog.seq, after)).orderBy(asc(auditLog.seq)).limit(batch);
    if (rows.length === 0) return;
    for (const row of rows) yield { ...row, seq: row.seq!, prevHash: row.prevHash!, hash: row.hash! };
    after = rows[rows.length - 1]!.seq!;
  }
}
