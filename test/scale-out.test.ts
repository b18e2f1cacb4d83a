import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq, inArray, isNull } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../src/app.ts';
import type { AppContext } from '../src/app-context.ts';
import { openContext } from '../src/context.ts';
import { openDatabase } from '../src/db/client.ts';
import { auditLog, verify } from '../src/modules/audit/index.ts';
import { mailOutbox, queueMail } from '../src/modules/notify/index.ts';
import { DEMO_PASSWORD, seedDemo } from '../src/seed/demo.ts';
import { testConfig } from './helpers/app.ts';
import { freshDatabase, type FreshDatabase } from './helpers/db.ts';
import { fileUpload, SAMPLE } from './helpers/multipart.ts';
import { startFakeS3, type FakeS3 } from './helpers/s3-fake.ts';

/**
 * Scale-out (issue 12): two instances of the server, each with its own process memory, data
 * directory, connection pool and job workers, share one PostgreSQL database and one object store
 * behind a round-robin proxy. Whatever one instance did, the other one knows: sessions, uploads,
 * rate limits and jobs. PGlite is one process by design, so this runs on PostgreSQL only.
 */
const onPostgres = !!process.env.TEST_DATABASE_URL;
const LIMIT = 5;

interface Instance {
  ctx: AppContext & { close: () => Promise<void> };
  app: FastifyInstance;
  url: string;
}

let store: FreshDatabase;
let s3: FakeS3;
let a: Instance;
let b: Instance;
let proxy: http.Server;
let proxyUrl: string;
/** Which instance answered each request through the proxy, in order ('A' or 'B'). */
const servedBy: string[] = [];

async function startInstance(env: Record<string, string>, database: FreshDatabase['database'], workers: boolean): Promise<Instance> {
  const ctx = await openContext(testConfig(env), { database, jobs: { workers, pollingIntervalSeconds: 0.5 } });
  const app = await buildApp(ctx, { serveWeb: false, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { ctx, app, url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
}

/** A load balancer in a dozen lines: alternates between the instances and says who it forwarded to. */
function startProxy(backends: Instance[]): Promise<http.Server> {
  let next = 0;
  const server = http.createServer((req, res) => {
    const index = next++ % backends.length;
    servedBy.push(index === 0 ? 'A' : 'B');
    const target = new URL(req.url!, backends[index]!.url);
    const forwardedFor = [req.headers['x-forwarded-for'], req.socket.remoteAddress].filter(Boolean).join(', ');
    const upstream = http.request(target, { method: req.method, headers: { ...req.headers, 'x-forwarded-for': forwardedFor } }, (answer) => {
      res.writeHead(answer.statusCode!, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', (err) => res.writeHead(502).end(err.message));
    req.pipe(upstream);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** A browser over real HTTP through the proxy: keeps cookies, sends the CSRF header, claims a client address. */
class Browser {
  readonly cookies = new Map<string, string>();
  constructor(readonly clientIp: string) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const json = body !== undefined && !Buffer.isBuffer(body);
    const res = await fetch(proxyUrl + path, {
      method,
      headers: {
        'x-forwarded-for': this.clientIp,
        ...(this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
        ...(method !== 'GET' && this.cookies.has('hatchery_csrf') ? { 'x-csrf-token': this.cookies.get('hatchery_csrf')! } : {}),
        ...(json ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: json ? JSON.stringify(body) : new Uint8Array(body as Buffer) } : {}),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, value] = pair!.split('=') as [string, string];
      if (value) this.cookies.set(name, value);
      else this.cookies.delete(name);
    }
    return { status: res.status, body: Buffer.from(await res.arrayBuffer()), servedBy: servedBy.at(-1)! };
  }

  login(username: string, password: string) {
    return this.request('GET', '/api/auth/csrf').then(() => this.request('POST', '/api/auth/login', { username, password }));
  }
}

beforeAll(async () => {
  if (!onPostgres) return;
  s3 = await startFakeS3();
  store = await freshDatabase();
  // What every instance shares: the database, the bucket, the keys, the settings.
  const env = {
    ...s3.env,
    AUDIT_MAC_KEY: randomBytes(32).toString('hex'),
    DATA_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    LOGIN_RATE_PER_MINUTE: String(LIMIT),
    TRUST_PROXY: 'loopback',
    DATABASE_POOL_SIZE: '4',
  };
  // A serves requests only; B also runs the job workers: a job A queues can only be done by B.
  a = await startInstance(env, store.database, false);
  b = await startInstance(env, await openDatabase({ url: store.url!, poolSize: 4 }), true);
  await seedDemo(a.ctx.db, a.ctx.config);
  proxy = await startProxy([a, b]);
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});

afterAll(async () => {
  if (!onPostgres) return;
  await new Promise((resolve) => proxy.close(resolve));
  for (const instance of [a, b]) await instance.app.close();
  await a.ctx.close();
  await b.ctx.close();
  await b.ctx.database.close();
  await store.drop();
  await s3.close();
});

describe.skipIf(!onPostgres)('two instances on one PostgreSQL behind a round-robin proxy (skipped without TEST_DATABASE_URL: PGlite is one process)', () => {
  it('a session signed in on one instance works on the other, and signing out there ends it everywhere', async () => {
    const browser = new Browser('10.1.0.1');
    const login = await browser.login('op_robot_admin', DEMO_PASSWORD);
    expect(login.status).toBe(200);
    const me = await browser.request('GET', '/api/me');
    expect(me.status).toBe(200);
    expect(me.servedBy).not.toBe(login.servedBy);
    expect(JSON.parse(me.body.toString()).user.username).toBe('op_robot_admin');
    // The CSRF token issued by one instance is accepted by the other; the session ends for both.
    const token = browser.cookies.get('hatchery_session')!;
    const out = await browser.request('POST', '/api/auth/logout');
    expect(out.status).toBe(200);
    expect(browser.cookies.has('hatchery_session')).toBe(false);
    browser.cookies.set('hatchery_session', token);
    const replayed = await browser.request('GET', '/api/me');
    expect(replayed.servedBy).not.toBe(out.servedBy);
    expect(replayed.status).toBe(401);
  });

  it('a file uploaded through one instance downloads through the other (object storage)', async () => {
    const browser = new Browser('10.1.0.2');
    await browser.login('op_robot_admin', DEMO_PASSWORD);
    const { payload, headers } = fileUpload('申报书.pdf', SAMPLE.pdf);
    const up = await browser.request('POST', '/api/files', payload, headers);
    expect(up.status).toBe(201);
    const id = JSON.parse(up.body.toString()).id;
    const down = await browser.request('GET', `/api/files/${id}/download`);
    expect(down.servedBy).not.toBe(up.servedBy);
    expect(down.status).toBe(200);
    expect(down.body.equals(SAMPLE.pdf)).toBe(true);
  });

  it(`counts a client's sign-ins on both instances against one limit of ${LIMIT} a minute`, async () => {
    const browser = new Browser('10.1.0.3');
    await browser.request('GET', '/api/auth/csrf');
    const answers: { status: number; servedBy: string }[] = [];
    for (let i = 0; i <= LIMIT; i++) answers.push(await browser.request('POST', '/api/auth/login', { username: 'no_such_user', password: 'wrong-password' }));
    expect(answers.map((x) => x.status)).toEqual([...Array(LIMIT).fill(401), 429]);
    expect(new Set(answers.slice(0, LIMIT).map((x) => x.servedBy))).toEqual(new Set(['A', 'B']));
    // Another client (address) is not affected.
    expect((await new Browser('10.1.0.4').login('op_robot_admin', DEMO_PASSWORD)).status).toBe(200);
  });

  it('a job queued by one instance is done by the other (pg-boss on the shared database)', async () => {
    const outboxId = await a.ctx.db.transaction((tx) => queueMail(tx, { to: 'someone@example.cn', subject: '测试', body: '跨实例的任务' }));
    // Without SMTP the worker holds the mail for the administrator: only B runs workers.
    await vi.waitFor(
      async () => expect((await a.ctx.db.select().from(mailOutbox).where(eq(mailOutbox.id, outboxId)))[0]!.status).toBe('held'),
      { timeout: 30_000, interval: 250 },
    );
  });

  it('audit rows committed on either instance are sealed into one chain, also those no instance wrote (found by the sweep)', async () => {
    const browser = new Browser('10.1.0.5');
    await browser.login('op_robot_admin', DEMO_PASSWORD);
    await browser.request('GET', '/api/auth/csrf');
    await browser.request('POST', '/api/auth/logout');
    // A row appended by another tool: no instance is woken for it, each finds it on its timer.
    await b.ctx.database.query(`insert into audit_log (at, action, result) values (now(), 'test.outside', 'success')`);
    await vi.waitFor(async () => expect(await a.ctx.db.select({ id: auditLog.id }).from(auditLog).where(isNull(auditLog.seq))).toEqual([]), { timeout: 15_000, interval: 250 });
    const sealed = await a.ctx.db.select({ action: auditLog.action }).from(auditLog).where(inArray(auditLog.action, ['auth.login', 'auth.logout', 'test.outside']));
    expect(new Set(sealed.map((r) => r.action))).toEqual(new Set(['auth.login', 'auth.logout', 'test.outside']));
    expect((await verify(a.ctx)).ok).toBe(true);
  }, 20_000);
});
