import { abilitiesOf, hasRole, isOperatorMember, type Actor } from '../../shared/actor.ts';

export const SPACESITE_ACTIONS = ['spacesite.read', 'spacesite.edit'] as const;
export type SpacesiteAction = (typeof SPACESITE_ACTIONS)[number];

/** What a decision about one space's public-site fields needs to know of the space. */
export interface SpacesiteSubject {
  operatorOrgId: string;
}

/**
 * A space's public-site fields are read in the editor by its operator's members and changed by its
 * operator's admins; everyone reads the published page through the portal. No one else learns the
 * editor's answer (404).
 */
export function can(actor: Actor, action: SpacesiteAction, subject?: SpacesiteSubject): boolean {
  const own = isOperatorMember(actor) && (!subject || subject.operatorOrgId === actor.org.id);
  switch (action) {
    case 'spacesite.read':
      return own;
    case 'spacesite.edit':
      return own && hasRole(actor, 'operator_admin');
  }
}

export function abilities(actor: Actor) {
  return abilitiesOf(SPACESITE_ACTIONS, (a) => can(actor, a));
}
