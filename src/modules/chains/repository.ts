import { and, desc, eq, inArray, isNull, max, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import type { ChainKind } from '../../shared/chains.ts';
import { regions } from '../regions/schema.ts';
import { chains } from './schema.ts';
import { updateDraftRow } from '../../db/versioned.ts';

export type ChainRow = typeof chains.$inferSelect;
export type ChainWithOwner = ChainRow & { ownerPath: string | null; ownerName: string | null };

const withOwner = { row: chains, ownerPath: regions.path, ownerName: regions.name };

const flatten = (r: { row: ChainRow; ownerPath: string | null; ownerName: string | null }): ChainWithOwner => ({
  ...r.row,
  ownerPath: r.ownerPath,
  ownerName: r.ownerName,
});

const selectWithOwner = (db: DbOrTx) => db.select(withOwner).from(chains).leftJoin(regions, eq(regions.code, chains.ownerRegionCode));

/** `path` is `root` or lies below it (region paths, never code prefixes). */
const pathWithinSql = (path: SQL | typeof regions.path, root: string) => or(sql`${path} = ${root}`, sql`${path} like ${`${root}/%`}`)!;
/** `root` is `path` or lies below it: the owner is the actor's region or one of its ancestors. */
const ownerAboveSql = (root: string) => or(eq(regions.path, root), sql`${root} like ${regions.path} || '/%'`)!;

export async function findById(db: DbOrTx, id: string): Promise<ChainWithOwner | undefined> {
  const [r] = await selectWithOwner(db).where(eq(chains.id, id));
  return r && flatten(r);
}

export async function byIds(db: DbOrTx, ids: string[]): Promise<ChainWithOwner[]> {
  if (!ids.length) return [];
  return (await selectWithOwner(db).where(inArray(chains.id, ids))).map(flatten);
}

export async function keyOwners(db: DbOrTx, key: string): Promise<(string | null)[]> {
  const rows = await db.selectDistinct({ owner: chains.ownerRegionCode }).from(chains).where(eq(chains.key, key));
  return rows.map((r) => r.owner);
}

export async function nextVersion(db: DbOrTx, key: string): Promise<number> {
  const [r] = await db.select({ v: max(chains.version) }).from(chains).where(eq(chains.key, key));
  return (r?.v ?? 0) + 1;
}

export async function insert(db: DbOrTx, row: typeof chains.$inferInsert): Promise<ChainRow | undefined> {
  // A second process loading the same shipped version at the same time loses quietly (key, version unique).
  const [r] = await db.insert(chains).values(row).onConflictDoNothing().returning();
  return r;
}

/** Changes a draft only while it is at `revision`; false when someone changed or published it first. */
export const updateDraft = (db: DbOrTx, id: string, revision: number, patch: Partial<typeof chains.$inferInsert>) => updateDraftRow(db, chains, id, revision, patch);

/** The newest published shipped (ownerless) version of each key. */
export async function newestShipped(db: DbOrTx): Promise<ChainRow[]> {
  const rows = await db
    .select()
    .from(chains)
    .where(and(isNull(chains.ownerRegionCode), eq(chains.status, 'published')))
    .orderBy(chains.key, desc(chains.version));
  return rows.filter((r, i) => i === 0 || rows[i - 1]!.key !== r.key);
}

export interface ListScope {
  /** The actor's jurisdiction: owned published chains in line with it (above or below), drafts below it. Null: shipped chains only. */
  jurisdictionPath: string | null;
  key?: string;
  level?: ChainRow['level'];
  status?: ChainRow['status'];
  kind?: ChainKind;
}

/** Shipped chains, and those owned in line with the jurisdiction (`ListScope`), by key then newest version. */
export async function list(db: DbOrTx, scope: ListScope, page: number, pageSize: number) {
  const visible: SQL[] = [and(isNull(chains.ownerRegionCode), eq(chains.status, 'published'))!];
  const root = scope.jurisdictionPath;
  if (root) {
    visible.push(and(eq(chains.status, 'published'), or(pathWithinSql(regions.path, root), ownerAboveSql(root)))!);
    visible.push(and(eq(chains.status, 'draft'), pathWithinSql(regions.path, root))!);
  }
  const where = and(
    or(...visible),
    scope.key ? eq(chains.key, scope.key) : undefined,
    scope.level ? eq(chains.level, scope.level) : undefined,
    scope.status ? eq(chains.status, scope.status) : undefined,
    scope.kind ? eq(chains.kind, scope.kind) : undefined,
  );
  const [items, [count]] = await Promise.all([
    selectWithOwner(db)
      .where(where)
      // Shipped first, then by key; within a key the draft (no version yet) before the newest version.
      .orderBy(sql`${chains.ownerRegionCode} is not null`, chains.key, sql`${chains.version} desc nulls first`, desc(chains.updatedAt))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(chains).leftJoin(regions, eq(regions.code, chains.ownerRegionCode)).where(where),
  ]);
  return { items: items.map(flatten), total: count?.n ?? 0 };
}

/** Published versions of `kind` at `level` a call within `jurisdictionPath` may pin: shipped, or owned by that region or an ancestor. */
export async function usable(db: DbOrTx, jurisdictionPath: string | null, kind: ChainKind, level: ChainRow['level']): Promise<ChainWithOwner[]> {
  const owners = jurisdictionPath ? or(isNull(chains.ownerRegionCode), ownerAboveSql(jurisdictionPath)) : isNull(chains.ownerRegionCode);
  const rows = await selectWithOwner(db)
    .where(and(eq(chains.status, 'published'), eq(chains.kind, kind), eq(chains.level, level), owners))
    .orderBy(sql`${chains.ownerRegionCode} is not null`, chains.key, desc(chains.version));
  return rows.map(flatten);
}
