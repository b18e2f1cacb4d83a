import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AUTHORITY_LEVELS } from '../../shared/domain.ts';
import { actorOf, auditContext } from '../../shared/http/context.ts';
import { beijingDay } from '../../shared/beijing-time.ts';
import { EXPORT_RATE, sendDownload } from '../../shared/http/download.ts';
import { OpenDataFormat, sendOpenData } from '../../shared/http/open-data.ts';
import { PageQuery, pageOf } from '../../shared/http/pagination.ts';
import { publicRoute, signedIn } from '../../shared/http/policy.ts';
import { revisionInput } from '../../shared/http/revision.ts';
import { sortQuery } from '../../shared/http/sorting.ts';
import { bi } from '../../shared/i18n-errors.ts';
import { can } from './policy.ts';
import { POLICY_SORTS } from './repository.ts';
import { POLICY_KINDS, POLICY_STATUSES, POLICY_TARGETS, POLICY_THEMES, POLICY_VALIDITIES, SUBSCRIPTION_CHANNELS, SUPPORT_CATEGORIES } from './schema.ts';
import * as service from './service.ts';

const day = (zh: string) =>
  z.iso.date(bi(`${zh}应为 YYYY-MM-DD`, 'must be a date YYYY-MM-DD')).refine((v) => v >= '1949-10-01' && v <= '2100-12-31', bi(`${zh}超出范围`, 'out of range'));
const text = (zh: string, min: number, max: number) =>
  z
    .string(bi(`请填写${zh}`, 'required'))
    .trim()
    .min(min, bi(`请填写${zh}${min > 1 ? `（至少 ${min} 个字）` : ''}`, `enter it${min > 1 ? ` (at least ${min} characters)` : ''}`))
    .max(max, bi(`${zh}不超过 ${max} 字`, `at most ${max} characters`));
const optionalText = (zh: string, max: number) => z.string(bi(`${zh}应为文字`, 'text')).trim().max(max, bi(`${zh}不超过 ${max} 字`, `at most ${max} characters`)).nullable().optional();
const regionCode = z.string(bi('地区应为 6 位行政区划代码', 'a 6-digit division code')).regex(/^\d{6}$/, bi('地区应为 6 位行政区划代码', 'region must be a 6-digit division code'));
const themes = z.array(z.enum(POLICY_THEMES, bi('主题分类无效', 'not a theme')), bi('主题分类应为列表', 'a list')).max(9, bi('主题分类不超过 9 个', 'at most 9'));

const SupportItem = z.strictObject({
  category: z.enum(SUPPORT_CATEGORIES, bi('扶持类别无效', 'not a support category')),
  title: text('扶持事项', 2, 200),
  capWan: z.number(bi('上限应为数字（万元）', 'a number (10k yuan)')).min(0, bi('上限不能为负', 'not negative')).max(1_000_000, bi('上限过大', 'too large')).nullable().optional(),
  period: optionalText('期限', 100),
  clause: optionalText('条款', 200),
});

const PolicyBody = z.strictObject({
  kind: z.enum(POLICY_KINDS, bi('类型应为政策文件或政策解读', 'kind is policy or interpretation')),
  interpretsId: z.uuid(bi('应为所解读政策的编号', 'must be a policy id')).nullable().optional(),
  title: text('标题', 4, 300),
  indexNo: optionalText('索引号', 100),
  themes,
  issuer: text('发文机关', 2, 200),
  writtenOn: day('成文日期').nullable().optional(),
  docNo: optionalText('发文字号', 100),
  issuedOn: day('发布日期').nullable().optional(),
  keywords: z.array(text('主题词', 1, 30), bi('主题词应为列表', 'a list')).max(20, bi('主题词不超过 20 个', 'at most 20')),
  validFrom: day('施行日期').nullable().optional(),
  regionCode: regionCode.optional(),
  targets: z.array(z.enum(POLICY_TARGETS, bi('适用对象无效', 'not a target')), bi('适用对象应为列表', 'a list')).max(10, bi('适用对象不超过 10 个', 'at most 10')),
  body: text('正文', 1, 200_000),
  attachmentFileIds: z.array(z.uuid(bi('应为附件编号', 'must be a file id'))).max(20, bi('附件不超过 20 个', 'at most 20 files')),
  supportItems: z.array(SupportItem).max(50, bi('扶持事项不超过 50 项', 'at most 50 items')),
  replaces: z
    .strictObject({
      policyId: z.uuid(bi('应为被修订或废止政策的编号', 'must be a policy id')),
      as: z.enum(['revised', 'repealed'], bi('应为修订或废止', 'revised or repealed')),
    })
    .nullable()
    .optional(),
});

const Ref = z.object({ id: z.uuid(), title: z.string(), docNo: z.string().nullable(), validity: z.enum(POLICY_VALIDITIES) });
const Summary = z.object({
  id: z.uuid(),
  kind: z.enum(POLICY_KINDS),
  title: z.string(),
  themes: z.array(z.enum(POLICY_THEMES)),
  issuer: z.string().describe('发文机关'),
  docNo: z.string().nullable().describe('发文字号'),
  writtenOn: z.string().nullable().describe('成文日期'),
  issuedOn: z.string().nullable().describe('发布日期'),
  validity: z.enum(POLICY_VALIDITIES),
  level: z.enum(AUTHORITY_LEVELS),
  regionCode: z.string(),
  regionName: z.string(),
  authorityName: z.string(),
  status: z.enum(POLICY_STATUSES),
  publishedAt: z.date().nullable(),
});
const Detail = Summary.extend({
  indexNo: z.string().nullable(),
  keywords: z.array(z.string()),
  targets: z.array(z.enum(POLICY_TARGETS)),
  body: z.string().describe('Sanitised HTML (paragraphs, emphasis, lists, headings, tables).'),
  validFrom: z.string().nullable(),
  validUntil: z.string().nullable(),
  interprets: Ref.nullable(),
  replacedBy: Ref.nullable(),
  replaces: Ref.partial().extend({ as: z.enum(['revised', 'repealed']).nullable() }).nullable(),
  interpretations: z.array(z.object({ id: z.uuid(), title: z.string(), issuedOn: z.string().nullable() })),
  supportItems: z.array(z.object({ id: z.uuid(), category: z.enum(SUPPORT_CATEGORIES), title: z.string(), capWan: z.number().nullable(), period: z.string().nullable(), clause: z.string().nullable() })),
  attachments: z.array(z.object({ id: z.uuid(), name: z.string(), kind: z.string(), sizeBytes: z.number().int() })),
  revision: z.number().int(),
  canEdit: z.boolean(),
  canChangeValidity: z.boolean(),
});

const Filters = {
  q: z.string().trim().min(1, bi('关键词不能为空', 'empty')).max(100, bi('关键词不超过 100 字', 'at most 100 characters')).optional().describe('Substring of title, 发文字号, 发文机关, 主题词 or body.'),
  kind: z.enum(POLICY_KINDS, bi('类型应为政策文件或政策解读', 'policy or interpretation')).optional(),
  level: z.enum(AUTHORITY_LEVELS, bi('层级应为 national、province、city 或 county', 'not a level')).optional(),
  region: regionCode.optional().describe('Policies of this region and below it.'),
  theme: z.enum(POLICY_THEMES, bi('主题分类无效', 'not a theme')).optional(),
  validity: z.enum(POLICY_VALIDITIES, bi('时效应为 effective、expired、repealed 或 revised', 'not a validity')).optional(),
  year: z.coerce.number(bi('年份无效', 'not a year')).int(bi('年份无效', 'not a year')).min(1949, bi('年份无效', 'not a year')).max(2100, bi('年份无效', 'not a year')).optional(),
  ...sortQuery(POLICY_SORTS, 'the most relevant first when searching, then the newest'),
};

const Id = z.strictObject({ id: z.uuid(bi('应为政策文件编号', 'must be a policy id')) });

export const policyRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.ctx;
  const managers = signedIn('policy.manage', (a) => can(a, 'policy.manage'));
  const editors = signedIn('policy.edit', (a) => can(a, 'policy.edit'));
  const subscribers = signedIn('policy.subscribe', (a) => can(a, 'policy.subscribe'));

  app.get(
    '/public/policies',
    {
      config: { policy: publicRoute('the policy library is public (004 §四.十四 统一的政策信息发布平台)') },
      schema: { tags: ['policies'], summary: '政策文件库（公开：检索、筛选）', querystring: PageQuery.extend(Filters).strict(), response: { 200: pageOf(Summary) } },
    },
    async (req) => service.searchPublished(db, req.query),
  );

  app.get(
    '/public/policies/export',
    {
      config: { policy: publicRoute('published policies are open data (004 §四.十四 统一的政策信息发布平台)'), rateLimit: EXPORT_RATE },
      schema: { tags: ['policies'], summary: `导出政策文件库（CSV 或 JSON，按检索条件，至多 ${service.EXPORT_MAX} 件）`, querystring: z.strictObject({ ...Filters, ...OpenDataFormat }) },
    },
    async (req, reply) => {
      const { format, ...filter } = req.query;
      const items = await service.publishedExport(db, filter);
      const baseUrl = config.publicUrl.replace(/\/$/, '');
      return sendOpenData(reply, { name: 'policies', day: beijingDay(), format, items, csv: (rows) => service.policiesCsv(rows, baseUrl) });
    },
  );

  app.get(
    '/public/policies/:id',
    {
      config: { policy: publicRoute('a published policy is public') },
      schema: { tags: ['policies'], summary: '政策文件（公开）', params: Id, response: { 200: Detail } },
    },
    async (req) => service.publishedPolicy(db, req.params.id),
  );

  app.get(
    '/public/policies/:id/attachments/:fileId',
    {
      config: { policy: publicRoute('attachments of a published policy are public'), rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: { tags: ['policies'], summary: '下载政策附件（公开）', params: z.strictObject({ id: Id.shape.id, fileId: z.uuid(bi('应为文件编号', 'must be a file id')) }) },
    },
    async (req, reply) => {
      const { meta, stream } = await service.openPublicAttachment(db, config, auditContext(req), req.params.id, req.params.fileId);
      return sendDownload(reply, { contentType: meta.mimeType, fileName: meta.originalName, body: stream, sizeBytes: meta.sizeBytes });
    },
  );

  app.get(
    '/policies',
    {
      config: { policy: managers },
      schema: {
        tags: ['policies'],
        summary: '本辖区政策文件（含草稿）',
        querystring: PageQuery.extend({ ...Filters, status: z.enum(POLICY_STATUSES, bi('状态应为 draft 或 published', 'draft or published')).optional() }).strict(),
        response: { 200: pageOf(Summary.extend({ canEdit: z.boolean() })) },
      },
    },
    async (req) => service.listManaged(db, actorOf(req), req.query),
  );

  app.post(
    '/policies',
    { config: { policy: editors }, schema: { tags: ['policies'], summary: '新建政策文件草稿', body: PolicyBody, response: { 201: Detail } } },
    async (req, reply) => reply.status(201).send(await service.createPolicy(db, actorOf(req), auditContext(req), req.body)),
  );

  app.get(
    '/policies/:id',
    { config: { policy: managers }, schema: { tags: ['policies'], summary: '政策文件（含草稿）', params: Id, response: { 200: Detail } } },
    async (req) => service.getPolicy(db, actorOf(req), req.params.id),
  );

  app.put(
    '/policies/:id',
    {
      config: { policy: editors },
      schema: { tags: ['policies'], summary: '修改政策文件草稿（revision 过期时 409）', params: Id, body: PolicyBody.extend({ revision: revisionInput() }), response: { 200: Detail } },
    },
    async (req) => service.editPolicy(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.post(
    '/policies/:id/publish',
    {
      config: { policy: editors },
      schema: { tags: ['policies'], summary: '发布政策文件（修订/废止所替代的政策，通知订阅者）', params: Id, body: z.strictObject({ revision: revisionInput() }), response: { 200: Detail } },
    },
    async (req) => service.publishPolicy(db, config, actorOf(req), auditContext(req), req.params.id, req.body.revision),
  );

  app.post(
    '/policies/:id/validity',
    {
      config: { policy: editors },
      schema: {
        tags: ['policies'],
        summary: '宣布政策失效或废止',
        params: Id,
        body: z.strictObject({
          validity: z.enum(['expired', 'repealed'], bi('时效应为失效或废止', 'expired or repealed')),
          on: day('日期'),
          revision: revisionInput(),
        }),
        response: { 200: Detail },
      },
    },
    async (req) => service.changeValidity(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  const Subscription = z.object({
    id: z.uuid(),
    keywords: z.array(z.string()),
    themes: z.array(z.enum(POLICY_THEMES)),
    regionCode: z.string().nullable(),
    regionName: z.string().nullable(),
    channel: z.enum(SUBSCRIPTION_CHANNELS).describe('in_app: 站内消息; in_app_mail: 站内消息和邮件 (to the account\'s own address)'),
    createdAt: z.date(),
  });

  app.get(
    '/policy-subscriptions',
    { config: { policy: subscribers }, schema: { tags: ['policies'], summary: '我的政策订阅', response: { 200: z.object({ items: z.array(Subscription) }) } } },
    async (req) => service.mySubscriptions(db, actorOf(req)),
  );

  app.post(
    '/policy-subscriptions',
    {
      config: { policy: subscribers },
      schema: {
        tags: ['policies'],
        summary: '订阅新政策（关键词、主题、地区；站内消息或站内消息和邮件）',
        body: z.strictObject({
          keywords: z.array(text('关键词', 1, 30), bi('关键词应为列表', 'a list')).max(10, bi('关键词不超过 10 个', 'at most 10')),
          themes,
          regionCode: regionCode.nullable().optional(),
          channel: z.enum(SUBSCRIPTION_CHANNELS, bi('通知方式应为站内消息或站内消息和邮件', 'in_app or in_app_mail')).optional().describe('Defaults to in_app; in_app_mail needs an e-mail address on the account'),
        }),
        response: { 201: Subscription },
      },
    },
    async (req, reply) => reply.status(201).send(await service.subscribe(db, actorOf(req), auditContext(req), req.body)),
  );

  app.delete(
    '/policy-subscriptions/:id',
    {
      config: { policy: subscribers },
      schema: { tags: ['policies'], summary: '取消订阅', params: z.strictObject({ id: z.uuid(bi('应为订阅编号', 'must be a subscription id')) }), response: { 200: z.object({ id: z.uuid() }) } },
    },
    async (req) => {
      await service.unsubscribe(db, actorOf(req), auditContext(req), req.params.id);
      return { id: req.params.id };
    },
  );
};
