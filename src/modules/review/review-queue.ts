import type { Db } from '../../db/client.ts';
import { type Actor } from '../../shared/actor.ts';
import { WAITING_STATUSES } from '../../shared/domain.ts';
import { AppError } from '../../shared/errors.ts';
import type { SortOrder } from '../../shared/http/sorting.ts';
import { publishedChainIdsAround } from '../calls/index.ts';
import { chainsInUse, ownCallsOnly, stagesWorkedBy, worksStages } from '../workflow/index.ts';
import { checklistOf, overdue } from './access.ts';
import * as repo from './repository.ts';

/** The columns the queue sorts by. */
export const QUEUE_SORTS = repo.QUEUE_SORTS;

/** The states in which an application waits for some stage's work. */
export const QUEUE_STATUSES = WAITING_STATUSES;

export interface QueueQuery {
  callId?: string | undefined;
  stageKey?: string | undefined;
  status?: (typeof QUEUE_STATUSES)[number] | undefined;
  q?: string | undefined;
  sort?: repo.QueueSortKey | undefined;
  order?: SortOrder | undefined;
  page: number;
  pageSize: number;
}

/** The applications at the stages the actor works, in its jurisdiction, soonest due first. */
export async function reviewQueue(db: Db, actor: Actor, query: QueueQuery) {
  if (!worksStages(actor)) throw new AppError('FORBIDDEN');
  const [worked, chainsAround] = await Promise.all([chainsInUse(db).then((chains) => stagesWorkedBy(actor, chains)), publishedChainIdsAround(db, actor.jurisdictionPath!)]);
  const { items, total, calls } = await repo.queue(db, {
    jurisdictionPath: actor.jurisdictionPath!,
    stages: worked.map((w) => ({ chainId: w.chain.id, stageKey: w.stage.key, callAuthorityId: ownCallsOnly(w.stage) ? actor.org.id : undefined })),
    statuses: query.status ? [query.status] : QUEUE_STATUSES,
    callId: query.callId,
    stageKey: query.stageKey,
    q: query.q?.trim() || undefined,
    sort: { sort: query.sort, order: query.order },
    page: query.page,
    pageSize: query.pageSize,
  });
  const now = new Date();
  // The stage filter offers the stages of the calls in the actor's jurisdiction only: a Shenyang
  // reviewer works county and city stages of any chain, but only Liaoning's calls are its own. The
  // stages worked are decided at the actor's root, and every published call around that root is in
  // its jurisdiction or holds it, so the worked stages of those calls' chains are exactly them.
  const around = new Set(chainsAround);
  const ownStages = new Map(worked.filter((w) => around.has(w.chain.id)).map((w) => [w.stage.key, w.stage]));
  const byPair = new Map(worked.map((w) => [`${w.chain.id}/${w.stage.key}`, w.stage]));
  return {
    items: items.map((r) => {
      // The queue matched (chain, stage) pairs the actor works, so the stage is one of them.
      const stage = byPair.get(`${r.call.chainId}/${r.stageKey}`)!;
      return {
        id: r.id,
        status: r.status,
        round: r.round,
        call: { id: r.call.id, title: r.call.title },
        space: r.space,
        operator: r.operator,
        stage: { key: stage.key, kind: stage.kind, name: stage.name, nameEn: stage.nameEn, enteredAt: r.stageEnteredAt, dueAt: r.stageDueAt, overdue: overdue(r.stageDueAt, r.status, now) },
        evaluationOverall: r.overall,
      };
    }),
    total,
    page: query.page,
    pageSize: query.pageSize,
    calls,
    /** The stages the actor works, for the queue's stage filter (one entry per key). */
    stages: [...ownStages.values()].map((s) => ({ key: s.key, kind: s.kind, name: s.name, nameEn: s.nameEn, checklist: checklistOf(s) })),
  };
}
