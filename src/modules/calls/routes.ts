import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { bi } from '../../shared/i18n-errors.ts';
import { actorOf, auditContext } from '../../shared/http/context.ts';
import { PageQuery, pageOf } from '../../shared/http/pagination.ts';
import { sortQuery } from '../../shared/http/sorting.ts';
import { sendDownload } from '../../shared/http/download.ts';
import { publicRoute, signedIn } from '../../shared/http/policy.ts';
import type { Actor } from '../../shared/actor.ts';
import { FILE_KINDS } from '../files/index.ts';
import { SPACE_CATEGORIES } from '../../shared/domain.ts';
import { can } from './policy.ts';
import { CALL_LEVELS } from './schema.ts';
import * as service from './service.ts';
import { defaultMaterialSlots } from './slots.ts';
import { revisionInput } from '../../shared/http/revision.ts';

const Id = z.strictObject({ id: z.string().uuid(bi('应为申报批次 ID', 'must be a call id')) });
const instant = z.iso.datetime({ offset: true, message: bi('应为带时区的 ISO 时间，如 2026-06-30T17:00:00+08:00', 'an ISO instant with offset, e.g. 2026-06-30T17:00:00+08:00') });
const STATUSES = ['draft', 'published', 'cancelled'] as const;

const SlotFields = {
  /** Stable within the call (applications file their uploads under it). */
  key: z.string().regex(/^[a-z][a-z0-9_]{1,47}$/, bi('标识为 2–48 位小写字母、数字或下划线，以字母开头', '2–48 lower-case letters, digits or _, starting with a letter')),
  name: z.string().trim().min(1, bi('请填写材料名称', 'enter the material name')).max(60),
  required: z.boolean(),
  description: z.string().trim().max(500).optional(),
};

const CallFields = {
  title: z.string().trim().min(4, bi('标题至少 4 个字', 'at least 4 characters')).max(200),
  /** city / province / national; must fit the authority (a province may open a national recommendation call). */
  level: z.enum(CALL_LEVELS),
  year: z.number().int().min(2000).max(2100),
  opensAt: instant,
  /** After `opensAt`; enforced in Asia/Shanghai time by the submission. */
  closesAt: instant,
  eligibleCategories: z
    .array(z.enum(SPACE_CATEGORIES))
    .min(1, bi('至少选择一类众创空间', 'choose at least one category'))
    .refine((c) => new Set(c).size === c.length, bi('类别不能重复', 'categories must not repeat')),
  /** A published rule set the authority may see (GET /api/criteria/rule-sets). */
  ruleSetId: z.string().uuid(bi('应为规则集 ID', 'must be a rule set id')).nullish(),
  materialSlots: z.array(z.strictObject(SlotFields)).min(1, bi('至少设置一项申报材料', 'list at least one material')).max(40),
  /** A published review chain version the authority may use at this level (GET /api/chains/usable?level=…); required to publish. */
  chainId: z.string().uuid(bi('应为审核流程版本 ID', 'must be a review chain version id')).nullish(),
  description: z.string().trim().max(10000).nullish(),
  /** Files the admin uploaded (POST /api/files): the notice and its forms. */
  documentFileIds: z
    .array(z.string().uuid(bi('应为文件 ID', 'must be a file id')))
    .max(20)
    .optional(),
};

const Document = z.object({ id: z.string().uuid(), name: z.string(), kind: z.enum(FILE_KINDS), sizeBytes: z.number().int() });

export const PublicCall = z.object({
  id: z.string().uuid(),
  title: z.string(),
  level: z.enum(CALL_LEVELS),
  year: z.number().int(),
  authority: z.object({ id: z.string().uuid(), name: z.string() }),
  regionCode: z.string(),
  regionName: z.string(),
  /** UTC instants; show them in Asia/Shanghai time. */
  opensAt: z.date(),
  closesAt: z.date(),
  /** Published and inside its window right now. */
  open: z.boolean(),
  eligibleCategories: z.array(z.enum(SPACE_CATEGORIES)),
  ruleSet: z.object({ id: z.string().uuid(), key: z.string(), version: z.number().int().nullable(), title: z.string() }).nullable(),
  materialSlots: z.array(z.object(SlotFields)),
  /** The pinned review chain version. */
  chainId: z.string().uuid().nullable(),
  chain: z
    .object({
      id: z.string().uuid(),
      key: z.string(),
      version: z.number().int(),
      name: z.string(),
      nameEn: z.string(),
      /** A chain shipped with the product (else the authority's own). */
      shipped: z.boolean(),
      stages: z.array(z.object({ key: z.string(), kind: z.string(), name: z.string(), nameEn: z.string() })),
    })
    .nullable(),
  description: z.string().nullable(),
  /** Listed by name and size; downloading needs sign-in. */
  documents: z.array(Document),
  status: z.enum(STATUSES),
  publishedAt: z.date().nullable(),
});

const Call = PublicCall.extend({
  revision: z.number().int(),
  updatedAt: z.date(),
  abilities: z.object({ edit: z.boolean(), publish: z.boolean(), cancel: z.boolean() }),
});

const CallQuery = PageQuery.extend({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  level: z.enum(CALL_LEVELS).optional(),
  ...sortQuery(service.CALL_SORTS, 'the latest closing first'),
});

type PublicView = z.infer<typeof PublicCall>;

/** Calls as everyone may see them (the public portal, the operator's open calls): two queries whatever their number. */
export async function presentPublicCalls(db: Db, calls: readonly service.CallDetail[]): Promise<PublicView[]> {
  const documents = await service.documentsOfCalls(db, calls);
  return calls.map((c) => publicView(c, documents.get(c.id) ?? []));
}

const publicView = (c: service.CallDetail, documents: PublicView['documents']): PublicView => ({
  id: c.id,
  title: c.title,
  level: c.level,
  year: c.year,
  authority: { id: c.authorityOrgId, name: c.authorityName },
  regionCode: c.regionCode,
  regionName: c.regionName,
  opensAt: c.opensAt,
  closesAt: c.closesAt,
  open: service.isOpen(c),
  eligibleCategories: c.eligibleCategories,
  ruleSet: c.ruleSet,
  materialSlots: c.materialSlots,
  chainId: c.chainId,
  chain: c.chain
    ? { id: c.chain.id, key: c.chain.key, version: c.chain.version, name: c.chain.name, nameEn: c.chain.nameEn, shipped: c.chain.ownerRegionCode === null, stages: c.chain.stages.map((s) => ({ key: s.key, kind: s.kind, name: s.name, nameEn: s.nameEn })) }
    : null,
  description: c.description,
  documents,
  status: c.status,
  publishedAt: c.publishedAt,
});

export const callRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.ctx;
  const manage = signedIn('call.manage', (a) => can(a, 'call.create'));
  const read = signedIn('call.read');

  const presentAll = async (actor: Actor, calls: readonly service.CallDetail[]): Promise<z.infer<typeof Call>[]> =>
    (await presentPublicCalls(db, calls)).map((view, i) => {
      const c = calls[i]!;
      return { ...view, revision: c.revision, updatedAt: c.updatedAt, abilities: { edit: can(actor, 'call.edit', c), publish: can(actor, 'call.publish', c), cancel: can(actor, 'call.cancel', c) } };
    });
  const present = async (actor: Actor, c: service.CallDetail) => (await presentAll(actor, [c]))[0]!;

  app.get(
    '/calls',
    {
      config: { policy: read },
      schema: {
        tags: ['calls'],
        summary: '申报批次列表（主管部门：本辖区及下级的批次，含本单位草稿；其他用户：已发布的批次）',
        querystring: CallQuery.extend({ status: z.enum(STATUSES).optional() }).strict(),
        response: { 200: pageOf(Call) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const page = await service.listCalls(db, actor, req.query);
      return { ...page, items: await presentAll(actor, page.items) };
    },
  );

  app.get(
    '/calls/default-slots',
    {
      config: { policy: manage },
      schema: {
        tags: ['calls'],
        summary: '新批次的默认申报材料清单（按级别）',
        querystring: z.strictObject({ level: z.enum(CALL_LEVELS) }),
        response: { 200: z.object({ items: z.array(z.object(SlotFields)) }) },
      },
    },
    async (req) => ({ items: defaultMaterialSlots(req.query.level) }),
  );

  app.post(
    '/calls',
    {
      config: { policy: manage },
      schema: { tags: ['calls'], summary: '创建申报批次（草稿）', body: z.strictObject(CallFields), response: { 201: Call } },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      return reply.status(201).send(await present(actor, await service.createCall(db, actor, auditContext(req), req.body)));
    },
  );

  app.get(
    '/calls/:id',
    { config: { policy: read }, schema: { tags: ['calls'], summary: '申报批次详情', params: Id, response: { 200: Call } } },
    async (req) => present(actorOf(req), await service.findCallForActor(db, actorOf(req), req.params.id)),
  );

  app.put(
    '/calls/:id',
    {
      config: { policy: manage },
      schema: {
        tags: ['calls'],
        summary: '修改申报批次草稿（乐观锁：revision 过期时 409）',
        params: Id,
        body: z.strictObject({ revision: revisionInput(), ...CallFields }),
        response: { 200: Call },
      },
    },
    async (req) => present(actorOf(req), await service.updateCall(db, actorOf(req), auditContext(req), req.params.id, req.body)),
  );

  app.post(
    '/calls/:id/publish',
    {
      config: { policy: manage },
      schema: { tags: ['calls'], summary: '发布申报批次', params: Id, body: z.strictObject({ revision: revisionInput() }), response: { 200: Call } },
    },
    async (req) => present(actorOf(req), await service.publishCall(db, actorOf(req), auditContext(req), req.params.id, req.body)),
  );

  app.post(
    '/calls/:id/cancel',
    {
      config: { policy: manage },
      schema: {
        tags: ['calls'],
        summary: '撤销申报批次',
        params: Id,
        body: z.strictObject({
          revision: revisionInput(),
          reason: z.string().trim().min(2, bi('请说明撤销原因', 'give the reason')).max(500),
        }),
        response: { 200: Call },
      },
    },
    async (req) => present(actorOf(req), await service.cancelCall(db, actorOf(req), auditContext(req), req.params.id, req.body)),
  );

  app.get(
    '/public/calls/:id/documents/:fileId',
    {
      config: { policy: publicRoute('documents of a published call are public notices (portal)'), rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags: ['portal'],
        summary: '下载申报批次文件（公开）',
        params: z.strictObject({ id: Id.shape.id, fileId: z.string().uuid(bi('应为文件编号（UUID）', 'must be a file id (UUID)')) }),
      },
    },
    async (req, reply) => {
      const { meta, stream } = await service.openPublicCallDocument(db, config, auditContext(req), req.params.id, req.params.fileId);
      return sendDownload(reply, { contentType: meta.mimeType, fileName: meta.originalName, body: stream, sizeBytes: meta.sizeBytes });
    },
  );
};
