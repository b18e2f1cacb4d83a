import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../src/cli/run.test-helper.ts';
import { openDatabase } from '../src/db/client.ts';
import { COMPLETE_BASIC_INFO, COMPLETE_REPORT, xinruiSpace } from '../src/modules/applications/fixtures.test-helper.ts';
import { incomingDir, listStored } from '../src/modules/files/storage.ts';
import { DEMO_PASSWORD } from '../src/seed/demo.ts';
import { multipart, SAMPLE } from './helpers/multipart.ts';

/**
 * The crash drill (SECURITY-CHECKLIST 20, issue 9): the real server, started as `npm start` starts
 * it, is killed with SIGKILL in the middle of a burst of submissions and uploads, then restarted.
 * Every application must be fully submitted (round, event and audit row once each) or still a
 * draft; every file row must have its bytes and every stored byte its row once the start-up sweep
 * ran; and `hatchery audit verify` must pass.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const kind = process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite';
/** Applications submitted in the burst, and uploads in it (half of them stalled halfway, to be cut off). */
const APPLICATIONS = 6;
const UPLOADS = 6;
const SLOTS = [
  { key: 'business_licence', name: '营业执照', required: true },
  { key: 'applicant_commitment', name: '申报单位信用承诺书', required: true },
];

let dataDir: string;
let databaseUrl: string | undefined;
let dropDatabase = async () => {};

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hatchery-crash-'));
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) return;
  const name = `hatchery_crash_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  databaseUrl = url.toString();
  dropDatabase = async () => {
    const a = new pg.Client({ connectionString: adminUrl });
    await a.connect();
    await a.query(`drop database if exists ${name} with (force)`);
    await a.end();
  };
});
afterAll(async () => {
  await dropDatabase();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

// ---- the server as a child process ----------------------------------------------------------------

const port = 3300 + Math.floor(Math.random() * 600);
const base = `http://127.0.0.1:${port}`;

function serverEnv(): NodeJS.ProcessEnv {
  const { DATABASE_URL: _d, TEST_DATABASE_URL: _t, HATCHERY_DATA_DIR: _h, ...inherited } = process.env;
  return {
    ...inherited,
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(port),
    HATCHERY_DATA_DIR: dataDir,
    HATCHERY_DEMO: 'true',
    // The demo's accounts and calls, not its lived-in history: the drill submits applications of its
    // own, and the history would only lengthen each cold start.
    HATCHERY_DEMO_HISTORY: 'false',
    LOG_LEVEL: 'warn',
    LOGIN_RATE_PER_MINUTE: '10000',
    // A restarted single server has no upload in flight: every leftover is the crash's.
    FILES_SWEEP_GRACE_MINUTES: '0',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl, DATABASE_MIGRATION_URL: databaseUrl } : {}),
  };
}

interface Server {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

async function startServer(): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { cwd: root, env: serverEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // Generous: a first start migrates and seeds, on a machine that may be running other tests
  // (npm test runs the browser tests beside this run).
  const deadline = Date.now() + 360_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output}`);
    const ok = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { child, output: () => output, exited };
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not healthy within 360 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

// ---- a browser stand-in over HTTP -----------------------------------------------------------------

class Client {
  private readonly cookies = new Map<string, string>();

  /** The cookies and CSRF header a browser would send, with `extra`. */
  headers(extra: Record<string, string> = {}): Record<string, string> {
    const headers: Record<string, string> = { ...extra, cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    const csrf = this.cookies.get('hatchery_csrf');
    if (csrf) headers['x-csrf-token'] = csrf;
    return headers;
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies of many routes, read as a test reads JSON
  async call(method: string, url: string, body?: unknown): Promise<{ status: number; json: any }> {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: this.headers(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : undefined };
  }

  async expect(status: number, method: string, url: string, body?: unknown) {
    const res = await this.call(method, url, body);
    if (res.status !== status) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(res.json)}`);
    return res.json;
  }

  async login(username: string) {
    await this.call('GET', '/api/auth/csrf');
    await this.expect(200, 'POST', '/api/auth/login', { username, password: DEMO_PASSWORD });
    return this;
  }

  /**
   * Uploads `data` as a PDF. `stall` sends only the first half and then waits, so the upload is
   * being written when the server dies. Resolves with the status, or null when the connection broke.
   */
  upload(data: Buffer, stall = false): Promise<number | null> {
    const { payload, headers } = multipart([{ name: 'file', filename: '证明材料.pdf', data }]);
    return new Promise((resolve) => {
      const req = http.request(`${base}/api/files`, { method: 'POST', headers: this.headers({ ...headers, 'content-length': String(payload.length) }) }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? null));
        res.on('error', () => resolve(null));
      });
      req.on('error', () => resolve(null));
      if (stall) req.write(payload.subarray(0, payload.length / 2));
      else req.end(payload);
    });
  }
}

// ---- the drill ----------------------------------------------------------------------------------

/** A published Liaoning call taking regular spaces, and `APPLICATIONS` complete drafts of 新锐智造 ready to submit. */
async function prepareDrafts(): Promise<{ id: string; revision: number }[]> {
  const ln = await new Client().login('ln_admin');
  const ruleSetId = (await ln.expect(200, 'GET', '/api/criteria/rule-sets?key=liaoning-2019')).items[0].id;
  const chainId = (await ln.expect(200, 'GET', '/api/chains/usable?level=province')).items.find((c: { key: string }) => c.key === 'liaoning_province').id;
  const call = await ln.expect(201, 'POST', '/api/calls', {
    title: '辽宁省众创空间备案（崩溃演练）',
    level: 'province',
    year: 2026,
    opensAt: new Date(Date.now() - 3600_000).toISOString(),
    closesAt: new Date(Date.now() + 30 * 24 * 3600_000).toISOString(),
    eligibleCategories: ['regular', 'professional'],
    ruleSetId,
    materialSlots: SLOTS,
    chainId,
  });
  await ln.expect(200, 'POST', `/api/calls/${call.id}/publish`, { revision: call.revision });

  const op = await new Client().login('op_robot_admin');
  const drafts: { id: string; revision: number }[] = [];
  for (let i = 1; i <= APPLICATIONS; i++) {
    const spaceName = `新锐崩溃演练众创空间${i}号`;
    const space = await op.expect(201, 'POST', '/api/spaces', xinruiSpace(spaceName));
    const app = await op.expect(201, 'POST', '/api/applications', { callId: call.id, spaceId: space.id });
    const saved = await op.expect(200, 'PUT', `/api/applications/${app.id}/dossier`, { revision: app.revision, basicInfo: { ...COMPLETE_BASIC_INFO, spaceName }, report: COMPLETE_REPORT });
    for (const slot of SLOTS) {
      const { payload, headers } = multipart([{ name: 'file', filename: `${slot.name}.pdf`, data: SAMPLE.pdf }]);
      const res = await fetch(`${base}/api/files`, { method: 'POST', headers: op.headers(headers), body: new Uint8Array(payload) });
      expect(res.status).toBe(201);
      await op.expect(201, 'POST', `/api/applications/${app.id}/attachments`, { slotKey: slot.key, fileId: ((await res.json()) as { id: string }).id });
    }
    await op.expect(200, 'POST', `/api/applications/${app.id}/commitment/confirm`, {});
    drafts.push({ id: app.id, revision: saved.revision });
  }
  return drafts;
}

const partialUploads = () => (fs.existsSync(incomingDir(dataDir)) ? fs.readdirSync(incomingDir(dataDir)).length : 0);

describe(`crash drill on ${kind}`, () => {
  it('kill -9 mid-burst leaves every submission whole or absent, no file without bytes or bytes without a row, and an intact audit chain', { timeout: 900_000 }, async () => {
    const first = await startServer();
    let drafts: { id: string; revision: number }[];
    try {
      drafts = await prepareDrafts();
    } catch (err) {
      first.child.kill('SIGKILL');
      throw new Error(`${String(err)}\n${first.output()}`, { cause: err });
    }

    // The burst: every submission and upload at once; the kill comes once a submission has
    // committed and a stalled upload is half written.
    const op = await new Client().login('op_robot_admin');
    const big = Buffer.concat([SAMPLE.pdf, Buffer.alloc(1024 * 1024, 0x20)]);
    let submittedOne!: () => void;
    const oneSubmitted = new Promise<void>((resolve) => (submittedOne = resolve));
    const submissions = drafts.map((d) =>
      op.call('POST', `/api/applications/${d.id}/submit`, { revision: d.revision }).then(
        (r) => {
          if (r.status === 200) submittedOne();
          return r.status;
        },
        () => null,
      ),
    );
    const uploads = Array.from({ length: UPLOADS }, (_, i) => op.upload(i % 2 ? big : SAMPLE.pdf, i % 2 === 1));
    await Promise.race([oneSubmitted, Promise.all(submissions)]);
    // Up to a minute: on PGlite the submissions hold the server's one thread, and in CI the browser
    // tests share the two cores, so the stalled uploads may be read late (five seconds once were not enough).
    for (let i = 0; i < 2400 && partialUploads() === 0; i++) await new Promise((r) => setTimeout(r, 25));
    first.child.kill('SIGKILL');
    await first.exited;
    const answered = await Promise.all(submissions);
    await Promise.all(uploads);
    // The crash left partial uploads: what the restart must sweep.
    expect(partialUploads()).toBeGreaterThan(0);
    expect(answered).toContain(200);

    // Restart (recovery and the start-up sweep run before it listens), then stop it cleanly.
    const second = await startServer();
    second.child.kill('SIGTERM');
    expect(await second.exited, second.output()).toBe(0);

    const database = await openDatabase(databaseUrl ? { url: databaseUrl } : { dataDir: path.join(dataDir, 'db') });
    try {
      const apps = await database.query<{ status: string; rounds: number; events: number; audits: number }>(
        `select a.status,
                (select count(*)::int from application_rounds r where r.application_id = a.id) as rounds,
                (select count(*)::int from application_events e where e.application_id = a.id and e.action = 'submit') as events,
                (select count(*)::int from audit_log l where l.action = 'application.submit' and l.object_id = a.id::text) as audits
         from applications a where a.id = any($1::uuid[])`,
        [drafts.map((d) => d.id)],
      );
      expect(apps).toHaveLength(APPLICATIONS);
      for (const a of apps) expect([{ status: 'submitted', rounds: 1, events: 1, audits: 1 }, { status: 'draft', rounds: 0, events: 0, audits: 0 }]).toContainEqual(a);
      expect(apps.filter((a) => a.status === 'submitted').length).toBeGreaterThanOrEqual(1);

      const rows = (await database.query<{ storage_name: string }>('select storage_name from files')).map((r) => r.storage_name);
      expect(listStored(dataDir)).toEqual([...rows].sort());
      expect(partialUploads()).toBe(0);
    } finally {
      await database.close();
    }

    // In-process: src/cli/cli.test.ts covers the binary's cold start.
    const verified = await runCliInProcess(['audit', 'verify'], serverEnv());
    expect(verified.code, verified.out + verified.err).toBe(0);
  });
});
