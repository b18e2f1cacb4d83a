import type { Db } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError } from '../../shared/errors.ts';
import type { AuditContext } from '../audit/index.ts';
import * as audit from '../audit/index.ts';
import { checkItems, type ItemInput, loadCall, loadItems, recommendStage } from './access.ts';
import { can } from './policy.ts';
import { getBatch } from './read-batches.ts';
import * as repo from './repository.ts';

export interface BatchInput {
  callId: string;
  stageKey: string;
  letterNumber?: string | null | undefined;
  items: ItemInput[];
}

/** A new draft batch of the actor's organisation for applications waiting at a recommend stage it works. */
export async function createBatch(db: Db, actor: Actor, ctx: AuditContext, input: BatchInput) {
  if (!can(actor, 'recommendation.prepare')) throw new AppError('FORBIDDEN');
  const call = await loadCall(db, input.callId);
  const stage = recommendStage(call, input.stageKey);
  checkItems(stage, input.items);
  const id = await db.transaction(async (tx) => {
    await repo.lockCall(tx, call.id);
    await loadItems(tx, actor, call, stage, input.items);
    const batch = await repo.insert(tx, { callId: call.id, stageKey: stage.key, recommenderOrgId: actor.org.id, letterNumber: input.letterNumber?.trim() || null, createdBy: actor.userId });
    await repo.replaceItems(tx, batch.id, input.items);
    await audit.recordInTx(tx, ctx, {
      action: 'recommendation.create',
      objectType: 'recommendation',
      objectId: batch.id,
      detail: { callId: call.id, stageKey: stage.key, applicationIds: input.items.map((i) => i.applicationId) },
    });
    return batch.id;
  });
  return getBatch(db, actor, id);
}
