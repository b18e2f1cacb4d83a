import { abilitiesOf, hasRole, inJurisdiction, isOperatorMember, type Actor } from '../../shared/actor.ts';

export const MENTOR_ACTIONS = ['mentor.read', 'mentor.edit'] as const;
export type MentorAction = (typeof MENTOR_ACTIONS)[number];

/** What a decision about one space's mentors needs to know of the space. */
export interface MentorSubject {
  operatorOrgId: string;
  regionPath: string;
}

const isAuthority = (actor: Actor) => actor.org.kind === 'authority' && !!actor.jurisdictionPath && hasRole(actor, 'authority_admin', 'authority_reviewer');

/**
 * A space's mentors, coaching relations and sessions are kept by its operator's members and read by
 * the authorities whose jurisdiction holds the space (contacts masked); no one else knows they exist (404).
 */
export function can(actor: Actor, action: MentorAction, subject?: MentorSubject): boolean {
  const own = isOperatorMember(actor) && (!subject || subject.operatorOrgId === actor.org.id);
  const governs = isAuthority(actor) && (!subject || inJurisdiction(actor, subject.regionPath));
  switch (action) {
    case 'mentor.read':
      return own || governs;
    case 'mentor.edit':
      return own;
  }
}

/** Mentors' contacts in full: only the space's own operator. */
export const seesContacts = (actor: Actor, subject: MentorSubject) => isOperatorMember(actor) && subject.operatorOrgId === actor.org.id;

export function abilities(actor: Actor) {
  return abilitiesOf(MENTOR_ACTIONS, (a) => can(actor, a));
}
