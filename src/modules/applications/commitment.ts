/** The applicant's credit commitment (001 附件4): the prefilled letter and its confirmation. */
import type { Db } from '../../db/client.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import type { Actor } from '../../shared/actor.ts';
import { recordSubmissionEventInTx, setSubmissionMetaInTx } from '../workflow/index.ts';
import { commitmentDocx } from './documents.ts';
import { loadInScope, dossierOf, lockEditable } from './access.ts';
import { getApplication } from './read-application.ts';

/** 申报单位信用承诺书 (001 附件4) prefilled for signing and sealing; the download is audited. */
export async function commitmentDocument(db: Db, actor: Actor, ctx: AuditContext, id: string) {
  const { app, call, space } = await loadInScope(db, actor, id, 'application.read');
  const buffer = await commitmentDocx({ operatorName: space.operator.name, spaceName: space.name, callTitle: call.title, legalRepresentative: dossierOf(app).basicInfo.legalRepresentative });
  await audit.record(db, ctx, { action: 'application.commitment.download', objectType: 'application', objectId: id });
  return { buffer, fileName: `申报单位信用承诺书-${space.name}.docx` };
}

/** The operator admin records that the legal representative confirmed the commitment. */
export async function confirmCommitment(db: Db, actor: Actor, ctx: AuditContext, id: string) {
  await loadInScope(db, actor, id, 'application.confirm_commitment');
  const at = new Date();
  await db.transaction(async (tx) => {
    await lockEditable(tx, id);
    await setSubmissionMetaInTx(tx, id, { commitmentConfirmedAt: at, commitmentConfirmedBy: actor.userId });
    await recordSubmissionEventInTx(tx, { submissionId: id, actorUserId: actor.userId, action: 'commitment.confirm' });
    await audit.recordInTx(tx, ctx, { action: 'application.commitment.confirm', objectType: 'application', objectId: id, detail: { at: at.toISOString() } });
  });
  return getApplication(db, actor, id);
}
