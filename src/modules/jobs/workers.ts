import type { AppContext } from '../../app-context.ts';
import { startSweepWorker } from '../files/sweep.ts';
import { startDailyCheckpoint } from '../audit/daily.ts';
import { startMailWorker } from '../notify/mail.ts';
import { concludeNoticeJob } from '../notices/service.ts';
import { remindStageDue } from '../review/service.ts';

/** Every queue's worker; the server starts them with the context (tests may leave them off). */
export async function startWorkers(ctx: AppContext): Promise<void> {
  await startMailWorker(ctx);
  await ctx.jobs.work('notice.conclude', (data) => concludeNoticeJob(ctx.db, data));
  await ctx.jobs.work('review.stage_due', async (data) => void (await remindStageDue(ctx.db, data)));
  await startSweepWorker(ctx);
  await startDailyCheckpoint(ctx);
}
