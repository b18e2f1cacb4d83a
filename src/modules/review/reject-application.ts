import type { Db } from '../../db/client.ts';
import { type Actor } from '../../shared/actor.ts';
import type { AuditContext } from '../audit/index.ts';
import {
  notifyApplicant,
  transitionInTx,
} from '../workflow/index.ts';
import { authorise, loadForReview } from './access.ts';
import * as repo from './repository.ts';
import { getStageWork } from './stage-work.ts';

/** Rejects the application at its current review or expert stage, with the reason. */
export async function rejectApplication(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { stageKey: string; note: string }) {
  const facts = await loadForReview(db, actor, id);
  const stage = authorise(actor, facts, input.stageKey, 'reject');
  await db.transaction(async (tx) => {
    const { from, to } = await transitionInTx(tx, ctx, actor, id, { action: 'reject', atStage: stage.key, auditAction: 'review.reject', note: input.note });
    await repo.insertReview(tx, { applicationId: id, stageKey: stage.key, round: from.round, outcome: 'reject', checklist: [], note: input.note, reviewerUserId: actor.userId, reviewerOrgId: actor.org.id });
    await notifyApplicant(tx, { ...facts, app: to }, 'stage.rejected', { stage: stage.name, note: input.note });
  });
  return getStageWork(db, actor, id);
}
