import type { Db } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError, fieldError } from '../../shared/errors.ts';
import type { AuditContext } from '../audit/index.ts';
import * as audit from '../audit/index.ts';
import { authoriseFiles } from '../files/index.ts';
import { checkItems, type ItemInput, loadItems, loadOwn, notDraft, stale } from './access.ts';
import { can } from './policy.ts';
import { getBatch } from './read-batches.ts';
import * as repo from './repository.ts';

/** Changes a draft: its 文号 and/or its applications (replaced whole, in ranking order). Stale revision → 409. */
export async function updateBatch(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { revision: number; letterNumber?: string | null | undefined; items?: ItemInput[] | undefined }) {
  const l = await loadOwn(db, actor, id);
  if (l.batch.status !== 'draft') throw notDraft();
  if (!can(actor, 'recommendation.prepare', l.subject)) throw new AppError('FORBIDDEN');
  if (input.items) checkItems(l.stage, input.items);
  await db.transaction(async (tx) => {
    await repo.lockCall(tx, l.call.id);
    const locked = (await repo.lockById(tx, id))!;
    if (locked.status !== 'draft') throw notDraft();
    if (locked.revision !== input.revision) throw stale(locked.revision, input.revision);
    if (input.items) {
      await loadItems(tx, actor, l.call, l.stage, input.items, id);
      await repo.replaceItems(tx, id, input.items);
    }
    const letterNumber = input.letterNumber === undefined ? locked.letterNumber : input.letterNumber?.trim() || null;
    await repo.update(tx, id, { letterNumber });
    await audit.recordInTx(tx, ctx, {
      action: 'recommendation.update',
      objectType: 'recommendation',
      objectId: id,
      detail: { letterNumber, ...(input.items ? { applicationIds: input.items.map((i) => i.applicationId) } : {}) },
    });
  });
  return getBatch(db, actor, id);
}

/** Links the signed and sealed scans (uploaded first through POST /api/files by the actor's organisation). */
export async function attachDocuments(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { letterFileId?: string | undefined; commitmentFileId?: string | undefined }) {
  const l = await loadOwn(db, actor, id);
  if (!input.letterFileId && !input.commitmentFileId) throw fieldError('body', '请至少提供推荐函或信用承诺书的扫描件', 'give the letter scan, the commitment scan or both');
  if (input.commitmentFileId && !l.stage.documents?.includes('authority_commitment'))
    throw fieldError('body.commitmentFileId', '本推荐环节不需要主管部门信用承诺书', 'this stage takes no authority commitment');
  if (l.batch.status !== 'draft') throw notDraft();
  if (!can(actor, 'recommendation.prepare', l.subject)) throw new AppError('FORBIDDEN');
  const files = await authoriseFiles(db, actor, 'file.attach', [input.letterFileId, input.commitmentFileId].filter((f): f is string => !!f));
  await db.transaction(async (tx) => {
    const locked = (await repo.lockById(tx, id))!;
    if (locked.status !== 'draft') throw notDraft();
    await repo.update(tx, id, { ...(input.letterFileId ? { letterFileId: input.letterFileId } : {}), ...(input.commitmentFileId ? { commitmentFileId: input.commitmentFileId } : {}) });
    await audit.recordInTx(tx, ctx, {
      action: 'recommendation.documents',
      objectType: 'recommendation',
      objectId: id,
      detail: { ...input, sha256: files.map((f) => f.sha256) },
    });
  });
  return getBatch(db, actor, id);
}
