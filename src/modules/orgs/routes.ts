import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bi } from '../../shared/i18n-errors.ts';
import { actorOf, auditContext } from '../../shared/http/context.ts';
import { PageQuery, pageOf } from '../../shared/http/pagination.ts';
import { sortQuery } from '../../shared/http/sorting.ts';
import { signedIn } from '../../shared/http/policy.ts';
import { can as canAdmin } from '../../shared/admin-powers.ts';
import { AUTHORITY_LEVELS, HOST_TYPES, ORG_KINDS, RECOMMENDER_TYPES } from './schema.ts';
import * as service from './service.ts';

const Organisation = z.object({
  id: z.string().uuid(),
  name: z.string(),
  kind: z.enum(ORG_KINDS),
  authorityLevel: z.enum(AUTHORITY_LEVELS).nullable(),
  hostType: z.enum(HOST_TYPES).nullable(),
  recommenderType: z.enum(RECOMMENDER_TYPES).nullable(),
  uscc: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string(),
  status: z.enum(['active', 'disabled']),
  createdAt: z.date(),
});


/** Organisation administration by the system admin. */
export const orgRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;

  app.get(
    '/admin/orgs',
    {
      config: { policy: signedIn('org.list', (a) => canAdmin(a, 'org.list')) },
      schema: {
        tags: ['admin'],
        summary: '机构列表',
        querystring: PageQuery.extend({
          q: z.string().trim().max(64).optional().describe('Part of the name or the USCC.'),
          kind: z.enum(ORG_KINDS).optional(),
          ...sortQuery(service.ORG_SORTS, 'by name'),
        }).strict(),
        response: { 200: pageOf(Organisation) },
      },
    },
    async (req) => service.listOrganisations(db, actorOf(req), req.query),
  );

  app.post(
    '/admin/orgs',
    {
      config: { policy: signedIn('org.create', (a) => canAdmin(a, 'org.create')) },
      schema: {
        tags: ['admin'],
        summary: '创建机构',
        body: z.strictObject({
          name: z.string().trim().min(2, bi('名称至少 2 个字', 'at least 2 characters')).max(100),
          kind: z.enum(ORG_KINDS),
          regionCode: z.string().regex(/^\d{6}$/, bi('应为 6 位行政区划代码', 'must be a 6-digit region code')).describe("GB/T 2260 code; an authority's region level must match its authority level."),
          uscc: z.string().max(32).optional().describe('统一社会信用代码, required for operators and hosts; spaces are stripped, letters upper-cased.'),
          authorityLevel: z.enum(AUTHORITY_LEVELS).optional(),
          hostType: z.enum(HOST_TYPES).optional(),
          recommenderType: z.enum(RECOMMENDER_TYPES).optional(),
        }),
        response: { 201: Organisation },
      },
    },
    async (req, reply) => reply.status(201).send(await service.createOrganisationAsAdmin(db, actorOf(req), auditContext(req), req.body)),
  );
};
