import type { Db } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import { stageAfterIn } from '../../shared/chains.ts';
import { submissionsAtStages } from '../workflow/index.ts';
import { inScope, loadStage, present } from './access.ts';
import { can } from './policy.ts';
import * as repo from './repository.ts';

/**
 * The applications of a call waiting at a decision stage the actor works, with the pending decision
 * recorded on each (if any) and the overall result of the criteria evaluation they were submitted with.
 */
export async function decisionCandidates(db: Db, actor: Actor, query: { callId: string; stageKey: string }) {
  const { call, stage } = await loadStage(db, actor, query.callId, query.stageKey, 'query.stageKey');
  const waiting = (await submissionsAtStages(db, query.callId, [stage.key], ['in_review'])).filter((f) => can(actor, 'decision.record', { stage, regionPath: f.space.regionPath }));
  const pending = waiting.length ? await repo.decisionsWhere(db, { stageKey: stage.key, applicationIds: waiting.map((f) => f.app.id), statuses: ['pending'] }) : [];
  const items = waiting.map((facts) => {
    const decision = pending.find((d) => d.applicationId === facts.app.id);
    return {
      applicationId: facts.app.id,
      space: { id: facts.space.id, name: facts.space.name, regionName: facts.space.regionName },
      operator: { id: facts.space.operator.id, name: facts.space.operator.name },
      stageEnteredAt: facts.app.stageEnteredAt,
      stageDueAt: facts.app.stageDueAt,
      evaluationOverall: (facts.app.evaluation?.overall as string | undefined) ?? null,
      decision: decision ? present(decision, facts) : null,
    };
  });
  return { stage: { key: stage.key, name: stage.name, nameEn: stage.nameEn, checklist: [...stage.checklist], final: !stageAfterIn(call.chain!, stage.key) }, items };
}

/** The decisions of the actor's stage in a call: pending ones on waiting applications, released and superseded ones on the stage's lists. */
export async function listDecisions(db: Db, actor: Actor, query: { callId: string; stageKey: string; status?: repo.DecisionRow['status'] | undefined }) {
  const { stage } = await loadStage(db, actor, query.callId, query.stageKey, 'query.stageKey');
  const rows: repo.DecisionRow[] = [];
  if (!query.status || query.status === 'pending') {
    const waiting = await submissionsAtStages(db, query.callId, [stage.key], ['in_review']);
    if (waiting.length) rows.push(...(await repo.decisionsWhere(db, { stageKey: stage.key, applicationIds: waiting.map((f) => f.app.id), statuses: ['pending'] })));
  }
  if (query.status !== 'pending') {
    const lists = await repo.listsOfStage(db, query.callId, stage.key);
    const statuses: repo.DecisionRow['status'][] = query.status ? [query.status] : ['released', 'superseded'];
    if (lists.length) rows.push(...(await repo.decisionsWhere(db, { stageKey: stage.key, listIds: lists.map((l) => l.id), statuses })));
  }
  return { items: await inScope(db, actor, stage, rows) };
}
