import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import type { AppContext } from '../app-context.ts';
import type { Tx } from '../db/client.ts';
import * as audit from '../modules/audit/index.ts';
import type { AuditContext, VerifyResult } from '../modules/audit/index.ts';
import { AppError } from '../shared/errors.ts';
import { appliedMigration, REFERENCE_ROWS, storeTables, type StoreTable } from './catalogue.ts';
import { digestTables } from './digest.ts';
import { filesDir, listFiles, refuseObjectStorage } from './files.ts';
import {
  badBackup,
  digestDifferences,
  FORMAT,
  Header,
  LineDigest,
  parseRecord,
  safeRelativePath,
  type FileDigest,
  type Manifest,
  type TableDigest,
} from './format.ts';
import * as repo from './repository.ts';

/** Rows per INSERT statement. */
const BATCH_ROWS = 500;

export interface RestoreOptions {
  /** Replace whatever the target holds (tables and attachments) instead of refusing. */
  force?: boolean;
}

export interface RestoreSummary {
  file: string;
  sha256: string;
  header: Header;
  tables: TableDigest[];
  files: FileDigest[];
  /** The restored audit chain, checked before the restore's own audit row was added. */
  auditChain: VerifyResult;
}

async function* linesOf(chunks: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of chunks) {
    rest += decoder.write(chunk);
    let start = 0;
    for (let nl = rest.indexOf('\n'); nl >= 0; nl = rest.indexOf('\n', start)) {
      yield rest.slice(start, nl);
      start = nl + 1;
    }
    rest = rest.slice(start);
  }
  rest += decoder.end();
  if (rest) yield rest;
}

/** Hashes the raw (compressed) bytes as they pass, so the file is read once. */
function hashingTap(hash: ReturnType<typeof createHash>) {
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
}

const refuse = (zh: string, en: string) => new AppError('CONFLICT', { zh, en });

/** Applies the records of one backup stream to an open transaction, checking each against the target. */
class Loader {
  header: Header | undefined;
  manifest: Manifest | undefined;
  readonly tables = new Map<string, TableDigest>();
  readonly files = new Map<string, FileDigest>();
  private table: { store: StoreTable; columns: StoreTable['columns']; digest: LineDigest; batch: string[] } | undefined;
  private file: { path: string; size: number; fd: number; hash: ReturnType<typeof createHash>; written: number } | undefined;
  private lineNo = 0;

  constructor(
    private readonly tx: Tx,
    private readonly target: Map<string, StoreTable>,
    private readonly targetMigration: { tag: string; when: number },
    private readonly staging: string,
  ) {}

  async line(text: string): Promise<void> {
    this.lineNo++;
    if (this.manifest) throw badBackup(this.lineNo, '清单之后不应再有内容', 'content after the manifest');
    if (!this.header) return this.start(text);
    const record = parseRecord(text, this.lineNo);
    if (record.kind === 'row') return this.row(text, record.values);
    if (record.kind === 'chunk') return this.chunk(record.data);
    await this.finishTable();
    this.finishFile();
    if (record.kind === 'table') this.startTable(record.table, record.columns);
    else if (record.kind === 'file') this.startFile(record.path, record.size);
    else this.manifest = record.manifest;
  }

  private start(text: string) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      value = undefined;
    }
    const header = Header.safeParse(value);
    if (!header.success)
      throw badBackup(this.lineNo, `不是 ${FORMAT} 格式的备份，或版本不受支持`, `not a ${FORMAT} file, or an unsupported version`);
    const { migration } = header.data;
    if (migration.when !== this.targetMigration.when)
      throw refuse(
        `备份的数据库结构版本（${migration.tag}）与本程序（${this.targetMigration.tag}）不同；请用相同版本的程序恢复后再升级`,
        `the backup's schema (${migration.tag}) differs from this program's (${this.targetMigration.tag}); restore with the matching version, then upgrade`,
      );
    this.header = header.data;
  }

  private startTable(name: string, columns: string[]) {
    const store = this.target.get(name);
    if (!store || this.tables.has(name)) throw badBackup(this.lineNo, `未知或重复的表：${name}`, `unknown or repeated table: ${name}`);
    const byName = new Map(store.columns.map((c) => [c.name, c]));
    const ordered = columns.map((c) => byName.get(c));
    if (columns.length !== store.columns.length || ordered.some((c) => !c) || new Set(columns).size !== columns.length)
      throw badBackup(this.lineNo, `表 ${name} 的列与当前数据库不一致`, `the columns of ${name} do not match this database`);
    this.table = { store, columns: ordered as StoreTable['columns'], digest: new LineDigest(), batch: [] };
  }

  private async row(text: string, values: (string | null)[]) {
    const t = this.table;
    if (!t) throw badBackup(this.lineNo, '行数据不属于任何表', 'row outside a table');
    if (values.length !== t.columns.length) throw badBackup(this.lineNo, `表 ${t.store.name} 的行列数不对`, `wrong number of values for ${t.store.name}`);
    t.digest.add(text);
    t.batch.push(text);
    if (t.batch.length >= BATCH_ROWS) await this.flush();
  }

  private async flush() {
    const t = this.table!;
    if (t.batch.length) await repo.insertLines(this.tx, t.store.name, t.columns, t.batch);
    t.batch = [];
  }

  private async finishTable() {
    if (!this.table) return;
    await this.flush();
    this.tables.set(this.table.store.name, this.table.digest.result(this.table.store.name));
    this.table = undefined;
  }

  private startFile(relative: string, size: number) {
    const safe = safeRelativePath(relative, this.lineNo);
    if (this.files.has(safe)) throw badBackup(this.lineNo, `重复的附件：${safe}`, `repeated attachment: ${safe}`);
    const full = path.join(this.staging, safe);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    this.file = { path: safe, size, fd: fs.openSync(full, 'wx', 0o600), hash: createHash('sha256'), written: 0 };
  }

  private chunk(data: Buffer) {
    const f = this.file;
    if (!f) throw badBackup(this.lineNo, '附件数据不属于任何附件', 'chunk outside an attachment');
    fs.writeSync(f.fd, data);
    f.hash.update(data);
    f.written += data.length;
  }

  private finishFile() {
    const f = this.file;
    if (!f) return;
    fs.closeSync(f.fd);
    if (f.written !== f.size) throw badBackup(this.lineNo, `附件 ${f.path} 长度不符`, `attachment ${f.path} has the wrong length`);
    this.files.set(f.path, { path: f.path, size: f.written, sha256: f.hash.digest('hex') });
    this.file = undefined;
  }

  /** Checks that the stream held exactly what its manifest promises and the target expects. */
  finish(): Manifest {
    if (!this.header || !this.manifest)
      throw badBackup(this.lineNo, '文件不完整（没有清单），可能被截断', 'incomplete file (no manifest); it may be truncated');
    const problems = [
      ...digestDifferences(new Map(this.manifest.tables.map((t) => [t.name, t])), this.tables),
      ...digestDifferences(new Map(this.manifest.files.map((f) => [f.path, f])), this.files),
      ...[...this.target.keys()].filter((t) => !this.tables.has(t)).map((t) => `${t}: not in the backup`),
    ];
    if (problems.length)
      throw new AppError('BAD_REQUEST', {
        zh: `备份内容与清单不符：${problems.join('; ')}`,
        en: `the backup does not match its manifest: ${problems.join('; ')}`,
      });
    return this.manifest;
  }

  /** Closes an attachment left open by a failed run. */
  cleanup() {
    if (this.file) fs.closeSync(this.file.fd);
  }
}

/**
 * Restores a backup into this store in one transaction: refuses a target holding data (unless
 * `force`), checks the schema version, loads every table in the backup's foreign-key order with
 * user triggers off (the audit log's append-only guard would refuse clearing it, and rows are
 * copied as they were: ids and hashes unchanged), compares every table's and attachment's digest
 * with the manifest and with the data as the database now reads it back, resets sequences, and
 * records the restore as the next link of the restored audit chain. Attachments are written to a
 * staging folder and moved into place only after the commit.
 */
export async function restoreBackup(ctx: AppContext, file: string, actor: AuditContext, opts: RestoreOptions = {}): Promise<RestoreSummary> {
  refuseObjectStorage(ctx.config, 'restore');
  const source = path.resolve(file);
  if (!fs.existsSync(source)) throw new AppError('NOT_FOUND', { zh: `备份文件不存在：${source}`, en: `no such backup file: ${source}` });
  const liveFiles = filesDir(ctx.config.dataDir);
  if (!opts.force && listFiles(liveFiles).length)
    throw refuse(`目标附件目录不为空：${liveFiles}（确认覆盖请加 --force）`, `the attachment folder is not empty: ${liveFiles} (add --force to replace it)`);
  fs.mkdirSync(ctx.config.dataDir, { recursive: true });
  const staging = fs.mkdtempSync(path.join(ctx.config.dataDir, '.files-restoring-'));
  const fileHash = createHash('sha256');
  try {
    const summary = await ctx.db.transaction(async (tx) => {
      await repo.useCanonicalTextOutput(tx);
      const tables = await storeTables(tx);
      const names = tables.map((t) => t.name);
      const holding: string[] = [];
      for (const t of names) if (await repo.hasRows(tx, t, REFERENCE_ROWS[t])) holding.push(t);
      if (holding.length && !opts.force)
        throw refuse(`目标数据库已有数据（${holding.join(', ')}），恢复需要空库（确认覆盖请加 --force）`, `the target database holds data (${holding.join(', ')}); restore needs an empty one (add --force to replace it)`);
      await repo.setUserTriggers(tx, names, false);
      await repo.truncateAll(tx, names);

      const loader = new Loader(tx, new Map(tables.map((t) => [t.name, t])), await appliedMigration(tx), staging);
      const gunzip = createGunzip();
      const reading = pipeline(fs.createReadStream(source), hashingTap(fileHash), gunzip);
      try {
        for await (const line of linesOf(gunzip)) await loader.line(line);
      } catch (err) {
        // Leaving the loop early tears the pipeline down; its own error is a consequence, not the cause.
        await reading.catch(() => undefined);
        throw err;
      } finally {
        loader.cleanup();
      }
      await reading;
      const manifest = loader.finish();

      // Read back what the database now holds: proves the text round trip lost nothing.
      const readBack = new Map((await digestTables(tx, tables)).map((d) => [d.name, d]));
      const lost = digestDifferences(new Map(manifest.tables.map((t) => [t.name, t])), readBack);
      if (lost.length) throw new AppError('INTERNAL', { zh: `恢复后的数据与备份不一致：${lost.join('; ')}`, en: `restored data differs from the backup: ${lost.join('; ')}` });

      await repo.resetSequences(tx, names);
      await repo.setUserTriggers(tx, names, true);
      const auditChain = await audit.verifySealed(tx, ctx.config);
      const sha256 = fileHash.digest('hex');
      await audit.recordInTx(tx, actor, {
        action: 'backup.restore',
        detail: {
          file: source,
          sha256,
          backupCreatedAt: loader.header!.createdAt,
          rows: manifest.tables.reduce((n, t) => n + t.rows, 0),
          files: manifest.files.length,
          auditChainOk: auditChain.ok,
          replaced: holding,
        },
      });
      return { file: source, sha256, header: loader.header!, tables: manifest.tables, files: manifest.files, auditChain };
    });
    fs.rmSync(liveFiles, { recursive: true, force: true });
    fs.renameSync(staging, liveFiles);
    // The checkpoint described the chain this restore replaced.
    await audit.adoptChain(ctx, 'restore');
    return summary;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
