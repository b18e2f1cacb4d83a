import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { createBackup } from '../../ops/backup.ts';
import { digestStore } from '../../ops/digest.ts';
import { auditLog } from '../audit/schema.ts';
import { SYSTEM_CONTEXT } from '../audit/service.ts';
import { files } from './schema.ts';
import { filesDir, incomingDir } from './storage.ts';
import { sweepStore } from './sweep.ts';

/**
 * Crash leftovers (issue 9, breach 9): partial uploads and bytes without a row are swept after a
 * grace period, at start and daily, and never carried by a backup.
 */
let t: TestApp;
const HOUR_AGO = (Date.now() - 3600_000 - 60_000) / 1000;

beforeAll(async () => {
  // Workers on: the daily sweep is scheduled as the server would.
  t = await createTestApp({ jobs: true, env: { FILES_SWEEP_GRACE_MINUTES: '0' } });
});
afterAll(() => t.close());

const dir = () => filesDir(t.config.dataDir);
const exists = (relative: string) => fs.existsSync(path.join(dir(), relative));

/** Bytes in the store, optionally with their row, optionally last written an hour ago. */
async function plant(relative: string, opts: { row: boolean; old: boolean }): Promise<string> {
  const full = path.join(dir(), relative);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  const bytes = randomBytes(1000);
  fs.writeFileSync(full, bytes);
  if (opts.old) fs.utimesSync(full, HOUR_AGO, HOUR_AGO);
  if (opts.row)
    await t.ctx.db.insert(files).values({ originalName: 'a.pdf', kind: 'pdf', mimeType: 'application/pdf', sizeBytes: bytes.length, sha256: 'x'.repeat(64), storageName: relative });
  return relative;
}

const partial = (opts: { old: boolean }) => plant(`.incoming/${randomUUID()}.part`, { row: false, old: opts.old });

describe('the attachment sweep', () => {
  it('removes partial uploads and bytes without a row older than the grace period, keeps the rest, reports rows without bytes', async () => {
    const kept = await plant(randomUUID(), { row: true, old: true });
    const keptNested = await plant(`ab/${randomUUID()}`, { row: true, old: true });
    const orphan = await plant(randomUUID(), { row: false, old: true });
    const nestedOrphan = await plant(`cd/${randomUUID()}`, { row: false, old: true });
    const freshOrphan = await plant(randomUUID(), { row: false, old: false });
    const oldPartial = await partial({ old: true });
    const freshPartial = await partial({ old: false });
    const [lost] = await t.ctx.db
      .insert(files)
      .values({ originalName: 'lost.pdf', kind: 'pdf', mimeType: 'application/pdf', sizeBytes: 1, sha256: 'x'.repeat(64), storageName: randomUUID() })
      .returning();

    const result = await sweepStore(t.ctx.db, t.config, 60);
    expect(result).toEqual({ partialUploads: 1, orphans: 2, missingBytes: 1, missingIds: [lost!.id] });
    expect([kept, keptNested, freshOrphan, freshPartial].every(exists)).toBe(true);
    expect([orphan, nestedOrphan, oldPartial].some(exists)).toBe(false);
    const [entry] = await t.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'file.sweep'));
    expect(entry).toMatchObject({ actorUsername: 'system', result: 'failure', detail: { partialUploads: 1, orphans: 2, missingBytes: 1, missingIds: [lost!.id] } });

    // Without a grace period (a single-process restart) the fresh leftovers go too.
    await t.ctx.db.delete(files).where(eq(files.id, lost!.id));
    expect(await sweepStore(t.ctx.db, t.config, 0)).toEqual({ partialUploads: 1, orphans: 1, missingBytes: 0, missingIds: [] });
    expect([freshOrphan, freshPartial].some(exists)).toBe(false);
    expect([kept, keptNested].every(exists)).toBe(true);
    // Nothing left to do: nothing audited.
    const audited = (await t.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'file.sweep'))).length;
    expect(await sweepStore(t.ctx.db, t.config, 0)).toEqual({ partialUploads: 0, orphans: 0, missingBytes: 0, missingIds: [] });
    expect((await t.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'file.sweep'))).length).toBe(audited);
  });

  it('walks the store listing and the file rows a chunk at a time, and finds the same across chunk boundaries', async () => {
    const kept = await Promise.all([1, 2, 3, 4, 5].map(() => plant(randomUUID(), { row: true, old: true })));
    const orphans = await Promise.all([1, 2, 3].map(() => plant(`ab/${randomUUID()}`, { row: false, old: true })));
    const lost = await t.ctx.db
      .insert(files)
      .values([1, 2, 3].map(() => ({ originalName: 'lost.pdf', kind: 'pdf' as const, mimeType: 'application/pdf', sizeBytes: 1, sha256: 'x'.repeat(64), storageName: randomUUID() })))
      .returning();

    // Chunks of 3: ten stored names and ten rows (with the two of the test above) end in a part chunk.
    const result = await sweepStore(t.ctx.db, t.config, 60, { chunk: 3 });
    expect({ ...result, missingIds: [...result.missingIds].sort() }).toEqual({ partialUploads: 0, orphans: 3, missingBytes: 3, missingIds: lost.map((f) => f.id).sort() });
    expect(kept.every(exists)).toBe(true);
    expect(orphans.some(exists)).toBe(false);

    await t.ctx.db.delete(files).where(inArray(files.id, lost.map((f) => f.id)));
    expect(await sweepStore(t.ctx.db, t.config, 0, { chunk: 1 })).toEqual({ partialUploads: 0, orphans: 0, missingBytes: 0, missingIds: [] });
    expect(kept.every(exists)).toBe(true);
  });

  it('runs daily on the job queue: one run always waits a day ahead, and a run sweeps', async () => {
    const waiting = () =>
      t.ctx.database.query<{ id: string; start_after: Date }>(`select id, start_after from pgboss.job where name = 'files.sweep' and state = 'created'`);
    const [next] = await waiting();
    expect(new Date(next!.start_after).getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000);
    // A second start asks again: still one waiting.
    expect(await t.ctx.jobs.send('files.sweep', {}, { startAfter: new Date(Date.now() + 24 * 3600_000) })).toBeNull();
    expect(await waiting()).toHaveLength(1);

    // Its day comes: the run sweeps (grace 0 in this app's config) and schedules the next day.
    const orphan = await plant(randomUUID(), { row: false, old: false });
    await t.ctx.database.query(`update pgboss.job set start_after = now() where id = $1`, [next!.id]);
    await vi.waitFor(() => expect(exists(orphan)).toBe(false), { timeout: 20_000, interval: 200 });
    await vi.waitFor(async () => expect((await waiting()).map((j) => j.id)).not.toContain(next!.id), { timeout: 20_000, interval: 200 });
    expect(await waiting()).toHaveLength(1);
  });
});

describe('a backup of a store with crash leftovers', () => {
  it('carries only the attachments a row names', async () => {
    const recorded = await plant(`ef/${randomUUID()}`, { row: true, old: false });
    const orphan = await plant(randomUUID(), { row: false, old: false });
    const leftover = await partial({ old: false });
    const file = path.join(t.config.dataDir, 'with-leftovers.gz');
    const backup = await createBackup(t.ctx, file, SYSTEM_CONTEXT);
    const carried = backup.files.map((f) => f.path);
    expect(carried).toContain(recorded);
    expect(carried).not.toContain(orphan);
    expect(carried.some((p) => p.startsWith('.'))).toBe(false);
    const lines = gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n');
    const fileLines = lines.filter((l) => l.startsWith('{"file":')).map((l) => JSON.parse(l).file as string);
    expect(fileLines).toEqual(carried);
    expect(fileLines).not.toContain(leftover);
    // The digest a restore is compared with agrees.
    expect((await digestStore(t.ctx)).files).toEqual(backup.files);
    expect(fs.existsSync(incomingDir(t.config.dataDir))).toBe(true);
  });
});
