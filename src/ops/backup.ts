import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { AppContext } from '../app-context.ts';
import * as audit from '../modules/audit/index.ts';
import type { AuditContext } from '../modules/audit/index.ts';
import { recordedAttachments } from '../modules/files/index.ts';
import { AppError } from '../shared/errors.ts';
import { VERSION } from '../shared/version.ts';
import { appliedMigration, storeTables, type MigrationId } from './catalogue.ts';
import { filesDir, refuseObjectStorage } from './files.ts';
import { FORMAT, FORMAT_VERSION, LineDigest, type FileDigest, type Header, type TableDigest } from './format.ts';
import * as repo from './repository.ts';

/** Attachment bytes per chunk line (a multiple of 3, so base64 needs no padding mid-file). */
const CHUNK_BYTES = 48 * 1024;

export interface BackupSummary {
  file: string;
  /** sha256 of the backup file itself, also written to the audit log. */
  sha256: string;
  bytes: number;
  migration: MigrationId;
  tables: TableDigest[];
  files: FileDigest[];
}

/** Gzip'd lines to a file, honouring back-pressure. */
class LineWriter {
  private readonly gzip = createGzip();
  private readonly file: fs.WriteStream;
  private readonly done: Promise<void>;
  constructor(target: string) {
    // 0600: the backup holds password hashes, second-factor secrets and personal data.
    this.file = fs.createWriteStream(target, { flags: 'wx', mode: 0o600 });
    this.done = pipeline(this.gzip, this.file);
    // Handled here so a failure between writes is not an unhandled rejection; writes and end() still see it.
    this.done.catch(() => undefined);
  }
  async write(record: unknown): Promise<void> {
    await this.writeLine(JSON.stringify(record));
  }
  async writeLine(line: string): Promise<void> {
    // Wait for the buffer to drain, or for the pipeline to fail (a full disk), whichever comes first.
    if (!this.gzip.write(`${line}\n`)) await Promise.race([once(this.gzip, 'drain'), this.done]);
  }
  async end(): Promise<void> {
    this.gzip.end();
    await this.done;
  }
  async abort(err: unknown): Promise<void> {
    this.gzip.destroy(err instanceof Error ? err : new Error(String(err)));
    await this.done.catch(() => undefined);
    // The pipeline settles before the file stream is done: an early abort finds it still opening
    // (it then creates the file), so the caller's removal must wait for the close. Not `once`: it
    // would reject on the stream's own copy of the error.
    if (!this.file.closed) await new Promise<void>((resolve) => this.file.once('close', () => resolve()));
  }
}

async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file) as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest('hex');
}

async function writeAttachments(out: LineWriter, root: string, relatives: readonly string[]): Promise<FileDigest[]> {
  const digests: FileDigest[] = [];
  for (const relative of relatives) {
    const full = path.join(root, relative);
    await out.write({ file: relative, size: fs.statSync(full).size });
    const hash = createHash('sha256');
    let size = 0;
    for await (const chunk of fs.createReadStream(full, { highWaterMark: CHUNK_BYTES }) as AsyncIterable<Buffer>) {
      hash.update(chunk);
      size += chunk.length;
      await out.write({ chunk: chunk.toString('base64') });
    }
    digests.push({ path: relative, size, sha256: hash.digest('hex') });
  }
  return digests;
}

/**
 * Writes every table of the schema (one consistent snapshot: a repeatable-read, read-only
 * transaction) and every attachment a `files` row of that snapshot names to `file`, then records the backup in the audit log. pg-boss's
 * `pgboss` schema is left out on purpose: queued jobs are derived work (mail lives in the outbox
 * table) and its schema is recreated at start. The file appears only when complete.
 */
export async function createBackup(ctx: AppContext, file: string, actor: AuditContext): Promise<BackupSummary> {
  refuseObjectStorage(ctx.config, 'backup');
  const target = path.resolve(file);
  if (fs.existsSync(target))
    throw new AppError('CONFLICT', { zh: `文件已存在，不会覆盖：${target}`, en: `file exists, not overwritten: ${target}` });
  const partial = `${target}.${randomBytes(4).toString('hex')}.partial`;
  const out = new LineWriter(partial);
  let written: Pick<BackupSummary, 'migration' | 'tables' | 'files'>;
  try {
    written = await ctx.db.transaction(
      async (tx) => {
        await repo.useCanonicalTextOutput(tx);
        const migration = await appliedMigration(tx);
        const header: Header = {
          format: FORMAT,
          version: FORMAT_VERSION,
          createdAt: new Date().toISOString(),
          appVersion: VERSION,
          source: ctx.database.kind,
          migration,
        };
        await out.write(header);
        const tables: TableDigest[] = [];
        for (const t of await storeTables(tx)) {
          await out.write({ table: t.name, columns: t.columns.map((c) => c.name) });
          const digest = new LineDigest();
          for await (const line of repo.tableLines(tx, t.name, t.columns)) {
            digest.add(line);
            await out.writeLine(line);
          }
          tables.push(digest.result(t.name));
        }
        // Read while the snapshot is held, so every attachment the rows mention is on disk already.
        // Only those: partial uploads and bytes whose row never committed are crash leftovers.
        const files = await writeAttachments(out, filesDir(ctx.config.dataDir), await recordedAttachments(tx, ctx.config.dataDir));
        await out.write({ manifest: { tables, files } });
        return { migration, tables, files };
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    await out.end();
    fs.renameSync(partial, target);
  } catch (err) {
    await out.abort(err);
    fs.rmSync(partial, { force: true });
    throw err;
  }
  const { migration, tables, files } = written;
  const summary: BackupSummary = { file: target, sha256: await sha256OfFile(target), bytes: fs.statSync(target).size, ...written };
  await audit.record(ctx.db, actor, {
    action: 'backup.create',
    detail: {
      file: target,
      sha256: summary.sha256,
      migration: migration.tag,
      rows: tables.reduce((n, t) => n + t.rows, 0),
      files: files.length,
    },
  });
  return summary;
}
