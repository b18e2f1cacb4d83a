/** The spaces read model of the workbench's headline figures. */
import { and, eq, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { regions } from '../regions/index.ts';
import { spaces } from './schema.ts';

/** How many active spaces are registered at or below `regionPath`: one statement. */
export async function activeSpacesWithin(db: DbOrTx, regionPath: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(spaces)
    .innerJoin(regions, eq(regions.code, spaces.regionCode))
    .where(and(eq(spaces.status, 'active'), or(eq(regions.path, regionPath), sql`${regions.path} like ${`${regionPath}/%`}`)));
  return Number(row?.n ?? 0);
}
