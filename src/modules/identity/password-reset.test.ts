import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, signIn } from '../../../test/helpers/agent.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { auditLog } from '../audit/schema.ts';
import { mailOutbox } from '../notify/schema.ts';
import * as repo from './repository.ts';
import { passwordResetTokens } from './schema.ts';

/**
 * "忘记密码" by mail. Jobs are off, so the mail stays in the outbox where the test reads the link;
 * SMTP_URL only has to be set for the platform to offer the reset at all.
 */
let t: TestApp;
let noMail: TestApp;
const NEW_PASSWORD = 'Shenyang#Reset2026';

beforeAll(async () => {
  t = await createTestApp({ demo: true, env: { SMTP_URL: 'smtp://127.0.0.1:2525' } });
  noMail = await createTestApp();
  await repo.updateUser(t.ctx.db, (await repo.findUserByUsername(t.ctx.db, 'sy_reviewer'))!.id, { email: 'sy.reviewer@example.cn' });
}, 180_000);
afterAll(() => Promise.all([t.close(), noMail.close()]));

async function anonymous(app = t) {
  const agent = new Agent(app.app, `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`);
  await agent.get('/api/auth/csrf');
  return agent;
}

const mails = () => t.ctx.db.select().from(mailOutbox).orderBy(desc(mailOutbox.createdAt));
const tokenIn = (body: string) => /reset-password\?token=([A-Za-z0-9_-]{43})/.exec(body)?.[1];
const audits = (action: string) => t.ctx.db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(desc(auditLog.id));

async function requestLink(username = 'sy_reviewer', email = 'sy.reviewer@example.cn') {
  const before = (await mails()).length;
  const res = await (await anonymous()).post('/api/auth/password-reset/request', { username, email });
  expect(res.statusCode, res.body).toBe(200);
  const all = await mails();
  return { res, sent: all.length > before ? all[0] : undefined };
}

describe('GET /api/auth/password-reset', () => {
  it('says whether mail can be sent', async () => {
    expect((await new Agent(t.app).get('/api/auth/password-reset')).json()).toEqual({ byMail: true, minutes: 30 });
    expect((await new Agent(noMail.app).get('/api/auth/password-reset')).json()).toEqual({ byMail: false, minutes: 30 });
  });
});

describe('POST /api/auth/password-reset/request', () => {
  it('mails a link to the matching account and stores only its hash', async () => {
    const { res, sent } = await requestLink();
    expect(res.json()).toEqual({ ok: true });
    expect(sent).toMatchObject({ toAddress: 'sy.reviewer@example.cn', status: 'queued' });
    const token = tokenIn(sent!.body)!;
    expect(token).toBeDefined();
    const rows = await t.ctx.database.query<{ token_hash: string }>('select token_hash from password_reset_tokens');
    expect(rows.map((r) => r.token_hash)).not.toContain(token);
    expect((await audits('auth.password_reset.request'))[0]).toMatchObject({ actorUsername: 'sy_reviewer', result: 'success', objectType: 'user' });
  });

  it('answers alike for an unknown user, a wrong address and a disabled account, and mails nothing', async () => {
    const sy = (await repo.findUserByUsername(t.ctx.db, 'sy_reviewer'))!;
    for (const [username, email] of [
      ['nobody_here', 'sy.reviewer@example.cn'],
      ['sy_reviewer', 'someone.else@example.cn'],
    ]) {
      const { res, sent } = await requestLink(username, email);
      expect(res.json()).toEqual({ ok: true });
      expect(sent).toBeUndefined();
    }
    await repo.updateUser(t.ctx.db, sy.id, { status: 'disabled' });
    const disabled = await requestLink();
    await repo.updateUser(t.ctx.db, sy.id, { status: 'active' });
    expect(disabled.sent).toBeUndefined();
    const [latest, wrongMail, unknown] = await audits('auth.password_reset.request');
    expect([latest!.result, wrongMail!.result, unknown!.result]).toEqual(['failure', 'failure', 'failure']);
    // The typed name of an unknown account is kept only as a keyed hash.
    expect(JSON.stringify(unknown)).not.toContain('nobody_here');
  });

  it('mails an account at most three links an hour, answering alike', async () => {
    const jx = (await repo.findUserByUsername(t.ctx.db, 'nj_reviewer'))!;
    await repo.updateUser(t.ctx.db, jx.id, { email: 'nj@example.cn' });
    const sent = [];
    for (let i = 0; i < 4; i++) sent.push((await requestLink('nj_reviewer', 'nj@example.cn')).sent);
    expect(sent.filter(Boolean)).toHaveLength(3);
    expect((await audits('auth.password_reset.request'))[0]).toMatchObject({ result: 'denied', detail: { reason: 'too_many' } });
  });

  it('names the field of bad input', async () => {
    for (const [body, field] of [
      [{ username: '', email: 'a@b.cn' }, 'body.username'],
      [{ username: 'sy_reviewer', email: 'nope' }, 'body.email'],
      [{ username: 'sy_reviewer' }, 'body.email'],
    ] as const) {
      const res = await (await anonymous()).post('/api/auth/password-reset/request', body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
  });

  it('is refused where mail is not configured, and nothing is stored', async () => {
    const res = await (await anonymous(noMail)).post('/api/auth/password-reset/request', { username: 'anyone', email: 'a@b.cn' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('联系系统管理员');
    expect(await noMail.ctx.database.query('select 1 from password_reset_tokens')).toEqual([]);
  });
});

describe('POST /api/auth/password-reset/complete', () => {
  it('sets a new password once: the link then fails, sessions end, a lockout is lifted', async () => {
    const sy = (await repo.findUserByUsername(t.ctx.db, 'sy_reviewer'))!;
    const session = await signIn(t.app, 'sy_reviewer');
    const token = tokenIn((await requestLink()).sent!.body)!;
    await repo.updateUser(t.ctx.db, sy.id, { lockedUntil: new Date(Date.now() + 600_000) });

    const weak = await (await anonymous()).post('/api/auth/password-reset/complete', { token, newPassword: '12345678' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.fields.map((f: { field: string }) => f.field)).toContain('body.newPassword');

    const ok = await (await anonymous()).post('/api/auth/password-reset/complete', { token, newPassword: NEW_PASSWORD });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await session.get('/api/me')).statusCode).toBe(401);
    await signIn(t.app, 'sy_reviewer', NEW_PASSWORD);
    expect((await audits('auth.password_reset.complete'))[0]).toMatchObject({ objectId: sy.id, result: 'success' });

    const again = await (await anonymous()).post('/api/auth/password-reset/complete', { token, newPassword: 'Another#Pass2026' });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['body.token']);
    await signIn(t.app, 'sy_reviewer', NEW_PASSWORD);
  });

  it('a newer link ends the older one', async () => {
    const first = await freshToken();
    const second = tokenIn((await requestLink()).sent!.body)!;
    expect((await (await anonymous()).post('/api/auth/password-reset/complete', { token: first, newPassword: 'Older#Link2026' })).statusCode).toBe(400);
    expect((await (await anonymous()).post('/api/auth/password-reset/complete', { token: second, newPassword: 'Newer#Link2026' })).statusCode).toBe(200);
  });

  it('an expired link fails and changes nothing', async () => {
    const token = await freshToken();
    await t.ctx.db.update(passwordResetTokens).set({ expiresAt: new Date(Date.now() - 1000) });
    const before = (await repo.findUserByUsername(t.ctx.db, 'sy_reviewer'))!.passwordHash;
    const res = await (await anonymous()).post('/api/auth/password-reset/complete', { token, newPassword: 'Expired#Link2026' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['body.token']);
    expect((await repo.findUserByUsername(t.ctx.db, 'sy_reviewer'))!.passwordHash).toBe(before);
  });

  it('names the field of a malformed token', async () => {
    const res = await (await anonymous()).post('/api/auth/password-reset/complete', { token: 'short', newPassword: NEW_PASSWORD });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.map((f: { field: string }) => f.field)).toContain('body.token');
  });
});

/** A live link for sy_reviewer, its earlier links forgotten so the hourly allowance does not stop it. */
async function freshToken() {
  const sy = (await repo.findUserByUsername(t.ctx.db, 'sy_reviewer'))!;
  await t.ctx.db.delete(passwordResetTokens).where(eq(passwordResetTokens.userId, sy.id));
  return tokenIn((await requestLink()).sent!.body)!;
}
