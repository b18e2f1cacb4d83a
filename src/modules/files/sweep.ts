import fs from 'node:fs';
import path from 'node:path';
import type { AppContext } from '../../app-context.ts';
import type { Db } from '../../db/client.ts';
import * as audit from '../audit/index.ts';
import * as repo from './repository.ts';
import type { Config } from '../../config.ts';
import { attachmentStore, incomingDir } from './storage.ts';

export interface SweepResult {
  /** Partial uploads removed from `files/.incoming`. */
  partialUploads: number;
  /** Stored bytes no `files` row names, removed. */
  orphans: number;
  /**
   * How many `files` rows name bytes that are missing. Reported, never deleted: records link them,
   * and an upload commits its row only after its bytes are in place, so this is damage to look into.
   */
  missingBytes: number;
  /** The first `MISSING_IDS_KEPT` of them, to start the inquiry with (all of them could be millions). */
  missingIds: string[];
}

const MISSING_IDS_KEPT = 100;

/** Listed names handled per step: what the sweep holds of the store's listing at a time. */
const CHUNK = 500;

/** Whether the file at `full` was last written at or before `cutoff` (ms); false when it is gone. */
function settled(full: string, cutoff: number): boolean {
  const stat = fs.statSync(full, { throwIfNoEntry: false });
  return stat !== undefined && stat.isFile() && stat.mtimeMs <= cutoff;
}

/**
 * Removes what a crash (kill -9, power loss) leaves behind: partial uploads in this process's local
 * spool (`files/.incoming`) and stored bytes whose row never committed, in the configured store (the
 * disk or the bucket), both only when older than `graceMinutes` (an upload in progress looks the
 * same). Run at server start and daily (`files.sweep`); audited when it removed or found anything.
 */
export async function sweepStore(
  db: Db,
  config: Pick<Config, 'dataDir' | 'storage'>,
  graceMinutes: number,
  opts: { now?: number; chunk?: number } = {},
): Promise<SweepResult> {
  const { now = Date.now(), chunk = CHUNK } = opts;
  const cutoff = now - graceMinutes * 60_000;
  const incoming = incomingDir(config.dataDir);
  const partial = fs.existsSync(incoming) ? fs.readdirSync(incoming).filter((name) => settled(path.join(incoming, name), cutoff)) : [];
  for (const name of partial) await fs.promises.rm(path.join(incoming, name), { force: true });

  const store = attachmentStore(config);
  // The listing goes into a temporary table a chunk at a time and is compared with the rows there:
  // one transaction (one pooled connection, for as long as the listing takes).
  const { orphans, missingBytes, missingIds } = await db.transaction(async (tx) => {
    await repo.createListedNames(tx);
    let listed: { storageName: string; settled: boolean }[] = [];
    for await (const { storageName, modifiedMs } of store.list()) {
      listed.push({ storageName, settled: modifiedMs <= cutoff });
      if (listed.length === chunk) {
        await repo.addListedNames(tx, listed);
        listed = [];
      }
    }
    await repo.addListedNames(tx, listed);

    // An upload stores its bytes before its row's transaction begins (the row's `created_at`), so a
    // row recorded by the cutoff names bytes the listing (begun after it) saw. Only a newer row may
    // name bytes stored after the listing: the store is asked about those alone, never every row.
    const unlisted = await repo.unlistedRows(tx, new Date(cutoff), MISSING_IDS_KEPT);
    const recentMissing: string[] = [];
    for (const row of unlisted.recent) if (!(await store.exists(row.storageName))) recentMissing.push(row.id);
    const missing = [...unlisted.firstSettledIds, ...recentMissing].sort().slice(0, MISSING_IDS_KEPT);

    await repo.dropRecordedNames(tx);
    let removed = 0;
    for (let after = ''; ; ) {
      const names = await repo.orphanNamesPage(tx, after, chunk);
      if (!names.length) break;
      for (const name of names) await store.remove(name);
      removed += names.length;
      after = names.at(-1)!;
    }
    return { orphans: removed, missingBytes: unlisted.settled + recentMissing.length, missingIds: missing };
  });

  const result = { partialUploads: partial.length, orphans, missingBytes, missingIds };
  if (partial.length || orphans || missingBytes)
    await audit.record(db, audit.SYSTEM_CONTEXT, {
      action: 'file.sweep',
      objectType: 'file',
      result: missingBytes ? 'failure' : 'success',
      detail: { partialUploads: partial.length, orphans, missingBytes, missingIds },
    });
  return result;
}

const DAY_MS = 24 * 3600_000;

/** Runs the sweep daily on the job queue; every start asks for the next run (the queue keeps only one waiting). */
export async function startSweepWorker(ctx: AppContext): Promise<void> {
  const scheduleNext = () => ctx.jobs.send('files.sweep', {}, { startAfter: new Date(Date.now() + DAY_MS) });
  await ctx.jobs.work('files.sweep', async () => {
    // Scheduled first, so a failing sweep (retried by the queue) does not end the daily runs.
    await scheduleNext();
    await sweepStore(ctx.db, ctx.config, ctx.config.filesSweepGraceMinutes);
  });
  await scheduleNext();
}
