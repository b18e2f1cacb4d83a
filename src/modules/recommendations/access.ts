import type { DbOrTx } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import type { ChecklistVerdict } from '../../shared/chains.ts';
import { stageAfterIn, stageIn, type StageTemplate } from '../../shared/chains.ts';
import type { ApplicationStatus } from '../../shared/domain.ts';
import { AppError, fieldError, notFound, type ErrorCode, type FieldError } from '../../shared/errors.ts';
import { findCall, type CallDetail } from '../calls/index.ts';
import { linkedFileMeta } from '../files/index.ts';
import { findOrganisation } from '../orgs/index.ts';
import {
  actsAtStage,
  requireSubmissionFacts,
  STATUS_NAMES,
  submissionFacts,
  type SubmissionFacts,
} from '../workflow/index.ts';
import { can, ownsBatch, type BatchSubject } from './policy.ts';
import * as repo from './repository.ts';

const NOT_FOUND = { zh: '推荐批次不存在', en: 'No such recommendation batch' };

/** Where an application waits at a recommend stage: just submitted (first stage) or passed on to it. */
export const CANDIDATE_STATUSES: readonly ApplicationStatus[] = ['submitted', 'in_review'];

export interface ItemInput {
  applicationId: string;
  checklist: ChecklistVerdict[];
}

export const fieldsError = (code: ErrorCode, errors: FieldError[]) =>
  new AppError(code, {
    zh: errors.map((e) => `${e.field}：${e.message}`).join('；'),
    en: errors.map((e) => `${e.field}: ${e.messageEn}`).join('; '),
    fields: errors,
  });

export async function loadCall(db: DbOrTx, callId: string, field = 'body.callId'): Promise<CallDetail> {
  const call = await findCall(db, callId);
  if (!call) throw fieldsError('NOT_FOUND', [{ field, message: '申报批次不存在', messageEn: 'no such call' }]);
  return call;
}

export function recommendStage(call: CallDetail, stageKey: string): StageTemplate {
  const stage = call.chain ? stageIn(call.chain, stageKey) : undefined;
  if (!stage || stage.kind !== 'recommend') throw fieldError('body.stageKey', '本批次的审核流程中没有该推荐环节', 'the call’s chain has no such recommend stage');
  return stage;
}

/**
 * Every checklist item of the stage, once, with a verdict and a note (001 §三.2 "严禁审核走过场"), for
 * every application, each at most once. A "problem" verdict is no recommendation: return or reject instead.
 */
export function checkItems(stage: StageTemplate, items: readonly ItemInput[]): void {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const base = `body.items.${i}`;
    if (seen.has(item.applicationId)) errors.push({ field: `${base}.applicationId`, message: '同一申请在批次中重复', messageEn: 'the application is listed twice' });
    seen.add(item.applicationId);
    const given = new Set<string>();
    item.checklist.forEach((c, j) => {
      const at = `${base}.checklist.${j}`;
      if (!stage.checklist.some((s) => s.key === c.key)) errors.push({ field: `${at}.key`, message: '本环节没有该核查事项', messageEn: 'no such checklist item at this stage' });
      else if (given.has(c.key)) errors.push({ field: `${at}.key`, message: '同一核查事项重复', messageEn: 'the item is given twice' });
      given.add(c.key);
      if (c.verdict === 'problem')
        errors.push({ field: `${at}.verdict`, message: '存在问题的事项不能推荐，请核实后再推荐', messageEn: 'an item with a problem cannot be recommended' });
    });
    for (const s of stage.checklist)
      if (!given.has(s.key))
        errors.push({ field: `${base}.checklist`, message: `缺少对“${s.label}”的结论和说明`, messageEn: `no verdict and note on "${s.labelEn}"` });
  });
  if (errors.length) throw fieldsError('VALIDATION_FAILED', errors);
}

/**
 * The applications of the input, each in the call, at the stage and in the actor's scope (404 naming
 * the item otherwise), waiting there (409), and in no other batch (409). Inside the transaction that
 * holds the call's batch lock.
 */
export async function loadItems(db: DbOrTx, actor: Actor, call: CallDetail, stage: StageTemplate, items: readonly ItemInput[], exceptBatchId?: string): Promise<SubmissionFacts[]> {
  const facts: SubmissionFacts[] = [];
  for (const [i, item] of items.entries()) {
    const field = `body.items.${i}.applicationId`;
    const f = await submissionFacts(db, item.applicationId);
    if (!f || f.call.id !== call.id || !actsAtStage(actor, stage, { regionPath: f.space.regionPath, callAuthorityId: f.call.authorityOrgId }))
      throw fieldsError('NOT_FOUND', [{ field, message: '申请不存在或不在你单位的推荐范围内', messageEn: 'no such application within your recommendation scope' }]);
    if (f.app.stageKey !== stage.key || !CANDIDATE_STATUSES.includes(f.app.status))
      throw fieldsError('MOVED_ON', [
        {
          field,
          message: `“${f.space.name}”当前不在“${stage.name}”环节待推荐（状态：${STATUS_NAMES[f.app.status].zh}）`,
          messageEn: `"${f.space.name}" is not waiting at ${stage.nameEn} (${STATUS_NAMES[f.app.status].en})`,
        },
      ]);
    facts.push(f);
  }
  const held = await repo.holdingBatches(db, items.map((i) => i.applicationId), exceptBatchId);
  if (held.length) {
    const i = items.findIndex((it) => it.applicationId === held[0]!.applicationId);
    throw fieldsError('DUPLICATE', [
      {
        field: `body.items.${i}.applicationId`,
        message: `“${facts[i]!.space.name}”已在另一推荐批次中（${held[0]!.status === 'sent' ? '已报送' : '草稿'}）`,
        messageEn: `"${facts[i]!.space.name}" is already in another recommendation batch (${held[0]!.status})`,
      },
    ]);
  }
  return facts;
}

export const applicationLine = (f: SubmissionFacts) => ({
  applicationId: f.app.id,
  status: f.app.status,
  stageKey: f.app.stageKey,
  spaceName: f.space.name,
  operatorName: f.space.operator.name,
  regionName: f.space.regionName,
  category: f.space.category,
});

/** A batch of the actor's organisation, else 404 whether it exists or not. */
export async function loadOwn(db: DbOrTx, actor: Actor, id: string) {
  const batch = await repo.findById(db, id);
  if (!batch || !ownsBatch(actor, batch.recommenderOrgId)) throw notFound(NOT_FOUND);
  const call = (await findCall(db, batch.callId))!;
  const stage = stageIn(call.chain!, batch.stageKey)!;
  const items = await repo.items(db, id);
  const facts = await Promise.all(items.map(async (i) => (await requireSubmissionFacts(db, i.applicationId))));
  const subject: BatchSubject = { recommenderOrgId: batch.recommenderOrgId, stage, callAuthorityId: call.authorityOrgId, spaceRegionPaths: facts.map((f) => f.space.regionPath) };
  return { batch, call, stage, items, facts, subject };
}

export type Loaded = Awaited<ReturnType<typeof loadOwn>>;

export const notDraft = () => new AppError('NOT_EDITABLE', { zh: '推荐批次已报送，不能再修改或重复报送', en: 'The batch has been sent; it cannot change or be sent again' });

export const stale = (current: number, yours: number) =>
  new AppError('STALE_REVISION', {
    zh: `推荐批次已被他人修改（当前版本 ${current}，你的版本 ${yours}），本次操作未执行，请刷新后再试`,
    en: `The batch was changed elsewhere (now revision ${current}, yours ${yours}); nothing was applied. Reload`,
    details: { currentRevision: current },
  });

export async function present(db: DbOrTx, actor: Actor, l: Loaded) {
  const { batch, call, stage, items, facts, subject } = l;
  const [recommender, files] = await Promise.all([
    findOrganisation(db, batch.recommenderOrgId),
    linkedFileMeta(db, [batch.letterFileId, batch.commitmentFileId].filter((f): f is string => !!f)),
  ]);
  const file = (id: string | null) => {
    const f = id ? files.find((x) => x.id === id) : undefined;
    return f ? { id: f.id, name: f.originalName, sizeBytes: f.sizeBytes, sha256: f.sha256 } : null;
  };
  const draft = batch.status === 'draft';
  return {
    id: batch.id,
    call: { id: call.id, title: call.title, year: call.year },
    stage: { key: stage.key, name: stage.name, nameEn: stage.nameEn, checklist: [...stage.checklist], documents: [...(stage.documents ?? [])] },
    nextStage: stageAfterIn(call.chain!, stage.key)?.name ?? null,
    recommender: { id: recommender!.id, name: recommender!.name },
    letterNumber: batch.letterNumber,
    status: batch.status,
    revision: batch.revision,
    letterFile: file(batch.letterFileId),
    commitmentFile: file(batch.commitmentFileId),
    items: items.map((it, i) => ({ ...applicationLine(facts[i]!), position: it.position, checklist: it.checklist })),
    createdAt: batch.createdAt,
    sentAt: batch.sentAt,
    abilities: { edit: draft && can(actor, 'recommendation.prepare', subject), send: draft && can(actor, 'recommendation.send', subject) },
  };
}
