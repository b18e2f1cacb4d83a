import { abilitiesOf, hasRole, inJurisdiction, type Actor } from '../../shared/actor.ts';

export const TIMELINE_ACTIONS = ['timeline.read'] as const;
export type TimelineAction = (typeof TIMELINE_ACTIONS)[number];

/**
 * A space's history over the years is the supervising authorities' view (002 §四(二) 动态管理): the
 * S&T departments whose jurisdiction holds the space. With a region path, `false` is out of scope (404).
 */
export function can(actor: Actor, _action: TimelineAction, spaceRegionPath?: string): boolean {
  const staff = actor.org.kind === 'authority' && !!actor.jurisdictionPath && hasRole(actor, 'authority_admin', 'authority_reviewer');
  return staff && (spaceRegionPath === undefined || inJurisdiction(actor, spaceRegionPath));
}

export const abilities = (actor: Actor) => abilitiesOf(TIMELINE_ACTIONS, (a) => can(actor, a));
