import type { StageTemplate } from '../../shared/chains.ts';
import { hasRole, type Actor } from '../../shared/actor.ts';
import { actsAtStage, worksStages, type StageAt } from '../workflow/index.ts';

export type DecisionAction = 'decision.record' | 'decision.release' | 'decision.reverse';

/**
 * Role-level: an authority's staff working stages may record decisions (menus, route policies), and
 * so may a recommending unit's, which decides the disclosure of the supports it grants.
 */
export const decides = (actor: Actor): boolean => worksStages(actor) && (actor.org.kind === 'authority' || actor.org.kind === 'recommending_unit');

/** Role-level: releasing and reversing are the authority admin's (published with 文号 in its name). */
export const releases = (actor: Actor): boolean => decides(actor) && hasRole(actor, 'authority_admin');

/**
 * May the actor take `action` at decision `stage` for a space at `at.regionPath` in a call of
 * `at.callAuthorityId`? Recording is for whoever works the stage; releasing and reversing for the
 * stage organisation's admin.
 */
export function can(actor: Actor, action: DecisionAction, subject: { stage: StageTemplate; at: StageAt }): boolean {
  if (subject.stage.kind !== 'decision') return false;
  return actsAtStage(actor, subject.stage, subject.at, action !== 'decision.record');
}

export function abilities(actor: Actor) {
  return { 'decision.record': decides(actor), 'decision.release': releases(actor) };
}
