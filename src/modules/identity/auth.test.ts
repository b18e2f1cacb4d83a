import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Agent, signIn } from '../../../test/helpers/agent.ts';
import type { createTestApp as CreateTestApp, TestApp } from '../../../test/helpers/app.ts';
import { auditLog } from '../audit/schema.ts';
import type * as passwords from './password.ts';
import { sessions, users } from './schema.ts';
import { UNKNOWN_USER, unknownUsernameMac } from './service.ts';
import { hashToken } from './sessions.ts';
import { stepOf, totpAt } from './totp.ts';

// Watched, not replaced: a locked account must still pay for the password check (no timing shortcut).
vi.mock('./password.ts', async (original) => {
  const real = await original<typeof passwords>();
  return { ...real, verifyPassword: vi.fn(real.verifyPassword) };
});

let t: TestApp;
let verifyPassword: typeof passwords.verifyPassword;
let createTestApp: typeof CreateTestApp;
beforeAll(async () => {
  // Test files share their worker's modules (vitest.config.ts: isolate off), so the app another file
  // imported may hold the real password.ts: this file imports its app afresh, through the mock.
  vi.resetModules();
  ({ verifyPassword } = await import('./password.ts'));
  ({ createTestApp } = await import('../../../test/helpers/app.ts'));
  t = await createTestApp({ demo: true, env: { LOGIN_MAX_FAILURES: '3' } });
});
afterAll(() => t.close());

describe('sign-in', () => {
  it('signs in and reports the user, roles, organisation, jurisdiction and abilities', async () => {
    const agent = await signIn(t.app, 'sy_reviewer');
    const res = await agent.get('/api/me');
    expect(res.statusCode).toBe(200);
    const me = res.json();
    expect(me.user.username).toBe('sy_reviewer');
    expect(me.roles).toEqual(['authority_reviewer']);
    expect(me.organisation.name).toBe('沈阳市科学技术局');
    expect(me.jurisdiction).toBe('000000/210000/210100');
    expect(me.abilities['audit.read']).toBe(false);
  });

  it('sets an HttpOnly SameSite session cookie and stores only the token hash', async () => {
    const agent = new Agent(t.app);
    await agent.get('/api/auth/csrf');
    const res = await agent.post('/api/auth/login', { username: 'ln_admin', password: 'Demo@2026' });
    const cookie = res.cookies.find((c) => c.name === 'hatchery_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(Buffer.from(cookie.value, 'base64url').length).toBeGreaterThanOrEqual(16);
    const rows = await t.ctx.db.select().from(sessions).where(eq(sessions.tokenHash, hashToken(cookie.value)));
    expect(rows).toHaveLength(1);
    const raw = await t.ctx.db.select().from(sessions).where(eq(sessions.tokenHash, cookie.value));
    expect(raw).toHaveLength(0);
  });

  it('rotates the session at every sign-in', async () => {
    const agent = await signIn(t.app, 'dl_admin');
    const first = agent.cookies.get('hatchery_session');
    await agent.login('dl_admin');
    expect(agent.cookies.get('hatchery_session')).not.toBe(first);
  });

  it('answers a wrong password and an unknown user alike', async () => {
    const a = new Agent(t.app);
    await a.get('/api/auth/csrf');
    const wrong = await a.post('/api/auth/login', { username: 'nj_admin', password: 'nope-nope' });
    const unknown = await a.post('/api/auth/login', { username: 'nobody_here', password: 'nope-nope' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe(unknown.json().error.code);
  });

  it('locks an account after repeated failures without touching other accounts; locked answers exactly like a wrong password', async () => {
    const a = new Agent(t.app);
    await a.get('/api/auth/csrf');
    const wrong = await a.post('/api/auth/login', { username: 'sz_admin', password: 'bad-password' });
    expect(wrong.statusCode).toBe(401);
    const answer = (res: typeof wrong) => ({ status: res.statusCode, code: res.json().error.code, message: res.json().error.message, messageEn: res.json().error.messageEn });
    expect((await a.post('/api/auth/login', { username: 'sz_admin', password: 'bad-password' })).statusCode).toBe(401);
    const locking = await a.post('/api/auth/login', { username: 'sz_admin', password: 'bad-password' });
    const [szAdmin] = await t.ctx.db.select().from(users).where(eq(users.username, 'sz_admin'));
    expect(szAdmin!.lockedUntil!.getTime()).toBeGreaterThan(Date.now());

    const calls = vi.mocked(verifyPassword).mock.calls.length;
    const correctButLocked = await a.post('/api/auth/login', { username: 'sz_admin', password: 'Demo@2026' });
    expect(vi.mocked(verifyPassword).mock.calls.slice(calls)).toEqual([[szAdmin!.passwordHash, 'Demo@2026']]);
    const unknown = await a.post('/api/auth/login', { username: 'nobody_here', password: 'Demo@2026' });
    for (const res of [locking, correctButLocked]) expect(answer(res)).toEqual(answer(unknown));
    expect(answer(unknown)).toEqual(answer(wrong));
    expect(correctButLocked.cookies).toHaveLength(0);

    // The lock is still audited as what it is.
    const denied = await t.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'auth.login'), eq(auditLog.objectId, szAdmin!.id), eq(auditLog.result, 'denied')));
    expect(denied.map((r) => r.detail)).toEqual([{ reason: 'locked' }]);
    await expect(signIn(t.app, 'sz_reviewer')).resolves.toBeInstanceOf(Agent);
  });

  it('never writes an unknown username (often a mistyped password) to the audit log: "unknown user" and a keyed hash', async () => {
    const a = new Agent(t.app);
    await a.get('/api/auth/csrf');
    const typedPassword = 'Cedar#Lantern7731';
    expect((await a.post('/api/auth/login', { username: typedPassword, password: 'Demo@2026' })).statusCode).toBe(401);
    expect((await a.post('/api/auth/login', { username: typedPassword.toUpperCase(), password: 'Demo@2026' })).statusCode).toBe(401);

    const leaked = await t.ctx.db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(sql`${auditLog}::text ilike ${'%' + typedPassword + '%'}`);
    expect(leaked[0]!.n).toBe(0);
    const mac = unknownUsernameMac(t.ctx.config, typedPassword);
    expect(mac).toMatch(/^[0-9a-f]{32}$/);
    const rows = await t.ctx.db.select().from(auditLog).where(sql`${auditLog.detail}->>'usernameMac' = ${mac}`);
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toMatchObject({ actorUsername: UNKNOWN_USER, actorUserId: null, result: 'failure', detail: { reason: 'unknown_user', usernameMac: mac } });
  });

  it('refuses a state-changing request without the CSRF token', async () => {
    const a = new Agent(t.app);
    const res = await a.post('/api/auth/login', { username: 'js_admin', password: 'Demo@2026' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_FAILED');
    const agent = await signIn(t.app, 'js_admin');
    const noHeader = await agent.post('/api/auth/logout', {}, { headers: { 'x-csrf-token': 'forged' } });
    expect(noHeader.statusCode).toBe(403);
    expect((await agent.get('/api/me')).statusCode).toBe(200);
  });

  it('logs out and the session no longer works', async () => {
    const agent = await signIn(t.app, 'xc_admin');
    const token = agent.cookies.get('hatchery_session')!;
    expect((await agent.post('/api/auth/logout')).statusCode).toBe(200);
    const replay = new Agent(t.app);
    replay.cookies.set('hatchery_session', token);
    expect((await replay.get('/api/me')).statusCode).toBe(401);
  });

  it('names the field and the expectation when the body is malformed, and refuses unknown fields', async () => {
    const a = new Agent(t.app);
    await a.get('/api/auth/csrf');
    const res = await a.post('/api/auth/login', { username: '', password: 'x', extra: 1 });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('VALIDATION_FAILED');
    const fields = body.error.fields.map((f: { field: string }) => f.field);
    expect(fields).toContain('body.extra');
    const malformed = await a.post('/api/auth/login', '{not json', { headers: { 'content-type': 'application/json' } });
    expect(malformed.statusCode).toBe(400);
  });

  it('ends an idle session', async () => {
    const agent = await signIn(t.app, 'yz_admin');
    const hash = hashToken(agent.cookies.get('hatchery_session')!);
    await t.ctx.db.update(sessions).set({ lastSeenAt: new Date(Date.now() - 31 * 60_000) }).where(eq(sessions.tokenHash, hash));
    const res = await agent.get('/api/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('SESSION_EXPIRED');
  });

  it('forces a password change before anything else when required', async () => {
    await t.ctx.db.update(users).set({ mustChangePassword: true }).where(eq(users.username, 'cg_admin'));
    const agent = await signIn(t.app, 'cg_admin');
    expect((await agent.get('/api/me')).json().user.mustChangePassword).toBe(true);
    const weak = await agent.post('/api/me/password', { currentPassword: 'Demo@2026', newPassword: 'password' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.code).toBe('PASSWORD_WEAK');
    const ok = await agent.post('/api/me/password', { currentPassword: 'Demo@2026', newPassword: 'Xuchang#Review88' });
    expect(ok.statusCode).toBe(200);
    expect((await agent.get('/api/me')).json().user.mustChangePassword).toBe(false);
    await expect(signIn(t.app, 'cg_admin', 'Xuchang#Review88')).resolves.toBeInstanceOf(Agent);
  });
});

describe('required second factor (MFA_REQUIRED)', () => {
  let strict: TestApp;
  beforeAll(async () => {
    strict = await createTestApp({ demo: true, env: { MFA_REQUIRED: 'true' } });
  });
  afterAll(() => strict.close());

  it('blocks a privileged account until it enrols TOTP, then lets it work', async () => {
    const admin = await signIn(strict.app, 'sysadmin');
    const me = (await admin.get('/api/me')).json();
    expect(me.user.mfaEnrolmentRequired).toBe(true);
    const blocked = await admin.get('/api/admin/users');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('MFA_ENROLMENT_REQUIRED');

    const { secret } = (await admin.post('/api/me/totp/start')).json();
    const code = totpAt(secret, stepOf(new Date()));
    expect((await admin.post('/api/me/totp/confirm', { secret, code })).statusCode).toBe(200);
    expect((await admin.get('/api/admin/users')).statusCode).toBe(200);
    expect((await admin.get('/api/me')).json().user.mfaEnrolmentRequired).toBe(false);
  });

  it('does not ask operators or makers for a second factor', async () => {
    const operator = await signIn(strict.app, 'op_cg_admin');
    expect((await operator.get('/api/me')).json().user.mfaEnrolmentRequired).toBe(false);
    expect((await operator.get('/api/notifications/unread-count')).statusCode).toBe(200);
  });
});

describe('validation messages', () => {
  it('say what was expected and what was received, in Chinese and English', async () => {
    const a = new Agent(t.app);
    await a.get('/api/auth/csrf');
    const res = await a.post('/api/auth/login', { username: 42, password: 'x' });
    const field = res.json().error.fields.find((f: { field: string }) => f.field === 'body.username');
    expect(field.messageEn).toContain('received number');
    expect(field.message).toMatch(/[\u4e00-\u9fa5]/);
  });
});

describe('sign-in rate limit', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await createTestApp({ demo: true, env: { LOGIN_RATE_PER_MINUTE: '3' } });
  });
  afterAll(() => limited.close());

  it('answers 429 after the per-minute allowance from one address, other addresses unaffected', async () => {
    const a = new Agent(limited.app, '10.9.8.7');
    await a.get('/api/auth/csrf');
    for (let i = 0; i < 3; i++) expect((await a.post('/api/auth/login', { username: 'nj_admin', password: 'wrong-one' })).statusCode).toBe(401);
    const refused = await a.post('/api/auth/login', { username: 'nj_admin', password: 'Demo@2026' });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('RATE_LIMITED');
    await expect(new Agent(limited.app, '10.9.8.8').login('nj_admin')).resolves.toBeInstanceOf(Agent);
  });
});
