import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, signIn } from '../../../test/helpers/agent.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { fileUpload, MALFORMED, multipart, SAMPLE, type Part } from '../../../test/helpers/multipart.ts';
import { stageOf } from '../../shared/chains.ts';
import { COMPLETE_BASIC_INFO, COMPLETE_REPORT, xinruiSpace } from '../applications/fixtures.test-helper.ts';
import { transitionInTx } from '../workflow/index.ts';
import { SYSTEM_CONTEXT } from '../audit/service.ts';
import { concludeNoticeJob } from './service.ts';
import { mobilesIn } from '../../../test/helpers/redaction.ts';
import { shippedChainVersionId } from '../chains/index.ts';

let t: TestApp;
let opAdmin: Agent;
let syAdmin: Agent;
let syReviewer: Agent;
let dlAdmin: Agent;
let callId: string;

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const SLOTS = [
  { key: 'business_licence', name: '营业执照', required: true },
  { key: 'applicant_commitment', name: '申报单位信用承诺书', required: true },
];

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  [opAdmin, syAdmin, syReviewer, dlAdmin] = await Promise.all([signIn(t.app, 'op_robot_admin'), signIn(t.app, 'sy_admin'), signIn(t.app, 'sy_reviewer'), signIn(t.app, 'dl_admin')]);
  const ruleSetId = (await opAdmin.get('/api/criteria/rule-sets?key=liaoning-2019')).json().items[0].id;
  const now = Date.now();
  // A Liaoning call that takes regular spaces too, so each test applies with a fresh space of its own.
  const lnAdmin = await signIn(t.app, 'ln_admin');
  const created = await lnAdmin.post('/api/calls', {
    title: '辽宁省众创空间备案（公示测试）',
    level: 'province',
    year: 2026,
    opensAt: new Date(now - HOUR).toISOString(),
    closesAt: new Date(now + 30 * DAY).toISOString(),
    eligibleCategories: ['regular', 'professional'],
    ruleSetId,
    materialSlots: SLOTS,
    chainId: await shippedChainVersionId(t.ctx.db, 'liaoning_province'),
  });
  expect(created.statusCode, created.body).toBe(201);
  callId = created.json().id;
  expect((await lnAdmin.post(`/api/calls/${callId}/publish`, { revision: created.json().revision })).statusCode).toBe(200);
});
afterAll(() => t.close());

let seq = 0;
/** A submitted application of 新锐智造 (沈阳 浑南区), moved by the authenticity review into the notice stage. */
async function atNoticeStage(opts: { stay?: boolean } = {}): Promise<{ id: string; spaceName: string }> {
  seq += 1;
  const spaceName = `新锐公示测试众创空间${seq}号`;
  const space = await opAdmin.post('/api/spaces', xinruiSpace(spaceName));
  expect(space.statusCode, space.body).toBe(201);
  const app = await opAdmin.post('/api/applications', { callId, spaceId: space.json().id });
  expect(app.statusCode, app.body).toBe(201);
  const id = app.json().id as string;
  const saved = await opAdmin.put(`/api/applications/${id}/dossier`, { revision: app.json().revision, basicInfo: { ...COMPLETE_BASIC_INFO, spaceName }, report: COMPLETE_REPORT });
  expect(saved.statusCode, saved.body).toBe(200);
  for (const slot of SLOTS) {
    const { payload, headers } = fileUpload(`${slot.name}.pdf`, SAMPLE.pdf);
    const file = await opAdmin.request('POST', '/api/files', payload, { headers });
    expect((await opAdmin.post(`/api/applications/${id}/attachments`, { slotKey: slot.key, fileId: file.json().id })).statusCode).toBe(201);
  }
  expect((await opAdmin.post(`/api/applications/${id}/commitment/confirm`, {})).statusCode).toBe(200);
  const submitted = await opAdmin.post(`/api/applications/${id}/submit`, { revision: saved.json().revision });
  expect(submitted.statusCode, submitted.body).toBe(200);
  if (!opts.stay)
    await t.ctx.db.transaction((tx) =>
      transitionInTx(tx, SYSTEM_CONTEXT, null, id, { action: 'advance', atStage: 'city_authenticity', enterStage: stageOf('liaoning_province', 'city_notice')! }),
    );
  return { id, spaceName };
}

const noticeBody = (applicationIds: string[], over: Record<string, unknown> = {}) => ({
  callId,
  stageKey: 'city_notice',
  applicationIds,
  title: '沈阳市众创空间备案真实性审查结果公示',
  body: '经审查，以下众创空间申报材料真实。公示期内如有异议，请实名提出。联系电话：024-12345678。',
  startsAt: new Date(Date.now() - 60_000).toISOString(),
  endsAt: new Date(Date.now() + 7 * DAY).toISOString(),
  ...over,
});

async function publish(ids: string[], over: Record<string, unknown> = {}) {
  const res = await syAdmin.post('/api/notices', noticeBody(ids, over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; entries: { id: string; applicationId: string; outcome: string }[] };
}

/** Moves a notice's period into the past, as if it had run its course. */
const endNotice = (id: string) =>
  t.ctx.database.query(`update public_notices set starts_at = now() - interval '8 days', ends_at = now() - interval '1 minute' where id = $1`, [id]);

const appRow = async (id: string) =>
  (await t.ctx.database.query<{ status: string; stage_key: string }>('select status, stage_key from applications where id = $1', [id]))[0]!;

/** Everything about notices, objections and applications a refused request must leave alone. */
async function fingerprint() {
  const digest = (table: string) => `(select md5(coalesce(string_agg(t::text, ',' order by t::text), '')) from ${table} t) as ${table}`;
  const [row] = await t.ctx.database.query(
    `select ${['public_notices', 'notice_entries', 'objections', 'applications', 'files'].map(digest).join(', ')},
       (select count(*)::int from audit_log where action not in ('access.denied', 'file.download')) as audit_rows,
       (select count(*)::int from notifications) as notifications`,
  );
  return row;
}

/** An anonymous visitor from its own address (the objection route is rate-limited per address). */
let ipSeq = 10;
async function visitor(): Promise<Agent> {
  ipSeq += 1;
  const a = new Agent(t.app, `10.0.0.${ipSeq}`);
  await a.get('/api/auth/csrf');
  return a;
}

const objectionParts = (entryId: string, over: Partial<Record<'name' | 'contact' | 'grounds', string>> = {}, file?: Part): Part[] => [
  { name: 'entryId', data: entryId },
  { name: 'name', data: over.name ?? '陈公民' },
  { name: 'contact', data: over.contact ?? '13912345678' },
  { name: 'grounds', data: over.grounds ?? '该空间实际场地面积与申报材料不符，现场仅有一层办公区。' },
  ...(file ? [file] : []),
];

async function object(agent: Agent, noticeId: string, parts: Part[]) {
  const { payload, headers } = multipart(parts);
  return agent.request('POST', `/api/public/notices/${noticeId}/objections`, payload, { headers });
}

const notificationsOf = async (username: string, like: string) =>
  (
    await t.ctx.database.query<{ n: number }>(
      `select count(*)::int as n from notifications n join users u on u.id = n.user_id where u.username = $1 and n.title like $2`,
      [username, like],
    )
  )[0]!.n;

describe('publishing a notice', () => {
  it('puts applications at the notice stage on a notice, tells the applicant and schedules the conclusion', async () => {
    const [a, b] = [await atNoticeStage(), await atNoticeStage()];
    const before = await notificationsOf('op_robot_admin', '%进入公示%');
    const notice = await publish([a.id, b.id]);
    expect(notice.entries.map((e) => [e.applicationId, e.outcome])).toEqual([
      [a.id, 'pending'],
      [b.id, 'pending'],
    ]);
    expect(notice).toMatchObject({ status: 'published', running: true, authority: { name: '沈阳市科学技术局' }, abilities: { handle: true, conclude: false } });
    expect(await appRow(a.id)).toEqual({ status: 'in_public_notice', stage_key: 'city_notice' });
    expect(await notificationsOf('op_robot_admin', '%进入公示%')).toBe(before + 2);
    const [job] = await t.ctx.database.query<{ start_after: Date }>(`select start_after from pgboss.job where name = 'notice.conclude' and data->>'noticeId' = $1`, [notice.id]);
    expect(new Date(job!.start_after).getTime()).toBeGreaterThan(Date.now() + 6 * DAY);
    const audit = await t.ctx.database.query<{ action: string }>(`select action from audit_log where object_id in ($1, $2) order by id`, [notice.id, a.id]);
    expect(audit.map((r) => r.action)).toEqual(expect.arrayContaining(['notice.publish', 'application.open_notice']));
    const list = (await syAdmin.get('/api/notices')).json();
    expect(list.items.find((n: { id: string }) => n.id === notice.id)).toMatchObject({ entries: 2, openObjections: 0 });
  });

  it('lists the applications waiting at the notice stage as candidates, in scope only', async () => {
    const a = await atNoticeStage();
    const mine = (await syAdmin.get(`/api/notices/candidates?callId=${callId}&stageKey=city_notice`)).json().items.map((c: { applicationId: string }) => c.applicationId);
    expect(mine).toContain(a.id);
    expect((await dlAdmin.get(`/api/notices/candidates?callId=${callId}`)).json().items).toEqual([]);
    expect((await opAdmin.get(`/api/notices/candidates?callId=${callId}`)).statusCode).toBe(403);
  });

  it('refuses bad input, naming the field', async () => {
    const a = await atNoticeStage();
    const cases: [Record<string, unknown>, string][] = [
      [{ endsAt: new Date(Date.now() - 2 * 60_000).toISOString(), startsAt: new Date(Date.now() - HOUR).toISOString() }, 'body.endsAt'],
      [{ endsAt: new Date(Date.now() - 2 * HOUR).toISOString() }, 'body.endsAt'],
      [{ applicationIds: [] }, 'body.applicationIds'],
      [{ applicationIds: [a.id, a.id] }, 'body.applicationIds'],
      [{ stageKey: 'city_authenticity' }, 'body.stageKey'],
      [{ startsAt: '2026-13-01' }, 'body.startsAt'],
      [{ extra: 1 }, 'body.extra'],
    ];
    const before = await fingerprint();
    for (const [over, field] of cases) {
      const res = await syAdmin.post('/api/notices', { ...noticeBody([a.id]), ...over });
      expect(res.statusCode, JSON.stringify(over)).toBe(400);
      expect(res.json().error.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
    expect(await fingerprint()).toEqual(before);
  });

  it('refuses an application not at the notice stage or already on a notice (409 naming it), and changes nothing', async () => {
    const early = await atNoticeStage({ stay: true });
    const ready = await atNoticeStage();
    const before = await fingerprint();
    const res = await syAdmin.post('/api/notices', noticeBody([ready.id, early.id]));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain(early.spaceName);
    expect(await fingerprint()).toEqual(before);
    await publish([ready.id]);
    const again = await syAdmin.post('/api/notices', noticeBody([ready.id]));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('公示中');
  });

  it('refuses outsiders: other city 404, reviewer 403, operator 403, anonymous 401; nothing changes', async () => {
    const a = await atNoticeStage();
    const before = await fingerprint();
    expect((await dlAdmin.post('/api/notices', noticeBody([a.id]))).statusCode).toBe(404);
    expect((await syReviewer.post('/api/notices', noticeBody([a.id]))).statusCode).toBe(403);
    expect((await opAdmin.post('/api/notices', noticeBody([a.id]))).statusCode).toBe(403);
    const anon = await visitor();
    expect((await anon.post('/api/notices', noticeBody([a.id]))).statusCode).toBe(401);
    expect(await fingerprint()).toEqual(before);
  });
});

describe('the public notice', () => {
  it('is listed and shown without login, with no personal data and no objections', async () => {
    const a = await atNoticeStage();
    const notice = await publish([a.id]);
    const anon = await visitor();
    expect((await object(anon, notice.id, objectionParts(notice.entries[0]!.id))).statusCode).toBe(201);
    const list = await anon.get('/api/public/notices');
    expect(list.statusCode).toBe(200);
    expect(list.json().items[0]).toMatchObject({ id: notice.id, running: true, entries: 1 });
    const detail = await anon.get(`/api/public/notices/${notice.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().entries).toEqual([
      { id: notice.entries[0]!.id, position: 1, spaceName: a.spaceName, operatorName: '沈阳新锐智造众创科技有限公司', regionName: '辽宁省 / 沈阳市 / 浑南区' },
    ]);
    for (const body of [list.body, detail.body]) {
      expect(mobilesIn(body)).toEqual([]);
      for (const name of [COMPLETE_BASIC_INFO.legalRepresentative, COMPLETE_BASIC_INFO.principalName, COMPLETE_BASIC_INFO.contactName, '赵立新', '陈公民'])
        expect(body).not.toContain(name);
      expect(body).not.toContain('objection');
      expect(body).not.toContain('applicationId');
    }
    expect((await anon.get('/api/public/notices/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });
});

describe('objections', () => {
  it('are taken with evidence while the notice runs; only the authority sees them and opens the evidence', async () => {
    const a = await atNoticeStage();
    const notice = await publish([a.id]);
    const anon = await visitor();
    const before = await notificationsOf('sy_reviewer', '%异议%');
    const res = await object(anon, notice.id, objectionParts(notice.entries[0]!.id, { contact: 'citizen@example.cn' }, { name: 'evidence', filename: '现场照片.png', data: SAMPLE.png }));
    expect(res.statusCode, res.body).toBe(201);
    const oid = res.json().id;
    expect(await notificationsOf('sy_reviewer', '%异议%')).toBe(before + 1);
    // The notice links to the notice page, where objections are handled.
    const [latest] = await t.ctx.database.query<{ link: string }>(
      `select n.link from notifications n join users u on u.id = n.user_id where u.username = 'sy_reviewer' and n.title like '%异议%' order by n.created_at desc limit 1`,
    );
    expect(latest!.link).toBe(`/app/notices/${notice.id}`);
    const [audit] = await t.ctx.database.query<{ detail: unknown; actor_user_id: string | null }>(`select detail, actor_user_id from audit_log where action = 'notice.objection.file' and object_id = $1`, [oid]);
    expect(audit).toEqual({ detail: { objectionId: oid }, actor_user_id: null });

    const detail = (await syReviewer.get(`/api/notices/${notice.id}`)).json();
    expect(detail.objections).toHaveLength(1);
    expect(detail.objections[0]).toMatchObject({ id: oid, name: '陈公民', contact: 'c***@example.cn', status: 'open', evidence: { name: '现场照片.png' } });
    expect(detail.abilities).toEqual({ handle: false, revealContact: false, conclude: false });
    const file = await syAdmin.get(`/api/notices/${notice.id}/objections/${oid}/evidence`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(SAMPLE.png)).toBe(true);
    // The evidence has no owner: nobody reaches it through the file routes.
    const fileId = detail.objections[0].evidence.id;
    expect((await opAdmin.get(`/api/files/${fileId}`)).statusCode).toBe(404);
    expect((await syAdmin.get(`/api/files/${fileId}/download`)).statusCode).toBe(404);
    expect((await dlAdmin.get(`/api/notices/${notice.id}/objections/${oid}/evidence`)).statusCode).toBe(404);
    expect((await anon.get(`/api/notices/${notice.id}/objections/${oid}/evidence`)).statusCode).toBe(401);
  });

  it('are refused before the start and after the end, naming the period in Chinese', async () => {
    const [a, b] = [await atNoticeStage(), await atNoticeStage()];
    const future = await publish([a.id], { startsAt: new Date(Date.now() + DAY).toISOString(), endsAt: new Date(Date.now() + 8 * DAY).toISOString() });
    const ended = await publish([b.id]);
    await endNotice(ended.id);
    const anon = await visitor();
    const before = await fingerprint();
    const early = await object(anon, future.id, objectionParts(future.entries[0]!.id, {}, { name: 'evidence', filename: 'a.pdf', data: SAMPLE.pdf }));
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toMatch(/公示尚未开始.*\d{4}年\d+月\d+日/);
    const late = await object(anon, ended.id, objectionParts(ended.entries[0]!.id));
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toMatch(/公示已于\d{4}年\d+月\d+日.*结束/);
    expect(await fingerprint()).toEqual(before);
  });

  it('refuse bad input naming the field, a disguised file, and a missing CSRF token', async () => {
    const a = await atNoticeStage();
    const notice = await publish([a.id]);
    const entryId = notice.entries[0]!.id;
    const before = await fingerprint();
    const cases: [Part[], number, string][] = [
      [objectionParts(entryId, { contact: '12345' }), 400, 'body.contact'],
      [objectionParts(entryId, { grounds: '太短了' }), 400, 'body.grounds'],
      [objectionParts(entryId, { name: '' }), 400, 'body.name'],
      [objectionParts('00000000-0000-4000-8000-000000000000'), 400, 'body.entryId'],
      [[...objectionParts(entryId), { name: 'extra', data: 'x' }], 400, 'body.extra'],
      [objectionParts(entryId, {}, { name: 'evidence', filename: 'fake.pdf', data: 'MZ not a pdf' }), 415, ''],
      [objectionParts(entryId, {}, { name: 'evidence', filename: 'doc.docx', data: SAMPLE.docx }), 415, 'body.evidence'],
    ];
    for (const [parts, status, field] of cases) {
      const res = await object(await visitor(), notice.id, parts);
      expect(res.statusCode, res.body).toBe(status);
      if (field) expect(res.json().error.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
    const noCsrf = new Agent(t.app, '10.0.1.1');
    const { payload, headers } = multipart(objectionParts(entryId));
    expect((await noCsrf.request('POST', `/api/public/notices/${notice.id}/objections`, payload, { headers })).statusCode).toBe(403);
    expect(await fingerprint()).toEqual({ ...before, audit_rows: expect.any(Number) });
    // Only the refused uploads' failure traces were audited.
    const failures = await t.ctx.database.query(`select 1 from audit_log where action = 'file.upload' and result = 'failure' and actor_user_id is null`);
    expect(failures.length).toBeGreaterThanOrEqual(2);
    expect((await object(await visitor(), '00000000-0000-4000-8000-000000000000', objectionParts(entryId))).statusCode).toBe(404);
  });

  it('refuse every malformed multipart body with a 4xx naming the problem, keeping no byte of it', async () => {
    const a = await atNoticeStage();
    const notice = await publish([a.id]);
    const evidence: Part = { name: 'evidence', filename: '现场照片.pdf', data: Buffer.concat([SAMPLE.pdf, Buffer.alloc(200_000, 0x20)]) };
    const storedFiles = () => t.ctx.database.query('select storage_name from files order by storage_name');
    const before = { rows: await fingerprint(), files: await storedFiles() };
    for (const shape of MALFORMED) {
      const { payload, headers } = shape.body(objectionParts(notice.entries[0]!.id), evidence);
      const res = await (await visitor()).request('POST', `/api/public/notices/${notice.id}/objections`, payload, { headers });
      expect(res.statusCode, `${shape.name}: ${res.body}`).toBe(shape.status);
      expect(res.json().error).toMatchObject({ code: shape.code, messageEn: expect.stringMatching(shape.says), message: expect.stringMatching(/[\u4e00-\u9fff]/) });
    }
    expect(await fingerprint()).toEqual({ ...before.rows, audit_rows: expect.any(Number) });
    expect(await storedFiles()).toEqual(before.files);
    expect(fs.readdirSync(path.join(t.config.dataDir, 'files', '.incoming'))).toEqual([]);
  });

  it('are rate-limited per address', async () => {
    const a = await atNoticeStage();
    const notice = await publish([a.id]);
    const anon = await visitor();
    const codes = [];
    for (let i = 0; i < 6; i++) codes.push((await object(anon, notice.id, objectionParts(notice.entries[0]!.id))).statusCode);
    expect(codes).toEqual([201, 201, 201, 201, 201, 429]);
    expect((await object(await visitor(), notice.id, objectionParts(notice.entries[0]!.id))).statusCode).toBe(201);
  });
});

describe('handling objections and concluding', () => {
  async function withObjection(n = 1) {
    const apps = [];
    for (let i = 0; i < n; i++) apps.push(await atNoticeStage());
    const notice = await publish(apps.map((a) => a.id));
    const res = await object(await visitor(), notice.id, objectionParts(notice.entries[0]!.id));
    expect(res.statusCode, res.body).toBe(201);
    return { apps, notice, oid: res.json().id as string };
  }
  const handle = (agent: Agent, noticeId: string, oid: string, result: string, over: Record<string, unknown> = {}) =>
    agent.post(`/api/notices/${noticeId}/objections/${oid}/handle`, { result, investigationNote: '经现场核查，情况属实。', reason: '申报场地面积与实际不符。', ...over });

  it('upheld blocks the entry: the application is rejected and the applicant told; handling twice is 409', async () => {
    const { apps, notice, oid } = await withObjection();
    const before = await notificationsOf('op_robot_admin', '%异议成立%');
    const res = await handle(syAdmin, notice.id, oid, 'upheld');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().entries[0].outcome).toBe('blocked');
    expect(res.json().objections[0]).toMatchObject({ status: 'upheld', investigationNote: '经现场核查，情况属实。', resultReason: '申报场地面积与实际不符。' });
    expect((await appRow(apps[0]!.id)).status).toBe('rejected');
    expect(await notificationsOf('op_robot_admin', '%异议成立%')).toBe(before + 1);
    const snapshot = await fingerprint();
    const again = await handle(syAdmin, notice.id, oid, 'dismissed');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('已处理');
    expect(await fingerprint()).toEqual(snapshot);
    // Ended with every entry blocked: the conclusion only closes the notice.
    await endNotice(notice.id);
    await concludeNoticeJob(t.ctx.db, { noticeId: notice.id });
    expect((await syAdmin.get(`/api/notices/${notice.id}`)).json().status).toBe('concluded');
    expect((await appRow(apps[0]!.id)).status).toBe('rejected');
  });

  it('needs a result, an investigation note and a reason', async () => {
    const { notice, oid } = await withObjection();
    const before = await fingerprint();
    for (const [over, field] of [
      [{ result: 'maybe' }, 'body.result'],
      [{ investigationNote: '' }, 'body.investigationNote'],
      [{ reason: ' ' }, 'body.reason'],
    ] as const) {
      const res = await handle(syAdmin, notice.id, oid, 'upheld', over);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
    expect(await fingerprint()).toEqual(before);
  });

  it('an open objection holds its entry at the end; dismissing it afterwards moves it on at once', async () => {
    const { apps, notice, oid } = await withObjection(2);
    expect((await handle(syAdmin, notice.id, oid, 'dismissed')).statusCode).toBe(200);
    // A second objection to the first entry stays open.
    const open = await object(await visitor(), notice.id, objectionParts(notice.entries[0]!.id));
    expect(open.statusCode).toBe(201);
    await endNotice(notice.id);
    await concludeNoticeJob(t.ctx.db, { noticeId: notice.id });
    let detail = (await syAdmin.get(`/api/notices/${notice.id}`)).json();
    expect(detail.entries.map((e: { outcome: string }) => e.outcome)).toEqual(['pending', 'cleared']);
    expect(detail.status).toBe('published');
    expect(await appRow(apps[0]!.id)).toEqual({ status: 'in_public_notice', stage_key: 'city_notice' });
    expect(await appRow(apps[1]!.id)).toEqual({ status: 'in_review', stage_key: 'city_recommend' });
    // The job is idempotent: a second run changes nothing.
    const snapshot = await fingerprint();
    await concludeNoticeJob(t.ctx.db, { noticeId: notice.id });
    expect(await fingerprint()).toEqual(snapshot);

    const passed = await notificationsOf('op_robot_admin', '%通过%');
    const dismissed = await handle(syAdmin, notice.id, open.json().id, 'dismissed');
    expect(dismissed.statusCode).toBe(200);
    detail = dismissed.json();
    expect(detail.entries.map((e: { outcome: string }) => e.outcome)).toEqual(['cleared', 'cleared']);
    expect(detail.status).toBe('concluded');
    expect(await appRow(apps[0]!.id)).toEqual({ status: 'in_review', stage_key: 'city_recommend' });
    expect(await notificationsOf('op_robot_admin', '%通过%')).toBe(passed + 1);
  });

  it('the admin concludes only after the end (409 naming it), once', async () => {
    const a = await atNoticeStage();
    const notice = await publish([a.id]);
    const early = await syAdmin.post(`/api/notices/${notice.id}/conclude`, {});
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toMatch(/公示期至\d{4}年\d+月\d+日/);
    await endNotice(notice.id);
    const before = await notificationsOf('sy_reviewer', '%待办理%');
    const res = await syAdmin.post(`/api/notices/${notice.id}/conclude`, {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'concluded', entries: [{ outcome: 'cleared' }] });
    expect(await appRow(a.id)).toEqual({ status: 'in_review', stage_key: 'city_recommend' });
    expect(await notificationsOf('sy_reviewer', '%待办理%')).toBe(before + 1);
    expect((await syAdmin.post(`/api/notices/${notice.id}/conclude`, {})).statusCode).toBe(409);
  });

  it('masks the objector’s mobile for everyone; the admin reveals it with a reason, audited without the value', async () => {
    const { notice, oid } = await withObjection();
    for (const agent of [syAdmin, syReviewer]) {
      const body = (await agent.get(`/api/notices/${notice.id}`)).body;
      expect(body).not.toContain('13912345678');
      expect(JSON.parse(body).objections[0].contact).toBe('139****5678');
    }
    expect((await syAdmin.get(`/api/notices/${notice.id}`)).json().abilities.revealContact).toBe(true);
    const short = await syAdmin.post(`/api/notices/${notice.id}/objections/${oid}/reveal`, { field: 'contact', reason: '看' });
    expect(short.json().error.fields[0].field).toBe('body.reason');
    const name = await syAdmin.post(`/api/notices/${notice.id}/objections/${oid}/reveal`, { field: 'name', reason: '联系异议人核实情况' });
    expect(name.statusCode).toBe(400);
    expect(name.json().error.fields[0]).toMatchObject({ field: 'body.field', message: expect.stringContaining('contact') });
    const res = await syAdmin.post(`/api/notices/${notice.id}/objections/${oid}/reveal`, { field: 'contact', reason: '联系异议人核实情况' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ field: 'contact', value: '13912345678' });
    const rows = await t.ctx.database.query<{ actor_username: string; detail: unknown }>(`select actor_username, detail from audit_log where action = 'personal_data.reveal' and object_id = $1`, [oid]);
    expect(rows).toEqual([{ actor_username: 'sy_admin', detail: { noticeId: notice.id, field: 'contact', reason: '联系异议人核实情况' } }]);
  });

  it('refuses outsiders on every authority endpoint and changes nothing', async () => {
    const { notice, oid } = await withObjection();
    await endNotice(notice.id);
    const anon = await visitor();
    const before = await fingerprint();
    const endpoints: [string, string, unknown?][] = [
      ['GET', `/api/notices/${notice.id}`],
      ['GET', `/api/notices/${notice.id}/objections/${oid}/evidence`],
      ['POST', `/api/notices/${notice.id}/objections/${oid}/handle`, { result: 'upheld', investigationNote: '核查', reason: '理由' }],
      ['POST', `/api/notices/${notice.id}/objections/${oid}/reveal`, { field: 'contact', reason: '联系异议人核实情况' }],
      ['POST', `/api/notices/${notice.id}/conclude`, {}],
    ];
    for (const [method, url, body] of endpoints) {
      expect((await dlAdmin.request(method as 'GET', url, body)).statusCode, `dl_admin ${url}`).toBe(404);
      expect((await opAdmin.request(method as 'GET', url, body)).statusCode, `operator ${url}`).toBe(403);
      expect((await anon.request(method as 'GET', url, body)).statusCode, `anonymous ${url}`).toBe(401);
    }
    expect((await syReviewer.post(`/api/notices/${notice.id}/objections/${oid}/handle`, { result: 'upheld', investigationNote: '核查', reason: '理由' })).statusCode).toBe(403);
    expect((await syReviewer.post(`/api/notices/${notice.id}/conclude`, {})).statusCode).toBe(403);
    expect((await syReviewer.post(`/api/notices/${notice.id}/objections/${oid}/reveal`, { field: 'contact', reason: '联系异议人核实情况' })).statusCode).toBe(403);
    expect((await dlAdmin.get('/api/notices')).json().items).toEqual([]);
    expect((await opAdmin.get('/api/notices')).statusCode).toBe(403);
    expect((await anon.get('/api/notices')).statusCode).toBe(401);
    expect(await fingerprint()).toEqual(before);
  });
});

describe('the candidates of a notice stage: paged, sorted, published as "all"', () => {
  const candidates = (query = '') => syAdmin.get(`/api/notices/candidates?callId=${callId}&stageKey=city_notice${query}`);
  const waitingNow = async () => (await candidates('&pageSize=1')).json().total as number;
  const publishAll = (agent: Agent, expectedCount: number, over: Record<string, unknown> = {}) => {
    const { applicationIds: _ids, ...body } = noticeBody([]);
    return agent.post('/api/notices', { ...body, all: true, expectedCount, ...over });
  };

  it('pages and sorts on the server, refusing a column it does not sort by', async () => {
    await atNoticeStage();
    await atNoticeStage();
    const first = await candidates('&pageSize=1');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ page: 1, pageSize: 1, items: [expect.anything()] });
    const all = (await candidates('&pageSize=100')).json();
    expect(all.total).toBeGreaterThanOrEqual(2);
    expect(all.items).toHaveLength(all.total);
    expect((await candidates('&pageSize=1&page=2')).json().items[0].applicationId).toBe(all.items[1].applicationId);
    const names = async (order: string) => (await candidates(`&pageSize=100&sort=space&order=${order}`)).json().items.map((i: { space: { name: string } }) => i.space.name);
    const up = await names('asc');
    expect(up).toEqual([...up].sort((x: string, y: string) => x.localeCompare(y, 'en')));
    expect(await names('desc')).toEqual([...up].reverse());
    for (const [query, field] of [['&sort=password', 'querystring.sort'], ['&pageSize=101', 'querystring.pageSize']]) {
      const res = await candidates(query);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
  });

  it('refuses a bad combination of ids and "all", naming the field, and changes nothing', async () => {
    const a = await atNoticeStage();
    const before = await fingerprint();
    for (const [over, field] of [
      [{ applicationIds: [a.id] }, 'body.all'],
      [{ expectedCount: undefined }, 'body.expectedCount'],
      [{ all: false }, 'body.all'],
      [{ all: undefined }, 'body.applicationIds'],
      [{ expectedCount: 0 }, 'body.expectedCount'],
    ] as const) {
      const res = await publishAll(syAdmin, 1, over);
      expect(res.statusCode, JSON.stringify(over)).toBe(400);
      expect(res.json().error.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
    expect(await fingerprint()).toEqual(before);
  });

  it('refuses outsiders publishing "all", and changes nothing', async () => {
    const n = await waitingNow();
    const before = await fingerprint();
    expect((await publishAll(syReviewer, n)).statusCode).toBe(403);
    expect((await publishAll(opAdmin, n)).statusCode).toBe(403);
    // Another city's admin works the stage, but none of these applications: its "all" is another set.
    expect((await publishAll(dlAdmin, n)).json().error.code).toBe('COUNT_CHANGED');
    expect((await (await visitor()).post('/api/notices', { ...noticeBody([]), applicationIds: undefined, all: true, expectedCount: n })).statusCode).toBe(401);
    expect(await fingerprint()).toEqual(before);
  });

  it('refuses "all" when the number waiting changed since the admin saw it (409 COUNT_CHANGED), and changes nothing', async () => {
    const seen = await waitingNow();
    await atNoticeStage();
    const before = await fingerprint();
    const res = await publishAll(syAdmin, seen);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'COUNT_CHANGED', message: expect.stringContaining(`${seen + 1} 项`) });
    expect(await fingerprint()).toEqual(before);
  });

  it('publishes every application waiting at the stage with the count the admin confirmed', async () => {
    const seen = (await candidates('&pageSize=100')).json();
    const res = await publishAll(syAdmin, seen.total);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().entries.map((e: { applicationId: string }) => e.applicationId)).toEqual(seen.items.map((c: { applicationId: string }) => c.applicationId));
    for (const c of seen.items) expect(await appRow(c.applicationId)).toEqual({ status: 'in_public_notice', stage_key: 'city_notice' });
    expect(await waitingNow()).toBe(0);
  });
});
