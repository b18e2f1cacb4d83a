import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bi } from '../../shared/i18n-errors.ts';
import { auditContext } from '../../shared/http/context.ts';
import { cappedPageOf, PageQuery } from '../../shared/http/pagination.ts';
import { sortQuery } from '../../shared/http/sorting.ts';
import { signedIn } from '../../shared/http/policy.ts';
import { can } from '../../shared/admin-powers.ts';
import { EXPORT_RATE, sendGenerated, XLSX } from '../../shared/http/download.ts';
import { OBJECT_TYPES } from './actions.ts';
import * as service from './service.ts';

const RESULTS = ['success', 'failure', 'denied'] as const;
const Instant = z.iso.datetime({ offset: true, error: bi('应为带时区的 ISO 8601 时间，如 2026-01-01T00:00:00+08:00', 'must be an ISO 8601 time with zone, e.g. 2026-01-01T00:00:00+08:00') });

const OBJECT_TYPE_CODES = Object.keys(OBJECT_TYPES) as [keyof typeof OBJECT_TYPES, ...(keyof typeof OBJECT_TYPES)[]];

const FilterShape = {
  action: z.string().trim().min(1).max(100).regex(/^[a-z_]+(\.[a-z_]+)+$/, bi('操作代码格式不正确', 'not an action code')).optional().describe('Exact action code, e.g. `auth.login` (the choices: GET /audit/actions).'),
  actor: z.string().trim().min(1).max(100).optional().describe('Exact username of the actor (also `system` and `cli:…` for non-interactive writers).'),
  result: z.enum(RESULTS).optional(),
  from: Instant.optional().describe('Rows at or after this instant.'),
  to: Instant.optional().describe('Rows at or before this instant.'),
  objectType: z.enum(OBJECT_TYPE_CODES, bi('对象类型不正确', 'unknown object type')).optional().describe('Rows about objects of this type.'),
  objectId: z.string().trim().min(1).max(100).optional().describe('Rows about this object (with objectType).'),
};

const fromBeforeTo = <T extends { from?: string | undefined; to?: string | undefined }>(q: T) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to);
const toAfterFrom = { path: ['to'], message: bi('结束时间不能早于开始时间', 'must not be before `from`') };

const AuditQuery = z.strictObject({ ...PageQuery.shape, ...FilterShape, ...sortQuery(service.AUDIT_SORTS, 'the newest first') }).refine(fromBeforeTo, toAfterFrom);
const ExportQuery = z.strictObject(FilterShape).refine(fromBeforeTo, toAfterFrom);

const Bilingual = z.object({ zh: z.string(), en: z.string() });

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
  actorName: z.string().nullable().describe("The actor account's display name."),
  actionName: Bilingual.nullable().describe('The action in Chinese and English; null for a code the catalogue lacks.'),
  objectTypeName: Bilingual.nullable(),
  objectName: z.string().nullable().describe('The object by name (account, space · call of an application, call title…); null when it no longer exists or has none.'),
});

/**
 * Rows one verify request checks at most (≈ 1–2 s): a chain of a million rows is checked in a series
 * of requests, each going on from the place the last one kept (`resume=true`), never in one
 * request that outlives proxies' timeouts and holds a connection for half a minute.
 */
const VERIFY_HTTP_ROWS = 5 * service.VERIFY_CHUNK;

const VerifyQuery = z.strictObject({
  resume: z
    .enum(['true', 'false'], bi('应为 true 或 false', 'must be true or false'))
    .optional()
    .describe('`true`: go on from where the previous request of the pass stopped; otherwise a new pass starts at the first row.'),
});

const VerifyResponse = z.object({
  ok: z.boolean(),
  checked: z.number().int().describe('Sealed rows this request checked, before the first broken one if any (all it walked when ok).'),
  from: z.number().int().optional().describe('The check went on after this row of the chain (`seq`), verified by the earlier requests of the pass (`resume=true`); absent when it began at the first row.'),
  progress: z
    .object({ through: z.number().int(), head: z.number().int() })
    .optional()
    .describe(`The request stopped at its budget (${VERIFY_HTTP_ROWS} rows) with the chain verified through row \`through\` of \`head\`: ask again with \`resume=true\` to go on. Absent when the check reached the chain's end.`),
  pending: z.number().int().optional().describe('Rows committed after the check sealed the chain, not yet in it (checked next time).'),
  brokenAt: z.object({ id: z.number().int(), reason: z.enum(['hash_mismatch', 'prev_hash_mismatch', 'checkpoint_mismatch']) }).optional().describe('The first broken link: an edited row (`hash_mismatch`), the row after a deleted one (`prev_hash_mismatch`), or the row the checkpoint names holding another MAC (`checkpoint_mismatch`).'),
  truncated: z.object({ checkpointRows: z.number().int(), chainRows: z.number().int() }).optional().describe('The checkpoint kept outside the database names more rows than the chain holds: its newest rows were deleted.'),
});

/** The query's filter as the repository takes it. */
function filterOf(q: { action?: string | undefined; actor?: string | undefined; result?: (typeof RESULTS)[number] | undefined; from?: string | undefined; to?: string | undefined; objectType?: string | undefined; objectId?: string | undefined }) {
  return {
    action: q.action,
    actorUsername: q.actor,
    result: q.result,
    objectType: q.objectType,
    objectId: q.objectId,
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
  };
}

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
        response: { 200: cappedPageOf(AuditItem) },
      },
    },
    async (req) => {
      const page = await service.readLog(db, auditContext(req), { ...filterOf(req.query), sort: req.query.sort, order: req.query.order, page: req.query.page, pageSize: req.query.pageSize });
      return { ...page, items: page.items.map(({ at, ...row }) => ({ ...row, at: at.toISOString() })) };
    },
  );

  app.get(
    '/audit/actions',
    {
      config: { policy: auditAdminOnly },
      schema: {
        tags: ['audit'],
        summary: '审计操作目录（仅审计管理员） / The catalogue of audited actions (audit admin only)',
        response: { 200: z.object({ actions: z.array(Bilingual.extend({ code: z.string() })), objectTypes: z.array(Bilingual.extend({ code: z.string() })) }) },
      },
    },
    async () => ({ actions: service.actionChoices(), objectTypes: Object.entries(OBJECT_TYPES).map(([code, name]) => ({ code, ...name })) }),
  );

  app.get(
    '/audit/export.xlsx',
    {
      config: { policy: auditAdminOnly, rateLimit: EXPORT_RATE },
      schema: {
        tags: ['audit'],
        summary: `导出当前筛选的审计日志（Excel，最多 ${service.EXPORT_MAX_ROWS} 条，仅审计管理员） / Export the filtered log (audit admin only)`,
        querystring: ExportQuery,
      },
    },
    async (req, reply) => sendGenerated(reply, XLSX, await service.exportLog(db, auditContext(req), filterOf(req.query))),
  );

  app.get(
    '/audit/verify',
    {
      config: { policy: auditAdminOnly },
      schema: {
        tags: ['audit'],
        summary: `封存并分段校验审计日志链与链外检查点，每次至多 ${VERIFY_HTTP_ROWS} 行（仅审计管理员） / Seal and verify the audit chain against its checkpoint, at most ${VERIFY_HTTP_ROWS} rows a request (audit admin only)`,
        querystring: VerifyQuery,
        response: { 200: VerifyResponse },
      },
    },
    async (req) => service.verifyAndRecord(app.ctx, auditContext(req), { resume: req.query.resume === 'true', maxRows: VERIFY_HTTP_ROWS }),
  );
};
