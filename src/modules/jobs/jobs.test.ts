import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../db/client.ts';
import { freshDatabase } from '../../../test/helpers/db.ts';
import { createJobs, sendInTx, type JobInfo, type Jobs } from './queue.ts';
import { APP_QUEUES, type AppJobs } from './queues.ts';

interface TestJobs {
  'test.echo': { n: number };
  'test.flaky': { n: number };
}

const kind = process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite';

let database: Database;
let drop: () => Promise<void>;
let jobs: Jobs<TestJobs>;

beforeAll(async () => {
  // As the owner: creating the test queues is DDL (a table per queue), which only migrations do.
  ({ database, drop } = await freshDatabase({ asOwner: true }));
  jobs = createJobs<TestJobs>(
    database,
    {
      'test.echo': { retryLimit: 0, retryDelaySeconds: 0, retryBackoff: false, expireInSeconds: 60 },
      'test.flaky': { retryLimit: 2, retryDelaySeconds: 0, retryBackoff: false, expireInSeconds: 60 },
    },
    { pollingIntervalSeconds: 0.5 },
  );
  await jobs.start();
});
afterAll(async () => {
  await jobs.stop();
  await drop();
});

const jobState = async (id: string) =>
  (await database.query<{ state: string }>('select state from pgboss.job where id = $1', [id]))[0]?.state;

describe(`durable jobs on ${kind}`, () => {
  it('runs a job sent to a queue and completes it', async () => {
    const seen: number[] = [];
    await jobs.work('test.echo', async (data) => {
      seen.push(data.n);
    });
    const id = await jobs.send('test.echo', { n: 42 });
    expect(id).toBeTruthy();
    await vi.waitFor(() => expect(seen).toEqual([42]), { timeout: 15_000, interval: 100 });
    await vi.waitFor(async () => expect(await jobState(id!)).toBe('completed'), { timeout: 15_000, interval: 100 });
  });

  it('retries a failing handler and tells it which attempt it is', async () => {
    const attempts: JobInfo[] = [];
    await jobs.work('test.flaky', async (_data, job) => {
      attempts.push(job);
      if (job.retryCount < 1) throw new Error('first attempt fails');
    });
    const id = await jobs.send('test.flaky', { n: 1 });
    await vi.waitFor(async () => expect(await jobState(id!)).toBe('completed'), { timeout: 15_000, interval: 100 });
    expect(attempts.map((a) => a.retryCount)).toEqual([0, 1]);
    expect(attempts[0]!.retryLimit).toBe(2);
  });

  it('enqueues inside a transaction: a rolled-back change leaves no job, a committed one does', async () => {
    const mailJobs = createJobs(database, APP_QUEUES);
    await mailJobs.start();
    const count = async () =>
      (await database.query<{ n: number }>(`select count(*)::int as n from pgboss.job where name = 'mail.send'`))[0]!.n;
    const before = await count();
    await expect(
      database.db.transaction(async (tx) => {
        await sendInTx(tx, 'mail.send', { outboxId: '00000000-0000-4000-8000-000000000001' });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await count()).toBe(before);
    const id = await database.db.transaction((tx) => sendInTx(tx, 'mail.send', { outboxId: '00000000-0000-4000-8000-000000000002' }));
    expect(id).toBeTruthy();
    const [job] = await database.query<{ data: { outboxId: string }; state: string }>('select data, state from pgboss.job where id = $1', [id]);
    expect(job).toEqual({ data: { outboxId: '00000000-0000-4000-8000-000000000002' }, state: 'created' });
    await mailJobs.stop();
  });

  it('a job this process commits wakes its worker, and a backlog drains, long before the next poll', async () => {
    // A minute between polls: only the wake-up on commit and the fetch after each job can run these.
    const woken = createJobs<AppJobs>(database, APP_QUEUES, { pollingIntervalSeconds: 60 });
    await woken.start();
    const seen: string[] = [];
    await woken.work('mail.send', async (data) => {
      seen.push(data.outboxId);
    });
    // The worker's first fetch, at start, has found nothing of these: the next is a minute away.
    await new Promise((r) => setTimeout(r, 1000));
    const ids = ['00000000-0000-4000-8000-0000000000a1', '00000000-0000-4000-8000-0000000000a2', '00000000-0000-4000-8000-0000000000a3'];
    try {
      await database.db.transaction(async (tx) => {
        for (const outboxId of ids.slice(0, 2)) await sendInTx(tx, 'mail.send', { outboxId });
      });
      await woken.send('mail.send', { outboxId: ids[2]! });
      await vi.waitFor(() => expect(seen).toEqual(expect.arrayContaining(ids)), { timeout: 15_000, interval: 100 });
    } finally {
      await woken.stop();
    }
  });

  it('installs its schema once: starting again on the same database is harmless', async () => {
    const again = createJobs<Pick<TestJobs, 'test.echo'>>(database, {
      'test.echo': { retryLimit: 0, retryDelaySeconds: 0, retryBackoff: false, expireInSeconds: 60 },
    });
    await again.start();
    await again.stop();
    expect(await jobs.send('test.echo', { n: 7 })).toBeTruthy();
  });
});
