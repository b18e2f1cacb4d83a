import fs from 'node:fs';
import path from 'node:path';
import type { Checkpoint } from './chain.ts';

/**
 * The chain's head kept outside the database, under the data dir: a writer of the table who deletes
 * the newest rows leaves every remaining link intact, but not the row count and head MAC recorded here.
 */
const folder = (dataDir: string) => path.join(dataDir, 'audit');
export const checkpointFile = (dataDir: string) => path.join(folder(dataDir), 'checkpoint.json');
/** One line per checkpoint taken by the daily job, by a restore or by a reset: what the head was, and when. */
export const checkpointHistoryFile = (dataDir: string) => path.join(folder(dataDir), 'checkpoints.jsonl');

export function readCheckpoint(dataDir: string): Checkpoint | undefined {
  const file = checkpointFile(dataDir);
  if (!fs.existsSync(file)) return undefined;
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Checkpoint;
}

/**
 * Replaces the latest checkpoint, never with an older head (sealers of several processes sharing
 * the data dir may finish out of order). Written to a temporary file and renamed, so a crash never
 * leaves half a checkpoint.
 */
export function advanceCheckpoint(dataDir: string, next: Checkpoint): void {
  const current = readCheckpoint(dataDir);
  if (current && current.rows >= next.rows) return;
  fs.mkdirSync(folder(dataDir), { recursive: true });
  const file = checkpointFile(dataDir);
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify(next), { mode: 0o600 });
  fs.renameSync(temporary, file);
}

/** Forgets the latest checkpoint, so the next seal takes the chain as it stands (restore, deliberate reset). */
export function dropCheckpoint(dataDir: string): void {
  fs.rmSync(checkpointFile(dataDir), { force: true });
}

export function appendCheckpointHistory(dataDir: string, entry: Checkpoint & { event: string }): void {
  fs.mkdirSync(folder(dataDir), { recursive: true });
  fs.appendFileSync(checkpointHistoryFile(dataDir), `${JSON.stringify(entry)}\n`, { mode: 0o600 });
}
