import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../shared/errors.ts';
import { bi } from '../../shared/i18n-errors.ts';
import { publicRoute } from '../../shared/http/policy.ts';
import * as service from './service.ts';

const Region = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(['national', 'province', 'city', 'county']),
  parentCode: z.string().nullable(),
  path: z.string(),
});
const RegionCode = z.string().regex(/^\d{6}$/, bi('应为 6 位行政区划代码', 'must be a 6-digit region code'));

export const regionRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;
  app.get(
    '/regions',
    {
      config: { policy: publicRoute('the administrative division list is public (GB/T 2260)') },
      schema: {
        tags: ['regions'],
        summary: '行政区划（按上级逐级查询）',
        querystring: z.strictObject({ parent: RegionCode.optional() }),
        response: { 200: z.object({ items: z.array(Region) }) },
      },
    },
    async (req) => ({ items: await service.childrenOf(db, req.query.parent ?? '000000') }),
  );
  app.get(
    '/regions/:code',
    {
      config: { policy: publicRoute('the administrative division list is public (GB/T 2260)') },
      schema: {
        tags: ['regions'],
        summary: '行政区划详情',
        params: z.strictObject({ code: RegionCode }),
        response: { 200: Region.extend({ fullName: z.string() }) },
      },
    },
    async (req) => {
      const region = await service.findRegion(db, req.params.code);
      if (!region) throw notFound({ zh: '行政区划不存在', en: 'No such region' });
      return { ...region, fullName: (await service.fullName(db, region.code)) ?? region.name };
    },
  );
};
