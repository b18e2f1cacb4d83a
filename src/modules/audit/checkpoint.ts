import fs from 'node:fs';
import path from 'node:path';
import type { ChainLink, Checkpoint } from './chain.ts';

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

/** Written to a temporary file and renamed, so a crash never leaves half a file. */
function writeAtomically(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify(value), { mode: 0o600 });
  fs.renameSync(temporary, file);
}

/**
 * Replaces the latest checkpoint, never with an older head (sealers of several processes sharing
 * the data dir may finish out of order).
 */
export function advanceCheckpoint(dataDir: string, next: Checkpoint): void {
  const current = readCheckpoint(dataDir);
  if (current && current.rows >= next.rows) return;
  writeAtomically(checkpointFile(dataDir), next);
}

/**
 * How far the last verification pass got: the chain from the first row through `seq` verified, `hash`
 * the MAC of that row. Kept outside the database like the checkpoint, so a writer of the table cannot
 * move it; a pass interrupted (or sliced, as the HTTP check is) goes on from here.
 */
export type VerifiedMark = ChainLink & { at: string };
const verifiedFile = (dataDir: string) => path.join(folder(dataDir), 'verified.json');

export function readVerifiedMark(dataDir: string): VerifiedMark | undefined {
  const file = verifiedFile(dataDir);
  if (!fs.existsSync(file)) return undefined;
  return JSON.parse(fs.readFileSync(file, 'utf8')) as VerifiedMark;
}

export const writeVerifiedMark = (dataDir: string, mark: VerifiedMark) => writeAtomically(verifiedFile(dataDir), mark);

/** The chain was replaced (restore, deliberate reset): a pass over the old one proves nothing about it. */
export const dropVerifiedMark = (dataDir: string) => fs.rmSync(verifiedFile(dataDir), { force: true });

/** Forgets the latest checkpoint, so the next seal takes the chain as it stands (restore, deliberate reset). */
export function dropCheckpoint(dataDir: string): void {
  fs.rmSync(checkpointFile(dataDir), { force: true });
}

export function appendCheckpointHistory(dataDir: string, entry: Checkpoint & { event: string }): void {
  fs.mkdirSync(folder(dataDir), { recursive: true });
  fs.appendFileSync(checkpointHistoryFile(dataDir), `${JSON.stringify(entry)}\n`, { mode: 0o600 });
}
