import { asc, eq, gt, inArray, sql } from 'drizzle-orm';
import { preparedFor, type DbOrTx } from '../../db/client.ts';
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

/** One page of (id, storage name, recorded at) in id order, after `afterId`: lets a sweep walk every row in bounded memory. */
export async function storageNamesPage(db: DbOrTx, afterId: string | null, limit: number): Promise<{ id: string; storageName: string; createdAt: Date }[]> {
  // Built once: a sweep asks it a thousand times over half a million rows.
  const statement = preparedFor(db, `files_storage_names_page${afterId ? '_after' : ''}`, (name) =>
    db
      .select({ id: files.id, storageName: files.storageName, createdAt: files.createdAt })
      .from(files)
      .where(afterId ? gt(files.id, sql.placeholder('after')) : undefined)
      .orderBy(asc(files.id))
      .limit(sql.placeholder('limit'))
      .prepare(name),
  );
  return statement.execute({ after: afterId, limit });
}
