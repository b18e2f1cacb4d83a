import type { Actor } from '../actor.ts';

/**
 * What every route declares in `config.policy` (deny by default: a route without one fails the
 * route-policy test and is refused at run time). Route-level checks only say who may call the
 * endpoint at all; whether the actor may touch a particular record is the domain policy's
 * `can(actor, action, subject)`, called by the service, answering 404 when out of scope.
 */
export type RoutePolicy =
  | { kind: 'public'; why: string }
  | { kind: 'signedIn'; name: string; allow: (actor: Actor) => boolean };

/** No sign-in needed; say why the endpoint is public. */
export const publicRoute = (why: string): RoutePolicy => ({ kind: 'public', why });

/** Any signed-in user, optionally narrowed by a role-level predicate (refused with 403). */
export const signedIn = (name: string, allow: (actor: Actor) => boolean = () => true): RoutePolicy => ({
  kind: 'signedIn',
  name,
  allow,
});
