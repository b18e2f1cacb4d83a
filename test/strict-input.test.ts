import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { Agent, signIn } from './helpers/agent.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';

/**
 * Unknown input is refused, never ignored (SECURITY-CHECKLIST 14, ARCHITECTURE rule 6), on every
 * route of the table, so a route added later is held to it without editing this file.
 */
let t: TestApp;
let admin: Agent;
beforeAll(async () => {
  t = await createTestApp({ demo: true });
  admin = await signIn(t.app, 'sysadmin');
});
afterAll(() => t.close());

interface ApiRoute {
  method: string;
  url: string;
  schema: Record<string, unknown>;
}

const apiRoutes = (): ApiRoute[] =>
  t.app.routeTable
    .filter((r: RouteOptions) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'))
    .flatMap((r) => (Array.isArray(r.method) ? r.method : [r.method]).map((m) => ({ method: String(m), url: r.url, schema: (r.schema ?? {}) as Record<string, unknown> })))
    .filter((r) => r.method !== 'HEAD');

type ZodDef = { type: string; innerType?: z.ZodType; catchall?: z.ZodType };
const def = (s: unknown) => (s as { _zod: { def: ZodDef } })._zod.def;

/** An object schema that refuses unknown keys (z.strictObject / .strict()), optionally `.optional()`. */
function isStrictObject(schema: unknown): boolean {
  let d = def(schema);
  if (d.type === 'optional' && d.innerType) d = def(d.innerType);
  return d.type === 'object' && d.catchall !== undefined && def(d.catchall).type === 'never';
}

const takesMultipart = (r: ApiRoute) => ((r.schema.consumes as string[] | undefined) ?? []).includes('multipart/form-data');

describe('route schemas', () => {
  it('every querystring, params and body schema is a strict object; only multipart routes read a body without one', () => {
    const problems: string[] = [];
    for (const r of apiRoutes()) {
      for (const part of ['querystring', 'params', 'body'] as const) {
        if (r.schema[part] !== undefined && !isStrictObject(r.schema[part])) problems.push(`${r.method} ${r.url}: ${part} is not a strict object`);
      }
      if (r.url.includes(':') && !r.schema.params) problems.push(`${r.method} ${r.url}: path parameters without a schema`);
      if (r.schema.body && takesMultipart(r)) problems.push(`${r.method} ${r.url}: multipart route with a JSON body schema`);
    }
    expect(problems).toEqual([]);
  });
});

describe('numbers that reach SQL', () => {
  it('every revision a request sends is bounded to a PostgreSQL integer', async () => {
    const doc = (await admin.get('/api/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
    const unbounded: string[] = [];
    const visit = (node: unknown, where: string) => {
      if (!node || typeof node !== 'object') return;
      for (const [key, child] of Object.entries(node)) {
        const schema = child as { type?: string; maximum?: number };
        if (key === 'revision' && schema.type === 'integer' && !(schema.maximum! <= 2 ** 31 - 1)) unbounded.push(where);
        visit(child, where);
      }
    };
    for (const [path, methods] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(methods)) visit((op as { requestBody?: unknown }).requestBody, `${method.toUpperCase()} ${path}`);
    expect(unbounded).toEqual([]);
  });

  it('a revision beyond the integer column is a 400 naming it, not a failed query', async () => {
    const operator = await signIn(t.app, 'op_robot_admin');
    const call = (await operator.get('/api/calls/open')).json().items[0];
    const created = await operator.post('/api/applications', { callId: call.id, spaceId: call.eligibleSpaces[0].id });
    expect(created.statusCode).toBe(201);
    const res = await operator.put(`/api/applications/${created.json().id}/dossier`, { revision: 2 ** 31 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].field).toBe('body.revision');
  });
});

describe('input a route does not declare', () => {
  it('a route without a querystring schema refuses any query parameter, naming it', async () => {
    const res = await admin.get('/api/me?debug=1');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ field: 'querystring.debug', messageEn: 'unknown parameter: debug' }] });
    expect(res.json().error.fields[0].message).toContain('debug');
  });

  it('a parameter given twice is refused by name, whatever the schema makes of arrays', async () => {
    for (const url of ['/api/admin/users?page=1&page=2', '/api/regions?parent=210000&parent=320000', '/api/me?x=1&x=2']) {
      const res = await admin.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.fields[0].field, url).toMatch(/^querystring\.(page|parent|x)$/);
      expect(res.json().error.fields[0].messageEn).toBe('give this parameter only once');
    }
  });

  it('NUL and unpaired surrogates are refused wherever they come, naming the field', async () => {
    const query = await admin.get('/api/admin/users?q=%00');
    expect(query.statusCode).toBe(400);
    expect(query.json().error.fields[0]).toMatchObject({ field: 'querystring.q', messageEn: 'contains a character that cannot be stored (NUL or an unpaired surrogate)' });
    const body = await admin.post('/api/admin/orgs', { name: '机构', nested: { ['\ud800']: 1 } });
    expect(body.statusCode).toBe(400);
    expect(body.json().error.fields[0].field).toBe('body.nested.\ud800');
    const surrogate = await admin.post('/api/admin/orgs', '{"name":"\\udc00x"}', { headers: { 'content-type': 'application/json' } });
    expect(surrogate.json().error.fields[0].field).toBe('body.name');
    // A whole character (a surrogate pair) is fine.
    expect((await admin.get(`/api/admin/users?q=${encodeURIComponent('𠀀')}`)).statusCode).toBe(200);
  });

  it('a route without a body schema refuses a body (arrays, strings, null, fields) but takes none or {}', async () => {
    for (const body of [[1], 'null', '"text"', { all: true }]) {
      const res = await admin.post('/api/notifications/read-all', body, { headers: { 'content-type': 'application/json' } });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ field: 'body', message: '此请求不接受请求体' }] });
    }
    expect((await admin.request('POST', '/api/notifications/read-all')).statusCode).toBe(200);
    expect((await admin.post('/api/notifications/read-all', {})).statusCode).toBe(200);
  });

  it('a body that is not JSON answers 415 and changes nothing, even when it reads as JSON', async () => {
    const count = async () => (await t.ctx.database.query<{ n: number }>('select count(*)::int as n from organisations'))[0]!.n;
    const before = await count();
    const org = JSON.stringify({ name: '纯文本机构', kind: 'operator', regionCode: '210112' });
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'multipart/form-data; boundary=x']) {
      const res = await admin.post('/api/admin/orgs', org, { headers: { 'content-type': type } });
      expect(res.statusCode, type).toBe(415);
      expect(res.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    expect(await count()).toBe(before);
  });

  it('an array or a string where an object is expected is a 400 naming the body', async () => {
    for (const body of [[{ name: 'x' }], '"x"', '42']) {
      const res = await admin.post('/api/admin/orgs', body, { headers: { 'content-type': 'application/json' } });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields[0].field).toBe('body');
    }
  });

  it('malformed JSON, an empty JSON body and a body over the limit answer 400/400/413 with our codes', async () => {
    const json = { 'content-type': 'application/json' };
    const bad = await admin.post('/api/admin/orgs', '{"name":', { headers: json });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ field: 'body', messageEn: 'is not valid JSON' }] });
    const empty = await admin.request('POST', '/api/admin/orgs', '', { headers: json });
    expect(empty.statusCode).toBe(400);
    const big = await admin.post('/api/admin/orgs', JSON.stringify({ name: 'x'.repeat(3 * 1024 * 1024) }), { headers: json });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('REQUEST_TOO_LARGE');
  });

  it('a URL with broken percent-encoding is a 400 in our error shape', async () => {
    const res = await admin.get('/api/applications/%E0%A4%A');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('BAD_REQUEST');
    expect(res.headers['cache-control']).toBe('no-store');
  });
});

describe('Cache-Control', () => {
  it('every API JSON answer carries no-store: successes, refusals and errors, signed in or not', async () => {
    const anon = new Agent(t.app);
    const answers = [
      await admin.get('/api/me'),
      await admin.get('/api/admin/users'),
      await admin.get('/api/audit'),
      await admin.get('/api/me?x=1'),
      await anon.get('/api/me'),
      await anon.get('/api/public/notices'),
      await anon.get('/api/openapi.json'),
      await anon.get('/api/no-such-route'),
    ];
    for (const res of answers) {
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });
});
