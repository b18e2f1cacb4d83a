import type { FastifyRequest } from 'fastify';
import type { Actor } from '../actor.ts';
import type { AuditContext } from '../audit-context.ts';
import { AppError } from '../errors.ts';

export function auditContext(req: FastifyRequest): AuditContext {
  return {
    actorUserId: req.actor?.userId ?? null,
    actorUsername: req.actor?.username ?? null,
    actorOrgId: req.actor?.org.id ?? null,
    ip: req.ip,
    requestId: String(req.id),
  };
}

/** The actor of a route whose policy requires sign-in (the hook has already refused anonymous calls). */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('UNAUTHENTICATED');
  return req.actor;
}
