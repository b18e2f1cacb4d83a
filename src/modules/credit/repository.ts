import { and, desc, eq, gt, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.ts';
import { orderBy, type Sort } from '../../shared/http/sorting.ts';
import { containsPattern } from '../../shared/validation/search.ts';
import { organisations } from '../orgs/schema.ts';
import { regions } from '../regions/schema.ts';
import { spaces } from '../spaces/schema.ts';
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

export async function insert(tx: Tx, row: typeof creditRecords.$inferInsert): Promise<CreditRecord> {
  const [r] = await tx.insert(creditRecords).values(row).returning();
  return r!;
}

export interface RecordFilter {
  /** One organisation's records (an operator reading its own). */
  orgId?: string;
  /** Records of organisations registered in, or running a space in, this jurisdiction. */
  withinPath?: string;
  /** Organisation name, USCC or reason contains. */
  q?: string;
}

const within = (column: SQL | typeof regions.path, root: string) => or(sql`${column} = ${root}`, sql`${column} like ${`${root}/%`}`)!;

function where(f: RecordFilter): SQL | undefined {
  const conds: SQL[] = [];
  if (f.orgId) conds.push(eq(creditRecords.orgId, f.orgId));
  if (f.withinPath) {
    const spaceIn = sql`exists (select 1 from ${spaces} join ${regions} sr on sr.code = ${spaces.regionCode}
      where ${spaces.operatorOrgId} = ${creditRecords.orgId} and (sr.path = ${f.withinPath} or sr.path like ${`${f.withinPath}/%`}))`;
    conds.push(or(within(regions.path, f.withinPath), spaceIn)!);
  }
  if (f.q) {
    const like = containsPattern(f.q);
    conds.push(or(sql`${organisations.name} ilike ${like}`, sql`${organisations.uscc} ilike ${like}`, sql`${creditRecords.reason} ilike ${like}`)!);
  }
  return conds.length ? and(...conds) : undefined;
}

const base = (db: DbOrTx) =>
  db
    .select({ record: creditRecords, orgName: organisations.name, uscc: organisations.uscc })
    .from(creditRecords)
    .innerJoin(organisations, eq(organisations.id, creditRecords.orgId))
    .innerJoin(regions, eq(regions.code, organisations.regionCode));

/** The columns the credit records sort by. */
export const RECORD_SORTS = ['org', 'foundAt', 'banUntil'] as const;
export type RecordSort = Sort<(typeof RECORD_SORTS)[number]>;
const SORT_COLUMN = { org: organisations.name, foundAt: creditRecords.foundAt, banUntil: creditRecords.banUntil };

/** Records in the asked order (newest first without one) with their organisation's name and USCC; `limit` rows from `offset`. */
export async function list(db: DbOrTx, f: RecordFilter, sort: RecordSort, limit: number, offset = 0) {
  const w = where(f);
  const [items, [count]] = await Promise.all([
    base(db).where(w).orderBy(...orderBy(SORT_COLUMN, sort, [desc(creditRecords.foundAt), desc(creditRecords.id)], creditRecords.id)).limit(limit).offset(offset),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(creditRecords)
      .innerJoin(organisations, eq(organisations.id, creditRecords.orgId))
      .innerJoin(regions, eq(regions.code, organisations.regionCode))
      .where(w),
  ]);
  return { items, total: count?.n ?? 0 };
}
