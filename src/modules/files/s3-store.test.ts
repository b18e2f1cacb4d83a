import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, signIn } from '../../../test/helpers/agent.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { fileUpload, SAMPLE } from '../../../test/helpers/multipart.ts';
import { startFakeS3, type FakeS3 } from '../../../test/helpers/s3-fake.ts';
import { createBackup } from '../../ops/backup.ts';
import { SYSTEM_CONTEXT } from '../audit/service.ts';
import { S3Client } from './s3.ts';
import { files } from './schema.ts';
import { storePublicUpload } from './service.ts';
import { incomingDir, S3_PREFIX } from './storage.ts';
import { sweepStore } from './sweep.ts';

/**
 * Attachments on S3-compatible object storage (S3_* settings), against the in-process test double
 * of test/helpers/s3-fake.ts, which refuses any request whose SigV4 signature does not hold.
 */
let s3: FakeS3;
let t: TestApp;
let owner: Agent;
let colleague: Agent;

beforeAll(async () => {
  s3 = await startFakeS3({ pageSize: 2 });
  t = await createTestApp({ demo: true, env: { ...s3.env, UPLOAD_MAX_MB: '1' } });
  owner = await signIn(t.app, 'op_robot_admin');
  colleague = await signIn(t.app, 'op_robot_staff');
});
afterAll(async () => {
  await t.close();
  await s3.close();
});

const upload = (agent: Agent, name: string, data: Buffer) => {
  const { payload, headers } = fileUpload(name, data);
  return agent.post('/api/files', payload, { headers });
};
const objectOf = async (id: string) => {
  const [row] = await t.ctx.db.select().from(files).where(eq(files.id, id));
  return s3.objects.get(S3_PREFIX + row!.storageName);
};
const localFiles = () => {
  const dir = path.join(t.config.dataDir, 'files');
  return fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).length : 0;
};
const fileCount = async () => (await t.ctx.db.select({ n: sql<number>`count(*)::int` }).from(files))[0]!.n;

describe('attachments in object storage', () => {
  it('uploads into the bucket (nothing kept on the local disk) and downloads from it', async () => {
    const res = await upload(owner, '申报书.pdf', SAMPLE.pdf);
    expect(res.statusCode).toBe(201);
    const meta = res.json();
    expect(meta.sha256).toBe(createHash('sha256').update(SAMPLE.pdf).digest('hex'));
    expect((await objectOf(meta.id))!.body.equals(SAMPLE.pdf)).toBe(true);
    expect(localFiles()).toBe(0);
    expect(fs.readdirSync(incomingDir(t.config.dataDir))).toEqual([]);

    const down = await colleague.get(`/api/files/${meta.id}/download`);
    expect(down.statusCode).toBe(200);
    expect(down.rawPayload.equals(SAMPLE.pdf)).toBe(true);
    expect(down.headers['content-length']).toBe(String(SAMPLE.pdf.length));
  });

  it('refuses a disguised or oversized file with nothing in the bucket', async () => {
    const before = s3.objects.size;
    expect((await upload(owner, 'fake.pdf', SAMPLE.png)).statusCode).toBe(415);
    expect((await upload(owner, 'big.pdf', Buffer.concat([SAMPLE.pdf, Buffer.alloc(1024 * 1024 + 1)]))).statusCode).toBe(413);
    expect(s3.objects.size).toBe(before);
    expect(localFiles()).toBe(0);
  });

  it('deletes the object again when the upload\'s transaction does not commit', async () => {
    const before = { objects: s3.objects.size, rows: await fileCount() };
    const failing = storePublicUpload(t.ctx.db, t.config, SYSTEM_CONTEXT, { filename: 'evidence.pdf', stream: Readable.from([SAMPLE.pdf]) }, { field: 'body.file', kinds: ['pdf'] }, async () => {
      throw new Error('the caller\'s record failed');
    });
    await expect(failing).rejects.toThrow('the caller\'s record failed');
    expect(s3.log.filter((l) => l.startsWith('DELETE')).length).toBeGreaterThan(0);
    expect({ objects: s3.objects.size, rows: await fileCount() }).toEqual(before);
  });

  it('answers a 500 (logged, not a broken stream) when the bytes are missing from the bucket', async () => {
    const meta = (await upload(owner, 'gone.pdf', SAMPLE.pdf)).json();
    const [row] = await t.ctx.db.select().from(files).where(eq(files.id, meta.id));
    s3.objects.delete(S3_PREFIX + row!.storageName);
    expect((await owner.get(`/api/files/${meta.id}/download`)).statusCode).toBe(500);
    await t.ctx.db.delete(files).where(eq(files.id, meta.id));
  });

  it('sweeps objects no row names after the grace period, across listing pages, and reports rows without an object', async () => {
    const kept = (await upload(owner, 'kept.pdf', SAMPLE.pdf)).json();
    const hourAgo = Date.now() - 3600_000 - 60_000;
    const orphan = `${S3_PREFIX}${randomUUID()}`;
    const fresh = `${S3_PREFIX}${randomUUID()}`;
    const foreign = `backups/${randomUUID()}`;
    s3.objects.set(orphan, { body: SAMPLE.pdf, modifiedMs: hourAgo });
    s3.objects.set(fresh, { body: SAMPLE.pdf, modifiedMs: Date.now() });
    s3.objects.set(foreign, { body: SAMPLE.pdf, modifiedMs: hourAgo });
    for (const o of s3.objects.values()) if (o !== s3.objects.get(fresh)) o.modifiedMs = Math.min(o.modifiedMs, hourAgo);
    const [lost] = await t.ctx.db
      .insert(files)
      .values({ originalName: 'lost.pdf', kind: 'pdf', mimeType: 'application/pdf', sizeBytes: 1, sha256: 'x'.repeat(64), storageName: randomUUID() })
      .returning();
    // A partial upload left in this instance's local spool.
    fs.writeFileSync(path.join(incomingDir(t.config.dataDir), `${randomUUID()}.part`), 'partial');
    const old = (Date.now() - 3600_000 - 60_000) / 1000;
    for (const name of fs.readdirSync(incomingDir(t.config.dataDir))) fs.utimesSync(path.join(incomingDir(t.config.dataDir), name), old, old);

    const listings = () => s3.log.filter((l) => l === 'GET ').length;
    const listedBefore = listings();
    expect(await sweepStore(t.ctx.db, t.config, 60)).toEqual({ partialUploads: 1, orphans: 1, missingBytes: 1, missingIds: [lost!.id] });
    // Three objects or more under the prefix, two a page: the sweep followed the continuation token.
    expect(listings() - listedBefore).toBeGreaterThanOrEqual(2);
    expect(s3.objects.has(orphan)).toBe(false);
    expect([fresh, foreign].every((k) => s3.objects.has(k))).toBe(true);
    expect(await objectOf(kept.id)).toBeDefined();
    await t.ctx.db.delete(files).where(eq(files.id, lost!.id));
  });

  it('refuses the backup command, which carries local attachments only, naming pg_dump and the bucket', async () => {
    await expect(createBackup(t.ctx, path.join(t.config.dataDir, 'b.gz'), SYSTEM_CONTEXT)).rejects.toThrow(/pg_dump/);
  });

  it('is refused by the store when signed with the wrong secret, with the store\'s error code', async () => {
    const storage = t.config.storage.kind === 's3' ? t.config.storage : undefined;
    const wrong = new S3Client({ ...storage!, secretAccessKey: 'not-the-secret' });
    await expect(wrong.exists('attachments/x')).rejects.toThrow(/403/);
    await expect(wrong.get('attachments/x')).rejects.toThrow(/403 SignatureDoesNotMatch/);
  });
});
