import { eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.ts';
import { files } from './schema.ts';

export type FileRow = typeof files.$inferSelect;

export async function insertFile(db: DbOrTx, row: typeof files.$inferInsert): Promise<FileRow> {
  const [created] = await db.insert(files).values(row).returning();
  return created!;
}

export async function findFile(db: DbOrTx, id: string): Promise<FileRow | undefined> {
  const [row] = await db.select().from(files).where(eq(files.id, id));
  return row;
}

export async function findFiles(db: DbOrTx, ids: readonly string[]): Promise<FileRow[]> {
  if (!ids.length) return [];
  return db.select().from(files).where(inArray(files.id, [...ids]));
}

/** Which of these storage names a `files` row holds (asked in batches, so any number of names will do). */
export async function existingStorageNames(db: DbOrTx, names: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < names.length; i += 500) {
    const rows = await db.select({ name: files.storageName }).from(files).where(inArray(files.storageName, names.slice(i, i + 500)));
    for (const r of rows) found.add(r.name);
  }
  return found;
}

/*
 * The sweep's scratch list of the store's names (`sweep_listed`), a temporary table of its
 * transaction: the store and the `files` rows are compared in the database, so the sweep holds
 * neither every stored name nor every row in memory, whatever their number.
 */

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

export async function createListedNames(tx: Tx): Promise<void> {
  await tx.execute(sql`create temp table sweep_listed (storage_name text primary key, settled boolean not null) on commit drop`);
}

/** Adds listed names; `settled` when last written by the sweep's cutoff. */
export async function addListedNames(tx: Tx, names: readonly { storageName: string; settled: boolean }[]): Promise<void> {
  if (!names.length) return;
  await tx.execute(sql`insert into sweep_listed values ${sql.join(
    names.map((n) => sql`(${n.storageName}, ${n.settled})`),
    sql`, `,
  )} on conflict do nothing`);
}

/**
 * The rows whose bytes the listing did not show: how many were recorded by `cutoff` and the first
 * `keep` of their ids, and every newer row (its bytes may have been stored after the listing).
 */
export async function unlistedRows(tx: Tx, cutoff: Date, keep: number) {
  const unlisted = sql`not exists (select 1 from sweep_listed l where l.storage_name = ${files.storageName})`;
  const at = cutoff.toISOString();
  const [counted, first, recent] = [
    await tx.execute(sql`select count(*)::int as n from ${files} where ${files.createdAt} <= ${at}::timestamptz and ${unlisted}`),
    await tx.execute(sql`select ${files.id} as id from ${files} where ${files.createdAt} <= ${at}::timestamptz and ${unlisted} order by ${files.id} limit ${keep}`),
    await tx.execute(sql`select ${files.id} as id, ${files.storageName} as "storageName" from ${files} where ${files.createdAt} > ${at}::timestamptz and ${unlisted} order by ${files.id}`),
  ];
  return {
    settled: rowsOf<{ n: number }>(counted)[0]!.n,
    firstSettledIds: rowsOf<{ id: string }>(first).map((r) => r.id),
    recent: rowsOf<{ id: string; storageName: string }>(recent),
  };
}

/** Leaves in the list only the names no `files` row holds. */
export async function dropRecordedNames(tx: Tx): Promise<void> {
  await tx.execute(sql`delete from sweep_listed l where exists (select 1 from ${files} where ${files.storageName} = l.storage_name)`);
}

/** One page of the settled names without a row, after `after` in name order. */
export async function orphanNamesPage(tx: Tx, after: string, limit: number): Promise<string[]> {
  const rows = await tx.execute(sql`select storage_name from sweep_listed where settled and storage_name > ${after} order by storage_name limit ${limit}`);
  return rowsOf<{ storage_name: string }>(rows).map((r) => r.storage_name);
}
