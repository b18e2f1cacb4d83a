import type { Db } from '../../db/client.ts';
import { type Actor } from '../../shared/actor.ts';
import { fieldError } from '../../shared/errors.ts';
import type { AuditContext } from '../audit/index.ts';
import { shanghaiDateTime } from '../documents/index.ts';
import { notifyReviser, reviserLabel, transitionInTx } from '../workflow/index.ts';
import { authorise, loadForReview } from './access.ts';
import * as repo from './repository.ts';
import { getStageWork } from './stage-work.ts';

export interface ReturnInput {
  stageKey: string;
  note: string;
  itemComments: { field: string; comment: string }[];
  resubmitDueAt: string;
}

/** Returns the submission to whoever revises it (the applicant, or whom its kind names) with comments per item and a resubmission date. */
export async function returnForRevision(db: Db, actor: Actor, ctx: AuditContext, id: string, input: ReturnInput) {
  const facts = await loadForReview(db, actor, id);
  const stage = authorise(actor, facts, input.stageKey, 'return');
  const due = new Date(input.resubmitDueAt);
  if (due <= new Date()) throw fieldError('body.resubmitDueAt', '重新提交期限须晚于当前时间', 'must be later than now');
  await db.transaction(async (tx) => {
    const { from, to } = await transitionInTx(tx, ctx, actor, id, {
      action: 'return',
      atStage: stage.key,
      patch: { resubmitDueAt: due },
      auditAction: 'review.return',
      note: input.note,
      detail: { itemComments: input.itemComments, resubmitDueAt: due.toISOString(), returnedTo: reviserLabel(facts.app.kind).zh },
    });
    await repo.insertReview(tx, {
      applicationId: id,
      stageKey: stage.key,
      round: from.round,
      outcome: 'return',
      checklist: [],
      note: input.note,
      itemComments: input.itemComments,
      resubmitDueAt: due,
      reviewerUserId: actor.userId,
      reviewerOrgId: actor.org.id,
    });
    await notifyReviser(tx, { ...facts, app: to }, 'stage.returned', { stage: stage.name, note: input.note, due: shanghaiDateTime(due) });
  });
  return getStageWork(db, actor, id);
}
