import type { Db } from '../../db/client.ts';
import { type Actor } from '../../shared/actor.ts';
import { AppError, fieldError } from '../../shared/errors.ts';
import type { AuditContext } from '../audit/index.ts';
import { accessibleIds } from '../workflow/index.ts';
import { authorise, checkChecklist } from './access.ts';
import { type PassInput, passInTx, refuseProblems, requireScoring } from './pass-stage.ts';

export interface BulkPassInput extends PassInput {
  callId: string;
  applicationIds: string[];
  expectedCount: number;
}

/**
 * Passes many applications of one call at one stage with the same checklist, all or nothing: the
 * count the reviewer confirmed must match, and every id must be in scope and at that stage.
 */
export async function bulkPass(db: Db, actor: Actor, ctx: AuditContext, input: BulkPassInput) {
  if (input.expectedCount !== input.applicationIds.length)
    throw fieldError('body.expectedCount', `确认的数量（${input.expectedCount}）与所选申请数量（${input.applicationIds.length}）不一致，未执行`, `the confirmed count (${input.expectedCount}) differs from the ${input.applicationIds.length} ids sent; nothing was done`);
  const dup = input.applicationIds.findIndex((id, i) => input.applicationIds.indexOf(id) !== i);
  if (dup >= 0) throw fieldError(`body.applicationIds.${dup}`, '申请编号重复', 'the id is listed twice');
  const { accessible: facts, refused: outside } = await accessibleIds(db, actor, input.applicationIds, { callId: input.callId, stageKey: input.stageKey });
  if (outside.length)
    throw new AppError('MOVED_ON', {
      zh: `以下申请不在你的办理范围内或不在该批次的“${input.stageKey}”环节，全部未执行：${outside.join('、')}`,
      en: `These applications are not yours to work or not at stage "${input.stageKey}" of the call; nothing was done: ${outside.join(', ')}`,
      details: { ids: outside },
    });
  const stage = authorise(actor, facts[0]!, input.stageKey, 'pass');
  checkChecklist(stage, input.checklist);
  refuseProblems(stage, input.checklist);
  const scoring = await requireScoring(db, input.applicationIds, stage);
  await db.transaction(async (tx) => {
    for (const f of facts) await passInTx(tx, ctx, actor, f, stage, input, { bulk: input.applicationIds.length, ...(scoring[f.app.id] ? { scoring: scoring[f.app.id] } : {}) });
  });
  return { passed: input.applicationIds.length, ids: input.applicationIds };
}
