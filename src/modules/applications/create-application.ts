/** Opening an application (an operator member, a published call, one of its spaces). */
import type { Db } from '../../db/client.ts';
import { AppError, fieldError } from '../../shared/errors.ts';
import { violatedUniqueConstraint } from '../../shared/validation/unique-violation.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { findCallForActor } from '../calls/index.ts';
import type { Actor } from '../../shared/actor.ts';
import { createSubmissionInTx } from '../workflow/index.ts';
import { pathWithin } from '../regions/index.ts';
import { findSpaceInScope, spaceProfileFacts } from '../spaces/index.ts';
import { can } from './policy.ts';
import { prefillBasicInfo } from './profile.ts';
import { checkRequiredFiling, present, subjectOf } from './access.ts';

/** An operator member opens an application of one of its spaces to a published call, prefilled from the registry. */
export async function createApplication(db: Db, actor: Actor, ctx: AuditContext, input: { callId: string; spaceId: string }) {
  if (!can(actor, 'application.create')) throw new AppError('FORBIDDEN');
  const space = await findSpaceInScope(db, actor, input.spaceId);
  const call = await findCallForActor(db, actor, input.callId);
  if (call.status !== 'published') throw new AppError('WINDOW_CLOSED', { zh: '该申报批次未发布或已取消', en: 'The call is not published or has been cancelled' });
  if (!pathWithin(space.regionPath, call.regionPath))
    throw fieldError('body.spaceId', `该众创空间不在本批次的申报范围（${call.regionName}）内`, 'the space lies outside the region of the call');
  if (!call.eligibleCategories.includes(space.category))
    throw fieldError('body.spaceId', '本批次不受理该类别的众创空间', 'the call does not take spaces of this category');
  await checkRequiredFiling(db, call, space.id, 'body.spaceId');
  const basicInfo = prefillBasicInfo(await spaceProfileFacts(db, space.id));
  try {
    const app = await db.transaction(async (tx) => {
      const row = await createSubmissionInTx(tx, actor, { kind: call.kind, callId: call.id, spaceId: space.id, operatorOrgId: actor.org.id, basicInfo });
      await audit.recordInTx(tx, ctx, { action: 'application.create', objectType: 'application', objectId: row.id, detail: { callId: call.id, spaceId: space.id } });
      return row;
    });
    // Answered from the call and space checked above and the row just written (no second load of them).
    return present(db, actor, app, call, space, await subjectOf(db, actor, { app, space, call }));
  } catch (err) {
    if (violatedUniqueConstraint(err) === 'applications_call_space_uq')
      throw new AppError('DUPLICATE', { zh: '该众创空间已有本批次的申请，请在“我的申请”中继续填写', en: 'This space already has an application to this call; continue it under My applications' });
    throw err;
  }
}
