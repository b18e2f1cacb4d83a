import { abilitiesOf, GOVERNING_KINDS, hasRole, inJurisdiction, isOperatorMember, type Actor } from '../../shared/actor.ts';

export const SPACE_ACTIONS = ['space.list', 'space.read', 'space.create', 'space.edit'] as const;
export type SpaceAction = (typeof SPACE_ACTIONS)[number];

/** What a space-level decision needs to know about the space. */
export interface SpaceSubject {
  operatorOrgId: string;
  /** Region path of the space ('000000/210000/210100/210112'). */
  regionPath: string;
}

/** Governing staff who read spaces within their jurisdiction (reviews, recommendations, intake). */
const GOVERNING_ROLES = ['authority_admin', 'authority_reviewer', 'intake_clerk'] as const;

const isOperatorAdmin = (actor: Actor) => actor.org.kind === 'operator' && hasRole(actor, 'operator_admin');
const governs = (actor: Actor) => GOVERNING_KINDS.includes(actor.org.kind) && !!actor.jurisdictionPath && hasRole(actor, ...GOVERNING_ROLES);

/**
 * A space is seen by its operator's members and by the governing staff whose jurisdiction holds its
 * region; it is registered and changed only by its operator's admins. Without a subject the answer
 * is role-level ("may this actor use the power at all"); with one, a `false` means out of scope
 * (the service answers 404) unless the actor may read the space (then 403).
 */
export function can(actor: Actor, action: SpaceAction, subject?: SpaceSubject): boolean {
  const ownSpace = !!subject && subject.operatorOrgId === actor.org.id;
  switch (action) {
    case 'space.list':
      return isOperatorMember(actor) || governs(actor);
    case 'space.read':
      if (!subject) return isOperatorMember(actor) || governs(actor);
      return (isOperatorMember(actor) && ownSpace) || (governs(actor) && inJurisdiction(actor, subject.regionPath));
    case 'space.create':
      return isOperatorAdmin(actor);
    case 'space.edit':
      return isOperatorAdmin(actor) && (!subject || ownSpace);
  }
}

export function abilities(actor: Actor) {
  return abilitiesOf(SPACE_ACTIONS, (a) => can(actor, a));
}
