import type { DbOrTx } from '../../db/client.ts';
import { inJurisdiction, type Actor } from '../../shared/actor.ts';
import type { ChecklistVerdict } from '../../shared/chains.ts';
import { stageIn, type StageKind, type StageTemplate } from '../../shared/chains.ts';
import type { ApplicationStatus } from '../../shared/domain.ts';
import { AppError, fieldError, notFound, type FieldError } from '../../shared/errors.ts';
import {
  actsAtStage,
  allowedFrom,
  peerOfOwnCall,
  submissionFacts,
  worksStages,
  type SubmissionFacts,
} from '../workflow/index.ts';
import { REVIEWED_KINDS, type StageAction } from './policy.ts';

const NOT_FOUND = { zh: '申请不存在', en: 'No such application' };

/** States in which a stage's due date runs and may be moved (a returned application waits for the applicant). */
export const STAGE_RUNNING = allowedFrom('extend_stage');

/** Where the work of the other stage kinds is done (the web app's pages). */
const PAGE_OF_KIND: Record<Exclude<StageKind, 'review' | 'expert'>, { zh: string; en: string }> = {
  notice: { zh: '“公示管理”', en: 'Public notices' },
  recommend: { zh: '“推荐”', en: 'Recommendations' },
  decision: { zh: '“审定发布”', en: 'Decisions' },
};

export const checklistOf = (stage: Pick<StageTemplate, 'checklist'>) => stage.checklist.map((c) => ({ key: c.key, label: c.label, labelEn: c.labelEn }));

export const overdue = (dueAt: Date | null, status: ApplicationStatus, now: Date) => !!dueAt && STAGE_RUNNING.includes(status) && dueAt < now;

/**
 * The application for stage work: 404 unless the actor is stage-working staff whose jurisdiction
 * holds the space (who may read it, whether or not it works the current stage); drafts have no
 * stage work; nor a peer of a call's own organisation (`peerOfOwnCall`).
 */
export async function loadForReview(db: DbOrTx, actor: Actor, id: string): Promise<SubmissionFacts & { stage: StageTemplate }> {
  const facts = await submissionFacts(db, id);
  if (!facts || !facts.stage) throw notFound(NOT_FOUND);
  if (!worksStages(actor) || !inJurisdiction(actor, facts.space.regionPath)) throw notFound(NOT_FOUND);
  if (peerOfOwnCall(actor, facts)) throw notFound(NOT_FOUND);
  return facts as SubmissionFacts & { stage: StageTemplate };
}

const movedOn = () => new AppError('MOVED_ON');

/**
 * Checks that the actor may take `action` at the stage named in the request, which must be the
 * application's current stage: 403 for a reader who does not work it, 409 when it moved on, and
 * 409 naming the right page at notice, recommendation and decision stages.
 */
export function authorise(actor: Actor, facts: SubmissionFacts & { stage: StageTemplate }, stageKey: string, action: StageAction): StageTemplate {
  const named = stageIn(facts.chain!, stageKey);
  if (!named) throw fieldError('body.stageKey', '本申请的审核流程没有该环节', 'the application’s chain has no such stage');
  if (!actsAtStage(actor, named, { regionPath: facts.space.regionPath, callAuthorityId: facts.call.authorityOrgId }, action === 'extend_stage')) throw new AppError('FORBIDDEN');
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
export function checkChecklist(stage: StageTemplate, checklist: readonly ChecklistVerdict[]): void {
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
