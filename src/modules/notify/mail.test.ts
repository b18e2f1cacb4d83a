import type { AddressInfo } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Agent, signIn } from '../../../test/helpers/agent.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { openContext } from '../../context.ts';
import { auditLog } from '../audit/schema.ts';
import { deliverMail, queueMail } from './mail.ts';
import { mailOutbox } from './schema.ts';

interface Received {
  to: string[];
  raw: string;
}

/** A local SMTP server on a random port that keeps every message it receives. */
async function startSmtp() {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { received, url: `smtp://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const rowOf = async (t: TestApp, id: string) => (await t.ctx.db.select().from(mailOutbox).where(eq(mailOutbox.id, id)))[0]!;
const waitFor = (check: () => Promise<void> | void) => vi.waitFor(check, { timeout: 20_000, interval: 100 });

describe('mail through SMTP', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let t: TestApp;
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp({ jobs: true, env: { SMTP_URL: smtp.url } });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('sends a mail queued in a committed transaction and marks it sent', async () => {
    const id = await t.ctx.db.transaction((tx) =>
      queueMail(tx, { to: 'zhang@example.com', subject: '备案申请已受理', body: 'Application received: ref-4711' }),
    );
    expect((await rowOf(t, id)).status).toBe('queued');
    await waitFor(() => expect(smtp.received.some((m) => m.raw.includes('ref-4711'))).toBe(true));
    expect(smtp.received.find((m) => m.raw.includes('ref-4711'))!.to).toEqual(['zhang@example.com']);
    await waitFor(async () => expect((await rowOf(t, id)).status).toBe('sent'));
    expect(await rowOf(t, id)).toMatchObject({ attempts: 1, lastError: null, sentAt: expect.any(Date) });
  });

  it('writes nothing and sends nothing when the caller’s transaction rolls back', async () => {
    await expect(
      t.ctx.db.transaction(async (tx) => {
        await queueMail(tx, { to: 'li@example.com', subject: 'never', body: 'rolled-back-0815' });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    const rows = await t.ctx.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, 'li@example.com'));
    expect(rows).toEqual([]);
    const jobs = await t.ctx.database.query<{ n: number }>(`select count(*)::int as n from pgboss.job where name = 'mail.send'`);
    const outbox = await t.ctx.database.query<{ n: number }>('select count(*)::int as n from mail_outbox');
    expect(jobs[0]!.n).toBe(outbox[0]!.n);
  });

  it('at start, sends mail held while SMTP was missing and queued mail that lost its job, each once', async () => {
    const [held] = await t.ctx.db
      .insert(mailOutbox)
      .values({ toAddress: 'wang@example.com', subject: 'held', body: 'held-while-offline-42', status: 'held' })
      .returning();
    // As after a restore: the outbox row came back, its job (pgboss schema) did not.
    const [orphan] = await t.ctx.db
      .insert(mailOutbox)
      .values({ toAddress: 'sun@example.com', subject: 'restored', body: 'restored-without-job-43', status: 'queued' })
      .returning();
    const second = await openContext(t.config, { database: t.ctx.database, jobs: { workers: true, pollingIntervalSeconds: 0.5 } });
    try {
      await waitFor(async () => expect((await rowOf(t, held!.id)).status).toBe('sent'));
      await waitFor(async () => expect((await rowOf(t, orphan!.id)).status).toBe('sent'));
      const jobs = await t.ctx.database.query<{ n: number }>(`select count(*)::int as n from pgboss.job where name = 'mail.send'`);
      const outbox = await t.ctx.database.query<{ n: number }>('select count(*)::int as n from mail_outbox');
      expect(jobs[0]!.n).toBe(outbox[0]!.n);
      expect(smtp.received.filter((m) => m.raw.includes('held-while-offline-42'))).toHaveLength(1);
      expect(smtp.received.filter((m) => m.raw.includes('restored-without-job-43'))).toHaveLength(1);
    } finally {
      await second.close();
    }
  });

  it('counts a failed attempt and keeps the error, leaving the mail queued for a retry; the last attempt marks it failed', async () => {
    const id = await t.ctx.db.transaction((tx) => queueMail(tx, { to: 'zhao@example.com', subject: 's', body: 'b' }));
    await waitFor(async () => expect((await rowOf(t, id)).status).toBe('sent'));
    // A sent mail is left alone when its job runs again.
    const unreachable = nodemailer.createTransport('smtp://127.0.0.1:1');
    await deliverMail(t.ctx.db, t.config.mailFrom, unreachable, id, { id: 'j', retryCount: 0, retryLimit: 7 });
    expect((await rowOf(t, id)).attempts).toBe(1);

    const [fresh] = await t.ctx.db.insert(mailOutbox).values({ toAddress: 'zhou@example.com', subject: 's', body: 'b' }).returning();
    await expect(deliverMail(t.ctx.db, t.config.mailFrom, unreachable, fresh!.id, { id: 'j', retryCount: 0, retryLimit: 7 })).rejects.toThrow();
    expect(await rowOf(t, fresh!.id)).toMatchObject({ status: 'queued', attempts: 1, lastError: expect.stringMatching(/ECONNREFUSED/) });
    await expect(deliverMail(t.ctx.db, t.config.mailFrom, unreachable, fresh!.id, { id: 'j', retryCount: 7, retryLimit: 7 })).rejects.toThrow();
    expect(await rowOf(t, fresh!.id)).toMatchObject({ status: 'failed', attempts: 2 });
  });
});

describe('mail without SMTP, and the outbox for the system admin', () => {
  let t: TestApp;
  let sysadmin: Agent;
  beforeAll(async () => {
    t = await createTestApp({ demo: true, jobs: true });
    sysadmin = await signIn(t.app, 'sysadmin');
  });
  afterAll(() => t.close());

  it('holds the mail and shows it to the system admin, filtered by status', async () => {
    const id = await t.ctx.db.transaction((tx) => queueMail(tx, { to: 'qian@example.com', subject: '账号已创建', body: 'secret-link' }));
    await waitFor(async () => expect((await rowOf(t, id)).status).toBe('held'));
    const res = await sysadmin.get('/api/admin/mail?status=held&page=1&pageSize=10');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ total: 1, page: 1, pageSize: 10 });
    expect(body.items[0]).toMatchObject({ id, to: 'qian@example.com', subject: '账号已创建', status: 'held', attempts: 0, lastError: null, sentAt: null });
    expect(res.body).not.toContain('secret-link');
    expect((await sysadmin.get('/api/admin/mail?status=sent')).json().total).toBe(0);
    expect((await sysadmin.get('/api/admin/mail?status=bogus')).statusCode).toBe(400);
  });

  it('refuses everyone but the system admin, changing nothing', async () => {
    const count = async () => (await t.ctx.db.select({ n: sql<number>`count(*)::int` }).from(auditLog))[0]!.n;
    const before = await count();
    const anon = new Agent(t.app);
    expect((await anon.get('/api/admin/mail')).statusCode).toBe(401);
    for (const username of ['secadmin', 'auditadmin', 'op_robot_admin', 'ln_admin']) {
      const res = await (await signIn(t.app, username)).get('/api/admin/mail');
      expect(res.statusCode).toBe(403);
    }
    // Each sign-in writes a row, and so does each refusal (access.denied); nothing else is written.
    const afterSignIns = await count();
    expect(afterSignIns - before).toBe(8);
  });
});
