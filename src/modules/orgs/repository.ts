import { and, asc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { orderBy, type Sort } from '../../shared/http/sorting.ts';
import { containsPattern } from '../../shared/validation/search.ts';
import { regions } from '../regions/schema.ts';
import { makerProfiles, operatorHosts, orgProfiles, organisations, type OrgKind } from './schema.ts';

export type OrgRow = typeof organisations.$inferSelect;
export type ProfileRow = typeof orgProfiles.$inferSelect;

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

/** The columns the organisation list sorts by. */
export const ORG_SORTS = ['name', 'kind', 'region', 'createdAt'] as const;
export type OrgSort = Sort<(typeof ORG_SORTS)[number]>;
const SORT_COLUMN = { name: organisations.name, kind: organisations.kind, region: regions.path, createdAt: organisations.createdAt };

/** Organisations in the asked order (by name without one), with their region's name. */
export async function listOrgs(db: DbOrTx, filter: OrgFilter, sort: OrgSort, page: number, pageSize: number) {
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
    base.orderBy(...orderBy(SORT_COLUMN, sort, [asc(organisations.name)], organisations.id)).limit(pageSize).offset((page - 1) * pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(organisations)
      .innerJoin(regions, eq(regions.code, organisations.regionCode))
      .where(where),
  ]);
  return { items, total: count?.n ?? 0 };
}

export async function findProfile(db: DbOrTx, orgId: string): Promise<ProfileRow | undefined> {
  const [row] = await db.select().from(orgProfiles).where(eq(orgProfiles.orgId, orgId));
  return row;
}

export async function insertProfile(db: DbOrTx, row: typeof orgProfiles.$inferInsert): Promise<ProfileRow> {
  const [created] = await db.insert(orgProfiles).values(row).returning();
  return created!;
}

/** Updates a profile only if its revision is still `revision`; returns false when someone got there first. */
export async function updateProfile(db: DbOrTx, orgId: string, revision: number, patch: Partial<typeof orgProfiles.$inferInsert>): Promise<boolean> {
  const rows = await db
    .update(orgProfiles)
    .set({ ...patch, revision: sql`${orgProfiles.revision} + 1`, updatedAt: new Date() })
    .where(and(eq(orgProfiles.orgId, orgId), eq(orgProfiles.revision, revision)))
    .returning({ orgId: orgProfiles.orgId });
  return rows.length === 1;
}

export async function linkHost(db: DbOrTx, operatorOrgId: string, hostOrgId: string): Promise<boolean> {
  const rows = await db.insert(operatorHosts).values({ operatorOrgId, hostOrgId }).onConflictDoNothing().returning({ id: operatorHosts.hostOrgId });
  return rows.length === 1;
}

/** The hosts an operator linked, with their profiles (credentials), by name. */
export function linkedHosts(db: DbOrTx, operatorOrgId: string) {
  return db
    .select({ org: organisations, profile: orgProfiles, regionName: regions.name })
    .from(operatorHosts)
    .innerJoin(organisations, eq(organisations.id, operatorHosts.hostOrgId))
    .innerJoin(regions, eq(regions.code, organisations.regionCode))
    .leftJoin(orgProfiles, eq(orgProfiles.orgId, organisations.id))
    .where(eq(operatorHosts.operatorOrgId, operatorOrgId))
    .orderBy(asc(organisations.name));
}

/** Which of `hostIds` the operator has linked. */
export async function linkedHostIds(db: DbOrTx, operatorOrgId: string, hostIds: readonly string[]): Promise<string[]> {
  if (!hostIds.length) return [];
  const rows = await db
    .select({ id: operatorHosts.hostOrgId })
    .from(operatorHosts)
    .where(and(eq(operatorHosts.operatorOrgId, operatorOrgId), inArray(operatorHosts.hostOrgId, [...hostIds])));
  return rows.map((r) => r.id);
}

/** Organisations with their profiles (missing profile → null), in the order of `ids` not guaranteed. */
export function orgsWithProfiles(db: DbOrTx, ids: readonly string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .select({ org: organisations, profile: orgProfiles })
    .from(organisations)
    .leftJoin(orgProfiles, eq(orgProfiles.orgId, organisations.id))
    .where(inArray(organisations.id, [...ids]));
}

/**
 * Active organisations of `kind` (and authority `level`) sitting at one of `regionCodes`: the
 * governing bodies over a place, given the codes of its region path.
 */
export function governingOrgsAt(db: DbOrTx, regionCodes: readonly string[], kind: OrgRow['kind'], level?: NonNullable<OrgRow['authorityLevel']>): Promise<OrgRow[]> {
  if (!regionCodes.length) return Promise.resolve([]);
  return db
    .select()
    .from(organisations)
    .where(
      and(
        inArray(organisations.regionCode, [...regionCodes]),
        eq(organisations.kind, kind),
        eq(organisations.status, 'active'),
        ...(level ? [eq(organisations.authorityLevel, level)] : []),
      ),
    );
}

export type MakerProfileRow = typeof makerProfiles.$inferSelect;

export async function findMakerProfile(db: DbOrTx, orgId: string): Promise<MakerProfileRow | undefined> {
  const [row] = await db.select().from(makerProfiles).where(eq(makerProfiles.orgId, orgId));
  return row;
}

export async function insertMakerProfile(db: DbOrTx, row: typeof makerProfiles.$inferInsert): Promise<void> {
  await db.insert(makerProfiles).values(row);
}

/** Updates a maker's profile only at `revision`; false when someone got there first. */
export async function updateMakerProfile(db: DbOrTx, orgId: string, revision: number, patch: Partial<typeof makerProfiles.$inferInsert>): Promise<boolean> {
  const rows = await db
    .update(makerProfiles)
    .set({ ...patch, revision: sql`${makerProfiles.revision} + 1`, updatedAt: new Date() })
    .where(and(eq(makerProfiles.orgId, orgId), eq(makerProfiles.revision, revision)))
    .returning({ orgId: makerProfiles.orgId });
  return rows.length === 1;
}

export async function renameOrg(db: DbOrTx, orgId: string, name: string): Promise<void> {
  await db.update(organisations).set({ name, updatedAt: new Date() }).where(eq(organisations.id, orgId));
}
