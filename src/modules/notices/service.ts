import type { Config } from '../../config.ts';
import type { Db, DbOrTx, Tx } from '../../db/client.ts';
import { stageIn, type StageTemplate } from '../../shared/chains.ts';
import { AppError, fieldError, notFound } from '../../shared/errors.ts';
import { REVEAL_AUDIT_ACTION } from '../../shared/http/reveal.ts';
import { maskPersonal } from '../../shared/validation/masking.ts';
import {
  notifyApplicant,
  notifyStageWorkers,
  requireSubmissionFacts,
  stageAfter,
  STATUS_NAMES,
  submissionFacts,
  submissionsAtStages,
  transitionInTx,
  type SubmissionFacts,
} from '../workflow/index.ts';
import * as audit from '../audit/index.ts';
import { SYSTEM_CONTEXT, type AuditContext } from '../audit/index.ts';
import { findCall } from '../calls/index.ts';
import { shanghaiDateTime, shanghaiIso } from '../documents/index.ts';
import { linkedFileMeta, openLinkedFile, storePublicUpload, type IncomingFile } from '../files/index.ts';
import type { Actor } from '../../shared/actor.ts';
import { sendInTx } from '../jobs/index.ts';
import { fullName } from '../regions/index.ts';
import { can, publishRefusal, type NoticeAction } from './policy.ts';
import * as repo from './repository.ts';

const NOTICE_NOT_FOUND = { zh: '公示不存在', en: 'No such public notice' };
const running = (n: Pick<repo.NoticeRow, 'startsAt' | 'endsAt'>, at: Date) => at >= n.startsAt && at < n.endsAt;

export interface PublishInput {
  callId: string;
  stageKey: string;
  applicationIds: string[];
  title: string;
  body: string;
  startsAt: string;
  endsAt: string;
}

/** The notice stage of a call, or 400 naming the field. */
async function noticeStage(db: DbOrTx, callId: string, stageKey: string): Promise<StageTemplate> {
  const call = await findCall(db, callId);
  if (!call?.chain) throw fieldError('body.callId', '申报批次不存在或未配置审核流程', 'no such call, or it has no review chain');
  const stage = stageIn(call.chain, stageKey);
  if (stage?.kind !== 'notice') throw fieldError('body.stageKey', '该批次的审核流程中没有此公示环节', 'the call’s chain has no such notice stage');
  return stage;
}

/** An application the actor may put on a notice of `stage` (404/403 otherwise), in the state it must be in (409). */
function checkPublishable(actor: Actor, stage: StageTemplate, callId: string, id: string, facts: SubmissionFacts | undefined): SubmissionFacts {
  const refusal = !facts || facts.app.callId !== callId ? 'not_found' : publishRefusal(actor, stage, facts.space.regionPath);
  if (refusal === 'not_found') throw notFound({ zh: `申请 ${id} 不存在或不在本机关公示范围内`, en: `Application ${id} does not exist or is not yours to put on a notice` });
  if (refusal === 'forbidden') throw new AppError('FORBIDDEN', { zh: '只有本机关管理员可以发布公示', en: 'Only the authority’s admin publishes notices' });
  const { app, space } = facts!;
  if (app.stageKey !== stage.key || app.status !== 'in_review')
    throw new AppError('MOVED_ON', {
      zh: `“${space.name}”的申请当前状态为“${STATUS_NAMES[app.status].zh}”${app.stageKey !== stage.key ? '，不在本公示环节' : ''}，不能列入公示`,
      en: `The application of "${space.name}" (${app.id}) is ${STATUS_NAMES[app.status].en}${app.stageKey !== stage.key ? ', not at this notice stage' : ''}; it cannot be put on the notice`,
      details: { applicationId: app.id },
    });
  return facts!;
}

/**
 * The authority admin of a notice stage publishes a notice of applications waiting at that stage.
 * One transaction: the notice, its public entries (names of space, operator and region only), each
 * application into 公示中, the audit row, the applicants told, and the conclusion job at the end.
 */
export async function publishNotice(db: Db, actor: Actor, ctx: AuditContext, input: PublishInput) {
  const now = new Date();
  const [startsAt, endsAt] = [new Date(input.startsAt), new Date(input.endsAt)];
  if (endsAt <= startsAt) throw fieldError('body.endsAt', '公示结束时间须晚于开始时间', 'must be later than startsAt');
  if (endsAt <= now) throw fieldError('body.endsAt', '公示结束时间须晚于当前时间', 'must be in the future');
  if (new Set(input.applicationIds).size !== input.applicationIds.length) throw fieldError('body.applicationIds', '申请不能重复列入', 'lists an application twice');
  const stage = await noticeStage(db, input.callId, input.stageKey);
  // Checked before any write so the answer names the first application that does not fit.
  for (const id of input.applicationIds) checkPublishable(actor, stage, input.callId, id, await submissionFacts(db, id));
  const notice = await db.transaction(async (tx) => {
    const row = await repo.insertNotice(tx, {
      authorityOrgId: actor.org.id,
      callId: input.callId,
      stageKey: stage.key,
      title: input.title,
      body: input.body,
      startsAt,
      endsAt,
      createdBy: actor.userId,
    });
    const entryRows = [];
    for (const [i, id] of input.applicationIds.entries()) {
      // Read again under the transaction: what was checked above may have moved meanwhile.
      const facts = checkPublishable(actor, stage, input.callId, id, await submissionFacts(tx, id));
      entryRows.push({
        noticeId: row.id,
        applicationId: id,
        position: i + 1,
        spaceName: facts.space.name,
        operatorName: facts.space.operator.name,
        regionName: (await fullName(tx, facts.space.regionCode)) ?? facts.space.regionName,
      });
      await transitionInTx(tx, ctx, actor, id, { action: 'open_notice', atStage: stage.key, detail: { noticeId: row.id } });
      await notifyApplicant(tx, facts, 'notice.published', { due: shanghaiDateTime(endsAt) });
    }
    await repo.insertEntries(tx, entryRows);
    await audit.recordInTx(tx, ctx, {
      action: 'notice.publish',
      objectType: 'public_notice',
      objectId: row.id,
      detail: { callId: input.callId, stageKey: stage.key, applicationIds: input.applicationIds, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() },
    });
    await sendInTx(tx, 'notice.conclude', { noticeId: row.id }, { startAfter: endsAt });
    return row;
  });
  return getNotice(db, actor, notice.id);
}

/** Applications of a call waiting at a notice stage the actor works (at `stageKey` if given), for the publish form. */
export async function noticeCandidates(db: Db, actor: Actor, filter: { callId: string; stageKey?: string | undefined }) {
  const call = await findCall(db, filter.callId);
  if (!call?.chain) throw fieldError('querystring.callId', '申报批次不存在或未配置审核流程', 'no such call, or it has no review chain');
  const keys = call.chain
    .stages.filter((s) => s.kind === 'notice' && (!filter.stageKey || s.key === filter.stageKey))
    .map((s) => s.key);
  const waiting = await submissionsAtStages(db, call.id, keys, ['in_review']);
  return {
    items: waiting
      .filter((f) => publishRefusal(actor, f.stage!, f.space.regionPath) !== 'not_found')
      .map((f) => ({
        applicationId: f.app.id,
        space: { id: f.space.id, name: f.space.name },
        operatorName: f.space.operator.name,
        regionName: f.space.regionName,
        call: { id: call.id, title: call.title },
        stage: { key: f.stage!.key, name: f.stage!.name, nameEn: f.stage!.nameEn },
        stageEnteredAt: f.app.stageEnteredAt,
      })),
  };
}

/** The notice of the actor's organisation (404 for anyone else), then `action` (403 when refused). */
async function loadInScope(db: DbOrTx, actor: Actor, id: string, action: NoticeAction) {
  const notice = await repo.findNotice(db, id);
  if (!notice || !can(actor, 'notice.read', notice)) throw notFound(NOTICE_NOT_FOUND);
  if (!can(actor, action, notice)) throw new AppError('FORBIDDEN');
  return notice;
}

/** The authority's notices, newest first, with entry and open-objection counts. */
export async function listNotices(db: Db, actor: Actor, page: number, pageSize: number) {
  const { items, total } = await repo.listNotices(db, { authorityOrgId: actor.org.id }, page, pageSize);
  const now = new Date();
  return { items: items.map((n) => ({ ...summary(n, now), entries: n.entries, openObjections: n.openObjections })), total, page, pageSize };
}

const summary = (n: repo.NoticeRow & { authorityName: string }, now: Date) => ({
  id: n.id,
  title: n.title,
  authority: { id: n.authorityOrgId, name: n.authorityName },
  stageKey: n.stageKey,
  startsAt: n.startsAt,
  endsAt: n.endsAt,
  status: n.status,
  running: running(n, now),
  publishedAt: n.publishedAt,
  concludedAt: n.concludedAt,
});

/** The notice with its entries and every objection (names, contacts masked, grounds, evidence): the authority only. */
export async function getNotice(db: Db, actor: Actor, id: string) {
  const notice = await loadInScope(db, actor, id, 'notice.read');
  const [entries, objections] = await Promise.all([repo.entries(db, id), repo.objectionsOf(db, id)]);
  const evidence = new Map((await linkedFileMeta(db, objections.flatMap((o) => (o.evidenceFileId ? [o.evidenceFileId] : [])))).map((f) => [f.id, f]));
  const now = new Date();
  return {
    ...summary(notice, now),
    body: notice.body,
    callId: notice.callId,
    entries: entries.map((e) => ({
      id: e.id,
      applicationId: e.applicationId,
      position: e.position,
      spaceName: e.spaceName,
      operatorName: e.operatorName,
      regionName: e.regionName,
      outcome: e.outcome,
    })),
    objections: objections.map((o) => {
      const file = o.evidenceFileId ? evidence.get(o.evidenceFileId) : undefined;
      return {
        id: o.id,
        entryId: o.entryId,
        name: o.name,
        contact: maskPersonal(o.contact),
        grounds: o.grounds,
        evidence: file ? { id: file.id, name: file.originalName, sizeBytes: file.sizeBytes } : null,
        status: o.status,
        investigationNote: o.investigationNote,
        resultReason: o.resultReason,
        handledAt: o.handledAt,
        createdAt: o.createdAt,
      };
    }),
    abilities: {
      handle: can(actor, 'notice.handle', notice),
      revealContact: can(actor, 'notice.reveal_contact', notice),
      conclude: can(actor, 'notice.conclude', notice) && notice.status === 'published' && now >= notice.endsAt,
    },
  };
}

/** An objector's contact in full, for the notice's admin: the audit row names the field and the reason, never the value. */
export async function revealObjection(db: Db, actor: Actor, ctx: AuditContext, id: string, objectionId: string, input: { field: 'contact'; reason: string }) {
  await loadInScope(db, actor, id, 'notice.reveal_contact');
  const objection = await repo.findObjection(db, id, objectionId);
  if (!objection) throw notFound({ zh: '异议不存在', en: 'No such objection' });
  await audit.record(db, ctx, { action: REVEAL_AUDIT_ACTION, objectType: 'objection', objectId: objection.id, detail: { noticeId: id, field: input.field, reason: input.reason } });
  return { field: input.field, value: objection[input.field] };
}

/** The evidence of an objection, for the notice's authority; the download is audited through the objection. */
export async function openEvidence(db: Db, config: Config, actor: Actor, ctx: AuditContext, id: string, objectionId: string) {
  await loadInScope(db, actor, id, 'notice.read');
  const objection = await repo.findObjection(db, id, objectionId);
  if (!objection?.evidenceFileId) throw notFound({ zh: '异议或其证明材料不存在', en: 'No such objection or evidence' });
  return openLinkedFile(db, config, ctx, objection.evidenceFileId, { objectType: 'objection', objectId: objection.id });
}

// ---- public (no sign-in): the notice as published, and objections -----------------------------

/** Published notices, newest first: running and ended alike (they stay published). */
export async function listPublicNotices(db: Db, page: number, pageSize: number) {
  const { items, total } = await repo.listNotices(db, {}, page, pageSize);
  const now = new Date();
  return { items: items.map((n) => ({ ...summary(n, now), entries: n.entries })), total, page, pageSize };
}

/** One notice as the public sees it: its text and entries, never its objections or outcomes. */
export async function getPublicNotice(db: Db, id: string) {
  const notice = await repo.findNotice(db, id);
  if (!notice) throw notFound(NOTICE_NOT_FOUND);
  const entries = await repo.entries(db, id);
  return {
    ...summary(notice, new Date()),
    body: notice.body,
    entries: entries.map((e) => ({ id: e.id, position: e.position, spaceName: e.spaceName, operatorName: e.operatorName, regionName: e.regionName })),
  };
}

export interface ObjectionInput {
  entryId: string;
  name: string;
  contact: string;
  grounds: string;
}

/** 409 unless the notice runs at `at`, naming its period in Beijing time. */
function assertRunning(notice: repo.NoticeRow, at: Date) {
  if (running(notice, at)) return;
  const period = { zh: `${shanghaiDateTime(notice.startsAt)}至${shanghaiDateTime(notice.endsAt)}`, en: `${shanghaiIso(notice.startsAt)} to ${shanghaiIso(notice.endsAt)}` };
  throw new AppError('WINDOW_CLOSED', {
    zh: at < notice.startsAt ? `公示尚未开始，异议受理期为${period.zh}` : `公示已于${shanghaiDateTime(notice.endsAt)}结束，不再受理异议（公示期为${period.zh}）`,
    en: at < notice.startsAt ? `The notice has not started; objections are taken from ${period.en}` : `The notice ended; objections were taken from ${period.en}`,
  });
}

/**
 * Anyone files an objection to one entry under real name while the notice runs, with optional
 * evidence (PDF/JPG/PNG, kept with no owner: only the notice's authority opens it). The objection,
 * its audit row (no personal data) and the authority's notification commit together.
 */
export async function fileObjection(db: Db, config: Config, ctx: AuditContext, noticeId: string, input: ObjectionInput, evidence?: IncomingFile) {
  let evidenceTaken = false;
  try {
    const notice = await repo.findNotice(db, noticeId);
    if (!notice) throw notFound(NOTICE_NOT_FOUND);
    assertRunning(notice, new Date());
    const entry = await repo.findEntry(db, noticeId, input.entryId);
    if (!entry) throw fieldError('body.entryId', '公示中没有该条目', 'the notice has no such entry');
    const record = async (tx: Tx, evidenceFileId: string | null) => {
      // The upload may have taken a while: the notice must still run when the objection is recorded.
      // The lock orders it against a conclusion, which must see every objection filed before the end.
      await repo.lockNotice(tx, noticeId);
      assertRunning(notice, new Date());
      const row = await repo.insertObjection(tx, { noticeId, entryId: entry.id, name: input.name, contact: input.contact, grounds: input.grounds, evidenceFileId });
      await audit.recordInTx(tx, ctx, { action: 'notice.objection.file', objectType: 'objection', objectId: row.id, detail: { objectionId: row.id } });
      const facts = (await requireSubmissionFacts(tx, entry.applicationId));
      await notifyStageWorkers(tx, facts, stageIn(facts.chain!, notice.stageKey)!, 'objection.received', {}, `/app/notices/${notice.id}`);
      return { id: row.id, createdAt: row.createdAt };
    };
    if (!evidence) return await db.transaction((tx) => record(tx, null));
    evidenceTaken = true;
    return await storePublicUpload(db, config, ctx, evidence, { field: 'body.evidence', kinds: ['pdf', 'jpeg', 'png'] }, (tx, file) => record(tx, file.id));
  } finally {
    // Refused before the evidence was read: drain it so the request completes and the answer is sent.
    if (evidence && !evidenceTaken) evidence.stream.resume();
  }
}

// ---- the authority decides: objections, conclusion ---------------------------------------------

export interface HandleInput {
  result: 'upheld' | 'dismissed';
  investigationNote: string;
  reason: string;
}

/**
 * The authority admin records the investigation of an objection. Upheld: the entry is blocked and
 * its application rejected (DESIGN §4: "objections upheld during a public notice block the
 * recommendation"), the applicant told why. Dismissed: recorded; after the notice's end the entry
 * moves on at once when nothing else holds it.
 */
export async function handleObjection(db: Db, actor: Actor, ctx: AuditContext, id: string, objectionId: string, input: HandleInput) {
  await loadInScope(db, actor, id, 'notice.handle');
  await db.transaction(async (tx) => {
    const notice = (await repo.lockNotice(tx, id))!;
    const objection = await repo.findObjection(tx, id, objectionId);
    if (!objection) throw notFound({ zh: '异议不存在', en: 'No such objection' });
    const handled = await repo.handleIfOpen(tx, objection.id, {
      status: input.result,
      investigationNote: input.investigationNote,
      resultReason: input.reason,
      handledBy: actor.userId,
      handledAt: new Date(),
    });
    if (!handled)
      throw new AppError('STATE_CONFLICT', {
        zh: `该异议已处理（${objection.status === 'upheld' ? '异议成立' : '异议不成立'}），不能重复处理`,
        en: `The objection was already handled (${objection.status})`,
      });
    await audit.recordInTx(tx, ctx, { action: 'notice.objection.handle', objectType: 'objection', objectId: objection.id, detail: { noticeId: id, result: input.result } });
    const entry = (await repo.findEntry(tx, id, objection.entryId))!;
    if (input.result === 'upheld' && entry.outcome === 'pending') {
      await repo.setOutcome(tx, entry.id, 'blocked');
      await transitionInTx(tx, ctx, actor, entry.applicationId, { action: 'block', atStage: notice.stageKey, note: input.reason, detail: { noticeId: id, objectionId: objection.id } });
      await notifyApplicant(tx, (await requireSubmissionFacts(tx, entry.applicationId)), 'notice.blocked', { note: input.reason });
    }
    if (new Date() >= notice.endsAt) await settleInTx(tx, ctx, actor, notice);
  });
  return getNotice(db, actor, id);
}

/**
 * Moves on every pending entry with no open objection (the next stage's workers and the applicant
 * told) and concludes the notice once no entry is pending. Only after the notice's end; the caller
 * holds the notice's lock. Returns what it did.
 */
async function settleInTx(tx: Tx, ctx: AuditContext, actor: Actor | null, notice: repo.NoticeRow) {
  const [entries, objections] = await Promise.all([repo.entries(tx, notice.id), repo.objectionsOf(tx, notice.id)]);
  const held = new Set(objections.filter((o) => o.status === 'open').map((o) => o.entryId));
  let cleared = 0;
  for (const entry of entries.filter((e) => e.outcome === 'pending' && !held.has(e.id))) {
    const facts = (await requireSubmissionFacts(tx, entry.applicationId));
    const next = stageAfter(facts);
    if (facts.app.status !== 'in_public_notice' || facts.app.stageKey !== notice.stageKey || !next) {
      // Taken off the notice by other means (a fraud finding): it does not move on.
      await repo.setOutcome(tx, entry.id, 'blocked');
      continue;
    }
    await transitionInTx(tx, ctx, actor, entry.applicationId, { action: 'advance', atStage: notice.stageKey, enterStage: next, detail: { noticeId: notice.id } });
    await repo.setOutcome(tx, entry.id, 'cleared');
    const moved = (await requireSubmissionFacts(tx, entry.applicationId));
    await notifyApplicant(tx, facts, 'stage.passed');
    await notifyStageWorkers(tx, moved, next, 'stage.arrived');
    cleared += 1;
  }
  const remaining = (await repo.entries(tx, notice.id)).filter((e) => e.outcome === 'pending').length;
  const concluded = remaining === 0 && notice.status !== 'concluded';
  if (concluded) await repo.setConcluded(tx, notice.id, new Date());
  if (cleared || concluded)
    await audit.recordInTx(tx, ctx, { action: 'notice.conclude', objectType: 'public_notice', objectId: notice.id, detail: { cleared, waiting: remaining, concluded } });
  return { cleared, waiting: remaining };
}

/** The authority admin concludes an ended notice now (the job does the same at its end). */
export async function concludeNotice(db: Db, actor: Actor, ctx: AuditContext, id: string) {
  const notice = await loadInScope(db, actor, id, 'notice.conclude');
  if (new Date() < notice.endsAt)
    throw new AppError('WINDOW_CLOSED', { zh: `公示期至${shanghaiDateTime(notice.endsAt)}，届满后方可办结`, en: `The notice runs until ${shanghaiIso(notice.endsAt)}; conclude it after that` });
  if (notice.status === 'concluded') throw new AppError('STATE_CONFLICT', { zh: '该公示已办结', en: 'The notice is already concluded' });
  await db.transaction(async (tx) => settleInTx(tx, ctx, actor, (await repo.lockNotice(tx, id))!));
  return getNotice(db, actor, id);
}

/**
 * The 'notice.conclude' job, due at the notice's end. Idempotent: a concluded notice, or a run with
 * nothing left to move, changes nothing. A run before the end (clock skew) fails so pg-boss retries it.
 */
export async function concludeNoticeJob(db: Db, data: { noticeId: string }) {
  await db.transaction(async (tx) => {
    const notice = await repo.lockNotice(tx, data.noticeId);
    if (!notice || notice.status === 'concluded') return;
    if (new Date() < notice.endsAt) throw new Error(`notice ${notice.id} runs until ${notice.endsAt.toISOString()}`);
    await settleInTx(tx, SYSTEM_CONTEXT, null, notice);
  });
}
