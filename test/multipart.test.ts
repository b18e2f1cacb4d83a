import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { files } from '../src/modules/files/schema.ts';
import { signIn, type Agent } from './helpers/agent.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { MALFORMED, multipart, SAMPLE, type Part } from './helpers/multipart.ts';

/**
 * `POST /api/files` answers every malformed multipart body with a 4xx naming the problem (never a
 * 5xx), too many parts with its own 413, and keeps no byte of it (SECURITY-CHECKLIST 14, 15). The
 * objection route runs the same shapes in src/modules/notices/notices.test.ts.
 */

let t: TestApp;
let owner: Agent;

beforeAll(async () => {
  t = await createTestApp({ demo: true, env: { UPLOAD_MAX_MB: '1' } });
  owner = await signIn(t.app, 'op_robot_admin');
});
afterAll(() => t.close());

/** Every file in the store, partial uploads under `.incoming` included. */
const onDisk = () => {
  const dir = path.join(t.config.dataDir, 'files');
  return fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => d.name) : [];
};
const fileRows = async () => (await t.ctx.db.select({ n: sql<number>`count(*)::int` }).from(files))[0]!.n;

const file: Part = { name: 'file', filename: 'big.pdf', data: Buffer.concat([SAMPLE.pdf, Buffer.alloc(200_000, 0x20), Buffer.from('%%EOF\n')]) };

describe('POST /api/files with a malformed multipart body', () => {
  it.each(MALFORMED.map((s) => [s.name, s] as const))('refuses %s, storing nothing', async (_name, shape) => {
    const { payload, headers } = shape.body([], file);
    const res = await owner.post('/api/files', payload, { headers });
    expect(res.statusCode, res.body).toBe(shape.status);
    const { error } = res.json();
    expect(error.code).toBe(shape.code);
    expect(error.messageEn).toMatch(shape.says);
    expect(error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(await fileRows()).toBe(0);
    expect(onDisk()).toEqual([]);
  });

  it('refuses a short body cut off inside its only part (parsed and broken in one chunk) at once', async () => {
    const cut = '--cut\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7';
    const res = await owner.post('/api/files', cut, { headers: { 'content-type': 'multipart/form-data; boundary=cut' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('MULTIPART_INVALID');
    expect(await fileRows()).toBe(0);
    expect(onDisk()).toEqual([]);
  });

  it('names a form field longer than the limit', async () => {
    const { payload, headers } = multipart([{ name: 'note', data: 'x'.repeat(2000) }, file]);
    const res = await owner.post('/api/files', payload, { headers });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0]).toMatchObject({ field: 'body.note', messageEn: 'too long (at most 1024 bytes)' });
  });

  it('still stores a well-formed upload afterwards', async () => {
    const { payload, headers } = multipart([file]);
    expect((await owner.post('/api/files', payload, { headers })).statusCode).toBe(201);
    expect(onDisk()).toHaveLength(1);
    expect(await fileRows()).toBe(1);
  });
});
