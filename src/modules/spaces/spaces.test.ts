import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, signIn } from '../../../test/helpers/agent.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { fileSpace } from '../../../test/helpers/filed.ts';
import { registryFingerprint } from '../../../test/helpers/fingerprint.ts';
import { auditLog } from '../audit/schema.ts';
import { findOrganisationByName } from '../orgs/service.ts';
import { makeActor } from '../../../test/helpers/actor.ts';
import { findSpaceInScope, spaceProfileFacts } from './service.ts';

let t: TestApp;
const agents: Record<string, Agent> = {};
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
let robot: { id: string; revision: number };
let changge: { id: string };
let robotHostId: string;

const as = (username: string) => agents[username]!;

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  const names = ['op_robot_admin', 'op_robot_staff', 'op_univ_admin', 'op_cg_admin', 'sy_reviewer', 'ln_admin', 'dl_admin', 'js_intake', 'xc_admin', 'cg_reviewer', 'yz_admin', 'most_admin', 'expert_wang', 'maker_chen', 'sysadmin'];
  await Promise.all(names.map(async (n) => (agents[n] = await signIn(t.app, n))));
  robot = (await as('op_robot_admin').get('/api/spaces')).json().items[0];
  changge = (await as('op_cg_admin').get('/api/spaces')).json().items[0];
  robotHostId = (await findOrganisationByName(t.ctx.db, '沈阳新锐机器人集团有限公司'))!.id;
});
afterAll(() => t.close());

const fieldsOf = (res: { json: () => { error: { fields?: { field: string }[] } } }) => res.json().error.fields?.map((f) => f.field);
const fingerprint = () => registryFingerprint(t.ctx.database);
const names = async (username: string) => (await as(username).get('/api/spaces')).json().items.map((s: { name: string }) => s.name).sort();

const professional = (overrides: Record<string, unknown> = {}) => ({
  name: '沈阳协作机器人专业化众创空间',
  category: 'professional',
  industry: 'advanced_equipment',
  subField: '协作机器人',
  foundedOn: '2020-06-01',
  regionCode: '210112',
  hostIds: [robotHostId],
  onlinePlatform: { name: '协作机器人创客平台', url: 'https://cobot.example.cn' },
  techPlatform: { name: '协作机器人测试平台', url: 'http://test.cobot.example.cn' },
  managementSystems: { entryStandard: true, exitConditions: true, incubateeDatabase: false, other: '导师管理办法' },
  ...overrides,
});

describe('the demo registry', () => {
  it('gives each demo operator its space, with operator, hosts and platforms', async () => {
    const res = await as('op_robot_admin').get(`/api/spaces/${robot.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      name: '沈阳智能机器人专业化众创空间',
      category: 'professional',
      regularType: null,
      industry: 'advanced_equipment',
      industryName: '高端装备制造',
      regionName: '浑南区',
      operator: { name: '沈阳新锐智造众创科技有限公司' },
      hosts: [{ name: '沈阳新锐机器人集团有限公司', hostType: 'leading_enterprise' }],
      onlinePlatform: { name: '新锐智造创客云平台' },
      managementSystems: { entryStandard: true, exitConditions: true, incubateeDatabase: true },
      abilities: { edit: true },
    });
    expect(await names('op_univ_admin')).toEqual(['金陵理工生物医药专业化众创空间']);
    expect((await as('op_cg_admin').get(`/api/spaces/${changge.id}`)).json()).toMatchObject({ name: '长葛创新工场众创空间', category: 'regular', regularType: 'tech_support', hosts: [] });
  });

  it('gives the dossier what the registry knows for prefilling', async () => {
    const facts = await spaceProfileFacts(t.ctx.db, robot.id);
    expect(facts.operator).toMatchObject({ legalRepresentative: '赵立新', contactMobile: '13904005678', nature: 'enterprise_private' });
    expect(facts.hosts).toEqual([expect.objectContaining({ hostType: 'leading_enterprise', credentials: expect.objectContaining({ enterpriseTechCentreLevel: 'national' }) })]);
    expect(facts.space).toMatchObject({ industryName: '高端装备制造', onlinePlatform: { name: '新锐智造创客云平台' }, regionPath: '000000/210000/210100/210112' });
  });

  it('finds a space in scope for other modules, else 404', async () => {
    const own = makeActor({ org: { id: (await findOrganisationByName(t.ctx.db, '沈阳新锐智造众创科技有限公司'))!.id } });
    await expect(findSpaceInScope(t.ctx.db, own, robot.id)).resolves.toMatchObject({ regionPath: '000000/210000/210100/210112' });
    await expect(findSpaceInScope(t.ctx.db, makeActor(), robot.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('listing spaces', () => {
  it.each([
    ['op_robot_staff', ['沈阳智能机器人专业化众创空间']],
    ['sy_reviewer', ['沈阳智能机器人专业化众创空间']],
    ['ln_admin', ['沈阳智能机器人专业化众创空间']],
    ['dl_admin', []],
    ['js_intake', ['金陵理工生物医药专业化众创空间']],
    ['xc_admin', ['长葛创新工场众创空间']],
    ['cg_reviewer', ['长葛创新工场众创空间']],
    ['yz_admin', []],
    ['most_admin', ['沈阳智能机器人专业化众创空间', '金陵理工生物医药专业化众创空间', '长葛创新工场众创空间'].sort()],
  ])('shows %s only the spaces in its scope', async (username, expected) => {
    expect(await names(username)).toEqual(expected);
  });

  it('says whether each space holds an active filing (the desks tell an unfiled one the searches do not list its offers)', async () => {
    const filedOf = async (username: string) => (await as(username).get('/api/spaces')).json().items.map((s: { name: string; filed: boolean }) => [s.name, s.filed]);
    expect(await filedOf('op_cg_admin')).toEqual([['长葛创新工场众创空间', false]]);
    await fileSpace(t, changge.id, 'city');
    expect(await filedOf('op_cg_admin')).toEqual([['长葛创新工场众创空间', true]]);
    expect((await as('op_cg_admin').get(`/api/spaces/${changge.id}`)).json().filed).toBe(true);
    await t.ctx.database.query(`update filings set status = 'cancelled' where space_id = $1`, [changge.id]);
    expect(await filedOf('op_cg_admin')).toEqual([['长葛创新工场众创空间', false]]);
  });

  it('pages and searches', async () => {
    const page = (await as('most_admin').get(`/api/spaces?pageSize=1&page=2&q=${encodeURIComponent('众创空间')}`)).json();
    expect(page).toMatchObject({ total: 3, page: 2, pageSize: 1 });
    expect(page.items).toHaveLength(1);
    const bad = await as('most_admin').get('/api/spaces?pageSize=500');
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad)).toEqual(['querystring.pageSize']);
  });
});

describe('registering a space', () => {
  it('registers a professional space with its hosts, audited', async () => {
    const res = await as('op_robot_admin').post('/api/spaces', professional());
    expect(res.statusCode).toBe(201);
    const space = res.json();
    expect(space).toMatchObject({ name: '沈阳协作机器人专业化众创空间', revision: 1, hosts: [{ id: robotHostId }], techPlatform: { url: 'http://test.cobot.example.cn' } });
    const audits = await t.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'space.create'), eq(auditLog.objectId, space.id)));
    expect(audits).toHaveLength(1);
  });

  it('explains the naming rule in Chinese on body.name', async () => {
    const before = await fingerprint();
    const res = await as('op_robot_admin').post('/api/spaces', professional({ name: '沈阳协作机器人众创空间' }));
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toEqual(['body.name']);
    expect(res.json().error.message).toContain('XXX专业化众创空间');
    expect(await fingerprint()).toEqual(before);
  });

  it.each([
    ['a professional name with nothing before the suffix', () => professional({ name: '专业化众创空间' }), 'body.name'],
    ['a regular space without its type', () => professional({ category: 'regular', name: '浑南众创空间' }), 'body.regularType'],
    ['a professional space with a regular type', () => professional({ regularType: 'tech_support' }), 'body.regularType'],
    ['a professional space without a host', () => professional({ hostIds: [] }), 'body.hostIds'],
    ['a host the operator did not link', () => professional({ hostIds: [UNKNOWN_ID] }), 'body.hostIds.0'],
    ['a repeated host', () => professional({ hostIds: [robotHostId, robotHostId] }), 'body.hostIds'],
    ['a region in another province', () => professional({ regionCode: '320113' }), 'body.regionCode'],
    ['an unknown region', () => professional({ regionCode: '999999' }), 'body.regionCode'],
    ['a platform address that is not http(s)', () => professional({ onlinePlatform: { name: '平台', url: 'ftp://cobot.example.cn' } }), 'body.onlinePlatform.url'],
    ['a script address', () => professional({ techPlatform: { name: '平台', url: 'javascript:alert(1)' } }), 'body.techPlatform.url'],
    ['a founding date in the future', () => professional({ foundedOn: '2999-01-01' }), 'body.foundedOn'],
    ['a malformed founding date', () => professional({ foundedOn: '2020-13-01' }), 'body.foundedOn'],
    ['an industry outside the key list', () => professional({ industry: 'finance' }), 'body.industry'],
    ['the operator named by the client', () => professional({ operatorOrgId: UNKNOWN_ID }), 'body.operatorOrgId'],
    ['a status set by the client', () => professional({ status: 'revoked' }), 'body.status'],
    ['an incomplete management-systems answer', () => professional({ managementSystems: { entryStandard: true } }), 'body.managementSystems.exitConditions'],
  ])('refuses %s with 400 naming the field, changing nothing', async (_why, body, field) => {
    const before = await fingerprint();
    const res = await as('op_robot_admin').post('/api/spaces', body());
    expect(res.statusCode, res.body).toBe(400);
    expect(fieldsOf(res)).toContain(field);
    expect(await fingerprint()).toEqual(before);
  });

  it('registers a regular space without hosts', async () => {
    const res = await as('op_cg_admin').post('/api/spaces', {
      name: '长葛创新工场二期众创空间',
      category: 'regular',
      regularType: 'comprehensive',
      industry: 'modern_services',
      regionCode: '411082',
      hostIds: [],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ regularType: 'comprehensive', hosts: [], onlinePlatform: null, managementSystems: null, foundedOn: null });
  });
});

describe('editing a space', () => {
  const edit = (overrides: Record<string, unknown> = {}) => ({
    revision: robot.revision,
    name: '沈阳智能机器人专业化众创空间',
    category: 'professional',
    industry: 'advanced_equipment',
    subField: '工业机器人、协作机器人与智能制造',
    foundedOn: '2016-05-18',
    regionCode: '210112',
    hostIds: [robotHostId],
    onlinePlatform: { name: '新锐智造创客云平台', url: 'https://maker.xinrui-robot.example.cn' },
    managementSystems: { entryStandard: true, exitConditions: true, incubateeDatabase: true },
    ...overrides,
  });

  it('saves with the revision read and refuses a stale save with 409, changing nothing', async () => {
    const saved = await as('op_robot_admin').put(`/api/spaces/${robot.id}`, edit());
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ revision: robot.revision + 1, subField: '工业机器人、协作机器人与智能制造', techPlatform: null });
    const before = await fingerprint();
    const stale = await as('op_robot_admin').put(`/api/spaces/${robot.id}`, edit({ subField: '别的' }));
    expect(stale.statusCode).toBe(409);
    expect(await fingerprint()).toEqual(before);
  });

  it('lets exactly one of two concurrent saves of the same revision win', async () => {
    const { revision } = (await as('op_robot_admin').get(`/api/spaces/${robot.id}`)).json();
    const results = await Promise.all([
      as('op_robot_admin').put(`/api/spaces/${robot.id}`, edit({ revision, subField: '甲' })),
      as('op_robot_admin').put(`/api/spaces/${robot.id}`, edit({ revision, subField: '乙' })),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const winner = results.find((r) => r.statusCode === 200)!.json();
    expect((await as('op_robot_admin').get(`/api/spaces/${robot.id}`)).json()).toMatchObject({ revision: revision + 1, subField: winner.subField });
  });

  it('applies the naming rule on edits too', async () => {
    const { revision } = (await as('op_robot_admin').get(`/api/spaces/${robot.id}`)).json();
    const res = await as('op_robot_admin').put(`/api/spaces/${robot.id}`, edit({ revision, name: '沈阳智能机器人空间' }));
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toEqual(['body.name']);
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    expect((await as('op_robot_admin').get(`/api/spaces/${UNKNOWN_ID}`)).statusCode).toBe(404);
    expect((await as('op_robot_admin').put(`/api/spaces/${UNKNOWN_ID}`, edit())).statusCode).toBe(404);
    const bad = await as('op_robot_admin').get('/api/spaces/abc');
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad)).toEqual(['params.id']);
  });
});

describe('who may use the space endpoints', () => {
  it('refuses outsiders of every endpoint (401 anonymous, 404 out of scope, 403 wrong role), changing nothing', async () => {
    const { revision } = (await as('op_robot_admin').get(`/api/spaces/${robot.id}`)).json();
    const body = professional({ name: '越权专业化众创空间' });
    const update = { ...body, revision };
    const anon = new Agent(t.app);
    await anon.get('/api/auth/csrf');
    const before = await fingerprint();
    const cases: [string, Agent, 'GET' | 'POST' | 'PUT', string, unknown, number][] = [
      ['anonymous', anon, 'GET', '/api/spaces', undefined, 401],
      ['anonymous', anon, 'POST', '/api/spaces', body, 401],
      ['anonymous', anon, 'GET', `/api/spaces/${robot.id}`, undefined, 401],
      ['anonymous', anon, 'PUT', `/api/spaces/${robot.id}`, update, 401],
      ['another operator', as('op_univ_admin'), 'GET', `/api/spaces/${robot.id}`, undefined, 404],
      ['another operator', as('op_univ_admin'), 'PUT', `/api/spaces/${robot.id}`, update, 404],
      ['another jurisdiction', as('dl_admin'), 'GET', `/api/spaces/${robot.id}`, undefined, 404],
      ['another jurisdiction', as('yz_admin'), 'GET', `/api/spaces/${changge.id}`, undefined, 404],
      ['operator staff', as('op_robot_staff'), 'POST', '/api/spaces', body, 403],
      ['operator staff', as('op_robot_staff'), 'PUT', `/api/spaces/${robot.id}`, update, 403],
      ['the governing city', as('sy_reviewer'), 'PUT', `/api/spaces/${robot.id}`, update, 403],
      ['an authority admin', as('ln_admin'), 'POST', '/api/spaces', body, 403],
      ['an expert', as('expert_wang'), 'GET', '/api/spaces', undefined, 403],
      ['an expert', as('expert_wang'), 'GET', `/api/spaces/${robot.id}`, undefined, 403],
      ['a maker', as('maker_chen'), 'GET', `/api/spaces/${robot.id}`, undefined, 403],
      ['the system admin', as('sysadmin'), 'GET', '/api/spaces', undefined, 403],
      ['the system admin', as('sysadmin'), 'PUT', `/api/spaces/${robot.id}`, update, 403],
    ];
    for (const [who, agent, method, url, payload, status] of cases) {
      expect((await agent.request(method, url, payload)).statusCode, `${who} ${method} ${url}`).toBe(status);
    }
    expect(await fingerprint()).toEqual(before);
  });
});
