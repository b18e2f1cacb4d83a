import type { Db, DbOrTx, Tx } from '../../db/client.ts';
import { stageIn, type StageTemplate } from '../../shared/chains.ts';
import type { KeyIndustry } from '../../shared/domain.ts';
import { AppError, fieldError, notFound } from '../../shared/errors.ts';
import { violatedUniqueConstraint } from '../../shared/validation/unique-violation.ts';
import { requireSubmissionFacts, STATUS_NAMES, submissionFacts, type SubmissionFacts } from '../workflow/index.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { findCall, findCallsByIds, type CallDetail } from '../calls/index.ts';
import { addTable, shanghaiDateTime, workbook, xlsxBuffer } from '../documents/index.ts';
import type { Actor } from '../../shared/actor.ts';
import { notify, queueMail, renderTemplate } from '../notify/index.ts';
import { findRegion } from '../regions/index.ts';
import { KEY_INDUSTRY_NAMES } from '../spaces/index.ts';
import { rank } from './aggregate.ts';
import { planAssignments, type Opening } from './assign.ts';
import { conflictsOf, type RegionNode } from './conflicts.ts';
import { canExpert, type ExpertAction } from './policy.ts';
import * as repo from './repository.ts';
import { DEFAULT_SHEET, sheetProblems, weighScores, type ScoreSheet } from './sheet.ts';

/**
 * May the expert open the application's materials? Only with a live assignment whose no-conflict
 * declaration is signed (the applications module asks this when an expert opens a dossier).
 */
export function expertCleared(db: DbOrTx, expertUserId: string, applicationId: string): Promise<boolean> {
  return repo.hasDeclaredAssignment(db, expertUserId, applicationId);
}

/**
 * How far the scoring of an application at an expert stage is: the review module passes the stage
 * only when every live assignment has submitted (and there is at least one).
 */
export function scoringStatus(db: DbOrTx, applicationId: string, stageKey: string) {
  return repo.scoringStatus(db, applicationId, stageKey);
}

const PROFILE_NOT_FOUND = { zh: '专家库中没有该专家', en: 'No such expert in your pool' };
const ASSIGNMENT_NOT_FOUND = { zh: '评审任务不存在', en: 'No such review assignment' };
const APPLICATION_NOT_FOUND = { zh: '申请不存在', en: 'No such application' };
const CALL_NOT_FOUND = { zh: '申报批次不存在', en: 'No such call' };

/** The no-conflict declaration an expert signs before the materials open (shown to them verbatim). */
export const DECLARATION_TEXT =
  '本人郑重声明：本人与该申报单位（运营主体）及其建设主体不存在任职、兼职、合作、投资、亲属等利益关系，也不存在其他可能影响公正评审的情形；' +
  '本人将独立、客观、公正地评审打分，对申报材料和评审情况严格保密。评审中如发现存在利益冲突，将立即申请回避。';

// ── Region tree (same-city conflicts) ───────────────────────────────────────

/** The region nodes along the paths, read once per request. */
async function treeFor(db: DbOrTx, paths: readonly string[], into = new Map<string, RegionNode>()) {
  for (const code of new Set(paths.flatMap((p) => p.split('/'))))
    if (!into.has(code)) {
      const r = await findRegion(db, code);
      if (r) into.set(code, { code: r.code, name: r.name, level: r.level });
    }
  return into;
}

// ── Pool ────────────────────────────────────────────────────────────────────

export interface ProfileInput {
  fields: KeyIndustry[];
  affiliation: string;
  affiliationOrgId?: string | null | undefined;
  regionCode: string;
  conflictOrgIds?: string[] | undefined;
}

async function presentProfiles(db: DbOrTx, rows: repo.ProfileWithUser[]) {
  const names = await repo.orgNames(db, [...new Set(rows.flatMap((r) => [...r.profile.conflictOrgIds, ...(r.profile.affiliationOrgId ? [r.profile.affiliationOrgId] : [])]))]);
  const load = await repo.loads(db, rows.map((r) => r.profile.userId));
  return rows.map((r) => ({
    userId: r.profile.userId,
    username: r.username,
    displayName: r.displayName,
    accountActive: r.userStatus === 'active',
    fields: r.profile.fields,
    affiliation: r.profile.affiliation,
    affiliationOrg: r.profile.affiliationOrgId ? { id: r.profile.affiliationOrgId, name: names.get(r.profile.affiliationOrgId) ?? '' } : null,
    regionCode: r.profile.regionCode,
    regionName: r.regionName,
    regionPath: r.regionPath,
    conflictOrgs: r.profile.conflictOrgIds.map((id) => ({ id, name: names.get(id) ?? '' })),
    active: r.profile.active,
    /** Live assignments the expert carries now. */
    load: load.get(r.profile.userId) ?? 0,
    updatedAt: r.profile.updatedAt,
  }));
}

/** A profile as stored, references checked. */
export type PoolProfile = {
  fields: KeyIndustry[];
  affiliation: string;
  affiliationOrgId: string | null;
  regionCode: string;
  conflictOrgIds: string[];
};

/** Checks the references a profile makes (region, organisations); errors name the field. */
async function checkProfile(db: DbOrTx, input: ProfileInput): Promise<PoolProfile> {
  if (!(await findRegion(db, input.regionCode))) throw fieldError('body.regionCode', '行政区划代码不存在', 'no such region code');
  const conflictOrgIds = [...new Set(input.conflictOrgIds ?? [])];
  const known = await repo.existingOrgIds(db, [...conflictOrgIds, ...(input.affiliationOrgId ? [input.affiliationOrgId] : [])]);
  if (input.affiliationOrgId && !known.has(input.affiliationOrgId)) throw fieldError('body.affiliationOrgId', '单位不存在', 'no such organisation');
  const missing = conflictOrgIds.findIndex((id) => !known.has(id));
  if (missing >= 0) throw fieldError(`body.conflictOrgIds.${missing}`, '单位不存在', 'no such organisation');
  return { fields: [...new Set(input.fields)], affiliation: input.affiliation.trim(), affiliationOrgId: input.affiliationOrgId ?? null, regionCode: input.regionCode, conflictOrgIds };
}

/** A profile of the actor's pool, else 404 (another pool's experts are not revealed). */
async function ownProfile(db: DbOrTx, actor: Actor, userId: string) {
  if (!canExpert(actor, 'expert.pool.manage')) throw new AppError('FORBIDDEN');
  const row = await repo.findProfile(db, userId);
  if (!row || !canExpert(actor, 'expert.pool.manage', { poolOrgId: row.profile.poolOrgId })) throw notFound(PROFILE_NOT_FOUND);
  return row;
}

async function profileOut(db: DbOrTx, userId: string) {
  const [out] = await presentProfiles(db, [(await repo.findProfile(db, userId))!]);
  return out!;
}

export async function listPool(db: Db, actor: Actor, query: repo.PoolFilter & { page: number; pageSize: number }) {
  if (!canExpert(actor, 'expert.pool.manage')) throw new AppError('FORBIDDEN');
  const { items, total } = await repo.listPool(db, actor.org.id, query, query.page, query.pageSize);
  return { items: await presentProfiles(db, items), total, page: query.page, pageSize: query.pageSize };
}

/** Puts an expert account into an authority's pool, audited (the demo seed calls it directly). */
export async function addToPoolInTx(tx: Tx, ctx: AuditContext, poolOrgId: string, userId: string, profile: PoolProfile) {
  await repo.insertProfile(tx, { userId, poolOrgId, ...profile });
  await audit.recordInTx(tx, ctx, { action: 'expert.pool.add', objectType: 'user', objectId: userId, detail: { poolOrgId, ...profile } });
}

/** The pool admin takes an existing expert account into the pool; an expert is in one pool at most. */
export async function addToPool(db: Db, actor: Actor, ctx: AuditContext, input: ProfileInput & { username: string }) {
  if (!canExpert(actor, 'expert.pool.manage')) throw new AppError('FORBIDDEN');
  const account = await repo.accountByUsername(db, input.username.trim());
  if (!account) throw fieldError('body.username', '没有该用户名的账号', 'no account with this username');
  if (!account.isExpert) throw fieldError('body.username', '该账号不是评审专家账号（须具有“评审专家”角色）', 'the account does not hold the expert role');
  const existing = await repo.findProfile(db, account.id);
  if (existing)
    throw new AppError('DUPLICATE', existing.profile.poolOrgId === actor.org.id ? { zh: '该专家已在本单位专家库中', en: 'The expert is already in your pool' } : { zh: '该专家已在其他单位的专家库中', en: 'The expert is in another authority’s pool' });
  const valid = await checkProfile(db, input);
  try {
    await db.transaction((tx) => addToPoolInTx(tx, ctx, actor.org.id, account.id, valid));
  } catch (err) {
    if (violatedUniqueConstraint(err) === 'expert_profiles_pkey') throw new AppError('DUPLICATE', { zh: '该专家已在专家库中', en: 'The expert is already in a pool' });
    throw err;
  }
  return profileOut(db, account.id);
}

export async function updatePoolProfile(db: Db, actor: Actor, ctx: AuditContext, userId: string, input: ProfileInput) {
  await ownProfile(db, actor, userId);
  const valid = await checkProfile(db, input);
  await db.transaction(async (tx) => {
    await repo.updateProfile(tx, userId, valid);
    await audit.recordInTx(tx, ctx, { action: 'expert.pool.update', objectType: 'user', objectId: userId, detail: valid });
  });
  return profileOut(db, userId);
}

/** Deactivated experts keep their assignments and scores but get no new ones. */
export async function setPoolActive(db: Db, actor: Actor, ctx: AuditContext, userId: string, active: boolean) {
  const row = await ownProfile(db, actor, userId);
  if (row.profile.active !== active)
    await db.transaction(async (tx) => {
      await repo.updateProfile(tx, userId, { active });
      await audit.recordInTx(tx, ctx, { action: active ? 'expert.pool.activate' : 'expert.pool.deactivate', objectType: 'user', objectId: userId });
    });
  return profileOut(db, userId);
}

/** An expert adds an organisation they are in conflict with to their own profile (the reason goes to the audit log). */
export async function declareOwnConflict(db: Db, actor: Actor, ctx: AuditContext, input: { orgId: string; reason: string }) {
  if (!canExpert(actor, 'expert.work')) throw new AppError('FORBIDDEN');
  const row = await repo.findProfile(db, actor.userId);
  if (!row) throw new AppError('STATE_CONFLICT', { zh: '您尚未被纳入任何专家库，请联系主管部门', en: 'You are not in any expert pool yet; contact the authority' });
  if (!(await repo.existingOrgIds(db, [input.orgId])).has(input.orgId)) throw fieldError('body.orgId', '单位不存在', 'no such organisation');
  if (!row.profile.conflictOrgIds.includes(input.orgId))
    await db.transaction(async (tx) => {
      await repo.updateProfile(tx, actor.userId, { conflictOrgIds: [...row.profile.conflictOrgIds, input.orgId] });
      await audit.recordInTx(tx, ctx, { action: 'expert.conflict.declare', objectType: 'user', objectId: actor.userId, detail: { orgId: input.orgId, reason: input.reason } });
    });
  return profileOut(db, actor.userId);
}

/** Organisations to pick as an affiliation or a conflict, by name (pool admins and experts). */
export async function orgOptions(db: Db, actor: Actor, q: string) {
  if (!canExpert(actor, 'expert.pool.manage') && !canExpert(actor, 'expert.work')) throw new AppError('FORBIDDEN');
  return { items: q ? await repo.searchOrgs(db, q) : [] };
}

// ── Score sheets ────────────────────────────────────────────────────────────

/** The call's saved sheet, or the default while it has none. */
export async function sheetOf(db: DbOrTx, callId: string): Promise<ScoreSheet & { revision: number; isDefault: boolean }> {
  const row = await repo.findSheet(db, callId);
  if (!row) return { ...DEFAULT_SHEET, revision: 0, isDefault: true };
  return { criteria: row.criteria, commentBelow: row.commentBelow, expertsPerApplication: row.expertsPerApplication, sameCityConflict: row.sameCityConflict, revision: row.revision, isDefault: false };
}

async function callFor(db: DbOrTx, actor: Actor, callId: string, action: 'expert.sheet.read' | 'expert.sheet.edit') {
  const call = await findCall(db, callId);
  if (!call || !canExpert(actor, 'expert.sheet.read', { callAuthorityOrgId: call.authorityOrgId })) throw notFound(CALL_NOT_FOUND);
  if (!canExpert(actor, action, { callAuthorityOrgId: call.authorityOrgId })) throw new AppError('FORBIDDEN');
  return call;
}

export async function getSheet(db: Db, actor: Actor, callId: string) {
  await callFor(db, actor, callId, 'expert.sheet.read');
  return sheetOf(db, callId);
}

/** Saves the call's sheet (revision 0 the first time); it is fixed once an expert has scored. */
export async function saveSheet(db: Db, actor: Actor, ctx: AuditContext, callId: string, input: ScoreSheet & { revision: number }) {
  await callFor(db, actor, callId, 'expert.sheet.edit');
  const { revision, ...sheet } = input;
  const problems = sheetProblems(sheet);
  if (problems.length) throw new AppError('VALIDATION_FAILED', { zh: problems.map((p) => `${p.field}：${p.message}`).join('；'), en: problems.map((p) => `${p.field}: ${p.messageEn}`).join('; '), fields: problems });
  await db.transaction(async (tx) => {
    if (await repo.callHasScores(tx, callId)) throw new AppError('NOT_EDITABLE', { zh: '已有专家提交评分，评分表不能再修改', en: 'Experts have already scored; the sheet cannot change' });
    const saved = await repo.saveSheetIf(tx, revision, { callId, ...sheet, updatedBy: actor.userId });
    if (!saved) throw new AppError('STALE_REVISION');
    await audit.recordInTx(tx, ctx, { action: 'expert.sheet.save', objectType: 'call', objectId: callId, detail: { revision: saved.revision, ...sheet } });
  });
  return sheetOf(db, callId);
}

// ── The expert stage (authority) ────────────────────────────────────────────

const notAtStage = (facts: SubmissionFacts, stage: StageTemplate) =>
  new AppError('MOVED_ON', {
    zh: `申请当前不在“${stage.name}”环节（当前：${facts.stage?.name ?? '—'}，${STATUS_NAMES[facts.app.status].zh}），不能安排或进行专家评审`,
    en: `The application is not at "${stage.nameEn}" (it is ${facts.app.status} at ${facts.stage?.key ?? 'no stage'})`,
  });

const atStage = (facts: SubmissionFacts, stage: StageTemplate) => facts.app.stageKey === stage.key && facts.app.status === 'in_review';

/**
 * The expert stage `stageKey` of the call's chain, in the actor's scope (`regionPath`: the space's
 * or the call's region). Out of scope is 404 whatever the stage key; a key that is not an expert
 * stage of the chain is a 400 naming `field`; a reviewer asking for an admin's action is 403.
 */
function stageInScope(actor: Actor, call: CallDetail, stageKey: string, regionPath: string, action: ExpertAction, field: string, what: { zh: string; en: string }): StageTemplate {
  const stages = call.chain ? call.chain.stages.filter((s) => s.kind === 'expert') : [];
  if (!stages.some((s) => canExpert(actor, 'expert.stage.read', { stage: s, regionPath }))) throw notFound(what);
  const stage = call.chain ? stageIn(call.chain, stageKey) : undefined;
  if (!stage || stage.kind !== 'expert') throw fieldError(field, '该批次的审核流程中没有此专家评审环节', 'the call’s chain has no such expert stage');
  if (!canExpert(actor, action, { stage, regionPath })) throw new AppError('FORBIDDEN');
  return stage;
}

async function callStage(db: DbOrTx, actor: Actor, callId: string, stageKey: string, action: ExpertAction, field: string) {
  const call = await findCall(db, callId);
  if (!call) throw notFound(CALL_NOT_FOUND);
  return { call, stage: stageInScope(actor, call, stageKey, call.regionPath, action, field, CALL_NOT_FOUND) };
}

async function applicationStage(db: DbOrTx, actor: Actor, applicationId: string, stageKey: string, action: ExpertAction) {
  const facts = await submissionFacts(db, applicationId);
  if (!facts) throw notFound(APPLICATION_NOT_FOUND);
  return { facts, stage: stageInScope(actor, facts.call, stageKey, facts.space.regionPath, action, 'body.stageKey', APPLICATION_NOT_FOUND) };
}

const partiesOf = (facts: SubmissionFacts) => ({ operatorOrgId: facts.app.operatorOrgId, hostOrgIds: facts.space.hosts.map((h) => h.id), spaceRegionPath: facts.space.regionPath });
const expertFacts = (p: repo.ProfileWithUser) => ({ affiliationOrgId: p.profile.affiliationOrgId, conflictOrgIds: p.profile.conflictOrgIds, regionPath: p.regionPath });

/** Tells each newly assigned expert, in the call authority's wording, in-app and by e-mail when they have one. */
async function notifyAssigned(tx: Tx, facts: SubmissionFacts, stage: StageTemplate, experts: { id: string; email: string | null }[]) {
  if (!experts.length) return;
  const { title, body } = await renderTemplate(tx, facts.call.authorityOrgId, 'expert.assigned', { space: facts.space.name, call: facts.call.title, stage: stage.name });
  await notify(tx, experts.map((e) => e.id), { title, body, link: '/app/my-reviews' });
  for (const e of experts) if (e.email) await queueMail(tx, { to: e.email, subject: title, body });
}

async function insertAssigned(tx: Tx, ctx: AuditContext, actor: Actor, facts: SubmissionFacts, stage: StageTemplate, experts: repo.ProfileWithUser[], how: 'manual' | 'auto') {
  const rows = await repo.insertAssignments(
    tx,
    experts.map((e) => ({ applicationId: facts.app.id, stageKey: stage.key, expertUserId: e.profile.userId, assignedBy: actor.userId })),
  );
  for (const r of rows)
    await audit.recordInTx(tx, ctx, { action: 'expert.assign', objectType: 'application', objectId: facts.app.id, detail: { assignmentId: r.id, stage: stage.key, expertUserId: r.expertUserId, how } });
  await notifyAssigned(tx, facts, stage, experts.map((e) => ({ id: e.profile.userId, email: e.email })));
  return rows;
}

const duplicateAssignment = (err: unknown) =>
  violatedUniqueConstraint(err) === 'expert_assignments_uq' ? new AppError('DUPLICATE', { zh: '该专家已被安排评审此申请', en: 'The expert is already assigned to this application' }) : err;

/** The stage's admin assigns named experts of the own pool; a conflicted or inactive one is refused with the reason. */
export async function assignExperts(db: Db, actor: Actor, ctx: AuditContext, applicationId: string, input: { stageKey: string; expertUserIds: string[] }) {
  const { facts, stage } = await applicationStage(db, actor, applicationId, input.stageKey, 'expert.stage.assign');
  if (!atStage(facts, stage)) throw notAtStage(facts, stage);
  const sheet = await sheetOf(db, facts.call.id);
  const ids = [...new Set(input.expertUserIds)];
  const profiles: repo.ProfileWithUser[] = [];
  const tree = new Map<string, RegionNode>();
  for (const [i, id] of ids.entries()) {
    const p = await repo.findProfile(db, id);
    if (!p || p.profile.poolOrgId !== actor.org.id) throw fieldError(`body.expertUserIds.${i}`, '该专家不在本单位专家库中', 'the expert is not in your pool');
    const name = p.displayName;
    if (!p.profile.active || p.userStatus !== 'active') throw new AppError('STATE_CONFLICT', { zh: `专家“${name}”已停用，不能安排评审`, en: `Expert ${p.username} is inactive` });
    const reasons = conflictsOf(expertFacts(p), partiesOf(facts), sheet, await treeFor(db, [p.regionPath, facts.space.regionPath], tree));
    if (reasons.length)
      throw new AppError('CONFLICT_OF_INTEREST', {
        zh: `专家“${name}”须回避：${reasons.map((r) => r.zh).join('；')}`,
        en: `Expert ${p.username} has a conflict: ${reasons.map((r) => r.en).join('; ')}`,
        details: { expertUserId: id, reasons: reasons.map((r) => r.code) },
      });
    profiles.push(p);
  }
  try {
    await db.transaction((tx) => insertAssigned(tx, ctx, actor, facts, stage, profiles, 'manual'));
  } catch (err) {
    throw duplicateAssignment(err);
  }
  return stageApplication(db, facts, stage);
}

/**
 * Assigns `expertsPerApplication` experts to each application of the call at the stage (or those
 * named): matching field first, least loaded first, never a conflicted one, never one twice. Says
 * what it assigned, where it had to go outside the field, and which applications fell short.
 */
export async function autoAssign(db: Db, actor: Actor, ctx: AuditContext, input: { callId: string; stageKey: string; applicationIds?: string[] | undefined }) {
  const { call, stage } = await callStage(db, actor, input.callId, input.stageKey, 'expert.stage.assign', 'body.stageKey');
  const atStageIds = await repo.applicationIdsAtStage(db, call.id, stage.key);
  const ids = input.applicationIds ? [...new Set(input.applicationIds)] : atStageIds;
  const stray = ids.findIndex((id) => !atStageIds.includes(id));
  if (stray >= 0) throw fieldError(`body.applicationIds.${stray}`, `该申请不在本批次的“${stage.name}”环节`, 'the application is not at this stage of the call');
  const factsOf = new Map<string, SubmissionFacts>();
  for (const id of ids) {
    const facts = (await requireSubmissionFacts(db, id));
    if (!canExpert(actor, 'expert.stage.assign', { stage, regionPath: facts.space.regionPath })) throw fieldError('body.applicationIds', '申请不在本单位管辖范围内', 'an application lies outside your jurisdiction');
    factsOf.set(id, facts);
  }
  const sheet = await sheetOf(db, call.id);
  const pool = await repo.activePool(db, actor.org.id);
  const byId = new Map(pool.map((p) => [p.profile.userId, p]));
  const load = await repo.loads(db, pool.map((p) => p.profile.userId));
  const existing = await repo.assignmentsOf(db, ids, stage.key);
  const tree = await treeFor(db, [...pool.map((p) => p.regionPath), ...[...factsOf.values()].map((f) => f.space.regionPath)]);
  const openings: Opening[] = ids.map((id) => {
    const mine = existing.filter((e) => e.assignment.applicationId === id);
    return { applicationId: id, industry: factsOf.get(id)!.space.industry, taken: mine.map((e) => e.assignment.expertUserId), live: mine.filter((e) => !e.assignment.declinedAt).length };
  });
  const plan = planAssignments(
    openings,
    pool.map((p) => ({ userId: p.profile.userId, name: p.displayName, fields: p.profile.fields, load: load.get(p.profile.userId) ?? 0 })),
    sheet.expertsPerApplication,
    (expertId, appId) => conflictsOf(expertFacts(byId.get(expertId)!), partiesOf(factsOf.get(appId)!), sheet, tree).length > 0,
  );
  try {
    await db.transaction(async (tx) => {
      for (const a of plan.assigned) await insertAssigned(tx, ctx, actor, factsOf.get(a.applicationId)!, stage, a.expertUserIds.map((id) => byId.get(id)!), 'auto');
      await audit.recordInTx(tx, ctx, { action: 'expert.auto_assign', objectType: 'call', objectId: call.id, detail: { stage: stage.key, applications: ids.length, assigned: plan.assigned, short: plan.short } });
    });
  } catch (err) {
    // Two admins auto-assigning at once: the second finds an expert taken and changes nothing.
    throw duplicateAssignment(err);
  }
  const nameOf = (id: string) => byId.get(id)!.displayName;
  const spaceOf = (id: string) => factsOf.get(id)!.space.name;
  return {
    perApplication: sheet.expertsPerApplication,
    assigned: plan.assigned.map((a) => ({
      applicationId: a.applicationId,
      spaceName: spaceOf(a.applicationId),
      experts: a.expertUserIds.map((id) => ({ userId: id, displayName: nameOf(id), outsideField: a.outsideField.includes(id) })),
    })),
    short: plan.short.map((s) => ({ applicationId: s.applicationId, spaceName: spaceOf(s.applicationId), missing: s.missing })),
    outsideField: plan.assigned.filter((a) => a.outsideField.length).map((a) => ({ applicationId: a.applicationId, spaceName: spaceOf(a.applicationId), count: a.outsideField.length })),
  };
}

/** The stage's admin removes an assignment nobody has scored yet. */
export async function removeAssignment(db: Db, actor: Actor, ctx: AuditContext, assignmentId: string) {
  const a = await repo.findAssignment(db, assignmentId);
  const facts = a && (await submissionFacts(db, a.applicationId));
  if (!a || !facts) throw notFound(ASSIGNMENT_NOT_FOUND);
  stageInScope(actor, facts.call, a.stageKey, facts.space.regionPath, 'expert.stage.assign', 'stageKey', ASSIGNMENT_NOT_FOUND);
  await db.transaction(async (tx) => {
    if (!(await repo.deleteUnscored(tx, a.id))) throw new AppError('NOT_EDITABLE', { zh: '该专家已提交评分，不能撤销安排', en: 'The expert has already scored; the assignment stays' });
    await audit.recordInTx(tx, ctx, { action: 'expert.unassign', objectType: 'application', objectId: a.applicationId, detail: { assignmentId: a.id, stage: a.stageKey, expertUserId: a.expertUserId } });
  });
}

function presentAssignment(r: repo.AssignmentWithExpert) {
  const a = r.assignment;
  return {
    id: a.id,
    expert: { userId: a.expertUserId, displayName: r.expertName, username: r.expertUsername },
    state: assignmentState(a),
    assignedAt: a.assignedAt,
    declaredAt: a.declaredAt,
    declinedAt: a.declinedAt,
    declineReason: a.declineReason,
    scores: a.scores,
    total: a.total === null ? null : Number(a.total),
    comment: a.comment,
    submittedAt: a.submittedAt,
  };
}

const assignmentState = (a: repo.AssignmentRow): 'assigned' | 'declared' | 'declined' | 'submitted' => (a.submittedAt ? 'submitted' : a.declinedAt ? 'declined' : a.declaredAt ? 'declared' : 'assigned');

async function stageApplication(db: DbOrTx, facts: SubmissionFacts, stage: StageTemplate) {
  const rows = await repo.assignmentsOf(db, [facts.app.id], stage.key);
  return applicationRow(facts, rows);
}

const applicationRow = (facts: SubmissionFacts, rows: repo.AssignmentWithExpert[]) => ({
  id: facts.app.id,
  space: { id: facts.space.id, name: facts.space.name, industry: facts.space.industry, regionName: facts.space.regionName },
  operator: { id: facts.space.operator.id, name: facts.space.operator.name },
  status: facts.app.status,
  stageKey: facts.app.stageKey,
  submittedAt: facts.app.submittedAt,
  assignments: rows.filter((r) => r.assignment.applicationId === facts.app.id).map(presentAssignment),
});

/** The applications of the call at the expert stage with their assignments, for the authority's page. */
export async function stageOverview(db: Db, actor: Actor, input: { callId: string; stageKey: string }) {
  const { call, stage } = await callStage(db, actor, input.callId, input.stageKey, 'expert.stage.read', 'querystring.stageKey');
  const ids = await repo.applicationIdsAtStage(db, call.id, stage.key);
  const rows = await repo.assignmentsOf(db, ids, stage.key);
  const items = [];
  for (const id of ids) {
    const facts = (await requireSubmissionFacts(db, id));
    if (canExpert(actor, 'expert.stage.read', { stage, regionPath: facts.space.regionPath })) items.push(applicationRow(facts, rows));
  }
  return { call: { id: call.id, title: call.title }, stage: { key: stage.key, name: stage.name, nameEn: stage.nameEn }, sheet: await sheetOf(db, call.id), canAssign: canExpert(actor, 'expert.stage.assign', { stage, regionPath: call.regionPath }), items };
}

// ── Results ─────────────────────────────────────────────────────────────────

/** Per application: each expert's total and comment, mean, trimmed mean and rank. */
export async function stageResults(db: Db, actor: Actor, input: { callId: string; stageKey: string }) {
  const { call, stage } = await callStage(db, actor, input.callId, input.stageKey, 'expert.stage.read', 'querystring.stageKey');
  const ids = await repo.applicationIdsForResults(db, call.id, stage.key);
  const rows = await repo.assignmentsOf(db, ids, stage.key);
  const apps = [];
  for (const id of ids) {
    const facts = (await requireSubmissionFacts(db, id));
    if (!canExpert(actor, 'expert.stage.read', { stage, regionPath: facts.space.regionPath })) continue;
    const scored = rows.filter((r) => r.assignment.applicationId === id && r.assignment.submittedAt).map(presentAssignment);
    apps.push({ id, spaceName: facts.space.name, operatorName: facts.space.operator.name, industry: facts.space.industry, status: facts.app.status, stageKey: facts.app.stageKey, scores: scored });
  }
  const ranked = rank(apps, (a) => a.scores.map((s) => s.total!), (a) => a.spaceName);
  return {
    call: { id: call.id, title: call.title },
    stage: { key: stage.key, name: stage.name, nameEn: stage.nameEn },
    sheet: await sheetOf(db, call.id),
    items: ranked.map((r) => ({
      applicationId: r.item.id,
      spaceName: r.item.spaceName,
      operatorName: r.item.operatorName,
      industry: r.item.industry,
      status: r.item.status,
      stageKey: r.item.stageKey,
      rank: r.rank,
      mean: r.mean,
      trimmedMean: r.trimmedMean,
      scores: r.item.scores.map((s) => ({ expert: s.expert, total: s.total!, scores: s.scores ?? {}, comment: s.comment, submittedAt: s.submittedAt! })),
    })),
  };
}

/** The results as a workbook: the ranking, then every score and comment; the export is audited. */
export async function stageResultsXlsx(db: Db, actor: Actor, ctx: AuditContext, input: { callId: string; stageKey: string }) {
  const results = await stageResults(db, actor, input);
  const book = workbook();
  addTable(
    book,
    '排名',
    [
      { header: '排名', key: 'rank', width: 8 },
      { header: '众创空间', key: 'space', width: 36 },
      { header: '运营主体', key: 'operator', width: 36 },
      { header: '重点领域', key: 'industry', width: 14 },
      { header: '评分专家数', key: 'count', width: 12 },
      { header: '平均分', key: 'mean', width: 10 },
      { header: '去掉最高最低分后的平均分', key: 'trimmed', width: 24 },
    ],
    results.items.map((r) => ({ rank: r.rank ?? '—', space: r.spaceName, operator: r.operatorName, industry: KEY_INDUSTRY_NAMES[r.industry], count: r.scores.length, mean: r.mean ?? '', trimmed: r.trimmedMean ?? '' })),
  );
  addTable(
    book,
    '评分明细',
    [
      { header: '众创空间', key: 'space', width: 36 },
      { header: '评审专家', key: 'expert', width: 20 },
      ...results.sheet.criteria.map((c) => ({ header: `${c.name}（${c.min}–${c.max}，权重${c.weight}%）`, key: `c_${c.key}`, width: 18 })),
      { header: '加权总分', key: 'total', width: 10 },
      { header: '评审意见', key: 'comment', width: 50 },
      { header: '提交时间', key: 'at', width: 20 },
    ],
    results.items.flatMap((r) =>
      r.scores.map((s) => ({
        space: r.spaceName,
        expert: s.expert.displayName,
        ...Object.fromEntries(results.sheet.criteria.map((c) => [`c_${c.key}`, s.scores[c.key] ?? ''])),
        total: s.total,
        comment: s.comment ?? '',
        at: shanghaiDateTime(s.submittedAt),
      })),
    ),
  );
  const buffer = await xlsxBuffer(book);
  await audit.record(db, ctx, { action: 'expert.results.export', objectType: 'call', objectId: results.call.id, detail: { stage: results.stage.key, applications: results.items.length } });
  return { buffer, fileName: `专家评审结果-${results.call.title}-${results.stage.name}.xlsx` };
}

// ── The expert's own work ───────────────────────────────────────────────────

/** One of the actor's assignments, else 404 (someone else's is not revealed). */
async function myAssignment(db: DbOrTx, actor: Actor, id: string, lock = false) {
  if (!canExpert(actor, 'expert.work')) throw new AppError('FORBIDDEN');
  const a = lock ? await repo.lockAssignment(db, id) : await repo.findAssignment(db, id);
  if (!a || !canExpert(actor, 'expert.work', { expertUserId: a.expertUserId })) throw notFound(ASSIGNMENT_NOT_FOUND);
  return a;
}

/** Declined, already scored, or the application has left the stage: the assignment is closed (409 saying which). */
async function openAssignment(tx: DbOrTx, actor: Actor, id: string) {
  const a = await myAssignment(tx, actor, id, true);
  if (a.declinedAt) throw new AppError('STATE_CONFLICT', { zh: '您已回避此评审任务', en: 'You have declined this assignment' });
  if (a.submittedAt) throw new AppError('NOT_EDITABLE', { zh: '您已提交评分，不能重复提交或修改', en: 'You have already submitted your scores' });
  const facts = (await requireSubmissionFacts(tx, a.applicationId));
  const stage = facts.chain ? stageIn(facts.chain, a.stageKey) : undefined;
  if (!stage || !atStage(facts, stage)) throw notAtStage(facts, stage ?? ({ name: a.stageKey, nameEn: a.stageKey } as StageTemplate));
  return { a, facts, stage };
}

export async function myAssignments(db: Db, actor: Actor) {
  if (!canExpert(actor, 'expert.work')) throw new AppError('FORBIDDEN');
  const rows = await repo.assignmentsOfExpert(db, actor.userId);
  const chains = new Map((await findCallsByIds(db, [...new Set(rows.map((r) => r.callId))])).map((c) => [c.id, c.chain]));
  const sheets = new Map<string, ScoreSheet>();
  for (const r of rows) if (!sheets.has(r.callId)) sheets.set(r.callId, await sheetOf(db, r.callId));
  return {
    declarationText: DECLARATION_TEXT,
    items: rows.map((r) => {
      const chain = chains.get(r.callId);
      const stage = chain ? stageIn(chain, r.assignment.stageKey) : undefined;
      const sheet = sheets.get(r.callId)!;
      return {
        id: r.assignment.id,
        applicationId: r.assignment.applicationId,
        spaceName: r.spaceName,
        industry: r.industry,
        call: { id: r.callId, title: r.callTitle },
        stage: { key: r.assignment.stageKey, name: stage?.name ?? r.assignment.stageKey, nameEn: stage?.nameEn ?? r.assignment.stageKey },
        /** The application is still at this stage: declaring and scoring are possible. */
        open: r.appStageKey === r.assignment.stageKey && r.appStatus === 'in_review',
        state: assignmentState(r.assignment),
        assignedAt: r.assignment.assignedAt,
        declaredAt: r.assignment.declaredAt,
        declinedAt: r.assignment.declinedAt,
        submittedAt: r.assignment.submittedAt,
        scores: r.assignment.scores,
        total: r.assignment.total === null ? null : Number(r.assignment.total),
        comment: r.assignment.comment,
        sheet: { criteria: sheet.criteria, commentBelow: sheet.commentBelow },
      };
    }),
  };
}

/** The no-conflict declaration: signed once, audited with its text; it opens the dossier to the expert. */
export async function declareNoConflict(db: Db, actor: Actor, ctx: AuditContext, id: string) {
  await db.transaction(async (tx) => {
    const { a } = await openAssignment(tx, actor, id);
    if (a.declaredAt) throw new AppError('DUPLICATE', { zh: '您已签署无利益冲突声明', en: 'You have already signed the declaration' });
    await repo.updateUnscored(tx, a.id, { declaredAt: new Date() });
    await audit.recordInTx(tx, ctx, { action: 'expert.declare', objectType: 'application', objectId: a.applicationId, detail: { assignmentId: a.id, stage: a.stageKey, statement: DECLARATION_TEXT } });
  });
  return assignmentOut(db, actor, id);
}

/** The expert steps back (a conflict found on reading, or unable to review); the authority assigns someone else. */
export async function declineAssignment(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { reason: string }) {
  await db.transaction(async (tx) => {
    const { a } = await openAssignment(tx, actor, id);
    await repo.updateUnscored(tx, a.id, { declinedAt: new Date(), declineReason: input.reason });
    await audit.recordInTx(tx, ctx, { action: 'expert.decline', objectType: 'application', objectId: a.applicationId, detail: { assignmentId: a.id, stage: a.stageKey, reason: input.reason } });
  });
  return assignmentOut(db, actor, id);
}

/** Scores every criterion once; the server weighs them; a low total needs a comment. */
export async function submitScores(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { scores: Record<string, number>; comment?: string | undefined }) {
  await db.transaction(async (tx) => {
    const { a, facts } = await openAssignment(tx, actor, id);
    if (!a.declaredAt) throw new AppError('STATE_CONFLICT', { zh: '请先签署无利益冲突声明', en: 'Sign the no-conflict declaration first' });
    const sheet = await sheetOf(tx, facts.call.id);
    const { total, problems } = weighScores(sheet, input.scores);
    if (problems.length) throw new AppError('VALIDATION_FAILED', { zh: problems.map((p) => `${p.field}：${p.message}`).join('；'), en: problems.map((p) => `${p.field}: ${p.messageEn}`).join('; '), fields: problems });
    const comment = input.comment?.trim() || null;
    if (total < sheet.commentBelow && !comment)
      throw fieldError('body.comment', `加权总分 ${total} 低于 ${sheet.commentBelow} 分，请填写评审意见`, `a total of ${total} is below ${sheet.commentBelow}; a comment is required`);
    await repo.updateUnscored(tx, a.id, { scores: input.scores, comment, total: total.toFixed(2), submittedAt: new Date() });
    await audit.recordInTx(tx, ctx, { action: 'expert.score', objectType: 'application', objectId: a.applicationId, detail: { assignmentId: a.id, stage: a.stageKey, scores: input.scores, total } });
  });
  return assignmentOut(db, actor, id);
}

async function assignmentOut(db: Db, actor: Actor, id: string) {
  const { items } = await myAssignments(db, actor);
  return items.find((i) => i.id === id)!;
}

/** The other experts' scores and comments on the same application, once the actor has submitted their own. */
export async function panel(db: Db, actor: Actor, id: string) {
  const a = await myAssignment(db, actor, id);
  if (!a.submittedAt)
    throw new AppError('FORBIDDEN', { zh: '提交本人评分后才能查看其他专家的评分和意见', en: 'Submit your own scores first to see the other experts’ scores and comments' });
  const rows = await repo.assignmentsOf(db, [a.applicationId], a.stageKey);
  return {
    items: rows
      .filter((r) => r.assignment.submittedAt)
      .map((r) => ({ expert: r.expertName, mine: r.assignment.id === a.id, total: Number(r.assignment.total), scores: r.assignment.scores ?? {}, comment: r.assignment.comment, submittedAt: r.assignment.submittedAt! })),
  };
}
