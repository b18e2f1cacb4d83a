import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FileDigest } from './format.ts';

/** Where attachments live (see src/modules/files/schema.ts). */
export const filesDir = (dataDir: string) => path.join(dataDir, 'files');

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
