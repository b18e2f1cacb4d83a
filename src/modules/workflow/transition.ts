import type { Tx } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import type { AuditContext } from '../../shared/audit-context.ts';
import type { StageTemplate } from '../../shared/chains.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import * as audit from '../audit/index.ts';
import { sendInTx } from '../jobs/index.ts';
import { submissionKind } from './kinds.ts';
import * as repo from './repository.ts';
import type { ApplicationStatus } from './schema.ts';
import { nextStatus, type TransitionAction } from './transitions.ts';

const DAY = 24 * 3600 * 1000;
const NOT_FOUND = { zh: '申请不存在', en: 'No such application' };

/** The columns of entering `stage` at `at`: its due date counts the stage's days. */
export function stageEntry(stage: StageTemplate, at: Date) {
  return { stageKey: stage.key, stageEnteredAt: at, stageDueAt: new Date(at.getTime() + stage.dueDays * DAY) };
}

/** Reminds the stage's authority two days before the stage is due (at once when less is left). */
async function scheduleStageReminder(tx: Tx, row: repo.SubmissionRow) {
  if (!row.stageKey || !row.stageDueAt) return;
  const startAfter = new Date(Math.max(Date.now(), row.stageDueAt.getTime() - 2 * DAY));
  await sendInTx(tx, 'review.stage_due', { applicationId: row.id, stageKey: row.stageKey, dueAt: row.stageDueAt.toISOString() }, { startAfter });
}

export interface TransitionRequest {
  action: TransitionAction;
  /**
   * The stage the caller decided on: when the submission has moved on meanwhile (a concurrent
   * decision), nothing changes and the answer is 409 MOVED_ON.
   */
  atStage?: string | null;
  /** The revision the caller read (applicant actions): another revision is 409 STALE_REVISION. */
  expectedRevision?: number;
  /** Move to this stage (submit, advance, reinstate, resubmit); the due date restarts. Default: stay. */
  enterStage?: StageTemplate;
  /** Other columns written with the move (the submission time, the round, an evaluation snapshot, a due date). */
  patch?: Pick<Partial<repo.NewSubmission>, 'submittedAt' | 'round' | 'evaluation' | 'resubmitDueAt' | 'deadlineExtendedUntil'>;
  /**
   * Moves that keep the state and touch no payload (an extension) leave the revision alone, so the
   * applicant's open form stays valid.
   */
  keepRevision?: boolean;
  /** Audit action, e.g. `review.pass`; default `<kind's object type>.<action>`. */
  auditAction?: string;
  /**
   * The payload as handed in (submit, resubmit), kept for the new round so the next round can be
   * diffed against it (kinds other than filing; filings keep their dossier rounds themselves).
   */
  handedIn?: Record<string, unknown>;
  note?: string | null;
  detail?: Record<string, unknown>;
}

const movedOn = () => new AppError('MOVED_ON');

export const staleRevision = (current: number, yours: number) =>
  new AppError('STALE_REVISION', {
    zh: `申请已被他人修改（当前版本 ${current}，你的版本 ${yours}），本次操作未执行，服务器上的内容也未被覆盖。请保留你的输入，刷新后合并再试`,
    en: `The application was changed elsewhere (now revision ${current}, yours ${yours}); nothing was applied and nothing stored was overwritten. Keep your input, reload and merge`,
    details: { currentRevision: current },
  });

/**
 * The one way any state of any submission changes — applicant actions (submit, withdraw, resubmit),
 * stage work, decisions, jobs — inside the caller's transaction: locks the row, checks the move
 * against the transition table, the stage the caller decided on and the revision it read (409 if
 * any changed), writes the state and the patch, the history event and the audit row, and schedules
 * the reminder of a newly entered stage. The caller checks its policy first and notifies after, in
 * the same transaction. `actor` null is the system (a job).
 */
export async function transitionInTx(tx: Tx, ctx: AuditContext, actor: Actor | null, id: string, req: TransitionRequest): Promise<{ from: repo.SubmissionRow; to: repo.SubmissionRow }> {
  const locked = await repo.lockById(tx, id);
  if (!locked) throw notFound(NOT_FOUND);
  if (req.atStage !== undefined && locked.stageKey !== req.atStage) throw movedOn();
  const status = nextStatus(locked.status, req.action);
  if (req.expectedRevision !== undefined && locked.revision !== req.expectedRevision) throw staleRevision(locked.revision, req.expectedRevision);
  const now = new Date();
  const patch: Partial<repo.NewSubmission> = { status, ...req.patch };
  if (req.enterStage) Object.assign(patch, stageEntry(req.enterStage, now));
  const row = req.keepRevision
    ? await repo.updateStateIf(tx, id, { statuses: [locked.status] }, patch)
    : await repo.updateIf(tx, id, { revision: locked.revision, statuses: [locked.status] }, patch);
  if (!row) throw movedOn();
  if (req.enterStage) await scheduleStageReminder(tx, row);
  const detail = { stage: locked.stageKey, ...(req.enterStage ? { toStage: req.enterStage.key } : {}), ...req.detail };
  await repo.insertEvent(tx, { applicationId: id, actorUserId: actor?.userId ?? null, action: req.auditAction ?? req.action, fromStatus: locked.status, toStatus: status, note: req.note ?? null, detail });
  if (req.handedIn) await repo.insertRound(tx, { submissionId: id, round: row.round, submittedBy: actor?.userId ?? null, payload: req.handedIn });
  const kind = submissionKind(locked.kind);
  const objectType = kind.objectType;
  await audit.recordInTx(tx, ctx, {
    action: req.auditAction ?? `${objectType}.${req.action}`,
    objectType,
    objectId: id,
    detail: { from: locked.status, to: status, ...detail, ...(req.note ? { note: req.note } : {}) },
  });
  await kind.movedInTx?.(tx, ctx, { id, action: req.action, from: locked.status, to: status });
  return { from: locked, to: row };
}

/** Locks a submission for the caller's checks before its transition (the transition re-locks it at no cost). */
export async function lockSubmissionInTx(tx: Tx, id: string): Promise<repo.SubmissionRow> {
  const row = await repo.lockById(tx, id);
  if (!row) throw notFound(NOT_FOUND);
  return row;
}

/** A new draft submission and its first history event (the kind's module checks and audits it); `actor` null is the system (a round opened for every filed space). */
export async function createSubmissionInTx(tx: Tx, actor: Actor | null, row: Omit<repo.NewSubmission, 'status' | 'revision' | 'createdBy'>): Promise<repo.SubmissionRow> {
  submissionKind(row.kind ?? 'filing');
  const created = await repo.insert(tx, { ...row, createdBy: actor?.userId ?? null });
  await repo.insertEvent(tx, { applicationId: created.id, actorUserId: actor?.userId ?? null, action: 'create', toStatus: 'draft' });
  return created;
}

/**
 * Saves the kind's payload columns while the submission is still at `revision` and in one of
 * `statuses` (editable), bumping the revision; undefined when someone got there first.
 */
export function patchSubmissionInTx(tx: Tx, id: string, expect: { revision: number; statuses: readonly ApplicationStatus[] }, patch: Pick<Partial<repo.NewSubmission>, 'basicInfo' | 'report' | 'indicators'>) {
  return repo.updateIf(tx, id, expect, patch);
}

/** Records fields outside the payload and the state (the applicant's commitment confirmation) without touching the revision; returns the row as updated. */
export function setSubmissionMetaInTx(tx: Tx, id: string, patch: Pick<Partial<repo.NewSubmission>, 'commitmentConfirmedAt' | 'commitmentConfirmedBy'>) {
  return repo.setMeta(tx, id, patch);
}

/**
 * A later (or earlier) due date for the submission's current stage, as an audited `extend_stage`
 * transition; the reminder is rescheduled (the one queued for the old date finds it stale).
 */
export async function setStageDueInTx(tx: Tx, ctx: AuditContext, actor: Actor, id: string, input: { atStage: string; dueAt: Date; reason: string }) {
  const previous = (await repo.lockById(tx, id))?.stageDueAt ?? null;
  const { from, to } = await transitionInTx(tx, ctx, actor, id, {
    action: 'extend_stage',
    atStage: input.atStage,
    auditAction: 'review.extend_stage',
    note: input.reason,
    detail: { dueAt: input.dueAt.toISOString(), previous: previous?.toISOString() ?? null },
  });
  const row = (await repo.updateIf(tx, id, { revision: to.revision, statuses: [to.status] }, { stageDueAt: input.dueAt }))!;
  await scheduleStageReminder(tx, row);
  return { from, to: row };
}

/**
 * Records, once, that the reminder of a stage due at a date went out (a history event), under
 * the row lock: false when the submission is no longer at that stage with that due date in one of
 * `statuses` (the job is stale), or the reminder was already recorded (a repeated job).
 */
export async function markStageReminderInTx(tx: Tx, id: string, at: { stageKey: string; dueAt: string; statuses: readonly ApplicationStatus[] }): Promise<boolean> {
  const row = await repo.lockById(tx, id);
  if (!row || row.stageKey !== at.stageKey || row.stageDueAt?.toISOString() !== at.dueAt || !at.statuses.includes(row.status)) return false;
  const sent = (await repo.events(tx, id)).some((e) => e.action === 'review.stage_due' && e.detail?.stageKey === at.stageKey && e.detail?.dueAt === at.dueAt);
  if (sent) return false;
  await repo.insertEvent(tx, { applicationId: id, action: 'review.stage_due', fromStatus: row.status, toStatus: row.status, detail: { stageKey: at.stageKey, dueAt: at.dueAt } });
  return true;
}

/** A submission's history, oldest first. */
export const submissionEvents = repo.events;

/** A submission's history with the name and organisation of whoever acted, oldest first, in one query (a page's timeline). */
export const submissionTimeline = repo.timeline;

/** The row as stored now (for the message of a refused save); no scope check. */
export const findSubmission = repo.findById;

/** A history event that changes no state (the commitment confirmed), in the caller's transaction. */
export function recordSubmissionEventInTx(tx: Tx, event: { submissionId: string; actorUserId: string | null; action: string; note?: string | null; detail?: Record<string, unknown> }) {
  return repo.insertEvent(tx, { applicationId: event.submissionId, actorUserId: event.actorUserId, action: event.action, note: event.note ?? null, detail: event.detail ?? null });
}
