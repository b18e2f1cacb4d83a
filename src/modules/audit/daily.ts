import type { AppContext } from '../../app-context.ts';
import { pendingPayloads, sendInTx } from '../jobs/index.ts';
import { appendCheckpointHistory } from './checkpoint.ts';
import { sealPending } from './service.ts';

/** UTC day of an instant, the daily job's payload (one job per day). */
const dayOf = (at: Date) => at.toISOString().slice(0, 10);
const startOfNextDay = (at: Date) => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() + 1));

/** Enqueues the next day's checkpoint unless it is already waiting (several processes start this). */
async function scheduleNext(ctx: AppContext, now: Date): Promise<void> {
  const next = startOfNextDay(now);
  await ctx.db.transaction(async (tx) => {
    const waiting = await pendingPayloads(tx, 'audit.checkpoint');
    if (!waiting.some((p) => p.day === dayOf(next))) await sendInTx(tx, 'audit.checkpoint', { day: dayOf(next) }, { startAfter: next });
  });
}

/**
 * The `audit.checkpoint` job, once a day: seals, appends the head to the checkpoint history under
 * the data dir and writes it to the log, so each day leaves a record of the chain's length and head
 * MAC outside the database. A repeated run only adds a line.
 */
export async function dailyCheckpoint(ctx: AppContext, day: string): Promise<void> {
  const { head } = await sealPending(ctx);
  if (head) {
    appendCheckpointHistory(ctx.config.dataDir, { ...head, event: `daily ${day}` });
    if (ctx.config.logLevel !== 'silent') console.info(JSON.stringify({ msg: 'audit daily checkpoint', day, rows: head.rows, hash: head.hash }));
  }
  await scheduleNext(ctx, new Date());
}

export async function startDailyCheckpoint(ctx: AppContext): Promise<void> {
  await ctx.jobs.work('audit.checkpoint', (data) => dailyCheckpoint(ctx, data.day));
  await scheduleNext(ctx, new Date());
}
