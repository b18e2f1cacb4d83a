import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';
import { AppError } from '../shared/errors.ts';
import type { FileDigest } from './format.ts';

/** Where attachments live (see src/modules/files/schema.ts). */
export const filesDir = (dataDir: string) => path.join(dataDir, 'files');

/**
 * A backup file carries the attachments of the local disk. With object storage the bucket holds
 * them and is backed up where it lives (versioning, replication, `mc mirror`): such a deployment
 * backs up with `pg_dump` plus the bucket (README), and the backup commands refuse rather than
 * write a file missing every attachment.
 */
export function refuseObjectStorage(config: Pick<Config, 'storage'>, command: 'backup' | 'restore'): void {
  if (config.storage.kind === 'disk') return;
  throw new AppError('CONFLICT', {
    zh: `附件保存在对象存储（S3_BUCKET）中，${command} 命令只处理本地磁盘上的附件：请用 pg_dump 备份数据库，并在对象存储侧备份存储桶（版本控制或复制）`,
    en: `attachments are in object storage (S3_BUCKET) and \`${command}\` handles attachments on the local disk only: back up the database with pg_dump and the bucket where it lives (versioning or replication)`,
  });
}

/** Relative POSIX paths of every regular file below `root`, sorted; none when `root` does not exist. */
export function listFiles(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.relative(root, path.join(d.parentPath, d.name)).split(path.sep).join('/'))
    .sort();
}

export async function digestFile(root: string, relative: string): Promise<FileDigest> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of fs.createReadStream(path.join(root, relative)) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { path: relative, size, sha256: hash.digest('hex') };
}

export async function digestFiles(root: string, relatives: readonly string[]): Promise<FileDigest[]> {
  const out: FileDigest[] = [];
  for (const f of relatives) out.push(await digestFile(root, f));
  return out;
}
