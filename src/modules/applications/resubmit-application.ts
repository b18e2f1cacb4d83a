/** Handing a returned application in again. */
import type { Db } from '../../db/client.ts';
import { AppError } from '../../shared/errors.ts';
import type { AuditContext } from '../audit/index.ts';
import { shanghaiDateTime, shanghaiIso } from '../documents/index.ts';
import type { Actor } from '../../shared/actor.ts';
import { stageIn } from '../../shared/chains.ts';
import { notify } from '../notify/index.ts';
import { notifyStageWorkers, requireSubmissionFacts, transitionInTx } from '../workflow/index.ts';
import { loadInScope, present, applicantPeople, snapshotRound, lockedComplete } from './access.ts';

/**
 * The applicant hands a returned application in again, by the resubmission date the returning
 * authority set (or its audited extension), with nothing missing. It goes back to the stage that
 * returned it, as a new round kept beside the earlier ones.
 */
export async function resubmitApplication(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { revision: number; note?: string | undefined }) {
  const now = new Date();
  const { app, call, space, chain, subject } = await loadInScope(db, actor, id, 'application.resubmit', 'resubmit');
  if (app.resubmitDueAt && now >= app.resubmitDueAt)
    throw new AppError('APPLICATION_DEADLINE_PASSED', {
      zh: `重新提交期限已于${shanghaiDateTime(app.resubmitDueAt)}届满，请联系主管部门延长期限`,
      en: `The resubmission was due at ${shanghaiIso(app.resubmitDueAt)}; ask the authority for more time`,
    });
  const resubmitted = await db.transaction(async (tx) => {
    const locked = await lockedComplete(tx, call, id, 'resubmit', input.revision);
    const stage = stageIn(chain!, locked.stageKey!)!;
    const round = locked.round + 1;
    const { to: row } = await transitionInTx(tx, ctx, actor, id, {
      action: 'resubmit',
      expectedRevision: input.revision,
      enterStage: stage,
      patch: { resubmitDueAt: null, round },
      note: input.note ?? null,
      detail: { round },
    });
    await snapshotRound(tx, row, actor);
    await notifyStageWorkers(tx, await requireSubmissionFacts(tx, id), stage, 'stage.resubmitted');
    await notify(tx, applicantPeople(locked, actor), { title: '备案申请已重新提交', body: `“${space.name}”的申请已按退回意见修改并重新提交（第 ${row.round} 轮）。`, link: `/app/applications/${id}` });
    return row;
  });
  return present(db, actor, resubmitted, call, space, { ...subject, status: resubmitted.status });
}
