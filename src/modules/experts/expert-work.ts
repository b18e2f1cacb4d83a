/** The expert's own work: assignments, the no-conflict declaration, declining, scoring, the panel. */
import type { Db } from '../../db/client.ts';
import { stageIn } from '../../shared/chains.ts';
import { AppError, fieldError } from '../../shared/errors.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { findCallsByIds } from '../calls/index.ts';
import type { Actor } from '../../shared/actor.ts';
import { can } from './policy.ts';
import * as repo from './repository.ts';
import { weighScores, type ScoreSheet } from './sheet.ts';
import { assignmentState, myAssignment, openAssignment, assignmentOut } from './access.ts';
import { sheetOf } from './score-sheets.ts';

/** The no-conflict declaration an expert signs before the materials open (shown to them verbatim). */
export const DECLARATION_TEXT =
  '本人郑重声明：本人与该申报单位（运营主体）及其建设主体不存在任职、兼职、合作、投资、亲属等利益关系，也不存在其他可能影响公正评审的情形；' +
  '本人将独立、客观、公正地评审打分，对申报材料和评审情况严格保密。评审中如发现存在利益冲突，将立即申请回避。';

// ── Region tree (same-city conflicts) ───────────────────────────────────────

export async function myAssignments(db: Db, actor: Actor) {
  if (!can(actor, 'expert.work')) throw new AppError('FORBIDDEN');
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
