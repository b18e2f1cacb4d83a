import type { StageKind, StageTemplate } from '../../shared/chains.ts';
import type { ApplicationStatus } from '../../shared/domain.ts';
import { hasRole, type Actor } from '../../shared/actor.ts';
import { actsAtStage, allowedFrom, worksStages, type StageAt } from '../workflow/index.ts';

/** Stage kinds reviewers pass, return or reject on the stage work page; the others have their own pages. */
export const REVIEWED_KINDS: readonly StageKind[] = ['review', 'expert'];

export type StageAction = 'pass' | 'return' | 'reject' | 'extend_stage';

/**
 * What the actor may do now at the application's current stage (sent to the UI; the service checks
 * again and answers a wrong state with 409): pass/return/reject at review and expert stages by the
 * stage's workers, the due date by the stage authority's admin, each in the states the transition
 * table allows it from.
 */
export function stageAbilities(actor: Actor, stage: StageTemplate | undefined, at: StageAt, status: ApplicationStatus): Record<StageAction, boolean> {
  const works = !!stage && actsAtStage(actor, stage, at);
  const decides = works && REVIEWED_KINDS.includes(stage.kind) && allowedFrom('return').includes(status);
  const setsDue = !!stage && actsAtStage(actor, stage, at, true) && allowedFrom('extend_stage').includes(status);
  return { pass: decides, return: decides, reject: decides, extend_stage: setsDue };
}

/** An authority's admin rewords the notices sent for its calls. */
export const editsTemplates = (actor: Actor) => actor.org.kind === 'authority' && hasRole(actor, 'authority_admin');

/** Role-level answers for the UI menus. */
export function abilities(actor: Actor) {
  return { 'review.work': worksStages(actor), 'notification_template.edit': editsTemplates(actor) };
}
