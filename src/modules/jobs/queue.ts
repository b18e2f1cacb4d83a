import { AsyncResource } from 'node:async_hooks';
import PgBoss from 'pg-boss';
import { sql } from 'drizzle-orm';
import { afterCommit, type Database, type DbOrTx, type Tx } from '../../db/client.ts';
import type { AppJobs } from './queues.ts';
import { databaseAdapter, transactionAdapter } from './adapter.ts';

/** How a queue retries: pg-boss doubles the delay after each failure when `retryBackoff` is on. */
export interface QueueSettings {
  retryLimit: number;
  retryDelaySeconds: number;
  retryBackoff: boolean;
  /** A run still going after this long counts as failed (and is retried). */
  expireInSeconds: number;
  /** `stately`: at most one job waiting and one running, so a repeated send while one waits is a no-op. */
  policy?: 'standard' | 'stately';
}

export interface JobInfo {
  id: string;
  /** Failed runs so far; 0 on the first run. */
  retryCount: number;
  retryLimit: number;
}

export type JobHandler<T> = (data: T, job: JobInfo) => Promise<void>;

/** Durable jobs on pg-boss; `P` maps each queue name to its payload type. */
export interface Jobs<P extends object> {
  /** Enqueues outside any transaction; returns the job id (null when a `stately` queue already has one waiting). */
  send<N extends keyof P & string>(name: N, data: P[N], opts?: { startAfter?: Date }): Promise<string | null>;
  /** Starts polling one queue; handlers must be idempotent (a run may repeat after a crash). */
  work<N extends keyof P & string>(name: N, handler: JobHandler<P[N]>): Promise<void>;
  /** Installs or migrates the pg-boss schema and creates the queues; no polling until `work`. */
  start(): Promise<void>;
  /** Stops polling, lets running handlers finish, then stops touching the database. */
  stop(): Promise<void>;
}

export interface JobsOptions {
  /**
   * How often an idle worker polls its queue (pg-boss refuses less than 0.5 s). By default 2 s on
   * PostgreSQL, where other instances send jobs too, and 15 s on PGlite, which one process holds:
   * every job there is sent by this process and wakes its worker at once (`announceSent`), so the
   * poll only finds jobs whose `startAfter` has come and retries. Polling every 2 s, PGlite's fourteen
   * workers took a tenth of the one thread's time under load (BENCHMARKS.md, issue 12).
   */
  pollingIntervalSeconds?: number;
  onError?: (err: unknown) => void;
}

/** Listeners for jobs this process enqueued, told the queue once the job is committed and due. */
const sentListeners = new Set<(queue: string) => void>();

function announceSent(queue: string, startAfter: Date | undefined) {
  if (startAfter && startAfter.getTime() > Date.now()) return;
  for (const listener of sentListeners) listener(queue);
}

export function createJobs<P extends object>(
  database: Database,
  queues: { [N in keyof P & string]: QueueSettings },
  opts: JobsOptions = {},
): Jobs<P> {
  const db = databaseAdapter(database);
  const boss = new PgBoss({
    db,
    // Cron scheduling is unused; its clock-skew polling would only add load.
    schedule: false,
    pollingIntervalSeconds: opts.pollingIntervalSeconds ?? (database.kind === 'pglite' ? 15 : 2),
  });
  boss.on('error', opts.onError ?? ((err) => console.error('pg-boss:', err)));
  let started = false;
  /** Handlers running now: stopping waits for them and for the completions pg-boss writes after. */
  let handling = 0;
  const workers = new Map<string, string[]>();
  // Bound to where the jobs started: a wake-up comes from a request's commit, and the fetch it
  // starts must neither count as that request's statements nor carry its region scope.
  const wake = AsyncResource.bind((queue: string) => {
    for (const id of workers.get(queue) ?? []) boss.notifyWorker(id);
  });

  return {
    async send(name, data, opts = {}) {
      const id = await boss.send(name, data as object, opts.startAfter ? { startAfter: opts.startAfter } : {});
      announceSent(name, opts.startAfter);
      return id;
    },

    async work(name, handler) {
      if (!started) throw new Error(`jobs: work('${name}') before start()`);
      let id = '';
      id = await boss.work<P[typeof name]>(name, { includeMetadata: true }, async ([job]) => {
        if (!job) return;
        handling += 1;
        try {
          await handler(job.data, { id: job.id, retryCount: job.retryCount, retryLimit: job.retryLimit });
        } finally {
          handling -= 1;
        }
        // One job done, more may wait: fetch again at once rather than after the polling interval.
        if (started) boss.notifyWorker(id);
      });
      workers.set(name, [...(workers.get(name) ?? []), id]);
      sentListeners.add(wake);
    },

    async start() {
      await boss.start();
      for (const [name, q] of Object.entries(queues) as [string, QueueSettings][]) {
        await boss.createQueue(name, {
          name,
          retryLimit: q.retryLimit,
          retryDelay: q.retryDelaySeconds,
          retryBackoff: q.retryBackoff,
          expireInSeconds: q.expireInSeconds,
          ...(q.policy ? { policy: q.policy } : {}),
        });
      }
      started = true;
    },

    async stop() {
      if (!started) return;
      started = false;
      sentListeners.delete(wake);
      await boss.stop({ graceful: true, timeout: 10_000 });
      await db.drain(() => handling > 0);
    },
  };
}

/**
 * Never started and bound to no database: it only composes pg-boss's insert, which
 * `sendInTx` runs through the caller's transaction.
 */
const composer = new PgBoss({
  db: {
    executeSql: () => Promise.reject(new Error('jobs: the composer only sends through a transaction')),
  },
});

/**
 * Enqueues a job inside the caller's transaction, so it exists only if the caller's change commits
 * (and the handler, running after commit, sees that change). The queue must exist: `Jobs.start`
 * creates every queue of APP_QUEUES at process start. `startAfter` defers it (deadlines, reminders).
 */
export async function sendInTx<N extends keyof AppJobs>(tx: Tx, name: N, data: AppJobs[N], opts: { startAfter?: Date } = {}): Promise<string | null> {
  const id = await composer.send(name, data, { db: transactionAdapter(tx), ...(opts.startAfter ? { startAfter: opts.startAfter } : {}) });
  afterCommit(() => announceSent(name, opts.startAfter));
  return id;
}

/**
 * Payloads of the jobs of one queue still waiting or running. Lets a module find its work that
 * lost its job, e.g. after a restore (backups leave the pgboss schema out).
 */
export async function pendingPayloads<N extends keyof AppJobs>(db: DbOrTx, name: N): Promise<AppJobs[N][]> {
  const result = (await db.execute(
    sql`select data from pgboss.job where name = ${name} and state in ('created', 'retry', 'active')`,
  )) as unknown as { rows: { data: AppJobs[N] }[] };
  return result.rows.map((r) => r.data);
}
