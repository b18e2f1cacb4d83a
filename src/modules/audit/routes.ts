import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bi } from '../../shared/i18n-errors.ts';
import { auditContext } from '../../shared/http/context.ts';
import { pageOf, PageQuery } from '../../shared/http/pagination.ts';
import { signedIn } from '../../shared/http/policy.ts';
import { can } from '../../shared/admin-powers.ts';
import * as service from './service.ts';

const RESULTS = ['success', 'failure', 'denied'] as const;
const Instant = z.iso.datetime({ offset: true, error: bi('应为带时区的 ISO 8601 时间，如 2026-01-01T00:00:00+08:00', 'must be an ISO 8601 time with zone, e.g. 2026-01-01T00:00:00+08:00') });

const AuditQuery = z
  .strictObject({
    ...PageQuery.shape,
    action: z.string().trim().min(1).max(100).optional().describe('Exact action name, e.g. `auth.login`.'),
    actor: z.string().trim().min(1).max(100).optional().describe('Exact username of the actor (also `system` and `cli:…` for non-interactive writers).'),
    result: z.enum(RESULTS).optional(),
    from: Instant.optional().describe('Rows at or after this instant.'),
    to: Instant.optional().describe('Rows at or before this instant.'),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to), {
    path: ['to'],
    message: bi('结束时间不能早于开始时间', 'must not be before `from`'),
  });

const AuditItem = z.object({
  id: z.number().int(),
  at: z.string().describe('ISO 8601 instant (UTC).'),
  actorUsername: z.string().nullable(),
  actorOrgId: z.string().nullable(),
  action: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  result: z.enum(RESULTS),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
});

const VerifyResponse = z.object({
  ok: z.boolean(),
  checked: z.number().int().describe('Sealed rows whose link was checked before the first broken one (all sealed rows when ok).'),
  pending: z.number().int().optional().describe('Rows committed after the check sealed the chain, not yet in it (checked next time).'),
  brokenAt: z.object({ id: z.number().int(), reason: z.enum(['hash_mismatch', 'prev_hash_mismatch', 'checkpoint_mismatch']) }).optional().describe('The first broken link: an edited row (`hash_mismatch`), the row after a deleted one (`prev_hash_mismatch`), or the row the checkpoint names holding another MAC (`checkpoint_mismatch`).'),
  truncated: z.object({ checkpointRows: z.number().int(), chainRows: z.number().int() }).optional().describe('The checkpoint kept outside the database names more rows than the chain holds: its newest rows were deleted.'),
});

/** 三权分立: the audit admin alone reads the log (SECURITY-CHECKLIST 9); everyone else gets 403. */
const auditAdminOnly = signedIn('audit.read', (actor) => can(actor, 'audit.read'));

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;

  app.get(
    '/audit',
    {
      config: { policy: auditAdminOnly },
      schema: {
        tags: ['audit'],
        summary: '查询审计日志（仅审计管理员） / Read the audit log (audit admin only)',
        querystring: AuditQuery,
        response: { 200: pageOf(AuditItem) },
      },
    },
    async (req) => {
      const { actor, from, to, ...rest } = req.query;
      const page = await service.readLog(db, auditContext(req), {
        ...rest,
        actorUsername: actor,
        from: from ? new Date(from) : undefined,
        to: to ? new Date(to) : undefined,
      });
      return {
        ...page,
        items: page.items.map(({ actorUserId: _u, prevHash: _p, hash: _h, at, ...row }) => ({ ...row, at: at.toISOString() })),
      };
    },
  );

  app.get(
    '/audit/verify',
    {
      config: { policy: auditAdminOnly },
      schema: {
        tags: ['audit'],
        summary: '封存并校验审计日志链与链外检查点（仅审计管理员） / Seal and verify the audit chain against its checkpoint (audit admin only)',
        response: { 200: VerifyResponse },
      },
    },
    async (req) => service.verifyAndRecord(app.ctx, auditContext(req)),
  );
};
