import type { Config } from '../../config.ts';
import type { Db, DbOrTx } from '../../db/client.ts';
import { stageAfterIn, stageIn, type StageTemplate } from '../../shared/chains.ts';
import { AppError, fieldError, notFound, type ErrorCode, type FieldError } from '../../shared/errors.ts';
import type { ApplicationStatus } from '../../shared/domain.ts';
import {
  actsAtStage,
  notifyApplicant,
  notifyStageWorkers,
  requireSubmissionFacts,
  stageOrgs,
  stagesWorkedBy,
  STATUS_NAMES,
  submissionFacts,
  submissionsAtStages,
  transitionInTx,
  type SubmissionFacts,
} from '../workflow/index.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { findCall, type CallDetail } from '../calls/index.ts';
import { shanghaiDate } from '../documents/index.ts';
import { authoriseFiles, linkedFileMeta, openLinkedFile } from '../files/index.ts';
import type { Actor } from '../../shared/actor.ts';
import { findOrganisation, governingOrgsOver } from '../orgs/index.ts';
import type { ChecklistVerdict } from '../../shared/chains.ts';
import { authorityCommitmentDocx, filingSubject, letterDocx, type LetterFacts } from './documents.ts';
import { can, ownsBatch, readsPackage, type BatchSubject } from './policy.ts';
import * as repo from './repository.ts';

const NOT_FOUND = { zh: '推荐批次不存在', en: 'No such recommendation batch' };
/** Where an application waits at a recommend stage: just submitted (first stage) or passed on to it. */
const CANDIDATE_STATUSES: readonly ApplicationStatus[] = ['submitted', 'in_review'];

export interface ItemInput {
  applicationId: string;
  checklist: ChecklistVerdict[];
}

export interface BatchInput {
  callId: string;
  stageKey: string;
  letterNumber?: string | null | undefined;
  items: ItemInput[];
}

const fieldsError = (code: ErrorCode, errors: FieldError[]) =>
  new AppError(code, {
    zh: errors.map((e) => `${e.field}：${e.message}`).join('；'),
    en: errors.map((e) => `${e.field}: ${e.messageEn}`).join('; '),
    fields: errors,
  });

async function loadCall(db: DbOrTx, callId: string, field = 'body.callId'): Promise<CallDetail> {
  const call = await findCall(db, callId);
  if (!call) throw fieldsError('NOT_FOUND', [{ field, message: '申报批次不存在', messageEn: 'no such call' }]);
  return call;
}

function recommendStage(call: CallDetail, stageKey: string): StageTemplate {
  const stage = call.chain ? stageIn(call.chain, stageKey) : undefined;
  if (!stage || stage.kind !== 'recommend') throw fieldError('body.stageKey', '本批次的审核流程中没有该推荐环节', 'the call’s chain has no such recommend stage');
  return stage;
}

/**
 * Every checklist item of the stage, once, with a verdict and a note (001 §三.2 "严禁审核走过场"), for
 * every application, each at most once. A "problem" verdict is no recommendation: return or reject instead.
 */
function checkItems(stage: StageTemplate, items: readonly ItemInput[]): void {
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
async function loadItems(db: DbOrTx, actor: Actor, call: CallDetail, stage: StageTemplate, items: readonly ItemInput[], exceptBatchId?: string): Promise<SubmissionFacts[]> {
  const facts: SubmissionFacts[] = [];
  for (const [i, item] of items.entries()) {
    const field = `body.items.${i}.applicationId`;
    const f = await submissionFacts(db, item.applicationId);
    if (!f || f.call.id !== call.id || !actsAtStage(actor, stage, f.space.regionPath))
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

/** The applications waiting at a recommend stage the actor works, with the batch holding each (if any). */
export async function listCandidates(db: Db, actor: Actor, callId: string) {
  const call = await loadCall(db, callId, 'query.callId');
  const stages = stagesWorkedBy(actor, call.chain ? [call.chain] : [])
    .filter((w) => w.stage.kind === 'recommend')
    .map((w) => w.stage);
  const facts = (await submissionsAtStages(db, call.id, stages.map((s) => s.key), CANDIDATE_STATUSES)).filter((f) => actsAtStage(actor, f.stage!, f.space.regionPath));
  const held = new Map((await repo.holdingBatches(db, facts.map((f) => f.app.id))).map((h) => [h.applicationId, h]));
  return {
    call: { id: call.id, title: call.title, year: call.year },
    stages: stages.map((s) => ({ key: s.key, name: s.name, nameEn: s.nameEn, checklist: [...s.checklist], documents: [...(s.documents ?? [])] })),
    items: facts.map((f) => {
      const h = held.get(f.app.id);
      return { ...applicationLine(f), stageEnteredAt: f.app.stageEnteredAt, stageDueAt: f.app.stageDueAt, batch: h ? { id: h.recommendationId, status: h.status } : null };
    }),
  };
}

const applicationLine = (f: SubmissionFacts) => ({
  applicationId: f.app.id,
  status: f.app.status,
  stageKey: f.app.stageKey,
  spaceName: f.space.name,
  operatorName: f.space.operator.name,
  regionName: f.space.regionName,
  category: f.space.category,
});

/** A batch of the actor's organisation, else 404 whether it exists or not. */
async function loadOwn(db: DbOrTx, actor: Actor, id: string) {
  const batch = await repo.findById(db, id);
  if (!batch || !ownsBatch(actor, batch.recommenderOrgId)) throw notFound(NOT_FOUND);
  const call = (await findCall(db, batch.callId))!;
  const stage = stageIn(call.chain!, batch.stageKey)!;
  const items = await repo.items(db, id);
  const facts = await Promise.all(items.map(async (i) => (await requireSubmissionFacts(db, i.applicationId))));
  const subject: BatchSubject = { recommenderOrgId: batch.recommenderOrgId, stage, spaceRegionPaths: facts.map((f) => f.space.regionPath) };
  return { batch, call, stage, items, facts, subject };
}

type Loaded = Awaited<ReturnType<typeof loadOwn>>;

const notDraft = () => new AppError('NOT_EDITABLE', { zh: '推荐批次已报送，不能再修改或重复报送', en: 'The batch has been sent; it cannot change or be sent again' });
const stale = (current: number, yours: number) =>
  new AppError('STALE_REVISION', {
    zh: `推荐批次已被他人修改（当前版本 ${current}，你的版本 ${yours}），本次操作未执行，请刷新后再试`,
    en: `The batch was changed elsewhere (now revision ${current}, yours ${yours}); nothing was applied. Reload`,
    details: { currentRevision: current },
  });

async function present(db: DbOrTx, actor: Actor, l: Loaded) {
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

export async function getBatch(db: Db, actor: Actor, id: string) {
  return present(db, actor, await loadOwn(db, actor, id));
}

/** A new draft batch of the actor's organisation for applications waiting at a recommend stage it works. */
export async function createBatch(db: Db, actor: Actor, ctx: AuditContext, input: BatchInput) {
  if (!can(actor, 'recommendation.prepare')) throw new AppError('FORBIDDEN');
  const call = await loadCall(db, input.callId);
  const stage = recommendStage(call, input.stageKey);
  checkItems(stage, input.items);
  const id = await db.transaction(async (tx) => {
    await repo.lockCall(tx, call.id);
    await loadItems(tx, actor, call, stage, input.items);
    const batch = await repo.insert(tx, { callId: call.id, stageKey: stage.key, recommenderOrgId: actor.org.id, letterNumber: input.letterNumber?.trim() || null, createdBy: actor.userId });
    await repo.replaceItems(tx, batch.id, input.items);
    await audit.recordInTx(tx, ctx, {
      action: 'recommendation.create',
      objectType: 'recommendation',
      objectId: batch.id,
      detail: { callId: call.id, stageKey: stage.key, applicationIds: input.items.map((i) => i.applicationId) },
    });
    return batch.id;
  });
  return getBatch(db, actor, id);
}

/** Changes a draft: its 文号 and/or its applications (replaced whole, in ranking order). Stale revision → 409. */
export async function updateBatch(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { revision: number; letterNumber?: string | null | undefined; items?: ItemInput[] | undefined }) {
  const l = await loadOwn(db, actor, id);
  if (l.batch.status !== 'draft') throw notDraft();
  if (!can(actor, 'recommendation.prepare', l.subject)) throw new AppError('FORBIDDEN');
  if (input.items) checkItems(l.stage, input.items);
  await db.transaction(async (tx) => {
    await repo.lockCall(tx, l.call.id);
    const locked = (await repo.lockById(tx, id))!;
    if (locked.status !== 'draft') throw notDraft();
    if (locked.revision !== input.revision) throw stale(locked.revision, input.revision);
    if (input.items) {
      await loadItems(tx, actor, l.call, l.stage, input.items, id);
      await repo.replaceItems(tx, id, input.items);
    }
    const letterNumber = input.letterNumber === undefined ? locked.letterNumber : input.letterNumber?.trim() || null;
    await repo.update(tx, id, { letterNumber });
    await audit.recordInTx(tx, ctx, {
      action: 'recommendation.update',
      objectType: 'recommendation',
      objectId: id,
      detail: { letterNumber, ...(input.items ? { applicationIds: input.items.map((i) => i.applicationId) } : {}) },
    });
  });
  return getBatch(db, actor, id);
}

/** Links the signed and sealed scans (uploaded first through POST /api/files by the actor's organisation). */
export async function attachDocuments(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { letterFileId?: string | undefined; commitmentFileId?: string | undefined }) {
  const l = await loadOwn(db, actor, id);
  if (!input.letterFileId && !input.commitmentFileId) throw fieldError('body', '请至少提供推荐函或信用承诺书的扫描件', 'give the letter scan, the commitment scan or both');
  if (input.commitmentFileId && !l.stage.documents?.includes('authority_commitment'))
    throw fieldError('body.commitmentFileId', '本推荐环节不需要主管部门信用承诺书', 'this stage takes no authority commitment');
  if (l.batch.status !== 'draft') throw notDraft();
  if (!can(actor, 'recommendation.prepare', l.subject)) throw new AppError('FORBIDDEN');
  const files = await authoriseFiles(db, actor, 'file.attach', [input.letterFileId, input.commitmentFileId].filter((f): f is string => !!f));
  await db.transaction(async (tx) => {
    const locked = (await repo.lockById(tx, id))!;
    if (locked.status !== 'draft') throw notDraft();
    await repo.update(tx, id, { ...(input.letterFileId ? { letterFileId: input.letterFileId } : {}), ...(input.commitmentFileId ? { commitmentFileId: input.commitmentFileId } : {}) });
    await audit.recordInTx(tx, ctx, {
      action: 'recommendation.documents',
      objectType: 'recommendation',
      objectId: id,
      detail: { ...input, sha256: files.map((f) => f.sha256) },
    });
  });
  return getBatch(db, actor, id);
}

/** 主送 of the letter: whoever works the next stage over the recommending unit's jurisdiction. */
async function addressees(db: DbOrTx, actor: Actor, next: StageTemplate | undefined): Promise<string[]> {
  if (!next || !actor.jurisdictionPath) return [];
  const orgs = (await Promise.all(stageOrgs(next.actor).map((o) => governingOrgsOver(db, actor.jurisdictionPath!, o.kind, o.level)))).flat();
  return [...new Set(orgs.map((o) => o.name))];
}

async function letterFacts(db: DbOrTx, actor: Actor, l: Loaded): Promise<LetterFacts> {
  return {
    unitName: (await findOrganisation(db, l.batch.recommenderOrgId))!.name,
    letterNumber: l.batch.letterNumber,
    callTitle: l.call.title,
    callYear: l.call.year,
    callLevel: l.call.level,
    professionalOnly: l.call.eligibleCategories.length > 0 && l.call.eligibleCategories.every((c) => c === 'professional'),
    addressees: await addressees(db, actor, stageAfterIn(l.call.chain!, l.stage.key)),
    rows: l.facts.map((f) => ({ spaceName: f.space.name, operatorName: f.space.operator.name, regionName: f.space.regionName, category: f.space.category })),
    withCommitment: !!l.stage.documents?.includes('authority_commitment'),
    date: shanghaiDate(new Date()),
  };
}

/** 推荐函 prefilled for signing and sealing; the download is audited. */
export async function letterDocument(db: Db, actor: Actor, ctx: AuditContext, id: string) {
  const l = await loadOwn(db, actor, id);
  const facts = await letterFacts(db, actor, l);
  const buffer = await letterDocx(facts);
  await audit.record(db, ctx, { action: 'recommendation.letter.download', objectType: 'recommendation', objectId: id });
  return { buffer, fileName: `推荐函-${filingSubject(facts)}.docx` };
}

/** 主管部门信用承诺书 (001 附件5) prefilled, only where the stage asks for it; the download is audited. */
export async function commitmentDocument(db: Db, actor: Actor, ctx: AuditContext, id: string) {
  const l = await loadOwn(db, actor, id);
  if (!l.stage.documents?.includes('authority_commitment'))
    throw new AppError('STATE_CONFLICT', { zh: '本推荐环节不需要主管部门信用承诺书', en: 'This recommend stage takes no authority commitment' });
  const facts = await letterFacts(db, actor, l);
  const buffer = await authorityCommitmentDocx(facts);
  await audit.record(db, ctx, { action: 'recommendation.commitment.download', objectType: 'recommendation', objectId: id });
  return { buffer, fileName: `主管部门信用承诺书-${facts.unitName}.docx` };
}

/**
 * The recommending organisation's admin sends the batch on: with the signed letter (and commitment
 * where the stage asks), in one transaction every application advances to the next stage, the batch
 * is marked sent, and the applicants and the next stage's workers are told. Of two concurrent sends
 * the second finds the batch sent (the row lock queues it) and gets 409.
 */
export async function sendBatch(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { revision: number }) {
  const l = await loadOwn(db, actor, id);
  if (!can(actor, 'recommendation.send', l.subject)) throw new AppError('FORBIDDEN');
  if (l.batch.status !== 'draft') throw notDraft();
  const missing: FieldError[] = [];
  if (!l.batch.letterFileId) missing.push({ field: 'letterFileId', message: '请先上传签字盖章的推荐函扫描件', messageEn: 'upload the signed and sealed letter first' });
  if (l.stage.documents?.includes('authority_commitment') && !l.batch.commitmentFileId)
    missing.push({ field: 'commitmentFileId', message: '请先上传盖章的主管部门信用承诺书扫描件', messageEn: 'upload the sealed authority commitment first' });
  if (missing.length) throw fieldsError('STATE_CONFLICT', missing);
  const next = stageAfterIn(l.call.chain!, l.stage.key)!;
  await db.transaction(async (tx) => {
    const locked = (await repo.lockById(tx, id))!;
    if (locked.status !== 'draft') throw notDraft();
    if (locked.revision !== input.revision) throw stale(locked.revision, input.revision);
    for (const f of l.facts) {
      try {
        await transitionInTx(tx, ctx, actor, f.app.id, { action: 'advance', atStage: l.stage.key, enterStage: next, detail: { recommendationId: id, letterNumber: locked.letterNumber } });
      } catch (err) {
        // Say which application moved on meanwhile (withdrawn, cancelled…): the batch must be edited.
        if (err instanceof AppError && (err.code === 'MOVED_ON' || err.code === 'STATE_CONFLICT'))
          throw new AppError(err.code, { zh: `“${f.space.name}”：${err.message}；请从批次中移除后再报送`, en: `"${f.space.name}": ${err.messageEn}; remove it from the batch and send again` });
        throw err;
      }
      const moved = (await requireSubmissionFacts(tx, f.app.id));
      await notifyApplicant(tx, moved, 'recommendation.sent');
      await notifyStageWorkers(tx, moved, next, 'stage.arrived');
    }
    await repo.update(tx, id, { status: 'sent', sentAt: new Date() });
    await audit.recordInTx(tx, ctx, {
      action: 'recommendation.send',
      objectType: 'recommendation',
      objectId: id,
      detail: { stageKey: l.stage.key, toStage: next.key, letterNumber: locked.letterNumber, applicationIds: l.facts.map((f) => f.app.id) },
    });
  });
  return getBatch(db, actor, id);
}

/** The actor's organisation's batches, newest first. */
export async function listBatches(db: Db, actor: Actor, page: number, pageSize: number) {
  if (!can(actor, 'recommendation.prepare')) throw new AppError('FORBIDDEN');
  const { items, total } = await repo.listByOrg(db, actor.org.id, page, pageSize);
  const calls = new Map<string, CallDetail>();
  for (const { batch } of items) if (!calls.has(batch.callId)) calls.set(batch.callId, (await findCall(db, batch.callId))!);
  return {
    items: items.map(({ batch, count }) => {
      const call = calls.get(batch.callId)!;
      return {
        id: batch.id,
        call: { id: call.id, title: call.title, year: call.year },
        stageKey: batch.stageKey,
        stageName: stageIn(call.chain!, batch.stageKey)?.name ?? batch.stageKey,
        letterNumber: batch.letterNumber,
        status: batch.status,
        revision: batch.revision,
        count,
        createdAt: batch.createdAt,
        sentAt: batch.sentAt,
      };
    }),
    total,
    page,
    pageSize,
  };
}

/** The sent recommendation(s) that carried an application, for later stages and the applicant. */
export async function packageFor(db: Db, actor: Actor, applicationId: string) {
  const f = await submissionFacts(db, applicationId);
  if (!f || !readsPackage(actor, { operatorOrgId: f.app.operatorOrgId, spaceRegionPath: f.space.regionPath })) throw notFound({ zh: '申请不存在', en: 'No such application' });
  const batches = await repo.sentFor(db, applicationId);
  return {
    items: await Promise.all(
      batches.map(async (b) => {
        const [recommender, files, items] = await Promise.all([
          findOrganisation(db, b.recommenderOrgId),
          linkedFileMeta(db, [b.letterFileId, b.commitmentFileId].filter((x): x is string => !!x)),
          repo.items(db, b.id),
        ]);
        const link = (kind: 'letter' | 'commitment', fileId: string | null) => {
          const file = files.find((x) => x.id === fileId);
          return file ? [{ kind, fileId: file.id, name: file.originalName, url: `/api/recommendations/${b.id}/files/${file.id}` }] : [];
        };
        return {
          id: b.id,
          stageKey: b.stageKey,
          stageName: f.chain ? (stageIn(f.chain, b.stageKey)?.name ?? b.stageKey) : b.stageKey,
          letterNumber: b.letterNumber,
          recommender: { id: recommender!.id, name: recommender!.name },
          sentAt: b.sentAt!,
          count: items.length,
          position: items.find((i) => i.applicationId === applicationId)?.position ?? null,
          files: [...link('letter', b.letterFileId), ...link('commitment', b.commitmentFileId)],
        };
      }),
    ),
  };
}

/**
 * A scan of a batch: for its own organisation, and once sent for whoever reads the package of one
 * of its applications. Opened through the file store (audited with the batch).
 */
export async function openBatchFile(db: Db, config: Config, actor: Actor, ctx: AuditContext, id: string, fileId: string) {
  const batch = await repo.findById(db, id);
  const gone = () => notFound({ zh: '文件不存在', en: 'No such file' });
  if (!batch || (fileId !== batch.letterFileId && fileId !== batch.commitmentFileId)) throw gone();
  let allowed = ownsBatch(actor, batch.recommenderOrgId);
  if (!allowed && batch.status === 'sent')
    for (const item of await repo.items(db, id)) {
      const f = await submissionFacts(db, item.applicationId);
      if (f && readsPackage(actor, { operatorOrgId: f.app.operatorOrgId, spaceRegionPath: f.space.regionPath })) {
        allowed = true;
        break;
      }
    }
  if (!allowed) throw gone();
  return openLinkedFile(db, config, ctx, fileId, { objectType: 'recommendation', objectId: id });
}
