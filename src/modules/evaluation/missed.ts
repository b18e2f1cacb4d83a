/**
 * 应评未评 (AFTER-FILING §3: not evaluated when due ⇒ D, Nanjing practice): the `evaluation.due` job,
 * queued for a round's deadline when the round is opened. Every evaluation of the round still a
 * draft is marked missed and handed in on the platform's behalf (actor null), so it moves through
 * the round's chain with the others — the local opinion, the notice with its objections, the
 * decision — and the scoring grades it 不合格 where the scheme says so (`missingReturnFails`);
 * the operators and the round's authority are told. Idempotent: a second run finds no draft.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { SYSTEM_CONTEXT } from '../../shared/audit-context.ts';
import * as audit from '../audit/index.ts';
import { activeUsersWithRoles } from '../identity/index.ts';
import { notify } from '../notify/index.ts';
import { applications, notifyStageWorkers, requireSubmissionFacts, transitionInTx } from '../workflow/index.ts';
import { calls } from '../calls/index.ts';
import { evaluationEntries } from './schema.ts';

export async function markMissedEvaluations(db: Db, data: { callId: string }, now = new Date()): Promise<number> {
  return db.transaction(async (tx) => {
    const [call] = await tx.select({ title: calls.title, closesAt: calls.closesAt, authorityOrgId: calls.authorityOrgId }).from(calls).where(eq(calls.id, data.callId));
    // Not yet due (a job run early, or the deadline moved later): nothing is missed.
    if (!call || call.closesAt.getTime() > now.getTime()) return 0;
    const drafts = await tx
      .select({ id: applications.id, operatorOrgId: applications.operatorOrgId, round: applications.round })
      .from(evaluationEntries)
      .innerJoin(applications, eq(applications.id, evaluationEntries.submissionId))
      .where(and(eq(evaluationEntries.callId, data.callId), eq(applications.status, 'draft'), isNull(evaluationEntries.missedAt)))
      .orderBy(applications.id);
    if (!drafts.length) return 0;
    await tx
      .update(evaluationEntries)
      .set({ missedAt: now, updatedAt: now })
      .where(inArray(evaluationEntries.submissionId, drafts.map((d) => d.id)));
    for (const d of drafts) {
      const facts = await requireSubmissionFacts(tx, d.id);
      const first = facts.chain!.stages[0]!;
      await transitionInTx(tx, SYSTEM_CONTEXT, null, d.id, {
        action: 'submit',
        enterStage: first,
        patch: { submittedAt: now, round: d.round + 1 },
        auditAction: 'evaluation.missed',
        note: '应评未评：截止时间前未提交，由平台转入评价流程',
      });
      await notifyStageWorkers(tx, await requireSubmissionFacts(tx, d.id), first, 'stage.arrived');
    }
    await audit.recordInTx(tx, SYSTEM_CONTEXT, { action: 'evaluation_round.missed', objectType: 'call', objectId: data.callId, detail: { missed: drafts.map((d) => d.id) } });
    const operators = await activeUsersWithRoles(tx, [...new Set(drafts.map((d) => d.operatorOrgId))], ['operator_admin', 'operator_staff']);
    await notify(tx, operators.map((p) => p.id), {
      title: '年度评价逾期未交',
      body: `“${call.title}”已过提交截止时间，你单位的年度评价记为应评未评，按评价方案评定等次（应评未评一般评为不合格，连续两年不合格将被撤销备案）。`,
      link: '/app/evaluation',
    });
    const staff = await activeUsersWithRoles(tx, [call.authorityOrgId], ['authority_admin', 'authority_reviewer']);
    await notify(tx, staff.map((p) => p.id), { title: '年度评价逾期未交', body: `“${call.title}”已截止，${drafts.length} 家众创空间应评未评，已转入评价流程。`, link: `/app/evaluation-rounds/${data.callId}` });
    return drafts.length;
  });
}
