/** What the expert actions share: loading stages and assignments in scope, presenting them, the region tree for conflict checks. */
import type { Db, DbOrTx, Tx } from '../../db/client.ts';
import { stageIn, type StageTemplate } from '../../shared/chains.ts';
import { AppError, fieldError, notFound } from '../../shared/errors.ts';
import { violatedUniqueConstraint } from '../../shared/validation/unique-violation.ts';
import { requireSubmissionFacts, STATUS_NAMES, submissionFacts, type SubmissionFacts } from '../workflow/index.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { findCall, type CallDetail } from '../calls/index.ts';
import type { Actor } from '../../shared/actor.ts';
import { notifyAndMail, renderTemplate } from '../notify/index.ts';
import { findRegion } from '../regions/index.ts';
import type { RegionNode } from './conflicts.ts';
import { can, type ExpertAction } from './policy.ts';
import * as repo from './repository.ts';
import { myAssignments } from './expert-work.ts';
import type { PoolProfile, ProfileInput } from './pool.ts';

export const PROFILE_NOT_FOUND = { zh: '专家库中没有该专家', en: 'No such expert in your pool' };

export const ASSIGNMENT_NOT_FOUND = { zh: '评审任务不存在', en: 'No such review assignment' };

export const APPLICATION_NOT_FOUND = { zh: '申请不存在', en: 'No such application' };

export const CALL_NOT_FOUND = { zh: '申报批次不存在', en: 'No such call' };

/** The region nodes along the paths, read once per request. */
export async function treeFor(db: DbOrTx, paths: readonly string[], into = new Map<string, RegionNode>()) {
  for (const code of new Set(paths.flatMap((p) => p.split('/'))))
    if (!into.has(code)) {
      const r = await findRegion(db, code);
      if (r) into.set(code, { code: r.code, name: r.name, level: r.level });
    }
  return into;
}

// ── Pool ────────────────────────────────────────────────────────────────────

export async function presentProfiles(db: DbOrTx, rows: repo.ProfileWithUser[]) {
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

/** Checks the references a profile makes (region, organisations); errors name the field. */
export async function checkProfile(db: DbOrTx, input: ProfileInput): Promise<PoolProfile> {
  if (!(await findRegion(db, input.regionCode))) throw fieldError('body.regionCode', '行政区划代码不存在', 'no such region code');
  const conflictOrgIds = [...new Set(input.conflictOrgIds ?? [])];
  const known = await repo.existingOrgIds(db, [...conflictOrgIds, ...(input.affiliationOrgId ? [input.affiliationOrgId] : [])]);
  if (input.affiliationOrgId && !known.has(input.affiliationOrgId)) throw fieldError('body.affiliationOrgId', '单位不存在', 'no such organisation');
  const missing = conflictOrgIds.findIndex((id) => !known.has(id));
  if (missing >= 0) throw fieldError(`body.conflictOrgIds.${missing}`, '单位不存在', 'no such organisation');
  return { fields: [...new Set(input.fields)], affiliation: input.affiliation.trim(), affiliationOrgId: input.affiliationOrgId ?? null, regionCode: input.regionCode, conflictOrgIds };
}

/** A profile of the actor's pool, else 404 (another pool's experts are not revealed). */
export async function ownProfile(db: DbOrTx, actor: Actor, userId: string) {
  if (!can(actor, 'expert.pool.manage')) throw new AppError('FORBIDDEN');
  const row = await repo.findProfile(db, userId);
  if (!row || !can(actor, 'expert.pool.manage', { poolOrgId: row.profile.poolOrgId })) throw notFound(PROFILE_NOT_FOUND);
  return row;
}

export async function profileOut(db: DbOrTx, userId: string) {
  const [out] = await presentProfiles(db, [(await repo.findProfile(db, userId))!]);
  return out!;
}

export async function callFor(db: DbOrTx, actor: Actor, callId: string, action: 'expert.sheet.read' | 'expert.sheet.edit') {
  const call = await findCall(db, callId);
  if (!call || !can(actor, 'expert.sheet.read', { callAuthorityOrgId: call.authorityOrgId })) throw notFound(CALL_NOT_FOUND);
  if (!can(actor, action, { callAuthorityOrgId: call.authorityOrgId })) throw new AppError('FORBIDDEN');
  return call;
}

export const notAtStage = (facts: SubmissionFacts, stage: StageTemplate) =>
  new AppError('MOVED_ON', {
    zh: `申请当前不在“${stage.name}”环节（当前：${facts.stage?.name ?? '—'}，${STATUS_NAMES[facts.app.status].zh}），不能安排或进行专家评审`,
    en: `The application is not at "${stage.nameEn}" (it is ${facts.app.status} at ${facts.stage?.key ?? 'no stage'})`,
  });

export const atStage = (facts: SubmissionFacts, stage: StageTemplate) => facts.app.stageKey === stage.key && facts.app.status === 'in_review';

/**
 * The expert stage `stageKey` of the call's chain, in the actor's scope (`regionPath`: the space's
 * or the call's region). Out of scope is 404 whatever the stage key; a key that is not an expert
 * stage of the chain is a 400 naming `field`; a reviewer asking for an admin's action is 403.
 */
export function stageInScope(actor: Actor, call: CallDetail, stageKey: string, regionPath: string, action: ExpertAction, field: string, what: { zh: string; en: string }): StageTemplate {
  const stages = call.chain ? call.chain.stages.filter((s) => s.kind === 'expert') : [];
  const at = { regionPath, callAuthorityId: call.authorityOrgId };
  if (!stages.some((s) => can(actor, 'expert.stage.read', { stage: s, at }))) throw notFound(what);
  const stage = call.chain ? stageIn(call.chain, stageKey) : undefined;
  if (!stage || stage.kind !== 'expert') throw fieldError(field, '该批次的审核流程中没有此专家评审环节', 'the call’s chain has no such expert stage');
  if (!can(actor, action, { stage, at })) throw new AppError('FORBIDDEN');
  return stage;
}

export async function callStage(db: DbOrTx, actor: Actor, callId: string, stageKey: string, action: ExpertAction, field: string) {
  const call = await findCall(db, callId);
  if (!call) throw notFound(CALL_NOT_FOUND);
  return { call, stage: stageInScope(actor, call, stageKey, call.regionPath, action, field, CALL_NOT_FOUND) };
}

export async function applicationStage(db: DbOrTx, actor: Actor, applicationId: string, stageKey: string, action: ExpertAction) {
  const facts = await submissionFacts(db, applicationId);
  if (!facts) throw notFound(APPLICATION_NOT_FOUND);
  return { facts, stage: stageInScope(actor, facts.call, stageKey, facts.space.regionPath, action, 'body.stageKey', APPLICATION_NOT_FOUND) };
}

export const partiesOf = (facts: SubmissionFacts) => ({ operatorOrgId: facts.app.operatorOrgId, hostOrgIds: facts.space.hosts.map((h) => h.id), spaceRegionPath: facts.space.regionPath });

export const expertFacts = (p: repo.ProfileWithUser) => ({ affiliationOrgId: p.profile.affiliationOrgId, conflictOrgIds: p.profile.conflictOrgIds, regionPath: p.regionPath });

/** Tells each newly assigned expert, in the call authority's wording, in-app and by e-mail when they have one. */
export async function notifyAssigned(tx: Tx, facts: SubmissionFacts, stage: StageTemplate, experts: { id: string; email: string | null }[]) {
  if (!experts.length) return;
  const { title, body } = await renderTemplate(tx, facts.call.authorityOrgId, 'expert.assigned', { space: facts.space.name, call: facts.call.title, stage: stage.name });
  await notifyAndMail(tx, experts, { title, body, link: '/app/my-reviews' });
}

export async function insertAssigned(tx: Tx, ctx: AuditContext, actor: Actor, facts: SubmissionFacts, stage: StageTemplate, experts: repo.ProfileWithUser[], how: 'manual' | 'auto') {
  const rows = await repo.insertAssignments(
    tx,
    experts.map((e) => ({ applicationId: facts.app.id, stageKey: stage.key, expertUserId: e.profile.userId, assignedBy: actor.userId })),
  );
  for (const r of rows)
    await audit.recordInTx(tx, ctx, { action: 'expert.assign', objectType: 'application', objectId: facts.app.id, detail: { assignmentId: r.id, stage: stage.key, expertUserId: r.expertUserId, how } });
  await notifyAssigned(tx, facts, stage, experts.map((e) => ({ id: e.profile.userId, email: e.email })));
  return rows;
}

export const duplicateAssignment = (err: unknown) =>
  violatedUniqueConstraint(err) === 'expert_assignments_uq' ? new AppError('DUPLICATE', { zh: '该专家已被安排评审此申请', en: 'The expert is already assigned to this application' }) : err;

export function presentAssignment(r: repo.AssignmentWithExpert) {
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

export const assignmentState = (a: repo.AssignmentRow): 'assigned' | 'declared' | 'declined' | 'submitted' => (a.submittedAt ? 'submitted' : a.declinedAt ? 'declined' : a.declaredAt ? 'declared' : 'assigned');

export async function stageApplication(db: DbOrTx, facts: SubmissionFacts, stage: StageTemplate) {
  const rows = await repo.assignmentsOf(db, [facts.app.id], stage.key);
  return applicationRow(facts, rows);
}

export const applicationRow = (facts: SubmissionFacts, rows: repo.AssignmentWithExpert[]) => ({
  id: facts.app.id,
  space: { id: facts.space.id, name: facts.space.name, industry: facts.space.industry, regionName: facts.space.regionName },
  operator: { id: facts.space.operator.id, name: facts.space.operator.name },
  status: facts.app.status,
  stageKey: facts.app.stageKey,
  submittedAt: facts.app.submittedAt,
  assignments: rows.filter((r) => r.assignment.applicationId === facts.app.id).map(presentAssignment),
});

/** One of the actor's assignments, else 404 (someone else's is not revealed). */
export async function myAssignment(db: DbOrTx, actor: Actor, id: string, lock = false) {
  if (!can(actor, 'expert.work')) throw new AppError('FORBIDDEN');
  const a = lock ? await repo.lockAssignment(db, id) : await repo.findAssignment(db, id);
  if (!a || !can(actor, 'expert.work', { expertUserId: a.expertUserId })) throw notFound(ASSIGNMENT_NOT_FOUND);
  return a;
}

/** Declined, already scored, or the application has left the stage: the assignment is closed (409 saying which). */
export async function openAssignment(tx: DbOrTx, actor: Actor, id: string) {
  const a = await myAssignment(tx, actor, id, true);
  if (a.declinedAt) throw new AppError('STATE_CONFLICT', { zh: '您已回避此评审任务', en: 'You have declined this assignment' });
  if (a.submittedAt) throw new AppError('NOT_EDITABLE', { zh: '您已提交评分，不能重复提交或修改', en: 'You have already submitted your scores' });
  const facts = (await requireSubmissionFacts(tx, a.applicationId));
  const stage = facts.chain ? stageIn(facts.chain, a.stageKey) : undefined;
  if (!stage || !atStage(facts, stage)) throw notAtStage(facts, stage ?? ({ name: a.stageKey, nameEn: a.stageKey } as StageTemplate));
  return { a, facts, stage };
}

export async function assignmentOut(db: Db, actor: Actor, id: string) {
  const { items } = await myAssignments(db, actor);
  return items.find((i) => i.id === id)!;
}
