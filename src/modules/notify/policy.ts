import type { Actor } from '../../shared/actor.ts';

/** Listing needs no check: the query itself is limited to the actor's own rows. */
export type NotificationAction = 'notification.mark_read';

/** A notification belongs to one user; nobody else reads or changes it, administrators included. */
export function can(actor: Actor, _action: NotificationAction, notification: { userId: string }): boolean {
  return notification.userId === actor.userId;
}
