import type { Transporter } from 'nodemailer';
import type { AppContext } from '../../app-context.ts';
import type { Db, Tx } from '../../db/client.ts';
import { AppError } from '../../shared/errors.ts';
import type { Actor } from '../../shared/actor.ts';
import { can } from '../../shared/admin-powers.ts';
import { pendingPayloads, sendInTx, type JobInfo } from '../jobs/index.ts';
import * as repo from './repository.ts';

export interface OutgoingMail {
  to: string;
  subject: string;
  /** Plain text. */
  body: string;
}

/** SMTP errors can be long (server banners, stack); the outbox keeps what an admin needs to act. */
const MAX_ERROR_CHARS = 1000;

/**
 * Writes the mail to the outbox inside the caller's transaction and enqueues its delivery there
 * too: no mail for a change that rolled back, no change without its mail. Delivery runs after
 * commit (see `deliverMail`).
 */
export async function queueMail(tx: Tx, mail: OutgoingMail): Promise<string> {
  // Exactly one bare address: a list or a display name from user input could add recipients.
  if (!/^[^\s@<>,;]+@[^\s@<>,;]+$/.test(mail.to)) throw new Error(`queueMail: not one plain address: ${JSON.stringify(mail.to)}`);
  const row = await repo.insertMail(tx, { toAddress: mail.to, subject: mail.subject, body: mail.body, status: 'queued' });
  await sendInTx(tx, 'mail.send', { outboxId: row.id });
  return row.id;
}

type Transport = Pick<Transporter, 'sendMail'>;

/**
 * The `mail.send` handler; safe to repeat (a sent or finally failed mail is left alone). Without
 * SMTP the mail is held for the system admin to see; a failure is counted and rethrown so that
 * pg-boss retries with backoff, and the last allowed attempt marks the mail failed.
 */
export async function deliverMail(db: Db, from: string, transport: Transport | null, outboxId: string, job: JobInfo): Promise<void> {
  const mail = await repo.findMail(db, outboxId);
  if (!mail || mail.status === 'sent' || mail.status === 'failed') return;
  if (!transport) {
    await repo.setMailStatus(db, mail.id, 'held');
    return;
  }
  try {
    await transport.sendMail({ from, to: mail.toAddress, subject: mail.subject, text: mail.body });
  } catch (err) {
    const message = (err instanceof Error ? err.message : String(err)).slice(0, MAX_ERROR_CHARS);
    await repo.recordMailFailure(db, mail.id, message, job.retryCount >= job.retryLimit);
    throw err;
  }
  await repo.markMailSent(db, mail.id, new Date());
}

/**
 * Gives a delivery job to every mail that should go out but has none: mail held while SMTP was
 * not configured, and queued mail whose job was lost (a restore leaves the job queue out). Runs
 * in one transaction, and pg-boss's own jobs are consulted, so a mail is not enqueued twice.
 */
async function enqueueStrandedMail(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await repo.releaseHeldMail(tx);
    const pending = new Set((await pendingPayloads(tx, 'mail.send')).map((p) => p.outboxId));
    for (const id of await repo.queuedMailIds(tx)) if (!pending.has(id)) await sendInTx(tx, 'mail.send', { outboxId: id });
  });
}

export async function startMailWorker(ctx: AppContext): Promise<void> {
  // Loaded only when mail goes out over SMTP: a server without SMTP (the demo) never holds nodemailer's 13 MiB.
  const transport = ctx.config.smtpUrl ? (await import('nodemailer')).default.createTransport(ctx.config.smtpUrl) : null;
  if (transport) await enqueueStrandedMail(ctx.db);
  await ctx.jobs.work('mail.send', (data, job) => deliverMail(ctx.db, ctx.config.mailFrom, transport, data.outboxId, job));
}

/** The outbox as the system admin sees it (bodies stay out: they may carry sign-in links). */
export async function listOutbox(db: Db, actor: Actor, filter: repo.Page & { status?: repo.MailStatus | undefined }) {
  if (!can(actor, 'mail.outbox.read')) throw new AppError('FORBIDDEN');
  const { items, total } = await repo.listMail(db, filter);
  return {
    items: items.map((m) => ({
      id: m.id,
      to: m.toAddress,
      subject: m.subject,
      status: m.status,
      attempts: m.attempts,
      lastError: m.lastError,
      createdAt: m.createdAt.toISOString(),
      sentAt: m.sentAt?.toISOString() ?? null,
    })),
    total,
    page: filter.page,
    pageSize: filter.pageSize,
  };
}
