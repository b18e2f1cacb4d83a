import type { DbOrTx } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import type { ChecklistVerdict } from '../../shared/chains.ts';
import { stageIn, type StageTemplate } from '../../shared/chains.ts';
import { AppError, fieldError, notFound } from '../../shared/errors.ts';
import { findCallForActor } from '../calls/index.ts';
import { STATUS_NAMES, submissionFacts, type SubmissionFacts } from '../workflow/index.ts';
import { can, type DecisionAction } from './policy.ts';
import * as repo from './repository.ts';

const APP_NOT_FOUND = { zh: '申请不存在或不在您办理的审定环节', en: 'No such application at a decision stage you work' };

export const DECISION_NOT_FOUND = { zh: '审定意见不存在', en: 'No such decision' };

export const LIST_NOT_FOUND = { zh: '名单不存在', en: 'No such list' };

const adminOnly = () => new AppError('FORBIDDEN', { zh: '审定结果的发布和更正须由本单位管理员办理', en: 'Only your organisation’s admin releases or reverses decisions' });

/** The decision stage `stageKey` of a chain, or undefined (no such stage, or not a decision stage). */
function decisionStage(facts: Pick<SubmissionFacts, 'chain'>, stageKey: string): StageTemplate | undefined {
  const stage = facts.chain ? stageIn(facts.chain, stageKey) : undefined;
  return stage?.kind === 'decision' ? stage : undefined;
}

/**
 * The application and decision stage when the actor works that stage for its space (else 404, so
 * nothing is revealed), then `action`: in scope but not the admin for release/reversal is 403.
 */
export async function loadTarget(db: DbOrTx, actor: Actor, applicationId: string, stageKey: string, action: DecisionAction) {
  const facts = await submissionFacts(db, applicationId);
  const stage = facts && decisionStage(facts, stageKey);
  const at = facts && { regionPath: facts.space.regionPath, callAuthorityId: facts.call.authorityOrgId };
  if (!facts || !stage || !at || !can(actor, 'decision.record', { stage, at })) throw notFound(APP_NOT_FOUND);
  if (!can(actor, action, { stage, at })) throw adminOnly();
  return { facts, stage };
}

/** The call and its decision stage `stageKey` when the actor works it (404 otherwise; 400 for a stage that is not a decision stage). */
export async function loadStage(db: DbOrTx, actor: Actor, callId: string, stageKey: string, field: string, action: DecisionAction = 'decision.record') {
  const call = await findCallForActor(db, actor, callId);
  const stage = decisionStage(call, stageKey);
  if (!stage) throw fieldError(field, '该批次的审核流程中没有这个审定环节', 'the call’s chain has no such decision stage');
  // Decision stages sit at the call's level or above, so working the stage over the call's region is the test.
  const at = { regionPath: call.regionPath, callAuthorityId: call.authorityOrgId };
  if (!can(actor, 'decision.record', { stage, at })) throw notFound({ zh: '申报批次不存在', en: 'No such call' });
  if (!can(actor, action, { stage, at })) throw adminOnly();
  return { call, stage };
}

/** Every checklist item of the stage exactly once, each with a note (001 §三.2 "严禁审核走过场"). */
export function checkChecklist(stage: StageTemplate, items: ChecklistVerdict[]): ChecklistVerdict[] {
  items.forEach((item, i) => {
    if (!stage.checklist.some((c) => c.key === item.key)) throw fieldError(`body.checklist.${i}.key`, '本环节没有该核查项', 'the stage has no such checklist item');
    if (items.findIndex((o) => o.key === item.key) !== i) throw fieldError(`body.checklist.${i}.key`, '核查项重复', 'the item is given twice');
    if (!item.note.trim()) throw fieldError(`body.checklist.${i}.note`, '请填写核查意见', 'write a note on the item');
  });
  const missing = stage.checklist.filter((c) => !items.some((i) => i.key === c.key));
  if (missing.length)
    throw fieldError('body.checklist', `还缺以下核查项的意见：${missing.map((m) => m.label).join('、')}`, `missing items: ${missing.map((m) => m.labelEn).join(', ')}`);
  return stage.checklist.map((c) => {
    const item = items.find((i) => i.key === c.key)!;
    return { key: c.key, verdict: item.verdict, note: item.note.trim() };
  });
}

/** A decision as answered, with the space and operator it concerns (a submission's `facts.space`, or a list's joined columns). */
export function present(d: repo.DecisionRow, space: { id: string; name: string; regionName: string; operator: { id: string; name: string } }) {
  return {
    id: d.id,
    applicationId: d.applicationId,
    stageKey: d.stageKey,
    outcome: d.outcome,
    reason: d.reason,
    checklist: d.checklist,
    status: d.status,
    listId: d.listId,
    supersededBy: d.supersededBy,
    decidedAt: d.decidedAt,
    releasedAt: d.releasedAt,
    space: { id: space.id, name: space.name, regionName: space.regionName },
    operator: { id: space.operator.id, name: space.operator.name },
  };
}

export type DecisionView = ReturnType<typeof present>;

export const notAtStage = (facts: SubmissionFacts, stage: StageTemplate) =>
  new AppError('MOVED_ON', {
    zh: `申请当前状态为“${STATUS_NAMES[facts.app.status].zh}”${facts.stage ? `，处于“${facts.stage.name}”环节` : ''}，不在“${stage.name}”环节，不能记录审定意见`,
    en: `The application is ${STATUS_NAMES[facts.app.status].en}${facts.stage ? ` at "${facts.stage.nameEn}"` : ''}, not at "${stage.nameEn}"`,
  });

export const alreadyDecided = () => new AppError('DUPLICATE', { zh: '已有待发布的审定意见，请修改或撤回后再记录', en: 'A decision is already pending; change or withdraw it' });

export const notPending = () => new AppError('NOT_EDITABLE', { zh: '该审定意见已发布或已撤回，不能修改；已发布的结果请使用“更正”', en: 'The decision was released or withdrawn; reverse a released one instead' });

export interface DecisionInput {
  outcome: 'approve' | 'reject';
  reason: string;
  checklist: ChecklistVerdict[];
}

/** The decision when the actor works its stage for its space (404 otherwise), then `action` (403). */
export async function loadDecision(db: DbOrTx, actor: Actor, id: string, action: DecisionAction) {
  const decision = await repo.findDecision(db, id);
  if (!decision) throw notFound(DECISION_NOT_FOUND);
  try {
    return { decision, ...(await loadTarget(db, actor, decision.applicationId, decision.stageKey, action)) };
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') throw notFound(DECISION_NOT_FOUND);
    throw err;
  }
}
