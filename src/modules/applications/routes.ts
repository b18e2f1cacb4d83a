import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bi } from '../../shared/i18n-errors.ts';
import { actorOf, auditContext } from '../../shared/http/context.ts';
import { PageQuery, pageOf } from '../../shared/http/pagination.ts';
import { sortQuery } from '../../shared/http/sorting.ts';
import { APPLICATION_SORTS } from './repository.ts';
import { signedIn } from '../../shared/http/policy.ts';
import { EvaluationSchema } from '../criteria/index.ts';
import { DOCX, EXPORT_RATE, sendDownload, sendGenerated } from '../../shared/http/download.ts';
import { RevealBody, RevealResponse } from '../../shared/http/reveal.ts';
import { BasicInfo, Indicators, PERSONAL_FIELDS, Report } from './dossier.ts';
import { can } from './policy.ts';
import { APPLICATION_STATUSES } from '../../shared/domain.ts';
import * as service from './service.ts';
import { openCallsForOperator } from './open-calls.ts';
import { canCall, presentPublicCalls, PublicCall } from '../calls/index.ts';
import { revisionInput } from '../../shared/http/revision.ts';

const uuid = (zh: string, en: string) => z.uuid(bi(zh, en));
const Id = z.strictObject({ id: uuid('应为申请编号（UUID）', 'must be an application id (UUID)') });
const Revision = revisionInput();

const FieldErrorSchema = z.object({ field: z.string(), message: z.string(), messageEn: z.string() });

const Summary = z.object({
  id: z.uuid(),
  status: z.enum(APPLICATION_STATUSES),
  revision: z.number().int(),
  call: z.object({ id: z.uuid(), title: z.string(), closesAt: z.date() }),
  space: z.object({ id: z.uuid(), name: z.string() }),
  deadline: z.date().describe("The call's closing time, or this application's extension when later."),
  submittedAt: z.date().nullable(),
  updatedAt: z.date(),
});

const Detail = z.object({
  id: z.uuid(),
  status: z.enum(APPLICATION_STATUSES),
  revision: z.number().int().describe('Send it back with every save and transition (optimistic locking).'),
  call: z.object({
    id: z.uuid(),
    title: z.string(),
    level: z.string(),
    opensAt: z.date(),
    closesAt: z.date(),
    materialSlots: z.array(z.object({ key: z.string(), name: z.string(), required: z.boolean(), description: z.string().optional() })),
    ruleSet: z.object({ id: z.uuid(), key: z.string(), version: z.number().int().nullable(), title: z.string() }).nullable(),
  }),
  space: z.object({ id: z.uuid(), name: z.string(), category: z.string() }),
  operator: z.object({ id: z.uuid(), name: z.string() }),
  deadline: z.date(),
  deadlineExtendedUntil: z.date().nullable(),
  basicInfo: BasicInfo.describe('基础信息表; phone numbers masked (138****1234) unless `abilities.read_personal`; `…/reveal` shows one in full.'),
  report: Report.describe('备案申报书, rich text as sanitised by the server.'),
  indicators: Indicators,
  attachments: z.array(
    z.object({
      id: z.uuid(),
      slotKey: z.string(),
      fileId: z.uuid(),
      fileName: z.string(),
      sizeBytes: z.number().int(),
      sha256: z.string().describe("Hex SHA-256 of the file's bytes."),
      addedBy: z.uuid().nullable(),
      addedByName: z.string(),
      addedAt: z.date(),
    }),
  ),
  commitment: z.object({ confirmedAt: z.date().nullable(), confirmedBy: z.uuid().nullable() }),
  missing: z.array(FieldErrorSchema).describe('What a submission still lacks (empty when it may be submitted), each naming its field.'),
  history: z.array(
    z.object({
      at: z.date(),
      actorUserId: z.uuid().nullable(),
      action: z.string(),
      fromStatus: z.string().nullable(),
      toStatus: z.string().nullable(),
      note: z.string().nullable(),
    }),
  ),
  submittedAt: z.date().nullable(),
  stage: z
    .object({ key: z.string(), kind: z.string(), name: z.string(), nameEn: z.string(), enteredAt: z.date().nullable(), dueAt: z.date().nullable() })
    .nullable()
    .describe("Where the application stands in its call's review chain (null before submission)."),
  round: z.number().int().describe('Submission round (0 before the first submission).'),
  resubmitDueAt: z.date().nullable().describe('A returned application must be resubmitted by then.'),
  createdAt: z.date(),
  updatedAt: z.date(),
  abilities: z.record(z.string(), z.boolean()).describe('What the actor may do with this application now (the server checks again).'),
});


export const applicationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.ctx;
  const operators = signedIn('application.prepare', (a) => can(a, 'application.create'));
  const readers = signedIn('application.read', (a) => can(a, 'application.read'));
  const extenders = signedIn('application.extend', (a) => can(a, 'application.extend'));

  app.post(
    '/applications',
    {
      config: { policy: operators },
      schema: {
        tags: ['applications'],
        summary: '为本单位的众创空间创建备案申请（基础信息表按登记信息预填）',
        body: z.strictObject({
          callId: uuid('应为申报批次编号', 'must be a call id'),
          spaceId: uuid('应为众创空间编号', 'must be a space id'),
        }),
        response: { 201: Detail },
      },
    },
    async (req, reply) => reply.status(201).send(await service.createApplication(db, actorOf(req), auditContext(req), req.body)),
  );

  app.get(
    '/applications',
    {
      config: { policy: operators },
      schema: { tags: ['applications'], summary: '我的备案申请（状态、截止时间）', querystring: PageQuery.extend(sortQuery(APPLICATION_SORTS, 'the latest change first')).strict(), response: { 200: pageOf(Summary) } },
    },
    async (req) => service.listMyApplications(db, actorOf(req), req.query),
  );

  app.get(
    '/applications/:id',
    {
      config: { policy: readers },
      schema: { tags: ['applications'], summary: '备案申请详情（材料、附件、历史、可执行操作）', params: Id, response: { 200: Detail } },
    },
    async (req) => service.getApplication(db, actorOf(req), req.params.id),
  );

  app.put(
    '/applications/:id/dossier',
    {
      config: { policy: operators },
      schema: {
        tags: ['applications'],
        summary: '保存申报材料（草稿可不完整；每部分整体替换；版本过期返回 409）',
        params: Id,
        body: z.strictObject({ revision: Revision, basicInfo: BasicInfo.optional(), report: Report.optional(), indicators: Indicators.optional() }),
        response: { 200: Detail },
      },
    },
    async (req) => service.saveDossier(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.post(
    '/applications/:id/attachments',
    {
      config: { policy: operators },
      schema: {
        tags: ['applications'],
        summary: '将本单位已上传的文件放入材料项',
        params: Id,
        body: z.strictObject({
          slotKey: z.string().min(1).max(64),
          fileId: uuid('应为文件编号', 'must be a file id'),
        }),
        response: { 201: z.object({ id: z.uuid(), slotKey: z.string(), fileId: z.uuid(), fileName: z.string(), sizeBytes: z.number().int(), sha256: z.string(), addedAt: z.date() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await service.attachFile(db, actorOf(req), auditContext(req), req.params.id, req.body)),
  );

  app.delete(
    '/applications/:id/attachments/:attachmentId',
    {
      config: { policy: operators },
      schema: {
        tags: ['applications'],
        summary: '从材料项移除附件',
        params: Id.extend({ attachmentId: uuid('应为附件编号', 'must be an attachment id') }),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await service.detachFile(db, actorOf(req), auditContext(req), req.params.id, req.params.attachmentId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/applications/:id/assessment',
    {
      config: { policy: readers },
      schema: {
        tags: ['applications'],
        summary: '自评：以本批次规则集评价申报材料（不符合项仅提示，不阻止提交）',
        params: Id,
        response: {
          200: z.object({
            ruleSet: z.object({ id: z.uuid(), key: z.string(), version: z.number().int().nullable(), title: z.string() }).nullable(),
            evaluation: EvaluationSchema.nullable(),
          }),
        },
      },
    },
    async (req) => service.assessApplication(db, actorOf(req), req.params.id),
  );

  app.get(
    '/applications/:id/commitment.docx',
    {
      config: { policy: readers, rateLimit: EXPORT_RATE },
      schema: { tags: ['applications'], summary: '下载申报单位信用承诺书（Word，已填入申报单位信息）', params: Id },
    },
    async (req, reply) => sendGenerated(reply, DOCX, await service.commitmentDocument(db, actorOf(req), auditContext(req), req.params.id)),
  );

  app.post(
    '/applications/:id/commitment/confirm',
    {
      config: { policy: operators },
      schema: {
        tags: ['applications'],
        summary: '记录法定代表人对信用承诺书的确认（仅运营主体管理员）',
        params: Id,
        body: z.strictObject({}),
        response: { 200: Detail },
      },
    },
    async (req) => service.confirmCommitment(db, actorOf(req), auditContext(req), req.params.id),
  );

  app.post(
    '/applications/:id/submit',
    {
      config: { policy: operators },
      schema: {
        tags: ['applications'],
        summary: '提交备案申请（截止时间、信用记录、材料完整性均在此检查）',
        params: Id,
        body: z.strictObject({ revision: Revision }),
        response: { 200: Detail },
      },
    },
    async (req) => service.submitApplication(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.post(
    '/applications/:id/resubmit',
    {
      config: { policy: operators },
      schema: {
        tags: ['applications'],
        summary: '按退回意见修改后重新提交（须在主管部门规定的期限内）',
        params: Id,
        body: z.strictObject({ revision: Revision, note: z.string().trim().max(2000).optional() }),
        response: { 200: Detail },
      },
    },
    async (req) => service.resubmitApplication(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.post(
    '/applications/:id/withdraw',
    {
      config: { policy: operators },
      schema: {
        tags: ['applications'],
        summary: '撤回已提交、尚未开始审核的申请',
        params: Id,
        body: z.strictObject({ revision: Revision, reason: z.string().trim().max(500).optional() }),
        response: { 200: Detail },
      },
    },
    async (req) => service.withdrawApplication(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.post(
    '/applications/:id/extension',
    {
      config: { policy: extenders },
      schema: {
        tags: ['applications'],
        summary: '为该申请延长提交截止时间（主管部门管理员）',
        params: Id,
        body: z.strictObject({
          until: z.iso.datetime({ offset: true, message: bi('应为带时区的时间（如 2026-07-20T17:00:00+08:00）', 'must be a date-time with offset') }),
          reason: z.string().trim().min(2, bi('请填写延期理由', 'give the reason')).max(500),
        }),
        response: { 200: Detail },
      },
    },
    async (req) => service.extendDeadline(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.post(
    '/applications/:id/reveal',
    {
      config: { policy: readers },
      schema: {
        tags: ['applications'],
        summary: '查看基础信息表中一项个人信息的完整内容（须填写理由，记入审计日志）',
        params: Id,
        body: RevealBody(PERSONAL_FIELDS),
        response: { 200: RevealResponse },
      },
    },
    async (req) => service.revealPersonal(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.get(
    '/applications/:id/export.docx',
    {
      config: { policy: readers, rateLimit: EXPORT_RATE },
      schema: { tags: ['applications'], summary: '导出申报材料（Word：基础信息表 + 申报书）', params: Id },
    },
    async (req, reply) => sendGenerated(reply, DOCX, await service.exportDocx(db, actorOf(req), auditContext(req), req.params.id)),
  );

  app.get(
    '/applications/:id/materials.zip',
    {
      config: { policy: readers, rateLimit: EXPORT_RATE },
      schema: { tags: ['applications'], summary: '下载全部附件（ZIP，含 manifest.csv 清单及 SHA-256）', params: Id },
    },
    async (req, reply) => {
      const { stream, fileName } = await service.materialsZip(db, config, actorOf(req), auditContext(req), req.params.id);
      return sendDownload(reply, { contentType: 'application/zip', fileName, body: stream });
    },
  );
  app.get(
    '/calls/:id/applications',
    {
      config: { policy: signedIn('call.applications.read', (a) => canCall(a, 'call.applications.read')) },
      schema: {
        tags: ['calls'],
        summary: '申报批次收到的申请：各状态数量及分页列表（本辖区主管部门）',
        params: z.strictObject({ id: z.uuid(bi('应为申报批次编号（UUID）', 'must be a call id (UUID)')) }),
        querystring: PageQuery.extend({ status: z.enum(APPLICATION_STATUSES, bi('申请状态不正确', 'not an application state')).optional(), ...sortQuery(APPLICATION_SORTS, 'the latest change first') }).strict(),
        response: {
          200: pageOf(
            z.object({
              id: z.uuid(),
              status: z.enum(APPLICATION_STATUSES),
              space: z.object({ id: z.uuid(), name: z.string() }),
              operatorName: z.string(),
              regionName: z.string(),
              stage: Detail.shape.stage,
              round: z.number().int(),
              submittedAt: z.date().nullable(),
              updatedAt: z.date(),
            }),
          ).extend({ counts: z.array(z.object({ status: z.enum(APPLICATION_STATUSES), count: z.number().int() })).describe('Every state, with how many of the call’s applications are in it.') }),
        },
      },
    },
    async (req) => service.applicationsOfCall(db, actorOf(req), req.params.id, req.query),
  );

  app.get(
    '/calls/open',
    {
      config: { policy: signedIn('call.open.list', (a) => canCall(a, 'call.open.list')) },
      schema: {
        tags: ['calls'],
        summary: '本单位众创空间现在可以申报的批次',
        response: { 200: z.object({ items: z.array(PublicCall.extend({ eligibleSpaces: z.array(z.object({ id: z.string().uuid(), name: z.string() })) })) }) },
      },
    },
    async (req) => {
      const open = await openCallsForOperator(db, actorOf(req));
      const views = await presentPublicCalls(db, open.map((o) => o.call));
      return { items: open.map(({ eligibleSpaces }, i) => ({ ...views[i]!, eligibleSpaces })) };
    },
  );
};
