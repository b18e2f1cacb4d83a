import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasRole, MFA_ROLES } from '../shared/actor.ts';
import { resolveSession } from '../modules/identity/index.ts';
import { AppError } from '../shared/errors.ts';
import { cookieNames, CSRF_HEADER } from '../shared/http/cookies.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/**
 * Runs before validation and every handler (so outsiders learn nothing about the schema): resolves the session cookie into `req.actor`, then enforces the
 * route's declared policy (a route without one is refused), CSRF on state-changing methods, and the
 * forced password change / pending second factor.
 */
export function registerAuthHook(app: FastifyInstance) {
  const names = cookieNames(app.ctx.config.production);
  app.decorateRequest('actor', null);

  app.addHook('preValidation', async (req: FastifyRequest, _reply: FastifyReply) => {
    const config = req.routeOptions.config;
    const policy = config?.policy;
    // Framework routes (swagger UI, static files) are registered without our config and are read-only.
    if (!req.url.startsWith('/api/') || req.url.startsWith('/api/docs')) {
      if (!SAFE_METHODS.has(req.method)) throw new AppError('NOT_FOUND');
      return;
    }
    if (!policy) throw new AppError('NOT_FOUND');

    const token = req.cookies[names.session];
    const resolved = token ? await resolveSession(app.ctx.db, app.ctx.config, token) : null;
    const mfaPending = resolved?.session.mfaPending === true;
    req.actor = resolved && (!mfaPending || config.allowMfaPending) ? resolved.actor : null;

    if (!SAFE_METHODS.has(req.method)) {
      const header = req.headers[CSRF_HEADER];
      const sent = Array.isArray(header) ? header[0] : header;
      // Signed in: the token bound to the session. Anonymous (sign-in itself): double-submit cookie.
      const expected = resolved ? resolved.session.csrfToken : req.cookies[names.csrf];
      if (!sameToken(sent, expected)) throw new AppError('CSRF_FAILED');
    }

    if (policy.kind === 'public') return;
    if (!resolved) throw new AppError(token ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
    if (mfaPending && !config.allowMfaPending) throw new AppError('MFA_REQUIRED');
    if (!config.accountSetup) {
      if (resolved.actor.mustChangePassword) throw new AppError('PASSWORD_CHANGE_REQUIRED');
      if (app.ctx.config.mfaRequired && !resolved.actor.mfaEnrolled && hasRole(resolved.actor, ...MFA_ROLES))
        throw new AppError('MFA_ENROLMENT_REQUIRED');
    }
    if (!policy.allow(resolved.actor)) throw new AppError('FORBIDDEN');
  });
}
