import type { Db } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import { stageAfterIn } from '../../shared/chains.ts';
import { AppError, type FieldError } from '../../shared/errors.ts';
import type { AuditContext } from '../audit/index.ts';
import * as audit from '../audit/index.ts';
import {
  notifyApplicant,
  notifyStageWorkers,
  requireSubmissionFacts,
  transitionInTx,
} from '../workflow/index.ts';
import { fieldsError, loadOwn, notDraft, stale } from './access.ts';
import { can } from './policy.ts';
import { getBatch } from './read-batches.ts';
import * as repo from './repository.ts';

/**
 * The recommending organisation's admin sends the batch on: with the signed letter (and commitment
 * where the stage asks), in one transaction every application advances to the next stage, the batch
 * is marked sent, and the applicants and the next stage's workers are told. Of two concurrent sends
 * the second finds the batch sent (the row lock queues it) and gets 409.
 */
export async function sendBatch(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { revision: number }) {
  const l = await loadOwn(db, actor, id);
  if (!can(actor, 'recommendation.send', l.subject)) throw new AppError('FORBIDDEN');
  if (l.batch.status !== 'draft') throw notDraft();
  const missing: FieldError[] = [];
  if (!l.batch.letterFileId) missing.push({ field: 'letterFileId', message: '请先上传签字盖章的推荐函扫描件', messageEn: 'upload the signed and sealed letter first' });
  if (l.stage.documents?.includes('authority_commitment') && !l.batch.commitmentFileId)
    missing.push({ field: 'commitmentFileId', message: '请先上传盖章的主管部门信用承诺书扫描件', messageEn: 'upload the sealed authority commitment first' });
  if (missing.length) throw fieldsError('STATE_CONFLICT', missing);
  const next = stageAfterIn(l.call.chain!, l.stage.key)!;
  await db.transaction(async (tx) => {
    const locked = (await repo.lockById(tx, id))!;
    if (locked.status !== 'draft') throw notDraft();
    if (locked.revision !== input.revision) throw stale(locked.revision, input.revision);
    for (const f of l.facts) {
      try {
        await transitionInTx(tx, ctx, actor, f.app.id, { action: 'advance', atStage: l.stage.key, enterStage: next, detail: { recommendationId: id, letterNumber: locked.letterNumber } });
      } catch (err) {
        // Say which application moved on meanwhile (withdrawn, cancelled…): the batch must be edited.
        if (err instanceof AppError && (err.code === 'MOVED_ON' || err.code === 'STATE_CONFLICT'))
          throw new AppError(err.code, { zh: `“${f.space.name}”：${err.message}；请从批次中移除后再报送`, en: `"${f.space.name}": ${err.messageEn}; remove it from the batch and send again` });
        throw err;
      }
      const moved = (await requireSubmissionFacts(tx, f.app.id));
      await notifyApplicant(tx, moved, 'recommendation.sent');
      await notifyStageWorkers(tx, moved, next, 'stage.arrived');
    }
    await repo.update(tx, id, { status: 'sent', sentAt: new Date() });
    await audit.recordInTx(tx, ctx, {
      action: 'recommendation.send',
      objectType: 'recommendation',
      objectId: id,
      detail: { stageKey: l.stage.key, toStage: next.key, letterNumber: locked.letterNumber, applicationIds: l.facts.map((f) => f.app.id) },
    });
  });
  return getBatch(db, actor, id);
}
