import { and, desc, eq, inArray, isNull, max, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { regions } from '../regions/schema.ts';
import { ruleSets } from './schema.ts';
import { updateDraftRow } from '../../db/versioned.ts';

export type RuleSetRow = typeof ruleSets.$inferSelect;
export type RuleSetWithOwner = RuleSetRow & { ownerPath: string | null; ownerName: string | null };

const withOwner = {
  row: ruleSets,
  ownerPath: regions.path,
  ownerName: regions.name,
};

const flatten = (r: { row: RuleSetRow; ownerPath: string | null; ownerName: string | null }): RuleSetWithOwner => ({
  ...r.row,
  ownerPath: r.ownerPath,
  ownerName: r.ownerName,
});

export async function findById(db: DbOrTx, id: string): Promise<RuleSetWithOwner | undefined> {
  const [r] = await db.select(withOwner).from(ruleSets).leftJoin(regions, eq(regions.code, ruleSets.ownerRegionCode)).where(eq(ruleSets.id, id));
  return r && flatten(r);
}

export async function findPublished(db: DbOrTx, key: string, version?: number): Promise<RuleSetRow | undefined> {
  const [r] = await db
    .select()
    .from(ruleSets)
    .where(and(eq(ruleSets.key, key), eq(ruleSets.status, 'published'), version === undefined ? undefined : eq(ruleSets.version, version)))
    .orderBy(desc(ruleSets.version))
    .limit(1);
  return r;
}

export function allPublished(db: DbOrTx): Promise<RuleSetRow[]> {
  return db.select().from(ruleSets).where(eq(ruleSets.status, 'published')).orderBy(ruleSets.key, ruleSets.version);
}

export async function keyOwners(db: DbOrTx, key: string): Promise<(string | null)[]> {
  const rows = await db.selectDistinct({ owner: ruleSets.ownerRegionCode }).from(ruleSets).where(eq(ruleSets.key, key));
  return rows.map((r) => r.owner);
}

export async function nextVersion(db: DbOrTx, key: string): Promise<number> {
  const [r] = await db.select({ v: max(ruleSets.version) }).from(ruleSets).where(eq(ruleSets.key, key));
  return (r?.v ?? 0) + 1;
}

export async function insert(db: DbOrTx, row: typeof ruleSets.$inferInsert): Promise<RuleSetRow> {
  const [r] = await db.insert(ruleSets).values(row).returning();
  return r!;
}

/** Changes a draft only while it is at `revision`; false when someone changed or published it first. */
export const updateDraft = (db: DbOrTx, id: string, revision: number, patch: Partial<typeof ruleSets.$inferInsert>) => updateDraftRow(db, ruleSets, id, revision, patch);

/**
 * Published rule sets plus the drafts owned within `draftsWithinPath` (when given), newest first.
 */
export async function list(db: DbOrTx, opts: { draftsWithinPath: string | null; key?: string }, page: number, pageSize: number) {
  const visible: SQL[] = [eq(ruleSets.status, 'published')];
  if (opts.draftsWithinPath)
    visible.push(and(eq(ruleSets.status, 'draft'), or(eq(regions.path, opts.draftsWithinPath), sql`${regions.path} like ${`${opts.draftsWithinPath}/%`}`))!);
  const where = and(or(...visible), opts.key ? eq(ruleSets.key, opts.key) : undefined);
  const [items, [count]] = await Promise.all([
    db
      .select(withOwner)
      .from(ruleSets)
      .leftJoin(regions, eq(regions.code, ruleSets.ownerRegionCode))
      .where(where)
      .orderBy(ruleSets.key, desc(ruleSets.version), desc(ruleSets.updatedAt))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(ruleSets).leftJoin(regions, eq(regions.code, ruleSets.ownerRegionCode)).where(where),
  ]);
  return { items: items.map(flatten), total: count?.n ?? 0 };
}

export async function shippedKeys(db: DbOrTx): Promise<string[]> {
  const rows = await db.selectDistinct({ key: ruleSets.key }).from(ruleSets).where(isNull(ruleSets.ownerRegionCode));
  return rows.map((r) => r.key);
}

export async function byIds(db: DbOrTx, ids: string[]): Promise<RuleSetRow[]> {
  return ids.length ? db.select().from(ruleSets).where(inArray(ruleSets.id, ids)) : [];
}
