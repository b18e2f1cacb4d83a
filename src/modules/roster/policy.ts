import { abilitiesOf, hasRole, inJurisdiction, isOperatorMember, type Actor } from '../../shared/actor.ts';

export const ROSTER_ACTIONS = ['roster.read', 'roster.edit', 'roster.chain'] as const;
export type RosterAction = (typeof ROSTER_ACTIONS)[number];

/** What a decision about one space's roster needs to know of the space. */
export interface RosterSubject {
  operatorOrgId: string;
  regionPath: string;
}

const isAuthority = (actor: Actor) => actor.org.kind === 'authority' && !!actor.jurisdictionPath && hasRole(actor, 'authority_admin', 'authority_reviewer');

/**
 * A space's roster is kept by its operator's members (admin and staff) and read by the authorities
 * whose jurisdiction holds the space; no one else knows it exists (404). The incubation chain of
 * one USCC is followed by authorities across the spaces of their jurisdiction.
 */
export function can(actor: Actor, action: RosterAction, subject?: RosterSubject): boolean {
  const own = isOperatorMember(actor) && (!subject || subject.operatorOrgId === actor.org.id);
  const governs = isAuthority(actor) && (!subject || inJurisdiction(actor, subject.regionPath));
  switch (action) {
    case 'roster.read':
      return own || governs;
    case 'roster.edit':
      return own;
    case 'roster.chain':
      return isAuthority(actor);
  }
}

/** Founders' personal data in full: only the space's own operator. */
export const seesPersonalData = (actor: Actor, subject: RosterSubject) => isOperatorMember(actor) && subject.operatorOrgId === actor.org.id;

export function abilities(actor: Actor) {
  return abilitiesOf(ROSTER_ACTIONS, (a) => can(actor, a));
}
