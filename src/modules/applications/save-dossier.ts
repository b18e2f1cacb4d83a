/** Saving the dossier's parts (autosave). */
import type { Db } from '../../db/client.ts';
import { AppError } from '../../shared/errors.ts';
import { unmaskedInput } from '../../shared/validation/masking.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import type { Actor } from '../../shared/actor.ts';
import { patchSubmissionInTx, type SubmissionRow } from '../workflow/index.ts';
import { checkBasicInfo, normaliseBasicInfo, PERSONAL_FIELDS, sanitiseReport, type BasicInfo, type Indicators, type Report } from './dossier.ts';
import { EDITABLE } from './policy.ts';
import { loadInScope, dossierOf, present, staleSave } from './access.ts';

export interface DossierInput {
  revision: number;
  basicInfo?: BasicInfo;
  report?: Report;
  indicators?: Indicators;
}

/**
 * Saves the parts sent, each replacing its stored part whole (autosave sends what the form holds).
 * A draft may be incomplete, but what is filled in must be well-formed and consistent. A stale
 * revision answers 409 and the stored dossier stays exactly as it was.
 */
export async function saveDossier(db: Db, actor: Actor, ctx: AuditContext, id: string, input: DossierInput) {
  const { app, call, space, subject } = await loadInScope(db, actor, id, 'application.edit');
  const patch: Partial<Pick<SubmissionRow, 'basicInfo' | 'report' | 'indicators'>> = {};
  if (input.basicInfo) {
    // Staff edit a form that shows the mobiles masked: what comes back masked keeps the stored number.
    const stored = dossierOf(app).basicInfo;
    const sent = { ...input.basicInfo };
    for (const f of PERSONAL_FIELDS) {
      const kept = unmaskedInput(sent[f], stored[f]);
      if (kept !== undefined) sent[f] = kept;
    }
    const info = normaliseBasicInfo(sent);
    const errors = checkBasicInfo(info, 'body.basicInfo');
    if (errors.length)
      throw new AppError('VALIDATION_FAILED', { zh: errors.map((e) => e.message).join('；'), en: errors.map((e) => e.messageEn).join('; '), fields: errors });
    patch.basicInfo = info;
  }
  if (input.report) patch.report = sanitiseReport(input.report);
  if (input.indicators) patch.indicators = input.indicators;
  const saved = await db.transaction(async (tx) => {
    const row = await patchSubmissionInTx(tx, id, { revision: input.revision, statuses: EDITABLE }, patch);
    if (!row) throw await staleSave(tx, id, input.revision);
    await audit.recordInTx(tx, ctx, { action: 'application.dossier.save', objectType: 'application', objectId: id, detail: { revision: row.revision, parts: Object.keys(patch) } });
    return row;
  });
  return present(db, actor, saved, call, space, { ...subject, status: saved.status });
}
