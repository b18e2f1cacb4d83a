import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, signIn } from '../../../test/helpers/agent.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { registryFingerprint } from '../../../test/helpers/fingerprint.ts';
import { SYSTEM_CONTEXT } from '../audit/service.ts';
import { auditLog } from '../audit/schema.ts';
import { createAccount } from '../identity/accounts.ts';
import { createOrganisation } from './service.ts';

let t: TestApp;
let maker: Agent;
let opAdmin: Agent;

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  [maker, opAdmin] = await Promise.all([signIn(t.app, 'maker_chen'), signIn(t.app, 'op_robot_admin')]);
});
afterAll(() => t.close());

const fieldsOf = (res: { json: () => { error: { fields?: { field: string }[] } } }) => res.json().error.fields?.map((f) => f.field);
const fingerprint = () => registryFingerprint(t.ctx.database);
const auditActions = async (objectId: string) =>
  (await t.ctx.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.objectId, objectId))).map((r) => r.action).sort();

const team = (overrides: Record<string, unknown> = {}) => ({
  makerType: 'team',
  teamName: '许昌智慧农机创客团队',
  members: 3,
  fields: ['modern_agriculture', 'advanced_equipment'],
  affiliation: '许昌学院',
  intro: '做小型丘陵农机的电动化改装。',
  regionCode: '411002',
  mobile: '+86 139-0374-1111',
  email: 'team@nongji.example.cn',
  username: 'nongji_team',
  displayName: '王磊',
  password: 'Nongji#Maker2026',
  ...overrides,
});

/** An anonymous visitor with the pre-login CSRF token, from its own address (rate limits are per IP). */
async function visitor(ip = '10.0.1.1') {
  const anon = new Agent(t.app, ip);
  await anon.get('/api/auth/csrf');
  return anon;
}

describe('maker self-registration', () => {
  it('creates a team, its profile and the maker’s account together, audited, and the maker signs in to its profile', async () => {
    const res = await (await visitor()).post('/api/register/maker', team());
    expect(res.statusCode, res.body).toBe(201);
    const { organisationId, userId } = res.json();
    expect(await auditActions(organisationId)).toEqual(['org.create', 'org.register']);
    expect(await auditActions(userId)).toEqual(['user.create']);

    const me = await signIn(t.app, 'nongji_team', 'Nongji#Maker2026');
    expect((await me.get('/api/me')).json()).toMatchObject({ roles: ['maker'], organisation: { kind: 'maker_team', name: '许昌智慧农机创客团队' } });
    expect((await me.get('/api/my/maker-profile')).json()).toMatchObject({
      name: '许昌智慧农机创客团队',
      regionName: '魏都区',
      makerType: 'team',
      members: 3,
      fields: ['modern_agriculture', 'advanced_equipment'],
      affiliation: '许昌学院',
      revision: 1,
    });
  });

  it('registers an individual under its own name, one member whatever was sent, no team name needed', async () => {
    const res = await (await visitor('10.0.1.2')).post('/api/register/maker', team({ makerType: 'individual', teamName: undefined, members: 7, username: 'solo_maker', displayName: '赵一鸣' }));
    expect(res.statusCode, res.body).toBe(201);
    const me = await signIn(t.app, 'solo_maker', 'Nongji#Maker2026');
    expect((await me.get('/api/my/maker-profile')).json()).toMatchObject({ name: '赵一鸣', makerType: 'individual', members: 1 });
  });

  it.each([
    ['a team without a name', { teamName: ' ' }, 'body.teamName'],
    ['a team of one', { members: 1 }, 'body.members'],
    ['no field', { fields: [] }, 'body.fields'],
    ['an unknown field', { fields: ['alchemy'] }, 'body.fields.0'],
    ['a repeated field', { fields: ['new_energy', 'new_energy'] }, 'body.fields'],
    ['an unknown maker type', { makerType: 'company' }, 'body.makerType'],
    ['the national root as region', { regionCode: '000000' }, 'body.regionCode'],
    ['an unknown region', { regionCode: '999999' }, 'body.regionCode'],
    ['a mobile that is not a mobile', { mobile: '0374-1234567' }, 'body.mobile'],
    ['a malformed email', { email: 'nope' }, 'body.email'],
    ['a weak password', { password: 'password' }, 'body.password'],
    ['a role it may not choose', { roles: ['system_admin'] }, 'body.roles'],
    ['an intro too long', { intro: '长'.repeat(501) }, 'body.intro'],
  ])('refuses %s with 400 naming the field, creating nothing', async (_why, overrides, field) => {
    const before = await fingerprint();
    const res = await (await visitor('10.0.1.3')).post('/api/register/maker', team({ username: 'bad_maker', ...overrides }));
    expect(res.statusCode, res.body).toBe(400);
    expect(fieldsOf(res)).toContain(field);
    expect(await fingerprint()).toEqual(before);
  });

  it('refuses a username already taken with 409 naming it, creating nothing', async () => {
    const before = await fingerprint();
    const res = await (await visitor('10.0.1.4')).post('/api/register/maker', team({ username: 'maker_chen' }));
    expect(res.statusCode).toBe(409);
    expect(fieldsOf(res)).toEqual(['body.username']);
    expect(await fingerprint()).toEqual(before);
  });

  it('refuses a request without the CSRF token, creating nothing', async () => {
    const before = await fingerprint();
    const res = await new Agent(t.app, '10.0.1.5').post('/api/register/maker', team({ username: 'csrf_less_maker' }));
    expect(res.statusCode).toBe(403);
    expect(await fingerprint()).toEqual(before);
  });
});

describe('the maker profile', () => {
  it('shows the demo maker its team, and saves with the revision read, renaming the team, audited', async () => {
    const current = (await maker.get('/api/my/maker-profile')).json();
    expect(current).toMatchObject({ name: '陈晨智能硬件创客团队', makerType: 'team', members: 4, revision: 1 });
    const body = { revision: 1, name: '陈晨协作机器人创客团队', makerType: 'team', members: 5, fields: ['advanced_equipment'], affiliation: '东北大学', intro: null };
    const saved = await maker.put('/api/my/maker-profile', body);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ name: '陈晨协作机器人创客团队', members: 5, fields: ['advanced_equipment'], intro: null, revision: 2 });
    expect((await maker.get('/api/me')).json().organisation.name).toBe('陈晨协作机器人创客团队');

    const before = await fingerprint();
    const stale = await maker.put('/api/my/maker-profile', { ...body, name: '别的名字' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('STALE_REVISION');
    expect(await fingerprint()).toEqual(before);
  });

  it('creates the profile on the first save of a maker an administrator created (revision 0), once', async () => {
    const org = await createOrganisation(t.ctx.db, SYSTEM_CONTEXT, { name: '孙悦', kind: 'maker_team', regionCode: '210102' });
    await createAccount(t.ctx.db, t.config, SYSTEM_CONTEXT, { username: 'sun_yue', displayName: '孙悦', password: 'Shenyang#Maker2026', orgId: org.id, roles: ['maker'], mustChangePassword: false });
    const me = await signIn(t.app, 'sun_yue', 'Shenyang#Maker2026');
    expect((await me.get('/api/my/maker-profile')).json()).toMatchObject({ name: '孙悦', makerType: null, fields: [], revision: 0 });
    const body = { revision: 0, name: '孙悦', makerType: 'individual', fields: ['cultural_creative'] };
    expect((await me.put('/api/my/maker-profile', body)).json()).toMatchObject({ makerType: 'individual', members: 1, revision: 1 });
    expect((await me.put('/api/my/maker-profile', body)).statusCode).toBe(409);
  });

  it.each([
    ['a name too short', { name: '陈' }, 'body.name'],
    ['a team of one', { members: 1 }, 'body.members'],
    ['no revision', { revision: undefined }, 'body.revision'],
    ['a field it may not set', { orgId: '00000000-0000-4000-8000-000000000000' }, 'body.orgId'],
  ])('refuses %s with 400 naming the field, changing nothing', async (_why, overrides, field) => {
    const { revision } = (await maker.get('/api/my/maker-profile')).json();
    const before = await fingerprint();
    const res = await maker.put('/api/my/maker-profile', { revision, name: '陈晨团队', makerType: 'team', members: 3, fields: ['advanced_equipment'], ...overrides });
    expect(res.statusCode, res.body).toBe(400);
    expect(fieldsOf(res)).toContain(field);
    expect(await fingerprint()).toEqual(before);
  });

  it('refuses everyone but makers (403) and the anonymous (401), changing nothing', async () => {
    const before = await fingerprint();
    expect((await opAdmin.get('/api/my/maker-profile')).statusCode).toBe(403);
    expect((await opAdmin.put('/api/my/maker-profile', { revision: 1, name: '冒名团队', makerType: 'team', members: 2, fields: ['new_energy'] })).statusCode).toBe(403);
    const anon = await visitor('10.0.1.6');
    expect((await anon.get('/api/my/maker-profile')).statusCode).toBe(401);
    expect((await anon.put('/api/my/maker-profile', { revision: 1, name: '冒名团队', makerType: 'team', members: 2, fields: ['new_energy'] })).statusCode).toBe(401);
    expect(await fingerprint()).toEqual(before);
  });
});
