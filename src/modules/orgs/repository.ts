import { and, asc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { containsPattern } from '../../shared/validation/search.ts';
import { regions } from '../regions/schema.ts';
import { organisations, type OrgKind } from './schema.ts';

export type OrgRow = typeof organisations.$inferSelect;

export async function insertOrg(db: DbOrTx, row: typeof organisations.$inferInsert): Promise<OrgRow> {
  const [created] = await db.insert(organisations).values(row).returning();
  return created!;
}

export async function findOrg(db: DbOrTx, id: string): Promise<OrgRow | undefined> {
  const [row] = await db.select().from(organisations).where(eq(organisations.id, id));
  return row;
}

export async function findOrgByUscc(db: DbOrTx, uscc: string): Promise<OrgRow | undefined> {
  const [row] = await db.select().from(organisations).where(eq(organisations.uscc, uscc));
  return row;
}

export async function findOrgByName(db: DbOrTx, name: string): Promise<OrgRow | undefined> {
  const [row] = await db.select().from(organisations).where(eq(organisations.name, name));
  return row;
}

export async function updateOrg(db: DbOrTx, id: string, patch: Partial<typeof organisations.$inferInsert>) {
  await db.update(organisations).set({ ...patch, updatedAt: new Date() }).where(eq(organisations.id, id));
}

export interface OrgFilter {
  q?: string;
  kinds?: OrgKind[];
  /** Only organisations whose region lies within this path. */
  withinPath?: string;
}

export async function listOrgs(db: DbOrTx, filter: OrgFilter, page: number, pageSize: number) {
  const conds: SQL[] = [];
  if (filter.q) {
    const like = containsPattern(filter.q);
    conds.push(or(ilike(organisations.name, like), ilike(organisations.uscc, like))!);
  }
  if (filter.kinds?.length) conds.push(inArray(organisations.kind, filter.kinds));
  if (filter.withinPath)
    conds.push(or(eq(regions.path, filter.withinPath), sql`${regions.path} like ${`${filter.withinPath}/%`}`)!);
  const where = conds.length ? and(...conds) : undefined;
  const base = db
    .select({ org: organisations, regionName: regions.name, regionPath: regions.path })
    .from(organisations)
    .innerJoin(regions, eq(regions.code, organisations.regionCode))
    .where(where);
  const [items, [count]] = await Promise.all([
    base.orderBy(asc(organisations.name)).limit(pageSize).offset((page - 1) * pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(organisations)
      .innerJoin(regions, eq(regions.code, organisations.regionCode))
      .where(where),
  ]);
  return { items, total: count?.n ?? 0 };
}
