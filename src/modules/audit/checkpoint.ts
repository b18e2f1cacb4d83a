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

function readCheckpointFile(dataDir: string): Checkpoint | undefined {
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

/** The checkpoint file is written at most this often while the chain grows (the sealer takes one per batch). */
const WRITE_INTERVAL_MS = 1000;

/**
 * Per data dir: the newest checkpoint this process took and has not yet written, the timer that
 * will write it, and the write under way (one at a time).
 */
interface Unwritten {
  head?: Checkpoint;
  timer?: NodeJS.Timeout;
  writing: Promise<void>;
}
const unwritten = new Map<string, Unwritten>();

/** The latest checkpoint: the file's, or the newer one this process took and has yet to write. */
export function readCheckpoint(dataDir: string): Checkpoint | undefined {
  const onDisk = readCheckpointFile(dataDir);
  const mine = unwritten.get(dataDir)?.head;
  return mine && (!onDisk || mine.rows > onDisk.rows) ? mine : onDisk;
}

/**
 * Writes what `advanceCheckpoint` took, off the event loop, never replacing a newer head (sealers of
 * several processes sharing the data dir may finish out of order), atomically (temporary file, rename).
 */
function writeUnwritten(dataDir: string, entry: Unwritten): Promise<void> {
  clearTimeout(entry.timer);
  entry.timer = undefined;
  // A write that failed (logged where it was started) does not stop the next one.
  entry.writing = entry.writing.catch(() => undefined).then(async () => {
    const head = entry.head;
    if (!head) return;
    const file = checkpointFile(dataDir);
    const onDisk = await fs.promises.readFile(file, 'utf8').then((text) => JSON.parse(text) as Checkpoint, () => undefined);
    if (!onDisk || onDisk.rows < head.rows) {
      await fs.promises.mkdir(path.dirname(file), { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      await fs.promises.writeFile(temporary, JSON.stringify(head), { mode: 0o600 });
      await fs.promises.rename(temporary, file);
    }
    if (entry.head === head) entry.head = undefined;
  });
  return entry.writing;
}

/**
 * Takes a newer head as the latest checkpoint: `readCheckpoint` in this process sees it at once, the
 * file gets the last one taken within `WRITE_INTERVAL_MS`, and `flushCheckpoint` writes it now
 * (shutdown). Never goes back to an older head.
 */
export function advanceCheckpoint(dataDir: string, next: Checkpoint): void {
  const current = readCheckpoint(dataDir);
  if (current && current.rows >= next.rows) return;
  let entry = unwritten.get(dataDir);
  if (!entry) unwritten.set(dataDir, (entry = { writing: Promise.resolve() }));
  entry.head = next;
  if (entry.timer) return;
  const scheduled = entry;
  entry.timer = setTimeout(() => {
    writeUnwritten(dataDir, scheduled).catch((err: Error) => console.error(`审计检查点写入失败 / audit checkpoint not written: ${err.message}`));
  }, WRITE_INTERVAL_MS);
  entry.timer.unref();
}

/** Writes the checkpoint taken and not yet written, now (before the process stops, after a new baseline). */
export async function flushCheckpoint(dataDir: string): Promise<void> {
  const entry = unwritten.get(dataDir);
  if (entry) await writeUnwritten(dataDir, entry);
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
export async function dropCheckpoint(dataDir: string): Promise<void> {
  const entry = unwritten.get(dataDir);
  if (entry) {
    clearTimeout(entry.timer);
    entry.timer = undefined;
    entry.head = undefined;
    await entry.writing;
  }
  fs.rmSync(checkpointFile(dataDir), { force: true });
}

export function appendCheckpointHistory(dataDir: string, entry: Checkpoint & { event: string }): void {
  fs.mkdirSync(folder(dataDir), { recursive: true });
  fs.appendFileSync(checkpointHistoryFile(dataDir), `${JSON.stringify(entry)}\n`, { mode: 0o600 });
}
