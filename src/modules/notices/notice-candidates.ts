import type { Db } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import { fieldError } from '../../shared/errors.ts';
import type { SortOrder } from '../../shared/http/sorting.ts';
import { findCall } from '../calls/index.ts';
import { actsAtStage, AT_STAGES_SORTS, submissionsAtStagesPage, type AtStages, type AtStagesSort } from '../workflow/index.ts';

/** The columns the notice candidates sort by (a stage's worklist). */
export const NOTICE_CANDIDATE_SORTS = AT_STAGES_SORTS;

/**
 * One page of the applications of a call waiting at the notice stages the actor works (`stageKey`
 * only if given), for spaces in its jurisdiction, for the publish form: a fixed number of
 * statements whatever the page size. Stage authority beyond the jurisdiction (the organisation's
 * kind and level, the role) does not depend on the space, so it is decided once per stage at the
 * actor's root.
 */
export async function noticeCandidates(
  db: Db,
  actor: Actor,
  query: { callId: string; stageKey?: string | undefined; page: number; pageSize: number; sort?: AtStagesSort['sort']; order?: SortOrder | undefined },
) {
  const call = await findCall(db, query.callId);
  if (!call?.chain) throw fieldError('querystring.callId', '申报批次不存在或未配置审核流程', 'no such call, or it has no review chain');
  const root = actor.jurisdictionPath!;
  const stageKeys = call.chain.stages.filter((s) => s.kind === 'notice' && (!query.stageKey || s.key === query.stageKey) && actsAtStage(actor, s, { regionPath: root, callAuthorityId: call.authorityOrgId })).map((s) => s.key);
  const scope: AtStages = { callId: call.id, stageKeys, statuses: ['in_review'], jurisdictionPath: root };
  const { items, total } = await submissionsAtStagesPage(db, scope, query, query.page, query.pageSize);
  return {
    items: items.map((f) => ({
      applicationId: f.app.id,
      space: { id: f.space.id, name: f.space.name },
      operatorName: f.space.operator.name,
      regionName: f.space.regionName,
      call: { id: call.id, title: call.title },
      stage: { key: f.stage!.key, name: f.stage!.name, nameEn: f.stage!.nameEn },
      stageEnteredAt: f.app.stageEnteredAt,
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}
