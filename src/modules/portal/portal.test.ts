import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, signIn } from '../../../test/helpers/agent.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { registryFingerprint } from '../../../test/helpers/fingerprint.ts';
import { fileUpload, SAMPLE } from '../../../test/helpers/multipart.ts';
import { loadConfig } from '../../config.ts';
import { listCalls } from './service.ts';
import { shippedChainVersionId } from '../chains/index.ts';

let t: TestApp;
let anon: Agent;
let xcAdmin: Agent;
let operator: Agent;
let ruleSetId: string;
let noticeFileId: string;
const DAY = 24 * 60 * 60 * 1000;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const iso = (ms: number) => new Date(Date.now() + ms).toISOString();

interface Summary {
  id: string;
  title: string;
  level: string;
  state: string;
  regionCode: string;
  authority: { name: string };
}

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  anon = new Agent(t.app);
  xcAdmin = await signIn(t.app, 'xc_admin');
  operator = await signIn(t.app, 'op_cg_admin');
  ruleSetId = (await xcAdmin.get('/api/criteria/rule-sets?key=xuchang-2016-regular')).json().items[0].id;
  const { payload, headers } = fileUpload('许昌市众创空间备案申报通知.pdf', SAMPLE.pdf);
  noticeFileId = (await xcAdmin.post('/api/files', payload, { headers })).json().id;
});
afterAll(() => t.close());

/** A Xuchang city call drafted by its admin; published unless `publish` is false. */
async function xuchangCall(title: string, opts: { opensAt?: string; publish?: boolean } = {}) {
  const materialSlots = (await xcAdmin.get('/api/calls/default-slots?level=city')).json().items;
  const created = await xcAdmin.post('/api/calls', {
    title,
    level: 'city',
    year: 2026,
    opensAt: opts.opensAt ?? '2026-01-05T09:00:00+08:00',
    closesAt: iso(60 * DAY),
    eligibleCategories: ['regular'],
    ruleSetId,
    materialSlots,
    chainId: await shippedChainVersionId(t.ctx.db, 'xuchang_city'),
    description: '达标一批，备案一批。\n请于截止前提交。',
    documentFileIds: [noticeFileId],
  });
  expect(created.statusCode, created.body).toBe(201);
  const call = created.json() as { id: string; revision: number };
  if (opts.publish === false) return call.id;
  const published = await xcAdmin.post(`/api/calls/${call.id}/publish`, { revision: call.revision });
  expect(published.statusCode, published.body).toBe(200);
  return call.id;
}

const list = async (query = '') => {
  const res = await anon.get(`/api/portal/calls${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: Summary[]; total: number; page: number; pageSize: number };
};
const fieldsOf = (res: { json: () => { error: { fields?: { field: string; message: string }[] } } }) => res.json().error.fields ?? [];

describe('the public call list', () => {
  it('lists published calls to anyone, never a draft, and filters by level, region and state', async () => {
    const draftId = await xuchangCall('许昌市 2026 年众创空间备案申报（草稿）', { publish: false });
    const upcomingId = await xuchangCall('许昌市 2027 年众创空间备案申报（预告）', { opensAt: iso(10 * DAY) });

    const all = await list();
    const ids = all.items.map((c) => c.id);
    expect(ids).not.toContain(draftId);
    expect(ids).toContain(upcomingId);
    expect(all.items.find((c) => c.id === upcomingId)).toMatchObject({ state: 'upcoming', level: 'city', regionCode: '411000', authority: { name: '许昌市科学技术局' } });
    // Open calls come before the upcoming one.
    expect(all.items.findIndex((c) => c.state === 'open')).toBeLessThan(ids.indexOf(upcomingId));

    expect((await list('?level=national')).items.every((c) => c.level === 'national')).toBe(true);
    expect((await list('?level=national')).total).toBeGreaterThan(0);
    // A province finds the calls of its cities (by region path), another province none of them.
    expect((await list('?region=410000')).items.map((c) => c.id)).toContain(upcomingId);
    expect((await list('?region=210000')).items.every((c) => c.authority.name === '辽宁省科学技术厅')).toBe(true);
    expect((await list('?region=110000')).total).toBe(0);
    expect((await list('?state=upcoming')).items.map((c) => c.id)).toEqual([upcomingId]);
    expect((await list('?state=open')).items.every((c) => c.state === 'open')).toBe(true);

    const first = await list('?pageSize=1');
    expect(first.items).toHaveLength(1);
    expect(first.total).toBe(all.total);
    expect((await list('?pageSize=1&page=2')).items[0]!.id).toBe(all.items[1]!.id);
  });

  it('says a call is closed once its window has passed', async () => {
    const later = new Date(Date.now() + 365 * DAY);
    const page = await listCalls(t.ctx.db, { page: 1, pageSize: 100, region: '411000' }, later);
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((c) => c.state === 'closed')).toBe(true);
    expect((await listCalls(t.ctx.db, { page: 1, pageSize: 100, state: 'open' }, later)).total).toBe(0);
  });

  it('refuses bad filters with 400 naming the field in Chinese, and unknown parameters', async () => {
    for (const [query, field] of [
      ['level=county', 'querystring.level'],
      ['region=4100', 'querystring.region'],
      ['state=soon', 'querystring.state'],
      ['page=0', 'querystring.page'],
    ] as const) {
      const res = await anon.get(`/api/portal/calls?${query}`);
      expect(res.statusCode, query).toBe(400);
      const fields = fieldsOf(res);
      expect(fields.map((f) => f.field), query).toEqual([field]);
      expect(fields[0]!.message, query).toMatch(/[\u4e00-\u9fff]/);
    }
    expect((await anon.get('/api/portal/calls?status=draft')).statusCode).toBe(400);
  });

  it('offers as region filters the regions that issued published calls and those above them', async () => {
    const res = await anon.get('/api/portal/calls/regions');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { code: string; name: string; parentCode: string | null }[];
    const codes = items.map((r) => r.code);
    expect(codes).toEqual(expect.arrayContaining(['410000', '411000', '210000', '320000']));
    expect(codes).not.toContain('000000');
    expect(codes).not.toContain('110000');
    expect(items.find((r) => r.code === '411000')).toEqual({ code: '411000', name: '许昌市', level: 'city', parentCode: '410000' });
    // Tree order: a parent before its children.
    expect(codes.indexOf('410000')).toBeLessThan(codes.indexOf('411000'));
  });
});

describe('the public call page', () => {
  it('shows the guide, categories, conditions, materials, window, documents and review stages of a published call', async () => {
    const id = await xuchangCall('许昌市 2026 年第二批众创空间备案申报');
    const res = await anon.get(`/api/portal/calls/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json();
    expect(page).toMatchObject({
      id,
      state: 'open',
      level: 'city',
      regionName: '许昌市',
      authority: { name: '许昌市科学技术局' },
      description: '达标一批，备案一批。\n请于截止前提交。',
      eligibleCategories: ['regular'],
      documents: [{ id: noticeFileId, name: '许昌市众创空间备案申报通知.pdf', kind: 'pdf' }],
      criteria: { version: 1 },
    });
    expect(page.opensAt).toBe('2026-01-05T01:00:00.000Z');
    expect(page.criteria.source).toContain('许昌');
    expect(page.criteria.conditions.length).toBeGreaterThan(0);
    expect(page.criteria.conditions[0]).toEqual(expect.objectContaining({ id: expect.any(String), clause: expect.any(String), kind: expect.any(String) }));
    expect(page.materialSlots.length).toBeGreaterThan(0);
    expect(page.stages.length).toBeGreaterThan(0);
    // The listed document downloads without sign-in.
    expect((await anon.get(`/api/public/calls/${id}/documents/${noticeFileId}`)).statusCode).toBe(200);
    // A signed-in visitor reads the same page.
    expect((await operator.get(`/api/portal/calls/${id}`)).json()).toEqual(page);
  });

  it('is not found for a draft (even for its own authority), a cancelled or an unknown call, and 400 for a malformed id', async () => {
    const draftId = await xuchangCall('许昌市 2026 年第三批众创空间备案申报', { publish: false });
    const cancelledId = await xuchangCall('许昌市 2026 年第四批众创空间备案申报');
    const current = (await xcAdmin.get(`/api/calls/${cancelledId}`)).json();
    expect((await xcAdmin.post(`/api/calls/${cancelledId}/cancel`, { revision: current.revision, reason: '政策调整，另行通知' })).statusCode).toBe(200);
    for (const [who, agent] of [
      ['anonymous', anon],
      ['the draft’s authority', xcAdmin],
    ] as const) {
      for (const id of [draftId, cancelledId, UNKNOWN_ID]) {
        const res = await agent.get(`/api/portal/calls/${id}`);
        expect(res.statusCode, `${who} ${id}`).toBe(404);
        expect(res.json().error.message).toContain('申报批次不存在');
      }
    }
    const bad = await anon.get('/api/portal/calls/not-a-uuid');
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad).map((f) => f.field)).toEqual(['params.id']);
  });

  it('changes nothing when read, and refuses writes to its addresses', async () => {
    const before = await registryFingerprint(t.ctx.database);
    const [first] = (await list()).items;
    for (const url of ['/api/portal/calls', `/api/portal/calls/${first!.id}`, '/api/portal/calls/regions', '/api/portal/site']) {
      expect((await anon.get(url)).statusCode, url).toBe(200);
      for (const agent of [anon, operator]) {
        expect((await agent.post(url, {})).statusCode, url).toBe(404);
        expect((await agent.delete(url)).statusCode, url).toBe(404);
      }
    }
    expect(await registryFingerprint(t.ctx.database)).toEqual(before);
  });
});

describe('the site operator', () => {
  it('names a neutral operator by default and the configured one with its ICP number', async () => {
    const res = await anon.get('/api/portal/site');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ operator: '众创空间备案与服务平台开源项目', icp: null });
    expect(loadConfig({ SITE_OPERATOR: '某某市科学技术局', SITE_ICP: '京ICP备12345678号' }).site).toEqual({ operator: '某某市科学技术局', icp: '京ICP备12345678号' });
    expect(() => loadConfig({ SITE_OPERATOR: 'x' })).toThrow(/SITE_OPERATOR/);
  });
});
