import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, auditContext } from '../../shared/http/context.ts';
import { EXPORT_RATE, XLSX, sendGenerated } from '../../shared/http/download.ts';
import { signedIn } from '../../shared/http/policy.ts';
import { bi } from '../../shared/i18n-errors.ts';
import { exportPlatformStats } from './platform-excel.ts';
import { platformStats } from './platform-stats.ts';
import { can } from './policy.ts';

const YEAR = bi('年度应为 2000–2100 的整数', 'the year is an integer 2000–2100');

const YearQuery = z.strictObject({ year: z.coerce.number(YEAR).int(YEAR).min(2000, YEAR).max(2100, YEAR).optional() });

const PlatformStats = z.object({
  year: z.number().int(),
  regionName: z.string(),
  totals: z.object({
    bookedHours: z.number(),
    usedHours: z.number(),
    openHours: z.number(),
    utilisation: z.number().nullable().describe('Hours booked over opening hours, percent; null without opening hours.'),
    ordersRequested: z.number().int(),
    ordersDelivered: z.number().int(),
    incomeFen: z.number().int().describe('Service income of the orders delivered in the year, in 分.'),
    sessions: z.number().int(),
    sessionHours: z.number(),
    mentors: z.number().int().describe('Active mentors now.'),
    industryMentors: z.number().int(),
  }),
  utilisation: z.array(z.object({ month: z.number().int(), bookedHours: z.number(), usedHours: z.number(), openHours: z.number(), utilisation: z.number().nullable() })),
  topResources: z.array(z.object({ resourceId: z.uuid(), name: z.string(), category: z.string(), spaceName: z.string(), bookings: z.number().int(), usedHours: z.number() })),
  services: z.array(z.object({ month: z.number().int(), ordersRequested: z.number().int(), ordersDelivered: z.number().int(), incomeFen: z.number().int() })),
  coaching: z.array(z.object({ month: z.number().int(), sessions: z.number().int(), hours: z.number(), mentors: z.number().int() })),
});

/** GET /api/platform-stats: an authority's jurisdiction through its spaces' service platform over a year. */
export const platformStatsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;
  app.get(
    '/platform-stats',
    {
      config: { policy: signedIn('workbench.platform_stats', (a) => can(a, 'workbench.platform_stats')) },
      schema: {
        tags: ['workbench'],
        summary: '服务平台统计：辖区设备预约利用率（按月）、使用最多的设备、服务订单与收入（按月）、导师辅导（按月）',
        querystring: YearQuery,
        response: { 200: PlatformStats },
      },
    },
    async (req) => platformStats(db, actorOf(req), req.query.year),
  );
  app.get(
    '/platform-stats.xlsx',
    {
      config: { policy: signedIn('workbench.platform_stats', (a) => can(a, 'workbench.platform_stats')), rateLimit: EXPORT_RATE },
      schema: { tags: ['workbench'], summary: '导出服务平台统计（Excel，每个图表一张工作表）', querystring: YearQuery },
    },
    async (req, reply) => sendGenerated(reply, XLSX, await exportPlatformStats(db, actorOf(req), auditContext(req), req.query.year)),
  );
};
