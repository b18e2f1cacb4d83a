import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { publicRoute } from '../src/shared/http/policy.ts';
import { SECURITY_HEADERS } from './helpers/security-headers.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demo: true });
});
afterAll(() => t.close());

describe('platform', () => {
  it('reports health with the database kind and version', async () => {
    const res = await t.app.inject('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: t.ctx.database.kind, version: expect.any(String) });
  });

  it('publishes an OpenAPI 3 document and browsable docs', async () => {
    const doc = (await t.app.inject('/api/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toContain('/api/auth/login');
    expect((await t.app.inject('/api/docs')).statusCode).toBeLessThan(400);
  });

  it('sends security headers (CSP, nosniff, frame denial)', async () => {
    const res = await t.app.inject('/api/health');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('sends the whole security header set with its values on API answers, refusals and 404s alike, and no HSTS outside production', async () => {
    for (const res of [await t.app.inject('/api/health'), await t.app.inject('/api/me'), await t.app.inject('/api/no-such-thing')]) {
      expect(res.headers).toMatchObject(SECURITY_HEADERS);
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('answers unknown API paths with the JSON 404 body', async () => {
    const res = await t.app.inject('/api/no-such-thing');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });
});

describe('errors', () => {
  it('never leaks the details of a 5xx', async () => {
    const app = await buildApp(t.ctx, { serveWeb: false, logger: false });
    app.get('/api/test-boom', { config: { policy: publicRoute('test only') } }, async () => {
      throw new Error('secret table users column password_hash');
    });
    await app.ready();
    const res = await app.inject('/api/test-boom');
    expect(res.statusCode).toBe(500);
    expect(res.json().error.code).toBe('INTERNAL');
    expect(res.body).not.toContain('password_hash');
    await app.close();
  });
});

describe('production mode', () => {
  it('uses __Host- Secure cookies and sends HSTS', async () => {
    const prod = await createTestApp({ demo: true, env: { NODE_ENV: 'production', AUDIT_MAC_KEY: 'a'.repeat(64), DATA_ENCRYPTION_KEY: 'b'.repeat(64) } });
    try {
      const csrf = await prod.app.inject('/api/auth/csrf');
      expect(csrf.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      // Production also asks browsers to upgrade any http: address a page names.
      expect(csrf.headers).toMatchObject({ ...SECURITY_HEADERS, 'content-security-policy': SECURITY_HEADERS['content-security-policy'].replace(";connect-src", ";upgrade-insecure-requests;connect-src") });
      const cookie = csrf.cookies.find((c) => c.name === '__Host-hatchery_csrf')!;
      expect(cookie.secure).toBe(true);
      const login = await prod.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { cookie: `__Host-hatchery_csrf=${cookie.value}`, 'x-csrf-token': cookie.value },
        payload: { username: 'sy_admin', password: 'Demo@2026' },
      });
      expect(login.statusCode).toBe(200);
      const session = login.cookies.find((c) => c.name === '__Host-hatchery_session')!;
      expect(session).toMatchObject({ secure: true, httpOnly: true, path: '/' });
    } finally {
      await prod.close();
    }
  });
});
