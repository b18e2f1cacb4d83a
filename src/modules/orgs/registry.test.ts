import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, signIn } from '../../../test/helpers/agent.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { registryFingerprint } from '../../../test/helpers/fingerprint.ts';
import { usccCheckChar } from '../../shared/validation/uscc.ts';
import { SYSTEM_CONTEXT } from '../audit/service.ts';
import { auditLog } from '../audit/schema.ts';
import { createAccount } from '../identity/accounts.ts';
import { createOrganisation, findOrganisationByName } from './service.ts';

let t: TestApp;
let opAdmin: Agent;
let opStaff: Agent;
let authority: Agent;
let sys: Agent;

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  [opAdmin, opStaff, authority, sys] = await Promise.all([
    signIn(t.app, 'op_robot_admin'),
    signIn(t.app, 'op_robot_staff'),
    signIn(t.app, 'sy_admin'),
    signIn(t.app, 'sysadmin'),
  ]);
});
afterAll(() => t.close());

const uscc = (first17: string) => `${first17}${usccCheckChar(first17)}`;
const fieldsOf = (res: { json: () => { error: { fields?: { field: string }[] } } }) => res.json().error.fields?.map((f) => f.field);
const fingerprint = () => registryFingerprint(t.ctx.database);
const auditActions = async (objectId: string) =>
  (await t.ctx.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.objectId, objectId))).map((r) => r.action).sort();

const registration = (overrides: Record<string, unknown> = {}) => ({
  name: '许昌智造众创空间运营有限公司',
  uscc: uscc('91411002MA9KXW3R5'),
  regionCode: '411002',
  nature: 'enterprise_private',
  legalRepresentative: '郑国强',
  principalName: '郑国强',
  principalMobile: '+86 138-0371-1234',
  contactName: '马丽',
  contactMobile: '13903745678',
  phone: '0374-2345678',
  email: 'office@xczz.example.cn',
  address: '河南省许昌市魏都区文峰路 9 号',
  username: 'xczz_admin',
  displayName: '马丽',
  password: 'Xuchang#Maker2026',
  ...overrides,
});

/** An anonymous visitor with the pre-login CSRF token, from its own address (rate limits are per IP). */
async function visitor(ip = '10.0.0.1') {
  const anon = new Agent(t.app, ip);
  await anon.get('/api/auth/csrf');
  return anon;
}

describe('operator self-registration', () => {
  it('creates the operator, its profile and its first admin in one go, audited, and the admin can sign in', async () => {
    const res = await (await visitor()).post('/api/register', registration());
    expect(res.statusCode).toBe(201);
    const { organisationId, userId } = res.json();
    expect(await auditActions(organisationId)).toEqual(['org.create', 'org.register']);
    expect(await auditActions(userId)).toEqual(['user.create']);

    const admin = await signIn(t.app, 'xczz_admin', 'Xuchang#Maker2026');
    const me = (await admin.get('/api/me')).json();
    expect(me.roles).toEqual(['operator_admin']);
    expect(me.abilities).toMatchObject({ 'space.create': true, 'host.link': true, 'call.create': false });
    const org = (await admin.get('/api/my/organisation')).json();
    expect(org).toMatchObject({
      id: organisationId,
      kind: 'operator',
      uscc: uscc('91411002MA9KXW3R5'),
      regionName: '魏都区',
      nature: 'enterprise_private',
      legalRepresentative: '郑国强',
      principalMobile: '13803711234',
      contactMobile: '13903745678',
      mobilesMasked: false,
      revision: 1,
      abilities: { edit: true },
    });
  });

  it.each([
    ['a USCC already registered', { uscc: uscc('91210112MA10XR3B6'), username: 'someone_new' }, 'body.uscc'],
    ['a username already taken', { uscc: uscc('91411002MA9KXW4R5'), username: 'op_robot_admin' }, 'body.username'],
  ])('refuses %s with 409 naming the field, creating nothing', async (_why, overrides, field) => {
    const before = await fingerprint();
    const res = await (await visitor()).post('/api/register', registration(overrides));
    expect(res.statusCode).toBe(409);
    expect(fieldsOf(res)).toEqual([field]);
    expect(await fingerprint()).toEqual(before);
  });

  it.each([
    ['a wrong check character', { uscc: '91411002MA9KXW3R5P' }, 'body.uscc'],
    ['a contact mobile that is not a mobile', { contactMobile: '0374-1234567' }, 'body.contactMobile'],
    ['a principal mobile that is not a mobile', { principalMobile: '12345' }, 'body.principalMobile'],
    ['a weak password', { password: 'password' }, 'body.password'],
    ['an unknown region', { regionCode: '999999' }, 'body.regionCode'],
    ['the national root as region', { regionCode: '000000' }, 'body.regionCode'],
    ['an unknown nature', { nature: 'bank' }, 'body.nature'],
    ['no legal representative', { legalRepresentative: ' ' }, 'body.legalRepresentative'],
    ['a malformed email', { email: 'not-an-email' }, 'body.email'],
    ['a bad username', { username: 'a b' }, 'body.username'],
    ['a field it may not set', { status: 'disabled' }, 'body.status'],
    ['a role it may not choose', { roles: ['system_admin'] }, 'body.roles'],
  ])('refuses %s with 400 naming the field, creating nothing', async (_why, overrides, field) => {
    const before = await fingerprint();
    const res = await (await visitor()).post('/api/register', registration({ uscc: uscc('91411002MA9KXW5R5'), username: 'another_admin', ...overrides }));
    expect(res.statusCode, res.body).toBe(400);
    expect(fieldsOf(res)).toContain(field);
    expect(await fingerprint()).toEqual(before);
  });

  it('lets exactly one of two concurrent registrations of the same USCC through', async () => {
    const code = uscc('91411002MA9KXW7R5');
    const results = await Promise.all([
      (await visitor('10.0.0.4')).post('/api/register', registration({ uscc: code, username: 'race_one' })),
      (await visitor('10.0.0.5')).post('/api/register', registration({ uscc: code, username: 'race_two' })),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(fieldsOf(results.find((r) => r.statusCode === 409)!)).toEqual(['body.uscc']);
  });

  it('refuses a request without the CSRF token', async () => {
    const before = await fingerprint();
    const res = await new Agent(t.app, '10.0.0.2').post('/api/register', registration({ uscc: uscc('91411002MA9KXW6R5'), username: 'csrf_less' }));
    expect(res.statusCode).toBe(403);
    expect(await fingerprint()).toEqual(before);
  });

  it('is rate-limited per address', async () => {
    const limited = await createTestApp({ env: { LOGIN_RATE_PER_MINUTE: '2' } });
    try {
      const anon = new Agent(limited.app, '10.0.0.3');
      await anon.get('/api/auth/csrf');
      const codes = [];
      for (let i = 0; i < 3; i++) codes.push((await anon.post('/api/register', { bad: true })).statusCode);
      expect(codes).toEqual([400, 400, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe('my organisation', () => {
  it('shows the admin the mobiles in full and the staff masked', async () => {
    const full = (await opAdmin.get('/api/my/organisation')).json();
    expect(full).toMatchObject({ name: '沈阳新锐智造众创科技有限公司', legalRepresentative: '赵立新', contactMobile: '13904005678', mobilesMasked: false, abilities: { edit: true } });
    const masked = (await opStaff.get('/api/my/organisation')).json();
    expect(masked).toMatchObject({ contactMobile: '139****5678', principalMobile: '138****1234', mobilesMasked: true, abilities: { edit: false } });
  });

  it('saves with the revision read, audited, and refuses a stale save with 409 changing nothing', async () => {
    const current = (await opAdmin.get('/api/my/organisation')).json();
    const { revision } = current;
    const body = {
      revision,
      nature: 'enterprise_private',
      legalRepresentative: '赵立新',
      principalName: '孙海涛',
      principalMobile: '13804001234',
      contactName: '刘晓雨',
      contactMobile: '0086 139 0400 9999',
      phone: '024-83786600',
      email: 'maker@xinrui-robot.example.cn',
      address: '辽宁省沈阳市浑南区创新路 155 号 A 座',
    };
    const saved = await opAdmin.put('/api/my/organisation', body);
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ revision: revision + 1, contactMobile: '13904009999', address: '辽宁省沈阳市浑南区创新路 155 号 A 座' });
    expect(await auditActions(current.id)).toContain('org.profile.update');

    const before = await fingerprint();
    const stale = await opAdmin.put('/api/my/organisation', { ...body, address: '别处' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('STALE_REVISION');
    expect(await fingerprint()).toEqual(before);
  });

  it('creates the profile on the first save of an operator that has none (revision 0)', async () => {
    const org = await createOrganisation(t.ctx.db, SYSTEM_CONTEXT, { name: '大连海创空间运营有限公司', kind: 'operator', regionCode: '210202', uscc: uscc('91210202MA0QW8E1X') });
    await createAccount(t.ctx.db, t.config, SYSTEM_CONTEXT, { username: 'dlhc_admin', displayName: '海创管理员', password: 'Dalian#Sea2026', orgId: org.id, roles: ['operator_admin'], mustChangePassword: false });
    const admin = await signIn(t.app, 'dlhc_admin', 'Dalian#Sea2026');
    expect((await admin.get('/api/my/organisation')).json()).toMatchObject({ revision: 0, legalRepresentative: null, contactMobile: null });
    const body = { revision: 0, nature: 'investment_institution', legalRepresentative: '钱海', contactName: '钱海', contactMobile: '13998761234' };
    expect((await admin.put('/api/my/organisation', body)).json()).toMatchObject({ revision: 1, nature: 'investment_institution' });
    expect((await admin.put('/api/my/organisation', body)).statusCode).toBe(409);
  });

  it.each([
    ['a bad mobile', { contactMobile: '1390400' }, 'body.contactMobile'],
    ['an unknown field', { uscc: '91210112MA10XR3B6X' }, 'body.uscc'],
    ['no revision', { revision: undefined }, 'body.revision'],
  ])('refuses %s with 400 naming the field', async (_why, overrides, field) => {
    const { revision } = (await opAdmin.get('/api/my/organisation')).json();
    const before = await fingerprint();
    const res = await opAdmin.put('/api/my/organisation', { revision, nature: 'other', legalRepresentative: '赵立新', contactName: '刘晓雨', contactMobile: '13904005678', ...overrides });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toContain(field);
    expect(await fingerprint()).toEqual(before);
  });
});

describe('hosts', () => {
  it('lists the hosts the operator linked, with their credentials', async () => {
    const { items } = (await opStaff.get('/api/my/hosts')).json();
    expect(items).toEqual([
      expect.objectContaining({ name: '沈阳新锐机器人集团有限公司', hostType: 'leading_enterprise', credentials: expect.objectContaining({ enterpriseTechCentreLevel: 'national' }) }),
    ]);
  });

  it('links a host already registered by its USCC, once', async () => {
    const univ = (await findOrganisationByName(t.ctx.db, '金陵理工大学'))!;
    const res = await opAdmin.post('/api/my/hosts', { uscc: univ.uscc!.toLowerCase() });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ created: false, host: { id: univ.id, hostType: 'university' } });
    expect(await auditActions(univ.id)).toContain('host.link');
    const before = await fingerprint();
    const again = await opAdmin.post('/api/my/hosts', { uscc: univ.uscc });
    expect(again.statusCode).toBe(409);
    expect(fieldsOf(again)).toEqual(['body.uscc']);
    expect(await fingerprint()).toEqual(before);
  });

  it('registers an unknown host with its type and credentials, then links it', async () => {
    const res = await opAdmin.post('/api/my/hosts', {
      uscc: uscc('12210000MB1234567'),
      name: '辽宁智能制造研究院',
      hostType: 'research_institute',
      regionCode: '210112',
      credentials: { keyLabLevel: 'province', goodRecord3Years: true },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ created: true, host: { name: '辽宁智能制造研究院', hostType: 'research_institute', regionName: '浑南区', credentials: { keyLabLevel: 'province' } } });
    expect(await auditActions(res.json().host.id)).toEqual(['host.link', 'org.create']);
  });

  it.each([
    ['an unknown host without a name', { uscc: uscc('12210000MB7654321'), hostType: 'university', regionCode: '210112' }, 400, 'body.name'],
    ['an unknown host without a type', { uscc: uscc('12210000MB7654321'), name: '某大学', regionCode: '210112' }, 400, 'body.hostType'],
    ['an unknown host without a region', { uscc: uscc('12210000MB7654321'), name: '某大学', hostType: 'university' }, 400, 'body.regionCode'],
    ['a bad USCC', { uscc: '12210000MB765432' }, 400, 'body.uscc'],
    ['an unknown credential', { uscc: uscc('12210000MB7654321'), credentials: { stars: 5 } }, 400, 'body.credentials.stars'],
    ['the USCC of an operator', { uscc: uscc('91320113MA1MXKJ03') }, 409, 'body.uscc'],
  ])('refuses %s naming the field, changing nothing', async (_why, body, status, field) => {
    const before = await fingerprint();
    const res = await opAdmin.post('/api/my/hosts', body);
    expect(res.statusCode).toBe(status);
    expect(fieldsOf(res)).toContain(field);
    expect(await fingerprint()).toEqual(before);
  });
});

describe('who may use the registry endpoints', () => {
  it('refuses anonymous callers with 401 and other roles with 403, changing nothing', async () => {
    const { revision } = (await opAdmin.get('/api/my/organisation')).json();
    const profile = { revision, nature: 'other', legalRepresentative: '越权', contactName: '越权', contactMobile: '13900000000' };
    const host = { uscc: uscc('12210000MB1111111'), name: '越权大学', hostType: 'university', regionCode: '210112' };
    const anon = await visitor('10.0.0.9');
    const before = await fingerprint();
    const cases: [string, Agent, 'GET' | 'PUT' | 'POST', string, unknown, number][] = [
      ['anonymous', anon, 'GET', '/api/my/organisation', undefined, 401],
      ['anonymous', anon, 'PUT', '/api/my/organisation', profile, 401],
      ['anonymous', anon, 'GET', '/api/my/hosts', undefined, 401],
      ['anonymous', anon, 'POST', '/api/my/hosts', host, 401],
      ['staff', opStaff, 'PUT', '/api/my/organisation', profile, 403],
      ['staff', opStaff, 'POST', '/api/my/hosts', host, 403],
      ['authority', authority, 'GET', '/api/my/organisation', undefined, 403],
      ['authority', authority, 'PUT', '/api/my/organisation', profile, 403],
      ['authority', authority, 'GET', '/api/my/hosts', undefined, 403],
      ['authority', authority, 'POST', '/api/my/hosts', host, 403],
      ['system admin', sys, 'PUT', '/api/my/organisation', profile, 403],
      ['system admin', sys, 'POST', '/api/my/hosts', host, 403],
    ];
    for (const [who, agent, method, url, body, status] of cases) {
      expect((await agent.request(method, url, body)).statusCode, `${who} ${method} ${url}`).toBe(status);
    }
    expect(await fingerprint()).toEqual(before);
  });

  it('keeps another operator’s profile and hosts out of reach: /my is always the caller’s own', async () => {
    const other = await signIn(t.app, 'op_univ_admin');
    expect((await other.get('/api/my/organisation')).json().name).toBe('南京金陵理工科技园发展有限公司');
    const hosts = (await other.get('/api/my/hosts')).json().items.map((h: { name: string }) => h.name);
    expect(hosts).toEqual(['金陵理工大学']);
  });
});
