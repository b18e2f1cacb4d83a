import type { Db } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import { fieldError } from '../../shared/errors.ts';
import { findCall } from '../calls/index.ts';
import {
  submissionsAtStages,
} from '../workflow/index.ts';
import { publishRefusal } from './policy.ts';

/** Applications of a call waiting at a notice stage the actor works (at `stageKey` if given), for the publish form. */
export async function noticeCandidates(db: Db, actor: Actor, filter: { callId: string; stageKey?: string | undefined }) {
  const call = await findCall(db, filter.callId);
  if (!call?.chain) throw fieldError('querystring.callId', '申报批次不存在或未配置审核流程', 'no such call, or it has no review chain');
  const keys = call.chain
    .stages.filter((s) => s.kind === 'notice' && (!filter.stageKey || s.key === filter.stageKey))
    .map((s) => s.key);
  const waiting = await submissionsAtStages(db, call.id, keys, ['in_review']);
  return {
    items: waiting
      .filter((f) => publishRefusal(actor, f.stage!, f.space.regionPath) !== 'not_found')
      .map((f) => ({
        applicationId: f.app.id,
        space: { id: f.space.id, name: f.space.name },
        operatorName: f.space.operator.name,
        regionName: f.space.regionName,
        call: { id: call.id, title: call.title },
        stage: { key: f.stage!.key, name: f.stage!.name, nameEn: f.stage!.nameEn },
        stageEnteredAt: f.app.stageEnteredAt,
      })),
  };
}
