import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent } from './helpers/agent.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';

/**
 * Deny by default (SECURITY-CHECKLIST 6): every API route declares a policy, and every route that
 * needs a signed-in user refuses an anonymous caller before doing anything.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demo: true });
});
afterAll(() => t.close());

const apiRoutes = () =>
  t.app.routeTable
    .filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'))
    .flatMap((r) => (Array.isArray(r.method) ? r.method : [r.method]).map((m) => ({ method: String(m), url: r.url, config: r.config })))
    .filter((r) => r.method !== 'HEAD');

describe('route policies', () => {
  it('every API route declares its policy', () => {
    const routes = apiRoutes();
    expect(routes.length).toBeGreaterThan(5);
    const missing = routes.filter((r) => !(r.config as { policy?: unknown } | undefined)?.policy).map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
  });

  it('every signed-in route refuses an anonymous caller with 401, and audit count stays the same', async () => {
    const anon = new Agent(t.app);
    await anon.get('/api/auth/csrf');
    const before = await t.ctx.database.query<{ n: number }>('select count(*)::int as n from audit_log');
    const problems: string[] = [];
    for (const r of apiRoutes()) {
      const policy = (r.config as { policy: { kind: string } }).policy;
      if (policy.kind === 'public') continue;
      const url = r.url.replace(/:(\w+)/g, (_, name: string) => (name.toLowerCase().includes('code') ? '210100' : '00000000-0000-4000-8000-000000000000'));
      const res = await anon.request(r.method as 'GET', url, r.method === 'GET' || r.method === 'DELETE' ? undefined : {});
      if (res.statusCode !== 401) problems.push(`${r.method} ${r.url} → ${res.statusCode}`);
    }
    expect(problems).toEqual([]);
    const after = await t.ctx.database.query<{ n: number }>('select count(*)::int as n from audit_log');
    expect(after[0]!.n).toBe(before[0]!.n);
  });
});
