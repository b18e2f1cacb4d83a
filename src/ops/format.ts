import { createHash, type Hash } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../shared/errors.ts';

/**
 * The backup file: one gzip'd stream of JSON lines, readable with `zcat file | head`.
 *
 *   {"format":"hatchery-backup","version":1,…}           header: app version, source, schema migration
 *   {"table":"organisations","columns":["id",…]}          then that table's rows, in primary-key order,
 *   ["6f1c…","沈阳市科学技术局",…]                          one JSON array of PostgreSQL text values each
 *   {"file":"ab/cd.pdf","size":1234}                      then each attachment under <dataDir>/files,
 *   {"chunk":"JVBERi0xLjcK…"}                             as base64 chunks
 *   {"manifest":{"tables":[…],"files":[…]}}               last: row counts and sha256 of every table and file
 *
 * Tables come in foreign-key order, so a restore inserts them as they arrive. A table's sha256 is
 * over its row lines, each followed by "\n"; a file's over its bytes. A file cut short has no
 * manifest and is refused.
 */
export const FORMAT = 'hatchery-backup';
export const FORMAT_VERSION = 1;

export const Header = z.strictObject({
  format: z.literal(FORMAT),
  version: z.literal(FORMAT_VERSION),
  createdAt: z.string(),
  appVersion: z.string(),
  source: z.enum(['pglite', 'postgres']),
  migration: z.strictObject({ tag: z.string(), when: z.number() }),
});
export type Header = z.infer<typeof Header>;

const TableStart = z.strictObject({ table: z.string().min(1), columns: z.array(z.string().min(1)).min(1) });
const FileStart = z.strictObject({ file: z.string().min(1), size: z.number().int().min(0) });
const Chunk = z.strictObject({ chunk: z.base64() });

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);
export const TableDigest = z.strictObject({ name: z.string(), rows: z.number().int().min(0), sha256: Sha256 });
export const FileDigest = z.strictObject({ path: z.string(), size: z.number().int().min(0), sha256: Sha256 });
export type TableDigest = z.infer<typeof TableDigest>;
export type FileDigest = z.infer<typeof FileDigest>;

export const Manifest = z.strictObject({ tables: z.array(TableDigest), files: z.array(FileDigest) });
export type Manifest = z.infer<typeof Manifest>;

const Control = z.union([TableStart, FileStart, Chunk, z.strictObject({ manifest: Manifest })]);

export type BackupRecord =
  | { kind: 'row'; values: (string | null)[] }
  | { kind: 'table'; table: string; columns: string[] }
  | { kind: 'file'; path: string; size: number }
  | { kind: 'chunk'; data: Buffer }
  | { kind: 'manifest'; manifest: Manifest };

export const badBackup = (lineNo: number, zh: string, en: string) =>
  new AppError('BAD_REQUEST', { zh: `备份文件第 ${lineNo} 行：${zh}`, en: `backup file line ${lineNo}: ${en}` });

/** Parses one line after the header; throws naming the line when it is not a record of this format. */
export function parseRecord(line: string, lineNo: number): BackupRecord {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw badBackup(lineNo, '不是有效的 JSON', 'not valid JSON');
  }
  if (Array.isArray(value)) {
    if (!value.every((v) => v === null || typeof v === 'string')) throw badBackup(lineNo, '行数据只能是文本或 null', 'row values must be strings or null');
    return { kind: 'row', values: value };
  }
  const parsed = Control.safeParse(value);
  if (!parsed.success) throw badBackup(lineNo, '无法识别的记录', 'unrecognised record');
  const r = parsed.data;
  if ('table' in r) return { kind: 'table', table: r.table, columns: r.columns };
  if ('file' in r) return { kind: 'file', path: r.file, size: r.size };
  if ('chunk' in r) return { kind: 'chunk', data: Buffer.from(r.chunk, 'base64') };
  return { kind: 'manifest', manifest: r.manifest };
}

/** Row count and sha256 of a table's lines, fed one line at a time. */
export class LineDigest {
  rows = 0;
  private readonly hash: Hash = createHash('sha256');
  add(line: string): void {
    this.hash.update(line).update('\n');
    this.rows++;
  }
  result(name: string): TableDigest {
    return { name, rows: this.rows, sha256: this.hash.digest('hex') };
  }
}

/**
 * A relative attachment path from a backup, checked before anything is written: POSIX separators,
 * no empty, `.` or `..` segments, nothing absolute, so a crafted backup cannot write outside the store.
 */
export function safeRelativePath(p: string, lineNo: number): string {
  const segments = p.split('/');
  if (p.includes('\\') || p.includes('\0') || segments.some((s) => s === '' || s === '.' || s === '..'))
    throw badBackup(lineNo, `附件路径不安全：${p}`, `unsafe attachment path: ${p}`);
  return p;
}

/** Lists differences between what a manifest promises and what was found, for one error message. */
export function digestDifferences<T extends TableDigest | FileDigest>(expected: Map<string, T>, found: Map<string, T>): string[] {
  const problems: string[] = [];
  for (const [name, e] of expected) {
    const f = found.get(name);
    const same = f && (Object.keys(e) as (keyof T)[]).every((k) => e[k] === f[k]);
    if (!f) problems.push(`${name}: missing`);
    else if (!same) problems.push(`${name}: expected ${JSON.stringify(e)}, found ${JSON.stringify(f)}`);
  }
  for (const name of found.keys()) if (!expected.has(name)) problems.push(`${name}: not in the manifest`);
  return problems;
}
