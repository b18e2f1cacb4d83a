/** The applicant's credit commitment (001 附件4): the prefilled letter, its signed scan and its confirmation. */
import type { Db } from '../../db/client.ts';
import { fieldError } from '../../shared/errors.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import type { Actor } from '../../shared/actor.ts';
import { recordSubmissionEventInTx, setSubmissionMetaInTx } from '../workflow/index.ts';
import { commitmentDocx } from './documents.ts';
import { loadInScope, lockEditable, present } from './access.ts';
import { SLOT_APPLICANT_COMMITMENT } from './profile.ts';
import * as repo from './repository.ts';

/** 申报单位信用承诺书 (001 附件4) worded for the call's level and authority, for signing and sealing; the download is audited. */
export async function commitmentDocument(db: Db, actor: Actor, ctx: AuditContext, id: string) {
  const { call, space } = await loadInScope(db, actor, id, 'application.read');
  const buffer = await commitmentDocx({
    operatorName: space.operator.name,
    spaceName: space.name,
    call: { title: call.title, level: call.level, authorityName: call.authorityName, category: space.category },
  });
  await audit.record(db, ctx, { action: 'application.commitment.download', objectType: 'application', objectId: id });
  return { buffer, fileName: `申报单位信用承诺书-${space.name}.docx` };
}

/**
 * The operator admin records that the legal representative signed the commitment. What is
 * confirmed is the signed scan: where the call asks for it, the confirmation waits for its upload
 * (read under the row's lock, so a removal cannot slip in between).
 */
export async function confirmCommitment(db: Db, actor: Actor, ctx: AuditContext, id: string) {
  const { call, space, subject } = await loadInScope(db, actor, id, 'application.confirm_commitment');
  const scanNeeded = call.materialSlots.some((s) => s.key === SLOT_APPLICANT_COMMITMENT);
  const at = new Date();
  const confirmed = await db.transaction(async (tx) => {
    await lockEditable(tx, id);
    if (scanNeeded && !(await repo.attachments(tx, id)).some((a) => a.slotKey === SLOT_APPLICANT_COMMITMENT))
      throw fieldError(
        `attachments.${SLOT_APPLICANT_COMMITMENT}`,
        '请先上传法定代表人签字并加盖公章的申报单位信用承诺书扫描件，再确认',
        'upload the scan of the commitment signed by the legal representative and sealed before confirming',
      );
    const row = (await setSubmissionMetaInTx(tx, id, { commitmentConfirmedAt: at, commitmentConfirmedBy: actor.userId }))!;
    await recordSubmissionEventInTx(tx, { submissionId: id, actorUserId: actor.userId, action: 'commitment.confirm' });
    await audit.recordInTx(tx, ctx, { action: 'application.commitment.confirm', objectType: 'application', objectId: id, detail: { at: at.toISOString() } });
    return row;
  });
  // Answered from what was loaded and the row as updated: the call, the space and the policy's
  // subject (the state) are what they were a moment ago, so only attachments and history are read.
  return present(db, actor, confirmed, call, space, subject);
}
