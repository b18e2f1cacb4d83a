import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, signIn } from '../../../test/helpers/agent.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { identityFingerprint } from '../../../test/helpers/fingerprint.ts';
import { auditLog } from '../audit/schema.ts';
import * as repo from './repository.ts';

/** The system admin edits accounts and resets passwords, within the separation of the three powers. */
let t: TestApp;
let sys: Agent;
let sec: Agent;
let auditor: Agent;
let reviewer: Agent;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  [sys, sec, auditor, reviewer] = await Promise.all([signIn(t.app, 'sysadmin'), signIn(t.app, 'secadmin'), signIn(t.app, 'auditadmin'), signIn(t.app, 'sy_reviewer')]);
});
afterAll(() => t.close());

const user = async (username: string) => (await repo.findUserByUsername(t.ctx.db, username))!;
const auditRows = (action: string, objectId: string) => t.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.objectId, objectId)));
const fieldsOf = (res: { json: () => { error: { fields?: { field: string }[] } } }) => res.json().error.fields?.map((f) => f.field);

/** A caller with the sign-in form's CSRF token but no session. */
async function anonymous() {
  const agent = new Agent(t.app);
  await agent.get('/api/auth/csrf');
  return agent;
}

/** Everything an edit or a reset could change, contact fields and password hashes included. */
async function fingerprint() {
  const [row] = await t.ctx.database.query(
    `select md5(string_agg(concat_ws('|', id, display_name, org_id, email, mobile, password_hash, password_changed_at), ',' order by id)) as accounts from users`,
  );
  return { ...(await identityFingerprint(t.ctx.database)), ...row };
}

describe('PATCH /api/admin/users/:id', () => {
  it('the system admin changes name, organisation, roles and contact; audited with what changed', async () => {
    const target = await user('xc_reviewer');
    const org = (await user('yz_admin')).orgId;
    const res = await sys.patch(`/api/admin/users/${target.id}`, { displayName: '许昌审核员（调岗）', orgId: org, roles: ['authority_admin', 'authority_reviewer'], email: 'new@example.cn', mobile: '+86 139 0000 1111' });
    expect(res.statusCode, res.body).toBe(200);
    const after = await user('xc_reviewer');
    expect(after).toMatchObject({ displayName: '许昌审核员（调岗）', orgId: org, email: 'new@example.cn', mobile: '13900001111' });
    expect(await repo.rolesOf(t.ctx.db, target.id)).toEqual(['authority_admin', 'authority_reviewer']);
    const [row] = await auditRows('user.update', target.id);
    expect(row).toMatchObject({ actorUsername: 'sysadmin', detail: { displayName: { from: target.displayName }, orgId: { from: target.orgId, to: org }, roles: { to: ['authority_admin', 'authority_reviewer'] }, contactChanged: ['email', 'mobile'] } });
    // The log names the changed contact fields, never their values.
    expect(JSON.stringify(row!.detail)).not.toContain('13900001111');
  });

  it('refuses roles that do not fit the organisation, naming the field', async () => {
    const target = await user('sy_reviewer');
    const before = await fingerprint();
    const res = await sys.patch(`/api/admin/users/${target.id}`, { roles: ['expert'] });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toEqual(['body.roles']);
    expect(await fingerprint()).toEqual(before);
  });

  it('names the field of bad input', async () => {
    const target = await user('sy_reviewer');
    const cases: [unknown, string][] = [
      [{ displayName: '  ' }, 'body.displayName'],
      [{ orgId: 'x' }, 'body.orgId'],
      [{ roles: [] }, 'body.roles'],
      [{ roles: ['king'] }, 'body.roles.0'],
      [{ email: 'not-mail' }, 'body.email'],
      [{ mobile: '12345' }, 'body.mobile'],
      [{ orgId: UNKNOWN_ID }, 'body.orgId'],
      [{ password: 'x' }, 'body'],
      [{}, 'body'],
    ];
    const before = await fingerprint();
    for (const [body, field] of cases) {
      const res = await sys.patch(`/api/admin/users/${target.id}`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(fieldsOf(res)?.some((f) => f === field || f.startsWith(field)), `${JSON.stringify(body)} → ${fieldsOf(res)}`).toBe(true);
    }
    expect(await fingerprint()).toEqual(before);
  });

  it('三权分立: no granting a power, no editing an admin account or oneself', async () => {
    const plain = await user('sy_reviewer');
    const platformUser = await user('secadmin');
    const me = await user('sysadmin');
    const before = await fingerprint();
    for (const power of ['audit_admin', 'security_admin', 'system_admin']) {
      const res = await sys.patch(`/api/admin/users/${plain.id}`, { roles: ['authority_reviewer', power] });
      expect(res.statusCode, power).toBe(403);
    }
    const adminEdit = await sys.patch(`/api/admin/users/${platformUser.id}`, { displayName: '改名' });
    expect(adminEdit.statusCode).toBe(403);
    expect(adminEdit.json().error.message).toContain('命令行');
    // Editing oneself, least of all into another power, is refused.
    expect((await sys.patch(`/api/admin/users/${me.id}`, { roles: ['audit_admin'] })).statusCode).toBe(403);
    expect((await sys.patch(`/api/admin/users/${me.id}`, { displayName: '我自己' })).statusCode).toBe(403);
    expect(await fingerprint()).toEqual(before);
  });

  it('the other roles and outsiders are refused and nothing changes; an unknown account is 404', async () => {
    const target = await user('sy_reviewer');
    const before = await fingerprint();
    for (const agent of [sec, auditor, reviewer]) expect((await agent.patch(`/api/admin/users/${target.id}`, { displayName: '越权' })).statusCode).toBe(403);
    expect((await (await anonymous()).patch(`/api/admin/users/${target.id}`, { displayName: '匿名' })).statusCode).toBe(401);
    expect(await fingerprint()).toEqual(before);
    expect((await sys.patch(`/api/admin/users/${UNKNOWN_ID}`, { displayName: '无' })).statusCode).toBe(404);
    expect((await sys.patch('/api/admin/users/nope', { displayName: '无' })).statusCode).toBe(400);
  });
});

describe('POST /api/admin/users/:id/password-reset', () => {
  it('gives a temporary password once; the old one stops working, sessions end, the user must change it', async () => {
    const target = await user('xc_admin');
    const session = await signIn(t.app, 'xc_admin');
    // A running lockout is lifted by the reset.
    await repo.updateUser(t.ctx.db, target.id, { lockedUntil: new Date(Date.now() + 600_000), failedLoginCount: 2 });
    const res = await sys.post(`/api/admin/users/${target.id}/password-reset`);
    expect(res.statusCode, res.body).toBe(200);
    const { temporaryPassword, sessionsEnded } = res.json();
    expect(temporaryPassword).toMatch(/^[A-Za-z2-9]{4}-[A-Za-z2-9]{4}-[A-Za-z2-9]{4}$/);
    expect(sessionsEnded).toBeGreaterThanOrEqual(1);
    expect((await session.get('/api/me')).statusCode).toBe(401);
    await expect(signIn(t.app, 'xc_admin')).rejects.toThrow(/401/);
    const fresh = new Agent(t.app);
    await fresh.get('/api/auth/csrf');
    const login = await fresh.post('/api/auth/login', { username: 'xc_admin', password: temporaryPassword });
    expect(login.statusCode).toBe(200);
    expect(login.json().mustChangePassword).toBe(true);
    expect((await user('xc_admin')).lockedUntil).toBeNull();
    const [row] = await auditRows('user.password.reset', target.id);
    expect(row).toMatchObject({ actorUsername: 'sysadmin', detail: { wasLocked: true } });
    // The temporary password is answered, never stored or logged.
    expect(JSON.stringify(row)).not.toContain(temporaryPassword);
  });

  it('三权分立 and outsiders: refused, nothing changes', async () => {
    const before = await fingerprint();
    for (const name of ['secadmin', 'auditadmin', 'sysadmin']) expect((await sys.post(`/api/admin/users/${(await user(name)).id}/password-reset`)).statusCode, name).toBe(403);
    const target = await user('sy_reviewer');
    for (const agent of [sec, auditor, reviewer]) expect((await agent.post(`/api/admin/users/${target.id}/password-reset`)).statusCode).toBe(403);
    expect((await (await anonymous()).post(`/api/admin/users/${target.id}/password-reset`)).statusCode).toBe(401);
    expect(await fingerprint()).toEqual(before);
    expect((await sys.post(`/api/admin/users/${UNKNOWN_ID}/password-reset`)).statusCode).toBe(404);
  });
});
