import type { FastifyInstance } from 'fastify';
import { currentRegionScope, runInRegionScope } from '../../db/scope.ts';

/**
 * Gives every request its own region scope for the database's row-level security (src/db/scope.ts).
 * It starts as the whole country (sign-in, public pages) and narrows to the actor's jurisdiction
 * once the auth hook has found a governing actor on a signed-in route; everyone else keeps the
 * whole country and relies on the domain policies. Register after the auth hook.
 */
export function registerRegionScope(app: FastifyInstance) {
  // `run` around the rest of the hook chain (not `enterWith`) so the scope ends with the request.
  app.addHook('onRequest', (_req, _reply, done) => runInRegionScope(done));
  app.addHook('preValidation', async (req) => {
    const jurisdiction = req.actor?.jurisdictionPath;
    const scope = currentRegionScope();
    if (jurisdiction && scope && req.routeOptions.config?.policy?.kind !== 'public') scope.regionPath = jurisdiction;
  });
}
