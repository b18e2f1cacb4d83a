import { asc, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { regions } from './schema.ts';

export type RegionRow = typeof regions.$inferSelect;

export async function findRegion(db: DbOrTx, code: string): Promise<RegionRow | undefined> {
  const [row] = await db.select().from(regions).where(eq(regions.code, code));
  return row;
}

export function children(db: DbOrTx, parentCode: string | null): Promise<RegionRow[]> {
  return db
    .select()
    .from(regions)
    .where(parentCode === null ? isNull(regions.parentCode) : eq(regions.parentCode, parentCode))
    .orderBy(asc(regions.code));
}

export function findMany(db: DbOrTx, codes: string[]): Promise<RegionRow[]> {
  return codes.length ? db.select().from(regions).where(inArray(regions.code, codes)) : Promise.resolve([]);
}
