import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, signIn } from '../../../test/helpers/agent.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { identityFingerprint } from '../../../test/helpers/fingerprint.ts';
import { auditLog } from '../audit/schema.ts';
import * as repo from './repository.ts';

let t: TestApp;
let sys: Agent;
let sec: Agent;
let auditor: Agent;
let reviewer: Agent;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  [sys, sec, auditor, reviewer] = await Promise.all([
    signIn(t.app, 'sysadmin'),
    signIn(t.app, 'secadmin'),
    signIn(t.app, 'auditadmin'),
    signIn(t.app, 'sy_reviewer'),
  ]);
});
afterAll(() => t.close());

const orgId = async (name: string) => (await repo.findOrgByName(t.ctx.db, name))!.id;
const fieldsOf = (res: { json: () => { error: { fields?: { field: string }[] } } }) => res.json().error.fields?.map((f) => f.field);
const auditRows = (action: string, objectId: string) =>
  t.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.objectId, objectId)));

/** A valid operator in 许昌 (the USCC's check character is right). */
const operator = (overrides: Record<string, unknown> = {}) => ({
  name: '许昌智造众创空间运营有限公司',
  kind: 'operator',
  regionCode: '411002',
  uscc: '91411002MA9KXW3R5W',
  ...overrides,
});

describe('organisation list', () => {
  it('lists organisations with their region name, a page at a time', async () => {
    const res = await sys.get('/api/admin/orgs?pageSize=3');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items).toHaveLength(3);
    expect(body.total).toBeGreaterThan(15);
    const [cg] = (await sys.get(`/api/admin/orgs?q=${encodeURIComponent('长葛市科学')}`)).json().items;
    expect(cg).toMatchObject({ name: '长葛市科学技术局', kind: 'authority', authorityLevel: 'county', regionCode: '411082', regionName: '长葛市', status: 'active', uscc: null });
  });

  it('filters by kind and finds an organisation by its USCC', async () => {
    const hosts = (await sys.get('/api/admin/orgs?kind=host')).json();
    expect(hosts.items.map((o: { hostType: string }) => o.hostType).sort()).toEqual(['leading_enterprise', 'university']);
    const byCode = (await sys.get('/api/admin/orgs?q=51320000MJ5444418')).json();
    expect(byCode.items.map((o: { name: string }) => o.name)).toEqual(['江苏省科技企业孵化器协会']);
  });

  it('names the offending query field', async () => {
    const res = await sys.get('/api/admin/orgs?kind=bank');
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toEqual(['querystring.kind']);
  });
});

describe('creating an organisation', () => {
  it('creates an operator with a valid USCC, normalised, and audits it', async () => {
    const res = await sys.post('/api/admin/orgs', operator({ uscc: ' 91411002ma9kxw3r5w ' }));
    expect(res.statusCode).toBe(201);
    const org = res.json();
    expect(org).toMatchObject({ kind: 'operator', uscc: '91411002MA9KXW3R5W', regionName: '魏都区', status: 'active' });
    expect(await auditRows('org.create', org.id)).toHaveLength(1);
  });

  it('creates an authority whose level matches its region', async () => {
    const res = await sys.post('/api/admin/orgs', { name: '济源市科学技术局', kind: 'authority', authorityLevel: 'county', regionCode: '419001' });
    expect(res.statusCode).toBe(201);
  });

  it('refuses a USCC already registered', async () => {
    const res = await sys.post('/api/admin/orgs', operator({ name: '另一家公司' }));
    expect(res.statusCode).toBe(409);
    expect(fieldsOf(res)).toEqual(['body.uscc']);
  });

  it.each([
    ['wrong check character', operator({ uscc: '91411002MA9KXW3R5P' }), 'body.uscc'],
    ['operator without USCC', operator({ uscc: undefined }), 'body.uscc'],
    ['authority level not matching the region', { name: '许昌市科技局二', kind: 'authority', authorityLevel: 'province', regionCode: '411000' }, 'body.regionCode'],
    ['authority without level', { name: '许昌市科技局二', kind: 'authority', regionCode: '411000' }, 'body.authorityLevel'],
    ['level on a non-authority', operator({ authorityLevel: 'city' }), 'body.authorityLevel'],
    ['host without host type', operator({ kind: 'host' }), 'body.hostType'],
    ['recommending-unit type on an operator', operator({ recommenderType: 'city_bureau' }), 'body.recommenderType'],
    ['recommending unit without type', { name: '许昌高新区管委会', kind: 'recommending_unit', regionCode: '411000' }, 'body.recommenderType'],
    ['unknown region', operator({ regionCode: '999999' }), 'body.regionCode'],
    ['malformed region', operator({ regionCode: '4110' }), 'body.regionCode'],
    ['unknown kind', operator({ kind: 'bank' }), 'body.kind'],
    ['one-character name', operator({ name: '许' }), 'body.name'],
    ['unknown field', operator({ status: 'disabled' }), 'body.status'],
  ])('refuses %s naming the field, changing nothing', async (_why, body, field) => {
    const before = await identityFingerprint(t.ctx.database);
    const res = await sys.post('/api/admin/orgs', body);
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toContain(field);
    expect(await identityFingerprint(t.ctx.database)).toEqual(before);
  });
});

describe('disabling and enabling an organisation', () => {
  it('ends the sessions of all its users and refuses their sign-in until enabled', async () => {
    const admin = await signIn(t.app, 'dl_admin');
    const rev = await signIn(t.app, 'dl_reviewer');
    const id = await orgId('大连市科学技术局');
    const res = await sys.post(`/api/admin/orgs/${id}/disable`);
    expect(res.statusCode).toBe(200);
    expect(res.json().sessionsEnded).toBe(2);
    expect((await admin.get('/api/me')).statusCode).toBe(401);
    expect((await rev.get('/api/me')).statusCode).toBe(401);
    await expect(signIn(t.app, 'dl_admin')).rejects.toThrow(/403/);
    expect(await auditRows('org.disable', id)).toHaveLength(1);

    expect((await sys.post(`/api/admin/orgs/${id}/enable`)).statusCode).toBe(200);
    expect(await auditRows('org.enable', id)).toHaveLength(1);
    await expect(signIn(t.app, 'dl_admin')).resolves.toBeInstanceOf(Agent);
  });

  it('refuses the system admin’s own organisation', async () => {
    const before = await identityFingerprint(t.ctx.database);
    const res = await sys.post(`/api/admin/orgs/${await orgId('Hatchery 平台运维中心')}/disable`);
    expect(res.statusCode).toBe(403);
    expect(await identityFingerprint(t.ctx.database)).toEqual(before);
  });

  it('answers 404 for an unknown organisation and 400 for a malformed id', async () => {
    for (const action of ['disable', 'enable']) {
      expect((await sys.post(`/api/admin/orgs/${UNKNOWN_ID}/${action}`)).statusCode).toBe(404);
      const malformed = await sys.post(`/api/admin/orgs/abc/${action}`);
      expect(malformed.statusCode).toBe(400);
      expect(fieldsOf(malformed)).toEqual(['params.id']);
    }
  });
});

describe('who may call the organisation endpoints', () => {
  it('refuses anonymous callers with 401 and everyone but the system admin with 403, changing nothing', async () => {
    const target = await orgId('长葛市科学技术局');
    const endpoints = [
      { method: 'GET' as const, url: '/api/admin/orgs' },
      { method: 'POST' as const, url: '/api/admin/orgs' },
      { method: 'POST' as const, url: `/api/admin/orgs/${target}/disable` },
      { method: 'POST' as const, url: `/api/admin/orgs/${target}/enable` },
    ];
    const anon = new Agent(t.app);
    await anon.get('/api/auth/csrf');
    const before = await identityFingerprint(t.ctx.database);
    for (const e of endpoints) {
      const payload = e.method === 'GET' ? undefined : operator({ name: '越权创建的公司', uscc: '91411002MA9KXW3R5W' });
      expect((await anon.request(e.method, e.url, payload)).statusCode, `anonymous ${e.url}`).toBe(401);
      for (const [name, agent] of Object.entries({ sec, auditor, reviewer })) {
        expect((await agent.request(e.method, e.url, payload)).statusCode, `${name} ${e.method} ${e.url}`).toBe(403);
      }
    }
    expect(await identityFingerprint(t.ctx.database)).toEqual(before);
  });
});
