/** Material slots: attaching and removing files. */
import type { Db } from '../../db/client.ts';
import { fieldError, notFound } from '../../shared/errors.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { authoriseFiles } from '../files/index.ts';
import type { Actor } from '../../shared/actor.ts';
import * as repo from './repository.ts';
import { loadInScope, lockEditable } from './access.ts';
import { SLOT_APPLICANT_COMMITMENT } from './profile.ts';
import { setSubmissionMetaInTx } from '../workflow/index.ts';

/** Puts one of the operator's own files into a material slot of the call. */
export async function attachFile(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { slotKey: string; fileId: string }) {
  const { call } = await loadInScope(db, actor, id, 'application.attach');
  if (!call.materialSlots.some((s) => s.key === input.slotKey))
    throw fieldError('body.slotKey', '本批次没有该材料项', 'the call has no such material slot');
  const [file] = await authoriseFiles(db, actor, 'file.attach', [input.fileId]);
  return db.transaction(async (tx) => {
    await lockEditable(tx, id);
    const row = await repo.insertAttachment(tx, {
      applicationId: id,
      slotKey: input.slotKey,
      fileId: file!.id,
      fileName: file!.originalName,
      sizeBytes: file!.sizeBytes,
      sha256: file!.sha256,
      addedBy: actor.userId,
      addedByName: actor.displayName,
    });
    await audit.recordInTx(tx, ctx, { action: 'application.attach', objectType: 'application', objectId: id, detail: { slotKey: input.slotKey, fileId: file!.id, sha256: file!.sha256 } });
    return row;
  });
}

/**
 * Removes a file from its slot. The confirmation of the commitment was given for the signed scan:
 * removing the last scan withdraws it, to be given again with the next upload.
 */
export async function detachFile(db: Db, actor: Actor, ctx: AuditContext, id: string, attachmentId: string) {
  await loadInScope(db, actor, id, 'application.attach');
  await db.transaction(async (tx) => {
    const row = await lockEditable(tx, id);
    const removed = await repo.deleteAttachment(tx, id, attachmentId);
    if (!removed) throw notFound({ zh: '附件不存在', en: 'No such attachment' });
    const unconfirm =
      removed.slotKey === SLOT_APPLICANT_COMMITMENT && !!row.commitmentConfirmedAt && !(await repo.attachments(tx, id)).some((a) => a.slotKey === SLOT_APPLICANT_COMMITMENT);
    if (unconfirm) await setSubmissionMetaInTx(tx, id, { commitmentConfirmedAt: null, commitmentConfirmedBy: null });
    await audit.recordInTx(tx, ctx, {
      action: 'application.detach',
      objectType: 'application',
      objectId: id,
      detail: { slotKey: removed.slotKey, fileId: removed.fileId, ...(unconfirm ? { commitmentUnconfirmed: true } : {}) },
    });
  });
}
