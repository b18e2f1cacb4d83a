import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { multipart } from '../test/helpers/multipart.ts';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openContext } from '../src/context.ts';
import { statementProbe } from '../src/db/client.ts';
import { send, type Sent } from './load.ts';
import { freePort, startServer, type Server } from './processes.ts';
import { SERVER_ENV } from './scale.ts';
import { percentile, round } from './stats.ts';
import { createSurgeFixture, disposableCopy, SURGE_DOSSIER, type SurgeFixture, type SurgeOperator } from './surge-fixture.ts';
import { SURGE_TARGET } from './targets.ts';

export interface SurgeOptions {
  /** The database to copy (BENCH_DATABASE_URL): the demo, or the national data set. */
  url: string;
  /** Virtual operators, each running the whole flow once. */
  operators: number;
  /** Operators in flight at a time, each on a kept-alive connection. */
  concurrency: number;
  /** Size of every uploaded PDF. */
  fileBytes: number;
}

/** The steps of one operator's flow, in order; `upload` and `attach` run once per required slot. */
export const SURGE_STEPS = ['create', 'dossier', 'upload', 'attach', 'assessment', 'confirm', 'submit'] as const;
type Step = (typeof SURGE_STEPS)[number];

export interface SurgeStepRow {
  step: Step | 'whole flow';
  /** Statements the server's Drizzle sends for one request of the step, or for the whole flow (one flow run in-process before the surge). */
  statements: number;
  requests: number;
  p50: number;
  p95: number;
  max: number;
  targetMs: number | null;
  targetMet: boolean;
}

export interface SurgeSummary {
  operators: number;
  concurrency: number;
  requiredSlots: number;
  fileKiB: number;
  submitted: number;
  failedFlows: number;
  wallSeconds: number;
  submissionsPerSecond: number;
  /** 1-minute load average at the start, mean and max while running (other work on the machine included). */
  load: string;
  serverIdleMiB: number;
  serverPeakMiB: number;
  serverAfterMiB: number;
  targetMet: boolean;
}

/** A PDF of `bytes` bytes: the signature the upload checks, a comment filling the rest, and the end marker. */
function pdfOf(bytes: number): Buffer {
  const head = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%');
  const tail = Buffer.from('\ntrailer <<>>\n%%EOF\n');
  return Buffer.concat([head, Buffer.alloc(Math.max(0, bytes - head.length - tail.length), 'x'), tail]);
}

class StepError extends Error {
  constructor(
    readonly step: Step,
    readonly status: number,
    readonly body: string,
  ) {
    super(`${step} → ${status}`);
  }
}

/**
 * The submission surge (issue 12): `operators` virtual operators each create an application to the
 * fixture's call, save a complete dossier, upload a PDF into every required slot and attach it, run
 * the self-assessment, confirm the commitment and submit, `concurrency` of them at a time against
 * the product's server (a child process) over kept-alive connections. Runs on a disposable copy of
 * the database, dropped afterwards with the server's file store.
 */
export async function benchSurge(opts: SurgeOptions) {
  const progress = (line: string) => process.stderr.write(`  · ${line}\n`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hatchery-bench-surge-'));
  progress(`surge: copying the database`);
  const copy = await disposableCopy(opts.url);
  let server: Server | null = null;
  const client = new pg.Client({ connectionString: copy.url });
  await client.connect();
  try {
    progress(`surge: fixture of ${opts.operators} operators`);
    const all = await createSurgeFixture(client, opts.operators + 1);
    const env = { ...SERVER_ENV, HATCHERY_DATA_DIR: path.join(work, 'product'), DATABASE_URL: copy.url };
    // The first operator runs the flow once in this process, through the real app, to count each step's statements.
    const statements = await countStatements(env, { ...all, operators: all.operators.slice(0, 1) }, pdfOf(opts.fileBytes));
    const fixture = { ...all, operators: all.operators.slice(1) };
    server = await startServer('product', 'src/server.ts', { ...env, PORT: String(await freePort()), HOST: '127.0.0.1' }, '/api/health');
    await new Promise((r) => setTimeout(r, 3000));
    const serverIdleMiB = server.rssMiB();
    progress(`surge: ${fixture.operators.length} operators, ${fixture.requiredSlots.length} required slots each, ${opts.concurrency} in flight, call “${fixture.callTitle}”`);
    const run = await surge(server, client, fixture, opts, progress);
    const [{ submitted }] = (await client.query<{ submitted: number }>(`select count(*)::int - 1 as submitted from applications where call_id = $1 and status = 'submitted'`, [fixture.callId])).rows as [{ submitted: number }];
    if (submitted !== run.completed) throw new Error(`surge: ${run.completed} flows completed but ${submitted} applications are submitted`);
    const steps: SurgeStepRow[] = [...SURGE_STEPS.map((s) => [s, run.latencies.get(s) ?? []] as const), ['whole flow', run.flows] as const].map(([step, samples]) => {
      const p95 = percentile(samples, 95);
      const targetMs = step === 'whole flow' ? null : SURGE_TARGET.stepP95Ms;
      return { step, statements: statements.get(step) ?? 0, requests: samples.length, p50: round(percentile(samples, 50)), p95: round(p95), max: round(Math.max(...samples)), targetMs, targetMet: targetMs === null || p95 < targetMs };
    });
    const errors = [...run.errors.entries()].map(([key, e]) => ({ 'step status': key, count: e.count, sample: e.sample }));
    const errorCount = errors.reduce((n, e) => n + e.count, 0);
    const rate = run.completed / run.seconds;
    const summary: SurgeSummary = {
      operators: fixture.operators.length,
      concurrency: opts.concurrency,
      requiredSlots: fixture.requiredSlots.length,
      fileKiB: Math.round(opts.fileBytes / 1024),
      submitted,
      failedFlows: fixture.operators.length - run.completed,
      wallSeconds: round(run.seconds),
      submissionsPerSecond: round(rate, 2),
      load: `${round(run.load.start, 1)} / ${round(run.load.mean, 1)} / ${round(run.load.max, 1)}`,
      serverIdleMiB: round(serverIdleMiB),
      serverPeakMiB: round(run.peakMiB),
      serverAfterMiB: round(server.rssMiB()),
      targetMet: errorCount <= SURGE_TARGET.errors && rate >= SURGE_TARGET.submissionsPerSecond && steps.every((s) => s.targetMet),
    };
    return { summary, steps, errors, waits: run.waits };
  } finally {
    await client.end();
    await server?.stop();
    await copy.drop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

type Transport = (method: string, url: string, headers: Record<string, string>, body?: Buffer | string) => Promise<Sent>;

/**
 * One operator's whole flow over `transport`; `record` gets each request's step, time and the
 * statements Drizzle sent for it in this process (0 when the server is another process). Anything
 * but the expected status ends the flow with a StepError.
 */
async function runFlow(transport: Transport, fixture: SurgeFixture, op: SurgeOperator, pdf: Buffer, record: (step: Step, ms: number, statements: number) => void) {
  const call = async (step: Step, expect: number, method: string, url: string, body?: unknown, form?: { payload: Buffer; headers: Record<string, string> }) => {
    const headers: Record<string, string> = { cookie: op.cookie, 'x-csrf-token': op.csrf, ...(form?.headers ?? (body === undefined ? {} : { 'content-type': 'application/json' })) };
    const start = performance.now();
    const { result: res, statements } = await statementProbe.count(() => transport(method, url, headers, form?.payload ?? (body === undefined ? undefined : JSON.stringify(body))));
    record(step, performance.now() - start, statements);
    if (res.status !== expect) throw new StepError(step, res.status, res.body);
    return JSON.parse(res.body) as { id: string; revision: number; status: string };
  };
  const app = await call('create', 201, 'POST', '/api/applications', { callId: fixture.callId, spaceId: op.spaceId });
  const base = `/api/applications/${app.id}`;
  const saved = await call('dossier', 200, 'PUT', `${base}/dossier`, { revision: app.revision, ...SURGE_DOSSIER });
  for (const slotKey of fixture.requiredSlots) {
    const file = await call('upload', 201, 'POST', '/api/files', undefined, multipart([{ name: 'file', filename: `${slotKey}.pdf`, contentType: 'application/pdf', data: pdf }]));
    await call('attach', 201, 'POST', `${base}/attachments`, { slotKey, fileId: file.id });
  }
  await call('assessment', 200, 'GET', `${base}/assessment`);
  const confirmed = await call('confirm', 200, 'POST', `${base}/commitment/confirm`, {});
  const done = await call('submit', 200, 'POST', `${base}/submit`, { revision: confirmed.revision ?? saved.revision });
  if (done.status !== 'submitted') throw new StepError('submit', 200, `status ${done.status}`);
}

/**
 * Statements per request of each step, and of the whole flow (`upload` and `attach` counted once per
 * slot): the fixture's operator runs the flow once through the app in this process.
 */
async function countStatements(env: Record<string, string>, fixture: SurgeFixture, pdf: Buffer): Promise<Map<Step | 'whole flow', number>> {
  const ctx = await openContext(loadConfig({ ...env, NODE_ENV: 'test', LOG_LEVEL: 'silent' }), { jobs: { workers: false } });
  const counted = new Map<Step | 'whole flow', number>([['whole flow', 0]]);
  try {
    const app = await buildApp(ctx, { serveWeb: false, logger: false });
    await app.ready();
    const transport: Transport = async (method, url, headers, payload) => {
      const res = await app.inject({ method: method as 'GET', url, headers, ...(payload === undefined ? {} : { payload }) });
      return { status: res.statusCode, body: res.body };
    };
    // `upload` and `attach` run once per slot: the count kept for the step is one request's.
    await runFlow(transport, fixture, fixture.operators[0]!, pdf, (step, _ms, statements) => {
      counted.set(step, statements);
      counted.set('whole flow', counted.get('whole flow')! + statements);
    });
    await app.close();
  } finally {
    await ctx.close();
  }
  return counted;
}

async function surge(server: Server, client: pg.Client, fixture: SurgeFixture, opts: SurgeOptions, progress: (line: string) => void) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.concurrency });
  const pdf = pdfOf(opts.fileBytes);
  const latencies = new Map<Step, number[]>(SURGE_STEPS.map((s) => [s, []]));
  const flows: number[] = [];
  const errors = new Map<string, { count: number; sample: string }>();
  const transport: Transport = (method, url, headers, body) => send(agent, server.port, method, url, headers, body);

  const flow = async (op: SurgeOperator) => {
    const start = performance.now();
    await runFlow(transport, fixture, op, pdf, (step, ms) => latencies.get(step)!.push(ms));
    flows.push(performance.now() - start);
  };
  // Samples while the surge runs: load average, the server's memory, and what PostgreSQL's active backends wait on.
  const load: number[] = [os.loadavg()[0]!];
  let peakMiB = server.rssMiB();
  const waits = new Map<string, number>();
  const sample = async () => {
    load.push(os.loadavg()[0]!);
    peakMiB = Math.max(peakMiB, server.rssMiB());
    const { rows } = await client.query<{ what: string; n: number }>(
      `select coalesce(wait_event_type || ':' || wait_event, 'running') || case when wait_event_type in ('Lock', 'LWLock') then ' — ' || left(regexp_replace(query, '\\s+', ' ', 'g'), 90) else '' end as what,
              count(*)::int as n
         from pg_stat_activity where datname = current_database() and state = 'active' and pid <> pg_backend_pid() group by 1`,
    );
    for (const r of rows) waits.set(r.what, (waits.get(r.what) ?? 0) + r.n);
  };
  let sampling = Promise.resolve();
  const timer = setInterval(() => (sampling = sampling.then(sample).catch(() => {})), 1000);

  let next = 0;
  let completed = 0;
  const started = performance.now();
  const ticker = setInterval(() => {
    const s = (performance.now() - started) / 1000;
    progress(`surge: ${completed} submitted, ${next - completed} in flight or failed, ${Math.round(s)} s, ${round(completed / s, 1)}/s, load ${round(os.loadavg()[0]!, 1)}`);
  }, 15_000);
  const worker = async () => {
    while (next < fixture.operators.length) {
      const op = fixture.operators[next++]!;
      try {
        await flow(op);
        completed++;
      } catch (err) {
        const key = err instanceof StepError ? `${err.step} ${err.status}` : `network ${(err as Error).message}`;
        const e = errors.get(key) ?? { count: 0, sample: err instanceof StepError ? err.body.slice(0, 200) : String(err).slice(0, 200) };
        e.count++;
        errors.set(key, e);
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  clearInterval(ticker);
  clearInterval(timer);
  await sampling;
  agent.destroy();
  const total = [...waits.values()].reduce((a, b) => a + b, 0);
  return {
    latencies,
    flows,
    errors,
    completed,
    seconds,
    peakMiB,
    load: { start: load[0]!, mean: load.reduce((a, b) => a + b, 0) / load.length, max: Math.max(...load) },
    waits: [...waits.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 12)
      .map(([what, n]) => ({ 'active backends: waiting on (statement for locks)': what, samples: n, share: `${Math.round((100 * n) / total)} %` })),
  };
}
