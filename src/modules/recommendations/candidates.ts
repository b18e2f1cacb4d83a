import type { Db } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import {
  actsAtStage,
  stagesWorkedBy,
  submissionsAtStages,
} from '../workflow/index.ts';
import { applicationLine, CANDIDATE_STATUSES, loadCall } from './access.ts';
import * as repo from './repository.ts';

/** The applications waiting at a recommend stage the actor works, with the batch holding each (if any). */
export async function listCandidates(db: Db, actor: Actor, callId: string) {
  const call = await loadCall(db, callId, 'query.callId');
  const stages = stagesWorkedBy(actor, call.chain ? [call.chain] : [])
    .filter((w) => w.stage.kind === 'recommend')
    .map((w) => w.stage);
  const facts = (await submissionsAtStages(db, call.id, stages.map((s) => s.key), CANDIDATE_STATUSES)).filter((f) => actsAtStage(actor, f.stage!, { regionPath: f.space.regionPath, callAuthorityId: f.call.authorityOrgId }));
  const held = new Map((await repo.holdingBatches(db, facts.map((f) => f.app.id))).map((h) => [h.applicationId, h]));
  return {
    call: { id: call.id, title: call.title, year: call.year },
    stages: stages.map((s) => ({ key: s.key, name: s.name, nameEn: s.nameEn, checklist: [...s.checklist], documents: [...(s.documents ?? [])] })),
    items: facts.map((f) => {
      const h = held.get(f.app.id);
      return { ...applicationLine(f), stageEnteredAt: f.app.stageEnteredAt, stageDueAt: f.app.stageDueAt, batch: h ? { id: h.recommendationId, status: h.status } : null };
    }),
  };
}
