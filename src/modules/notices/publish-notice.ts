import type { Db, DbOrTx } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import { stageIn, type StageTemplate } from '../../shared/chains.ts';
import { AppError, fieldError, notFound } from '../../shared/errors.ts';
import { checkCount, chosenOrAll } from '../../shared/http/selection.ts';
import * as audit from '../audit/index.ts';
import { type AuditContext } from '../audit/index.ts';
import { findCall } from '../calls/index.ts';
import { shanghaiDateTime } from '../documents/index.ts';
import { sendInTx } from '../jobs/index.ts';
import { fullName } from '../regions/index.ts';
import { idsAtStagesUnder, notifyApplicant, STATUS_NAMES, submissionFactsMany, transitionInTx, type SubmissionFacts } from '../workflow/index.ts';
import { publishRefusal } from './policy.ts';
import { getNotice } from './read-notices.ts';
import * as repo from './repository.ts';

export interface PublishInput {
  callId: string;
  stageKey: string;
  /** The applications the admin chose, or `all` of the stage's worklist with the count the admin saw. */
  applicationIds?: string[] | undefined;
  all?: true | undefined;
  expectedCount?: number | undefined;
  title: string;
  body: string;
  startsAt: string;
  endsAt: string;
}

/** The notice stage of a call and the call's authority, or 400 naming the field. */
async function noticeStage(db: DbOrTx, callId: string, stageKey: string): Promise<{ stage: StageTemplate; callAuthorityId: string }> {
  const call = await findCall(db, callId);
  if (!call?.chain) throw fieldError('body.callId', '申报批次不存在或未配置审核流程', 'no such call, or it has no review chain');
  const stage = stageIn(call.chain, stageKey);
  if (stage?.kind !== 'notice') throw fieldError('body.stageKey', '该批次的审核流程中没有此公示环节', 'the call’s chain has no such notice stage');
  return { stage, callAuthorityId: call.authorityOrgId };
}

const onlyAdmin = () => new AppError('FORBIDDEN', { zh: '只有本机关管理员可以发布公示', en: 'Only the authority’s admin publishes notices' });

/** An application the actor may put on a notice of `stage` (404/403 otherwise), in the state it must be in (409). */
function checkPublishable(actor: Actor, stage: StageTemplate, callId: string, id: string, facts: SubmissionFacts | undefined): SubmissionFacts {
  const refusal = !facts || facts.app.callId !== callId ? 'not_found' : publishRefusal(actor, stage, { regionPath: facts.space.regionPath, callAuthorityId: facts.call.authorityOrgId });
  if (refusal === 'not_found') throw notFound({ zh: `申请 ${id} 不存在或不在本机关公示范围内`, en: `Application ${id} does not exist or is not yours to put on a notice` });
  if (refusal === 'forbidden') throw onlyAdmin();
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
 * The authority admin of a notice stage publishes a notice of applications waiting at that stage:
 * the ones chosen, or all that wait in its jurisdiction when their number is still the one the admin
 * saw (409 `COUNT_CHANGED` otherwise). One transaction: the notice, its public entries (names of space, operator and region only), each
 * application into 公示中, the audit row, the applicants told, and the conclusion job at the end.
 */
export async function publishNotice(db: Db, actor: Actor, ctx: AuditContext, input: PublishInput) {
  const now = new Date();
  const [startsAt, endsAt] = [new Date(input.startsAt), new Date(input.endsAt)];
  if (endsAt <= startsAt) throw fieldError('body.endsAt', '公示结束时间须晚于开始时间', 'must be later than startsAt');
  if (endsAt <= now) throw fieldError('body.endsAt', '公示结束时间须晚于当前时间', 'must be in the future');
  const chosen = chosenOrAll(input, input.applicationIds, 'applicationIds');
  if (chosen.ids && new Set(chosen.ids).size !== chosen.ids.length) throw fieldError('body.applicationIds', '申请不能重复列入', 'lists an application twice');
  const { stage, callAuthorityId } = await noticeStage(db, input.callId, input.stageKey);
  if (!chosen.ids) {
    // "All" is the actor's worklist at the stage: outside the stage it is not found, in it but not the admin forbidden.
    const refusal = publishRefusal(actor, stage, { regionPath: actor.jurisdictionPath ?? '', callAuthorityId });
    if (refusal === 'not_found') throw notFound({ zh: '本机关不办理该公示环节', en: 'Your organisation does not work this notice stage' });
    if (refusal === 'forbidden') throw onlyAdmin();
  }
  const notice = await db.transaction(async (tx) => {
    // Read under the transaction, before any write: a refusal names the first application that does not fit and leaves nothing changed.
    const ids = chosen.ids ?? (await idsAtStagesUnder(tx, { callId: input.callId, stageKeys: [stage.key], statuses: ['in_review'], jurisdictionPath: actor.jurisdictionPath! }));
    if (!chosen.ids) checkCount(ids.length, chosen.expectedCount);
    const byId = new Map((await submissionFactsMany(tx, ids)).map((f) => [f.app.id, f]));
    const facts = ids.map((id) => checkPublishable(actor, stage, input.callId, id, byId.get(id)));
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
    for (const [i, f] of facts.entries()) {
      entryRows.push({
        noticeId: row.id,
        applicationId: f.app.id,
        position: i + 1,
        spaceName: f.space.name,
        operatorName: f.space.operator.name,
        regionName: (await fullName(tx, f.space.regionCode)) ?? f.space.regionName,
      });
      // The transition locks the row and checks its state again: a concurrent move refuses the whole notice.
      await transitionInTx(tx, ctx, actor, f.app.id, { action: 'open_notice', atStage: stage.key, detail: { noticeId: row.id } });
      await notifyApplicant(tx, f, 'notice.published', { due: shanghaiDateTime(endsAt) });
    }
    await repo.insertEntries(tx, entryRows);
    await audit.recordInTx(tx, ctx, {
      action: 'notice.publish',
      objectType: 'public_notice',
      objectId: row.id,
      detail: { callId: input.callId, stageKey: stage.key, applicationIds: ids, all: !chosen.ids, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() },
    });
    await sendInTx(tx, 'notice.conclude', { noticeId: row.id }, { startAfter: endsAt });
    return row;
  });
  return getNotice(db, actor, notice.id);
}
