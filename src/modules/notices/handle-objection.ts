import type { Db } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import * as audit from '../audit/index.ts';
import { type AuditContext } from '../audit/index.ts';
import {
  notifyApplicant,
  requireSubmissionFacts,
  transitionInTx,
} from '../workflow/index.ts';
import { loadInScope } from './access.ts';
import { settleInTx } from './conclude-notice.ts';
import { getNotice } from './read-notices.ts';
import * as repo from './repository.ts';

// ---- the authority decides: objections, conclusion ---------------------------------------------

export interface HandleInput {
  result: 'upheld' | 'dismissed';
  investigationNote: string;
  reason: string;
}

/**
 * The authority admin records the investigation of an objection. Upheld: the entry is blocked and
 * its application rejected (DESIGN §4: "objections upheld during a public notice block the
 * recommendation"), the applicant told why. Dismissed: recorded; after the notice's end the entry
 * moves on at once when nothing else holds it.
 */
export async function handleObjection(db: Db, actor: Actor, ctx: AuditContext, id: string, objectionId: string, input: HandleInput) {
  await loadInScope(db, actor, id, 'notice.handle');
  await db.transaction(async (tx) => {
    const notice = (await repo.lockNotice(tx, id))!;
    const objection = await repo.findObjection(tx, id, objectionId);
    if (!objection) throw notFound({ zh: '异议不存在', en: 'No such objection' });
    const handled = await repo.handleIfOpen(tx, objection.id, {
      status: input.result,
      investigationNote: input.investigationNote,
      resultReason: input.reason,
      handledBy: actor.userId,
      handledAt: new Date(),
    });
    if (!handled)
      throw new AppError('STATE_CONFLICT', {
        zh: `该异议已处理（${objection.status === 'upheld' ? '异议成立' : '异议不成立'}），不能重复处理`,
        en: `The objection was already handled (${objection.status})`,
      });
    await audit.recordInTx(tx, ctx, { action: 'notice.objection.handle', objectType: 'objection', objectId: objection.id, detail: { noticeId: id, result: input.result } });
    const entry = (await repo.findEntry(tx, id, objection.entryId))!;
    if (input.result === 'upheld' && entry.outcome === 'pending') {
      await repo.setOutcome(tx, entry.id, 'blocked');
      await transitionInTx(tx, ctx, actor, entry.applicationId, { action: 'block', atStage: notice.stageKey, note: input.reason, detail: { noticeId: id, objectionId: objection.id } });
      await notifyApplicant(tx, (await requireSubmissionFacts(tx, entry.applicationId)), 'notice.blocked', { note: input.reason });
    }
    if (new Date() >= notice.endsAt) await settleInTx(tx, ctx, actor, notice);
  });
  return getNotice(db, actor, id);
}
