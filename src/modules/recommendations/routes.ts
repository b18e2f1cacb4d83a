import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { APPLICATION_STATUSES, SPACE_CATEGORIES } from '../../shared/domain.ts';
import { actorOf, auditContext } from '../../shared/http/context.ts';
import { DOCX, EXPORT_RATE, sendDownload, sendGenerated } from '../../shared/http/download.ts';
import { PageQuery, pageOf } from '../../shared/http/pagination.ts';
import { signedIn } from '../../shared/http/policy.ts';
import { bi } from '../../shared/i18n-errors.ts';
import { can } from './policy.ts';
import * as service from './service.ts';
import { revisionInput } from '../../shared/http/revision.ts';

const uuid = (zh: string, en: string) => z.uuid(bi(zh, en));
const Id = z.strictObject({ id: uuid('应为推荐批次编号（UUID）', 'must be a recommendation batch id (UUID)') });
const Revision = revisionInput();

const Verdict = z.strictObject({
  key: z.string().min(1).max(64),
  verdict: z.enum(['ok', 'problem', 'not_applicable'], bi('结论应为 ok、problem 或 not_applicable', 'verdict must be ok, problem or not_applicable')),
  note: z.string().trim().min(1, bi('请填写说明', 'give a note')).max(1000).describe('Why: every item needs a note (001 §三.2 "严禁审核走过场").'),
});
const Item = z.strictObject({
  applicationId: uuid('应为申请编号', 'must be an application id'),
  checklist: z.array(Verdict).max(20).describe('A verdict and a note on every checklist item of the stage.'),
});
const Items = z.array(Item).min(1, bi('请至少选择一个申请', 'choose at least one application')).max(200);
const LetterNumber = z.string().trim().max(100).nullable().optional();

const ChecklistItem = z.object({ key: z.string(), label: z.string(), labelEn: z.string() });
const StageInfo = z.object({ key: z.string(), name: z.string(), nameEn: z.string(), checklist: z.array(ChecklistItem), documents: z.array(z.string()) });
const CallRef = z.object({ id: z.uuid(), title: z.string(), year: z.number().int() });
const ApplicationLine = {
  applicationId: z.uuid(),
  status: z.enum(APPLICATION_STATUSES),
  stageKey: z.string().nullable(),
  spaceName: z.string(),
  operatorName: z.string(),
  regionName: z.string(),
  category: z.enum(SPACE_CATEGORIES),
};
const FileRef = z.object({ id: z.uuid(), name: z.string(), sizeBytes: z.number().int(), sha256: z.string() }).nullable();

const Detail = z.object({
  id: z.uuid(),
  call: CallRef,
  stage: StageInfo,
  nextStage: z.string().nullable().describe('Where the applications go when the batch is sent.'),
  recommender: z.object({ id: z.uuid(), name: z.string() }),
  letterNumber: z.string().nullable(),
  status: z.enum(['draft', 'sent']),
  revision: z.number().int().describe('Send it back with edits and the send (optimistic locking).'),
  letterFile: FileRef,
  commitmentFile: FileRef,
  items: z.array(
    z.object({ ...ApplicationLine, position: z.number().int(), checklist: z.array(z.object({ key: z.string(), verdict: z.string(), note: z.string() })) }),
  ).describe('In ranking order.'),
  createdAt: z.date(),
  sentAt: z.date().nullable(),
  abilities: z.object({ edit: z.boolean(), send: z.boolean() }),
});

const Summary = z.object({
  id: z.uuid(),
  call: CallRef,
  stageKey: z.string(),
  stageName: z.string(),
  letterNumber: z.string().nullable(),
  status: z.enum(['draft', 'sent']),
  revision: z.number().int(),
  count: z.number().int(),
  createdAt: z.date(),
  sentAt: z.date().nullable(),
});

export const recommendationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.ctx;
  const preparers = signedIn('recommendation.prepare', (a) => can(a, 'recommendation.prepare'));
  const senders = signedIn('recommendation.send', (a) => can(a, 'recommendation.send'));
  // Who reads a sent package is decided per application by the service (governing staff, the applicant).
  const readers = signedIn('recommendation.read_package');

  app.get(
    '/recommendations/candidates',
    {
      config: { policy: preparers },
      schema: {
        tags: ['recommendations'],
        summary: '待推荐的申请（本单位所负责推荐环节、已提交或审核中）',
        querystring: z.strictObject({ callId: uuid('应为申报批次编号', 'must be a call id') }),
        response: {
          200: z.object({
            call: CallRef,
            stages: z.array(StageInfo),
            items: z.array(
              z.object({
                ...ApplicationLine,
                stageEnteredAt: z.date().nullable(),
                stageDueAt: z.date().nullable(),
                batch: z.object({ id: z.uuid(), status: z.enum(['draft', 'sent']) }).nullable().describe('The batch already holding it, if any (an application is in at most one).'),
              }),
            ),
          }),
        },
      },
    },
    async (req) => service.listCandidates(db, actorOf(req), req.query.callId),
  );

  app.post(
    '/recommendations',
    {
      config: { policy: preparers },
      schema: {
        tags: ['recommendations'],
        summary: '新建推荐批次（草稿；逐个申请逐项填写核查结论和说明）',
        body: z.strictObject({
          callId: uuid('应为申报批次编号', 'must be a call id'),
          stageKey: z.string().min(1).max(64),
          letterNumber: LetterNumber.describe('文号, e.g. 苏科高函〔2026〕12号; may be filled in later.'),
          items: Items.describe('In ranking order.'),
        }),
        response: { 201: Detail },
      },
    },
    async (req, reply) => reply.status(201).send(await service.createBatch(db, actorOf(req), auditContext(req), req.body)),
  );

  app.get(
    '/recommendations',
    {
      config: { policy: preparers },
      schema: { tags: ['recommendations'], summary: '本单位的推荐批次', querystring: PageQuery.strict(), response: { 200: pageOf(Summary) } },
    },
    async (req) => service.listBatches(db, actorOf(req), req.query.page, req.query.pageSize),
  );

  app.get(
    '/recommendations/for-application/:applicationId',
    {
      config: { policy: readers },
      schema: {
        tags: ['recommendations'],
        summary: '申请的推荐材料（推荐单位、文号、报送日期、推荐函及承诺书扫描件）',
        params: z.strictObject({ applicationId: uuid('应为申请编号', 'must be an application id') }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.uuid(),
                stageKey: z.string(),
                stageName: z.string(),
                letterNumber: z.string().nullable(),
                recommender: z.object({ id: z.uuid(), name: z.string() }),
                sentAt: z.date(),
                count: z.number().int(),
                position: z.number().int().nullable().describe("The application's place in the letter's ranking."),
                files: z.array(z.object({ kind: z.enum(['letter', 'commitment']), fileId: z.uuid(), name: z.string(), url: z.string() })),
              }),
            ),
          }),
        },
      },
    },
    async (req) => service.packageFor(db, actorOf(req), req.params.applicationId),
  );

  app.get(
    '/recommendations/:id',
    { config: { policy: preparers }, schema: { tags: ['recommendations'], summary: '推荐批次详情', params: Id, response: { 200: Detail } } },
    async (req) => service.getBatch(db, actorOf(req), req.params.id),
  );

  app.put(
    '/recommendations/:id',
    {
      config: { policy: preparers },
      schema: {
        tags: ['recommendations'],
        summary: '修改推荐批次草稿（文号、申请及核查意见；版本过期返回 409）',
        params: Id,
        body: z.strictObject({ revision: Revision, letterNumber: LetterNumber, items: Items.optional() }),
        response: { 200: Detail },
      },
    },
    async (req) => service.updateBatch(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.post(
    '/recommendations/:id/documents',
    {
      config: { policy: preparers },
      schema: {
        tags: ['recommendations'],
        summary: '登记签字盖章后的推荐函、主管部门信用承诺书扫描件（先经 POST /api/files 上传）',
        params: Id,
        body: z.strictObject({
          letterFileId: uuid('应为文件编号', 'must be a file id').optional(),
          commitmentFileId: uuid('应为文件编号', 'must be a file id').optional(),
        }),
        response: { 200: Detail },
      },
    },
    async (req) => service.attachDocuments(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.get(
    '/recommendations/:id/letter.docx',
    {
      config: { policy: preparers, rateLimit: EXPORT_RATE },
      schema: { tags: ['recommendations'], summary: '下载推荐函（Word，公文格式，已填入推荐申请）', params: Id },
    },
    async (req, reply) => {
      const doc = await service.letterDocument(db, actorOf(req), auditContext(req), req.params.id);
      return sendGenerated(reply, DOCX, doc);
    },
  );

  app.get(
    '/recommendations/:id/commitment.docx',
    {
      config: { policy: preparers, rateLimit: EXPORT_RATE },
      schema: { tags: ['recommendations'], summary: '下载主管部门信用承诺书（Word，001 附件5）', params: Id },
    },
    async (req, reply) => {
      const doc = await service.commitmentDocument(db, actorOf(req), auditContext(req), req.params.id);
      return sendGenerated(reply, DOCX, doc);
    },
  );

  app.post(
    '/recommendations/:id/send',
    {
      config: { policy: senders },
      schema: {
        tags: ['recommendations'],
        summary: '报送推荐批次：全部申请进入下一环节（仅推荐单位管理员）',
        params: Id,
        body: z.strictObject({ revision: Revision }),
        response: { 200: Detail },
      },
    },
    async (req) => service.sendBatch(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.get(
    '/recommendations/:id/files/:fileId',
    {
      config: { policy: readers, rateLimit: EXPORT_RATE },
      schema: {
        tags: ['recommendations'],
        summary: '下载推荐批次的扫描件（推荐单位；报送后为后续环节及申请单位）',
        params: Id.extend({ fileId: uuid('应为文件编号', 'must be a file id') }),
      },
    },
    async (req, reply) => {
      const { meta, stream } = await service.openBatchFile(db, config, actorOf(req), auditContext(req), req.params.id, req.params.fileId);
      return sendDownload(reply, { contentType: meta.mimeType, fileName: meta.originalName, body: stream, sizeBytes: meta.sizeBytes });
    },
  );
};
