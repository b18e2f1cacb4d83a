import type { Db } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import { stageAfterIn } from '../../shared/chains.ts';
import type { SortOrder } from '../../shared/http/sorting.ts';
import { AT_STAGES_SORTS, submissionsAtStagesPage, type AtStagesSort } from '../workflow/index.ts';
import { loadStage, present } from './access.ts';
import * as repo from './repository.ts';

/** The columns the decision candidates sort by (a stage's worklist). */
export const CANDIDATE_SORTS = AT_STAGES_SORTS;
export const DECISION_SORTS = repo.DECISION_SORTS;

interface Paging {
  page: number;
  pageSize: number;
  order?: SortOrder | undefined;
}

/**
 * One page of the applications of a call waiting at a decision stage the actor works, with the
 * pending decision recorded on each (if any) and the overall result of the criteria evaluation they
 * were submitted with; `pending` counts the pending decisions of the whole stage (what a release of
 * "all" publishes). A fixed number of statements whatever the page size.
 */
export async function decisionCandidates(db: Db, actor: Actor, query: Paging & { callId: string; stageKey: string; sort?: AtStagesSort['sort'] }) {
  const { call, stage } = await loadStage(db, actor, query.callId, query.stageKey, 'query.stageKey');
  const scope = { callId: call.id, stageKey: stage.key, jurisdictionPath: actor.jurisdictionPath! };
  const [{ items: waiting, total }, pendingCount] = await Promise.all([
    submissionsAtStagesPage(db, { ...scope, stageKeys: [stage.key], statuses: ['in_review'] }, query, query.page, query.pageSize),
    repo.countPendingAtStage(db, scope),
  ]);
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
      decision: decision ? present(decision, facts.space) : null,
    };
  });
  return {
    stage: { key: stage.key, name: stage.name, nameEn: stage.nameEn, checklist: [...stage.checklist], final: !stageAfterIn(call.chain!, stage.key) },
    items,
    total,
    page: query.page,
    pageSize: query.pageSize,
    pending: pendingCount,
  };
}

/**
 * One page of the decisions of the actor's stage in a call: pending ones on waiting applications,
 * released and superseded ones on the stage's lists. Two statements after the stage check.
 */
export async function listDecisions(db: Db, actor: Actor, query: Paging & { callId: string; stageKey: string; status?: repo.DecisionRow['status'] | undefined; sort?: repo.DecisionSort['sort'] }) {
  const { call, stage } = await loadStage(db, actor, query.callId, query.stageKey, 'query.stageKey');
  const statuses: repo.DecisionRow['status'][] = query.status ? [query.status] : ['pending', 'released', 'superseded'];
  const { items, total } = await repo.decisionsPage(db, { callId: call.id, stageKey: stage.key, jurisdictionPath: actor.jurisdictionPath!, statuses }, query, query.page, query.pageSize);
  return { items: items.map((r) => present(r.decision, { ...r.space, operator: r.operator })), total, page: query.page, pageSize: query.pageSize };
}
