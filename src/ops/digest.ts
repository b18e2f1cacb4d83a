import type { AppContext } from '../app-context.ts';
import type { Tx } from '../db/client.ts';
import { recordedAttachments } from '../modules/files/index.ts';
import { storeTables, type StoreTable } from './catalogue.ts';
import { digestFiles, filesDir } from './files.ts';
import { LineDigest, type FileDigest, type TableDigest } from './format.ts';
import * as repo from './repository.ts';

/** Row count and sha256 of each table, computed exactly as a backup computes them. */
export async function digestTables(tx: Tx, tables: StoreTable[]): Promise<TableDigest[]> {
  const out: TableDigest[] = [];
  for (const t of tables) {
    const digest = new LineDigest();
    for await (const line of repo.tableLines(tx, t.name, t.columns)) digest.add(line);
    out.push(digest.result(t.name));
  }
  return out;
}

/** What a backup of this store would promise: every table's and every recorded attachment's digest. */
export async function digestStore(ctx: AppContext): Promise<{ tables: TableDigest[]; files: FileDigest[] }> {
  const { tables, attachments } = await ctx.db.transaction(async (tx) => {
    await repo.useCanonicalTextOutput(tx);
    return { tables: await digestTables(tx, await storeTables(tx)), attachments: await recordedAttachments(tx, ctx.config.dataDir) };
  });
  return { tables, files: await digestFiles(filesDir(ctx.config.dataDir), attachments) };
}
