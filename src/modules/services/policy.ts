import { abilitiesOf, hasRole, isOperatorMember, type Actor } from '../../shared/actor.ts';
import type { OrderSide } from './transitions.ts';

export const SERVICE_ACTIONS = ['service.manage', 'service.search', 'service.order'] as const;
export type ServiceAction = (typeof SERVICE_ACTIONS)[number];

/** A space as a decision about its catalogue or queue needs it. */
export interface ServiceSpaceSubject {
  operatorOrgId: string;
}

/** An order as a decision about it needs it: whose space, whose order. */
export interface OrderSubject extends ServiceSpaceSubject {
  requesterOrgId: string;
}

const isMaker = (actor: Actor) => actor.org.kind === 'maker_team' && hasRole(actor, 'maker');

/**
 * A space's catalogue and order queue are kept by its operator's members; makers search every
 * space's active services and order them; an order is seen by the space's operator and the maker
 * team that placed it, and by no one else (404).
 */
export function can(actor: Actor, action: ServiceAction, subject?: ServiceSpaceSubject): boolean {
  switch (action) {
    case 'service.manage':
      return isOperatorMember(actor) && (!subject || subject.operatorOrgId === actor.org.id);
    case 'service.search':
      return isMaker(actor) || isOperatorMember(actor);
    case 'service.order':
      return isMaker(actor);
  }
}

/** Which side of the order the actor is on, or null when the order is out of its scope. */
export function sideOf(actor: Actor, order: OrderSubject): OrderSide | null {
  if (isOperatorMember(actor) && order.operatorOrgId === actor.org.id) return 'operator';
  if (isMaker(actor) && order.requesterOrgId === actor.org.id) return 'requester';
  return null;
}

export function abilities(actor: Actor) {
  return abilitiesOf(SERVICE_ACTIONS, (a) => can(actor, a));
}
