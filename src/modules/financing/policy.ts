import { abilitiesOf, isOperatorMember, type Actor } from '../../shared/actor.ts';

export const FINANCING_ACTIONS = ['financing.manage', 'financing.oversee'] as const;
export type FinancingAction = (typeof FINANCING_ACTIONS)[number];

/** A space as a decision about its funds and requests needs it. */
export interface FinancingSubject {
  operatorOrgId: string;
}

/**
 * A space's funds, its incubatees' financing requests and the investments recorded are kept by its
 * operator's members; another operator, and everyone else, gets 404 for them. The investors
 * registered on the platform (public fields only) are shared by every operator. An authority reads
 * its jurisdiction's funds and financing figures per space (`financing.oversee`).
 */
export function can(actor: Actor, action: FinancingAction, subject?: FinancingSubject): boolean {
  switch (action) {
    case 'financing.manage':
      return isOperatorMember(actor) && (!subject || subject.operatorOrgId === actor.org.id);
    case 'financing.oversee':
      return actor.org.kind === 'authority' && actor.jurisdictionPath !== null;
  }
}

export function abilities(actor: Actor) {
  return abilitiesOf(FINANCING_ACTIONS, (a) => can(actor, a));
}
