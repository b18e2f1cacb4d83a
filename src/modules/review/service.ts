import type { Db, DbOrTx, Tx } from '../../db/client.ts';
import { stageIn, type Chain, type StageKind, type StageTemplate } from '../../shared/chains.ts';
import type { ApplicationStatus } from '../../shared/domain.ts';
import { AppError, fieldError, notFound, type FieldError } from '../../shared/errors.ts';
import {
  actsAtStage,
  allowedFrom,
  chainsInUse,
  markStageReminderInTx,
  notifyApplicant,
  notifyStageWorkers,
  requireSubmissionFacts,
  setStageDueInTx,
  stageAfter,
  stagesMine,
  stagesWorkedBy,
  submissionFacts,
  transitionInTx,
  worksStages,
  type SubmissionFacts,
} from '../workflow/index.ts';
import { assertReadable, roundsOf } from '../applications/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { shanghaiDateTime } from '../documents/index.ts';
import { scoringStatus } from '../experts/index.ts';
import { inJurisdiction, type Actor } from '../../shared/actor.ts';
import { diffConsecutive } from './diff.ts';
import { REVIEWED_KINDS, stageAbilities, type StageAction } from './policy.ts';
import * as repo from './repository.ts';
import type { ChecklistVerdict } from '../../shared/chains.ts';

const NOT_FOUND = { zh: '申请不存在', en: 'No such application' };

/** The columns the queue sorts by. */
export const QUEUE_SORTS = repo.QUEUE_SORTS;

/** The states in which an application waits for some stage's work. */
export const QUEUE_STATUSES = ['submitted', 'in_review', 'returned', 'in_public_notice'] as const satisfies readonly ApplicationStatus[];
/** States in which a stage's due date runs and may be moved (a returned application waits for the applicant). */
const STAGE_RUNNING = allowedFrom('extend_stage');

/** Where the work of the other stage kinds is done (the web app's pages). */
const PAGE_OF_KIND: Record<Exclude<StageKind, 'review' | 'expert'>, { zh: string; en: string }> = {
  notice: { zh: '“公示管理”', en: 'Public notices' },
  recommend: { zh: '“推荐”', en: 'Recommendations' },
  decision: { zh: '“审定发布”', en: 'Decisions' },
};

const checklistOf = (stage: Pick<StageTemplate, 'checklist'>) => stage.checklist.map((c) => ({ key: c.key, label: c.label, labelEn: c.labelEn }));

const overdue = (dueAt: Date | null, status: ApplicationStatus, now: Date) => !!dueAt && STAGE_RUNNING.includes(status) && dueAt < now;

export interface QueueQuery {
  callId?: string | undefined;
  stageKey?: string | undefined;
  status?: (typeof QUEUE_STATUSES)[number] | undefined;
  q?: string | undefined;
  sort?: repo.QueueSort['by'] | undefined;
  order?: repo.QueueSort['order'] | undefined;
  page: number;
  pageSize: number;
}

/** The applications at the stages the actor works, in its jurisdiction, soonest due first. */
export async function reviewQueue(db: Db, actor: Actor, query: QueueQuery) {
  if (!worksStages(actor)) throw new AppError('FORBIDDEN');
  const [worked, mine] = await Promise.all([chainsInUse(db).then((chains) => stagesWorkedBy(actor, chains)), stagesMine(db, actor)]);
  const { items, total, calls } = await repo.queue(db, {
    jurisdictionPath: actor.jurisdictionPath!,
    stages: worked.map((w) => ({ chainId: w.chain.id, stageKey: w.stage.key })),
    statuses: query.status ? [query.status] : QUEUE_STATUSES,
    callId: query.callId,
    stageKey: query.stageKey,
    q: query.q?.trim() || undefined,
    sort: query.sort ? { by: query.sort, order: query.order ?? 'asc' } : undefined,
    page: query.page,
    pageSize: query.pageSize,
  });
  const now = new Date();
  // The stage filter offers the stages of the calls in the actor's jurisdiction only: a Shenyang
  // reviewer works county and city stages of any chain, but only Liaoning's calls are its own.
  const ownStages = new Map(mine.items.map((i) => [i.stage.key, i.stage]));
  const byPair = new Map(worked.map((w) => [`${w.chain.id}/${w.stage.key}`, w.stage]));
  return {
    items: items.map((r) => {
      // The queue matched (chain, stage) pairs the actor works, so the stage is one of them.
      const stage = byPair.get(`${r.call.chainId}/${r.stageKey}`)!;
      return {
        id: r.id,
        status: r.status,
        round: r.round,
        call: { id: r.call.id, title: r.call.title },
        space: r.space,
        operator: r.operator,
        stage: { key: stage.key, kind: stage.kind, name: stage.name, nameEn: stage.nameEn, enteredAt: r.stageEnteredAt, dueAt: r.stageDueAt, overdue: overdue(r.stageDueAt, r.status, now) },
        evaluationOverall: r.overall,
      };
    }),
    total,
    page: query.page,
    pageSize: query.pageSize,
    calls,
    /** The stages the actor works, for the queue's stage filter (one entry per key). */
    stages: [...ownStages.values()].map((s) => ({ key: s.key, kind: s.kind, name: s.name, nameEn: s.nameEn, checklist: checklistOf(s) })),
  };
}

/**
 * The application for stage work: 404 unless the actor is stage-working staff whose jurisdiction
 * holds the space (who may read it, whether or not it works the current stage); drafts have no
 * stage work.
 */
async function loadForReview(db: DbOrTx, actor: Actor, id: string): Promise<SubmissionFacts & { stage: StageTemplate }> {
  const facts = await submissionFacts(db, id);
  if (!facts || !facts.stage) throw notFound(NOT_FOUND);
  if (!worksStages(actor) || !inJurisdiction(actor, facts.space.regionPath)) throw notFound(NOT_FOUND);
  return facts as SubmissionFacts & { stage: StageTemplate };
}

/** What the stage work page shows: the stage and its checklist, abilities, verdicts, evaluation and rounds. */
export async function getStageWork(db: Db, actor: Actor, id: string) {
  const facts = await loadForReview(db, actor, id);
  const { app, call, space, stage } = facts;
  const [reviews, rounds, scoring] = await Promise.all([
    repo.reviewsOf(db, id),
    roundHistory(db, actor, id),
    stage.kind === 'expert' ? scoringStatus(db, id, stage.key) : Promise.resolve(null),
  ]);
  return {
    id: app.id,
    status: app.status,
    round: app.round,
    resubmitDueAt: app.resubmitDueAt,
    submittedAt: app.submittedAt,
    call: { id: call.id, title: call.title },
    space: { id: space.id, name: space.name },
    operator: { id: space.operator.id, name: space.operator.name },
    stage: {
      key: stage.key,
      kind: stage.kind,
      name: stage.name,
      nameEn: stage.nameEn,
      enteredAt: app.stageEnteredAt,
      dueAt: app.stageDueAt,
      overdue: overdue(app.stageDueAt, app.status, new Date()),
      checklist: checklistOf(stage),
    },
    chain: facts.chain ? facts.chain.stages.map((s) => ({ key: s.key, kind: s.kind, name: s.name, nameEn: s.nameEn })) : [],
    abilities: stageAbilities(actor, stage, space.regionPath, app.status),
    scoring,
    evaluation: app.evaluation,
    reviews: reviews.map((r) => presentReview(facts.chain!, r)),
    ...rounds,
  };
}

/** A verdict with its checklist items' labels (the chain's stage templates name them). */
function presentReview(chain: Chain, r: { review: repo.StageReviewRow; reviewerOrgName: string }) {
  const v = r.review;
  const items = new Map((stageIn(chain, v.stageKey)?.checklist ?? []).map((c) => [c.key, c]));
  return {
    id: v.id,
    stageKey: v.stageKey,
    round: v.round,
    outcome: v.outcome,
    checklist: v.checklist.map((c) => ({ ...c, label: items.get(c.key)?.label ?? c.key, labelEn: items.get(c.key)?.labelEn ?? c.key })),
    note: v.note,
    itemComments: v.itemComments,
    resubmitDueAt: v.resubmitDueAt,
    reviewerUserId: v.reviewerUserId,
    reviewerOrgName: r.reviewerOrgName,
    at: v.at,
  };
}

/** The submission rounds and the diff of each against the one before, personal data masked as the actor sees the dossier. */
async function roundHistory(db: DbOrTx, actor: Actor, id: string) {
  const rounds = await roundsOf(db, actor, id);
  return {
    rounds: rounds.map((r) => ({ round: r.round, submittedAt: r.submittedAt, attachments: r.attachments.map((a) => ({ slotKey: a.slotKey, fileName: a.fileName, sha256: a.sha256 })) })),
    diffs: diffConsecutive(rounds),
  };
}

/**
 * The rounds and their diffs for anyone who reads the application (the applicant too), with the
 * latest return's comments and due date.
 */
export async function getRounds(db: Db, actor: Actor, id: string) {
  await assertReadable(db, actor, id);
  const [history, ret] = await Promise.all([roundHistory(db, actor, id), repo.lastReturn(db, id)]);
  const facts = await requireSubmissionFacts(db, id);
  const stage = ret && facts.chain ? stageIn(facts.chain, ret.stageKey) : undefined;
  return {
    ...history,
    lastReturn: ret
      ? { stageKey: ret.stageKey, stageName: stage?.name ?? ret.stageKey, round: ret.round, note: ret.note, itemComments: ret.itemComments, resubmitDueAt: ret.resubmitDueAt, at: ret.at }
      : null,
  };
}

const movedOn = () => new AppError('MOVED_ON');

/**
 * Checks that the actor may take `action` at the stage named in the request, which must be the
 * application's current stage: 403 for a reader who does not work it, 409 when it moved on, and
 * 409 naming the right page at notice, recommendation and decision stages.
 */
function authorise(actor: Actor, facts: SubmissionFacts & { stage: StageTemplate }, stageKey: string, action: StageAction): StageTemplate {
  const named = stageIn(facts.chain!, stageKey);
  if (!named) throw fieldError('body.stageKey', '本申请的审核流程没有该环节', 'the application’s chain has no such stage');
  if (!actsAtStage(actor, named, facts.space.regionPath, action === 'extend_stage')) throw new AppError('FORBIDDEN');
  if (named.key !== facts.stage.key) throw movedOn();
  if (action !== 'extend_stage' && !REVIEWED_KINDS.includes(named.kind)) {
    const page = PAGE_OF_KIND[named.kind as keyof typeof PAGE_OF_KIND];
    throw new AppError('STATE_CONFLICT', {
      zh: `“${named.name}”环节不在此通过、退回或驳回，请在${page.zh}页面办理`,
      en: `The "${named.nameEn}" stage is not passed, returned or rejected here; use the ${page.en} page`,
    });
  }
  return named;
}

/**
 * A verdict and a note on every checklist item of the stage, each item once (001 §三.2 "严禁审核走过场").
 * Notes are required by the route schema; this checks the items against the stage.
 */
function checkChecklist(stage: StageTemplate, checklist: readonly ChecklistVerdict[]): void {
  const errors: FieldError[] = [];
  const expected = new Map(stage.checklist.map((c) => [c.key, c]));
  const seen = new Set<string>();
  checklist.forEach((v, i) => {
    if (!expected.has(v.key)) errors.push({ field: `body.checklist.${i}.key`, message: `“${stage.name}”的核查清单没有“${v.key}”这一项`, messageEn: `the checklist of "${stage.nameEn}" has no item "${v.key}"` });
    else if (seen.has(v.key)) errors.push({ field: `body.checklist.${i}.key`, message: `核查项“${expected.get(v.key)!.label}”重复`, messageEn: `item "${v.key}" given twice` });
    seen.add(v.key);
  });
  for (const c of stage.checklist)
    if (!seen.has(c.key))
      errors.push({ field: `body.checklist.${c.key}`, message: `核查项“${c.label}”未给出结论和意见（严禁审核走过场）`, messageEn: `no verdict and note on "${c.labelEn}" (${c.key})` });
  if (errors.length)
    throw new AppError('VALIDATION_FAILED', { zh: errors.map((e) => `${e.field}：${e.message}`).join('；'), en: errors.map((e) => `${e.field}: ${e.messageEn}`).join('; '), fields: errors });
}

function refuseProblems(stage: StageTemplate, checklist: readonly ChecklistVerdict[]): void {
  const i = checklist.findIndex((v) => v.verdict === 'problem');
  if (i >= 0) {
    const label = stage.checklist.find((c) => c.key === checklist[i]!.key)?.label ?? checklist[i]!.key;
    throw fieldError(`body.checklist.${i}.verdict`, `核查项“${label}”存在问题，不能通过；请退回修改或驳回`, `item "${checklist[i]!.key}" has a problem: return or reject instead of passing`);
  }
}

/** At an expert stage, every assigned expert (at least one) must have submitted a score sheet. */
async function requireScoring(db: DbOrTx, ids: readonly string[], stage: StageTemplate): Promise<Record<string, { assigned: number; submitted: number }>> {
  const out: Record<string, { assigned: number; submitted: number }> = {};
  if (stage.kind !== 'expert') return out;
  for (const id of ids) out[id] = await scoringStatus(db, id, stage.key);
  const pending = ids.filter((id) => out[id]!.assigned === 0 || out[id]!.submitted < out[id]!.assigned);
  if (pending.length)
    throw new AppError('STATE_CONFLICT', {
      zh: `专家评分尚未完成（须至少分配一名专家且全部提交评分），不能通过：${pending.join('、')}`,
      en: `Expert scoring is not complete (at least one expert assigned, all submitted): ${pending.join(', ')}`,
      details: { pending },
    });
  return out;
}

export interface PassInput {
  stageKey: string;
  checklist: ChecklistVerdict[];
  note: string;
}

/** Moves one application on inside `tx`: the transition, the verdict row and the notices. */
async function passInTx(tx: Tx, ctx: AuditContext, actor: Actor, facts: SubmissionFacts, stage: StageTemplate, input: PassInput, detail: Record<string, unknown>) {
  const next = stageAfter(facts);
  if (!next) throw new AppError('STATE_CONFLICT', { zh: `“${stage.name}”是流程的最后环节，请在“审定发布”页面办理`, en: `"${stage.nameEn}" is the last stage; use the Decisions page` });
  const { from, to } = await transitionInTx(tx, ctx, actor, facts.app.id, {
    action: 'advance',
    atStage: stage.key,
    enterStage: next,
    auditAction: 'review.pass',
    note: input.note,
    detail: { checklist: input.checklist, ...detail },
  });
  await repo.insertReview(tx, { applicationId: facts.app.id, stageKey: stage.key, round: from.round, outcome: 'pass', checklist: input.checklist, note: input.note, reviewerUserId: actor.userId, reviewerOrgId: actor.org.id });
  await notifyApplicant(tx, { ...facts, app: to }, 'stage.passed', { stage: stage.name, note: input.note });
  await notifyStageWorkers(tx, { ...facts, app: to, stage: next }, next, 'stage.arrived');
}

/** Passes the application's current review or expert stage with a verdict and note on every checklist item. */
export async function passStage(db: Db, actor: Actor, ctx: AuditContext, id: string, input: PassInput) {
  const facts = await loadForReview(db, actor, id);
  const stage = authorise(actor, facts, input.stageKey, 'pass');
  checkChecklist(stage, input.checklist);
  refuseProblems(stage, input.checklist);
  const scoring = await requireScoring(db, [id], stage);
  await db.transaction((tx) => passInTx(tx, ctx, actor, facts, stage, input, scoring[id] ? { scoring: scoring[id] } : {}));
  return getStageWork(db, actor, id);
}

export interface ReturnInput {
  stageKey: string;
  note: string;
  itemComments: { field: string; comment: string }[];
  resubmitDueAt: string;
}

/** Returns the application to the applicant with comments per item and a resubmission date. */
export async function returnForRevision(db: Db, actor: Actor, ctx: AuditContext, id: string, input: ReturnInput) {
  const facts = await loadForReview(db, actor, id);
  const stage = authorise(actor, facts, input.stageKey, 'return');
  const due = new Date(input.resubmitDueAt);
  if (due <= new Date()) throw fieldError('body.resubmitDueAt', '重新提交期限须晚于当前时间', 'must be later than now');
  await db.transaction(async (tx) => {
    const { from, to } = await transitionInTx(tx, ctx, actor, id, {
      action: 'return',
      atStage: stage.key,
      patch: { resubmitDueAt: due },
      auditAction: 'review.return',
      note: input.note,
      detail: { itemComments: input.itemComments, resubmitDueAt: due.toISOString() },
    });
    await repo.insertReview(tx, {
      applicationId: id,
      stageKey: stage.key,
      round: from.round,
      outcome: 'return',
      checklist: [],
      note: input.note,
      itemComments: input.itemComments,
      resubmitDueAt: due,
      reviewerUserId: actor.userId,
      reviewerOrgId: actor.org.id,
    });
    await notifyApplicant(tx, { ...facts, app: to }, 'stage.returned', { stage: stage.name, note: input.note, due: shanghaiDateTime(due) });
  });
  return getStageWork(db, actor, id);
}

/** Rejects the application at its current review or expert stage, with the reason. */
export async function rejectApplication(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { stageKey: string; note: string }) {
  const facts = await loadForReview(db, actor, id);
  const stage = authorise(actor, facts, input.stageKey, 'reject');
  await db.transaction(async (tx) => {
    const { from, to } = await transitionInTx(tx, ctx, actor, id, { action: 'reject', atStage: stage.key, auditAction: 'review.reject', note: input.note });
    await repo.insertReview(tx, { applicationId: id, stageKey: stage.key, round: from.round, outcome: 'reject', checklist: [], note: input.note, reviewerUserId: actor.userId, reviewerOrgId: actor.org.id });
    await notifyApplicant(tx, { ...facts, app: to }, 'stage.rejected', { stage: stage.name, note: input.note });
  });
  return getStageWork(db, actor, id);
}

export interface BulkPassInput extends PassInput {
  callId: string;
  applicationIds: string[];
  expectedCount: number;
}

/**
 * Passes many applications of one call at one stage with the same checklist, all or nothing: the
 * count the reviewer confirmed must match, and every id must be in scope and at that stage.
 */
export async function bulkPass(db: Db, actor: Actor, ctx: AuditContext, input: BulkPassInput) {
  if (input.expectedCount !== input.applicationIds.length)
    throw fieldError('body.expectedCount', `确认的数量（${input.expectedCount}）与所选申请数量（${input.applicationIds.length}）不一致，未执行`, `the confirmed count (${input.expectedCount}) differs from the ${input.applicationIds.length} ids sent; nothing was done`);
  const dup = input.applicationIds.findIndex((id, i) => input.applicationIds.indexOf(id) !== i);
  if (dup >= 0) throw fieldError(`body.applicationIds.${dup}`, '申请编号重复', 'the id is listed twice');
  const loaded = await Promise.all(input.applicationIds.map((id) => submissionFacts(db, id)));
  const outside = input.applicationIds.filter((id, i) => {
    const f = loaded[i];
    return !f || f.call.id !== input.callId || f.app.stageKey !== input.stageKey || !f.stage || !actsAtStage(actor, f.stage, f.space.regionPath);
  });
  if (outside.length)
    throw new AppError('MOVED_ON', {
      zh: `以下申请不在你的办理范围内或不在该批次的“${input.stageKey}”环节，全部未执行：${outside.join('、')}`,
      en: `These applications are not yours to work or not at stage "${input.stageKey}" of the call; nothing was done: ${outside.join(', ')}`,
      details: { ids: outside },
    });
  const facts = loaded as (SubmissionFacts & { stage: StageTemplate })[];
  const stage = authorise(actor, facts[0]!, input.stageKey, 'pass');
  checkChecklist(stage, input.checklist);
  refuseProblems(stage, input.checklist);
  const scoring = await requireScoring(db, input.applicationIds, stage);
  await db.transaction(async (tx) => {
    for (const f of facts) await passInTx(tx, ctx, actor, f, stage, input, { bulk: input.applicationIds.length, ...(scoring[f.app.id] ? { scoring: scoring[f.app.id] } : {}) });
  });
  return { passed: input.applicationIds.length, ids: input.applicationIds };
}

/** The stage authority's admin sets a new due date for the application's current stage (audited). */
export async function setStageDue(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { dueAt: string; reason: string }) {
  const facts = await loadForReview(db, actor, id);
  const stage = authorise(actor, facts, facts.stage.key, 'extend_stage');
  const dueAt = new Date(input.dueAt);
  if (dueAt <= new Date()) throw fieldError('body.dueAt', '办理期限须晚于当前时间', 'must be later than now');
  await db.transaction((tx) => setStageDueInTx(tx, ctx, actor, id, { atStage: stage.key, dueAt, reason: input.reason }));
  return getStageWork(db, actor, id);
}

/**
 * The `review.stage_due` job: reminds the stage's workers that the stage is due. Stale (nothing
 * sent) when the application moved on, left the running states or got another due date; sent once
 * however often the job runs.
 */
export async function remindStageDue(db: Db, data: { applicationId: string; stageKey: string; dueAt: string }): Promise<'sent' | 'stale'> {
  return db.transaction(async (tx) => {
    const marked = await markStageReminderInTx(tx, data.applicationId, { stageKey: data.stageKey, dueAt: data.dueAt, statuses: STAGE_RUNNING });
    if (!marked) return 'stale';
    const facts = (await requireSubmissionFacts(tx, data.applicationId));
    await notifyStageWorkers(tx, facts, facts.stage!, 'stage.due');
    return 'sent';
  });
}
