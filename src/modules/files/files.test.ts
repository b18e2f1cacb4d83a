import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeActor } from '../../../test/helpers/actor.ts';
import { Agent, signIn } from '../../../test/helpers/agent.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { fileUpload, multipart, SAMPLE } from '../../../test/helpers/multipart.ts';
import { auditLog } from '../audit/schema.ts';
import { attachmentDisposition } from '../../shared/http/download.ts';
import { files } from './schema.ts';
import { authoriseFiles } from './service.ts';

let t: TestApp;
let owner: Agent; // op_robot_admin, 沈阳新锐智造
let colleague: Agent; // op_robot_staff, same organisation
let outsider: Agent; // op_univ_admin, another operator
let sysadmin: Agent;
let anon: Agent;

beforeAll(async () => {
  t = await createTestApp({ demo: true, env: { UPLOAD_MAX_MB: '1' } });
  owner = await signIn(t.app, 'op_robot_admin');
  colleague = await signIn(t.app, 'op_robot_staff');
  outsider = await signIn(t.app, 'op_univ_admin');
  sysadmin = await signIn(t.app, 'sysadmin');
  anon = new Agent(t.app);
  await anon.get('/api/auth/csrf');
});
afterAll(() => t.close());

const filesDir = () => path.join(t.config.dataDir, 'files');
/** Every file in the store, temporary ones included. */
const onDisk = () =>
  fs.existsSync(filesDir()) ? fs.readdirSync(filesDir(), { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => d.name) : [];
const counts = async () => {
  const [f] = await t.ctx.db.select({ n: sql<number>`count(*)::int` }).from(files);
  const [a] = await t.ctx.db.select({ n: sql<number>`count(*)::int` }).from(auditLog);
  return { files: f!.n, audit: a!.n, disk: onDisk().length };
};

const lastAudit = async () => (await t.ctx.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1))[0];

const upload = (agent: Agent, name: string, data: Buffer | string) => {
  const { payload, headers } = fileUpload(name, data);
  return agent.post('/api/files', payload, { headers });
};

describe('upload', () => {
  it('stores a file under a server-generated name with its sha256, keeps the Chinese name as metadata, and audits it', async () => {
    const res = await upload(owner, '众创空间备案申报书.pdf', SAMPLE.pdf);
    expect(res.statusCode).toBe(201);
    const meta = res.json();
    expect(meta).toMatchObject({
      originalName: '众创空间备案申报书.pdf',
      kind: 'pdf',
      mimeType: 'application/pdf',
      sizeBytes: SAMPLE.pdf.length,
      sha256: createHash('sha256').update(SAMPLE.pdf).digest('hex'),
    });
    const [row] = await t.ctx.db.select().from(files).where(eq(files.id, meta.id));
    expect(row!.storageName).toMatch(/^[0-9a-f-]{36}$/);
    expect(fs.readFileSync(path.join(filesDir(), row!.storageName)).equals(SAMPLE.pdf)).toBe(true);
    expect(fs.readdirSync(path.join(filesDir(), '.incoming'))).toEqual([]);
    const [entry] = await t.ctx.db.select().from(auditLog).where(eq(auditLog.objectId, meta.id));
    expect(entry).toMatchObject({ action: 'file.upload', actorUsername: 'op_robot_admin', result: 'success' });
  });

  it.each([
    ['photo.PNG', SAMPLE.png, 'png'],
    ['scan.jpeg', SAMPLE.jpeg, 'jpeg'],
    ['材料.zip', SAMPLE.zip, 'zip'],
    ['报告.docx', SAMPLE.docx, 'docx'],
    ['统计表.xlsx', SAMPLE.xlsx, 'xlsx'],
  ])('accepts %s', async (name, data, kind) => {
    const res = await upload(owner, name, data);
    expect(res.statusCode).toBe(201);
    expect(res.json().kind).toBe(kind);
  });

  it.each([
    ['tool.exe', Buffer.from('MZ\x90\x00')],
    ['no-extension', SAMPLE.pdf],
    ['fake.pdf', SAMPLE.png],
    ['page.pdf', Buffer.from('<html><script>alert(1)</script>')],
    ['plain-zip.docx', SAMPLE.zip],
    ['word.xlsx', SAMPLE.docx],
    ['empty.pdf', Buffer.alloc(0)],
  ])('refuses %s with 415, leaves nothing behind and audits the refusal', async (name, data) => {
    const before = await counts();
    const res = await upload(owner, name, data);
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('FILE_TYPE_REFUSED');
    expect(await counts()).toEqual({ ...before, audit: before.audit + 1 });
    expect(await lastAudit()).toMatchObject({ action: 'file.upload', result: 'failure', actorUsername: 'op_robot_admin', detail: { reason: 'FILE_TYPE_REFUSED' } });
  });

  it('answers 413 FILE_TOO_LARGE above the limit with no partial file on disk, and accepts exactly the limit', async () => {
    const limit = t.config.uploadMaxBytes;
    const before = await counts();
    const big = Buffer.concat([SAMPLE.pdf, Buffer.alloc(limit + 1 - SAMPLE.pdf.length, 0x20)]);
    const res = await upload(owner, 'big.pdf', big);
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('FILE_TOO_LARGE');
    expect(await counts()).toEqual({ ...before, audit: before.audit + 1 });
    expect(await lastAudit()).toMatchObject({ action: 'file.upload', result: 'failure', detail: { reason: 'FILE_TOO_LARGE', claimedKind: 'pdf' } });
    const exact = await upload(owner, 'exact.pdf', big.subarray(0, limit));
    expect(exact.statusCode).toBe(201);
    expect(exact.json().sizeBytes).toBe(limit);
  });

  it('keeps only the last path segment of the client name, without control characters', async () => {
    const res = await upload(owner, '..\\..\\etc/pass\u202ewd.pdf', SAMPLE.pdf);
    expect(res.statusCode).toBe(201);
    expect(res.json().originalName).toBe('passwd.pdf');
  });

  it('names the missing field when the file is not in `file`, and refuses a JSON body', async () => {
    const { payload, headers } = multipart([{ name: 'attachment', filename: 'a.pdf', data: SAMPLE.pdf }]);
    const wrongField = await owner.post('/api/files', payload, { headers });
    expect(wrongField.statusCode).toBe(400);
    expect(wrongField.json().error.fields[0].field).toBe('body.file');
    expect((await owner.post('/api/files', { file: 'x' })).statusCode).toBe(400);
  });

  it('refuses an anonymous upload and one without the CSRF token, storing nothing', async () => {
    const before = await counts();
    expect((await upload(anon, 'a.pdf', SAMPLE.pdf)).statusCode).toBe(401);
    const { payload, headers } = fileUpload('a.pdf', SAMPLE.pdf);
    const forged = await owner.post('/api/files', payload, { headers: { ...headers, 'x-csrf-token': 'forged' } });
    expect(forged.statusCode).toBe(403);
    expect(await counts()).toEqual(before);
  });
});

describe('metadata and download', () => {
  let fileId: string;
  beforeAll(async () => {
    fileId = (await upload(owner, '新锐智造 年度报告;v2.pdf', SAMPLE.pdf)).json().id;
  });

  it('lets members of the uploader’s organisation download it, with safe headers, and audits the download', async () => {
    const res = await colleague.get(`/api/files/${fileId}/download`);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(SAMPLE.pdf)).toBe(true);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-disposition']).toBe(attachmentDisposition('新锐智造 年度报告;v2.pdf'));
    const audits = await t.ctx.db.select().from(auditLog).where(eq(auditLog.objectId, fileId));
    expect(audits.map((a) => `${a.action}:${a.actorUsername}`)).toContain('file.download:op_robot_staff');
    expect((await colleague.get(`/api/files/${fileId}`)).json().sha256).toBe(createHash('sha256').update(SAMPLE.pdf).digest('hex'));
  });

  it('answers 404 to the system admin: administrators run the platform, they do not read applicants’ files', async () => {
    const before = await counts();
    for (const url of [`/api/files/${fileId}`, `/api/files/${fileId}/download`]) {
      const res = await sysadmin.get(url);
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('%PDF');
    }
    expect(await counts()).toEqual(before);
  });

  it('answers 404 to another organisation and 401 to an anonymous caller, recording nothing', async () => {
    const before = await counts();
    for (const url of [`/api/files/${fileId}`, `/api/files/${fileId}/download`]) {
      const res = await outsider.get(url);
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('%PDF');
      expect((await anon.get(url)).statusCode).toBe(401);
    }
    expect((await outsider.get('/api/files/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect(await counts()).toEqual(before);
  });

  it('lets other modules link only files of the actor’s own organisation', async () => {
    const actorOf = async (agent: Agent) => {
      const me = (await agent.get('/api/me')).json();
      return makeActor({ userId: me.user.id, roles: me.roles, org: { id: me.organisation.id } });
    };
    await expect(authoriseFiles(t.ctx.db, await actorOf(colleague), 'file.attach', [fileId])).resolves.toHaveLength(1);
    await expect(authoriseFiles(t.ctx.db, await actorOf(outsider), 'file.attach', [fileId])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(authoriseFiles(t.ctx.db, await actorOf(sysadmin), 'file.attach', [fileId])).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('attachmentDisposition', () => {
  it('gives an ASCII fallback and the exact name as RFC 5987 filename*', () => {
    expect(attachmentDisposition('申报书.pdf')).toBe(`attachment; filename="___.pdf"; filename*=UTF-8''%E7%94%B3%E6%8A%A5%E4%B9%A6.pdf`);
    expect(attachmentDisposition(`a"b\\c;d'(e).pdf`)).toBe(`attachment; filename="a_b_c_d'(e).pdf"; filename*=UTF-8''a%22b%5Cc%3Bd%27%28e%29.pdf`);
  });
});
