import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, signIn } from '../../../test/helpers/agent.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { registryFingerprint } from '../../../test/helpers/fingerprint.ts';
import { fileUpload, SAMPLE } from '../../../test/helpers/multipart.ts';
import { auditLog } from '../audit/schema.ts';
import { makeActor } from '../../../test/helpers/actor.ts';
import { findCall, findCallForActor } from './service.ts';
import { shippedChainVersionId } from '../chains/index.ts';
import { CHAINS } from '../../shared/chains.ts';

let t: TestApp;
const agents: Record<string, Agent> = {};
let anon: Agent;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const DAY = 24 * 60 * 60 * 1000;
let xuchangRuleSetId: string;
let noticeFileId: string;

const as = (username: string) => agents[username]!;

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  const names = ['xc_admin', 'xc_reviewer', 'cg_admin', 'sy_admin', 'js_admin', 'ln_admin', 'op_robot_admin', 'op_robot_staff', 'op_univ_admin', 'op_cg_admin', 'expert_wang', 'sysadmin'];
  await Promise.all(names.map(async (n) => (agents[n] = await signIn(t.app, n))));
  anon = new Agent(t.app);
  await anon.get('/api/auth/csrf');
  xuchangRuleSetId = (await as('xc_admin').get('/api/criteria/rule-sets?key=xuchang-2016-regular')).json().items[0].id;
  const { payload, headers } = fileUpload('许昌市众创空间备案申报通知.pdf', SAMPLE.pdf);
  noticeFileId = (await as('xc_admin').post('/api/files', payload, { headers })).json().id;
});
afterAll(() => t.close());

const fieldsOf = (res: { json: () => { error: { fields?: { field: string }[] } } }) => res.json().error.fields?.map((f) => f.field);
const fingerprint = () => registryFingerprint(t.ctx.database);
const iso = (ms: number) => new Date(Date.now() + ms).toISOString();

/** A Xuchang city call as its admin would enter it. */
const cityCall = async (overrides: Record<string, unknown> = {}) => ({
  title: '许昌市 2026 年第二批众创空间备案申报',
  level: 'city',
  year: 2026,
  opensAt: '2026-01-05T09:00:00+08:00',
  closesAt: iso(60 * DAY),
  eligibleCategories: ['regular', 'professional'],
  ruleSetId: xuchangRuleSetId,
  materialSlots: (await as('xc_admin').get('/api/calls/default-slots?level=city')).json().items,
  chainId: await shippedChainVersionId(t.ctx.db, 'xuchang_city'),
  description: '达标一批，备案一批。',
  documentFileIds: [noticeFileId],
  ...overrides,
});

async function draft(overrides: Record<string, unknown> = {}) {
  const res = await as('xc_admin').post('/api/calls', await cityCall(overrides));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; revision: number; status: string };
}

describe('the demo calls', () => {
  it('lists one open call per chain on the portal, without sign-in', async () => {
    const res = await anon.get('/api/portal/calls');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { id: string; level: string; state: string; authority: { name: string } }[];
    expect(items.map((c) => [c.authority.name, c.level, c.state]).sort()).toEqual(
      [
        ['许昌市科学技术局', 'city', 'open'],
        ['辽宁省科学技术厅', 'province', 'open'],
        ['江苏省科学技术厅', 'national', 'open'],
      ].sort(),
    );
    const page = async (level: string) => (await anon.get(`/api/portal/calls/${items.find((c) => c.level === level)!.id}`)).json();
    const national = await page('national');
    expect(national.materialSlots.map((s: { name: string }) => s.name)).toEqual(expect.arrayContaining(['推荐函', '申报单位信用承诺书', '主管部门信用承诺书']));
    expect(national.criteria.source).toBeTruthy();
    expect((await page('city')).stages.map((s: { key: string }) => s.key)).toEqual(CHAINS.xuchang_city.stages.map((s) => s.key));
  });

  it('shows each demo operator the call its space can apply to now', async () => {
    const open = async (username: string) =>
      (await as(username).get('/api/calls/open')).json().items.map((c: { authority: { name: string }; eligibleSpaces: { name: string }[] }) => [c.authority.name, c.eligibleSpaces.map((s) => s.name)]);
    expect(await open('op_robot_admin')).toEqual([['辽宁省科学技术厅', ['沈阳智能机器人专业化众创空间']]]);
    expect(await open('op_robot_staff')).toEqual([['辽宁省科学技术厅', ['沈阳智能机器人专业化众创空间']]]);
    expect(await open('op_univ_admin')).toEqual([['江苏省科学技术厅', ['金陵理工生物医药专业化众创空间']]]);
    expect(await open('op_cg_admin')).toEqual([['许昌市科学技术局', ['长葛创新工场众创空间']]]);
  });

  it('gives other modules the call, and the call only where the actor may see it', async () => {
    const [published] = (await anon.get('/api/portal/calls?level=city')).json().items;
    expect(await findCall(t.ctx.db, published.id)).toMatchObject({ status: 'published', regionPath: '000000/410000/411000' });
    expect(await findCall(t.ctx.db, UNKNOWN_ID)).toBeUndefined();
    await expect(findCallForActor(t.ctx.db, makeActor(), published.id)).resolves.toMatchObject({ id: published.id });
    const d = await draft();
    await expect(findCallForActor(t.ctx.db, makeActor(), d.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('an authority admin’s call', () => {
  it('is drafted with the default slots, a rule set and its notice, audited, and seen only by its authority', async () => {
    const d = await draft();
    expect(d).toMatchObject({ status: 'draft', revision: 1 });
    const detail = (await as('xc_reviewer').get(`/api/calls/${d.id}`)).json();
    expect(detail).toMatchObject({
      level: 'city',
      regionName: '许昌市',
      ruleSet: { key: 'xuchang-2016-regular', version: 1 },
      documents: [{ id: noticeFileId, name: '许昌市众创空间备案申报通知.pdf', kind: 'pdf' }],
      open: false,
      abilities: { edit: false, publish: false, cancel: false },
    });
    expect(detail.opensAt).toBe('2026-01-05T01:00:00.000Z');
    expect((await as('xc_admin').get(`/api/calls/${d.id}`)).json().abilities).toEqual({ edit: true, publish: true, cancel: true });
    const audits = await t.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'call.create'), eq(auditLog.objectId, d.id)));
    expect(audits).toHaveLength(1);

    for (const outsider of ['cg_admin', 'sy_admin', 'op_cg_admin']) expect((await as(outsider).get(`/api/calls/${d.id}`)).statusCode, outsider).toBe(404);
    expect((await anon.get(`/api/portal/calls/${d.id}`)).statusCode).toBe(404);
    expect((await anon.get(`/api/public/calls/${d.id}/documents/${noticeFileId}`)).statusCode).toBe(404);
    const listed = (await as('xc_admin').get('/api/calls?status=draft')).json().items.map((c: { id: string }) => c.id);
    expect(listed).toContain(d.id);
    expect((await as('sy_admin').get('/api/calls?status=draft')).json().total).toBe(0);
    expect((await as('op_cg_admin').get('/api/calls')).json().items.map((c: { status: string }) => c.status)).not.toContain('draft');
  });

  it('is edited with the revision read, published, then cancelled; stale or out-of-state requests get 409 and change nothing', async () => {
    const d = await draft();
    const edited = await as('xc_admin').put(`/api/calls/${d.id}`, { ...(await cityCall({ title: '许昌市 2026 年第三批众创空间备案申报' })), revision: d.revision });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ revision: 2, title: '许昌市 2026 年第三批众创空间备案申报' });

    let before = await fingerprint();
    expect((await as('xc_admin').put(`/api/calls/${d.id}`, { ...(await cityCall()), revision: 1 })).statusCode).toBe(409);
    expect((await as('xc_admin').post(`/api/calls/${d.id}/publish`, { revision: 1 })).statusCode).toBe(409);
    expect(await fingerprint()).toEqual(before);

    const published = await as('xc_admin').post(`/api/calls/${d.id}/publish`, { revision: 2 });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published', open: true, revision: 3, abilities: { edit: false, publish: false, cancel: true } });
    expect((await anon.get(`/api/portal/calls/${d.id}`)).json()).toMatchObject({ state: 'open', documents: [{ name: '许昌市众创空间备案申报通知.pdf' }] });
    // The notice downloads for anyone while the call is published; other files never through it.
    const doc = await anon.get(`/api/public/calls/${d.id}/documents/${noticeFileId}`);
    expect(doc.statusCode).toBe(200);
    expect(doc.headers['content-disposition']).toContain("filename*=UTF-8''");
    expect(doc.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await anon.get(`/api/public/calls/${d.id}/documents/${UNKNOWN_ID}`)).statusCode).toBe(404);
    expect((await as('op_cg_admin').get(`/api/calls/${d.id}`)).statusCode).toBe(200);
    expect((await as('op_cg_admin').get('/api/calls/open')).json().items.map((c: { id: string }) => c.id)).toContain(d.id);

    before = await fingerprint();
    expect((await as('xc_admin').put(`/api/calls/${d.id}`, { ...(await cityCall()), revision: 3 })).statusCode).toBe(409);
    expect((await as('xc_admin').post(`/api/calls/${d.id}/publish`, { revision: 3 })).statusCode).toBe(409);
    expect(await fingerprint()).toEqual(before);

    const cancelled = await as('xc_admin').post(`/api/calls/${d.id}/cancel`, { revision: 3, reason: '政策调整，另行通知' });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', open: false });
    expect((await anon.get(`/api/portal/calls/${d.id}`)).statusCode).toBe(404);
    expect((await anon.get(`/api/public/calls/${d.id}/documents/${noticeFileId}`)).statusCode).toBe(404);
    expect((await as('op_cg_admin').get('/api/calls/open')).json().items.map((c: { id: string }) => c.id)).not.toContain(d.id);
    expect((await as('xc_admin').post(`/api/calls/${d.id}/cancel`, { revision: 4, reason: '再次撤销' })).statusCode).toBe(409);
    const actions = (await t.ctx.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.objectId, d.id))).map((r) => r.action).sort();
    expect(actions).toEqual(['call.cancel', 'call.create', 'call.publish', 'call.update']);
  });

  it('refuses to publish a call whose closing time has passed', async () => {
    const d = await draft({ opensAt: iso(-20 * DAY), closesAt: iso(-DAY) });
    const before = await fingerprint();
    const res = await as('xc_admin').post(`/api/calls/${d.id}/publish`, { revision: 1 });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toEqual(['body.closesAt']);
    expect(await fingerprint()).toEqual(before);
  });

  it('lets a province open the national recommendation call, and no city', async () => {
    const national = { title: '国家专业化众创空间备案推荐（第二批）', level: 'national', chainId: await shippedChainVersionId(t.ctx.db, 'jiangsu_national'), eligibleCategories: ['professional'], ruleSetId: null, documentFileIds: [] };
    expect((await as('js_admin').post('/api/calls', await cityCall(national))).statusCode).toBe(201);
    const res = await as('sy_admin').post('/api/calls', await cityCall(national));
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toEqual(['body.level']);
  });

  it.each([
    ['a level above the authority', { level: 'province', chainId: null }, 'body.level'],
    ['a closing time before the opening', { opensAt: '2026-07-01T09:00:00+08:00', closesAt: '2026-06-30T17:00:00+08:00' }, 'body.closesAt'],
    ['a time without a zone', { opensAt: '2026-07-01 09:00' }, 'body.opensAt'],
    ['a repeated slot key', { materialSlots: [{ key: 'licence', name: '营业执照', required: true }, { key: 'licence', name: '执照副本', required: false }] }, 'body.materialSlots.1.key'],
    ['a malformed slot key', { materialSlots: [{ key: '营业执照', name: '营业执照', required: true }] }, 'body.materialSlots.0.key'],
    ['no slots', { materialSlots: [] }, 'body.materialSlots'],
    ['no categories', { eligibleCategories: [] }, 'body.eligibleCategories'],
    ['an unknown rule set', { ruleSetId: UNKNOWN_ID }, 'body.ruleSetId'],
    ['a file someone else uploaded or none at all', { documentFileIds: [UNKNOWN_ID] }, 'body.documentFileIds'],
    ['a status set by the client', { status: 'published' }, 'body.status'],
    ['a region set by the client', { regionCode: '410000' }, 'body.regionCode'],
    ['a year out of range', { year: 1999 }, 'body.year'],
  ])('refuses %s with 400 naming the field, creating nothing', async (_why, overrides, field) => {
    const before = await fingerprint();
    const res = await as('xc_admin').post('/api/calls', await cityCall(overrides));
    expect(res.statusCode, res.body).toBe(400);
    expect(fieldsOf(res)).toContain(field);
    expect(await fingerprint()).toEqual(before);
  });

  it('refuses a chain of another level and the old chain-by-key field, creating nothing', async () => {
    const before = await fingerprint();
    const otherLevel = await as('xc_admin').post('/api/calls', await cityCall({ chainId: await shippedChainVersionId(t.ctx.db, 'liaoning_province') }));
    expect(otherLevel.statusCode, otherLevel.body).toBe(400);
    expect(fieldsOf(otherLevel)).toEqual(['body.chainId']);
    const byKey = await as('xc_admin').post('/api/calls', await cityCall({ chainId: undefined, chainTemplate: 'xuchang_city' }));
    expect(byKey.statusCode, byKey.body).toBe(400);
    expect(await fingerprint()).toEqual(before);
  });

  /** xc_admin's clone of a chain, published: a clone moves what its source moves. */
  async function publishedClone(sourceKey: string, key: string) {
    const cloned = await as('xc_admin').post(`/api/chains/${await shippedChainVersionId(t.ctx.db, sourceKey)}/clone`, { key });
    expect(cloned.statusCode, cloned.body).toBe(200);
    const published = await as('xc_admin').post(`/api/chains/${cloned.json().id}/publish`, { revision: cloned.json().revision });
    expect(published.statusCode, published.body).toBe(200);
    return published.json().id as string;
  }

  it('pins only a chain made for filing applications: support, return and revocation chains and their clones are refused, creating or changing nothing', async () => {
    const supportClone = await publishedClone('support_city', 'support_city_pin_test');
    const filingClone = await publishedClone('xuchang_city', 'xuchang_city_pin_test');
    const d = await draft();
    const before = await fingerprint();
    const foreign = [...(await Promise.all(['support_unit', 'support_city', 'annual_return_city', 'revocation_city'].map((k) => shippedChainVersionId(t.ctx.db, k)))), supportClone];
    for (const chainId of foreign) {
      expect(chainId).toBeDefined();
      const created = await as('xc_admin').post('/api/calls', await cityCall({ chainId }));
      expect(created.statusCode, created.body).toBe(400);
      expect(fieldsOf(created)).toEqual(['body.chainId']);
      expect(created.json().error.message).toContain('不是备案申报的审核流程');
      const edited = await as('xc_admin').put(`/api/calls/${d.id}`, { ...(await cityCall({ chainId })), revision: d.revision });
      expect(edited.statusCode, edited.body).toBe(400);
      expect(fieldsOf(edited)).toEqual(['body.chainId']);
    }
    expect(await fingerprint()).toEqual(before);

    // The form's picker offers the filing chains only, so it never offers one the server refuses.
    const offered = (await as('xc_admin').get('/api/chains/usable?level=city')).json().items.map((c: { id: string }) => c.id);
    expect(offered).toContain(await shippedChainVersionId(t.ctx.db, 'xuchang_city'));
    expect(offered).toContain(filingClone);
    for (const chainId of foreign) expect(offered).not.toContain(chainId);
    const returns = (await as('xc_admin').get('/api/chains/usable?level=city&kind=annual_return')).json().items.map((c: { key: string }) => c.key);
    expect(returns).toEqual(['annual_return_city']);

    const edited = await as('xc_admin').put(`/api/calls/${d.id}`, { ...(await cityCall({ chainId: filingClone })), revision: d.revision });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().chain).toMatchObject({ id: filingClone, key: 'xuchang_city_pin_test' });
  });
});

describe('who may use the call endpoints', () => {
  it('refuses outsiders of every endpoint (401 anonymous, 404 out of scope, 403 wrong role), changing nothing', async () => {
    const d = await draft();
    const [published] = (await anon.get('/api/portal/calls?level=city')).json().items;
    const body = await cityCall({ title: '越权创建的申报批次' });
    const update = { ...body, revision: 1 };
    const before = await fingerprint();
    const cases: [string, Agent, 'GET' | 'POST' | 'PUT', string, unknown, number][] = [
      ['anonymous', anon, 'GET', '/api/calls', undefined, 401],
      ['anonymous', anon, 'GET', '/api/calls/open', undefined, 401],
      ['anonymous', anon, 'GET', '/api/calls/default-slots?level=city', undefined, 401],
      ['anonymous', anon, 'POST', '/api/calls', body, 401],
      ['anonymous', anon, 'GET', `/api/calls/${d.id}`, undefined, 401],
      ['anonymous', anon, 'PUT', `/api/calls/${d.id}`, update, 401],
      ['anonymous', anon, 'POST', `/api/calls/${d.id}/publish`, { revision: 1 }, 401],
      ['anonymous', anon, 'POST', `/api/calls/${d.id}/cancel`, { revision: 1, reason: '越权撤销' }, 401],
      ['another authority', as('sy_admin'), 'GET', `/api/calls/${d.id}`, undefined, 404],
      ['another authority', as('sy_admin'), 'PUT', `/api/calls/${d.id}`, update, 404],
      ['another authority', as('sy_admin'), 'POST', `/api/calls/${d.id}/publish`, { revision: 1 }, 404],
      ['another authority', as('sy_admin'), 'POST', `/api/calls/${d.id}/cancel`, { revision: 1, reason: '越权撤销' }, 404],
      ['the county below', as('cg_admin'), 'GET', `/api/calls/${d.id}`, undefined, 404],
      ['an operator', as('op_cg_admin'), 'GET', `/api/calls/${d.id}`, undefined, 404],
      ['another authority', as('sy_admin'), 'POST', `/api/calls/${published.id}/cancel`, { revision: 1, reason: '越权撤销' }, 403],
      ['the county below', as('cg_admin'), 'POST', '/api/calls', body, 403],
      ['its own reviewer', as('xc_reviewer'), 'POST', '/api/calls', body, 403],
      ['its own reviewer', as('xc_reviewer'), 'PUT', `/api/calls/${d.id}`, update, 403],
      ['its own reviewer', as('xc_reviewer'), 'POST', `/api/calls/${d.id}/publish`, { revision: 1 }, 403],
      ['an operator', as('op_cg_admin'), 'POST', '/api/calls', body, 403],
      ['an operator', as('op_cg_admin'), 'GET', '/api/calls/default-slots?level=city', undefined, 403],
      ['an operator', as('op_cg_admin'), 'POST', `/api/calls/${published.id}/cancel`, { revision: 1, reason: '越权撤销' }, 403],
      ['an authority', as('xc_admin'), 'GET', '/api/calls/open', undefined, 403],
      ['an expert', as('expert_wang'), 'GET', '/api/calls/open', undefined, 403],
      ['the system admin', as('sysadmin'), 'POST', '/api/calls', body, 403],
    ];
    for (const [who, agent, method, url, payload, status] of cases) {
      expect((await agent.request(method, url, payload)).statusCode, `${who} ${method} ${url}`).toBe(status);
    }
    expect(await fingerprint()).toEqual(before);
  });

  it('answers 404 for unknown calls and 400 for malformed ids and queries', async () => {
    expect((await as('xc_admin').get(`/api/calls/${UNKNOWN_ID}`)).statusCode).toBe(404);
    expect((await anon.get(`/api/portal/calls/${UNKNOWN_ID}`)).statusCode).toBe(404);
    const bad = await anon.get('/api/portal/calls/abc');
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad)).toEqual(['params.id']);
    const badQuery = await anon.get('/api/portal/calls?level=county');
    expect(badQuery.statusCode).toBe(400);
    expect(fieldsOf(badQuery)).toEqual(['querystring.level']);
    const unknownQuery = await anon.get('/api/portal/calls?status=draft');
    expect(unknownQuery.statusCode).toBe(400);
  });
});
