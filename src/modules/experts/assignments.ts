/** Assigning experts to applications at an expert stage, by hand or automatically, never conflicted. */
import type { Db } from '../../db/client.ts';
import { AppError, fieldError, notFound } from '../../shared/errors.ts';
import { accessibleIds, submissionFacts, type SubmissionFacts } from '../workflow/index.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import type { Actor } from '../../shared/actor.ts';
import { planAssignments, type Opening } from './assign.ts';
import { conflictsOf, type RegionNode } from './conflicts.ts';
import * as repo from './repository.ts';
import {
  ASSIGNMENT_NOT_FOUND,
  treeFor,
  notAtStage,
  atStage,
  stageInScope,
  callStage,
  applicationStage,
  partiesOf,
  expertFacts,
  insertAssigned,
  duplicateAssignment,
  stageApplication,
} from './access.ts';
import { sheetOf } from './score-sheets.ts';

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
  // callStage checked the actor assigns at this stage (an expert stage, its admin); what is left is each space's jurisdiction.
  const { accessible, refused } = await accessibleIds(db, actor, ids, { callId: call.id, stageKey: stage.key, adminOnly: true });
  if (refused.length) throw fieldError(`body.applicationIds.${ids.indexOf(refused[0]!)}`, '申请不在本单位管辖范围内', 'an application lies outside your jurisdiction');
  const factsOf = new Map<string, SubmissionFacts>(accessible.map((f) => [f.app.id, f]));
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
