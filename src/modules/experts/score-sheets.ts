/** A call's expert score sheet (评分表). */
import type { Db, DbOrTx } from '../../db/client.ts';
import { AppError } from '../../shared/errors.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import type { Actor } from '../../shared/actor.ts';
import * as repo from './repository.ts';
import { DEFAULT_SHEET, sheetProblems, type ScoreSheet } from './sheet.ts';
import { callFor } from './access.ts';

/** The call's saved sheet, or the default while it has none. */
export async function sheetOf(db: DbOrTx, callId: string): Promise<ScoreSheet & { revision: number; isDefault: boolean }> {
  const row = await repo.findSheet(db, callId);
  if (!row) return { ...DEFAULT_SHEET, revision: 0, isDefault: true };
  return { criteria: row.criteria, commentBelow: row.commentBelow, expertsPerApplication: row.expertsPerApplication, sameCityConflict: row.sameCityConflict, revision: row.revision, isDefault: false };
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
