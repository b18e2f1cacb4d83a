import type { Config } from '../../config.ts';
import type { Db, DbOrTx, Tx } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import type { KeyIndustry } from '../../shared/domain.ts';
import { AppError, fieldError, fieldErrors, notFound } from '../../shared/errors.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { eligiblePanel } from '../crowd/index.ts';
import { sheetProblems, weighScores, type ScoreSheet } from '../experts/index.ts';
import { authoriseFiles, linkedFileMeta, openLinkedFile } from '../files/index.ts';
import { notifyAndMail } from '../notify/index.ts';
import { findSpaceInScope } from '../spaces/index.ts';
import { can, changesApplication, isMaker, readsApplication, readsCall, scores, seesScores, windowOpen, type PitchCallSubject } from './policy.ts';
import * as repo from './repository.ts';
import type { PitchCriterion, ProjectStage } from './schema.ts';
import { callActionsOf, nextCallState, type PitchCallAction } from './transitions.ts';

const CALL_NOT_FOUND = { zh: '路演/大赛征集不存在', en: 'No such roadshow or competition call' };
const APPLICATION_NOT_FOUND = { zh: '参赛申请不存在', en: 'No such application' };
const SPACE_NOT_FOUND = { zh: '众创空间不存在', en: 'No such maker space' };
const CLOSED = { zh: '该征集不在申请期内，不能提交、修改或撤回申请', en: 'The call is not taking applications now' };


export interface CallInput {
  eventId: string;
  title: string;
  field: KeyIndustry;
  eligibility: string;
  opensAt: Date;
  closesAt: Date;
  criteria: { name: string; weight: number }[];
  awardCount: number;
  panelUserIds: string[];
}

export interface ApplicationInput {
  projectName: string;
  summary: string;
  stage: ProjectStage;
  team: string;
  fileIds: string[];
}

const subjectOf = (r: repo.CallWithSpace, onPanel: boolean): PitchCallSubject => ({ operatorOrgId: r.operatorOrgId, state: r.call.state, onPanel });

/** The call's criteria as the experts' score sheet (0–100 each), so one set of rules checks weights and weighs scores. */
const sheetOf = (criteria: readonly PitchCriterion[]): ScoreSheet => ({
  criteria: criteria.map((c) => ({ key: c.key, name: c.name, weight: c.weight, min: 0, max: 100 })),
  commentBelow: 0,
  expertsPerApplication: 1,
  sameCityConflict: false,
});

function presentCall(actor: Actor | null, r: repo.CallWithSpace, onPanel: boolean, now: Date) {
  const c = r.call;
  const manages = !!actor && can(actor, 'pitch.manage', subjectOf(r, onPanel));
  return {
    id: c.id,
    spaceId: c.spaceId,
    spaceName: r.spaceName,
    regionName: r.regionName,
    eventId: c.eventId,
    eventTitle: r.eventTitle,
    eventKind: r.eventKind,
    eventStartsAt: r.eventStartsAt,
    title: c.title,
    field: c.field,
    eligibility: c.eligibility,
    opensAt: c.opensAt,
    closesAt: c.closesAt,
    criteria: c.criteria,
    awardCount: c.awardCount,
    state: c.state,
    cancelReason: c.cancelReason,
    publishedAt: c.publishedAt,
    applicationCount: r.applications,
    revision: c.revision,
    onPanel,
    canManage: manages,
    actions: manages ? callActionsOf(c.state).filter((a) => a !== 'review' || now >= c.closesAt) : [],
    canEdit: manages && (c.state === 'draft' || c.state === 'open'),
    canApply: !!actor && can(actor, 'pitch.apply', subjectOf(r, onPanel)) && windowOpen(c, now),
  };
}
export type CallView = ReturnType<typeof presentCall>;

async function loadCall(db: DbOrTx, actor: Actor, id: string) {
  const row = await repo.findCall(db, id);
  if (!row) throw notFound(CALL_NOT_FOUND);
  const onPanel = await repo.onPanel(db, id, actor.userId);
  if (!readsCall(actor, subjectOf(row, onPanel))) throw notFound(CALL_NOT_FOUND);
  return { row, onPanel };
}

async function loadManaged(db: DbOrTx, actor: Actor, id: string) {
  if (!can(actor, 'pitch.manage')) throw new AppError('FORBIDDEN');
  const row = await repo.findCall(db, id);
  if (!row || !can(actor, 'pitch.manage', subjectOf(row, false))) throw notFound(CALL_NOT_FOUND);
  return row;
}

/** The accounts the operator may assign as reviewers (experts and its own members). */
export async function panelCandidates(db: Db, actor: Actor) {
  if (!can(actor, 'pitch.manage')) throw new AppError('FORBIDDEN');
  const rows = await eligiblePanel(db, actor.org.id);
  return rows.map((r) => ({ userId: r.userId, displayName: r.displayName, orgName: r.orgName, expert: r.roles.includes('expert') }));
}

/** Checks what the schema cannot: the event (the space's own 路演 or 大赛, not cancelled), the window, the weights, the panel. */
async function callColumns(db: DbOrTx, spaceId: string, operatorOrgId: string, input: CallInput, now: Date) {
  const event = await repo.findEvent(db, input.eventId);
  if (!event || event.spaceId !== spaceId || (event.kind !== 'roadshow' && event.kind !== 'competition') || event.status === 'cancelled')
    throw fieldError('body.eventId', '请选择本空间未取消的路演或大赛活动', 'choose a roadshow or competition of this space that is not cancelled');
  if (input.closesAt <= input.opensAt) throw fieldError('body.closesAt', '申请截止时间须晚于开始时间', 'the window must close after it opens');
  if (input.closesAt <= now) throw fieldError('body.closesAt', '申请截止时间须晚于现在', 'the window must close in the future');
  const criteria = input.criteria.map((c, i) => ({ key: `c${i + 1}`, name: c.name.trim(), weight: c.weight }));
  const problems = sheetProblems(sheetOf(criteria));
  const names = new Set<string>();
  criteria.forEach((c, i) => {
    if (names.has(c.name)) problems.push({ field: `body.criteria.${i}.name`, message: `评分项“${c.name}”重复`, messageEn: `criterion "${c.name}" repeats` });
    names.add(c.name);
  });
  if (problems.length) throw fieldErrors(problems);
  const unique = [...new Set(input.panelUserIds)];
  if ((await eligiblePanel(db, operatorOrgId, unique)).length !== unique.length)
    throw fieldError('body.panelUserIds', '评审成员应为平台评审专家或本单位人员', 'reviewers are experts or members of the operator');
  return {
    columns: { eventId: input.eventId, title: input.title.trim(), field: input.field, eligibility: input.eligibility.trim(), opensAt: input.opensAt, closesAt: input.closesAt, criteria, awardCount: input.awardCount },
    panel: unique,
  };
}

/**
 * Tells reviewers newly put on a call's panel, in-app and by e-mail: experts find it in their review
 * queue, the operator's own members on the call's desk page. Inside the assigning transaction.
 */
async function tellAssigned(tx: Tx, call: { id: string; title: string }, operatorOrgId: string, userIds: readonly string[]) {
  const people = await repo.contactsOf(tx, userIds);
  for (const own of [true, false]) {
    const group = people.filter((p) => (p.orgId === operatorOrgId) === own);
    await notifyAndMail(tx, group, {
      title: `您被指定为评审：${call.title}`,
      body: `您已被指定为“${call.title}”的评审成员。评审开始后请在评分前声明有无利益冲突，再按评分项打分。`,
      link: own ? `/app/pitch-calls/${call.id}` : `/app/pitch-reviews/${call.id}`,
    });
  }
}

/** Tells each applying team's members the published results: their project's rank and award. */
async function tellApplicants(tx: Tx, call: { id: string; title: string }) {
  const rows = await repo.applicantsOf(tx, call.id);
  const byOutcome = new Map<string, typeof rows>();
  for (const r of rows) {
    const outcome = JSON.stringify([r.projectName, r.rank, r.award]);
    byOutcome.set(outcome, [...(byOutcome.get(outcome) ?? []), r]);
  }
  for (const group of byOutcome.values()) {
    const { projectName, rank, award } = group[0]!;
    const result = [rank ? `排名第 ${rank}` : '未获评分', award ? `获“${award}”` : ''].filter(Boolean).join('，');
    await notifyAndMail(tx, group, { title: `${call.title}结果已发布`, body: `您团队的项目“${projectName}”：${result}。`, link: `/app/pitches/${call.id}` });
  }
}

export interface CallQuery extends repo.CallFilter {
  sort?: repo.CallSort | undefined;
  order?: 'asc' | 'desc' | undefined;
  page: number;
  pageSize: number;
}

/** The operator's calls, one page. */
export async function listManaged(db: Db, actor: Actor, q: CallQuery, now = new Date()) {
  if (!can(actor, 'pitch.manage')) throw new AppError('FORBIDDEN');
  const { rows, total } = await repo.calls(db, { operatorOrgId: actor.org.id }, q, q, q.pageSize, (q.page - 1) * q.pageSize);
  return { items: rows.map((r) => presentCall(actor, r, false, now)), total, page: q.page, pageSize: q.pageSize };
}

/** Calls a maker may apply to (open, window not closed), with the team's application to each. */
export async function listOpen(db: Db, actor: Actor, q: CallQuery, now = new Date()) {
  if (!can(actor, 'pitch.apply')) throw new AppError('FORBIDDEN');
  const { rows, total } = await repo.calls(db, { public: now, states: ['open'] }, { ...q, state: undefined }, q, q.pageSize, (q.page - 1) * q.pageSize);
  const mine = await repo.teamApplicationsOf(db, actor.org.id, rows.map((r) => r.call.id));
  return { items: rows.map((r) => ({ ...presentCall(actor, r, false, now), myApplicationId: mine.get(r.call.id) ?? null })), total, page: q.page, pageSize: q.pageSize };
}

/** One call with its panel (organiser and panel only) and the reader's team's application. */
export async function readCall(db: Db, actor: Actor, id: string, now = new Date()) {
  const { row, onPanel } = await loadCall(db, actor, id);
  const manages = can(actor, 'pitch.manage', subjectOf(row, onPanel));
  const [panel, mine, results] = await Promise.all([
    manages || onPanel ? repo.panelOf(db, id) : Promise.resolve([]),
    isMaker(actor) ? repo.teamApplicationsOf(db, actor.org.id, [id]) : Promise.resolve(new Map<string, string>()),
    row.call.state === 'published' ? repo.resultsOf(db, [id]) : Promise.resolve([]),
  ]);
  return {
    ...presentCall(actor, row, onPanel, now),
    panel: panel.map((p) => ({ userId: p.userId, displayName: p.displayName, orgName: p.orgName })),
    myApplicationId: mine.get(id) ?? null,
    results: results.map(({ callId: _c, ...r }) => r),
  };
}

/** A space's operator drafts a call on one of its 路演 or 大赛 events (audited). */
export async function createCall(db: Db, actor: Actor, ctx: AuditContext, spaceId: string, input: CallInput, now = new Date()) {
  if (!can(actor, 'pitch.manage')) throw new AppError('FORBIDDEN');
  const space = await findSpaceInScope(db, actor, spaceId).catch(() => {
    throw notFound(SPACE_NOT_FOUND);
  });
  if (!can(actor, 'pitch.manage', { operatorOrgId: space.operator.id, state: 'draft', onPanel: false })) throw notFound(SPACE_NOT_FOUND);
  const { columns, panel } = await callColumns(db, spaceId, space.operator.id, input, now);
  const id = await db.transaction(async (tx) => {
    const row = await repo.insertCall(tx, { spaceId, ...columns, createdBy: actor.userId });
    await repo.setPanel(tx, row.id, panel);
    await tellAssigned(tx, row, space.operator.id, panel);
    await audit.recordInTx(tx, ctx, { action: 'pitch.call.create', objectType: 'pitch_call', objectId: row.id, detail: { spaceId, eventId: row.eventId, criteria: row.criteria, awardCount: row.awardCount, panel: panel.length } });
    return row.id;
  });
  return readCall(db, actor, id, now);
}

/** Changes a call's terms and panel before the review starts, under its revision; audited. */
export async function editCall(db: Db, actor: Actor, ctx: AuditContext, id: string, input: CallInput & { revision: number }, now = new Date()) {
  const row = await loadManaged(db, actor, id);
  const { columns, panel } = await callColumns(db, row.call.spaceId, row.operatorOrgId, input, now);
  await db.transaction(async (tx) => {
    const locked = (await repo.lockCall(tx, id))!;
    if (locked.revision !== input.revision) throw new AppError('STALE_REVISION');
    if (locked.state !== 'draft' && locked.state !== 'open') throw new AppError('STATE_CONFLICT', { zh: '评审开始后不能再修改征集', en: 'The call cannot change once the review started' });
    const before = new Set((await repo.panelOf(tx, id)).map((p) => p.userId));
    await repo.updateCall(tx, id, columns);
    await repo.setPanel(tx, id, panel);
    await tellAssigned(
      tx,
      { id, title: columns.title },
      row.operatorOrgId,
      panel.filter((u) => !before.has(u)),
    );
    await audit.recordInTx(tx, ctx, { action: 'pitch.call.edit', objectType: 'pitch_call', objectId: id, detail: { criteria: columns.criteria, awardCount: columns.awardCount, panel: panel.length } });
  });
  return readCall(db, actor, id, now);
}

/**
 * One move of a call by its organiser, checked against transitions.ts under a row lock at the
 * revision the actor read; opening needs a window that has not closed, the review one that has, and
 * publishing freezes each application's rank by weighted mean and final score. Audited.
 */
async function moveCall(db: Db, actor: Actor, ctx: AuditContext, id: string, action: PitchCallAction, revision: number, now: Date, reason?: string) {
  await loadManaged(db, actor, id);
  await db.transaction(async (tx) => {
    const locked = (await repo.lockCall(tx, id))!;
    if (locked.revision !== revision) throw new AppError('STALE_REVISION');
    const to = nextCallState(locked.state, action);
    if (!to) throw new AppError('STATE_CONFLICT', { zh: '该征集当前状态下不能执行此操作', en: 'The call cannot be moved this way in its current state' });
    if (action === 'open' && locked.closesAt <= now) throw fieldError('body.revision', '申请截止时间已过，请先修改申请期再发布', 'the window has closed; change it before opening');
    if (action === 'review' && now < locked.closesAt) throw new AppError('STATE_CONFLICT', { zh: '申请期尚未结束，不能开始评审', en: 'The application window has not closed yet' });
    let ranked = 0;
    if (action === 'publish') ranked = await repo.freezeResults(tx, id);
    const patch = action === 'open' ? { openedAt: now } : action === 'review' ? { reviewingAt: now } : action === 'publish' ? { publishedAt: now } : { cancelledAt: now, cancelReason: reason ?? null };
    await repo.updateCall(tx, id, { state: to, ...patch });
    if (action === 'publish') await tellApplicants(tx, locked);
    // Spelled out, so the audit catalogue (src/modules/audit/actions.ts) knows every code recorded.
    const code = { open: 'pitch.call.open', review: 'pitch.call.review', publish: 'pitch.call.publish', cancel: 'pitch.call.cancel' }[action];
    await audit.recordInTx(tx, ctx, { action: code, objectType: 'pitch_call', objectId: id, detail: { from: locked.state, to, ...(reason ? { reason } : {}), ...(action === 'publish' ? { ranked } : {}) } });
  });
  return readCall(db, actor, id, now);
}

export const openCall = (db: Db, actor: Actor, ctx: AuditContext, id: string, input: { revision: number }, now = new Date()) => moveCall(db, actor, ctx, id, 'open', input.revision, now);
export const startReview = (db: Db, actor: Actor, ctx: AuditContext, id: string, input: { revision: number }, now = new Date()) => moveCall(db, actor, ctx, id, 'review', input.revision, now);
export const publishResults = (db: Db, actor: Actor, ctx: AuditContext, id: string, input: { revision: number }, now = new Date()) => moveCall(db, actor, ctx, id, 'publish', input.revision, now);
export const cancelCall = (db: Db, actor: Actor, ctx: AuditContext, id: string, input: { reason: string; revision: number }, now = new Date()) =>
  moveCall(db, actor, ctx, id, 'cancel', input.revision, now, input.reason.trim());

/** The organiser decides the awards during the review (at most the call's number of places); audited. */
export async function decideAwards(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { awards: { applicationId: string; award: string }[]; revision: number }) {
  await loadManaged(db, actor, id);
  await db.transaction(async (tx) => {
    const locked = (await repo.lockCall(tx, id))!;
    if (locked.revision !== input.revision) throw new AppError('STALE_REVISION');
    if (locked.state !== 'reviewing') throw new AppError('STATE_CONFLICT', { zh: '只能在评审阶段评定奖项', en: 'Awards are decided during the review' });
    if (input.awards.length > locked.awardCount) throw fieldError('body.awards', `获奖项目不超过 ${locked.awardCount} 个`, `at most ${locked.awardCount} awards`);
    const live = new Set((await repo.rankedOf(tx, id)).map((r) => r.application.id));
    const ids = new Set<string>();
    input.awards.forEach((a, i) => {
      if (!live.has(a.applicationId) || ids.has(a.applicationId)) throw fieldError(`body.awards.${i}.applicationId`, '该征集没有这个申请，或重复评定', 'no such application of the call, or listed twice');
      ids.add(a.applicationId);
    });
    const awards = input.awards.map((a) => ({ applicationId: a.applicationId, award: a.award.trim() }));
    await repo.setAwards(tx, id, awards);
    await repo.updateCall(tx, id, {});
    await audit.recordInTx(tx, ctx, { action: 'pitch.call.awards', objectType: 'pitch_call', objectId: id, detail: { awards } });
  });
  return readCall(db, actor, id);
}

// ---- applications ----

function presentApplication(r: repo.ApplicationWithTeam, showScores: boolean) {
  const a = r.application;
  return {
    id: a.id,
    callId: a.callId,
    teamName: r.teamName,
    projectName: a.projectName,
    summary: a.summary,
    stage: a.stage,
    state: a.state,
    fileCount: a.fileIds.length,
    submittedAt: a.submittedAt,
    updatedAt: a.updatedAt,
    revision: a.revision,
    mean: showScores ? r.mean : null,
    scored: showScores ? r.scored : 0,
    recused: showScores ? r.recused : 0,
    award: showScores ? a.award : null,
    rank: null as number | null,
  };
}

export interface ApplicationQuery {
  sort?: repo.ApplicationSort | undefined;
  order?: 'asc' | 'desc' | undefined;
  page: number;
  pageSize: number;
}

/** A call's applications for its organiser and panel, ranked by the mean of the reviewers' weighted totals. */
export async function listApplications(db: Db, actor: Actor, callId: string, q: ApplicationQuery) {
  const { row, onPanel } = await loadCall(db, actor, callId);
  if (!seesScores(actor, subjectOf(row, onPanel))) throw notFound(CALL_NOT_FOUND);
  const { rows, total } = await repo.applicationsOf(db, callId, q, q.pageSize, (q.page - 1) * q.pageSize);
  return { items: rows.map((r) => ({ ...presentApplication(r, true), rank: r.rank, submitterName: r.submitterName })), total, page: q.page, pageSize: q.pageSize };
}

async function loadApplication(db: DbOrTx, actor: Actor, id: string) {
  const application = await repo.findApplication(db, id);
  if (!application) throw notFound(APPLICATION_NOT_FOUND);
  const call = (await repo.findCall(db, application.application.callId))!;
  const onPanel = await repo.onPanel(db, call.call.id, actor.userId);
  const subject = { ...subjectOf(call, onPanel), makerOrgId: application.application.makerOrgId };
  if (!readsApplication(actor, subject)) throw notFound(APPLICATION_NOT_FOUND);
  return { application, call, onPanel, subject };
}

/** One application: its team and files for the team, the panel and the organiser; scores for the panel and the organiser, and for the team once published. */
export async function readApplication(db: Db, actor: Actor, id: string, now = new Date()) {
  const { application, call, onPanel, subject } = await loadApplication(db, actor, id);
  const a = application.application;
  const panelView = seesScores(actor, subject);
  const published = call.call.state === 'published';
  const [files, scoreRows] = await Promise.all([linkedFileMeta(db, a.fileIds), panelView ? repo.scoresOf(db, id) : Promise.resolve([])]);
  const mine = scoreRows.find((s) => s.score.reviewerId === actor.userId);
  return {
    ...presentApplication(application, panelView || published),
    rank: published ? a.rank : null,
    finalScore: published ? a.finalScore : null,
    team: a.team,
    submitterName: application.submitterName,
    callTitle: call.call.title,
    callState: call.call.state,
    closesAt: call.call.closesAt,
    criteria: call.call.criteria,
    files: files.map((f) => ({ id: f.id, originalName: f.originalName, sizeBytes: f.sizeBytes, mimeType: f.mimeType })),
    scores: scoreRows.map((s) => ({ reviewer: s.displayName, conflict: s.score.conflict, conflictNote: s.score.conflictNote, scores: s.score.scores, total: s.score.total, comment: s.score.comment, scoredAt: s.score.scoredAt })),
    myScore: mine ? { conflict: mine.score.conflict, conflictNote: mine.score.conflictNote, scores: mine.score.scores, total: mine.score.total, comment: mine.score.comment } : null,
    canScore: scores(subjectOf(call, onPanel)),
    canChange: a.state === 'submitted' && changesApplication(actor, { ...subject, opensAt: call.call.opensAt, closesAt: call.call.closesAt }, now),
  };
}

async function checkFiles(db: Db, actor: Actor, fileIds: readonly string[]) {
  await authoriseFiles(db, actor, 'file.attach', fileIds).catch(() => {
    throw new AppError('NOT_FOUND', {
      zh: 'body.fileIds：材料文件不存在（请先由本团队上传）',
      en: 'body.fileIds: no such file (upload it from your team first)',
      fields: [{ field: 'body.fileIds', message: '材料文件不存在', messageEn: 'no such file' }],
    });
  });
}

const applicationColumns = (input: ApplicationInput) => ({ projectName: input.projectName.trim(), summary: input.summary.trim(), stage: input.stage, team: input.team.trim(), fileIds: [...new Set(input.fileIds)] });

/** A maker team applies to an open call within its window; one live application per team and call. Audited. */
export async function apply(db: Db, actor: Actor, ctx: AuditContext, callId: string, input: ApplicationInput, now = new Date()) {
  if (!can(actor, 'pitch.apply')) throw new AppError('FORBIDDEN');
  const { row, onPanel } = await loadCall(db, actor, callId);
  if (!can(actor, 'pitch.apply', subjectOf(row, onPanel)) || !windowOpen(row.call, now)) throw new AppError('STATE_CONFLICT', CLOSED);
  await checkFiles(db, actor, input.fileIds);
  const id = await db.transaction(async (tx) => {
    const locked = (await repo.lockCall(tx, callId))!;
    if (locked.state !== 'open' || !windowOpen(locked, now)) throw new AppError('STATE_CONFLICT', CLOSED);
    const a = await repo.insertApplication(tx, { callId, makerOrgId: actor.org.id, submittedBy: actor.userId, ...applicationColumns(input), submittedAt: now, updatedAt: now });
    if (!a) throw new AppError('CONFLICT', { zh: '本团队已申请该征集，请修改已有申请', en: 'Your team has already applied to this call; edit that application' });
    await audit.recordInTx(tx, ctx, { action: 'pitch.application.submit', objectType: 'pitch_application', objectId: a.id, detail: { callId, files: a.fileIds.length } });
    return a.id;
  });
  return readApplication(db, actor, id, now);
}

/** The team changes its application while the window is open, under its revision; audited. */
export async function editApplication(db: Db, actor: Actor, ctx: AuditContext, id: string, input: ApplicationInput & { revision: number }, now = new Date()) {
  const { call, subject } = await loadApplication(db, actor, id);
  if (!isMaker(actor) || subject.makerOrgId !== actor.org.id) throw notFound(APPLICATION_NOT_FOUND);
  await checkFiles(db, actor, input.fileIds);
  await changeApplication(db, id, call.call.id, input.revision, now, async (tx) => {
    await repo.updateApplication(tx, id, applicationColumns(input));
    await audit.recordInTx(tx, ctx, { action: 'pitch.application.edit', objectType: 'pitch_application', objectId: id, detail: { callId: call.call.id, files: input.fileIds.length } });
  });
  return readApplication(db, actor, id, now);
}

/** The team withdraws its application while the window is open (it may apply again); audited. */
export async function withdrawApplication(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { revision: number }, now = new Date()) {
  const { call, subject } = await loadApplication(db, actor, id);
  if (!isMaker(actor) || subject.makerOrgId !== actor.org.id) throw notFound(APPLICATION_NOT_FOUND);
  await changeApplication(db, id, call.call.id, input.revision, now, async (tx) => {
    await repo.updateApplication(tx, id, { state: 'withdrawn', withdrawnAt: now });
    await audit.recordInTx(tx, ctx, { action: 'pitch.application.withdraw', objectType: 'pitch_application', objectId: id, detail: { callId: call.call.id } });
  });
  return readApplication(db, actor, id, now);
}

/** Locks the call then the application, checks the window, the state and the revision, then writes. */
async function changeApplication(db: Db, id: string, callId: string, revision: number, now: Date, write: (tx: Parameters<Parameters<Db['transaction']>[0]>[0]) => Promise<void>) {
  await db.transaction(async (tx) => {
    const call = (await repo.lockCall(tx, callId))!;
    const a = (await repo.lockApplication(tx, id))!;
    if (call.state !== 'open' || !windowOpen(call, now)) throw new AppError('STATE_CONFLICT', CLOSED);
    if (a.state !== 'submitted') throw new AppError('STATE_CONFLICT', { zh: '该申请已撤回', en: 'The application was withdrawn' });
    if (a.revision !== revision) throw new AppError('STALE_REVISION');
    await write(tx);
  });
}

/** The team's applications across calls, one page. */
export async function myApplications(db: Db, actor: Actor, q: { page: number; pageSize: number }) {
  if (!can(actor, 'pitch.apply')) throw new AppError('FORBIDDEN');
  const { rows, total } = await repo.applicationsOfTeam(db, actor.org.id, q.pageSize, (q.page - 1) * q.pageSize);
  return {
    items: rows.map((r) => {
      const published = r.callState === 'published';
      return {
        id: r.application.id,
        callId: r.application.callId,
        callTitle: r.title,
        callState: r.callState,
        eventKind: r.eventKind as 'roadshow' | 'competition',
        spaceName: r.spaceName,
        closesAt: r.closesAt,
        projectName: r.application.projectName,
        state: r.application.state,
        submittedAt: r.application.submittedAt,
        rank: published ? r.application.rank : null,
        award: published ? r.application.award : null,
      };
    }),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

// ---- reviews ----

export interface ReviewQuery {
  pending?: boolean | undefined;
  sort?: repo.ReviewSort | undefined;
  order?: 'asc' | 'desc' | undefined;
  page: number;
  pageSize: number;
}

/** The applications of the calls the actor reviews, once their window has closed. */
export async function reviewQueue(db: Db, actor: Actor, q: ReviewQuery) {
  if (!can(actor, 'pitch.review')) throw new AppError('FORBIDDEN');
  const { rows, total } = await repo.reviewQueue(db, actor.userId, q, q, q.pageSize, (q.page - 1) * q.pageSize);
  return { items: rows.map((r) => ({ ...r, canScore: r.callState === 'reviewing' })), total, page: q.page, pageSize: q.pageSize };
}

export interface ScoreInput {
  conflict: boolean;
  conflictNote?: string | undefined;
  scores?: Record<string, number> | undefined;
  comment?: string | undefined;
}

/**
 * An assigned reviewer's sheet for one application while the call is in review: a declared
 * conflict of interest recuses them (no score), otherwise every criterion is scored 0–100 and the
 * weighted total kept. A second sheet replaces the first. Audited.
 */
export async function scoreApplication(db: Db, actor: Actor, ctx: AuditContext, id: string, input: ScoreInput) {
  const { call, onPanel } = await loadApplication(db, actor, id);
  if (!onPanel) throw notFound(APPLICATION_NOT_FOUND);
  if (!scores(subjectOf(call, onPanel))) throw new AppError('STATE_CONFLICT', { zh: '征集进入评审阶段后才能评分，结果公布后不能再改', en: 'Scores are given while the call is in review' });
  let total: number | null = null;
  if (input.conflict) {
    if (input.scores) throw fieldError('body.scores', '声明存在利益冲突时不能评分', 'no scores with a declared conflict');
    if (!input.conflictNote?.trim()) throw fieldError('body.conflictNote', '请说明利益冲突的情况', 'describe the conflict');
  } else {
    if (!input.scores) throw fieldError('body.scores', '请逐项评分', 'score every criterion');
    const weighed = weighScores(sheetOf(call.call.criteria), input.scores);
    if (weighed.problems.length) throw fieldErrors(weighed.problems);
    total = weighed.total;
  }
  await db.transaction(async (tx) => {
    const locked = (await repo.lockCall(tx, call.call.id))!;
    if (locked.state !== 'reviewing') throw new AppError('MOVED_ON');
    await repo.upsertScore(tx, {
      applicationId: id,
      reviewerId: actor.userId,
      conflict: input.conflict,
      conflictNote: input.conflict ? input.conflictNote!.trim() : null,
      scores: input.conflict ? null : input.scores!,
      total,
      comment: input.comment?.trim() || null,
    });
    await audit.recordInTx(tx, ctx, { action: 'pitch.application.score', objectType: 'pitch_application', objectId: id, detail: { callId: locked.id, conflict: input.conflict, ...(input.conflict ? {} : { scores: input.scores, total }) } });
  });
  return readApplication(db, actor, id);
}

/** An application's file, for those who read the application; the opening is audited with it. */
export async function openApplicationFile(db: Db, config: Config, ctx: AuditContext, actor: Actor, id: string, fileId: string) {
  const { application } = await loadApplication(db, actor, id);
  if (!application.application.fileIds.includes(fileId)) throw notFound({ zh: '该申请没有这个文件', en: 'The application has no such file' });
  return openLinkedFile(db, config, ctx, fileId, { objectType: 'pitch_application', objectId: id });
}

// ---- the portal ----

export interface PublicQuery extends CallQuery {
  state?: 'open' | 'published' | undefined;
}

/**
 * For anyone: open calls (window not closed) and published results — each result the rank, the
 * project's and the team's name and the award; no person, no score sheet, no team description.
 */
export async function publicCalls(db: Db, q: PublicQuery, now = new Date()) {
  const { rows, total } = await repo.calls(db, { public: now, states: q.state ? [q.state] : ['open', 'published'] }, { ...q, state: undefined }, q, q.pageSize, (q.page - 1) * q.pageSize);
  const results = await repo.resultsOf(db, rows.filter((r) => r.call.state === 'published').map((r) => r.call.id));
  return {
    items: rows.map((r) => {
      const v = presentCall(null, r, false, now);
      return {
        id: v.id,
        spaceId: v.spaceId,
        spaceName: v.spaceName,
        regionName: v.regionName,
        eventId: v.eventId,
        eventTitle: v.eventTitle,
        eventKind: v.eventKind,
        eventStartsAt: v.eventStartsAt,
        title: v.title,
        field: v.field,
        eligibility: v.eligibility,
        opensAt: v.opensAt,
        closesAt: v.closesAt,
        criteria: v.criteria,
        awardCount: v.awardCount,
        state: v.state as 'open' | 'published',
        publishedAt: v.publishedAt,
        applicationCount: v.applicationCount,
        results: results.filter((x) => x.callId === r.call.id).map(({ callId: _c, ...x }) => x),
      };
    }),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}
