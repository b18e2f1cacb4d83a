import type { Db, Tx } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError } from '../../shared/errors.ts';
import * as audit from '../audit/index.ts';
import { SYSTEM_CONTEXT, type AuditContext } from '../audit/index.ts';
import { shanghaiDateTime, shanghaiIso } from '../documents/index.ts';
import {
  notifyApplicant,
  notifyStageWorkers,
  requireSubmissionFacts,
  stageAfter,
  transitionInTx,
} from '../workflow/index.ts';
import { loadInScope } from './access.ts';
import { getNotice } from './read-notices.ts';
import * as repo from './repository.ts';

/**
 * Moves on every pending entry with no open objection (the next stage's workers and the applicant
 * told) and concludes the notice once no entry is pending. Only after the notice's end; the caller
 * holds the notice's lock. Returns what it did.
 */
export async function settleInTx(tx: Tx, ctx: AuditContext, actor: Actor | null, notice: repo.NoticeRow) {
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
