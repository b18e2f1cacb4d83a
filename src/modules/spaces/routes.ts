import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bi } from '../../shared/i18n-errors.ts';
import { actorOf, auditContext } from '../../shared/http/context.ts';
import { PageQuery, pageOf } from '../../shared/http/pagination.ts';
import { sortQuery } from '../../shared/http/sorting.ts';
import { signedIn } from '../../shared/http/policy.ts';
import type { Actor } from '../../shared/actor.ts';
import { HOST_TYPES } from '../../shared/domain.ts';
import { can } from './policy.ts';
import { KEY_INDUSTRIES, KEY_INDUSTRY_NAMES, REGULAR_TYPES, SPACE_CATEGORIES } from './schema.ts';
import * as service from './service.ts';
import { revisionInput } from '../../shared/http/revision.ts';

const Id = z.strictObject({ id: z.string().uuid(bi('应为众创空间 ID', 'must be a maker space id')) });

/** Only web addresses a browser opens safely: http or https. */
const webUrl = z
  .string()
  .trim()
  .max(500)
  .url(bi('网址格式不正确', 'not a valid web address'))
  .refine((u) => /^https?:\/\//i.test(u), bi('网址须以 http:// 或 https:// 开头', 'must start with http:// or https://'));

const Platform = z.strictObject({
  name: z.string().trim().min(1, bi('请填写平台名称', 'enter the platform name')).max(100),
  url: webUrl.nullish(),
});

const ManagementSystems = z.strictObject({
  entryStandard: z.boolean().describe('入驻标准'),
  exitConditions: z.boolean().describe('退出条件'),
  incubateeDatabase: z.boolean().describe('在孵项目或企业数据库'),
  other: z.string().trim().max(200).optional().describe('其他'),
});

const SpaceFields = {
  name: z.string().trim().min(2, bi('名称至少 2 个字', 'at least 2 characters')).max(100).describe('A professional space\'s name must read "XXX专业化众创空间" (001 §三.1).'),
  category: z.enum(SPACE_CATEGORIES),
  regularType: z.enum(REGULAR_TYPES).nullish().describe('Required for a regular space, refused for a professional one.'),
  industry: z.enum(KEY_INDUSTRIES),
  subField: z.string().trim().max(100).nullish().describe('The specialised field within the industry, e.g. 工业机器人.'),
  foundedOn: z.iso.date(bi('日期格式应为 YYYY-MM-DD', 'date as YYYY-MM-DD')).nullish(),
  regionCode: z.string().regex(/^\d{6}$/, bi('应为 6 位行政区划代码', 'must be a 6-digit region code')).describe("Where the space is; within the operator's province."),
  hostIds: z
    .array(z.string().uuid(bi('应为建设主体 ID', 'must be a host id')))
    .max(10)
    .refine((ids) => new Set(ids).size === ids.length, bi('建设主体不能重复', 'hosts must not repeat'))
    .describe('Hosts the operator linked (/api/my/hosts); a professional space needs one.'),
  onlinePlatform: Platform.nullish(),
  techPlatform: Platform.nullish(),
  managementSystems: ManagementSystems.nullish(),
};

const SpacePlatform = z.object({ name: z.string(), url: z.string().nullable() }).nullable();

const Space = z.object({
  id: z.string().uuid(),
  name: z.string(),
  category: z.enum(SPACE_CATEGORIES),
  regularType: z.enum(REGULAR_TYPES).nullable(),
  industry: z.enum(KEY_INDUSTRIES),
  industryName: z.string(),
  subField: z.string().nullable(),
  foundedOn: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string(),
  filed: z.boolean().describe('Holds an active filing: only then do the platform\'s resource and service searches list its offers.'),
  operator: z.object({ id: z.string().uuid(), name: z.string(), uscc: z.string().nullable(), regionCode: z.string() }),
  hosts: z.array(z.object({ id: z.string().uuid(), name: z.string(), hostType: z.enum(HOST_TYPES).nullable(), uscc: z.string().nullable() })),
  onlinePlatform: SpacePlatform,
  techPlatform: SpacePlatform,
  managementSystems: ManagementSystems.nullable(),
  status: z.enum(['active', 'revoked']),
  revision: z.number().int(),
  updatedAt: z.date(),
  abilities: z.object({ edit: z.boolean() }),
});

const present = (actor: Actor, s: service.SpaceDetail): z.infer<typeof Space> => ({
  id: s.id,
  name: s.name,
  category: s.category,
  regularType: s.regularType,
  industry: s.industry,
  industryName: KEY_INDUSTRY_NAMES[s.industry],
  subField: s.subField,
  foundedOn: s.foundedOn,
  regionCode: s.regionCode,
  regionName: s.regionName,
  filed: s.filed,
  operator: s.operator,
  hosts: s.hosts,
  onlinePlatform: service.platformOf(s.onlinePlatformName, s.onlinePlatformUrl),
  techPlatform: service.platformOf(s.techPlatformName, s.techPlatformUrl),
  managementSystems: s.managementSystems,
  status: s.status,
  revision: s.revision,
  updatedAt: s.updatedAt,
  abilities: { edit: can(actor, 'space.edit', s) },
});

export const spaceRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;
  const read = signedIn('space.read', (a) => can(a, 'space.read'));
  const manage = signedIn('space.manage', (a) => can(a, 'space.create'));

  app.get(
    '/spaces',
    {
      config: { policy: signedIn('space.list', (a) => can(a, 'space.list')) },
      schema: {
        tags: ['spaces'],
        summary: '众创空间列表（运营主体：本单位的；主管部门：辖区内的）',
        querystring: PageQuery.extend({ q: z.string().trim().max(64).optional(), ...sortQuery(service.SPACE_SORTS, 'by name') }).strict(),
        response: { 200: pageOf(Space) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const page = await service.listSpaces(db, actor, req.query);
      return { ...page, items: page.items.map((s) => present(actor, s)) };
    },
  );

  app.post(
    '/spaces',
    {
      config: { policy: manage },
      schema: { tags: ['spaces'], summary: '登记众创空间', body: z.strictObject(SpaceFields), response: { 201: Space } },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      return reply.status(201).send(present(actor, await service.createSpace(db, actor, auditContext(req), req.body)));
    },
  );

  app.get(
    '/spaces/:id',
    { config: { policy: read }, schema: { tags: ['spaces'], summary: '众创空间详情', params: Id, response: { 200: Space } } },
    async (req) => present(actorOf(req), await service.findSpaceInScope(db, actorOf(req), req.params.id)),
  );

  app.put(
    '/spaces/:id',
    {
      config: { policy: manage },
      schema: {
        tags: ['spaces'],
        summary: '修改众创空间信息（乐观锁：revision 过期时 409）',
        params: Id,
        body: z.strictObject({ revision: revisionInput(), ...SpaceFields }),
        response: { 200: Space },
      },
    },
    async (req) => present(actorOf(req), await service.updateSpace(db, actorOf(req), auditContext(req), req.params.id, req.body)),
  );
};
