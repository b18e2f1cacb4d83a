import type { Readable } from 'node:stream';
import type { Config } from '../../config.ts';
import type { Db, DbOrTx, Tx } from '../../db/client.ts';
import { AppError, fieldError, notFound } from '../../shared/errors.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import type { Actor } from '../../shared/actor.ts';
import { can, type FileAction } from './policy.ts';
import * as repo from './repository.ts';
import { FILE_KINDS, type FileKind } from './schema.ts';
import { attachmentStore, FILE_TYPES, kindFromName, listStored, sanitiseFileName, storeUpload, type StoredFile } from './storage.ts';

/** What other modules and the API see of a file; the storage name never leaves this module. */
export interface FileMeta {
  id: string;
  originalName: string;
  kind: repo.FileRow['kind'];
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  ownerOrgId: string | null;
  uploadedBy: string | null;
  createdAt: string;
}

const present = (f: repo.FileRow): FileMeta => ({
  id: f.id,
  originalName: f.originalName,
  kind: f.kind,
  mimeType: f.mimeType,
  sizeBytes: f.sizeBytes,
  sha256: f.sha256,
  ownerOrgId: f.ownerOrgId,
  uploadedBy: f.uploadedBy,
  createdAt: f.createdAt.toISOString(),
});

export interface IncomingFile {
  /** The name the client sent; kept as metadata only. */
  filename: string;
  stream: Readable;
}

const typeRefused = (field: string, kinds: readonly FileKind[]) => {
  const names = kinds.map((k) => (k === 'jpeg' ? 'JPG' : k.toUpperCase()));
  return new AppError('FILE_TYPE_REFUSED', { fields: [{ field, message: `仅限 ${names.join('、')} 文件`, messageEn: `${names.join(', ')} only` }] });
};

/**
 * Stores an upload for the actor's organisation: extension on the allowlist, bytes matching it,
 * within the size limit. The row and its audit entry commit together; if they cannot, the bytes go too.
 */
export async function uploadFile(db: Db, config: Config, ctx: AuditContext, actor: Actor, incoming: IncomingFile): Promise<FileMeta> {
  return storeChecked(db, config, ctx, incoming, { uploadedBy: actor.userId, ownerOrgId: actor.org.id, field: 'body.file', kinds: FILE_KINDS }, async () => undefined).then((r) => r.file);
}

/**
 * An upload by someone without an account (evidence of an objection to a public notice): the same
 * checks, `kinds` narrowing the allowlist, and no owner, so no one reads it through the file routes.
 * `link` runs in the transaction that records the file: the caller's record commits with it or
 * neither does (and the bytes go), and reads it only through `openLinkedFile`.
 */
export async function storePublicUpload<T>(
  db: Db,
  config: Config,
  ctx: AuditContext,
  incoming: IncomingFile,
  opts: { field: string; kinds: readonly FileKind[] },
  link: (tx: Tx, file: FileMeta) => Promise<T>,
): Promise<T> {
  return storeChecked(db, config, ctx, incoming, { uploadedBy: null, ownerOrgId: null, ...opts }, link).then((r) => r.linked);
}

/** Both uploads: checks and stores the bytes, then records the file, its audit row and the caller's link in one transaction. */
async function storeChecked<T>(
  db: Db,
  config: Config,
  ctx: AuditContext,
  incoming: IncomingFile,
  owner: { uploadedBy: string | null; ownerOrgId: string | null; field: string; kinds: readonly FileKind[] },
  link: (tx: Tx, file: FileMeta) => Promise<T>,
): Promise<{ file: FileMeta; linked: T }> {
  const found = kindFromName(incoming.filename);
  const kind = found && owner.kinds.includes(found) ? found : null;
  let stored: StoredFile;
  try {
    if (!kind) {
      // Read the refused part to its end so the request completes and the answer reaches the client.
      incoming.stream.resume();
      throw typeRefused(owner.field, owner.kinds);
    }
    stored = await storeUpload(config, incoming.stream, kind, config.uploadMaxBytes);
  } catch (err) {
    // A disguised or oversized file is worth a trace (SECURITY-CHECKLIST 11); its name is not kept.
    if (err instanceof AppError)
      await audit.record(db, ctx, { action: 'file.upload', objectType: 'file', result: 'failure', detail: { reason: err.code, claimedKind: found } });
    throw err;
  }
  try {
    return await db.transaction(async (tx) => {
      const created = await repo.insertFile(tx, {
        originalName: sanitiseFileName(incoming.filename, kind),
        kind,
        mimeType: FILE_TYPES[kind].mimeType,
        sizeBytes: stored.sizeBytes,
        sha256: stored.sha256,
        storageName: stored.storageName,
        uploadedBy: owner.uploadedBy,
        ownerOrgId: owner.ownerOrgId,
      });
      await audit.recordInTx(tx, ctx, {
        action: 'file.upload',
        objectType: 'file',
        objectId: created.id,
        detail: { kind, sizeBytes: stored.sizeBytes, sha256: stored.sha256 },
      });
      const file = present(created);
      return { file, linked: await link(tx, file) };
    });
  } catch (err) {
    await attachmentStore(config).remove(stored.storageName);
    throw err;
  }
}

async function loadFor(db: Db, actor: Actor, action: FileAction, id: string): Promise<repo.FileRow> {
  const file = await repo.findFile(db, id);
  if (!file || !can(actor, action, file)) throw notFound({ zh: '文件不存在', en: 'No such file' });
  return file;
}

export async function getFile(db: Db, actor: Actor, id: string): Promise<FileMeta> {
  return present(await loadFor(db, actor, 'file.read', id));
}

/** Audits the download, then hands out the bytes. */
export async function openDownload(db: Db, config: Config, ctx: AuditContext, actor: Actor, id: string) {
  return openStored(db, config, ctx, await loadFor(db, actor, 'file.read', id));
}

/** Metadata of files linked to a record the caller has authorised (no bytes, no owner rule). */
export async function linkedFileMeta(db: Db, ids: readonly string[]): Promise<FileMeta[]> {
  return (await repo.findFiles(db, [...new Set(ids)])).map(present);
}

/**
 * For a module that has itself authorised the record a file is linked to (an application a reviewer
 * may read, a published call's documents): opens the file without the owner-only rule, audited
 * with the record it was reached through.
 */
export async function openLinkedFile(db: Db, config: Config, ctx: AuditContext, id: string, via: { objectType: string; objectId: string }) {
  const file = await repo.findFile(db, id);
  if (!file) throw notFound({ zh: '文件不存在', en: 'No such file' });
  return openStored(db, config, ctx, file, via);
}

async function openStored(db: Db, config: Config, ctx: AuditContext, file: repo.FileRow, via?: { objectType: string; objectId: string }) {
  const stream = await attachmentStore(config).open(file.storageName);
  try {
    await audit.record(db, ctx, { action: 'file.download', objectType: 'file', objectId: file.id, detail: { sha256: file.sha256, ...(via ? { via } : {}) } });
  } catch (err) {
    stream.destroy();
    throw err;
  }
  return { meta: present(file), stream };
}

/**
 * For modules that link files to their records (evidence, reports): every id must be a file the
 * actor may act on this way, else 404 naming no file. Returns them in the order asked.
 */
export async function authoriseFiles(db: Db, actor: Actor, action: FileAction, ids: readonly string[]): Promise<FileMeta[]> {
  const unique = [...new Set(ids)];
  const rows = await repo.findFiles(db, unique);
  const byId = new Map(rows.filter((f) => can(actor, action, f)).map((f) => [f.id, f]));
  if (unique.some((id) => !byId.has(id))) throw notFound({ zh: '文件不存在', en: 'No such file' });
  return unique.map((id) => present(byId.get(id)!));
}

const PHOTO_KINDS: readonly string[] = ['jpeg', 'png'];
/** A shown photo's size cap: below the general upload limit, a page shows several at once. */
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;

/**
 * A file the actor may attach, checked as a photo to show on a page (a resource's, an event's): a
 * JPG or PNG (the kind was decided from the magic bytes at upload) within PHOTO_MAX_BYTES; a 400
 * naming `field` otherwise.
 */
export async function authorisePhoto(db: Db, actor: Actor, fileId: string, field = 'body.fileId'): Promise<FileMeta> {
  const [file] = await authoriseFiles(db, actor, 'file.attach', [fileId]);
  if (!PHOTO_KINDS.includes(file!.kind)) throw fieldError(field, '照片仅限 JPG、PNG 图片', 'photos must be JPG or PNG images');
  if (file!.sizeBytes > PHOTO_MAX_BYTES) throw fieldError(field, `照片不能超过 ${PHOTO_MAX_BYTES / 1024 / 1024} MB`, `a photo may be at most ${PHOTO_MAX_BYTES / 1024 / 1024} MB`);
  return file!;
}

/**
 * The stored files a `files` row names (storage names, sorted): what a backup carries. Partial
 * uploads and bytes whose row never committed are left out. Called in the backup's snapshot
 * transaction, files uploaded after the snapshot are left out too.
 */
export async function recordedAttachments(db: DbOrTx, dataDir: string): Promise<string[]> {
  const stored = listStored(dataDir);
  const known = await repo.existingStorageNames(db, stored);
  return stored.filter((name) => known.has(name));
}
