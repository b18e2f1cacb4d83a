import type { Readable } from 'node:stream';
import type { Config } from '../../config.ts';
import type { Db, DbOrTx, Tx } from '../../db/client.ts';
import { AppError, fieldError, notFound, type FieldError } from '../../shared/errors.ts';
import { violatedUniqueConstraint } from '../../shared/validation/unique-violation.ts';
import { maskPersonal, unmaskedInput } from '../../shared/validation/masking.ts';
import { REVEAL_AUDIT_ACTION } from '../../shared/http/reveal.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { findCallForActor, findCallsByIds, type CallDetail } from '../calls/index.ts';
import { activeBan } from '../credit/index.ts';
import { evaluateRuleSet } from '../criteria/index.ts';
import {
  csvWithBom,
  entryPath,
  shanghaiDate,
  shanghaiDateTime,
  shanghaiIso,
  uniqueEntryNames,
  zipStream,
} from '../documents/index.ts';
import { authoriseFiles, openLinkedFile } from '../files/index.ts';
import { hasRole, type Actor } from '../../shared/actor.ts';
import { expertCleared } from '../experts/index.ts';
import { stageIn, type Chain } from '../../shared/chains.ts';
import { spacesFiledAt } from '../filings/index.ts';
import { notify } from '../notify/index.ts';
import {
  createSubmissionInTx,
  findSubmission,
  lockSubmissionInTx,
  nextStatus,
  notifyStageWorkers,
  patchSubmissionInTx,
  recordSubmissionEventInTx,
  requireSubmissionFacts,
  setSubmissionMetaInTx,
  staleRevision,
  submissionEvents,
  submissionFacts,
  transitionInTx,
  type SubmissionFacts,
  type SubmissionRow,
  type TransitionAction,
} from '../workflow/index.ts';
import { pathWithin } from '../regions/index.ts';
import { findSpaceInScope, findSpacesByIds, spaceProfileFacts, type SpaceDetail } from '../spaces/index.ts';
import { applicationDocx, commitmentDocx } from './documents.ts';
import {
  checkBasicInfo,
  missingBasicInfo,
  missingReport,
  normaliseBasicInfo,
  PERSONAL_FIELDS,
  sanitiseReport,
  type BasicInfo,
  type Indicators,
  type PersonalField,
  type Report,
} from './dossier.ts';
import { abilitiesOn, can, EDITABLE, type ApplicationAction, type ApplicationSubject } from './policy.ts';
import { buildProfile, prefillBasicInfo, SLOT_APPLICANT_COMMITMENT } from './profile.ts';
import * as repo from './repository.ts';

const NOT_FOUND = { zh: '申请不存在', en: 'No such application' };
const notEditable = () => new AppError('NOT_EDITABLE', { zh: '申请已提交，不能再修改；如需修改请先撤回', en: 'The application has been submitted; withdraw it to change it' });

interface Loaded {
  app: SubmissionRow;
  call: CallDetail;
  space: SpaceDetail;
  chain: Chain | null;
  subject: ApplicationSubject;
}

/**
 * Loads an application the actor may read (else 404, whether it exists or not), with its call and
 * space, then checks `action`: a transition the table does not allow from the current state is a
 * 409 naming the state, any other refusal a 403.
 */
async function loadInScope(db: DbOrTx, actor: Actor, id: string, action: ApplicationAction, transition?: TransitionAction): Promise<Loaded> {
  // No facts also when PostgreSQL's row-level security hides the space from this actor's region (an outsider).
  const facts = await submissionFacts(db, id);
  if (!facts) throw notFound(NOT_FOUND);
  const { app, space, call, chain } = facts;
  const subject = await subjectOf(db, actor, facts);
  if (!can(actor, 'application.read', subject) && !can(actor, action, subject)) throw notFound(NOT_FOUND);
  if (transition) nextStatus(app.status, transition);
  else if ((action === 'application.edit' || action === 'application.attach' || action === 'application.confirm_commitment') && !EDITABLE.includes(app.status))
    throw notEditable();
  if (!can(actor, action, subject)) throw new AppError('FORBIDDEN');
  return { app, call, space, chain, subject };
}

/** What the policy needs to decide on the application for `actor`. */
async function subjectOf(db: DbOrTx, actor: Actor, { app, space, call }: Pick<SubmissionFacts, 'app' | 'space' | 'call'>): Promise<ApplicationSubject> {
  return {
    operatorOrgId: app.operatorOrgId,
    status: app.status,
    spaceRegionPath: space.regionPath,
    callRegionPath: call.regionPath,
    expertCleared: hasRole(actor, 'expert') && (await expertCleared(db, actor.userId, app.id)),
  };
}

const dossierOf = (app: SubmissionRow) => ({
  basicInfo: app.basicInfo as BasicInfo,
  report: app.report as Report,
  indicators: app.indicators as Indicators,
});

/** An operator member opens an application of one of its spaces to a published call, prefilled from the registry. */
export async function createApplication(db: Db, actor: Actor, ctx: AuditContext, input: { callId: string; spaceId: string }) {
  if (!can(actor, 'application.create')) throw new AppError('FORBIDDEN');
  const space = await findSpaceInScope(db, actor, input.spaceId);
  const call = await findCallForActor(db, actor, input.callId);
  if (call.status !== 'published') throw new AppError('WINDOW_CLOSED', { zh: '该申报批次未发布或已取消', en: 'The call is not published or has been cancelled' });
  if (!pathWithin(space.regionPath, call.regionPath))
    throw fieldError('body.spaceId', `该众创空间不在本批次的申报范围（${call.regionName}）内`, 'the space lies outside the region of the call');
  if (!call.eligibleCategories.includes(space.category))
    throw fieldError('body.spaceId', '本批次不受理该类别的众创空间', 'the call does not take spaces of this category');
  await checkRequiredFiling(db, call, space.id, 'body.spaceId');
  const basicInfo = prefillBasicInfo(await spaceProfileFacts(db, space.id));
  try {
    const app = await db.transaction(async (tx) => {
      const row = await createSubmissionInTx(tx, actor, { kind: call.kind, callId: call.id, spaceId: space.id, operatorOrgId: actor.org.id, basicInfo });
      await audit.recordInTx(tx, ctx, { action: 'application.create', objectType: 'application', objectId: row.id, detail: { callId: call.id, spaceId: space.id } });
      return row;
    });
    return getApplication(db, actor, app.id);
  } catch (err) {
    if (violatedUniqueConstraint(err) === 'applications_call_space_uq')
      throw new AppError('DUPLICATE', { zh: '该众创空间已有本批次的申请，请在“我的申请”中继续填写', en: 'This space already has an application to this call; continue it under My applications' });
    throw err;
  }
}

const LEVEL_NAMES = { city: '市级', province: '省级' } as const;

/**
 * A chain that takes filed spaces only (a province recommending to the national call) refuses a
 * space without an active filing at that level, at opening and again at submission (a filing may
 * have been cancelled meanwhile).
 */
async function checkRequiredFiling(db: DbOrTx, call: CallDetail, spaceId: string, field: string) {
  const level = call.chain?.requiresFiling;
  if (level && !(await spacesFiledAt(db, [spaceId], level)).has(spaceId))
    throw fieldError(field, `本批次仅受理已获${LEVEL_NAMES[level]}备案的众创空间，该众创空间尚无有效的${LEVEL_NAMES[level]}备案`, `the call takes spaces holding an active ${level} filing only`);
}

/** The operator's applications, newest first, with their call and space names. */
export async function listMyApplications(db: Db, actor: Actor, page: number, pageSize: number) {
  if (!can(actor, 'application.list')) throw new AppError('FORBIDDEN');
  const { items, total } = await repo.listByOperator(db, actor.org.id, page, pageSize);
  // Two batched reads whatever the page size; the operator's own applications name its own spaces.
  const [callRows, spaceRows] = await Promise.all([findCallsByIds(db, [...new Set(items.map((a) => a.callId))]), findSpacesByIds(db, [...new Set(items.map((a) => a.spaceId))])]);
  const calls = new Map(callRows.map((c) => [c.id, c]));
  const spaces = new Map(spaceRows.map((sp) => [sp.id, sp]));
  return {
    items: items.map((a) => {
      const call = calls.get(a.callId)!;
      return {
        id: a.id,
        status: a.status,
        revision: a.revision,
        call: { id: call.id, title: call.title, closesAt: call.closesAt },
        space: { id: a.spaceId, name: spaces.get(a.spaceId)!.name },
        deadline: deadlineOf(a, call),
        submittedAt: a.submittedAt,
        updatedAt: a.updatedAt,
      };
    }),
    total,
    page,
    pageSize,
  };
}

/** The effective deadline: the call's closing time, or the application's later extension. */
const deadlineOf = (app: SubmissionRow, call: CallDetail) =>
  app.deadlineExtendedUntil && app.deadlineExtendedUntil > call.closesAt ? app.deadlineExtendedUntil : call.closesAt;

/** The form's personal data, masked unless the actor may read it in full (SECURITY-CHECKLIST 18). */
function maskedFor(actor: Actor, subject: ApplicationSubject, info: BasicInfo): BasicInfo {
  if (can(actor, 'application.read_personal', subject)) return info;
  const out = { ...info };
  for (const f of PERSONAL_FIELDS) if (out[f]) out[f] = maskPersonal(out[f]);
  return out;
}

/**
 * One personal field of the 基础信息表 in full, for governing staff who read the dossier (and the
 * applicant's admin): the audit row names the field and the reason, never the value.
 */
export async function revealPersonal(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { field: PersonalField; reason: string }) {
  const { app } = await loadInScope(db, actor, id, 'application.reveal_personal');
  await audit.record(db, ctx, { action: REVEAL_AUDIT_ACTION, objectType: 'application', objectId: id, detail: { field: `basicInfo.${input.field}`, reason: input.reason } });
  return { field: input.field, value: dossierOf(app).basicInfo[input.field] ?? null };
}

/**
 * What a submission still lacks, all of it at once: 基础信息表 fields, 申报书 sections and cases,
 * required material slots, and the commitment's confirmation when the call asks for the letter.
 */
function missingItems(call: CallDetail, app: SubmissionRow, attachments: repo.AttachmentRow[]): FieldError[] {
  const { basicInfo, report } = dossierOf(app);
  const filled = new Set(attachments.map((a) => a.slotKey));
  const out = [...missingBasicInfo(basicInfo), ...checkBasicInfo(basicInfo), ...missingReport(report)];
  for (const slot of call.materialSlots)
    if (slot.required && !filled.has(slot.key))
      out.push({ field: `attachments.${slot.key}`, message: `${slot.name}未上传`, messageEn: `${slot.name} (${slot.key}) is not uploaded` });
  if (call.materialSlots.some((s) => s.key === SLOT_APPLICANT_COMMITMENT) && !app.commitmentConfirmedAt)
    out.push({ field: 'commitment', message: '申报单位信用承诺书尚未经法定代表人确认', messageEn: 'The legal representative has not confirmed the credit commitment' });
  return out;
}

/** The dossier with its attachments, history, what is missing and what the actor may do. */
export async function getApplication(db: Db, actor: Actor, id: string) {
  const { app, call, space, subject } = await loadInScope(db, actor, id, 'application.read');
  return present(db, actor, app, call, space, subject);
}

async function present(db: DbOrTx, actor: Actor, app: SubmissionRow, call: CallDetail, space: SpaceDetail, subject: ApplicationSubject) {
  const [attachments, events] = await Promise.all([repo.attachments(db, app.id), submissionEvents(db, app.id)]);
  const { basicInfo, report, indicators } = dossierOf(app);
  return {
    id: app.id,
    status: app.status,
    revision: app.revision,
    call: {
      id: call.id,
      title: call.title,
      level: call.level,
      opensAt: call.opensAt,
      closesAt: call.closesAt,
      materialSlots: call.materialSlots,
      ruleSet: call.ruleSet,
    },
    space: { id: space.id, name: space.name, category: space.category },
    operator: { id: space.operator.id, name: space.operator.name },
    deadline: deadlineOf(app, call),
    deadlineExtendedUntil: app.deadlineExtendedUntil,
    basicInfo: maskedFor(actor, subject, basicInfo),
    report,
    indicators,
    attachments: attachments.map((a) => ({
      id: a.id,
      slotKey: a.slotKey,
      fileId: a.fileId,
      fileName: a.fileName,
      sizeBytes: a.sizeBytes,
      sha256: a.sha256,
      addedBy: a.addedBy,
      addedByName: a.addedByName,
      addedAt: a.addedAt,
    })),
    commitment: { confirmedAt: app.commitmentConfirmedAt, confirmedBy: app.commitmentConfirmedBy },
    missing: missingItems(call, app, attachments),
    history: events.map((e) => ({ at: e.at, actorUserId: e.actorUserId, action: e.action, fromStatus: e.fromStatus, toStatus: e.toStatus, note: e.note })),
    submittedAt: app.submittedAt,
    stage: stagePresent(call.chain, app),
    round: app.round,
    resubmitDueAt: app.resubmitDueAt,
    createdAt: app.createdAt,
    updatedAt: app.updatedAt,
    abilities: abilitiesOn(actor, subject),
  };
}

export interface DossierInput {
  revision: number;
  basicInfo?: BasicInfo;
  report?: Report;
  indicators?: Indicators;
}

/**
 * Saves the parts sent, each replacing its stored part whole (autosave sends what the form holds).
 * A draft may be incomplete, but what is filled in must be well-formed and consistent. A stale
 * revision answers 409 and the stored dossier stays exactly as it was.
 */
export async function saveDossier(db: Db, actor: Actor, ctx: AuditContext, id: string, input: DossierInput) {
  const { app, call, space, subject } = await loadInScope(db, actor, id, 'application.edit');
  const patch: Partial<Pick<SubmissionRow, 'basicInfo' | 'report' | 'indicators'>> = {};
  if (input.basicInfo) {
    // Staff edit a form that shows the mobiles masked: what comes back masked keeps the stored number.
    const stored = dossierOf(app).basicInfo;
    const sent = { ...input.basicInfo };
    for (const f of PERSONAL_FIELDS) {
      const kept = unmaskedInput(sent[f], stored[f]);
      if (kept !== undefined) sent[f] = kept;
    }
    const info = normaliseBasicInfo(sent);
    const errors = checkBasicInfo(info, 'body.basicInfo');
    if (errors.length)
      throw new AppError('VALIDATION_FAILED', { zh: errors.map((e) => e.message).join('；'), en: errors.map((e) => e.messageEn).join('; '), fields: errors });
    patch.basicInfo = info;
  }
  if (input.report) patch.report = sanitiseReport(input.report);
  if (input.indicators) patch.indicators = input.indicators;
  const saved = await db.transaction(async (tx) => {
    const row = await patchSubmissionInTx(tx, id, { revision: input.revision, statuses: EDITABLE }, patch);
    if (!row) throw await staleSave(tx, id, input.revision);
    await audit.recordInTx(tx, ctx, { action: 'application.dossier.save', objectType: 'application', objectId: id, detail: { revision: row.revision, parts: Object.keys(patch) } });
    return row;
  });
  return present(db, actor, saved, call, space, { ...subject, status: saved.status });
}

/** Why a conditional update found nothing to change: the state moved on, or someone saved first. */
async function staleSave(db: DbOrTx, id: string, revision: number): Promise<AppError> {
  const current = (await findSubmission(db, id))!;
  if (!EDITABLE.includes(current.status)) return notEditable();
  return staleRevision(current.revision, revision);
}

/** Puts one of the operator's own files into a material slot of the call. */
export async function attachFile(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { slotKey: string; fileId: string }) {
  const { call } = await loadInScope(db, actor, id, 'application.attach');
  if (!call.materialSlots.some((s) => s.key === input.slotKey))
    throw fieldError('body.slotKey', '本批次没有该材料项', 'the call has no such material slot');
  const [file] = await authoriseFiles(db, actor, 'file.attach', [input.fileId]);
  return db.transaction(async (tx) => {
    await lockEditable(tx, id);
    const row = await repo.insertAttachment(tx, {
      applicationId: id,
      slotKey: input.slotKey,
      fileId: file!.id,
      fileName: file!.originalName,
      sizeBytes: file!.sizeBytes,
      sha256: file!.sha256,
      addedBy: actor.userId,
      addedByName: actor.displayName,
    });
    await audit.recordInTx(tx, ctx, { action: 'application.attach', objectType: 'application', objectId: id, detail: { slotKey: input.slotKey, fileId: file!.id, sha256: file!.sha256 } });
    return row;
  });
}

export async function detachFile(db: Db, actor: Actor, ctx: AuditContext, id: string, attachmentId: string) {
  await loadInScope(db, actor, id, 'application.attach');
  await db.transaction(async (tx) => {
    await lockEditable(tx, id);
    const removed = await repo.deleteAttachment(tx, id, attachmentId);
    if (!removed) throw notFound({ zh: '附件不存在', en: 'No such attachment' });
    await audit.recordInTx(tx, ctx, { action: 'application.detach', objectType: 'application', objectId: id, detail: { slotKey: removed.slotKey, fileId: removed.fileId } });
  });
}

/** Attachments change only while the dossier is editable; the lock queues them behind a concurrent submission. */
async function lockEditable(tx: Tx, id: string) {
  const row = await lockSubmissionInTx(tx, id);
  if (!EDITABLE.includes(row.status)) throw notEditable();
  return row;
}

/** The facts the evaluation needs, read in `db` (the submission's transaction, or plain reads). */
async function profileOf(db: DbOrTx, app: SubmissionRow) {
  const [facts, attachments] = await Promise.all([spaceProfileFacts(db, app.spaceId), repo.attachments(db, app.id)]);
  return buildProfile(facts, { ...dossierOf(app), filledSlots: new Set(attachments.map((a) => a.slotKey)), commitmentConfirmed: !!app.commitmentConfirmedAt });
}

/**
 * The self-assessment (003 第七条): the call's pinned rule set against the dossier. Failing
 * conditions are warnings for the applicant; they never block submission.
 */
export async function assessApplication(db: Db, actor: Actor, id: string) {
  const { app, call } = await loadInScope(db, actor, id, 'application.read');
  if (!call.ruleSetId) return { ruleSet: null, evaluation: null };
  return { ruleSet: call.ruleSet, evaluation: await evaluateRuleSet(db, actor, call.ruleSetId, await profileOf(db, app)) };
}

/** 申报单位信用承诺书 (001 附件4) prefilled for signing and sealing; the download is audited. */
export async function commitmentDocument(db: Db, actor: Actor, ctx: AuditContext, id: string) {
  const { app, call, space } = await loadInScope(db, actor, id, 'application.read');
  const buffer = await commitmentDocx({ operatorName: space.operator.name, spaceName: space.name, callTitle: call.title, legalRepresentative: dossierOf(app).basicInfo.legalRepresentative });
  await audit.record(db, ctx, { action: 'application.commitment.download', objectType: 'application', objectId: id });
  return { buffer, fileName: `申报单位信用承诺书-${space.name}.docx` };
}

/** The operator admin records that the legal representative confirmed the commitment. */
export async function confirmCommitment(db: Db, actor: Actor, ctx: AuditContext, id: string) {
  await loadInScope(db, actor, id, 'application.confirm_commitment');
  const at = new Date();
  await db.transaction(async (tx) => {
    await lockEditable(tx, id);
    await setSubmissionMetaInTx(tx, id, { commitmentConfirmedAt: at, commitmentConfirmedBy: actor.userId });
    await recordSubmissionEventInTx(tx, { submissionId: id, actorUserId: actor.userId, action: 'commitment.confirm' });
    await audit.recordInTx(tx, ctx, { action: 'application.commitment.confirm', objectType: 'application', objectId: id, detail: { at: at.toISOString() } });
  });
  return getApplication(db, actor, id);
}

/** The people of the applicant this application names (creator, confirmer), other than the actor. */
const applicantPeople = (app: SubmissionRow, actor: Actor) =>
  [app.createdBy, app.commitmentConfirmedBy].filter((u): u is string => !!u && u !== actor.userId);

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

/**
 * The row locked for an applicant's move: the move must be open from its state, the revision the
 * one the applicant read, and nothing may be missing (all of it listed at once, 422).
 */
async function lockedComplete(tx: Tx, call: CallDetail, id: string, action: TransitionAction, revision: number) {
  const locked = await lockSubmissionInTx(tx, id);
  nextStatus(locked.status, action);
  if (locked.revision !== revision) throw await staleSave(tx, id, revision);
  const missing = missingItems(call, locked, await repo.attachments(tx, id));
  if (missing.length)
    throw new AppError('APPLICATION_INCOMPLETE', {
      zh: `申报材料不完整，还缺 ${missing.length} 项：${missing.map((m) => m.message).join('；')}`,
      en: `${missing.length} item(s) missing: ${missing.map((m) => m.messageEn).join('; ')}`,
      fields: missing,
    });
  return locked;
}

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

/** Takes a submitted application back while its review has not started. */
export async function withdrawApplication(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { revision: number; reason?: string }) {
  const { call, space, subject } = await loadInScope(db, actor, id, 'application.withdraw', 'withdraw');
  const withdrawn = await db.transaction(async (tx) => {
    const locked = await lockSubmissionInTx(tx, id);
    nextStatus(locked.status, 'withdraw');
    if (locked.revision !== input.revision) throw await staleSave(tx, id, input.revision);
    const { to: row } = await transitionInTx(tx, ctx, actor, id, { action: 'withdraw', expectedRevision: input.revision, note: input.reason ?? null });
    await notify(tx, applicantPeople(locked, actor), { title: '备案申请已撤回', body: `“${space.name}”对“${call.title}”的申请已撤回。`, link: `/app/applications/${id}` });
    return row;
  });
  return present(db, actor, withdrawn, call, space, { ...subject, status: withdrawn.status });
}

/** An authority admin over the call's region lets this application be submitted until `until`. */
export async function extendDeadline(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { until: string; reason: string }) {
  const now = new Date();
  const { call, space, subject } = await loadInScope(db, actor, id, 'application.extend', 'extend');
  const until = new Date(input.until);
  const row = await db.transaction(async (tx) => {
    // Decided under the lock: a returned application's due date is its resubmission date; any other's, the call's deadline.
    const locked = await lockSubmissionInTx(tx, id);
    const returned = locked.status === 'returned';
    if (returned ? until <= now : until <= now || until <= call.closesAt)
      throw fieldError('body.until', returned ? '重新提交期限须晚于当前时间' : '延期截止时间须晚于当前时间和本批次截止时间', returned ? 'must be later than now' : 'must be later than now and than the call’s closing time');
    const previous = returned ? locked.resubmitDueAt : locked.deadlineExtendedUntil;
    const { to } = await transitionInTx(tx, ctx, actor, id, {
      action: 'extend',
      keepRevision: true,
      patch: returned ? { resubmitDueAt: until } : { deadlineExtendedUntil: until },
      note: input.reason,
      detail: { until: until.toISOString(), previous: previous?.toISOString() ?? null, reason: input.reason, ...(returned ? { resubmission: true } : {}) },
    });
    await notify(tx, applicantPeople(locked, actor), {
      title: returned ? '重新提交期限已延长' : '申报截止时间已延期',
      body: `“${space.name}”对“${call.title}”的申请可${returned ? '重新' : ''}提交至${shanghaiDateTime(until)}。`,
      link: `/app/applications/${id}`,
    });
    return to;
  });
  return present(db, actor, row, call, space, { ...subject, status: row.status });
}

/** The application as one Word document (基础信息表 + 申报书); the export is audited. */
export async function exportDocx(db: Db, actor: Actor, ctx: AuditContext, id: string) {
  const { app, call, space, subject } = await loadInScope(db, actor, id, 'application.export');
  const { basicInfo, report } = dossierOf(app);
  const buffer = await applicationDocx({ callTitle: call.title, spaceName: space.name, basicInfo: maskedFor(actor, subject, basicInfo), report });
  await audit.record(db, ctx, { action: 'application.export.docx', objectType: 'application', objectId: id });
  return { buffer, fileName: `备案申报材料-${space.name}.docx` };
}

/**
 * Every attached file in a ZIP, one folder per material slot, with manifest.csv (UTF-8 with BOM)
 * listing slot, file name, size and sha256. Each file is opened through the file store (which
 * audits its download); the export itself is audited before the first byte leaves.
 */
export async function materialsZip(db: Db, config: Config, actor: Actor, ctx: AuditContext, id: string): Promise<{ stream: Readable; fileName: string }> {
  const { call, space } = await loadInScope(db, actor, id, 'application.export_materials');
  const attachments = await repo.attachments(db, id);
  const slotName = new Map(call.materialSlots.map((s) => [s.key, s.name]));
  const paths = uniqueEntryNames(attachments.map((a) => entryPath(slotName.get(a.slotKey) ?? a.slotKey, a.fileName)));
  await audit.record(db, ctx, { action: 'application.export.materials', objectType: 'application', objectId: id, detail: { files: attachments.length } });
  const opened: Readable[] = [];
  try {
    for (const a of attachments) opened.push((await openLinkedFile(db, config, ctx, a.fileId, { objectType: 'application', objectId: id })).stream);
  } catch (err) {
    for (const s of opened) s.destroy();
    throw err;
  }
  const manifest = csvWithBom([
    ['材料项 slot', '材料名称 slot name', '文件 path', '原文件名 file name', '大小（字节） size', 'SHA-256', '上传人 uploader', '上传时间 uploaded at'],
    ...attachments.map((a, i) => [a.slotKey, slotName.get(a.slotKey) ?? '', paths[i]!, a.fileName, a.sizeBytes, a.sha256, a.addedByName, shanghaiIso(a.addedAt)]),
  ]);
  const stream = zipStream([{ name: 'manifest.csv', data: manifest }, ...paths.map((name, i) => ({ name, data: opened[i]! }))]);
  return { stream, fileName: `申报材料-${space.name}.zip` };
}

function stagePresent(chain: Chain | null, app: SubmissionRow) {
  const stage = chain && app.stageKey ? stageIn(chain, app.stageKey) : undefined;
  return stage ? { key: stage.key, kind: stage.kind, name: stage.name, nameEn: stage.nameEn, enteredAt: app.stageEnteredAt, dueAt: app.stageDueAt } : null;
}

/** Keeps what was handed in at this round: reviewers diff rounds after a return. */
async function snapshotRound(tx: Tx, row: SubmissionRow, actor: Actor) {
  const attachments = await repo.attachments(tx, row.id);
  await repo.insertRound(tx, {
    applicationId: row.id,
    round: row.round,
    submittedBy: actor.userId,
    basicInfo: row.basicInfo,
    report: row.report,
    indicators: row.indicators,
    attachments: attachments.map((a) => ({ slotKey: a.slotKey, fileId: a.fileId, fileName: a.fileName, sha256: a.sha256 })),
  });
}

/** The submission rounds of an application as `actor` may see them: personal data masked as in the dossier. */
export async function roundsOf(db: DbOrTx, actor: Actor, id: string) {
  const [facts, rounds] = await Promise.all([submissionFacts(db, id), repo.rounds(db, id)]);
  if (!facts) throw notFound(NOT_FOUND);
  const subject = await subjectOf(db, actor, facts);
  return rounds.map((r) => ({ ...r, basicInfo: maskedFor(actor, subject, r.basicInfo as BasicInfo) }));
}

/** Throws 404 unless the actor may read the application (the applicant, governing staff, a cleared expert). */
export async function assertReadable(db: DbOrTx, actor: Actor, id: string): Promise<void> {
  await loadInScope(db, actor, id, 'application.read');
}
