import 'fastify';
import type { AppContext } from '../../app-context.ts';
import type { Actor } from '../../modules/identity/actor.ts';
import type { RoutePolicy } from './policy.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user, or null; set by the auth hook before any handler runs. */
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    policy?: RoutePolicy;
    /**
     * Reachable before the account is ready: while an initial password must still be changed or a
     * required second factor enrolled (profile, password, TOTP enrolment, logout).
     */
    accountSetup?: boolean;
    /** Reachable while the second factor is still pending (the TOTP step itself). */
    allowMfaPending?: boolean;
  }
  interface FastifyInstance {
    ctx: AppContext;
    /** Every route as registered, for the route-policy test. */
    routeTable: RouteOptions[];
  }
}
