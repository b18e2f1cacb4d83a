import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent } from './helpers/agent.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';

/**
 * The client address (SECURITY-CHECKLIST 11, 17): it keys the sign-in rate limit and is written to
 * the audit log, so only a configured proxy may name it with X-Forwarded-For (TRUST_PROXY, off by
 * default). `app.inject` connects from 127.0.0.1 (the Agent's address).
 */
const RATE = 5;
const SOCKET = '127.0.0.1';

async function lastLoginIp(t: TestApp): Promise<string | null> {
  const rows = await t.ctx.database.query<{ ip: string | null }>("select ip from audit_log where action = 'auth.login' order by id desc limit 1");
  return rows[0]!.ip;
}

/** Sign-ins with a wrong password, each claiming to come from another address; returns the statuses. */
async function forgedSignIns(agent: Agent, count: number, forwardedFor: (i: number) => string): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) {
    const res = await agent.post('/api/auth/login', { username: 'nobody', password: 'wrong' }, { headers: { 'x-forwarded-for': forwardedFor(i) } });
    statuses.push(res.statusCode);
  }
  return statuses;
}

const rotating = (i: number) => `198.51.100.${i + 1}`;

describe('without TRUST_PROXY (the default)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ demo: true, env: { LOGIN_RATE_PER_MINUTE: String(RATE) } });
  });
  afterAll(() => t.close());

  it('audits the socket address, not a forged X-Forwarded-For', async () => {
    const agent = new Agent(t.app, SOCKET);
    await agent.get('/api/auth/csrf');
    const res = await agent.post('/api/auth/login', { username: 'sysadmin', password: 'Demo@2026' }, { headers: { 'x-forwarded-for': '203.0.113.7' } });
    expect(res.statusCode).toBe(200);
    expect(await lastLoginIp(t)).toBe(SOCKET);
  });

  it('keys the sign-in rate limit by the socket: rotating forged addresses still hit 429', async () => {
    const agent = new Agent(t.app, SOCKET);
    await agent.get('/api/auth/csrf');
    const statuses = await forgedSignIns(agent, 30, rotating);
    // One sign-in of this window was spent by the test above.
    expect(statuses.filter((s) => s !== 429)).toHaveLength(RATE - 1);
    expect(statuses.slice(RATE)).toEqual(Array(30 - RATE).fill(429));
  });
});

describe('with TRUST_PROXY naming the proxy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ demo: true, env: { LOGIN_RATE_PER_MINUTE: String(RATE), TRUST_PROXY: SOCKET } });
  });
  afterAll(() => t.close());

  it('audits the address the proxy forwarded', async () => {
    const agent = new Agent(t.app, SOCKET);
    await agent.get('/api/auth/csrf');
    const res = await agent.post('/api/auth/login', { username: 'sysadmin', password: 'Demo@2026' }, { headers: { 'x-forwarded-for': '203.0.113.7' } });
    expect(res.statusCode).toBe(200);
    expect(await lastLoginIp(t)).toBe('203.0.113.7');
  });

  it('keys the rate limit by the forwarded address: distinct clients are not limited together, one client is', async () => {
    const agent = new Agent(t.app, SOCKET);
    await agent.get('/api/auth/csrf');
    expect(await forgedSignIns(agent, 30, rotating)).not.toContain(429);
    const same = await forgedSignIns(agent, RATE + 1, () => '192.0.2.50');
    expect(same.at(-1)).toBe(429);
  });

  it('still ignores the header from a proxy it was not told about', async () => {
    const stranger = new Agent(t.app, '10.9.8.7');
    await stranger.get('/api/auth/csrf');
    await stranger.post('/api/auth/login', { username: 'sysadmin', password: 'Demo@2026' }, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(await lastLoginIp(t)).toBe('10.9.8.7');
  });
});
