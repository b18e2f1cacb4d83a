import type { Db, Tx } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import { stageAfterIn } from '../../shared/chains.ts';
import { AppError, fieldError, notFound } from '../../shared/errors.ts';
import { checkCount, chosenOrAll } from '../../shared/http/selection.ts';
import type { AuditContext } from '../audit/index.ts';
import * as audit from '../audit/index.ts';
import { fullName } from '../regions/index.ts';
import { notifyApplicant, notifyStageWorkers, requireSubmissionFacts, submissionFactsMany, submissionKind, transitionInTx, type SubmissionFacts } from '../workflow/index.ts';
import { DECISION_NOT_FOUND, loadStage } from './access.ts';
import { can } from './policy.ts';
import { listDetail } from './public-lists.ts';
import * as repo from './repository.ts';

/**
 * What the applicant is told a decision means, in the notice of its release or reversal: a final
 * decision in the words of the submission's kind (a statistics return is 审核通过, not 准予备案).
 */
export function noteOf(kind: string, outcome: repo.DecisionRow['outcome'], final: boolean, reason: string): string {
  const { verdicts } = submissionKind(kind);
  return outcome === 'approve' ? (final ? verdicts.approved : '入选推荐名单') : `${verdicts.rejected}：${reason}`;
}

/** The list entry of an approval: a snapshot, so the published list never changes with the registry. */
export async function listEntry(tx: Tx, listId: string, facts: SubmissionFacts) {
  const existing = await repo.entryOn(tx, listId, facts.app.id);
  if (existing) return repo.setEntry(tx, existing.id, { status: 'listed', removedReason: null, changedAt: new Date() });
  await repo.insertEntry(tx, {
    listId,
    applicationId: facts.app.id,
    spaceId: facts.space.id,
    spaceName: facts.space.name,
    operatorName: facts.space.operator.name,
    regionName: (await fullName(tx, facts.space.regionCode)) ?? facts.space.regionName,
  });
}

export interface ReleaseInput {
  callId: string;
  stageKey: string;
  /** The decisions the admin chose, or `all` pending ones of the stage with the count the admin saw. */
  decisionIds?: string[] | undefined;
  all?: true | undefined;
  expectedCount?: number | undefined;
  title: string;
  documentNumber: string;
  issuedOn: string;
}

/**
 * Publishes the chosen pending decisions of a stage (or all of them in the admin's jurisdiction, when
 * their number is still the one the admin saw: 409 `COUNT_CHANGED` otherwise) together as one list with 文号 and date: at the
 * chain's last stage the 备案名单 (approvals are filed at the stage's filing level), else the stage's
 * 推荐名单 (approvals move on to the next stage). Rejections end the application. One transaction
 * with the decisions locked: a concurrent release of the same decisions finds them released and
 * gets 409, and any refusal (a duplicate filing, an application moved on) leaves nothing changed.
 */
export async function releaseDecisions(db: Db, actor: Actor, ctx: AuditContext, input: ReleaseInput) {
  const chosen = chosenOrAll(input, input.decisionIds, 'decisionIds');
  if (chosen.ids && new Set(chosen.ids).size !== chosen.ids.length) throw fieldError('body.decisionIds', '审定意见重复', 'a decision is given twice');
  const { call, stage } = await loadStage(db, actor, input.callId, input.stageKey, 'body.stageKey', 'decision.release');
  const next = stageAfterIn(call.chain!, stage.key);
  const level: repo.Level | undefined = next ? (actor.org.authorityLevel as repo.Level) : stage.filingLevel;
  if (!level || !['city', 'province', 'national'].includes(level)) throw new AppError('FORBIDDEN');
  const listId = await db.transaction(async (tx) => {
    const rows = chosen.ids ? await repo.lockDecisions(tx, chosen.ids) : await repo.lockPendingAtStage(tx, { callId: call.id, stageKey: stage.key, jurisdictionPath: actor.jurisdictionPath! });
    if (!chosen.ids) checkCount(rows.length, chosen.expectedCount);
    const ids = rows.map((d) => d.id);
    const byApp = new Map((await submissionFactsMany(tx, rows.map((d) => d.applicationId))).map((f) => [f.app.id, f]));
    const facts = new Map<string, SubmissionFacts>();
    for (const d of rows) {
      const f = byApp.get(d.applicationId);
      if (!f || d.stageKey !== stage.key || f.app.callId !== call.id || !can(actor, 'decision.release', { stage, at: { regionPath: f.space.regionPath, callAuthorityId: call.authorityOrgId } })) continue;
      facts.set(d.id, f);
    }
    if (facts.size !== (chosen.ids ?? ids).length) throw notFound(DECISION_NOT_FOUND);
    const gone = rows.filter((d) => d.status !== 'pending');
    if (gone.length)
      throw new AppError('MOVED_ON', {
        zh: `所选审定意见中有 ${gone.length} 条已发布或已被更正，本次发布未执行，请刷新后重新选择`,
        en: `${gone.length} of the chosen decisions were already released; nothing was released. Reload`,
      });
    const now = new Date();
    const list = await repo.insertList(tx, {
      callId: call.id,
      stageKey: stage.key,
      authorityOrgId: actor.org.id,
      kind: next ? 'recommendation' : 'filing',
      level,
      title: input.title.trim(),
      documentNumber: input.documentNumber.trim(),
      issuedOn: input.issuedOn,
      publishedBy: actor.userId,
      publishedAt: now,
    });
    for (const d of rows) {
      const f = facts.get(d.id)!;
      const req = { atStage: stage.key, auditAction: `decision.${d.outcome}`, note: d.reason, detail: { decisionId: d.id, listId: list.id } };
      if (d.outcome === 'reject') await transitionInTx(tx, ctx, actor, f.app.id, { action: 'reject', ...req });
      else if (next) {
        await transitionInTx(tx, ctx, actor, f.app.id, { action: 'advance', enterStage: next, ...req });
        await listEntry(tx, list.id, f);
        await notifyStageWorkers(tx, (await requireSubmissionFacts(tx, f.app.id)), next, 'stage.arrived');
      } else {
        await transitionInTx(tx, ctx, actor, f.app.id, { action: 'file', ...req });
        await listEntry(tx, list.id, f);
        await submissionKind(f.app.kind).approvedInTx?.(tx, ctx, { facts: f, listId: list.id, level: list.level, stage, actor });
      }
      await notifyApplicant(tx, f, 'decision.released', { list: list.title, note: noteOf(f.app.kind, d.outcome, !next, d.reason) });
    }
    await repo.markReleased(tx, ids, list.id, now);
    await audit.recordInTx(tx, ctx, {
      action: 'decision.release',
      objectType: 'filing_list',
      objectId: list.id,
      detail: { callId: call.id, stage: stage.key, kind: list.kind, level, documentNumber: list.documentNumber, issuedOn: list.issuedOn, decisionIds: ids, all: !chosen.ids, approved: rows.filter((d) => d.outcome === 'approve').length },
    });
    return list.id;
  });
  return listDetail(db, listId);
}
