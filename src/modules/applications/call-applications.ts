/** The applications a call received, state by state, for the authorities over the call (the call's detail page). */
import type { Db } from '../../db/client.ts';
import { notFound } from '../../shared/errors.ts';
import type { Actor } from '../../shared/actor.ts';
import { APPLICATION_STATUSES, type ApplicationStatus } from '../../shared/domain.ts';
import { canCall, findCallForActor } from '../calls/index.ts';
import { findSpacesByIds } from '../spaces/index.ts';
import { stagePresent } from './access.ts';
import * as repo from './repository.ts';

const NOT_FOUND = { zh: '申报批次不存在', en: 'No such call' };

/**
 * The count of the call's applications in every state and one page of them (in one state, or all),
 * each with its space, operator, region and stage: five queries whatever the page size (the call,
 * the counts, the page and its total, the spaces with their operators and hosts). Out of the
 * actor's jurisdiction the call does not exist (404).
 */
export async function applicationsOfCall(db: Db, actor: Actor, callId: string, query: repo.ApplicationSort & { status?: ApplicationStatus | undefined; page: number; pageSize: number }) {
  const call = await findCallForActor(db, actor, callId);
  if (!canCall(actor, 'call.applications.read', call)) throw notFound(NOT_FOUND);
  const [counted, page] = await Promise.all([repo.countByStatusOfCall(db, callId), repo.pageOfCall(db, callId, query.status, query, query.page, query.pageSize)]);
  const spaces = new Map((await findSpacesByIds(db, [...new Set(page.items.map((a) => a.spaceId))])).map((s) => [s.id, s]));
  const byStatus = new Map(counted.map((c) => [c.status, c.n]));
  return {
    counts: APPLICATION_STATUSES.map((status) => ({ status, count: byStatus.get(status) ?? 0 })),
    items: page.items.map((a) => {
      const space = spaces.get(a.spaceId);
      return {
        id: a.id,
        status: a.status,
        space: { id: a.spaceId, name: space?.name ?? '' },
        operatorName: space?.operator.name ?? '',
        regionName: space?.regionName ?? '',
        stage: stagePresent(call.chain, a),
        round: a.round,
        submittedAt: a.submittedAt,
        updatedAt: a.updatedAt,
      };
    }),
    total: page.total,
    page: query.page,
    pageSize: query.pageSize,
  };
}
