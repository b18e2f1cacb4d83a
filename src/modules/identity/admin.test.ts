import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, signIn } from '../../../test/helpers/agent.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { identityFingerprint } from '../../../test/helpers/fingerprint.ts';
import { auditLog } from '../audit/schema.ts';
import { withIdentityConstraints } from './accounts.ts';
import * as repo from './repository.ts';

let t: TestApp;
let sys: Agent;
let sec: Agent;
let auditor: Agent;
let reviewer: Agent;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  t = await createTestApp({ demo: true, env: { LOGIN_MAX_FAILURES: '3' } });
  [sys, sec, auditor, reviewer] = await Promise.all([
    signIn(t.app, 'sysadmin'),
    signIn(t.app, 'secadmin'),
    signIn(t.app, 'auditadmin'),
    signIn(t.app, 'sy_reviewer'),
  ]);
});
afterAll(() => t.close());

const userId = async (username: string) => (await repo.findUserByUsername(t.ctx.db, username))!.id;
const orgIdOf = async (username: string) => (await repo.findUserByUsername(t.ctx.db, username))!.orgId;
const auditRows = (action: string, objectId: string) =>
  t.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.objectId, objectId)));
const fieldsOf = (res: { json: () => { error: { fields?: { field: string }[] } } }) => res.json().error.fields?.map((f) => f.field);

const newAccount = async (overrides: Record<string, unknown> = {}) => ({
  username: 'xc_clerk2',
  displayName: '许昌审核员二',
  password: 'Xuchang#Review2026',
  orgId: await orgIdOf('xc_admin'),
  roles: ['authority_reviewer'],
  ...overrides,
});

describe('account list', () => {
  it('lists accounts a page at a time with organisation, roles and status', async () => {
    const res = await sys.get('/api/admin/users?page=1&pageSize=5');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items).toHaveLength(5);
    expect(body.total).toBeGreaterThan(30);
    expect(body).toMatchObject({ page: 1, pageSize: 5 });
    const sy = (await sys.get('/api/admin/users?q=sy_rev')).json().items;
    expect(sy).toHaveLength(1);
    expect(sy[0]).toMatchObject({
      username: 'sy_reviewer',
      org: { name: '沈阳市科学技术局', kind: 'authority' },
      roles: ['authority_reviewer'],
      status: 'active',
      locked: false,
    });
    expect(sy[0].lastLoginAt).not.toBeNull();
  });

  it('filters by organisation, role and status', async () => {
    const byOrg = (await sys.get(`/api/admin/users?orgId=${await orgIdOf('xc_admin')}`)).json();
    expect(byOrg.items.map((u: { username: string }) => u.username).sort()).toEqual(['xc_admin', 'xc_reviewer']);
    const experts = (await sys.get('/api/admin/users?role=expert')).json();
    expect(experts.items.map((u: { username: string }) => u.username).sort()).toEqual(['expert_gao', 'expert_li', 'expert_liu', 'expert_ma', 'expert_sun', 'expert_wang', 'expert_zhao', 'expert_zhou']);
    expect((await sys.get('/api/admin/users?status=disabled&q=maker')).json().total).toBe(0);
  });

  it('treats LIKE wildcards in the search text literally', async () => {
    expect((await sys.get('/api/admin/users?q=%25')).json().total).toBe(0);
    expect((await sys.get('/api/admin/users?q=_')).json().items.every((u: { username: string }) => u.username.includes('_'))).toBe(true);
  });

  it('is open to the security admin too', async () => {
    expect((await sec.get('/api/admin/users')).statusCode).toBe(200);
  });

  it('names the offending query field', async () => {
    for (const [query, field] of [
      ['pageSize=1000', 'querystring.pageSize'],
      ['orgId=nope', 'querystring.orgId'],
      ['role=king', 'querystring.role'],
      ['sort=name', 'querystring.sort'],
    ]) {
      const res = await sys.get(`/api/admin/users?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(fieldsOf(res)?.[0], query).toBe(field);
    }
  });
});

describe('creating an account', () => {
  it('creates it, masks the mobile in the list, audits, and forces a password change at first sign-in', async () => {
    const res = await sys.post('/api/admin/users', await newAccount({ mobile: '+86 139-1234-5678', email: 'clerk2@xuchang.gov.cn' }));
    expect(res.statusCode).toBe(201);
    const { id } = res.json();
    const stored = await repo.findUserById(t.ctx.db, id);
    expect(stored).toMatchObject({ mobile: '13912345678', mustChangePassword: true });
    const listed = (await sys.get('/api/admin/users?q=xc_clerk2')).json().items[0];
    expect(listed).toMatchObject({ id, mobile: '139****5678', email: 'clerk2@xuchang.gov.cn', lastLoginAt: null });
    const [row] = await auditRows('user.create', id);
    expect(row).toMatchObject({ actorUsername: 'sysadmin', result: 'success' });

    const holder = await signIn(t.app, 'xc_clerk2', 'Xuchang#Review2026');
    expect((await holder.get('/api/me')).json().user.mustChangePassword).toBe(true);
    expect((await holder.get('/api/regions')).statusCode).toBe(200);
  });

  it('refuses a taken username, whatever its case', async () => {
    const res = await sys.post('/api/admin/users', await newAccount({ username: 'SY_Reviewer' }));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('DUPLICATE');
    expect(fieldsOf(res)).toEqual(['body.username']);
  });

  it('refuses roles that do not fit the organisation kind', async () => {
    const res = await sys.post('/api/admin/users', await newAccount({ username: 'xc_op', roles: ['operator_admin'] }));
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toEqual(['body.roles']);
  });

  it.each([['audit_admin'], ['security_admin'], ['system_admin'], ['system_admin', 'audit_admin']])(
    'refuses to open an administrator account (%s): only the CLI does, and no user row is made',
    async (...roles) => {
      const before = await identityFingerprint(t.ctx.database);
      const res = await sys.post('/api/admin/users', await newAccount({ username: 'second_admin', orgId: await orgIdOf('sysadmin'), roles }));
      expect(res.statusCode).toBe(403);
      expect(res.json().error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('npx hatchery') });
      expect(await repo.findUserByUsername(t.ctx.db, 'second_admin')).toBeUndefined();
      expect(await identityFingerprint(t.ctx.database)).toEqual(before);
    },
  );

  it('answers the database’s own admin-power guard with the same 409, not a 500', async () => {
    const secId = await userId('secadmin');
    const attempt = withIdentityConstraints(() => t.ctx.db.transaction((tx) => repo.setRoles(tx, secId, ['security_admin', 'system_admin'])));
    await expect(attempt).rejects.toMatchObject({ code: 'ADMIN_POWERS_SEPARATED', status: 409 });
    expect(await repo.rolesOf(t.ctx.db, secId)).toEqual(['security_admin']);
  });

  it.each([
    ['username', { username: 'a b' }, 'body.username'],
    ['mobile', { mobile: '12345' }, 'body.mobile'],
    ['email', { email: 'not-an-email' }, 'body.email'],
    ['organisation id', { orgId: 'xc' }, 'body.orgId'],
    ['unknown organisation', { orgId: UNKNOWN_ID }, 'body.orgId'],
    ['no roles', { roles: [] }, 'body.roles'],
    ['repeated role', { roles: ['authority_reviewer', 'authority_reviewer'] }, 'body.roles'],
    ['unknown role', { roles: ['root'] }, 'body.roles.0'],
    ['unknown field', { status: 'active' }, 'body.status'],
    ['weak password', { password: 'password' }, 'body.password'],
  ])('refuses a bad %s naming the field', async (_what, overrides, field) => {
    const before = await identityFingerprint(t.ctx.database);
    const res = await sys.post('/api/admin/users', await newAccount({ username: 'xc_bad', ...overrides }));
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toContain(field);
    expect(await identityFingerprint(t.ctx.database)).toEqual(before);
  });
});

describe('disabling and enabling an account', () => {
  it('ends every session of the user at once and refuses their sign-in until enabled', async () => {
    const target = await signIn(t.app, 'dl_reviewer');
    const second = await signIn(t.app, 'dl_reviewer');
    const id = await userId('dl_reviewer');
    const res = await sys.post(`/api/admin/users/${id}/disable`);
    expect(res.statusCode).toBe(200);
    expect(res.json().sessionsEnded).toBe(2);
    expect((await target.get('/api/me')).statusCode).toBe(401);
    expect((await second.get('/api/me')).statusCode).toBe(401);
    await expect(signIn(t.app, 'dl_reviewer')).rejects.toThrow(/403/);
    expect((await sys.get('/api/admin/users?q=dl_reviewer')).json().items[0].status).toBe('disabled');
    expect(await auditRows('user.disable', id)).toHaveLength(1);

    expect((await sys.post(`/api/admin/users/${id}/enable`)).statusCode).toBe(200);
    expect(await auditRows('user.enable', id)).toHaveLength(1);
    await expect(signIn(t.app, 'dl_reviewer')).resolves.toBeInstanceOf(Agent);
  });

  it('refuses the system admin’s own account', async () => {
    const before = await identityFingerprint(t.ctx.database);
    const res = await sys.post(`/api/admin/users/${await userId('sysadmin')}/disable`);
    expect(res.statusCode).toBe(403);
    expect(await identityFingerprint(t.ctx.database)).toEqual(before);
  });

  it.each(['auditadmin', 'secadmin'])('refuses to disable or enable the administrator %s (left to the CLI), which stays enabled', async (username) => {
    const id = await userId(username);
    const before = await identityFingerprint(t.ctx.database);
    for (const op of ['disable', 'enable']) {
      const res = await sys.post(`/api/admin/users/${id}/${op}`);
      expect(res.statusCode, op).toBe(403);
      expect(res.json().error.message).toContain('npx hatchery');
    }
    expect((await repo.findUserById(t.ctx.db, id))!.status).toBe('active');
    expect(await identityFingerprint(t.ctx.database)).toEqual(before);
    expect((await (username === 'auditadmin' ? auditor : sec).get('/api/me')).statusCode).toBe(200);
  });
});

describe('security admin powers', () => {
  it('unlocks a locked account', async () => {
    const anon = new Agent(t.app, '10.0.0.9');
    await anon.get('/api/auth/csrf');
    for (let i = 0; i < 3; i++) await anon.post('/api/auth/login', { username: 'nj_reviewer', password: 'wrong-password' });
    // Locked: even the right password is refused (answered like a wrong one).
    expect((await anon.post('/api/auth/login', { username: 'nj_reviewer', password: 'Demo@2026' })).statusCode).toBe(401);
    expect((await sec.get('/api/admin/users?q=nj_reviewer')).json().items[0].locked).toBe(true);

    const id = await userId('nj_reviewer');
    expect((await sec.post(`/api/admin/users/${id}/unlock`)).statusCode).toBe(200);
    expect(await auditRows('user.unlock', id)).toHaveLength(1);
    await expect(signIn(t.app, 'nj_reviewer')).resolves.toBeInstanceOf(Agent);
  });

  it('ends all sessions of a user, who may sign in again', async () => {
    const a = await signIn(t.app, 'js_reviewer');
    const b = await signIn(t.app, 'js_reviewer');
    const id = await userId('js_reviewer');
    const res = await sec.post(`/api/admin/users/${id}/sessions/revoke`);
    expect(res.json()).toEqual({ sessionsEnded: 2 });
    expect((await a.get('/api/me')).statusCode).toBe(401);
    expect((await b.get('/api/me')).statusCode).toBe(401);
    expect(await auditRows('user.sessions.kill', id)).toHaveLength(1);
    await expect(signIn(t.app, 'js_reviewer')).resolves.toBeInstanceOf(Agent);
  });

  it('refuses the security admin’s own account', async () => {
    const before = await identityFingerprint(t.ctx.database);
    const id = await userId('secadmin');
    expect((await sec.post(`/api/admin/users/${id}/unlock`)).statusCode).toBe(403);
    expect((await sec.post(`/api/admin/users/${id}/sessions/revoke`)).statusCode).toBe(403);
    expect(await identityFingerprint(t.ctx.database)).toEqual(before);
  });
});

describe('who may call the account endpoints', () => {
  const endpoints = (id: string) => [
    { method: 'GET' as const, url: '/api/admin/users', allowed: ['sys', 'sec'] },
    { method: 'POST' as const, url: '/api/admin/users', allowed: ['sys'] },
    { method: 'POST' as const, url: `/api/admin/users/${id}/disable`, allowed: ['sys'] },
    { method: 'POST' as const, url: `/api/admin/users/${id}/enable`, allowed: ['sys'] },
    { method: 'POST' as const, url: `/api/admin/users/${id}/unlock`, allowed: ['sec'] },
    { method: 'POST' as const, url: `/api/admin/users/${id}/sessions/revoke`, allowed: ['sec'] },
  ];

  it('refuses anonymous callers with 401 and other roles with 403, changing nothing', async () => {
    const agents: Record<string, Agent> = { sys, sec, auditor, reviewer };
    const anon = new Agent(t.app);
    await anon.get('/api/auth/csrf');
    const body = await newAccount({ username: 'xc_sneaky' });
    const before = await identityFingerprint(t.ctx.database);
    for (const e of endpoints(await userId('cg_reviewer'))) {
      const payload = e.method === 'GET' ? undefined : body;
      expect((await anon.request(e.method, e.url, payload)).statusCode, `anonymous ${e.url}`).toBe(401);
      for (const [name, agent] of Object.entries(agents)) {
        if (e.allowed.includes(name)) continue;
        const res = await agent.request(e.method, e.url, payload);
        expect(res.statusCode, `${name} ${e.method} ${e.url}`).toBe(403);
      }
    }
    expect(await identityFingerprint(t.ctx.database)).toEqual(before);
  });

  it('answers 404 for an unknown account and 400 for a malformed id', async () => {
    for (const e of endpoints(UNKNOWN_ID).filter((x) => x.url.includes(UNKNOWN_ID))) {
      const agent = e.allowed.includes('sys') ? sys : sec;
      expect((await agent.post(e.url)).statusCode, e.url).toBe(404);
      const malformed = await agent.post(e.url.replace(UNKNOWN_ID, 'abc'));
      expect(malformed.statusCode, e.url).toBe(400);
      expect(fieldsOf(malformed)).toEqual(['params.id']);
    }
  });
});
