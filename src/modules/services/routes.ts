import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { queryFlag } from '../../shared/http/params.ts';
import { actorOf, auditContext } from '../../shared/http/context.ts';
import { EXPORT_RATE, XLSX, sendDownload, sendGenerated } from '../../shared/http/download.ts';
import { PageQuery, pageOf } from '../../shared/http/pagination.ts';
import { signedIn } from '../../shared/http/policy.ts';
import { revisionInput } from '../../shared/http/revision.ts';
import { sortQuery } from '../../shared/http/sorting.ts';
import { KEY_INDUSTRIES } from '../../shared/domain.ts';
import { bi } from '../../shared/i18n-errors.ts';
import { exportSpaceOrders } from './excel.ts';
import { can } from './policy.ts';
import { CATALOGUE_SORTS, ORDER_SORTS, SEARCH_SORTS } from './repository.ts';
import { ORDER_STATES, PRICE_BASES, SERVICE_KINDS } from './schema.ts';
import { ORDER_ACTIONS } from './transitions.ts';
import * as service from './service.ts';

const uuid = (zh: string, en: string) => z.uuid(bi(zh, en));
/** 分, up to 1 亿元: larger is a typing slip. */
const fen = (zh: string) =>
  z
    .number(bi(`${zh}应为整数（单位：分）`, 'must be an integer (fen)'))
    .int(bi(`${zh}应为整数（单位：分）`, 'must be an integer (fen)'))
    .min(0, bi(`${zh}不能为负数`, 'cannot be negative'))
    .max(10_000_000_000, bi(`${zh}过大`, 'too large'));
const text = (zh: string, min: number, max: number) =>
  z
    .string(bi(`请填写${zh}`, 'required'))
    .trim()
    .min(min, bi(`请填写${zh}${min > 1 ? `（至少 ${min} 个字）` : ''}`, `enter it${min > 1 ? ` (at least ${min} characters)` : ''}`))
    .max(max, bi(`${zh}不超过 ${max} 字`, `at most ${max} characters`));
const optionalText = (zh: string, max: number) => z.string().trim().max(max, bi(`${zh}不超过 ${max} 字`, `at most ${max} characters`)).optional();
const kind = z.enum(SERVICE_KINDS, bi('服务类别无效', 'not a service kind'));

const ServiceBody = z.strictObject({
  name: text('服务名称', 2, 100),
  kind,
  description: text('服务说明', 1, 2000),
  priceBasis: z.enum(PRICE_BASES, bi('计价方式应为固定价格、面议或免费', 'price basis is fixed, quote or free')),
  priceFen: fen('价格').nullable().optional().describe('分; required for a fixed price, absent otherwise.'),
  leadDays: z.number(bi('交付周期应为整数（天）', 'must be a whole number of days')).int(bi('交付周期应为整数（天）', 'must be a whole number of days')).min(0, bi('交付周期不能为负数', 'cannot be negative')).max(365, bi('交付周期不超过 365 天', 'at most 365 days')),
  active: z.boolean(bi('应为是或否', 'must be true or false')),
});

const Service = z.object({
  id: z.uuid(),
  spaceId: z.uuid(),
  spaceName: z.string(),
  regionName: z.string(),
  name: z.string(),
  kind: z.enum(SERVICE_KINDS),
  description: z.string(),
  priceBasis: z.enum(PRICE_BASES),
  priceFen: z.number().int().nullable().describe('分, for a fixed price.'),
  leadDays: z.number().int(),
  active: z.boolean(),
  openOrders: z.number().int(),
  deliveredOrders: z.number().int(),
  averageRating: z.number().nullable(),
  revision: z.number().int(),
  canEdit: z.boolean(),
  canOrder: z.boolean(),
});

const Order = z.object({
  id: z.uuid(),
  service: z.object({ id: z.uuid(), name: z.string(), kind: z.enum(SERVICE_KINDS), priceBasis: z.enum(PRICE_BASES) }),
  space: z.object({ id: z.uuid(), name: z.string() }),
  requester: z.object({ orgName: z.string(), name: z.string() }),
  state: z.enum(ORDER_STATES),
  requestNote: z.string(),
  quotedFen: z.number().int().nullable(),
  dueOn: z.string().nullable(),
  quoteNote: z.string().nullable(),
  deliveryNote: z.string().nullable(),
  deliveryFileCount: z.number().int(),
  rating: z.number().int().nullable(),
  ratingComment: z.string().nullable(),
  closeReason: z.string().nullable(),
  requestedAt: z.date(),
  quotedAt: z.date().nullable(),
  acceptedAt: z.date().nullable(),
  deliveredAt: z.date().nullable(),
  ratedAt: z.date().nullable(),
  closedAt: z.date().nullable(),
  revision: z.number().int(),
  side: z.enum(['operator', 'requester']).describe('Which side of the order the reader is on.'),
  actions: z.array(z.enum(ORDER_ACTIONS)).describe('The moves the reader may make now.'),
});

const OrderDetail = Order.extend({
  files: z.array(z.object({ id: z.uuid(), originalName: z.string(), sizeBytes: z.number().int(), mimeType: z.string() })),
  timeline: z.array(z.object({ action: z.string(), fromState: z.enum(ORDER_STATES).nullable(), toState: z.enum(ORDER_STATES), note: z.string().nullable(), actorName: z.string().nullable(), at: z.date() })),
});

const OrderPage = pageOf(Order).extend({ stateCounts: z.record(z.string(), z.number().int()).describe('Orders of the scope per state (all pages, the space filter applied).') });

const OrderFilters = {
  spaceId: uuid('应为众创空间编号', 'must be a space id').optional(),
  state: z.enum(ORDER_STATES, bi('订单状态无效', 'not an order state')).optional(),
  kind: kind.optional(),
  q: z.string().trim().max(100, bi('关键词不超过 100 字', 'at most 100 characters')).optional().describe('Service, space or requester name contains.'),
  ...sortQuery(ORDER_SORTS, 'the newest first'),
};

const SpaceParams = z.strictObject({ spaceId: uuid('应为众创空间编号', 'must be a space id') });
const ServiceParams = z.strictObject({ id: uuid('应为服务编号', 'must be a service id') });
const OrderParams = z.strictObject({ id: uuid('应为订单编号', 'must be an order id') });
const FileParams = OrderParams.extend({ fileId: uuid('应为文件编号', 'must be a file id') });
const reason = text('理由', 2, 500);

export const serviceRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.ctx;
  const managers = signedIn('service.manage', (a) => can(a, 'service.manage'));
  const searchers = signedIn('service.search', (a) => can(a, 'service.search'));
  const orderers = signedIn('service.order', (a) => can(a, 'service.order'));
  // Either side of an order: the policy of the order itself decides (404 for anyone else).
  const parties = signedIn('service.order_party', (a) => can(a, 'service.manage') || can(a, 'service.order'));

  app.get(
    '/services/catalogue',
    {
      config: { policy: managers },
      schema: {
        tags: ['services'],
        summary: '本单位众创空间的服务目录',
        querystring: PageQuery.extend({
          spaceId: uuid('应为众创空间编号', 'must be a space id').optional(),
          kind: kind.optional(),
          active: queryFlag().optional(),
          q: z.string().trim().max(100, bi('关键词不超过 100 字', 'at most 100 characters')).optional(),
          ...sortQuery(CATALOGUE_SORTS, 'by space, kind and name'),
        }).strict(),
        response: { 200: pageOf(Service) },
      },
    },
    async (req) => service.listCatalogue(db, actorOf(req), req.query),
  );

  app.post(
    '/services/spaces/:spaceId/catalogue',
    { config: { policy: managers }, schema: { tags: ['services'], summary: '新增服务', params: SpaceParams, body: ServiceBody, response: { 201: Service } } },
    async (req, reply) => reply.status(201).send(await service.createService(db, actorOf(req), auditContext(req), req.params.spaceId, req.body)),
  );

  app.put(
    '/services/catalogue/:id',
    { config: { policy: managers }, schema: { tags: ['services'], summary: '修改服务（含上架/下架）', params: ServiceParams, body: ServiceBody.extend({ revision: revisionInput() }), response: { 200: Service } } },
    async (req) => service.editService(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.get(
    '/services/search',
    {
      config: { policy: searchers },
      schema: {
        tags: ['services'],
        summary: '全平台服务检索（按地区、类别、领域、关键词）',
        querystring: PageQuery.extend({
          regionPath: z
            .string()
            .regex(/^\d{6}(\/\d{6})*$/, bi('地区应为区划路径，如 000000/410000/411000', 'a region path such as 000000/410000/411000'))
            .max(60)
            .optional()
            .describe('The region and everything below it.'),
          kind: kind.optional(),
          industry: z.enum(KEY_INDUSTRIES, bi('重点领域无效', 'not a key industry')).optional().describe("The space's key industry (the field)."),
          q: z.string().trim().max(100, bi('关键词不超过 100 字', 'at most 100 characters')).optional().describe('Service name, description or space name contains.'),
          ...sortQuery(SEARCH_SORTS, 'by kind, space and name'),
        }).strict(),
        response: { 200: pageOf(Service) },
      },
    },
    async (req) => service.searchServices(db, actorOf(req), req.query),
  );

  app.post(
    '/services/catalogue/:id/orders',
    {
      config: { policy: orderers },
      schema: { tags: ['services'], summary: '预约服务（提交需求）', params: ServiceParams, body: z.strictObject({ note: text('需求说明', 5, 2000) }), response: { 201: OrderDetail } },
    },
    async (req, reply) => reply.status(201).send(await service.requestOrder(db, actorOf(req), auditContext(req), req.params.id, req.body)),
  );

  app.get(
    '/services/orders/queue',
    { config: { policy: managers }, schema: { tags: ['services'], summary: '本单位众创空间收到的服务订单', querystring: PageQuery.extend(OrderFilters).strict(), response: { 200: OrderPage } } },
    async (req) => service.listQueue(db, actorOf(req), req.query),
  );

  app.get(
    '/services/orders/mine',
    { config: { policy: orderers }, schema: { tags: ['services'], summary: '我的服务订单', querystring: PageQuery.extend(OrderFilters).strict(), response: { 200: OrderPage } } },
    async (req) => service.listMyOrders(db, actorOf(req), req.query),
  );

  app.get(
    '/services/orders/:id',
    { config: { policy: parties }, schema: { tags: ['services'], summary: '服务订单详情（含办理记录与交付文件）', params: OrderParams, response: { 200: OrderDetail } } },
    async (req) => service.readOrder(db, actorOf(req), req.params.id),
  );

  app.post(
    '/services/orders/:id/quote',
    {
      config: { policy: managers },
      schema: {
        tags: ['services'],
        summary: '报价（金额与承诺交付日期）',
        params: OrderParams,
        body: z.strictObject({
          amountFen: fen('报价金额'),
          dueOn: z.iso.date(bi('交付日期应为 YYYY-MM-DD', 'must be a date YYYY-MM-DD')),
          note: optionalText('报价说明', 1000),
          revision: revisionInput(),
        }),
        response: { 200: OrderDetail },
      },
    },
    async (req) => service.quoteOrder(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.post(
    '/services/orders/:id/accept',
    { config: { policy: orderers }, schema: { tags: ['services'], summary: '接受报价', params: OrderParams, body: z.strictObject({ revision: revisionInput() }), response: { 200: OrderDetail } } },
    async (req) => service.acceptOrder(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.post(
    '/services/orders/:id/deliver',
    {
      config: { policy: managers },
      schema: {
        tags: ['services'],
        summary: '交付（附交付文件或交付说明）',
        params: OrderParams,
        body: z.strictObject({
          note: optionalText('交付说明', 2000),
          fileIds: z.array(uuid('应为文件编号', 'must be a file id')).max(10, bi('交付文件不超过 10 个', 'at most 10 files')).describe('Uploaded first through POST /api/files by the operator.'),
          revision: revisionInput(),
        }),
        response: { 200: OrderDetail },
      },
    },
    async (req) => service.deliverOrder(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.post(
    '/services/orders/:id/rate',
    {
      config: { policy: orderers },
      schema: {
        tags: ['services'],
        summary: '评价（1–5 分）',
        params: OrderParams,
        body: z.strictObject({
          rating: z.number(bi('评分应为 1–5 的整数', 'rating is a whole number 1–5')).int(bi('评分应为 1–5 的整数', 'rating is a whole number 1–5')).min(1, bi('评分应为 1–5 的整数', 'rating is 1–5')).max(5, bi('评分应为 1–5 的整数', 'rating is 1–5')),
          comment: optionalText('评价', 1000),
          revision: revisionInput(),
        }),
        response: { 200: OrderDetail },
      },
    },
    async (req) => service.rateOrder(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.post(
    '/services/orders/:id/decline',
    { config: { policy: managers }, schema: { tags: ['services'], summary: '婉拒订单（须说明理由）', params: OrderParams, body: z.strictObject({ reason, revision: revisionInput() }), response: { 200: OrderDetail } } },
    async (req) => service.declineOrder(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.post(
    '/services/orders/:id/cancel',
    { config: { policy: orderers }, schema: { tags: ['services'], summary: '撤回订单（接受报价前，须说明理由）', params: OrderParams, body: z.strictObject({ reason, revision: revisionInput() }), response: { 200: OrderDetail } } },
    async (req) => service.cancelOrder(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.get(
    '/services/orders/:id/files/:fileId/download',
    { config: { policy: parties }, schema: { tags: ['services'], summary: '下载交付文件（记入审计）', params: FileParams } },
    async (req, reply) => {
      const { meta, stream } = await service.openDeliveryFile(db, config, auditContext(req), actorOf(req), req.params.id, req.params.fileId);
      return sendDownload(reply, { contentType: meta.mimeType, fileName: meta.originalName, body: stream, sizeBytes: meta.sizeBytes });
    },
  );

  app.get(
    '/services/spaces/:spaceId/orders.xlsx',
    { config: { policy: managers, rateLimit: EXPORT_RATE }, schema: { tags: ['services'], summary: '导出本空间的服务订单（Excel）', params: SpaceParams } },
    async (req, reply) => sendGenerated(reply, XLSX, await exportSpaceOrders(db, actorOf(req), auditContext(req), req.params.spaceId)),
  );
};
