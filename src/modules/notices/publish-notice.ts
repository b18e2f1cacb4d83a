import type { Db, DbOrTx } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import { stageIn, type StageTemplate } from '../../shared/chains.ts';
import { AppError, fieldError, notFound } from '../../shared/errors.ts';
import * as audit from '../audit/index.ts';
import { type AuditContext } from '../audit/index.ts';
import { findCall } from '../calls/index.ts';
import { shanghaiDateTime } from '../documents/index.ts';
import { sendInTx } from '../jobs/index.ts';
import { fullName } from '../regions/index.ts';
import {
  notifyApplicant,
  STATUS_NAMES,
  submissionFacts,
  transitionInTx,
  type SubmissionFacts,
} from '../workflow/index.ts';
import { publishRefusal } from './policy.ts';
import { getNotice } from './read-notices.ts';
import * as repo from './repository.ts';

export interface PublishInput {
  callId: string;
  stageKey: string;
  applicationIds: string[];
  title: string;
  body: string;
  startsAt: string;
  endsAt: string;
}

/** The notice stage of a call, or 400 naming the field. */
async function noticeStage(db: DbOrTx, callId: string, stageKey: string): Promise<StageTemplate> {
  const call = await findCall(db, callId);
  if (!call?.chain) throw fieldError('body.callId', '申报批次不存在或未配置审核流程', 'no such call, or it has no review chain');
  const stage = stageIn(call.chain, stageKey);
  if (stage?.kind !== 'notice') throw fieldError('body.stageKey', '该批次的审核流程中没有此公示环节', 'the call’s chain has no such notice stage');
  return stage;
}

/** An application the actor may put on a notice of `stage` (404/403 otherwise), in the state it must be in (409). */
function checkPublishable(actor: Actor, stage: StageTemplate, callId: string, id: string, facts: SubmissionFacts | undefined): SubmissionFacts {
  const refusal = !facts || facts.app.callId !== callId ? 'not_found' : publishRefusal(actor, stage, facts.space.regionPath);
  if (refusal === 'not_found') throw notFound({ zh: `申请 ${id} 不存在或不在本机关公示范围内`, en: `Application ${id} does not exist or is not yours to put on a notice` });
  if (refusal === 'forbidden') throw new AppError('FORBIDDEN', { zh: '只有本机关管理员可以发布公示', en: 'Only the authority’s admin publishes notices' });
  const { app, space } = facts!;
  if (app.stageKey !== stage.key || app.status !== 'in_review')
    throw new AppError('MOVED_ON', {
      zh: `“${space.name}”的申请当前状态为“${STATUS_NAMES[app.status].zh}”${app.stageKey !== stage.key ? '，不在本公示环节' : ''}，不能列入公示`,
      en: `The application of "${space.name}" (${app.id}) is ${STATUS_NAMES[app.status].en}${app.stageKey !== stage.key ? ', not at this notice stage' : ''}; it cannot be put on the notice`,
      details: { applicationId: app.id },
    });
  return facts!;
}

/**
 * The authority admin of a notice stage publishes a notice of applications waiting at that stage.
 * One transaction: the notice, its public entries (names of space, operator and region only), each
 * application into 公示中, the audit row, the applicants told, and the conclusion job at the end.
 */
export async function publishNotice(db: Db, actor: Actor, ctx: AuditContext, input: PublishInput) {
  const now = new Date();
  const [startsAt, endsAt] = [new Date(input.startsAt), new Date(input.endsAt)];
  if (endsAt <= startsAt) throw fieldError('body.endsAt', '公示结束时间须晚于开始时间', 'must be later than startsAt');
  if (endsAt <= now) throw fieldError('body.endsAt', '公示结束时间须晚于当前时间', 'must be in the future');
  if (new Set(input.applicationIds).size !== input.applicationIds.length) throw fieldError('body.applicationIds', '申请不能重复列入', 'lists an application twice');
  const stage = await noticeStage(db, input.callId, input.stageKey);
  // Checked before any write so the answer names the first application that does not fit.
  for (const id of input.applicationIds) checkPublishable(actor, stage, input.callId, id, await submissionFacts(db, id));
  const notice = await db.transaction(async (tx) => {
    const row = await repo.insertNotice(tx, {
      authorityOrgId: actor.org.id,
      callId: input.callId,
      stageKey: stage.key,
      title: input.title,
      body: input.body,
      startsAt,
      endsAt,
      createdBy: actor.userId,
    });
    const entryRows = [];
    for (const [i, id] of input.applicationIds.entries()) {
      // Read again under the transaction: what was checked above may have moved meanwhile.
      const facts = checkPublishable(actor, stage, input.callId, id, await submissionFacts(tx, id));
      entryRows.push({
        noticeId: row.id,
        applicationId: id,
        position: i + 1,
        spaceName: facts.space.name,
        operatorName: facts.space.operator.name,
        regionName: (await fullName(tx, facts.space.regionCode)) ?? facts.space.regionName,
      });
      await transitionInTx(tx, ctx, actor, id, { action: 'open_notice', atStage: stage.key, detail: { noticeId: row.id } });
      await notifyApplicant(tx, facts, 'notice.published', { due: shanghaiDateTime(endsAt) });
    }
    await repo.insertEntries(tx, entryRows);
    await audit.recordInTx(tx, ctx, {
      action: 'notice.publish',
      objectType: 'public_notice',
      objectId: row.id,
      detail: { callId: input.callId, stageKey: stage.key, applicationIds: input.applicationIds, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() },
    });
    await sendInTx(tx, 'notice.conclude', { noticeId: row.id }, { startAfter: endsAt });
    return row;
  });
  return getNotice(db, actor, notice.id);
}
