import type { Db } from '../../db/client.ts';
import { type Actor } from '../../shared/actor.ts';
import { fieldError } from '../../shared/errors.ts';
import type { AuditContext } from '../audit/index.ts';
import {
  markStageReminderInTx,
  notifyStageWorkers,
  requireSubmissionFacts,
  setStageDueInTx,
} from '../workflow/index.ts';
import { STAGE_RUNNING, authorise, loadForReview } from './access.ts';
import { getStageWork } from './stage-work.ts';

/** The stage authority's admin sets a new due date for the application's current stage (audited). */
export async function setStageDue(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { dueAt: string; reason: string }) {
  const facts = await loadForReview(db, actor, id);
  const stage = authorise(actor, facts, facts.stage.key, 'extend_stage');
  const dueAt = new Date(input.dueAt);
  if (dueAt <= new Date()) throw fieldError('body.dueAt', '办理期限须晚于当前时间', 'must be later than now');
  await db.transaction((tx) => setStageDueInTx(tx, ctx, actor, id, { atStage: stage.key, dueAt, reason: input.reason }));
  return getStageWork(db, actor, id);
}

/**
 * The `review.stage_due` job: reminds the stage's workers that the stage is due. Stale (nothing
 * sent) when the application moved on, left the running states or got another due date; sent once
 * however often the job runs.
 */
export async function remindStageDue(db: Db, data: { applicationId: string; stageKey: string; dueAt: string }): Promise<'sent' | 'stale'> {
  return db.transaction(async (tx) => {
    const marked = await markStageReminderInTx(tx, data.applicationId, { stageKey: data.stageKey, dueAt: data.dueAt, statuses: STAGE_RUNNING });
    if (!marked) return 'stale';
    const facts = (await requireSubmissionFacts(tx, data.applicationId));
    await notifyStageWorkers(tx, facts, facts.stage!, 'stage.due');
    return 'sent';
  });
}
