import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, fieldError } from '../../shared/errors.ts';
import { KEY_INDUSTRIES } from '../../shared/domain.ts';
import { actorOf, auditContext } from '../../shared/http/context.ts';
import { EXPORT_RATE, XLSX, sendGenerated } from '../../shared/http/download.ts';
import { acceptMultipart } from '../../shared/http/multipart.ts';
import { cappedPageOf, PageQuery } from '../../shared/http/pagination.ts';
import { signedIn } from '../../shared/http/policy.ts';
import { RevealBody, RevealResponse } from '../../shared/http/reveal.ts';
import { revisionInput } from '../../shared/http/revision.ts';
import { bi } from '../../shared/i18n-errors.ts';
import { exportRoster, importRoster } from './excel.ts';
import { can } from './policy.ts';
import { SORTS } from './repository.ts';
import { CHAIN_PLACES, FINANCING_KINDS, FOUNDER_TYPES, INCUBATEE_KINDS, INCUBATEE_STATUSES } from './schema.ts';
import * as service from './service.ts';

const uuid = (zh: string, en: string) => z.uuid(bi(zh, en));
// Years before 1900 are typing slips (and year 0 does not exist in PostgreSQL's calendar).
const day = (zh: string) =>
  z.iso.date(bi(`${zh}应为 YYYY-MM-DD`, 'must be a date YYYY-MM-DD')).refine((v) => v >= '1900-01-01', bi(`${zh}不能早于 1900 年`, 'cannot be before 1900'));
const count = (zh: string) =>
  z
    .number(bi(`${zh}应为整数`, 'must be an integer'))
    .int(bi(`${zh}应为整数`, 'must be an integer'))
    .min(0, bi(`${zh}不能为负数`, 'cannot be negative'))
    .max(1_000_000, bi(`${zh}过大`, 'too large'));
const optionalText = (max: number) => z.string().trim().max(max, bi(`不超过 ${max} 个字`, `at most ${max} characters`)).nullable().optional();

const IncubateeBody = z.strictObject({
  kind: z.enum(INCUBATEE_KINDS, bi('类型应为团队或企业', 'kind must be team or enterprise')),
  name: z.string().trim().min(2, bi('请填写名称（至少 2 个字）', 'enter the name (at least 2 characters)')).max(200, bi('名称不超过 200 字', 'at most 200 characters')),
  uscc: z.string().trim().max(30).nullable().optional().describe('统一社会信用代码, checked with its check character; required for an enterprise.'),
  entryDate: day('入驻日期'),
  agreementFileId: uuid('应为入驻协议文件编号', 'must be a file id').nullable().optional().describe('入驻协议 uploaded first through POST /api/files by the operator.'),
  industry: z.enum(KEY_INDUSTRIES, bi('领域不在重点产业目录中', 'not a key industry')).nullable().optional(),
  subField: optionalText(100),
  founderTypes: z.array(z.enum(FOUNDER_TYPES, bi('不是创业者类型', 'not a founder type'))).max(FOUNDER_TYPES.length).describe('创业者类型; they overlap.'),
  jobs: count('吸纳就业人数'),
  graduatesHired: count('应届毕业生人数').describe('其中应届大学毕业生, at most jobs.'),
  validIp: count('有效知识产权数'),
  inventionPatents: count('发明专利数').describe('其中发明专利, at most validIp.'),
  newlyRegistered: z.boolean(bi('应为是或否', 'must be true or false')),
  registeredOn: day('注册日期').nullable().optional(),
  contactName: optionalText(50).describe('Founder contact, personal data: masked for everyone but the operator.'),
  contactMobile: optionalText(30),
  hostIncubatee: z
    .boolean(bi('应为是或否', 'must be true or false'))
    .optional()
    .describe('依托孵化器建设的空间：该团队/企业属于孵化器本身的在孵企业，年度评价范围不计入（003 第十条）; kept as it is when omitted.'),
});

const Financing = z.object({ id: z.uuid(), receivedOn: z.string(), amountYuan: z.number().int().describe('元'), investor: z.string(), kind: z.enum(FINANCING_KINDS) });

const Incubatee = z.object({
  id: z.uuid(),
  spaceId: z.uuid(),
  spaceName: z.string(),
  kind: z.enum(INCUBATEE_KINDS),
  name: z.string(),
  uscc: z.string().nullable(),
  entryDate: z.string(),
  agreementFileId: z.uuid().nullable(),
  industry: z.enum(KEY_INDUSTRIES).nullable(),
  industryName: z.string().nullable(),
  subField: z.string().nullable(),
  founderTypes: z.array(z.enum(FOUNDER_TYPES)),
  jobs: z.number().int(),
  graduatesHired: z.number().int(),
  validIp: z.number().int(),
  inventionPatents: z.number().int(),
  newlyRegistered: z.boolean(),
  registeredOn: z.string().nullable(),
  hostIncubatee: z.boolean().describe('The host incubator’s own incubatee: outside the evaluation’s scope of a space built on an incubator.'),
  contactName: z.string().nullable(),
  contactMobile: z.string().nullable(),
  personalDataMasked: z.boolean(),
  status: z.enum(INCUBATEE_STATUSES),
  statusDate: z.string(),
  leftOn: z.string().nullable(),
  movedTo: z.string().nullable(),
  investmentYuan: z.number().int().describe('Sum of all financing rounds, 元.'),
  financings: z.array(Financing),
  revision: z.number().int(),
  canEdit: z.boolean(),
});

const IncubateeDetail = Incubatee.extend({
  history: z.array(z.object({ fromStatus: z.enum(INCUBATEE_STATUSES).nullable(), toStatus: z.enum(INCUBATEE_STATUSES), effectiveOn: z.string(), note: z.string().nullable(), at: z.date() })),
});

const Filters = z.object({
  spaceId: uuid('应为众创空间编号', 'must be a space id').optional(),
  status: z.enum(INCUBATEE_STATUSES, bi('状态无效', 'not a status')).optional(),
  entryYear: z.coerce.number().int().min(1990, bi('入驻年份无效', 'not a year')).max(2100, bi('入驻年份无效', 'not a year')).optional(),
  industry: z.enum(KEY_INDUSTRIES, bi('领域无效', 'not a key industry')).optional(),
  q: z.string().trim().max(100).optional().describe('Name or USCC contains.'),
  sort: z.enum(SORTS).default('entryDate'),
  order: z.enum(['asc', 'desc']).default('desc'),
});

const Rate = z.object({ measurable: z.boolean(), survivors: z.number().int().nullable(), rate: z.number().nullable().describe('0..1, three decimals; null when not measurable yet') });
/** An entry-year cohort's S(1) and S(3) (`cohortSurvival`), as the roster and the dashboards answer it. */
export const Cohort = z.object({ year: z.number().int(), entrants: z.number().int(), s1: Rate, s3: Rate });
export const SurvivalFormula = z.object({ zh: z.string(), en: z.string() });
const Survival = z.object({
  formula: SurvivalFormula,
  asOf: z.string(),
  overall: z.array(Cohort),
  spaces: z.array(z.object({ spaceId: z.uuid(), spaceName: z.string(), cohorts: z.array(Cohort) })).describe('One page of the spaces, by region then name.'),
  spacesTotal: z.number().int().describe('How many spaces in scope have incubatees.'),
  page: z.number().int(),
  pageSize: z.number().int(),
});

const Partner = z.strictObject({
  name: z.string().trim().min(2, bi('请填写载体名称', 'enter the carrier name')).max(200),
  place: z.enum(CHAIN_PLACES, bi('链条环节无效', 'not a chain place')),
  spaceId: uuid('应为众创空间编号', 'must be a space id').nullable().optional(),
});
const ChainPlace = z.object({ spaceId: z.uuid(), place: z.enum(CHAIN_PLACES).nullable(), partners: z.array(z.object({ name: z.string(), place: z.enum(CHAIN_PLACES), spaceId: z.uuid().nullable().optional() })) });

const IdParams = z.strictObject({ id: uuid('应为在孵团队/企业编号', 'must be an incubatee id') });
const SpaceParams = z.strictObject({ spaceId: uuid('应为众创空间编号', 'must be a space id') });

/** The largest roster workbook the import reads. */
const IMPORT_MAX_BYTES = 5 * 1024 * 1024;

export const rosterRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;
  const form = await acceptMultipart(app, { files: 1, fields: 2, fieldBytes: 256 }, IMPORT_MAX_BYTES);
  const readers = signedIn('roster.read', (a) => can(a, 'roster.read'));
  const editors = signedIn('roster.edit', (a) => can(a, 'roster.edit'));

  app.get(
    '/roster/incubatees',
    {
      config: { policy: readers },
      schema: { tags: ['roster'], summary: '在孵团队/企业名册（运营主体：本单位空间；主管部门：辖区内空间，只读）', querystring: PageQuery.extend(Filters.shape).strict(), response: { 200: cappedPageOf(Incubatee) } },
    },
    async (req) => service.listRoster(db, actorOf(req), req.query),
  );

  app.get(
    '/roster/incubatees.xlsx',
    {
      config: { policy: readers, rateLimit: EXPORT_RATE },
      schema: { tags: ['roster'], summary: '导出在孵企业名册（Excel，与导入同一列布局）', querystring: Filters.strict() },
    },
    async (req, reply) => sendGenerated(reply, XLSX, await exportRoster(db, actorOf(req), auditContext(req), req.query)),
  );

  app.get(
    '/roster/incubatees/:id',
    { config: { policy: readers }, schema: { tags: ['roster'], summary: '在孵团队/企业详情（含融资与状态历史）', params: IdParams, response: { 200: IncubateeDetail } } },
    async (req) => service.readIncubatee(db, actorOf(req), req.params.id),
  );

  app.post(
    '/roster/incubatees/:id/reveal',
    {
      config: { policy: readers },
      schema: {
        tags: ['roster'],
        summary: '查看在孵团队/企业联系人的完整信息（须填写理由，记入审计日志）',
        params: IdParams,
        body: RevealBody(service.PERSONAL_FIELDS),
        response: { 200: RevealResponse },
      },
    },
    async (req) => service.revealPersonal(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.post(
    '/roster/spaces/:spaceId/incubatees',
    { config: { policy: editors }, schema: { tags: ['roster'], summary: '登记在孵团队/企业', params: SpaceParams, body: IncubateeBody, response: { 201: IncubateeDetail } } },
    async (req, reply) => reply.status(201).send(await service.createIncubatee(db, actorOf(req), auditContext(req), req.params.spaceId, req.body)),
  );

  app.put(
    '/roster/incubatees/:id',
    {
      config: { policy: editors },
      schema: { tags: ['roster'], summary: '修改在孵团队/企业', params: IdParams, body: IncubateeBody.extend({ revision: revisionInput() }), response: { 200: IncubateeDetail } },
    },
    async (req) => service.editIncubatee(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.post(
    '/roster/incubatees/:id/status',
    {
      config: { policy: editors },
      schema: {
        tags: ['roster'],
        summary: '变更状态：毕业、退出、迁出、注销/吊销',
        params: IdParams,
        body: z.strictObject({
          status: z.enum(['graduated', 'exited', 'moved', 'deregistered'], bi('状态应为毕业、退出、迁出或注销/吊销', 'must be graduated, exited, moved or deregistered')),
          effectiveOn: day('生效日期'),
          note: z.string().trim().max(500, bi('说明不超过 500 字', 'at most 500 characters')).optional(),
          movedTo: z.string().trim().max(200, bi('载体名称不超过 200 字', 'at most 200 characters')).optional().describe('迁出: the carrier it went to.'),
          revision: revisionInput(),
        }),
        response: { 200: IncubateeDetail },
      },
    },
    async (req) => service.changeStatus(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.post(
    '/roster/incubatees/:id/financings',
    {
      config: { policy: editors },
      schema: {
        tags: ['roster'],
        summary: '登记融资',
        params: IdParams,
        body: z.strictObject({
          receivedOn: day('融资日期'),
          amountYuan: z.number(bi('金额应为整数（元）', 'amount in whole 元')).int(bi('金额应为整数（元）', 'amount in whole 元')).min(1, bi('金额应大于 0', 'must be positive')).max(1e13, bi('金额过大', 'too large')).describe('元'),
          investor: z.string().trim().min(2, bi('请填写投资方', 'enter the investor')).max(200),
          kind: z.enum(FINANCING_KINDS, bi('应为社会投资或空间自身投资', 'must be social or own')),
        }),
        response: { 201: IncubateeDetail },
      },
    },
    async (req, reply) => reply.status(201).send(await service.addFinancing(db, actorOf(req), auditContext(req), req.params.id, req.body)),
  );

  app.delete(
    '/roster/incubatees/:id/financings/:financingId',
    {
      config: { policy: editors },
      schema: {
        tags: ['roster'],
        summary: '删除融资记录',
        params: z.strictObject({ id: uuid('应为在孵团队/企业编号', 'must be an incubatee id'), financingId: uuid('应为融资记录编号', 'must be a financing id') }),
        response: { 200: IncubateeDetail },
      },
    },
    async (req) => service.removeFinancing(db, actorOf(req), auditContext(req), req.params.id, req.params.financingId),
  );

  app.post(
    '/roster/spaces/:spaceId/import',
    {
      config: { policy: editors },
      schema: {
        tags: ['roster'],
        summary: '从 Excel 导入在孵企业（multipart，字段 file；与导出同一列布局；任一单元格有误则全部不保存）',
        consumes: ['multipart/form-data'],
        params: SpaceParams,
        response: { 201: z.object({ created: z.number().int() }) },
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
        return reply.status(201).send(await importRoster(db, actorOf(req), auditContext(req), req.params.spaceId, Buffer.concat(chunks)));
      } catch (err) {
        if (!req.raw.complete) reply.header('connection', 'close');
        throw err;
      }
    },
  );

  app.get(
    '/roster/survival',
    {
      config: { policy: readers },
      schema: { tags: ['roster'], summary: '初创企业存活率：按入驻年份的 S(1)、S(3)，合计及分空间（按地区、名称分页；附计算公式）', querystring: PageQuery.extend({ spaceId: uuid('应为众创空间编号', 'must be a space id').optional() }).strict(), response: { 200: Survival } },
    },
    async (req) => service.survival(db, actorOf(req), req.query),
  );

  app.get(
    '/roster/chain',
    {
      config: { policy: signedIn('roster.chain', (a) => can(a, 'roster.chain')) },
      schema: {
        tags: ['roster'],
        summary: '孵化链条：一个统一社会信用代码在辖区各载体间的路径',
        querystring: z.strictObject({ uscc: z.string().trim().min(18, bi('统一社会信用代码应为 18 位', 'must be 18 characters')).max(20) }),
        response: {
          200: z.object({
            uscc: z.string(),
            steps: z.array(
              z.object({
                incubateeId: z.uuid(),
                name: z.string(),
                spaceId: z.uuid(),
                spaceName: z.string(),
                regionName: z.string(),
                place: z.enum(CHAIN_PLACES).nullable(),
                entryDate: z.string(),
                status: z.enum(INCUBATEE_STATUSES),
                statusDate: z.string(),
                leftOn: z.string().nullable(),
                movedTo: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => service.chainPath(db, actorOf(req), req.query.uscc),
  );

  app.get(
    '/roster/spaces/:spaceId/chain',
    { config: { policy: readers }, schema: { tags: ['roster'], summary: '空间在孵化链条中的位置与合作载体', params: SpaceParams, response: { 200: ChainPlace } } },
    async (req) => service.readChainPlace(db, actorOf(req), req.params.spaceId),
  );

  app.put(
    '/roster/spaces/:spaceId/chain',
    {
      config: { policy: editors },
      schema: {
        tags: ['roster'],
        summary: '设置空间在孵化链条中的位置与合作载体',
        params: SpaceParams,
        body: z.strictObject({ place: z.enum(CHAIN_PLACES, bi('链条环节无效', 'not a chain place')), partners: z.array(Partner).max(50, bi('合作载体不超过 50 个', 'at most 50 partners')) }),
        response: { 200: ChainPlace },
      },
    },
    async (req) => service.setChainPlace(db, actorOf(req), auditContext(req), req.params.spaceId, req.body),
  );
};
