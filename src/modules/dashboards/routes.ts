import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, auditContext } from '../../shared/http/context.ts';
import { EXPORT_RATE, XLSX, sendGenerated } from '../../shared/http/download.ts';
import { publicRoute, signedIn } from '../../shared/http/policy.ts';
import { bi } from '../../shared/i18n-errors.ts';
import { CHAIN_PLACES, SurvivalCohort, SurvivalFormula } from '../roster/index.ts';
import { exportDashboard } from './excel.ts';
import { MAP_BODY_LIMIT, uploadMap } from './map.ts';
import { can } from './policy.ts';
import { dashboard, dashboardMap, publicStatistics, publicStatisticsCsv } from './service.ts';

const YEAR = bi('年度应为 2000–2100 的整数', 'the year is an integer 2000–2100');
const REGION = bi('地区应为 6 位行政区划代码', 'the region is a 6-digit region code');
const Region = z.string(REGION).regex(/^\d{6}$/, REGION).optional();
const Year = z.coerce.number(YEAR).int(YEAR).min(2000, YEAR).max(2100, YEAR).optional();
const DashboardQuery = z.strictObject({ region: Region, year: Year });

const Count = z.number().int();
const MapMeta = z.object({ regionCode: z.string(), regionName: z.string(), approvalNo: z.string().describe('审图号, printed under every map drawn from it.'), featureCount: Count, uploadedAt: z.date() });

const Dashboard = z.object({
  year: Count,
  region: z.object({ code: z.string(), name: z.string(), level: z.string(), provinceCode: z.string().nullable().describe('The province the region lies in; null for the nation.'), trail: z.array(z.object({ code: z.string(), name: z.string() })).describe('From the jurisdiction down to this region.') }),
  groupBy: z.enum(['region', 'space']).describe('Child regions, or spaces at a region without children.'),
  map: MapMeta.nullable().describe('The uploaded map at or above the region; null: draw the tile grid.'),
  kpis: z.object({ filedSpaces: Count, applications: Count, applicationsOverdue: Count, returnsAccepted: Count, returnsMissed: Count, supports: Count, supportsAmountYuan: z.number(), eventsHeld: Count, bookings: Count }),
  groups: z.array(
    z.object({
      key: z.string().describe('A region code, or a space id at the leaf.'),
      name: z.string(),
      filed: Count,
      national: Count,
      province: Count,
      city: Count,
      applications: Count,
      applicationsOverdue: Count,
      returns: Count,
      returnsAccepted: Count,
      returnsOverdue: Count,
      returnsMissed: Count,
      changesOverdue: Count,
      proposalsOpen: Count,
      supports: Count,
      supportsAmount: z.number(),
      events: Count,
      bookings: Count,
    }),
  ),
  filed: z.object({ total: Count, byLevel: z.array(z.object({ level: z.string(), count: Count })), byType: z.array(z.object({ type: z.string(), count: Count })) }),
  applications: z.object({ byState: z.array(z.object({ state: z.string(), count: Count })), overdue: Count }),
  returns: z.object({ byState: z.array(z.object({ state: z.string(), count: Count })), overdue: Count, missed: Count }),
  indicators: z.array(
    z.object({
      code: z.string(),
      label: z.string(),
      labelEn: z.string(),
      unit: z.string(),
      unitEn: z.string(),
      total: z.number(),
      previous: z.number(),
      returns: Count,
      previousReturns: Count,
      byGroup: z.array(z.object({ key: z.string(), total: z.number() })),
    }),
  ),
  grades: z.array(z.object({ grade: z.string(), count: Count })),
  proposals: z.array(z.object({ status: z.string(), count: Count })),
  changes: z.object({ open: Count, overdue: Count, late: Count }),
  supports: z.object({ count: Count, amountYuan: z.number(), byGrantor: z.array(z.object({ grantorId: z.string(), grantorName: z.string(), category: z.string(), count: Count, amountYuan: z.number(), alerted: Count.describe('Of them, supports an open duplicate-support alert names.') })).describe('The granting departments × categories with the largest amounts, at most GRANTOR_ROWS (30); the Excel export lists all.'), grantorRows: Count.describe('How many departments × categories granted in all.') }),
  activity: z.object({ events: Count, signups: Count, checkedIn: z.number(), bookings: Count, bookingHours: z.number() }),
  survival: z.array(z.object({ cohort: Count, filed: Count, active: Count, rate: z.number().nullable() })).describe('Filing cohorts (备案存续): spaces first filed each year, and how many still hold an active filing.'),
  startupSurvival: z
    .object({ formula: SurvivalFormula, cohorts: z.array(SurvivalCohort) })
    .describe('Startup survival (初创企业存活率): the subtree’s incubatees by entry year, S(1) and S(3) as the roster counts them.'),
  chainFlows: z
    .object({
      years: z.array(
        z.object({
          year: Count,
          graduated: Count,
          exited: Count,
          moved: Count,
          deregistered: Count.describe('Leavers in the year they left, by present status (a graduate later deregistered counts here).'),
          movesWithin: Count.describe('Moves along the chain between two spaces of the subtree, in the year the next space was entered.'),
          movesOut: Count.describe('Moves from a space of the subtree to one outside it.'),
          movesIn: Count.describe('Moves from a space outside the subtree into one of it.'),
        }),
      ),
      moves: z.array(
        z.object({
          year: Count,
          fromPlace: z.enum(CHAIN_PLACES).nullable().describe('The chain place of the space left; null: not declared.'),
          toPlace: z.enum(CHAIN_PLACES).nullable().describe('The chain place of the space entered next by the same USCC; null: not declared.'),
          direction: z.enum(['within', 'out', 'in']),
          count: Count,
        }),
      ),
      groups: z
        .array(z.object({ key: z.string(), name: z.string(), graduated: Count, exited: Count, moved: Count, deregistered: Count, movesOut: Count, movesIn: Count }))
        .describe('The requested year per child region (per space at the leaf), only those with a flow.'),
    })
    .describe('The incubation chain’s flows (孵化链条流向), summed from the roster’s kept incubatee_flows and incubatee_moves.'),
});

const APPROVAL = bi('请填写审图号（如 GS(2024)0650号）', 'enter the map review number (审图号, e.g. GS(2024)0650号)');
const MapUpload = z.strictObject({
  approvalNo: z.string(APPROVAL).trim().min(1, APPROVAL).max(64, bi('审图号不超过 64 个字符', 'the review number has at most 64 characters')),
  geojson: z.unknown().describe('A GeoJSON FeatureCollection; every feature keyed by `properties.code` (or `adcode`), a region code in the uploader’s jurisdiction.'),
});

const read = signedIn('dashboard.read', (a) => can(a, 'dashboard.read'));

/** GET /api/dashboard(.xlsx), the map: an authority's jurisdiction, drilled down region by region to its spaces. */
export const dashboardRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;
  app.get(
    '/dashboard',
    {
      config: { policy: read },
      schema: { tags: ['dashboards'], summary: '数据看板：辖区（或其下级地区）按下级地区或众创空间汇总的备案、申报、统计报表、评价、变更、扶持、活动与存续数据', querystring: DashboardQuery, response: { 200: Dashboard } },
    },
    async (req) => dashboard(db, actorOf(req), req.query),
  );
  app.get(
    '/dashboard/export.xlsx',
    {
      config: { policy: read, rateLimit: EXPORT_RATE },
      schema: { tags: ['dashboards'], summary: '导出数据看板（Excel，每个板块一张工作表）', querystring: DashboardQuery },
    },
    async (req, reply) => sendGenerated(reply, XLSX, await exportDashboard(db, actorOf(req), auditContext(req), req.query)),
  );
  app.get(
    '/dashboard/map',
    {
      config: { policy: read },
      schema: {
        tags: ['dashboards'],
        summary: '看板使用的地图（已上传的 GeoJSON 及其审图号）',
        querystring: z.strictObject({ region: Region }),
        response: { 200: z.object({ regionCode: z.string(), approvalNo: z.string(), uploadedAt: z.date(), geojson: z.object({ type: z.literal('FeatureCollection'), features: z.array(z.unknown()) }) }) },
      },
    },
    async (req) => dashboardMap(db, actorOf(req), req.query.region),
  );
  app.put(
    '/dashboard/map',
    {
      bodyLimit: MAP_BODY_LIMIT,
      config: { policy: signedIn('dashboard.map_upload', (a) => can(a, 'dashboard.map_upload')) },
      schema: { tags: ['dashboards'], summary: '上传经审核的辖区地图（GeoJSON，须填写审图号）', body: MapUpload, response: { 200: z.object({ regionCode: z.string(), approvalNo: z.string(), featureCount: Count }) } },
    },
    async (req) => uploadMap(db, actorOf(req), auditContext(req), req.body),
  );
};

const StatisticsItem = z.object({ provinceCode: z.string(), provinceName: z.string(), year: Count, level: z.enum(['national', 'province']), filed: Count.describe('Filings granted that year.'), active: Count.describe('Of them, still filed now.') });

/** GET /api/portal/statistics(.csv): the public totals of filed spaces by province and year (national and provincial filings, published lists). */
export const publicStatisticsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;
  const policy = publicRoute('国家级、省级备案名单均已公开发布，按省份和年度的汇总数不含任何个人信息');
  app.get(
    '/portal/statistics',
    { config: { policy }, schema: { tags: ['portal'], summary: '公开统计：各省份历年国家级、省级备案众创空间数', response: { 200: z.object({ items: z.array(StatisticsItem) }) } } },
    async () => ({ items: await publicStatistics(db) }),
  );
  app.get(
    '/portal/statistics.csv',
    { config: { policy, rateLimit: EXPORT_RATE }, schema: { tags: ['portal'], summary: '导出公开统计（CSV，UTF-8 带 BOM）' } },
    async (_req, reply) => {
      const csv = await publicStatisticsCsv(db);
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="filed-spaces-statistics.csv"').header('x-content-type-options', 'nosniff').send(csv);
    },
  );
};
