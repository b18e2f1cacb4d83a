import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CALL_LEVELS, SPACE_CATEGORIES } from '../../shared/domain.ts';
import { bi } from '../../shared/i18n-errors.ts';
import { PageQuery, pageOf } from '../../shared/http/pagination.ts';
import { publicRoute } from '../../shared/http/policy.ts';
import { CALL_STATES } from './repository.ts';
import * as service from './service.ts';

const CallSummary = z.object({
  id: z.string().uuid(),
  title: z.string(),
  level: z.enum(CALL_LEVELS),
  year: z.number().int(),
  authority: z.object({ id: z.string().uuid(), name: z.string() }),
  regionCode: z.string(),
  regionName: z.string(),
  /** UTC instants; shown in Beijing time. */
  opensAt: z.date(),
  closesAt: z.date(),
  /** Where the call stands now: 申报中, 未开始 or 已截止. */
  state: z.enum(CALL_STATES),
  eligibleCategories: z.array(z.enum(SPACE_CATEGORIES)),
});

const CallPage = CallSummary.extend({
  publishedAt: z.date().nullable(),
  /** The authority's guide to the call, plain text. */
  description: z.string().nullable(),
  materialSlots: z.array(z.object({ key: z.string(), name: z.string(), required: z.boolean(), description: z.string().optional() })),
  /** Download through GET /api/public/calls/{id}/documents/{fileId}, no sign-in needed. */
  documents: z.array(z.object({ id: z.string().uuid(), name: z.string(), kind: z.string(), sizeBytes: z.number().int() })),
  /** The stages of the review chain the call runs on, in order. */
  stages: z.array(z.object({ key: z.string(), name: z.string(), nameEn: z.string() })),
  /** The conditions of the pinned rule set; null while the call pins none. */
  criteria: z
    .object({
      title: z.string(),
      version: z.number().int().nullable(),
      /** The policy document the conditions come from. */
      source: z.string(),
      /** As the criteria module stores them (src/modules/criteria/rules.ts, `Condition`). */
      conditions: z.array(z.record(z.string(), z.unknown())),
    })
    .nullable(),
});

const CallQuery = PageQuery.extend({
  level: z.enum(CALL_LEVELS, bi('级别应为 city、province 或 national', 'level must be city, province or national')).optional(),
  region: z
    .string()
    .regex(/^\d{6}$/, bi('地区应为 6 位行政区划代码', 'region must be a 6-digit division code'))
    .optional(),
  state: z.enum(CALL_STATES, bi('状态应为 open、upcoming 或 closed', 'state must be open, upcoming or closed')).optional(),
}).strict();

/** The public portal's reads: no sign-in, published records only. */
export const portalRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.ctx;

  app.get(
    '/portal/site',
    {
      config: { policy: publicRoute('the footer of every public page names who runs the site') },
      schema: {
        tags: ['portal'],
        summary: '网站运营信息（页脚）',
        response: { 200: z.object({ operator: z.string(), icp: z.string().nullable() }) },
      },
    },
    async () => ({ operator: config.site.operator, icp: config.site.icp ?? null }),
  );

  app.get(
    '/portal/calls',
    {
      config: { policy: publicRoute('published calls are public notices (portal)') },
      schema: { tags: ['portal'], summary: '申报批次列表（公开，按级别、地区、状态筛选）', querystring: CallQuery, response: { 200: pageOf(CallSummary) } },
    },
    async (req) => service.listCalls(db, req.query),
  );

  app.get(
    '/portal/calls/regions',
    {
      config: { policy: publicRoute('the regions that issued published calls (the portal filter)') },
      schema: {
        tags: ['portal'],
        summary: '发布过申报批次的地区（含上级地区）',
        response: {
          200: z.object({
            items: z.array(z.object({ code: z.string(), name: z.string(), level: z.enum(['national', 'province', 'city', 'county']), parentCode: z.string().nullable() })),
          }),
        },
      },
    },
    async () => ({ items: await service.callRegions(db) }),
  );

  app.get(
    '/portal/calls/:id',
    {
      config: { policy: publicRoute('a published call is a public notice (portal)') },
      schema: {
        tags: ['portal'],
        summary: '申报批次公开页（申报指南、条件、材料、时间、文件）',
        params: z.strictObject({ id: z.string().uuid(bi('应为申报批次编号（UUID）', 'must be a call id (UUID)')) }),
        response: { 200: CallPage },
      },
    },
    async (req) => service.publishedCall(db, req.params.id),
  );
};
