import type { Db, DbOrTx, Tx } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import type { AuditContext } from '../../shared/audit-context.ts';
import { stageIn } from '../../shared/chains.ts';
import type { ApplicationStatus } from '../../shared/domain.ts';
import { AppError, fieldError, notFound } from '../../shared/errors.ts';
import * as audit from '../audit/index.ts';
import { standingCallInTx } from '../calls/index.ts';
import type { Config } from '../../config.ts';
import { authoriseFiles, openLinkedFile } from '../files/index.ts';
import { applyRegistryChangeInTx, findSpaceInScope, isValidSpaceName, PROFESSIONAL_NAME_RULE, type SpaceDetail } from '../spaces/index.ts';
import {
  roundsAndDiffs,
  createSubmissionInTx,
  lockSubmissionInTx,
  notifyStageWorkers,
  patchSubmissionInTx,
  requireSubmissionFacts,
  staleRevision,
  submissionEvents,
  submissionFacts,
  transitionInTx,
  type FinalApproval,
  type FinalReversal,
  type SubmissionFacts,
} from '../workflow/index.ts';
import { dueOn, isLate } from './due.ts';
import { CHANGE_FIELD_NAMES } from './fields.ts';
import { can, EDITABLE, type ChangeAction } from './policy.ts';
import * as repo from './repository.ts';
import { CHANGE_FIELDS, type ChangeField, type ChangeItem } from './schema.ts';
import { beijingDay } from '../../shared/beijing-time.ts';

const NOT_FOUND = { zh: '变更报告不存在', en: 'No such change report' };

/** The filed record of a space, field by field: the newest applied change, else what the filing and the registry hold. */
export async function recordOf(db: DbOrTx, spaceId: string): Promise<Record<ChangeField, string>> {
  const { base, hosts, basicInfo, applied } = await repo.recordSources(db, spaceId);
  const info = basicInfo as { address?: string; floorAreaM2?: number; principalName?: string };
  const area = info.floorAreaM2 !== undefined ? `${info.floorAreaM2} 平方米` : '';
  const address = info.address ?? base?.profileAddress ?? '';
  const fromRegistry: Record<ChangeField, string> = {
    name: base?.name ?? '',
    operator: base?.operatorName ?? '',
    host: hosts.join('、'),
    address_area: [address, area].filter(Boolean).join('；'),
    principal: info.principalName ?? base?.principal ?? '',
    sub_field: base?.subField ?? '',
    premises: '',
    other: '',
  };
  return Object.fromEntries(CHANGE_FIELDS.map((f) => [f, applied.get(f) ?? fromRegistry[f]])) as Record<ChangeField, string>;
}

const subjectOf = (facts: SubmissionFacts) => ({ operatorOrgId: facts.app.operatorOrgId, status: facts.app.status, spaceRegionPath: facts.space.regionPath });

/** The report with its facts when the actor may read it, and may do `action` (403) in the right state (409); 404 out of scope. */
async function loadInScope(db: DbOrTx, actor: Actor, id: string, action: ChangeAction) {
  const facts = await submissionFacts(db, id);
  if (!facts || facts.app.kind !== 'change_report' || !can(actor, 'change.read', subjectOf(facts))) throw notFound(NOT_FOUND);
  if (!can(actor, action, subjectOf(facts))) {
    if (can(actor, action)) throw new AppError('NOT_EDITABLE', { zh: '变更报告已提交审核，当前不能修改或提交', en: 'The change report is with its reviewers and cannot be changed now' });
    throw new AppError('FORBIDDEN');
  }
  const report = (await repo.findReport(db, id))!;
  return { facts, report };
}

/** The space as its operator may report on it: its own, and filed (only a filed space has a filing to change). */
async function ownFiledSpace(db: DbOrTx, actor: Actor, spaceId: string): Promise<SpaceDetail> {
  const space = await findSpaceInScope(db, actor, spaceId);
  if (space.operator.id !== actor.org.id) throw notFound({ zh: '众创空间不存在', en: 'No such maker space' });
  if (!(await repo.isFiled(db, spaceId)))
    throw fieldError('body.spaceId', '该众创空间尚未备案，备案后方可报告条件变更', 'the space is not filed; only a filed space reports changes');
  return space;
}

/** An operator opens a draft change report for one of its filed spaces. */
export async function createReport(db: Db, actor: Actor, ctx: AuditContext, input: { spaceId: string }) {
  if (!can(actor, 'change.create')) throw new AppError('FORBIDDEN');
  const space = await ownFiledSpace(db, actor, input.spaceId);
  const id = await db.transaction(async (tx) => {
    const callId = await standingCallInTx(tx, ctx, {
      kind: 'change_report',
      provinceCode: space.regionPath.split('/')[1]!,
      titleSuffix: '众创空间变更报告',
      description: '常设批次：已备案众创空间发生条件变化的，应在 1 个月内向推荐单位报告（002 §四(二)）。',
      year: Number(beijingDay(new Date()).slice(0, 4)),
    });
    const row = await createSubmissionInTx(tx, actor, { kind: 'change_report', callId, spaceId: space.id, operatorOrgId: space.operator.id });
    await repo.insertReport(tx, { submissionId: row.id, spaceId: space.id });
    await audit.recordInTx(tx, ctx, { action: 'change_report.create', objectType: 'change_report', objectId: row.id, detail: { spaceId: space.id, callId } });
    return row.id;
  });
  return readReport(db, actor, id);
}

export interface ReportInput {
  revision: number;
  effectiveOn?: string | null | undefined;
  explanation?: string | undefined;
  items: { field: ChangeField; after: string }[];
  evidenceFileIds: string[];
}

/** The items with their value on record; a repeated field, an unchanged value or a non-conforming new name is refused naming the item. */
function itemsOf(input: ReportInput['items'], record: Record<ChangeField, string>, space: SpaceDetail): ChangeItem[] {
  const seen = new Set<ChangeField>();
  return input.map((item, i) => {
    const at = `body.items.${i}`;
    const after = item.after.trim();
    if (seen.has(item.field)) throw fieldError(`${at}.field`, `变更事项“${CHANGE_FIELD_NAMES[item.field].zh}”重复`, `“${CHANGE_FIELD_NAMES[item.field].en}” is given twice`);
    seen.add(item.field);
    if (after === record[item.field]) throw fieldError(`${at}.after`, '变更后的内容与备案记录相同', 'the new value is the one on record');
    if (item.field === 'name' && !isValidSpaceName(after, space.category)) throw fieldError(`${at}.after`, PROFESSIONAL_NAME_RULE.zh, PROFESSIONAL_NAME_RULE.en);
    return { field: item.field, before: record[item.field], after };
  });
}

/** Saves a draft (or a returned report): the old values are taken from the record, never from the filer. */
export async function saveReport(db: Db, actor: Actor, ctx: AuditContext, id: string, input: ReportInput) {
  const { facts } = await loadInScope(db, actor, id, 'change.edit');
  if (input.effectiveOn && input.effectiveOn > beijingDay(new Date())) throw fieldError('body.effectiveOn', '变更生效日期不能晚于今天', 'the effective date cannot be in the future');
  const items = itemsOf(input.items, await recordOf(db, facts.space.id), facts.space);
  const files = await authoriseFiles(db, actor, 'file.attach', input.evidenceFileIds).catch(() => {
    throw fieldError('body.evidenceFileIds', '证明材料文件不存在或不属于本单位', 'an evidence file does not exist or is not your organisation’s');
  });
  await db.transaction(async (tx) => {
    const row = await patchSubmissionInTx(tx, id, { revision: input.revision, statuses: EDITABLE }, {});
    if (!row) {
      const current = await lockSubmissionInTx(tx, id);
      if (current.revision !== input.revision) throw staleRevision(current.revision, input.revision);
      throw new AppError('NOT_EDITABLE');
    }
    const effectiveOn = input.effectiveOn ?? null;
    await repo.updateReport(tx, id, {
      items,
      effectiveOn,
      dueOn: effectiveOn && dueOn(effectiveOn),
      explanation: input.explanation?.trim() ?? '',
      evidence: files.map((f) => ({ fileId: f.id, fileName: f.originalName, sizeBytes: f.sizeBytes, sha256: f.sha256 })),
    });
    await audit.recordInTx(tx, ctx, { action: 'change_report.save', objectType: 'change_report', objectId: id, detail: { revision: row.revision, fields: items.map((i) => i.field), evidence: files.map((f) => f.sha256) } });
  });
  return readReport(db, actor, id);
}

/** What a report still lacks before it can be handed in, each naming its field. */
function missing(report: repo.ReportRow) {
  const out: { field: string; message: string; messageEn: string }[] = [];
  if (!report.items.length) out.push({ field: 'items', message: '请至少填写一项变更事项', messageEn: 'give at least one change' });
  if (!report.effectiveOn) out.push({ field: 'effectiveOn', message: '请填写变更生效日期', messageEn: 'give the effective date' });
  if (!report.explanation) out.push({ field: 'explanation', message: '请填写变更情况说明', messageEn: 'explain the change' });
  if (!report.evidence.length) out.push({ field: 'evidenceFileIds', message: '请上传至少一份证明材料', messageEn: 'attach at least one evidence file' });
  return out;
}

/**
 * Hands a draft in (to the chain's first stage) or a returned report back (to the stage that
 * returned it). A first submission after the due date is accepted and flagged late. The values on
 * record are read again, so the reviewers judge the change against the record as it is now.
 */
export async function submitReport(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { revision: number; note?: string | undefined }) {
  const { facts, report } = await loadInScope(db, actor, id, 'change.submit');
  const lacks = missing(report);
  if (lacks.length)
    throw new AppError('VALIDATION_FAILED', { zh: `变更报告尚不完整：${lacks.map((m) => m.message).join('；')}`, en: `The report is incomplete: ${lacks.map((m) => m.messageEn).join('; ')}`, fields: lacks });
  if (!facts.chain) throw new Error('a standing change-report call always pins a chain');
  const record = await recordOf(db, facts.space.id);
  const items = itemsOf(report.items.map(({ field, after }) => ({ field, after })), record, facts.space);
  const now = new Date();
  await db.transaction(async (tx) => {
    const first = facts.app.status === 'draft';
    const stage = first ? facts.chain!.stages[0]! : stageIn(facts.chain!, facts.app.stageKey!)!;
    const late = first ? isLate(report.dueOn!, now) : report.late;
    await transitionInTx(tx, ctx, actor, id, {
      action: first ? 'submit' : 'resubmit',
      expectedRevision: input.revision,
      enterStage: stage,
      patch: first ? { submittedAt: now, round: 1 } : { round: facts.app.round + 1, resubmitDueAt: null },
      note: input.note ?? null,
      detail: { late, dueOn: report.dueOn },
      handedIn: handedIn(report, items),
    });
    await repo.updateReport(tx, id, { items, late });
    await notifyStageWorkers(tx, await requireSubmissionFacts(tx, id), stage, first ? 'stage.arrived' : 'stage.resubmitted');
  });
  return readReport(db, actor, id);
}

/** What a round hands in, as the reviewers compare it with the round before: new values by field, the date, the explanation and the evidence by file name. */
const handedIn = (report: repo.ReportRow, items: ChangeItem[]) => ({
  items: Object.fromEntries(items.map((i) => [i.field, i.after])),
  effectiveOn: report.effectiveOn,
  explanation: report.explanation,
  evidence: report.evidence.map((e) => e.fileName).sort(),
});

const present = (facts: SubmissionFacts, report: repo.ReportRow, now: Date) => ({
  id: facts.app.id,
  status: facts.app.status,
  revision: facts.app.revision,
  round: facts.app.round,
  space: { id: facts.space.id, name: facts.space.name, regionName: facts.space.regionName },
  call: { id: facts.call.id, title: facts.call.title },
  stage: facts.stage ? { key: facts.stage.key, name: facts.stage.name, nameEn: facts.stage.nameEn } : null,
  stageDueAt: facts.app.stageDueAt,
  effectiveOn: report.effectiveOn,
  dueOn: report.dueOn,
  late: report.late,
  overdue: waitingPast(facts.app.status, facts.app.stageDueAt, now),
  explanation: report.explanation,
  items: report.items,
  evidence: report.evidence,
  submittedAt: facts.app.submittedAt,
  updatedAt: facts.app.updatedAt,
});

const waitingPast = (status: ApplicationStatus, stageDueAt: Date | null, now: Date) => (status === 'submitted' || status === 'in_review') && !!stageDueAt && stageDueAt < now;

/** One report with its history and what the actor may do with it. */
export async function readReport(db: DbOrTx, actor: Actor, id: string) {
  const { facts, report } = await loadInScope(db, actor, id, 'change.read');
  const [events, history] = await Promise.all([submissionEvents(db, id), roundsAndDiffs(db, id)]);
  const subject = subjectOf(facts);
  return {
    ...present(facts, report, new Date()),
    rounds: history.rounds,
    diffs: history.diffs,
    events: events.map((e) => ({ at: e.at, action: e.action, fromStatus: e.fromStatus, toStatus: e.toStatus, note: e.note })),
    abilities: { edit: can(actor, 'change.edit', subject), submit: can(actor, 'change.submit', subject) },
  };
}

export interface ListQuery {
  page: number;
  pageSize: number;
  status?: ApplicationStatus | undefined;
  late?: boolean | undefined;
  overdue?: boolean | undefined;
  spaceId?: string | undefined;
  sort?: NonNullable<repo.Sort['sort']>;
  order?: repo.Sort['order'];
}

/** Operators list their own reports; governing staff the handed-in reports of spaces within their jurisdiction. Two statements whatever the page. */
export async function listReports(db: DbOrTx, actor: Actor, q: ListQuery) {
  if (!can(actor, 'change.list')) throw new AppError('FORBIDDEN');
  const now = new Date();
  const scope = actor.org.kind === 'operator' ? { operatorOrgId: actor.org.id } : { withinPath: actor.jurisdictionPath! };
  const { rows, total } = await repo.list(
    db,
    { ...scope, spaceId: q.spaceId, statuses: q.status ? [q.status] : undefined, late: q.late, overdueAt: q.overdue ? now : undefined },
    { sort: q.sort, order: q.order },
    q.page,
    q.pageSize,
  );
  return {
    items: rows.map(({ app, report, spaceName, regionName }) => ({
      id: app.id,
      status: app.status,
      space: { id: app.spaceId, name: spaceName, regionName },
      stageKey: app.stageKey,
      stageDueAt: app.stageDueAt,
      fields: report.items.map((i) => i.field),
      effectiveOn: report.effectiveOn,
      dueOn: report.dueOn,
      late: report.late,
      overdue: waitingPast(app.status, app.stageDueAt, now),
      submittedAt: app.submittedAt,
      updatedAt: app.updatedAt,
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** A space's filed record (what a new report is prefilled from) and the changes applied to it. */
export async function spaceChanges(db: DbOrTx, actor: Actor, spaceId: string) {
  if (!can(actor, 'change.history')) throw new AppError('FORBIDDEN');
  const space = await findSpaceInScope(db, actor, spaceId);
  if (actor.org.kind === 'operator' && space.operator.id !== actor.org.id) throw notFound({ zh: '众创空间不存在', en: 'No such maker space' });
  const [record, history, filed] = await Promise.all([recordOf(db, spaceId), repo.historyOf(db, spaceId), repo.isFiled(db, spaceId)]);
  return {
    space: { id: space.id, name: space.name },
    filed,
    record: CHANGE_FIELDS.map((field) => ({ field, value: record[field] })),
    history: history.map((h) => ({ id: h.id, submissionId: h.submissionId, field: h.field, before: h.before, after: h.after, effectiveOn: h.effectiveOn, appliedAt: h.appliedAt, revokedAt: h.revokedAt, revokedReason: h.revokedReason })),
  };
}

/** An evidence file of a report, for whoever reads the report; the opening is audited with the report. */
export async function openReportFile(db: Db, config: Config, ctx: AuditContext, actor: Actor, id: string, fileId: string) {
  const { report } = await loadInScope(db, actor, id, 'change.read');
  if (!report.evidence.some((e) => e.fileId === fileId)) throw notFound({ zh: '该变更报告没有这个附件', en: 'The report has no such file' });
  return openLinkedFile(db, config, ctx, fileId, { objectType: 'change_report', objectId: id });
}

/** The registry columns a change writes through (the others live in the filed record's history alone). */
const REGISTRY: Partial<Record<ChangeField, 'name' | 'subField'>> = { name: 'name', sub_field: 'subField' };

/**
 * The kind's effect, in the release's transaction: every changed field becomes the record's value
 * (a history row with the value before and after), and the registry's name and sub-field change
 * with it. Before values are read again now: another change approved meanwhile is what this one replaces.
 */
export async function applyApprovedInTx(tx: Tx, ctx: AuditContext, { facts, listId, actor }: FinalApproval) {
  const report = (await repo.findReport(tx, facts.app.id))!;
  const record = await recordOf(tx, facts.space.id);
  const rows = report.items.map((i) => ({
    spaceId: facts.space.id,
    submissionId: facts.app.id,
    field: i.field,
    before: record[i.field],
    after: i.after,
    effectiveOn: report.effectiveOn!,
    listId,
    appliedBy: actor.userId,
  }));
  await repo.insertHistory(tx, rows);
  const registry = Object.fromEntries(report.items.flatMap((i) => (REGISTRY[i.field] ? [[REGISTRY[i.field]!, i.after]] : [])));
  await applyRegistryChangeInTx(tx, ctx, facts.space.id, registry, { changeReportId: facts.app.id });
  await audit.recordInTx(tx, ctx, { action: 'change_report.applied', objectType: 'change_report', objectId: facts.app.id, detail: { listId, changes: rows.map(({ field, before, after }) => ({ field, before, after })) } });
}

/** Undoes an approval when the kernel reverses it: its history rows are revoked and the registry columns it wrote get their old values back. */
export async function undoApprovedInTx(tx: Tx, ctx: AuditContext, { facts, reason, at }: FinalReversal) {
  const revoked = await repo.revokeHistory(tx, facts.app.id, reason, at);
  const registry = Object.fromEntries(revoked.flatMap((h) => (REGISTRY[h.field] ? [[REGISTRY[h.field]!, h.before]] : [])));
  await applyRegistryChangeInTx(tx, ctx, facts.space.id, registry, { changeReportId: facts.app.id, revoked: true });
  await audit.recordInTx(tx, ctx, { action: 'change_report.revoked', objectType: 'change_report', objectId: facts.app.id, detail: { reason, fields: revoked.map((h) => h.field) } });
}

