import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, auditContext } from '../../shared/http/context.ts';
import { DOCX, EXPORT_RATE, XLSX, sendDownload, sendGenerated } from '../../shared/http/download.ts';
import { PageQuery, pageOf } from '../../shared/http/pagination.ts';
import { signedIn } from '../../shared/http/policy.ts';
import { revisionInput } from '../../shared/http/revision.ts';
import { bi } from '../../shared/i18n-errors.ts';
import { AppError, fieldError } from '../../shared/errors.ts';
import { acceptMultipart } from '../../shared/http/multipart.ts';
import { INDICATOR_TYPES, INDICATOR_UNITS } from './catalogue-types.ts';
import { attachCoverScan, openCoverScan, returnCover } from './cover.ts';
import { exportReturn, exportRound } from './export.ts';
import { roundFigures } from './figures.ts';
import { importReturn } from './import.ts';
import { can, canCatalogue } from './policy.ts';
import { RoundsAndDiffsFields } from '../workflow/index.ts';
import * as versions from './catalogue-versions.ts';
import { RETURN_CADENCES } from './schema.ts';
import * as service from './service.ts';

const Id = z.strictObject({ id: z.string().uuid(bi('应为统计报表编号（UUID）', 'must be a return id (UUID)')) });
const CallId = z.strictObject({ callId: z.string().uuid(bi('应为填报轮次编号（UUID）', 'must be a round id (UUID)')) });

const Value = z.union([z.number(), z.string(), z.array(z.string()).readonly()]).describe('In the catalogue\'s unit: money in 千元, areas in 平方米, counts as integers; text; a select\'s option; a multi-select\'s options.');
const Severity = z.enum(['error', 'warning', 'info']);
const Finding = z.object({
  key: z.string().describe('The key a confirmation note is given under (`notes[key]`).'),
  rule: z.string().describe('R1–R12'),
  severity: Severity,
  fields: z.array(z.string()),
  message: z.string(),
  messageEn: z.string(),
});
const Indicator = z.object({
  code: z.string(),
  label: z.string(),
  labelEn: z.string(),
  unit: z.enum(INDICATOR_UNITS).nullable(),
  type: z.enum(INDICATOR_TYPES),
  parent: z.string().optional(),
  group: z.string(),
  help: z.string().optional(),
  helpEn: z.string().optional(),
  key: z.boolean().optional(),
  prefill: z.string().optional(),
  optional: z.boolean().optional().describe('May be left blank (no R9 finding when missing).'),
  options: z.array(z.object({ value: z.string(), label: z.string(), labelEn: z.string() })).readonly().optional(),
});
const Catalogue = z.object({
  id: z.string().uuid(),
  year: z.number().int(),
  version: z.number().int(),
  name: z.string(),
  definition: z.object({
    groups: z.array(z.object({ key: z.string(), label: z.string(), labelEn: z.string() })).readonly(),
    indicators: z.array(Indicator).readonly(),
  }),
});
const FigureIndicator = z.object({ code: z.string(), label: z.string(), labelEn: z.string(), unit: z.enum(INDICATOR_UNITS) });
const CatalogueId = z.strictObject({ id: z.string().uuid(bi('应为统计指标目录编号（UUID）', 'must be a catalogue id (UUID)')) });
const CatalogueVersion = z.object({
  id: z.string().uuid(),
  year: z.number().int(),
  version: z.number().int().nullable().describe('Null while a draft.'),
  status: z.enum(['draft', 'published']),
  name: z.string(),
  ownerName: z.string().nullable().describe('The drafting province; null for the shipped catalogues.'),
  basedOnId: z.string().uuid().nullable(),
  revision: z.number().int(),
  updatedAt: z.date(),
  publishedAt: z.date().nullable(),
  abilities: z.object({ edit: z.boolean(), publish: z.boolean(), clone: z.boolean() }),
});
const CatalogueVersionDetail = CatalogueVersion.extend({
  definition: z.object({
    groups: z.array(z.object({ key: z.string(), label: z.string(), labelEn: z.string() })).readonly(),
    indicators: z.array(Indicator).readonly(),
    rules: z.array(z.record(z.string(), z.unknown())).readonly().describe('The checks R1–R12 with their parameters (see catalogue-types.ts).'),
  }),
});
const State = z.enum(service.RETURN_STATES);
const Counts = z.record(State, z.number().int());

const ReturnDetail = z.object({
  id: z.string().uuid(),
  status: z.string(),
  stage: z.object({ key: z.string(), name: z.string(), nameEn: z.string() }).nullable(),
  round: z.number().int(),
  revision: z.number().int(),
  space: z.object({ id: z.string().uuid(), name: z.string(), regionName: z.string() }),
  call: z.object({ id: z.string().uuid(), title: z.string(), dueAt: z.date(), authorityName: z.string() }),
  cadence: z.enum(RETURN_CADENCES),
  period: z.string(),
  catalogue: Catalogue,
  values: z.record(z.string(), Value),
  platform: z.record(z.string(), z.number()).describe('The platform\'s figures of prefilled indicators, in the catalogue\'s units: kept beside any value the filer overrides.'),
  notes: z.record(z.string(), z.string()),
  findings: z.array(Finding),
  missedAt: z.date().nullable(),
  acceptedAt: z.date().nullable(),
  ...RoundsAndDiffsFields,
  coverScan: z.object({ id: z.string().uuid(), name: z.string(), kind: z.string() }).nullable().describe('The signed and stamped cover, uploaded back by the operator.'),
  events: z
    .array(
      z.object({
        at: z.date(),
        action: z.string().describe('The kernel move or the audit action it was recorded under: submit, resubmit, review.pass, review.return, decision.approve, annual_return.reopen, …'),
        fromStatus: z.string().nullable(),
        toStatus: z.string().nullable(),
        note: z.string().nullable().describe('The comment of a return, the reason of a decision or a reopening.'),
        stage: z.object({ key: z.string(), name: z.string(), nameEn: z.string() }).nullable().describe('The stage it happened at.'),
        itemComments: z.array(z.object({ field: z.string(), comment: z.string() })).describe('Per-field comments of a return for revision.'),
        actor: z.object({ name: z.string(), orgName: z.string().nullable() }).nullable().describe('Null for the system.'),
      }),
    )
    .describe('The history: every move with who, when and why, oldest first.'),
  abilities: z.object({ edit: z.boolean(), submit: z.boolean(), resubmit: z.boolean(), reopen: z.boolean() }),
});

const Values = z.record(z.string().max(64), Value.nullable());

export const returnRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.ctx;
  // Registered here so only these routes accept multipart bodies (the import).
  const form = await acceptMultipart(app, { files: 1, fields: 1, fieldBytes: 32 }, config.uploadMaxBytes);
  const staff = signedIn('returns.rounds', (a) => can(a, 'return.read_rounds'));
  const opener = signedIn('returns.open_round', (a) => can(a, 'return.open_round'));
  const operator = signedIn('returns.mine', (a) => can(a, 'return.list_mine'));
  const reader = signedIn('returns.read', (a) => can(a, 'return.read'));
  const surveyAdmin = signedIn('returns.catalogue.manage', (a) => canCatalogue(a, 'return_catalogue.clone'));

  app.get(
    '/returns/catalogues',
    {
      config: { policy: staff },
      schema: { tags: ['returns'], summary: '统计指标目录版本（已发布的全部，以及本辖区的草稿）', response: { 200: z.object({ items: z.array(CatalogueVersion) }) } },
    },
    async (req) => versions.listCatalogueVersions(db, actorOf(req)),
  );

  app.get(
    '/returns/catalogues/:id',
    { config: { policy: staff }, schema: { tags: ['returns'], summary: '统计指标目录版本详情（指标与校验规则）', params: CatalogueId, response: { 200: CatalogueVersionDetail } } },
    async (req) => versions.getCatalogueVersion(db, actorOf(req), req.params.id),
  );

  app.post(
    '/returns/catalogues/:id/clone',
    {
      config: { policy: surveyAdmin },
      schema: {
        tags: ['returns'],
        summary: '复制统计指标目录为本省草稿（可改调查年度）',
        params: CatalogueId,
        body: z.strictObject({
          year: z.number(bi('调查年度应为 2000–2100 的整数', 'the survey year is an integer 2000–2100')).int().min(2000).max(2100).optional(),
          name: z.string().trim().min(1).max(200).optional(),
        }),
        response: { 201: CatalogueVersionDetail },
      },
    },
    async (req, reply) => reply.code(201).send(await versions.cloneCatalogue(db, actorOf(req), auditContext(req), req.params.id, req.body)),
  );

  app.put(
    '/returns/catalogues/:id',
    {
      config: { policy: surveyAdmin },
      schema: {
        tags: ['returns'],
        summary: '修改统计指标目录草稿（指标、单位、其中项、说明、校验规则参数；整体替换）',
        params: CatalogueId,
        body: z.strictObject({
          revision: revisionInput(),
          name: z.string(bi('应为目录名称', 'must be the catalogue name')).trim().min(1, bi('目录名称不能为空', 'the name must not be empty')).max(200),
          definition: z.record(z.string(), z.unknown()).describe('groups, indicators, rules — checked by the service; every bad field named.'),
        }),
        response: { 200: CatalogueVersionDetail },
      },
    },
    async (req) => versions.updateCatalogueDraft(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.post(
    '/returns/catalogues/:id/publish',
    {
      config: { policy: surveyAdmin },
      schema: { tags: ['returns'], summary: '发布统计指标目录草稿为该调查年度的新版本（发布后不可修改）', params: CatalogueId, body: z.strictObject({ revision: revisionInput() }), response: { 200: CatalogueVersionDetail } },
    },
    async (req) => versions.publishCatalogue(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  const Settings = z.object({ monthly: z.boolean().describe('Whether the province\'s authorities may open monthly returns.'), editable: z.boolean() });
  app.get(
    '/returns/settings',
    { config: { policy: staff }, schema: { tags: ['returns'], summary: '本省统计报表的可选周期（是否开通月报）', response: { 200: Settings } } },
    async (req) => service.cadenceSettings(db, actorOf(req)),
  );

  app.put(
    '/returns/settings',
    {
      config: { policy: signedIn('returns.settings', (a) => can(a, 'return.set_cadences')) },
      schema: { tags: ['returns'], summary: '设置本省统计报表的可选周期（省级科技厅管理员）', body: z.strictObject({ monthly: z.boolean(bi('应为是否开通月报（true/false）', 'must be true or false')) }), response: { 200: Settings } },
    },
    async (req) => service.setCadenceSettings(db, actorOf(req), auditContext(req), req.body),
  );

  app.post(
    '/returns/rounds',
    {
      config: { policy: opener },
      schema: {
        tags: ['returns'],
        summary: '开启填报轮次（为辖区内已备案的众创空间生成报表草稿）',
        body: z.strictObject({
          cadence: z.enum(RETURN_CADENCES, bi('报表周期应为年度、季度或月度', 'the cadence is annual, quarterly or monthly')),
          period: z.string().max(8),
          title: z.string().trim().min(1).max(200).optional(),
          dueAt: z.coerce.date(bi('应为截止时间', 'must be a due date')),
          catalogueId: z.string().uuid(bi('应为统计指标目录编号', 'must be a catalogue id')),
          chainId: z.string().uuid(bi('应为审核流程编号', 'must be a chain id')),
        }),
        response: { 201: z.object({ id: z.string().uuid(), title: z.string(), enrolled: z.number().int() }) },
      },
    },
    async (req, reply) => reply.code(201).send(await service.openRound(db, actorOf(req), auditContext(req), req.body)),
  );

  app.get(
    '/returns/rounds',
    {
      config: { policy: staff },
      schema: {
        tags: ['returns'],
        summary: '本辖区相关的填报轮次及各状态报表数',
        querystring: PageQuery.strict(),
        response: {
          200: pageOf(
            z.object({
              id: z.string().uuid(),
              title: z.string(),
              cadence: z.enum(RETURN_CADENCES),
              period: z.string(),
              dueAt: z.date(),
              authorityName: z.string(),
              catalogueName: z.string(),
              own: z.boolean().describe('Opened by the actor\'s own authority.'),
              counts: Counts,
            }),
          ),
        },
      },
    },
    async (req) => {
      const { page, pageSize } = req.query;
      return { ...(await service.listRounds(db, actorOf(req), page, pageSize)), page, pageSize };
    },
  );

  app.get(
    '/returns/rounds/:callId/progress',
    {
      config: { policy: staff },
      schema: {
        tags: ['returns'],
        summary: '填报进度（按地区、状态统计）',
        params: CallId,
        response: { 200: z.object({ items: z.array(z.object({ regionCode: z.string(), regionName: z.string(), counts: Counts })) }) },
      },
    },
    async (req) => service.roundProgress(db, actorOf(req), req.params.callId),
  );

  app.get(
    '/returns/rounds/:callId/figures',
    {
      config: { policy: staff },
      schema: {
        tags: ['returns'],
        summary: '已审定报表的一项指标（按地区汇总，目录单位）',
        params: CallId,
        querystring: z.strictObject({ code: z.string().max(64).optional().describe('A numeric indicator of the round\'s catalogue; its first key indicator when absent.') }),
        response: {
          200: z.object({
            indicator: FigureIndicator,
            indicators: z.array(FigureIndicator),
            items: z.array(
              z.object({
                regionCode: z.string(),
                regionName: z.string(),
                returns: z.number().int().describe('Accepted returns of spaces in the region.'),
                reported: z.number().int().describe('Those that give the figure.'),
                total: z.number().nullable().describe("The sum in the indicator's unit; null when none gives it."),
              }),
            ),
          }),
        },
      },
    },
    async (req) => roundFigures(db, actorOf(req), req.params.callId, req.query.code),
  );

  app.get(
    '/returns/mine',
    {
      config: { policy: operator },
      schema: {
        tags: ['returns'],
        summary: '本单位的统计报表',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string().uuid(),
                state: State,
                space: z.object({ id: z.string().uuid(), name: z.string() }),
                call: z.object({ id: z.string().uuid(), title: z.string(), dueAt: z.date() }),
                cadence: z.enum(RETURN_CADENCES),
                period: z.string(),
                warnings: z.number().int(),
                acceptedAt: z.date().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => service.myReturns(db, actorOf(req)),
  );

  app.get(
    '/returns/:id',
    { config: { policy: reader }, schema: { tags: ['returns'], summary: '统计报表（数值按目录单位，附平台数据与校验结果）', params: Id, response: { 200: ReturnDetail } } },
    async (req) => service.getReturn(db, actorOf(req), req.params.id),
  );

  app.get(
    '/returns/rounds/:callId/accepted.xlsx',
    {
      config: { policy: staff, rateLimit: EXPORT_RATE },
      schema: { tags: ['returns'], summary: '导出辖区内已审定的统计报表汇总（Excel，每家众创空间一行，供向上报送）', params: CallId },
    },
    async (req, reply) => {
      const { stream, fileName } = await exportRound(db, actorOf(req), auditContext(req), req.params.callId);
      return sendDownload(reply, { contentType: XLSX, fileName, body: stream });
    },
  );

  app.get(
    '/returns/:id/return.xlsx',
    { config: { policy: reader, rateLimit: EXPORT_RATE }, schema: { tags: ['returns'], summary: '导出统计报表（Excel，火炬统计格式：指标代码、名称、单位、数值）', params: Id } },
    async (req, reply) => sendGenerated(reply, XLSX, await exportReturn(db, actorOf(req), auditContext(req), req.params.id)),
  );

  app.get(
    '/returns/:id/cover.docx',
    { config: { policy: reader, rateLimit: EXPORT_RATE }, schema: { tags: ['returns'], summary: '下载统计报表封面（Word，含主要指标及签字、盖章栏）', params: Id } },
    async (req, reply) => sendGenerated(reply, DOCX, await returnCover(db, actorOf(req), auditContext(req), req.params.id)),
  );

  app.put(
    '/returns/:id/cover-scan',
    {
      config: { policy: operator },
      schema: {
        tags: ['returns'],
        summary: '附上签字盖章后的封面扫描件（PDF 或 JPG，先经文件上传）',
        params: Id,
        body: z.strictObject({ fileId: z.string().uuid(bi('应为文件编号（UUID）', 'must be a file id (UUID)')) }),
        response: { 200: ReturnDetail },
      },
    },
    async (req) => attachCoverScan(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.get(
    '/returns/:id/cover-scan/download',
    { config: { policy: reader }, schema: { tags: ['returns'], summary: '下载盖章封面扫描件（记入审计）', params: Id } },
    async (req, reply) => {
      const { meta, stream } = await openCoverScan(db, config, auditContext(req), actorOf(req), req.params.id);
      return sendDownload(reply, { contentType: meta.mimeType, fileName: meta.originalName, body: stream, sizeBytes: meta.sizeBytes });
    },
  );

  app.put(
    '/returns/:id',
    {
      config: { policy: operator },
      schema: {
        tags: ['returns'],
        summary: '保存统计报表（整表替换；乐观锁）',
        params: Id,
        body: z.strictObject({ revision: revisionInput(), values: Values, notes: z.record(z.string().max(200), z.string().max(2000)) }),
        response: { 200: ReturnDetail },
      },
    },
    async (req) => service.saveReturn(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.post(
    '/returns/:id/import',
    {
      config: { policy: operator },
      schema: {
        tags: ['returns'],
        summary: '从 Excel 导入统计报表（与导出相同的火炬统计格式；multipart：字段 revision，然后 file）',
        params: Id,
        consumes: ['multipart/form-data'],
        response: { 200: ReturnDetail },
      },
    },
    async (req, reply) => {
      if (!req.isMultipart()) throw new AppError('BAD_REQUEST', { zh: '请以 multipart/form-data 上传文件', en: 'Upload the file as multipart/form-data' });
      try {
        let revision: number | undefined;
        for await (const part of form.parts(req)) {
          if (part.kind === 'field' && part.name === 'revision') revision = Number(part.value);
          else if (part.kind === 'file') {
            if (part.name !== 'file' || revision === undefined || !Number.isInteger(revision) || revision < 1) {
              part.stream.resume();
              throw fieldError(revision === undefined || !Number.isInteger(revision) || revision < 1 ? 'body.revision' : 'body.file', '请先给出版本号（revision），再附上文件（file）', 'send the revision field, then the file');
            }
            return await importReturn(db, actorOf(req), auditContext(req), req.params.id, { revision, file: part.stream });
          }
        }
        throw fieldError('body.file', '请选择要导入的文件（字段 file）', 'attach the workbook in the field named "file"');
      } catch (err) {
        if (!req.raw.complete) reply.header('connection', 'close');
        throw err;
      }
    },
  );

  app.post(
    '/returns/:id/check',
    {
      config: { policy: reader },
      schema: { tags: ['returns'], summary: '校验未保存的数值（R1–R12）', params: Id, body: z.strictObject({ values: Values }), response: { 200: z.object({ findings: z.array(Finding) }) } },
    },
    async (req) => service.checkReturn(db, actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/returns/:id/submit',
    {
      config: { policy: operator },
      schema: { tags: ['returns'], summary: '提交（或退回后重新提交）统计报表', params: Id, body: z.strictObject({ revision: revisionInput() }), response: { 200: ReturnDetail } },
    },
    async (req) => service.submitReturn(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.post(
    '/returns/:id/reopen',
    {
      config: { policy: staff },
      schema: {
        tags: ['returns'],
        summary: '重新开放已审定的统计报表（审定单位或其上级的管理员，须说明理由；撤回审定，退回填报单位修改后重新逐级报送）',
        params: Id,
        body: z.strictObject({
          reason: z
            .string(bi('请说明重新开放的理由', 'give the reason'))
            .trim()
            .min(5, bi('重新开放的理由至少 5 个字', 'the reason needs at least 5 characters'))
            .max(1000, bi('重新开放的理由不超过 1000 字', 'the reason has at most 1000 characters'))
            .describe('Why the accepted return is taken back: it stands in the history, the audit log and the operator\'s notice.'),
        }),
        response: { 200: ReturnDetail },
      },
    },
    async (req) => service.reopenReturn(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );
};
