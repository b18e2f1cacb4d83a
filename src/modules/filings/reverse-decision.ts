import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import { stageAfterIn } from '../../shared/chains.ts';
import { AppError } from '../../shared/errors.ts';
import type { AuditContext } from '../audit/index.ts';
import * as audit from '../audit/index.ts';
import { notifyApplicant, notifyStageWorkers, requireSubmissionFacts, STATUS_NAMES, submissionKind, transitionInTx } from '../workflow/index.ts';
import { loadDecision, present } from './access.ts';
import { listEntry, noteOf } from './release-decisions.ts';
import * as repo from './repository.ts';

/**
 * Reverses a released decision (the admin, with a reason): a new released decision with the other
 * outcome supersedes it, the application, the filing and the list entry follow, and the applicant
 * gets one notice. At a selection stage an approval can only be taken back while the application
 * still waits, untouched, at the next stage.
 */
export async function reverseDecision(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { reason: string }) {
  const { facts, stage } = await loadDecision(db, actor, id, 'decision.reverse');
  const reason = input.reason.trim();
  const next = stageAfterIn(facts.chain!, stage.key);
  const newId = await db.transaction(async (tx) => {
    const [decision] = await repo.lockDecisions(tx, [id]);
    if (decision!.status !== 'released')
      throw new AppError('STATE_CONFLICT', { zh: '只能更正已发布且未被更正的审定意见', en: 'Only a released decision that was not reversed yet can be reversed' });
    const list = (await repo.findList(tx, decision!.listId!))!;
    const outcome = decision!.outcome === 'approve' ? 'reject' : 'approve';
    const now = new Date();
    const req = { auditAction: 'decision.reverse', note: reason, detail: { decisionId: id, listId: list.id } };
    if (outcome === 'reject') {
      if (next) {
        const current = (await requireSubmissionFacts(tx, facts.app.id));
        if (current.app.status !== 'in_review' || current.app.stageKey !== next.key)
          throw new AppError('MOVED_ON', {
            zh: `申请已进入后续办理（当前状态“${STATUS_NAMES[current.app.status].zh}”${current.stage ? `，“${current.stage.name}”环节` : ''}），不能再更正本环节的推荐结果`,
            en: 'The application has moved on past the next stage; the selection can no longer be reversed',
          });
        await transitionInTx(tx, ctx, actor, facts.app.id, { action: 'reject', atStage: next.key, ...req });
      } else {
        await transitionInTx(tx, ctx, actor, facts.app.id, { action: 'revoke', atStage: stage.key, ...req });
        await submissionKind(facts.app.kind).revokedInTx?.(tx, ctx, { facts, reason, at: now });
      }
      const entry = await repo.entryOn(tx, list.id, facts.app.id);
      if (entry) await repo.setEntry(tx, entry.id, { status: 'removed', removedReason: reason, changedAt: now });
    } else if (next) {
      // Rejected at the release (still at this stage) or by reversing the selection (at the next stage).
      const current = (await requireSubmissionFacts(tx, facts.app.id));
      const atStage = current.app.stageKey === next.key ? next.key : stage.key;
      await transitionInTx(tx, ctx, actor, facts.app.id, { action: 'reinstate', atStage, enterStage: next, ...req });
      await listEntry(tx, list.id, facts);
      await notifyStageWorkers(tx, (await requireSubmissionFacts(tx, facts.app.id)), next, 'stage.arrived');
    } else {
      await transitionInTx(tx, ctx, actor, facts.app.id, { action: 'file', atStage: stage.key, ...req });
      await listEntry(tx, list.id, facts);
      await submissionKind(facts.app.kind).approvedInTx?.(tx, ctx, { facts, listId: list.id, level: list.level, stage, actor });
    }
    // The old row leaves the "current" unique index before the new one enters it.
    const created = randomUUID();
    await repo.supersede(tx, id, created);
    await repo.insertDecision(tx, { id: created, applicationId: facts.app.id, callId: facts.app.callId, spaceId: facts.app.spaceId, stageKey: stage.key, outcome, reason, status: 'released', listId: list.id, decidedBy: actor.userId, decidedAt: now, releasedAt: now });
    await notifyApplicant(tx, facts, 'decision.reversed', { list: list.title, note: noteOf(facts.app.kind, outcome, !next, reason) });
    await audit.recordInTx(tx, ctx, { action: 'decision.reverse', objectType: 'decision', objectId: created, detail: { supersedes: id, applicationId: facts.app.id, stage: stage.key, outcome, listId: list.id } });
    return created;
  });
  return present((await repo.findDecision(db, newId))!, (await requireSubmissionFacts(db, facts.app.id)).space);
}
