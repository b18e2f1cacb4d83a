/** What every action of the dossier shares: loading in scope, the subject the policy decides on, presenting, the checks before a move. */
import type { DbOrTx, Tx } from '../../db/client.ts';
import { AppError, fieldError, notFound, type FieldError } from '../../shared/errors.ts';
import { maskPersonal } from '../../shared/validation/masking.ts';
import type { CallDetail } from '../calls/index.ts';
import { hasRole, type Actor } from '../../shared/actor.ts';
import { expertCleared } from '../experts/index.ts';
import { stageIn, type Chain } from '../../shared/chains.ts';
import { spacesFiledAt } from '../filings/index.ts';
import {
  findSubmission,
  lockSubmissionInTx,
  nextStatus,
  peerOfOwnCall,
  staleRevision,
  submissionEvents,
  submissionFacts,
  type SubmissionFacts,
  type SubmissionRow,
  type TransitionAction,
} from '../workflow/index.ts';
import { spaceProfileFacts, type SpaceDetail } from '../spaces/index.ts';
import { checkBasicInfo, missingBasicInfo, missingReport, PERSONAL_FIELDS, type BasicInfo, type Indicators, type Report } from './dossier.ts';
import { abilitiesOn, can, EDITABLE, type ApplicationAction, type ApplicationSubject } from './policy.ts';
import { buildProfile, SLOT_APPLICANT_COMMITMENT } from './profile.ts';
import * as repo from './repository.ts';

export const NOT_FOUND = { zh: '申请不存在', en: 'No such application' };

export const notEditable = () => new AppError('NOT_EDITABLE', { zh: '申请已提交，不能再修改；如需修改请先撤回', en: 'The application has been submitted; withdraw it to change it' });

export interface Loaded {
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
export async function loadInScope(db: DbOrTx, actor: Actor, id: string, action: ApplicationAction, transition?: TransitionAction): Promise<Loaded> {
  // No facts also when PostgreSQL's row-level security hides the space from this actor's region (an outsider).
  const facts = await submissionFacts(db, id);
  if (!facts || peerOfOwnCall(actor, facts)) throw notFound(NOT_FOUND);
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
export async function subjectOf(db: DbOrTx, actor: Actor, { app, space, call }: Pick<SubmissionFacts, 'app' | 'space' | 'call'>): Promise<ApplicationSubject> {
  return {
    operatorOrgId: app.operatorOrgId,
    status: app.status,
    spaceRegionPath: space.regionPath,
    callRegionPath: call.regionPath,
    expertCleared: hasRole(actor, 'expert') && (await expertCleared(db, actor.userId, app.id)),
  };
}

export const dossierOf = (app: SubmissionRow) => ({
  basicInfo: app.basicInfo as BasicInfo,
  report: app.report as Report,
  indicators: app.indicators as Indicators,
});

export const LEVEL_NAMES = { city: '市级', province: '省级' } as const;

/**
 * A chain that takes filed spaces only (a province recommending to the national call) refuses a
 * space without an active filing at that level, at opening and again at submission (a filing may
 * have been cancelled meanwhile).
 */
export async function checkRequiredFiling(db: DbOrTx, call: CallDetail, spaceId: string, field: string) {
  const level = call.chain?.requiresFiling;
  if (level && !(await spacesFiledAt(db, [spaceId], level)).has(spaceId))
    throw fieldError(field, `本批次仅受理已获${LEVEL_NAMES[level]}备案的众创空间，该众创空间尚无有效的${LEVEL_NAMES[level]}备案`, `the call takes spaces holding an active ${level} filing only`);
}

/** The effective deadline: the call's closing time, or the application's later extension. */
export const deadlineOf = (app: SubmissionRow, call: CallDetail) =>
  app.deadlineExtendedUntil && app.deadlineExtendedUntil > call.closesAt ? app.deadlineExtendedUntil : call.closesAt;

/** The form's personal data, masked unless the actor may read it in full (SECURITY-CHECKLIST 18). */
export function maskedFor(actor: Actor, subject: ApplicationSubject, info: BasicInfo): BasicInfo {
  if (can(actor, 'application.read_personal', subject)) return info;
  const out = { ...info };
  for (const f of PERSONAL_FIELDS) if (out[f]) out[f] = maskPersonal(out[f]);
  return out;
}

/**
 * What a submission still lacks, all of it at once: 基础信息表 fields, 申报书 sections and cases,
 * required material slots, and the commitment's confirmation when the call asks for the letter.
 */
export function missingItems(call: CallDetail, app: SubmissionRow, attachments: repo.AttachmentRow[]): FieldError[] {
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

export async function present(db: DbOrTx, actor: Actor, app: SubmissionRow, call: CallDetail, space: SpaceDetail, subject: ApplicationSubject) {
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

/** Why a conditional update found nothing to change: the state moved on, or someone saved first. */
export async function staleSave(db: DbOrTx, id: string, revision: number): Promise<AppError> {
  const current = (await findSubmission(db, id))!;
  if (!EDITABLE.includes(current.status)) return notEditable();
  return staleRevision(current.revision, revision);
}

/** Attachments change only while the dossier is editable; the lock queues them behind a concurrent submission. */
export async function lockEditable(tx: Tx, id: string) {
  const row = await lockSubmissionInTx(tx, id);
  if (!EDITABLE.includes(row.status)) throw notEditable();
  return row;
}

/** The facts the evaluation needs, read in `db` (the submission's transaction, or plain reads). */
export async function profileOf(db: DbOrTx, app: SubmissionRow) {
  const [facts, attachments] = await Promise.all([spaceProfileFacts(db, app.spaceId), repo.attachments(db, app.id)]);
  return buildProfile(facts, { ...dossierOf(app), filledSlots: new Set(attachments.map((a) => a.slotKey)), commitmentConfirmed: !!app.commitmentConfirmedAt });
}

/** The people of the applicant this application names (creator, confirmer), other than the actor. */
export const applicantPeople = (app: SubmissionRow, actor: Actor) =>
  [app.createdBy, app.commitmentConfirmedBy].filter((u): u is string => !!u && u !== actor.userId);

/**
 * The row locked for an applicant's move: the move must be open from its state, the revision the
 * one the applicant read, and nothing may be missing (all of it listed at once, 422).
 */
export async function lockedComplete(tx: Tx, call: CallDetail, id: string, action: TransitionAction, revision: number) {
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

export function stagePresent(chain: Chain | null, app: SubmissionRow) {
  const stage = chain && app.stageKey ? stageIn(chain, app.stageKey) : undefined;
  return stage ? { key: stage.key, kind: stage.kind, name: stage.name, nameEn: stage.nameEn, enteredAt: app.stageEnteredAt, dueAt: app.stageDueAt } : null;
}

/** Keeps what was handed in at this round: reviewers diff rounds after a return. */
export async function snapshotRound(tx: Tx, row: SubmissionRow, actor: Actor) {
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
