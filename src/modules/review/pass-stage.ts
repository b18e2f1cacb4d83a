import type { Db, DbOrTx, Tx } from '../../db/client.ts';
import { type Actor } from '../../shared/actor.ts';
import type { ChecklistVerdict } from '../../shared/chains.ts';
import { type StageTemplate } from '../../shared/chains.ts';
import { AppError, fieldError } from '../../shared/errors.ts';
import type { AuditContext } from '../audit/index.ts';
import { scoringStatus } from '../experts/index.ts';
import {
  notifyApplicant,
  notifyStageWorkers,
  stageAfter,
  transitionInTx,
  type SubmissionFacts,
} from '../workflow/index.ts';
import { authorise, checkChecklist, loadForReview } from './access.ts';
import * as repo from './repository.ts';
import { getStageWork } from './stage-work.ts';

export function refuseProblems(stage: StageTemplate, checklist: readonly ChecklistVerdict[]): void {
  const i = checklist.findIndex((v) => v.verdict === 'problem');
  if (i >= 0) {
    const label = stage.checklist.find((c) => c.key === checklist[i]!.key)?.label ?? checklist[i]!.key;
    throw fieldError(`body.checklist.${i}.verdict`, `核查项“${label}”存在问题，不能通过；请退回修改或驳回`, `item "${checklist[i]!.key}" has a problem: return or reject instead of passing`);
  }
}

/** At an expert stage, every assigned expert (at least one) must have submitted a score sheet. */
export async function requireScoring(db: DbOrTx, ids: readonly string[], stage: StageTemplate): Promise<Record<string, { assigned: number; submitted: number }>> {
  const out: Record<string, { assigned: number; submitted: number }> = {};
  if (stage.kind !== 'expert') return out;
  for (const id of ids) out[id] = await scoringStatus(db, id, stage.key);
  const pending = ids.filter((id) => out[id]!.assigned === 0 || out[id]!.submitted < out[id]!.assigned);
  if (pending.length)
    throw new AppError('STATE_CONFLICT', {
      zh: `专家评分尚未完成（须至少分配一名专家且全部提交评分），不能通过：${pending.join('、')}`,
      en: `Expert scoring is not complete (at least one expert assigned, all submitted): ${pending.join(', ')}`,
      details: { pending },
    });
  return out;
}

export interface PassInput {
  stageKey: string;
  checklist: ChecklistVerdict[];
  note: string;
}

/** Moves one application on inside `tx`: the transition, the verdict row and the notices. */
export async function passInTx(tx: Tx, ctx: AuditContext, actor: Actor, facts: SubmissionFacts, stage: StageTemplate, input: PassInput, detail: Record<string, unknown>) {
  const next = stageAfter(facts);
  if (!next) throw new AppError('STATE_CONFLICT', { zh: `“${stage.name}”是流程的最后环节，请在“审定发布”页面办理`, en: `"${stage.nameEn}" is the last stage; use the Decisions page` });
  const { from, to } = await transitionInTx(tx, ctx, actor, facts.app.id, {
    action: 'advance',
    atStage: stage.key,
    enterStage: next,
    auditAction: 'review.pass',
    note: input.note,
    detail: { checklist: input.checklist, ...detail },
  });
  await repo.insertReview(tx, { applicationId: facts.app.id, stageKey: stage.key, round: from.round, outcome: 'pass', checklist: input.checklist, note: input.note, reviewerUserId: actor.userId, reviewerOrgId: actor.org.id });
  await notifyApplicant(tx, { ...facts, app: to }, 'stage.passed', { stage: stage.name, note: input.note });
  await notifyStageWorkers(tx, { ...facts, app: to, stage: next }, next, 'stage.arrived');
}

/** Passes the application's current review or expert stage with a verdict and note on every checklist item. */
export async function passStage(db: Db, actor: Actor, ctx: AuditContext, id: string, input: PassInput) {
  const facts = await loadForReview(db, actor, id);
  const stage = authorise(actor, facts, input.stageKey, 'pass');
  checkChecklist(stage, input.checklist);
  refuseProblems(stage, input.checklist);
  const scoring = await requireScoring(db, [id], stage);
  await db.transaction((tx) => passInTx(tx, ctx, actor, facts, stage, input, scoring[id] ? { scoring: scoring[id] } : {}));
  return getStageWork(db, actor, id);
}
