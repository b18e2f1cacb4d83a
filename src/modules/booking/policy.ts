import { abilitiesOf, hasRole, isOperatorMember, type Actor } from '../../shared/actor.ts';

export const BOOKING_ACTIONS = ['booking.book', 'booking.manage', 'booking.staff'] as const;
export type BookingAction = (typeof BOOKING_ACTIONS)[number];

/** What a decision about one space's resources needs: the space's operator. */
export interface BookingSubject {
  operatorOrgId: string;
}

/**
 * Makers (any space's, 创客) book any space's resources and find them platform-wide; the members of
 * a space's operator book their own space's resources as host staff. The operator's admin keeps the
 * resources, rules and settings (`booking.manage`); its admin and staff run the desk (`booking.staff`:
 * approvals, check-in, qualifications, vouchers, usage). Anyone else never learns a booking exists (404).
 */
export function can(actor: Actor, action: BookingAction, subject?: BookingSubject): boolean {
  const own = isOperatorMember(actor) && (!subject || subject.operatorOrgId === actor.org.id);
  switch (action) {
    case 'booking.book':
      return hasRole(actor, 'maker') || own;
    case 'booking.manage':
      return own && hasRole(actor, 'operator_admin');
    case 'booking.staff':
      return own;
  }
}

export function abilities(actor: Actor) {
  return abilitiesOf(BOOKING_ACTIONS, (a) => can(actor, a));
}
