import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { queryFlag } from '../../shared/http/params.ts';
import { APPLICATION_STATUSES } from '../../shared/domain.ts';
import { actorOf, auditContext } from '../../shared/http/context.ts';
import { sendDownload } from '../../shared/http/download.ts';
import { PageQuery, pageOf } from '../../shared/http/pagination.ts';
import { signedIn } from '../../shared/http/policy.ts';
import { sortQuery } from '../../shared/http/sorting.ts';
import { revisionInput } from '../../shared/http/revision.ts';
import { bi } from '../../shared/i18n-errors.ts';
import { sendInline } from '../files/index.ts';
import { RoundsAndDiffsFields } from '../workflow/index.ts';
import { can } from './policy.ts';
import { SORTS } from './repository.ts';
import { CHANGE_FIELDS } from './schema.ts';
import * as service from './service.ts';

const uuid = (zh: string, en: string) => z.uuid(bi(zh, en));
const Id = z.strictObject({ id: uuid('应为变更报告编号（UUID）', 'must be a change report id (UUID)') });
const FileParams = Id.extend({ fileId: uuid('应为附件文件编号（UUID）', 'must be a file id (UUID)') }).strict();
const Field = z.enum(CHANGE_FIELDS, bi('变更事项应为名称、运营主体、依托单位、地址/面积、负责人、细分领域、场地或其他', 'the change is one of name, operator, host, address_area, principal, sub_field, premises, other'));
const Flag = queryFlag();

const Item = z.object({ field: Field, before: z.string().describe('The value on record when the report was written (from the filing and the registry, never typed by the filer).'), after: z.string() });
const Evidence = z.object({ fileId: z.uuid(), fileName: z.string(), sizeBytes: z.number().int(), sha256: z.string() });

const Summary = z.object({
  id: z.uuid(),
  status: z.enum(APPLICATION_STATUSES),
  space: z.object({ id: z.uuid(), name: z.string(), regionName: z.string() }),
  stageKey: z.string().nullable(),
  stageDueAt: z.date().nullable(),
  fields: z.array(Field),
  effectiveOn: z.string().nullable(),
  dueOn: z.string().nullable().describe('Effective date + one calendar month, clamped to that month’s last day (Asia/Shanghai).'),
  late: z.boolean().describe('Handed in after the due date: accepted, flagged.'),
  overdue: z.boolean().describe('Waiting at a stage past the stage’s due date.'),
  submittedAt: z.date().nullable(),
  updatedAt: z.date(),
});

const Detail = z.object({
  id: z.uuid(),
  status: z.enum(APPLICATION_STATUSES),
  revision: z.number().int().describe('Send it back with every save and submission (optimistic locking).'),
  round: z.number().int(),
  space: z.object({ id: z.uuid(), name: z.string(), regionName: z.string() }),
  call: z.object({ id: z.uuid(), title: z.string() }),
  stage: z.object({ key: z.string(), name: z.string(), nameEn: z.string() }).nullable(),
  stageDueAt: z.date().nullable(),
  effectiveOn: z.string().nullable(),
  dueOn: z.string().nullable(),
  late: z.boolean(),
  overdue: z.boolean(),
  explanation: z.string(),
  items: z.array(Item),
  evidence: z.array(Evidence),
  submittedAt: z.date().nullable(),
  updatedAt: z.date(),
  ...RoundsAndDiffsFields,
  events: z.array(z.object({ at: z.date(), action: z.string(), fromStatus: z.string().nullable(), toStatus: z.string().nullable(), note: z.string().nullable() })),
  abilities: z.object({ edit: z.boolean(), submit: z.boolean() }),
});

const SaveBody = z.strictObject({
  revision: revisionInput(),
  effectiveOn: z.iso.date(bi('变更生效日期应为日期（YYYY-MM-DD）', 'the effective date is a date (YYYY-MM-DD)')).nullish(),
  explanation: z.string().trim().max(2000, bi('变更情况说明不超过 2000 字', 'the explanation has at most 2000 characters')).optional(),
  items: z
    .array(z.strictObject({ field: Field, after: z.string().trim().min(1, bi('请填写变更后的内容', 'give the new value')).max(500, bi('变更后的内容不超过 500 字', 'the new value has at most 500 characters')) }))
    .max(CHANGE_FIELDS.length, bi('每类变更事项只能填写一次', 'each kind of change once')),
  evidenceFileIds: z.array(uuid('应为文件编号（UUID）', 'must be a file id (UUID)')).max(20, bi('证明材料最多 20 个文件', 'at most 20 evidence files')),
});

const ListQuery = PageQuery.extend({
  status: z.enum(APPLICATION_STATUSES, bi('状态不正确', 'unknown state')).optional(),
  late: Flag.optional(),
  overdue: Flag.optional(),
  spaceId: uuid('应为众创空间编号', 'must be a space id').optional(),
  ...sortQuery(SORTS, 'the most recently updated first'),
}).strict();

/** 变更报告: an operator's reports of its filed spaces' changes; the review goes through the review and decision pages. */
export const changeRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.ctx;
  const readers = signedIn('change.read', (a) => can(a, 'change.read'));
  const writers = signedIn('change.create', (a) => can(a, 'change.create'));

  app.get(
    '/change-reports',
    {
      config: { policy: readers },
      schema: { tags: ['changes'], summary: '变更报告列表（运营主体：本单位的；主管部门：辖区内已提交的；可按状态、逾期报告、超期未办筛选）', querystring: ListQuery, response: { 200: pageOf(Summary) } },
    },
    async (req) => service.listReports(db, actorOf(req), req.query),
  );

  app.post(
    '/change-reports',
    {
      config: { policy: writers },
      schema: { tags: ['changes'], summary: '新建变更报告草稿（已备案众创空间）', body: z.strictObject({ spaceId: uuid('应为众创空间编号', 'must be a space id') }), response: { 201: Detail } },
    },
    async (req, reply) => reply.code(201).send(await service.createReport(db, actorOf(req), auditContext(req), req.body)),
  );

  app.get(
    '/change-reports/:id',
    { config: { policy: readers }, schema: { tags: ['changes'], summary: '变更报告详情（变更前后、证明材料、办理记录）', params: Id, response: { 200: Detail } } },
    async (req) => service.readReport(db, actorOf(req), req.params.id),
  );

  app.put(
    '/change-reports/:id',
    {
      config: { policy: writers },
      schema: { tags: ['changes'], summary: '保存变更报告（草稿或退回修改的报告；变更前内容取自备案记录）', params: Id, body: SaveBody, response: { 200: Detail } },
    },
    async (req) => service.saveReport(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.post(
    '/change-reports/:id/submit',
    {
      config: { policy: writers },
      schema: {
        tags: ['changes'],
        summary: '提交变更报告（退回修改的报告重新提交；超过报告期限的标记为逾期报告但予以受理）',
        params: Id,
        body: z.strictObject({ revision: revisionInput(), note: z.string().trim().max(500).optional() }),
        response: { 200: Detail },
      },
    },
    async (req) => service.submitReport(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.get(
    '/spaces/:id/changes',
    {
      config: { policy: readers },
      schema: {
        tags: ['changes'],
        summary: '众创空间的备案记录（新建变更报告时预填）与已批准变更的历史',
        params: z.strictObject({ id: uuid('应为众创空间编号', 'must be a space id') }),
        response: {
          200: z.object({
            space: z.object({ id: z.uuid(), name: z.string() }),
            filed: z.boolean(),
            record: z.array(z.object({ field: Field, value: z.string() })),
            history: z.array(
              z.object({
                id: z.uuid(),
                submissionId: z.uuid(),
                field: Field,
                before: z.string(),
                after: z.string(),
                effectiveOn: z.string(),
                appliedAt: z.date(),
                revokedAt: z.date().nullable(),
                revokedReason: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => service.spaceChanges(db, actorOf(req), req.params.id),
  );

  app.get(
    '/change-reports/:id/files/:fileId/preview',
    { config: { policy: readers }, schema: { tags: ['changes'], summary: '在线预览变更报告的证明材料（记入审计）', params: FileParams } },
    async (req, reply) => {
      const { meta, stream } = await service.openReportFile(db, config, auditContext(req), actorOf(req), req.params.id, req.params.fileId);
      return sendInline(reply, { contentType: meta.mimeType, fileName: meta.originalName, body: stream, sizeBytes: meta.sizeBytes });
    },
  );

  app.get(
    '/change-reports/:id/files/:fileId/download',
    { config: { policy: readers }, schema: { tags: ['changes'], summary: '下载变更报告的证明材料（记入审计）', params: FileParams } },
    async (req, reply) => {
      const { meta, stream } = await service.openReportFile(db, config, auditContext(req), actorOf(req), req.params.id, req.params.fileId);
      return sendDownload(reply, { contentType: meta.mimeType, fileName: meta.originalName, body: stream, sizeBytes: meta.sizeBytes });
    },
  );
};
