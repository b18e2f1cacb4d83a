import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, fieldError } from '../../shared/errors.ts';
import { actorOf, auditContext } from '../../shared/http/context.ts';
import { EXPORT_RATE, XLSX, sendGenerated } from '../../shared/http/download.ts';
import { OpenDataFormat, sendOpenData } from '../../shared/http/open-data.ts';
import { acceptMultipart } from '../../shared/http/multipart.ts';
import { PageQuery, pageOf } from '../../shared/http/pagination.ts';
import { publicRoute, signedIn } from '../../shared/http/policy.ts';
import { revisionInput } from '../../shared/http/revision.ts';
import { sortQuery } from '../../shared/http/sorting.ts';
import { bi } from '../../shared/i18n-errors.ts';
import { APPLICATION_STATUSES } from '../workflow/index.ts';
import { SUPPORT_CATEGORIES } from '../policies/index.ts';
import { importSupports, importTemplate } from './excel.ts';
import { can } from './policy.ts';
import { SUPPORT_SORTS } from './repository.ts';
import { BENEFICIARY_ROLES, PAYMENT_STATES, SUPPORT_STATUSES } from './schema.ts';
import * as service from './service.ts';
import { beijingDay } from '../../shared/beijing-time.ts';

const day = (zh: string) =>
  z.iso.date(bi(`${zh}应为 YYYY-MM-DD`, 'must be a date YYYY-MM-DD')).refine((v) => v >= '1949-10-01' && v <= '2100-12-31', bi(`${zh}超出范围`, 'out of range'));
const text = (zh: string, min: number, max: number) =>
  z
    .string(bi(`请填写${zh}`, 'required'))
    .trim()
    .min(min, bi(`请填写${zh}${min > 1 ? `（至少 ${min} 个字）` : ''}`, `enter it${min > 1 ? ` (at least ${min} characters)` : ''}`))
    .max(max, bi(`${zh}不超过 ${max} 字`, `at most ${max} characters`));
const twoDecimals = (v: number) => Math.round(v * 100) === v * 100;
const nos = (zh: string) =>
  z
    .array(z.string(bi(`${zh}应为文字`, 'text')).trim().max(64, bi(`${zh}每个不超过 64 个字符`, 'at most 64 characters each')), bi(`${zh}应为列表`, 'a list'))
    .max(200, bi(`${zh}不超过 200 个`, 'at most 200'))
    .optional()
    .describe('Normalised on save: trimmed, blanks dropped, upper case, each once.');
const uuid = (zh: string) => z.uuid(bi(zh, 'must be an id (UUID)'));

const SupportBody = z.strictObject({
  policyId: uuid('应为政策文件编号'),
  supportItemId: uuid('应为政策扶持事项编号'),
  category: z.enum(SUPPORT_CATEGORIES, bi('扶持类别无效', 'not a support category')),
  beneficiaryUscc: z.string(bi('请填写统一社会信用代码', 'required')).trim().min(1, bi('请填写统一社会信用代码', 'required')).max(30, bi('统一社会信用代码为 18 位', '18 characters')).describe('统一社会信用代码 (GB 32100, check character verified).'),
  beneficiaryName: text('受扶持单位名称', 2, 200),
  beneficiaryRole: z.enum(BENEFICIARY_ROLES, bi('身份应为运营主体、建设（依托）主体或在孵企业', 'operator, host or incubatee')),
  spaceId: uuid('应为众创空间编号'),
  projectTitle: text('项目名称', 2, 300),
  projectCode: z.string(bi('项目编号应为文字', 'text')).trim().max(100, bi('项目编号不超过 100 字', 'at most 100 characters')).nullable().optional(),
  periodFrom: day('扶持期间开始日期'),
  periodTo: day('扶持期间结束日期'),
  invoiceNos: nos('发票号'),
  contractNos: nos('合同号'),
  areaM2: z.number(bi('面积应为数字（m²）', 'a number (m²)')).positive(bi('面积应大于 0', 'positive')).max(10_000_000, bi('面积过大', 'too large')).refine(twoDecimals, bi('面积至多两位小数', 'at most two decimals')).nullable().optional(),
  months: z.number(bi('月数应为整数', 'an integer')).int(bi('月数应为整数', 'an integer')).min(1, bi('月数至少为 1', 'at least 1')).max(600, bi('月数过大', 'too large')).nullable().optional(),
  amountYuan: z.number(bi('金额应为数字（元）', 'a number (yuan)')).positive(bi('金额应大于 0', 'must be more than 0')).max(1e11, bi('金额过大', 'too large')).refine(twoDecimals, bi('金额至多两位小数（分）', 'at most two decimals')),
  grantedOn: day('授予日期'),
  paymentState: z.enum(PAYMENT_STATES, bi('支付状态无效', 'not a payment state')).optional(),
});

const Ref = z.object({ id: z.uuid(), name: z.string() });
const Summary = z.object({
  id: z.uuid(),
  status: z.enum(SUPPORT_STATUSES),
  category: z.enum(SUPPORT_CATEGORIES),
  grantor: Ref,
  policy: z.object({ id: z.uuid(), title: z.string(), docNo: z.string().nullable() }).nullable(),
  supportItem: z.object({ id: z.uuid(), title: z.string() }).nullable(),
  beneficiary: z.object({ uscc: z.string(), name: z.string(), role: z.enum(BENEFICIARY_ROLES), orgId: z.uuid().nullable() }),
  space: z.object({ id: z.uuid(), name: z.string(), regionCode: z.string(), regionName: z.string() }),
  projectTitle: z.string(),
  projectCode: z.string().nullable(),
  periodFrom: z.string(),
  periodTo: z.string(),
  amountYuan: z.number().describe('元'),
  grantedOn: z.string(),
  paymentState: z.enum(PAYMENT_STATES),
  publishedAt: z.date().nullable(),
  importBatchId: z.uuid().nullable(),
  revision: z.number().int(),
});
const Detail = Summary.extend({
  invoiceNos: z.array(z.string()),
  contractNos: z.array(z.string()),
  areaM2: z.number().nullable(),
  months: z.number().int().nullable(),
  submission: z.object({ id: z.uuid(), status: z.enum(APPLICATION_STATUSES), stageKey: z.string().nullable() }).nullable().describe('The disclosure submission (kind support) once proposed.'),
  createdAt: z.date(),
  updatedAt: z.date(),
  abilities: z.object({ edit: z.boolean(), propose: z.boolean(), withdraw: z.boolean(), payment: z.boolean() }),
});

const PublicItem = z.object({
  id: z.uuid(),
  category: z.enum(SUPPORT_CATEGORIES),
  grantorName: z.string(),
  policy: z.object({ id: z.uuid(), title: z.string(), docNo: z.string().nullable() }).nullable(),
  supportItemTitle: z.string().nullable(),
  beneficiary: z.object({ name: z.string(), uscc: z.string().nullable(), role: z.enum(BENEFICIARY_ROLES) }).describe('An organisation’s name and USCC; a 个体工商户 (registered under a person’s name) shows neither.'),
  space: z.object({ id: z.uuid(), name: z.string() }),
  regionName: z.string(),
  projectTitle: z.string(),
  projectCode: z.string().nullable(),
  periodFrom: z.string(),
  periodTo: z.string(),
  amountYuan: z.number(),
  grantedOn: z.string(),
  publishedAt: z.date(),
});

const year = z.coerce.number(bi('年份无效', 'not a year')).int(bi('年份无效', 'not a year')).min(1949, bi('年份无效', 'not a year')).max(2100, bi('年份无效', 'not a year')).optional().describe('The year granted.');
const region = z.string().regex(/^\d{6}$/, bi('地区应为 6 位行政区划代码', 'region must be a 6-digit division code')).optional().describe('Spaces in this region or below it.');
const PublicFilters = {
  region,
  category: z.enum(SUPPORT_CATEGORIES, bi('扶持类别无效', 'not a support category')).optional(),
  year,
  spaceId: uuid('应为众创空间编号').optional(),
  grantorOrgId: uuid('应为授予部门编号').optional(),
  ...sortQuery(SUPPORT_SORTS, 'newest granted first'),
};
const Filters = {
  ...PublicFilters,
  status: z.enum(SUPPORT_STATUSES, bi('状态应为 draft、on_notice、published、blocked 或 withdrawn', 'not a support status')).optional(),
  uscc: z
    .string()
    .trim()
    .transform((v) => v.toUpperCase())
    .pipe(z.string().regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/, bi('统一社会信用代码应为 18 位', 'a USCC has 18 characters')))
    .optional(),
};
const Id = z.strictObject({ id: uuid('应为扶持记录编号') });

/** The largest import workbook read. */
const IMPORT_MAX_BYTES = 5 * 1024 * 1024;

export const supportRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;
  const form = await acceptMultipart(app, { files: 1, fields: 2, fieldBytes: 256 }, IMPORT_MAX_BYTES);
  const readers = signedIn('support.list', (a) => can(a, 'support.list'));
  const recorders = signedIn('support.record', (a) => can(a, 'support.record'));
  const proposers = signedIn('support.propose', (a) => can(a, 'support.propose'));
  const published = publicRoute('published supports are public (004 §四.十四 扶持情况要上网公示)');

  app.get(
    '/supports',
    {
      config: { policy: readers },
      schema: { tags: ['supports'], summary: '扶持登记：本部门授予的扶持及（主管部门）辖区内空间获得的扶持', querystring: PageQuery.extend(Filters).strict(), response: { 200: pageOf(Summary) } },
    },
    async (req) => service.listSupports(db, actorOf(req), req.query),
  );

  app.post(
    '/supports',
    { config: { policy: recorders }, schema: { tags: ['supports'], summary: '登记一条扶持（草稿）', body: SupportBody, response: { 201: Detail } } },
    async (req, reply) => reply.status(201).send(await service.recordSupport(db, actorOf(req), auditContext(req), req.body)),
  );

  app.get(
    '/supports/import-template',
    { config: { policy: recorders, rateLimit: EXPORT_RATE }, schema: { tags: ['supports'], summary: '下载扶持记录导入模板（Excel：表头、示例行、本部门可用的政策扶持事项）' } },
    async (req, reply) => sendGenerated(reply, XLSX, await importTemplate(db, actorOf(req))),
  );

  app.post(
    '/supports/import',
    {
      config: { policy: recorders },
      schema: {
        tags: ['supports'],
        summary: '从 Excel 导入扶持记录（multipart，字段 file；按统一社会信用代码；任一单元格有误则全部不保存）',
        consumes: ['multipart/form-data'],
        response: { 201: z.object({ batchId: z.uuid(), created: z.number().int(), ids: z.array(z.uuid()) }) },
      },
    },
    async (req, reply) => {
      if (!req.isMultipart()) throw new AppError('BAD_REQUEST', { zh: '请以 multipart/form-data 上传文件', en: 'Upload the file as multipart/form-data' });
      try {
        const part = await form.firstFile(req);
        if (!part || part.name !== 'file') {
          part?.stream.resume();
          throw fieldError('body.file', '请选择要导入的 Excel 文件（字段 file）', 'attach the workbook in the field named "file"');
        }
        const chunks: Buffer[] = [];
        let size = 0;
        for await (const chunk of part.stream) {
          size += (chunk as Buffer).length;
          if (size > IMPORT_MAX_BYTES) throw new AppError('FILE_TOO_LARGE', { zh: `导入文件不超过 ${IMPORT_MAX_BYTES / 1024 / 1024} MB`, en: `at most ${IMPORT_MAX_BYTES / 1024 / 1024} MB` });
          chunks.push(chunk as Buffer);
        }
        return reply.status(201).send(await importSupports(db, actorOf(req), auditContext(req), Buffer.concat(chunks)));
      } catch (err) {
        if (!req.raw.complete) reply.header('connection', 'close');
        throw err;
      }
    },
  );

  app.post(
    '/supports/propose',
    {
      config: { policy: proposers },
      schema: {
        tags: ['supports'],
        summary: '提交扶持公示：本部门的草稿各进入一个公示流程（核对 → 公示 → 审定）',
        body: z.strictObject({ ids: z.array(uuid('应为扶持记录编号'), bi('应为扶持记录编号列表', 'a list of ids')).min(1, bi('请选择要公示的扶持记录', 'choose at least one')).max(100, bi('一次至多 100 条', 'at most 100 at once')) }),
        response: { 200: z.object({ items: z.array(Detail) }) },
      },
    },
    async (req) => service.proposeSupports(db, actorOf(req), auditContext(req), req.body),
  );

  app.get(
    '/supports/submissions/:id',
    { config: { policy: readers }, schema: { tags: ['supports'], summary: '公示流程中的扶持记录（按流程编号）', params: z.strictObject({ id: uuid('应为流程编号') }), response: { 200: Detail } } },
    async (req) => service.supportOfSubmission(db, actorOf(req), req.params.id),
  );

  app.get('/supports/:id', { config: { policy: readers }, schema: { tags: ['supports'], summary: '扶持记录详情', params: Id, response: { 200: Detail } } }, async (req) =>
    service.getSupport(db, actorOf(req), req.params.id),
  );

  app.patch(
    '/supports/:id',
    {
      config: { policy: recorders },
      schema: { tags: ['supports'], summary: '修改扶持草稿（整条替换，按版本号）', params: Id, body: SupportBody.extend({ revision: revisionInput() }), response: { 200: Detail } },
    },
    async (req) => service.updateSupport(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.post(
    '/supports/:id/withdraw',
    {
      config: { policy: proposers },
      schema: { tags: ['supports'], summary: '撤回尚未公开的扶持记录（说明理由）', params: Id, body: z.strictObject({ reason: text('撤回理由', 2, 500) }), response: { 200: Detail } },
    },
    async (req) => service.withdrawSupport(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.patch(
    '/supports/:id/payment',
    {
      config: { policy: recorders },
      schema: {
        tags: ['supports'],
        summary: '变更已公开扶持的支付状态（公开后唯一可改的事项）',
        params: Id,
        body: z.strictObject({ paymentState: z.enum(PAYMENT_STATES, bi('支付状态无效', 'not a payment state')), note: z.string().trim().max(500, bi('说明不超过 500 字', 'at most 500 characters')).nullable().optional() }),
        response: { 200: Detail },
      },
    },
    async (req) => service.setPaymentState(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.get(
    '/portal/supports',
    {
      config: { policy: published },
      schema: { tags: ['portal'], summary: '扶持公开（已公开的扶持记录，按地区、类别、年份、空间、授予部门筛选）', querystring: PageQuery.extend(PublicFilters).strict(), response: { 200: pageOf(PublicItem) } },
    },
    async (req) => service.publicSupports(db, req.query),
  );

  app.get(
    '/portal/supports/export',
    {
      config: { policy: published, rateLimit: EXPORT_RATE },
      schema: { tags: ['portal'], summary: `导出已公开的扶持记录（CSV 或 JSON，至多 ${service.EXPORT_MAX} 条）`, querystring: z.strictObject({ ...PublicFilters, ...OpenDataFormat }) },
    },
    async (req, reply) => {
      const { format, ...filter } = req.query;
      const items = await service.publicSupportsExport(db, filter);
      return sendOpenData(reply, { name: 'supports', day: beijingDay(), format, items, csv: service.publicSupportsCsv });
    },
  );
};
