import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { Agent } from '../../../test/helpers/agent.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { countHit, purgeEnded } from './repository.ts';

let t: TestApp;
/** A second server on the same database: its own process memory, the same counters. */
let second: FastifyInstance;
beforeAll(async () => {
  t = await createTestApp({ demo: true, env: { LOGIN_RATE_PER_MINUTE: '4' } });
  second = await buildApp(t.ctx, { serveWeb: false, logger: false });
  await second.ready();
});
afterAll(async () => {
  await second.close();
  await t.close();
});

describe('rate limits counted in the database', () => {
  it('counts the sign-ins of one address across two instances against one limit', async () => {
    const onA = new Agent(t.app, '10.7.7.7');
    const onB = new Agent(second, '10.7.7.7');
    await onA.get('/api/auth/csrf');
    await onB.get('/api/auth/csrf');
    const codes: number[] = [];
    for (const agent of [onA, onB, onA, onB, onA, onB])
      codes.push((await agent.post('/api/auth/login', { username: 'nj_admin', password: 'wrong-one' })).statusCode);
    // Each instance alone saw three: in process memory neither would have refused.
    expect(codes).toEqual([401, 401, 401, 401, 429, 429]);
    // Another address and another route keep their own counts.
    await expect(new Agent(second, '10.7.7.8').login('nj_admin')).resolves.toBeInstanceOf(Agent);
  });

  it('counts concurrent requests exactly, starts a new window once one ends, and purges ended ones', async () => {
    const counts = await Promise.all(Array.from({ length: 12 }, () => countHit(t.ctx.db, 'test concurrent', 60_000)));
    expect(counts.map((c) => c.current).sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(counts.every((c) => c.ttl > 50_000 && c.ttl <= 60_000)).toBe(true);

    expect((await countHit(t.ctx.db, 'test short', 150)).current).toBe(1);
    expect((await countHit(t.ctx.db, 'test short', 150)).current).toBe(2);
    await new Promise((r) => setTimeout(r, 250));
    expect(await purgeEnded(t.ctx.db)).toBeGreaterThanOrEqual(1);
    expect((await countHit(t.ctx.db, 'test short', 150)).current).toBe(1);
    await new Promise((r) => setTimeout(r, 250));
    expect((await countHit(t.ctx.db, 'test short', 150)).current).toBe(1);
  });
});
