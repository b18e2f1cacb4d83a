/** Handing the application in. */
import type { Db } from '../../db/client.ts';
import { AppError } from '../../shared/errors.ts';
import type { AuditContext } from '../audit/index.ts';
import { activeBan } from '../credit/index.ts';
import { evaluateRuleSet } from '../criteria/index.ts';
import { shanghaiDate, shanghaiDateTime, shanghaiIso } from '../documents/index.ts';
import type { Actor } from '../../shared/actor.ts';
import { notify } from '../notify/index.ts';
import { notifyStageWorkers, requireSubmissionFacts, transitionInTx } from '../workflow/index.ts';
import { loadInScope, deadlineOf, present, profileOf, applicantPeople, snapshotRound, checkRequiredFiling, lockedComplete } from './access.ts';

/**
 * Hands the application in: inside the call's window (or an extension), under no credit ban, with
 * nothing missing. One transaction locks the row, checks again what concurrent work could change,
 * stores the evaluation snapshot, the event and the audit row; of two concurrent submissions the
 * second finds the state moved on and gets 409.
 */
export async function submitApplication(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { revision: number }) {
  const now = new Date();
  const { app, call, space, chain, subject } = await loadInScope(db, actor, id, 'application.submit', 'submit');
  if (call.status !== 'published') throw new AppError('WINDOW_CLOSED', { zh: '该申报批次未发布或已取消', en: 'The call is not published or has been cancelled' });
  if (!chain) throw new AppError('WINDOW_CLOSED', { zh: '本批次尚未配置审核流程，暂不能提交，请联系主管部门', en: 'The call has no review chain yet; contact the authority' });
  if (now < call.opensAt)
    throw new AppError('APPLICATION_NOT_OPEN', {
      zh: `本批次申报将于${shanghaiDateTime(call.opensAt)}开始，请届时提交`,
      en: `Submissions open at ${shanghaiIso(call.opensAt)}`,
    });
  const deadline = deadlineOf(app, call);
  if (now >= deadline)
    throw new AppError('APPLICATION_DEADLINE_PASSED', {
      zh: `本批次申报已于${shanghaiDateTime(deadline)}截止，不能再提交；如有特殊情况请联系主管部门申请延期`,
      en: `The deadline passed at ${shanghaiIso(deadline)}; ask the authority for an extension`,
    });
  await checkRequiredFiling(db, call, app.spaceId, 'spaceId');
  const ban = await activeBan(db, app.operatorOrgId, now);
  if (ban)
    throw new AppError('CREDIT_BANNED', {
      zh: `你单位存在不良科技信用记录，在${shanghaiDate(ban.banUntil)}前不能提交备案申请`,
      en: `Your organisation has a bad scientific credit record and may not apply before ${shanghaiIso(ban.banUntil)}`,
      details: { banUntil: ban.banUntil.toISOString() },
    });
  const submitted = await db.transaction(async (tx) => {
    const locked = await lockedComplete(tx, call, id, 'submit', input.revision);
    const evaluation = call.ruleSetId ? await evaluateRuleSet(tx, actor, call.ruleSetId, await profileOf(tx, locked)) : null;
    const stage = chain.stages[0]!;
    const round = locked.round + 1;
    const { to: row } = await transitionInTx(tx, ctx, actor, id, {
      action: 'submit',
      expectedRevision: input.revision,
      enterStage: stage,
      patch: { submittedAt: now, evaluation: evaluation as Record<string, unknown> | null, round },
      detail: { overall: evaluation?.overall ?? null, round },
    });
    await snapshotRound(tx, row, actor);
    await notifyStageWorkers(tx, await requireSubmissionFacts(tx, id), stage, 'stage.arrived');
    await notify(tx, applicantPeople(locked, actor), {
      title: '备案申请已提交',
      body: `“${space.name}”的申请已提交至“${call.title}”。`,
      link: `/app/applications/${id}`,
    });
    return row;
  });
  return present(db, actor, submitted, call, space, { ...subject, status: submitted.status });
}
