import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent } from '../../../test/helpers/agent.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { openContext } from '../../context.ts';
import { auditLog } from '../audit/schema.ts';
import * as repo from './repository.ts';
import { users } from './schema.ts';
import { openTotpSecret } from './secret-box.ts';
import { generateTotpSecret, stepOf, totpAt } from './totp.ts';

/**
 * The second factor end to end. Codes are computed from the enrolled secret for the current step
 * and the one after (the server accepts one step of drift), so no test waits for the clock.
 * Each agent gets its own address because /auth/mfa is rate-limited per address.
 */
let t: TestApp;
let secret: string;
let enrolledStep: number;
let expertId: string;
let nextIp = 1;
const agentIp = () => `10.1.0.${nextIp++}`;

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  expertId = (await repo.findUserByUsername(t.ctx.db, 'expert_li'))!.id;
});
afterAll(() => t.close());

const signInExpert = () => new Agent(t.app, agentIp()).login('expert_li');
const loginAnswer = async (agent: Agent) => {
  await agent.get('/api/auth/csrf');
  return agent.post('/api/auth/login', { username: 'expert_li', password: 'Demo@2026' });
};
const mfaAudit = (result: 'success' | 'failure') =>
  t.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'auth.mfa'), eq(auditLog.objectId, expertId), eq(auditLog.result, result)));
const enrolAudit = (result: 'success' | 'failure') =>
  t.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'user.totp.enrol'), eq(auditLog.objectId, expertId), eq(auditLog.result, result)));
/** The enrolled secret as the server reads it; the column itself must hold it sealed. */
const storedSecret = async (userId = expertId) => {
  const stored = (await repo.findUserById(t.ctx.db, userId))!.totpSecret!;
  expect(stored).toMatch(/^v1:/);
  return openTotpSecret(t.ctx.config, userId, stored);
};
/** Forgets which steps were used, so a later test can use fresh codes without waiting for the clock. */
const forgetUsedSteps = () => t.ctx.db.update(users).set({ totpLastStep: null }).where(eq(users.id, expertId));

describe('TOTP enrolment', () => {
  it('refuses a wrong confirmation code and enrols nothing', async () => {
    const agent = await signInExpert();
    const { secret: s } = (await agent.post('/api/me/totp/start')).json();
    const wrong = String((Number(totpAt(s, stepOf(new Date()))) + 1) % 1_000_000).padStart(6, '0');
    const res = await agent.post('/api/me/totp/confirm', { secret: s, code: wrong });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('MFA_INVALID');
    expect((await agent.get('/api/me')).json().user.mfaEnrolled).toBe(false);
    expect(await enrolAudit('failure')).toHaveLength(1);
  });

  it('names the malformed field', async () => {
    const agent = await signInExpert();
    const res = await agent.post('/api/me/totp/confirm', { secret: 'not base32!', code: '12' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['body.code', 'body.secret']);
  });

  it('enrols with a secret from /start confirmed by a code from it', async () => {
    const agent = await signInExpert();
    const start = await agent.post('/api/me/totp/start');
    expect(start.statusCode).toBe(200);
    ({ secret } = start.json());
    // The QR code the enrolment page draws carries this URI: what authenticator apps expect.
    const uri = new URL(start.json().otpauthUri);
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/Hatchery:expert_li');
    expect(Object.fromEntries(uri.searchParams)).toEqual({ secret, issuer: 'Hatchery', algorithm: 'SHA1', digits: '6', period: '30' });
    enrolledStep = stepOf(new Date());
    const res = await agent.post('/api/me/totp/confirm', { secret, code: totpAt(secret, enrolledStep) });
    expect(res.statusCode).toBe(200);
    expect((await agent.get('/api/me')).json().user.mfaEnrolled).toBe(true);
    expect(await enrolAudit('success')).toHaveLength(1);
  });

  it('stores the secret encrypted: the column holds no trace of the base32 secret', async () => {
    const [row] = await t.ctx.database.query<{ totp_secret: string }>(`select totp_secret from users where id = '${expertId}'`);
    expect(row!.totp_secret).not.toContain(secret);
    expect(row!.totp_secret).toMatch(/^v1:/);
    expect(await storedSecret()).toBe(secret);
  });
});

describe('secrets stored in clear before encryption at rest', () => {
  it('still sign in, and are sealed (and audited) at the next start', async () => {
    const zhao = (await repo.findUserByUsername(t.ctx.db, 'expert_zhao'))!;
    const plain = generateTotpSecret();
    await t.ctx.db.update(users).set({ totpSecret: plain, totpLastStep: null }).where(eq(users.id, zhao.id));
    const signInWithCode = async (step: number) => {
      const agent = new Agent(t.app, agentIp());
      await agent.get('/api/auth/csrf');
      expect((await agent.post('/api/auth/login', { username: 'expert_zhao', password: 'Demo@2026' })).json().mfaRequired).toBe(true);
      return (await agent.post('/api/auth/mfa', { code: totpAt(plain, step) })).statusCode;
    };
    // The previous step's code is accepted as long as the clock stays in this step: start clear of its end.
    const intoStep = Date.now() % 30_000;
    if (intoStep > 27_000) await new Promise((r) => setTimeout(r, 30_000 - intoStep + 100));
    expect(await signInWithCode(stepOf(new Date()) - 1)).toBe(200);

    // A second process starting on the same database (as the server or the CLI does) seals it.
    const restarted = await openContext(t.config, { database: t.ctx.database, jobs: { workers: false } });
    await restarted.close();
    expect(await storedSecret(zhao.id)).toBe(plain);
    const sealedAudit = await t.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'user.totp.seal'), eq(auditLog.objectId, zhao.id)));
    expect(sealedAudit).toHaveLength(1);
    expect(sealedAudit[0]).toMatchObject({ actorUsername: 'system', result: 'success' });
    expect(await signInWithCode(stepOf(new Date()))).toBe(200);
  });
});

describe('signing in with a second factor', () => {
  it('gives a session that can only complete the second factor or sign out', async () => {
    const agent = new Agent(t.app, agentIp());
    const res = await loginAnswer(agent);
    expect(res.statusCode).toBe(200);
    expect(res.json().mfaRequired).toBe(true);
    for (const url of ['/api/me', '/api/regions']) {
      const refused = await agent.get(url);
      if (url === '/api/regions') expect(refused.statusCode).toBe(200); // public: the pending session is simply not used
      else expect(refused.json().error.code).toBe('MFA_REQUIRED');
    }
    for (const url of ['/api/me/totp/start', '/api/me/password']) {
      const refused = await agent.post(url, url.endsWith('password') ? { currentPassword: 'Demo@2026', newPassword: 'Another#Pass2026' } : {});
      expect(refused.statusCode, url).toBe(401);
      expect(refused.json().error.code, url).toBe('MFA_REQUIRED');
    }
    expect((await agent.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await agent.get('/api/me')).statusCode).toBe(401);
  });

  it('audits a wrong code and accepts a right one', async () => {
    const agent = new Agent(t.app, agentIp());
    await loginAnswer(agent);
    const failuresBefore = (await mfaAudit('failure')).length;
    const valid = new Set([-1, 0, 1, 2].map((d) => totpAt(secret, enrolledStep + d)));
    const wrong = ['000000', '111111', '222222'].find((c) => !valid.has(c))!;
    const bad = await agent.post('/api/auth/mfa', { code: wrong });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error.code).toBe('MFA_INVALID');
    expect(await mfaAudit('failure')).toHaveLength(failuresBefore + 1);

    const ok = await agent.post('/api/auth/mfa', { code: totpAt(secret, enrolledStep + 1) });
    expect(ok.statusCode).toBe(200);
    expect((await agent.get('/api/me')).statusCode).toBe(200);
  });

  it('never accepts the same code twice, even from two sessions at once', async () => {
    await forgetUsedSteps();
    const [a, b] = [new Agent(t.app, agentIp()), new Agent(t.app, agentIp())];
    await loginAnswer(a);
    await loginAnswer(b);
    const code = totpAt(secret, stepOf(new Date()));
    const answers = await Promise.all([a.post('/api/auth/mfa', { code }), b.post('/api/auth/mfa', { code })]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 401]);

    const c = new Agent(t.app, agentIp());
    await loginAnswer(c);
    const replay = await c.post('/api/auth/mfa', { code });
    expect(replay.statusCode).toBe(401);
    expect((await c.get('/api/me')).json().error.code).toBe('MFA_REQUIRED');
  });

  it('is asked of anyone who enrolled, whatever their role', async () => {
    const maker = await new Agent(t.app, agentIp()).login('maker_chen');
    const makerSecret = (await maker.post('/api/me/totp/start')).json().secret;
    expect((await maker.post('/api/me/totp/confirm', { secret: makerSecret, code: totpAt(makerSecret, stepOf(new Date())) })).statusCode).toBe(200);
    const again = new Agent(t.app, agentIp());
    await again.get('/api/auth/csrf');
    const res = await again.post('/api/auth/login', { username: 'maker_chen', password: 'Demo@2026' });
    expect(res.json().mfaRequired).toBe(true);
  });

  it('replaces an enrolled factor only with a code from the old one', async () => {
    await forgetUsedSteps();
    const agent = await signInExpert();
    expect((await agent.post('/api/auth/mfa', { code: totpAt(secret, stepOf(new Date())) })).statusCode).toBe(200);
    const { secret: next } = (await agent.post('/api/me/totp/start')).json();
    const nextCode = totpAt(next, stepOf(new Date()));
    const without = await agent.post('/api/me/totp/confirm', { secret: next, code: nextCode });
    expect(without.statusCode).toBe(401);
    expect(without.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['body.currentCode']);
    expect(await storedSecret()).toBe(secret);

    const replaced = await agent.post('/api/me/totp/confirm', { secret: next, code: nextCode, currentCode: totpAt(secret, stepOf(new Date()) + 1) });
    expect(replaced.statusCode).toBe(200);
    expect(await storedSecret()).toBe(next);
    secret = next;
    enrolledStep = stepOf(new Date());
  });

  it('counts wrong codes towards the lockout, across sign-ins, and ends the pending session when it locks', async () => {
    const wang = await new Agent(t.app, agentIp()).login('expert_wang');
    const wangSecret = (await wang.post('/api/me/totp/start')).json().secret;
    const now = stepOf(new Date());
    await wang.post('/api/me/totp/confirm', { secret: wangSecret, code: totpAt(wangSecret, now) });
    const valid = new Set([-1, 0, 1, 2, 3].map((d) => totpAt(wangSecret, now + d)));
    const wrongCodes = ['000000', '111111', '222222', '333333', '444444', '555555', '666666'].filter((c) => !valid.has(c));
    const attempt = async (agent: Agent) => agent.post('/api/auth/mfa', { code: wrongCodes.pop()! });
    const pending = async () => {
      const agent = new Agent(t.app, agentIp());
      await agent.get('/api/auth/csrf');
      expect((await agent.post('/api/auth/login', { username: 'expert_wang', password: 'Demo@2026' })).json().mfaRequired).toBe(true);
      return agent;
    };

    // Five failures lock (the default). Three here, then a fresh password sign-in does not reset them.
    const first = await pending();
    for (let i = 0; i < 3; i++) expect((await attempt(first)).json().error.code).toBe('MFA_INVALID');
    const second = await pending();
    expect((await attempt(second)).json().error.code).toBe('MFA_INVALID');
    const locking = await attempt(second);
    expect(locking.statusCode).toBe(423);
    expect(locking.json().error.code).toBe('ACCOUNT_LOCKED');
    expect((await second.get('/api/me')).statusCode).toBe(401);
    expect((await second.post('/api/auth/mfa', { code: totpAt(wangSecret, stepOf(new Date()) + 1) })).statusCode).toBe(401);

    // The first pending session cannot finish either while the lock runs, even with a right code.
    const right = await first.post('/api/auth/mfa', { code: totpAt(wangSecret, stepOf(new Date()) + 1) });
    expect(right.json().error.code).toBe('ACCOUNT_LOCKED');
    expect((await first.get('/api/me')).statusCode).toBe(401);
  });
});
