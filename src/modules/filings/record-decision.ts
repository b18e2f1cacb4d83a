import type { Db } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import { violatedUniqueConstraint } from '../../shared/validation/unique-violation.ts';
import type { AuditContext } from '../audit/index.ts';
import * as audit from '../audit/index.ts';
import { alreadyDecided, checkChecklist, type DecisionInput, loadDecision, loadTarget, notAtStage, notPending, present } from './access.ts';
import * as repo from './repository.ts';

/** Records a pending decision on an application standing at the decision stage; released later with others. */
export async function recordDecision(db: Db, actor: Actor, ctx: AuditContext, input: DecisionInput & { applicationId: string; stageKey: string }) {
  const { facts, stage } = await loadTarget(db, actor, input.applicationId, input.stageKey, 'decision.record');
  const checklist = checkChecklist(stage, input.checklist);
  if (facts.app.status !== 'in_review' || facts.app.stageKey !== stage.key) throw notAtStage(facts, stage);
  try {
    const row = await db.transaction(async (tx) => {
      const d = await repo.insertDecision(tx, { applicationId: facts.app.id, callId: facts.app.callId, spaceId: facts.app.spaceId, stageKey: stage.key, outcome: input.outcome, reason: input.reason.trim(), checklist, decidedBy: actor.userId });
      await audit.recordInTx(tx, ctx, { action: 'decision.record', objectType: 'decision', objectId: d.id, detail: { applicationId: facts.app.id, stage: stage.key, outcome: d.outcome } });
      return d;
    });
    return present(row, facts.space);
  } catch (err) {
    if (violatedUniqueConstraint(err) === 'decisions_current_uq') throw alreadyDecided();
    throw err;
  }
}

/** Changes a pending decision (outcome, reason, checklist). */
export async function updateDecision(db: Db, actor: Actor, ctx: AuditContext, id: string, input: DecisionInput) {
  const { decision, facts, stage } = await loadDecision(db, actor, id, 'decision.record');
  const checklist = checkChecklist(stage, input.checklist);
  if (decision.status !== 'pending') throw notPending();
  const row = await db.transaction(async (tx) => {
    const d = await repo.updatePending(tx, id, { outcome: input.outcome, reason: input.reason.trim(), checklist, decidedBy: actor.userId, decidedAt: new Date() });
    if (!d) throw notPending();
    await audit.recordInTx(tx, ctx, { action: 'decision.update', objectType: 'decision', objectId: id, detail: { from: decision.outcome, to: d.outcome } });
    return d;
  });
  return present(row, facts.space);
}

/** Withdraws a pending decision: it was never published, so the row goes (the audit row keeps it). */
export async function withdrawDecision(db: Db, actor: Actor, ctx: AuditContext, id: string) {
  const { decision } = await loadDecision(db, actor, id, 'decision.record');
  if (decision.status !== 'pending') throw notPending();
  await db.transaction(async (tx) => {
    if (!(await repo.deletePending(tx, id))) throw notPending();
    await audit.recordInTx(tx, ctx, {
      action: 'decision.withdraw',
      objectType: 'decision',
      objectId: id,
      detail: { applicationId: decision.applicationId, stage: decision.stageKey, outcome: decision.outcome, reason: decision.reason },
    });
  });
}
