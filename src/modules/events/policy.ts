import { abilitiesOf, isOperatorMember, type Actor } from '../../shared/actor.ts';

export const EVENT_ACTIONS = ['event.manage', 'event.signup', 'event.oversee'] as const;
export type EventAction = (typeof EVENT_ACTIONS)[number];

/** What a decision about one space's events needs: the space's operator. */
export interface EventSubject {
  operatorOrgId: string;
}

/**
 * The members of a space's operator keep its events, sign-ups and check-in (`event.manage`); any
 * signed-in user signs up for published events (`event.signup`); an authority reads its
 * jurisdiction's activity figures (`event.oversee`). Another space's staff get 404 for its events.
 */
export function can(actor: Actor, action: EventAction, subject?: EventSubject): boolean {
  switch (action) {
    case 'event.manage':
      return isOperatorMember(actor) && (!subject || subject.operatorOrgId === actor.org.id);
    case 'event.signup':
      return true;
    case 'event.oversee':
      return actor.org.kind === 'authority' && actor.jurisdictionPath !== null;
  }
}

export function abilities(actor: Actor) {
  return abilitiesOf(EVENT_ACTIONS, (a) => can(actor, a));
}
