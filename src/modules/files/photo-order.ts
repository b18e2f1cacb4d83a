import { eq, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Tx } from '../../db/client.ts';
import { fieldError } from '../../shared/errors.ts';

/**
 * A module's table of the photos shown on its records, in order: one row per (owner, file) with a
 * 1-based position (a resource's photos, a held event's photos). The ordering below is the same for
 * each, so it lives beside the files the rows point at.
 */
export interface PhotoLinks {
  table: PgTable;
  owner: PgColumn;
  fileId: PgColumn;
  position: PgColumn;
}

/** Sets the owner's photos' positions to 1…n in the order given, in one statement. */
export async function writePhotoOrder(tx: Tx, links: PhotoLinks, ownerId: string, fileIds: readonly string[]): Promise<void> {
  if (!fileIds.length) return;
  const positions = sql.join(
    fileIds.map((id, i) => sql`(${id}::uuid, ${i + 1}::int)`),
    sql`, `,
  );
  await tx.execute(sql`update ${links.table} set ${sql.identifier(links.position.name)} = o.position
    from (values ${positions}) as o(file_id, position)
    where ${links.owner} = ${ownerId} and ${links.fileId} = o.file_id`);
}

/**
 * Puts the owner's photos in a new order, inside the caller's transaction (which holds the owner's
 * row lock): the list must name each of the owner's photos exactly once, else a 400 on
 * `body.fileIds` worded with `owner` (该资源 / the resource).
 */
export async function reorderLinkedPhotos(tx: Tx, links: PhotoLinks, ownerId: string, fileIds: readonly string[], owner: { zh: string; en: string }): Promise<void> {
  const current = new Set((await tx.select({ fileId: links.fileId }).from(links.table).where(eq(links.owner, ownerId))).map((r) => String(r.fileId)));
  if (new Set(fileIds).size !== fileIds.length || fileIds.length !== current.size || fileIds.some((id) => !current.has(id)))
    throw fieldError('body.fileIds', `应列出${owner.zh}的每张照片各一次`, `list each of ${owner.en}’s photos exactly once`);
  await writePhotoOrder(tx, links, ownerId, fileIds);
}
