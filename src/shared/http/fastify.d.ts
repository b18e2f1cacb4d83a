import type { RouteOptions } from 'fastify';
import type { AppContext } from '../../app-context.ts';
import type { Actor } from '../actor.ts';
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
    /** What the UI may offer the actor, merged from every module's policy (set by app.ts, the one place that knows them all). */
    abilitiesFor: (actor: Actor) => Record<string, boolean>;
    /** The keys `abilitiesFor` answers, for the schema of `/api/me`. */
    abilityKeys: readonly string[];
  }
}
