import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CALL_LEVELS, KEY_INDUSTRIES, SPACE_CATEGORIES } from '../../shared/domain.ts';
import { EXPORT_RATE } from '../../shared/http/download.ts';
import { OpenDataFormat, sendOpenData } from '../../shared/http/open-data.ts';
import { PageQuery, pageOf } from '../../shared/http/pagination.ts';
import { publicRoute } from '../../shared/http/policy.ts';
import { sortQuery } from '../../shared/http/sorting.ts';
import { bi } from '../../shared/i18n-errors.ts';
import { CHALLENGE_STATES, IP_TERMS } from '../crowd/index.ts';
import { GRADES } from '../evaluation/index.ts';
import { FUND_KINDS } from '../financing/index.ts';
import { SERVICE_KINDS } from '../services/index.ts';
import { DIRECTORY_SORTS } from './repository.ts';
import * as service from './directory.ts';
import { beijingDay } from '../../shared/beijing-time.ts';

const Filters = {
  q: z.string().trim().max(50, bi('关键词不超过 50 字', 'at most 50 characters')).optional().describe('Name, English name, sub-field or key-industry name contains.'),
  region: z
    .string()
    .regex(/^\d{6}$/, bi('地区应为 6 位行政区划代码', 'region must be a 6-digit division code'))
    .optional()
    .describe('Spaces in this region or below it.'),
  level: z.enum(CALL_LEVELS, bi('备案级别应为 national、province 或 city', 'level must be national, province or city')).optional().describe('Holding an active filing at this level.'),
  category: z.enum(SPACE_CATEGORIES, bi('类别应为 regular（众创空间）或 professional（专业化众创空间）', 'category must be regular or professional')).optional(),
  industry: z.enum(KEY_INDUSTRIES, bi('重点领域无效', 'not a key industry')).optional(),
  serviceKind: z.enum(SERVICE_KINDS, bi('服务类型无效', 'not a service kind')).optional().describe('Offering a listed service of this kind.'),
  ...sortQuery(DIRECTORY_SORTS, 'highest filing level first, then by name'),
};

const DirectoryItem = z.object({
  id: z.uuid(),
  name: z.string(),
  nameEn: z.string().nullable(),
  category: z.enum(SPACE_CATEGORIES),
  industry: z.enum(KEY_INDUSTRIES),
  subField: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string(),
  operatorName: z.string(),
  /** Active filings' levels, highest first. */
  levels: z.array(z.enum(CALL_LEVELS)),
  firstFiledAt: z.date().nullable(),
  serviceKinds: z.array(z.enum(SERVICE_KINDS)),
});

const Case = z.object({ title: z.string(), content: z.string(), titleEn: z.string().optional(), contentEn: z.string().optional() });

const SpacePage = z.object({
  id: z.uuid(),
  name: z.string(),
  nameEn: z.string().nullable(),
  category: z.enum(SPACE_CATEGORIES),
  regularType: z.string().nullable(),
  industry: z.enum(KEY_INDUSTRIES),
  subField: z.string().nullable(),
  foundedOn: z.string().nullable(),
  region: z.object({ code: z.string(), name: z.string(), fullName: z.string() }),
  operatorName: z.string(),
  hosts: z.array(z.string()),
  onlinePlatform: z.object({ name: z.string(), url: z.string().nullable() }).nullable(),
  techPlatform: z.object({ name: z.string(), url: z.string().nullable() }).nullable(),
  levels: z.array(z.enum(CALL_LEVELS)),
  filings: z.array(
    z.object({ level: z.enum(CALL_LEVELS), filedAt: z.date(), list: z.object({ id: z.uuid(), title: z.string(), documentNumber: z.string(), issuedOn: z.string() }) }),
  ),
  grades: z.array(z.object({ year: z.number().int(), level: z.enum(CALL_LEVELS), grade: z.enum(GRADES), gradeName: z.string() })),
  resources: z.array(
    z.object({
      id: z.uuid(),
      kind: z.string(),
      name: z.string(),
      category: z.string(),
      location: z.string(),
      description: z.string().nullable(),
      feeBasis: z.string(),
      feeUnit: z.string(),
      priceFen: z.number().int(),
      photoIds: z.array(z.uuid()).describe('In order, the first the cover; GET /api/public/booking/resources/:id/photos/:fileId serves each.'),
    }),
  ),
  services: z.array(
    z.object({ id: z.uuid(), name: z.string(), kind: z.enum(SERVICE_KINDS), description: z.string(), priceBasis: z.string(), priceFen: z.number().int().nullable(), leadDays: z.number().int() }),
  ),
  /** Public fields only: never a mentor's contact. */
  mentors: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      kind: z.string(),
      fields: z.array(z.string()),
      affiliation: z.string(),
      title: z.string().nullable(),
      contactConsent: z.boolean().describe('A signed-in maker may ask for the contacts: POST /api/mentors/:id/reveal.'),
    }),
  ),
  /** Its published crowd challenges (众包), newest first: the terms and the award's team, never a solution or person. */
  crowdTasks: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      field: z.string(),
      state: z.enum(CHALLENGE_STATES),
      rewardYuan: z.number(),
      deadline: z.string(),
      ipTerms: z.enum(IP_TERMS),
      solutionCount: z.number().int(),
      award: z.object({ teamName: z.string(), rewardYuan: z.number(), ipTerms: z.enum(IP_TERMS), awardedAt: z.date() }).nullable(),
    }).describe('GET /api/portal/crowd/challenges/:id reads one whole.'),
  ),
  /** Its active angel/seed and partner funds (万元). */
  funds: z.array(z.object({ id: z.uuid(), name: z.string(), kind: z.enum(FUND_KINDS), sizeWan: z.number(), manager: z.string(), partner: z.string().nullable(), since: z.string() })),
  intro: z.string().nullable(),
  introEn: z.string().nullable(),
  /** The space's public contact (a landline or hotline, a public mailbox), never a staff member's. */
  contact: z.object({ address: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable(), website: z.string().nullable() }),
  successCases: z.array(Case),
  successCasesFrom: z.enum(['site', 'filing_report']),
  international: z.object({
    partners: z.array(z.object({ name: z.string(), country: z.string(), since: z.string().optional() })),
    overseasTeams: z.array(z.object({ name: z.string(), country: z.string() })),
    languages: z.array(z.string()),
    note: z.string().optional(),
    noteEn: z.string().optional(),
  }),
  /** The activity record (登记和宣传); absent until an events module provides it. */
  activities: z
    .array(z.object({ id: z.string(), title: z.string(), kind: z.string(), role: z.string().nullable(), startsAt: z.date(), summary: z.string().nullable(), photoIds: z.array(z.string()) }))
    .optional(),
  /** The events open for sign-up, soonest first (a signed-in maker signs up: POST /api/events/:id/signups); absent until an events module provides them. */
  openEvents: z
    .array(
      z.object({
        id: z.uuid(),
        title: z.string(),
        kind: z.string(),
        role: z.string(),
        startsAt: z.date(),
        endsAt: z.date(),
        place: z.string().nullable(),
        online: z.boolean(),
        signupOpensAt: z.date(),
        signupClosesAt: z.date(),
        seatsLeft: z.number().int(),
      }),
    )
    .optional(),
  /** The space's published supports (扶持情况上网公示), newest first; absent until a supports module provides them. */
  supports: z
    .array(
      z.object({
        id: z.string(),
        category: z.string(),
        grantorName: z.string(),
        supportItemTitle: z.string().nullable(),
        beneficiary: z.object({ name: z.string(), role: z.string() }),
        projectTitle: z.string(),
        periodFrom: z.string(),
        periodTo: z.string(),
        amountYuan: z.number(),
        grantedOn: z.string(),
      }),
    )
    .optional(),
});

const Id = z.strictObject({ id: z.uuid(bi('应为众创空间编号（UUID）', 'must be a space id (UUID)')) });
const ListId = z.strictObject({ id: z.uuid(bi('应为名单编号（UUID）', 'must be a list id (UUID)')) });

/** The public directory of filed spaces, each space's public page, and the open-data exports. No sign-in. */
export const directoryRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.ctx;
  const published = publicRoute('filed spaces and their public fields are public (备案名单 published; 登记和宣传)');
  app.get(
    '/portal/spaces',
    {
      config: { policy: published },
      schema: { tags: ['portal'], summary: '已备案众创空间名录（按关键词、地区、级别、类别、领域、服务筛选）', querystring: PageQuery.extend(Filters).strict(), response: { 200: pageOf(DirectoryItem) } },
    },
    async (req) => service.directory(db, req.query),
  );
  app.get(
    '/portal/spaces/regions',
    {
      config: { policy: published },
      schema: {
        tags: ['portal'],
        summary: '有已备案众创空间的地区（含上级地区）',
        response: { 200: z.object({ items: z.array(z.object({ code: z.string(), name: z.string(), level: z.enum(['national', 'province', 'city', 'county']), parentCode: z.string().nullable() })) }) },
      },
    },
    async () => ({ items: await service.directoryRegions(db) }),
  );
  app.get(
    '/portal/spaces/export',
    {
      config: { policy: published, rateLimit: EXPORT_RATE },
      schema: { tags: ['portal'], summary: '导出已备案众创空间名录（CSV 或 JSON，至多 10000 条）', querystring: z.strictObject({ ...Filters, ...OpenDataFormat }) },
    },
    async (req, reply) => {
      const { format, ...filter } = req.query;
      const items = await service.directoryExport(db, filter);
      const baseUrl = config.publicUrl.replace(/\/$/, '');
      return sendOpenData(reply, { name: 'filed-spaces', day: beijingDay(), format, items, csv: (rows) => service.directoryCsv(rows, baseUrl) });
    },
  );
  app.get(
    '/portal/spaces/:id',
    {
      config: { policy: published },
      schema: { tags: ['portal'], summary: '已备案众创空间的公开主页', params: Id, response: { 200: SpacePage } },
    },
    async (req) => service.publicSpacePage(db, req.params.id),
  );
  app.get(
    '/portal/filing-lists/:id/export',
    {
      config: { policy: publicRoute('备案名单和推荐名单由主管部门公开发布'), rateLimit: EXPORT_RATE },
      schema: { tags: ['portal'], summary: '导出名单（CSV 或 JSON）', params: ListId, querystring: z.strictObject(OpenDataFormat) },
    },
    async (req, reply) => {
      const { list, csv } = await service.filingListExport(db, req.params.id);
      if (req.query.format === 'json') {
        return reply.header('content-type', 'application/json; charset=utf-8').header('content-disposition', `attachment; filename="filing-list-${list.id}.json"`).send(JSON.stringify(list));
      }
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="filing-list-${list.id}.csv"`)
        .header('x-content-type-options', 'nosniff')
        .send(csv);
    },
  );
};
