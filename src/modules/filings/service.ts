import { randomUUID } from 'node:crypto';
import type { Db, DbOrTx, Tx } from '../../db/client.ts';
import { stageAfterIn, stageIn, type StageTemplate } from '../../shared/chains.ts';
import { AppError, fieldError, notFound } from '../../shared/errors.ts';
import { violatedUniqueConstraint } from '../../shared/validation/unique-violation.ts';
import { notifyApplicant, notifyStageWorkers, requireSubmissionFacts, STATUS_NAMES, submissionFacts, submissionFactsMany, submissionKind, submissionsAtStages, transitionInTx, type SubmissionFacts } from '../workflow/index.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { findCallForActor } from '../calls/index.ts';
import type { Actor } from '../../shared/actor.ts';
import { findOrganisation } from '../orgs/index.ts';
import { fullName } from '../regions/index.ts';
import type { ChecklistVerdict } from '../../shared/chains.ts';
import { findSpaceInScope } from '../spaces/index.ts';
import { can, type DecisionAction } from './policy.ts';
import * as repo from './repository.ts';

/** What the public list shows beside an entry struck out after a fraud finding (002 §四.(一).3). */
export const FRAUD_REMOVAL = '因弄虚作假撤销';

const APP_NOT_FOUND = { zh: '申请不存在或不在您办理的审定环节', en: 'No such application at a decision stage you work' };
const DECISION_NOT_FOUND = { zh: '审定意见不存在', en: 'No such decision' };
const LIST_NOT_FOUND = { zh: '名单不存在', en: 'No such list' };
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
async function loadTarget(db: DbOrTx, actor: Actor, applicationId: string, stageKey: string, action: DecisionAction) {
  const facts = await submissionFacts(db, applicationId);
  const stage = facts && decisionStage(facts, stageKey);
  if (!facts || !stage || !can(actor, 'decision.record', { stage, regionPath: facts.space.regionPath })) throw notFound(APP_NOT_FOUND);
  if (!can(actor, action, { stage, regionPath: facts.space.regionPath })) throw adminOnly();
  return { facts, stage };
}

/** The call and its decision stage `stageKey` when the actor works it (404 otherwise; 400 for a stage that is not a decision stage). */
async function loadStage(db: DbOrTx, actor: Actor, callId: string, stageKey: string, field: string, action: DecisionAction = 'decision.record') {
  const call = await findCallForActor(db, actor, callId);
  const stage = decisionStage(call, stageKey);
  if (!stage) throw fieldError(field, '该批次的审核流程中没有这个审定环节', 'the call’s chain has no such decision stage');
  // Decision stages sit at the call's level or above, so working the stage over the call's region is the test.
  if (!can(actor, 'decision.record', { stage, regionPath: call.regionPath })) throw notFound({ zh: '申报批次不存在', en: 'No such call' });
  if (!can(actor, action, { stage, regionPath: call.regionPath })) throw adminOnly();
  return { call, stage };
}

/** Every checklist item of the stage exactly once, each with a note (001 §三.2 "严禁审核走过场"). */
function checkChecklist(stage: StageTemplate, items: ChecklistVerdict[]): ChecklistVerdict[] {
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

function present(d: repo.DecisionRow, facts: SubmissionFacts) {
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
    space: { id: facts.space.id, name: facts.space.name, regionName: facts.space.regionName },
    operator: { id: facts.space.operator.id, name: facts.space.operator.name },
  };
}
export type DecisionView = ReturnType<typeof present>;

const notAtStage = (facts: SubmissionFacts, stage: StageTemplate) =>
  new AppError('MOVED_ON', {
    zh: `申请当前状态为“${STATUS_NAMES[facts.app.status].zh}”${facts.stage ? `，处于“${facts.stage.name}”环节` : ''}，不在“${stage.name}”环节，不能记录审定意见`,
    en: `The application is ${STATUS_NAMES[facts.app.status].en}${facts.stage ? ` at "${facts.stage.nameEn}"` : ''}, not at "${stage.nameEn}"`,
  });
const alreadyDecided = () => new AppError('DUPLICATE', { zh: '已有待发布的审定意见，请修改或撤回后再记录', en: 'A decision is already pending; change or withdraw it' });
const notPending = () => new AppError('NOT_EDITABLE', { zh: '该审定意见已发布或已撤回，不能修改；已发布的结果请使用“更正”', en: 'The decision was released or withdrawn; reverse a released one instead' });

export interface DecisionInput {
  outcome: 'approve' | 'reject';
  reason: string;
  checklist: ChecklistVerdict[];
}

/** Records a pending decision on an application standing at the decision stage; released later with others. */
export async function recordDecision(db: Db, actor: Actor, ctx: AuditContext, input: DecisionInput & { applicationId: string; stageKey: string }) {
  const { facts, stage } = await loadTarget(db, actor, input.applicationId, input.stageKey, 'decision.record');
  const checklist = checkChecklist(stage, input.checklist);
  if (facts.app.status !== 'in_review' || facts.app.stageKey !== stage.key) throw notAtStage(facts, stage);
  try {
    const row = await db.transaction(async (tx) => {
      const d = await repo.insertDecision(tx, { applicationId: facts.app.id, stageKey: stage.key, outcome: input.outcome, reason: input.reason.trim(), checklist, decidedBy: actor.userId });
      await audit.recordInTx(tx, ctx, { action: 'decision.record', objectType: 'decision', objectId: d.id, detail: { applicationId: facts.app.id, stage: stage.key, outcome: d.outcome } });
      return d;
    });
    return present(row, facts);
  } catch (err) {
    if (violatedUniqueConstraint(err) === 'decisions_current_uq') throw alreadyDecided();
    throw err;
  }
}

/** The decision when the actor works its stage for its space (404 otherwise), then `action` (403). */
async function loadDecision(db: DbOrTx, actor: Actor, id: string, action: DecisionAction) {
  const decision = await repo.findDecision(db, id);
  if (!decision) throw notFound(DECISION_NOT_FOUND);
  try {
    return { decision, ...(await loadTarget(db, actor, decision.applicationId, decision.stageKey, action)) };
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') throw notFound(DECISION_NOT_FOUND);
    throw err;
  }
}

/** Changes a pending decision (outcome, reason, checklist). */
export async function updateDecision(db: Db, actor: Actor, ctx: AuditContext, id: string, input: DecisionInput) {
  const { decision, facts, stage } = await loadDecision(db, actor, id, 'decision.record');
  const checklist = checkChecklist(stage, input.checklist);
  if (decision.status !== 'pending') throw notPending();
  const row = await db.transaction(async (tx) => {
    const d = await repo.updatePending(tx, id, { outcome: input.outcome, reason: input.reason.trim(), checklist, decidedBy: actor.userId, decidedAt: new Date() });
    if (!d) throw notPending();
    await audit.recordInTx(tx, ctx, { action: 'decision.update', objectType: 'decision', objectId: id, detail: { from: decision.outcome, to: d.outcome } });
    return d;
  });
  return present(row, facts);
}

/** Withdraws a pending decision: it was never published, so the row goes (the audit row keeps it). */
export async function withdrawDecision(db: Db, actor: Actor, ctx: AuditContext, id: string) {
  const { decision } = await loadDecision(db, actor, id, 'decision.record');
  if (decision.status !== 'pending') throw notPending();
  await db.transaction(async (tx) => {
    if (!(await repo.deletePending(tx, id))) throw notPending();
    await audit.recordInTx(tx, ctx, {
      action: 'decision.withdraw',
      objectType: 'decision',
      objectId: id,
      detail: { applicationId: decision.applicationId, stage: decision.stageKey, outcome: decision.outcome, reason: decision.reason },
    });
  });
}

/** The presented decisions whose space the actor works the stage for. */
async function inScope(db: DbOrTx, actor: Actor, stage: StageTemplate, rows: repo.DecisionRow[]) {
  const facts = new Map((await submissionFactsMany(db, [...new Set(rows.map((d) => d.applicationId))])).map((f) => [f.app.id, f]));
  return rows.flatMap((d) => {
    const f = facts.get(d.applicationId);
    return f && can(actor, 'decision.record', { stage, regionPath: f.space.regionPath }) ? [present(d, f)] : [];
  });
}

/**
 * The applications of a call waiting at a decision stage the actor works, with the pending decision
 * recorded on each (if any) and the overall result of the criteria evaluation they were submitted with.
 */
export async function decisionCandidates(db: Db, actor: Actor, query: { callId: string; stageKey: string }) {
  const { call, stage } = await loadStage(db, actor, query.callId, query.stageKey, 'query.stageKey');
  const waiting = (await submissionsAtStages(db, query.callId, [stage.key], ['in_review'])).filter((f) => can(actor, 'decision.record', { stage, regionPath: f.space.regionPath }));
  const pending = waiting.length ? await repo.decisionsWhere(db, { stageKey: stage.key, applicationIds: waiting.map((f) => f.app.id), statuses: ['pending'] }) : [];
  const items = waiting.map((facts) => {
    const decision = pending.find((d) => d.applicationId === facts.app.id);
    return {
      applicationId: facts.app.id,
      space: { id: facts.space.id, name: facts.space.name, regionName: facts.space.regionName },
      operator: { id: facts.space.operator.id, name: facts.space.operator.name },
      stageEnteredAt: facts.app.stageEnteredAt,
      stageDueAt: facts.app.stageDueAt,
      evaluationOverall: (facts.app.evaluation?.overall as string | undefined) ?? null,
      decision: decision ? present(decision, facts) : null,
    };
  });
  return { stage: { key: stage.key, name: stage.name, nameEn: stage.nameEn, checklist: [...stage.checklist], final: !stageAfterIn(call.chain!, stage.key) }, items };
}

/** The decisions of the actor's stage in a call: pending ones on waiting applications, released and superseded ones on the stage's lists. */
export async function listDecisions(db: Db, actor: Actor, query: { callId: string; stageKey: string; status?: repo.DecisionRow['status'] | undefined }) {
  const { stage } = await loadStage(db, actor, query.callId, query.stageKey, 'query.stageKey');
  const rows: repo.DecisionRow[] = [];
  if (!query.status || query.status === 'pending') {
    const waiting = await submissionsAtStages(db, query.callId, [stage.key], ['in_review']);
    if (waiting.length) rows.push(...(await repo.decisionsWhere(db, { stageKey: stage.key, applicationIds: waiting.map((f) => f.app.id), statuses: ['pending'] })));
  }
  if (query.status !== 'pending') {
    const lists = await repo.listsOfStage(db, query.callId, stage.key);
    const statuses: repo.DecisionRow['status'][] = query.status ? [query.status] : ['released', 'superseded'];
    if (lists.length) rows.push(...(await repo.decisionsWhere(db, { stageKey: stage.key, listIds: lists.map((l) => l.id), statuses })));
  }
  return { items: await inScope(db, actor, stage, rows) };
}

/** What the applicant is told a decision means, in the notice of its release or reversal. */
const noteOf = (outcome: repo.DecisionRow['outcome'], final: boolean, reason: string) =>
  outcome === 'approve' ? (final ? '准予备案' : '入选推荐名单') : `不予备案：${reason}`;

/** The list entry of an approval: a snapshot, so the published list never changes with the registry. */
async function listEntry(tx: Tx, listId: string, facts: SubmissionFacts) {
  const existing = await repo.entryOn(tx, listId, facts.app.id);
  if (existing) return repo.setEntry(tx, existing.id, { status: 'listed', removedReason: null, changedAt: new Date() });
  await repo.insertEntry(tx, {
    listId,
    applicationId: facts.app.id,
    spaceId: facts.space.id,
    spaceName: facts.space.name,
    operatorName: facts.space.operator.name,
    regionName: (await fullName(tx, facts.space.regionCode)) ?? facts.space.regionName,
  });
}

export interface ReleaseInput {
  callId: string;
  stageKey: string;
  decisionIds: string[];
  expectedCount: number;
  title: string;
  documentNumber: string;
  issuedOn: string;
}

/**
 * Publishes the chosen pending decisions of a stage together as one list with 文号 and date: at the
 * chain's last stage the 备案名单 (approvals are filed at the stage's filing level), else the stage's
 * 推荐名单 (approvals move on to the next stage). Rejections end the application. One transaction
 * with the decisions locked: a concurrent release of the same decisions finds them released and
 * gets 409, and any refusal (a duplicate filing, an application moved on) leaves nothing changed.
 */
export async function releaseDecisions(db: Db, actor: Actor, ctx: AuditContext, input: ReleaseInput) {
  const ids = [...new Set(input.decisionIds)];
  if (ids.length !== input.decisionIds.length) throw fieldError('body.decisionIds', '审定意见重复', 'a decision is given twice');
  if (input.expectedCount !== ids.length)
    throw fieldError('body.expectedCount', `确认的数量（${input.expectedCount}）与所选审定意见数量（${ids.length}）不一致，请重新核对`, `the confirmed count (${input.expectedCount}) differs from the ${ids.length} decisions chosen`);
  const { call, stage } = await loadStage(db, actor, input.callId, input.stageKey, 'body.stageKey', 'decision.release');
  const next = stageAfterIn(call.chain!, stage.key);
  const level: repo.Level | undefined = next ? (actor.org.authorityLevel as repo.Level) : stage.filingLevel;
  if (!level || !['city', 'province', 'national'].includes(level)) throw new AppError('FORBIDDEN');
  const listId = await db.transaction(async (tx) => {
    const rows = await repo.lockDecisions(tx, ids);
    const facts = new Map<string, SubmissionFacts>();
    for (const d of rows) {
      const f = (await requireSubmissionFacts(tx, d.applicationId));
      if (d.stageKey !== stage.key || f.app.callId !== call.id || !can(actor, 'decision.release', { stage, regionPath: f.space.regionPath })) continue;
      facts.set(d.id, f);
    }
    if (facts.size !== ids.length) throw notFound(DECISION_NOT_FOUND);
    const gone = rows.filter((d) => d.status !== 'pending');
    if (gone.length)
      throw new AppError('MOVED_ON', {
        zh: `所选审定意见中有 ${gone.length} 条已发布或已被更正，本次发布未执行，请刷新后重新选择`,
        en: `${gone.length} of the chosen decisions were already released; nothing was released. Reload`,
      });
    const now = new Date();
    const list = await repo.insertList(tx, {
      callId: call.id,
      stageKey: stage.key,
      authorityOrgId: actor.org.id,
      kind: next ? 'recommendation' : 'filing',
      level,
      title: input.title.trim(),
      documentNumber: input.documentNumber.trim(),
      issuedOn: input.issuedOn,
      publishedBy: actor.userId,
      publishedAt: now,
    });
    for (const d of rows) {
      const f = facts.get(d.id)!;
      const req = { atStage: stage.key, auditAction: `decision.${d.outcome}`, note: d.reason, detail: { decisionId: d.id, listId: list.id } };
      if (d.outcome === 'reject') await transitionInTx(tx, ctx, actor, f.app.id, { action: 'reject', ...req });
      else if (next) {
        await transitionInTx(tx, ctx, actor, f.app.id, { action: 'advance', enterStage: next, ...req });
        await listEntry(tx, list.id, f);
        await notifyStageWorkers(tx, (await requireSubmissionFacts(tx, f.app.id)), next, 'stage.arrived');
      } else {
        await transitionInTx(tx, ctx, actor, f.app.id, { action: 'file', ...req });
        await listEntry(tx, list.id, f);
        await submissionKind(f.app.kind).approvedInTx?.(tx, ctx, { facts: f, listId: list.id, level: list.level, stage, actor });
      }
      await notifyApplicant(tx, f, 'decision.released', { list: list.title, note: noteOf(d.outcome, !next, d.reason) });
    }
    await repo.markReleased(tx, ids, list.id, now);
    await audit.recordInTx(tx, ctx, {
      action: 'decision.release',
      objectType: 'filing_list',
      objectId: list.id,
      detail: { callId: call.id, stage: stage.key, kind: list.kind, level, documentNumber: list.documentNumber, issuedOn: list.issuedOn, decisionIds: ids, approved: rows.filter((d) => d.outcome === 'approve').length },
    });
    return list.id;
  });
  return listDetail(db, listId);
}

/**
 * Reverses a released decision (the admin, with a reason): a new released decision with the other
 * outcome supersedes it, the application, the filing and the list entry follow, and the applicant
 * gets one notice. At a selection stage an approval can only be taken back while the application
 * still waits, untouched, at the next stage.
 */
export async function reverseDecision(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { reason: string }) {
  const { facts, stage } = await loadDecision(db, actor, id, 'decision.reverse');
  const reason = input.reason.trim();
  const next = stageAfterIn(facts.chain!, stage.key);
  const newId = await db.transaction(async (tx) => {
    const [decision] = await repo.lockDecisions(tx, [id]);
    if (decision!.status !== 'released')
      throw new AppError('STATE_CONFLICT', { zh: '只能更正已发布且未被更正的审定意见', en: 'Only a released decision that was not reversed yet can be reversed' });
    const list = (await repo.findList(tx, decision!.listId!))!;
    const outcome = decision!.outcome === 'approve' ? 'reject' : 'approve';
    const now = new Date();
    const req = { auditAction: 'decision.reverse', note: reason, detail: { decisionId: id, listId: list.id } };
    if (outcome === 'reject') {
      if (next) {
        const current = (await requireSubmissionFacts(tx, facts.app.id));
        if (current.app.status !== 'in_review' || current.app.stageKey !== next.key)
          throw new AppError('MOVED_ON', {
            zh: `申请已进入后续办理（当前状态“${STATUS_NAMES[current.app.status].zh}”${current.stage ? `，“${current.stage.name}”环节` : ''}），不能再更正本环节的推荐结果`,
            en: 'The application has moved on past the next stage; the selection can no longer be reversed',
          });
        await transitionInTx(tx, ctx, actor, facts.app.id, { action: 'reject', atStage: next.key, ...req });
      } else {
        await transitionInTx(tx, ctx, actor, facts.app.id, { action: 'revoke', atStage: stage.key, ...req });
        await submissionKind(facts.app.kind).revokedInTx?.(tx, ctx, { facts, reason, at: now });
      }
      const entry = await repo.entryOn(tx, list.id, facts.app.id);
      if (entry) await repo.setEntry(tx, entry.id, { status: 'removed', removedReason: reason, changedAt: now });
    } else if (next) {
      // Rejected at the release (still at this stage) or by reversing the selection (at the next stage).
      const current = (await requireSubmissionFacts(tx, facts.app.id));
      const atStage = current.app.stageKey === next.key ? next.key : stage.key;
      await transitionInTx(tx, ctx, actor, facts.app.id, { action: 'reinstate', atStage, enterStage: next, ...req });
      await listEntry(tx, list.id, facts);
      await notifyStageWorkers(tx, (await requireSubmissionFacts(tx, facts.app.id)), next, 'stage.arrived');
    } else {
      await transitionInTx(tx, ctx, actor, facts.app.id, { action: 'file', atStage: stage.key, ...req });
      await listEntry(tx, list.id, facts);
      await submissionKind(facts.app.kind).approvedInTx?.(tx, ctx, { facts, listId: list.id, level: list.level, stage, actor });
    }
    // The old row leaves the "current" unique index before the new one enters it.
    const created = randomUUID();
    await repo.supersede(tx, id, created);
    await repo.insertDecision(tx, { id: created, applicationId: facts.app.id, stageKey: stage.key, outcome, reason, status: 'released', listId: list.id, decidedBy: actor.userId, decidedAt: now, releasedAt: now });
    await notifyApplicant(tx, facts, 'decision.reversed', { list: list.title, note: noteOf(outcome, !next, reason) });
    await audit.recordInTx(tx, ctx, { action: 'decision.reverse', objectType: 'decision', objectId: created, detail: { supersedes: id, applicationId: facts.app.id, stage: stage.key, outcome, listId: list.id } });
    return created;
  });
  return present((await repo.findDecision(db, newId))!, (await requireSubmissionFacts(db, facts.app.id)));
}

/** A published list as the public sees it: no user, no contact, only what the authority published. */
async function listDetail(db: DbOrTx, id: string) {
  const list = await repo.findList(db, id);
  if (!list) throw notFound(LIST_NOT_FOUND);
  const [authority, entries] = await Promise.all([findOrganisation(db, list.authorityOrgId), repo.entriesOf(db, id)]);
  return {
    ...publicListOf(list, authority?.name ?? ''),
    entries: entries.map((e) => ({ id: e.id, spaceName: e.spaceName, operatorName: e.operatorName, regionName: e.regionName, status: e.status, removedReason: e.removedReason, changedAt: e.changedAt })),
  };
}

const publicListOf = (l: repo.FilingListRow, authorityName: string) => ({
  id: l.id,
  kind: l.kind,
  level: l.level,
  title: l.title,
  documentNumber: l.documentNumber,
  issuedOn: l.issuedOn,
  publishedAt: l.publishedAt,
  authority: authorityName,
});

/** The published lists, newest first (public). */
export async function publicLists(db: Db, query: { level?: repo.Level | undefined; page: number; pageSize: number }) {
  const { items, total } = await repo.publishedLists(db, { level: query.level }, query.page, query.pageSize);
  const names = new Map<string, string>();
  for (const { list } of items) if (!names.has(list.authorityOrgId)) names.set(list.authorityOrgId, (await findOrganisation(db, list.authorityOrgId))?.name ?? '');
  return { items: items.map(({ list, entries }) => ({ ...publicListOf(list, names.get(list.authorityOrgId)!), entryCount: entries })), total, page: query.page, pageSize: query.pageSize };
}

/** One published list with its entries, current state only (public). */
export const publicList = (db: Db, id: string) => listDetail(db, id);

/** A space's filings, for whoever may read the space (404 otherwise). */
export async function spaceFilings(db: Db, actor: Actor, spaceId: string) {
  await findSpaceInScope(db, actor, spaceId);
  const rows = await repo.filingsOfSpace(db, spaceId);
  return {
    items: rows.map(({ filing, list }) => ({
      id: filing.id,
      level: filing.level,
      status: filing.status,
      filedAt: filing.filedAt,
      cancelledReason: filing.cancelledReason,
      cancelledAt: filing.cancelledAt,
      list,
    })),
  };
}

/**
 * Withdraws everything a fraud finding takes away from an application: its active filings are
 * cancelled and its entries on published lists are struck out, so the public list keeps showing the
 * space, marked "因弄虚作假撤销：<reason>". The caller (the fraud finding) holds the transaction and
 * writes the audit row and the notices; nothing here is visible before it commits.
 */
export async function cancelFilingsForFraud(tx: Tx, applicationId: string, reason: string): Promise<void> {
  const at = new Date();
  const removal = `${FRAUD_REMOVAL}：${reason}`;
  await repo.cancelActiveFilings(tx, applicationId, removal, at);
  await repo.removeListedEntries(tx, applicationId, removal, at);
}

/**
 * Of `spaceIds`, those a chain that requires a filing at `level` admits (a filed provincial space may
 * be recommended to the national call, 002 §四). Used when listing and opening applications.
 */
export function spacesFiledAt(db: DbOrTx, spaceIds: readonly string[], level: repo.Level): Promise<Set<string>> {
  return repo.spacesFiledAt(db, spaceIds, level);
}
