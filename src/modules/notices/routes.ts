import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../shared/errors.ts';
import { bi } from '../../shared/i18n-errors.ts';
import { actorOf, auditContext } from '../../shared/http/context.ts';
import { sendDownload } from '../../shared/http/download.ts';
import { acceptMultipart } from '../../shared/http/multipart.ts';
import { PageQuery, pageOf } from '../../shared/http/pagination.ts';
import { sortQuery } from '../../shared/http/sorting.ts';
import { publicRoute, signedIn } from '../../shared/http/policy.ts';
import { RevealBody, RevealResponse } from '../../shared/http/reveal.ts';
import { AllMatching } from '../../shared/http/selection.ts';
import { normaliseMobile } from '../../shared/validation/mobile.ts';
import { invalid } from '../criteria/index.ts';
import type { IncomingFile } from '../files/index.ts';
import { worksNotices } from './policy.ts';
import * as service from './service.ts';

const uuid = (zh: string, en: string) => z.uuid(bi(zh, en));
const Id = z.strictObject({ id: uuid('应为公示编号（UUID）', 'must be a notice id (UUID)') });
const ObjectionParams = z.strictObject({ id: Id.shape.id, oid: uuid('应为异议编号（UUID）', 'must be an objection id (UUID)') });
const dateTime = (zh: string) => z.iso.datetime({ offset: true, error: bi(`${zh}应为带时区的 ISO 8601 时间`, 'must be an ISO 8601 date-time with offset') });

const Summary = z.object({
  id: z.uuid(),
  title: z.string(),
  authority: z.object({ id: z.uuid(), name: z.string() }),
  stageKey: z.string(),
  startsAt: z.date(),
  endsAt: z.date(),
  status: z.enum(['published', 'concluded']).describe('published: running or ended with entries pending; concluded: every entry moved on or was blocked.'),
  running: z.boolean().describe('Objections are taken now.'),
  publishedAt: z.date(),
  concludedAt: z.date().nullable(),
});

const PublicEntry = z.object({ id: z.uuid(), position: z.number().int(), spaceName: z.string(), operatorName: z.string(), regionName: z.string() });

const Detail = Summary.extend({
  body: z.string(),
  callId: z.uuid(),
  entries: z.array(PublicEntry.extend({ applicationId: z.uuid(), outcome: z.enum(['pending', 'cleared', 'blocked']) })),
  objections: z.array(
    z.object({
      id: z.uuid(),
      entryId: z.uuid(),
      name: z.string(),
      contact: z.string().describe('Masked (138****1234, c***@example.cn); `…/reveal` shows it in full to the admin.'),
      grounds: z.string(),
      evidence: z.object({ id: z.uuid(), name: z.string(), sizeBytes: z.number().int() }).nullable(),
      status: z.enum(['open', 'upheld', 'dismissed']),
      investigationNote: z.string().nullable(),
      resultReason: z.string().nullable(),
      handledAt: z.date().nullable(),
      createdAt: z.date(),
    }),
  ).describe('Real names and contacts of the objectors: the publishing authority only.'),
  abilities: z.object({ handle: z.boolean(), revealContact: z.boolean(), conclude: z.boolean() }),
});

const Candidate = z.object({
  applicationId: z.uuid(),
  space: z.object({ id: z.uuid(), name: z.string() }),
  operatorName: z.string(),
  regionName: z.string(),
  call: z.object({ id: z.uuid(), title: z.string() }),
  stage: z.object({ key: z.string(), name: z.string(), nameEn: z.string() }),
  stageEnteredAt: z.date().nullable(),
});

/** A simple e-mail shape: something@domain.tld, no spaces. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The text fields of an objection (multipart form fields, sent before the evidence file). */
const ObjectionFields = z.strictObject({
  entryId: uuid('请选择异议针对的公示条目', 'choose the entry the objection concerns'),
  name: z.string().trim().min(2, bi('请填写真实姓名（至少 2 个字）', 'enter your real name (at least 2 characters)')).max(50, bi('姓名不超过 50 个字', 'at most 50 characters')),
  contact: z
    .string()
    .trim()
    .max(100, bi('联系方式不超过 100 个字符', 'at most 100 characters'))
    .transform((v, ctx) => {
      const mobile = normaliseMobile(v);
      if (mobile) return mobile;
      if (EMAIL.test(v)) return v;
      ctx.addIssue({ code: 'custom', message: bi('请填写有效的手机号码或电子邮箱', 'enter a valid mobile number or e-mail address') });
      return z.NEVER;
    }),
  grounds: z
    .string()
    .trim()
    .min(10, bi('异议理由至少 10 个字', 'at least 10 characters'))
    .max(2000, bi('异议理由不超过 2000 个字', 'at most 2000 characters')),
});

export const noticeRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.ctx;
  // Only the objection route takes multipart bodies (registered in this plugin's scope).
  // A few fields more than the form has, so an unknown one is named by the schema rather than cut off.
  const form = await acceptMultipart(app, { files: 1, fields: 8, fieldBytes: 8 * 1024 }, config.uploadMaxBytes);
  const workers = signedIn('notice.work', worksNotices);

  app.post(
    '/notices',
    {
      config: { policy: workers },
      schema: {
        tags: ['notices'],
        summary: '发布公示（公示环节的机关管理员；所选申请或全部待公示申请）',
        body: z.strictObject({
          callId: uuid('应为申报批次编号', 'must be a call id'),
          stageKey: z.string().min(1, bi('请选择公示环节', 'choose the notice stage')).max(64).describe("A stage of kind `notice` in the call's chain."),
          applicationIds: z.array(uuid('应为申请编号', 'must be an application id')).min(1, bi('请至少选择一个申请', 'choose at least one application')).max(200).optional().describe('The applications chosen; or `all`.'),
          ...AllMatching,
          title: z.string().trim().min(2, bi('请填写公示标题', 'enter the title')).max(200),
          body: z.string().trim().min(10, bi('公示正文至少 10 个字', 'at least 10 characters')).max(20000).describe('The notice text; include how to object (phone, address) as the authority wishes.'),
          startsAt: dateTime('开始时间'),
          endsAt: dateTime('结束时间').describe('After startsAt and in the future.'),
        }),
        response: { 201: Detail },
      },
    },
    async (req, reply) => reply.status(201).send(await service.publishNotice(db, actorOf(req), auditContext(req), req.body)),
  );

  app.get(
    '/notices/candidates',
    {
      config: { policy: workers },
      schema: {
        tags: ['notices'],
        summary: '待公示的申请（本机关负责的公示环节）',
        querystring: PageQuery.extend({
          callId: uuid('应为申报批次编号', 'must be a call id'),
          stageKey: z.string().max(64).optional(),
          ...sortQuery(service.NOTICE_CANDIDATE_SORTS, 'the earliest arrival at the stage first'),
        }).strict(),
        response: { 200: pageOf(Candidate) },
      },
    },
    async (req) => service.noticeCandidates(db, actorOf(req), req.query),
  );

  app.get(
    '/notices',
    {
      config: { policy: workers },
      schema: {
        tags: ['notices'],
        summary: '本机关的公示',
        querystring: PageQuery.extend(sortQuery(service.NOTICE_SORTS, 'the newest first')).strict(),
        response: { 200: pageOf(Summary.extend({ entries: z.number().int(), openObjections: z.number().int() })) },
      },
    },
    async (req) => service.listNotices(db, actorOf(req), req.query),
  );

  app.get(
    '/notices/:id',
    {
      config: { policy: workers },
      schema: { tags: ['notices'], summary: '公示详情（含异议）', params: Id, response: { 200: Detail } },
    },
    async (req) => service.getNotice(db, actorOf(req), req.params.id),
  );

  app.get(
    '/notices/:id/objections/:oid/evidence',
    {
      config: { policy: workers },
      schema: { tags: ['notices'], summary: '下载异议证明材料', params: ObjectionParams },
    },
    async (req, reply) => {
      const { meta, stream } = await service.openEvidence(db, config, actorOf(req), auditContext(req), req.params.id, req.params.oid);
      return sendDownload(reply, { contentType: meta.mimeType, fileName: meta.originalName, body: stream, sizeBytes: meta.sizeBytes });
    },
  );

  app.post(
    '/notices/:id/objections/:oid/reveal',
    {
      config: { policy: workers },
      schema: {
        tags: ['notices'],
        summary: '查看异议人联系方式的完整内容（本机关管理员；须填写理由，记入审计日志）',
        params: ObjectionParams,
        body: RevealBody(['contact']),
        response: { 200: RevealResponse },
      },
    },
    async (req) => service.revealObjection(db, actorOf(req), auditContext(req), req.params.id, req.params.oid, req.body),
  );

  app.post(
    '/notices/:id/objections/:oid/handle',
    {
      config: { policy: workers },
      schema: {
        tags: ['notices'],
        summary: '处理异议（成立：终止推荐；不成立：记录）',
        params: ObjectionParams,
        body: z.strictObject({
          result: z.enum(['upheld', 'dismissed'], bi('处理结果应为 upheld（成立）或 dismissed（不成立）', 'must be upheld or dismissed')),
          investigationNote: z.string().trim().min(1, bi('请填写核查情况', 'enter the investigation note')).max(5000),
          reason: z.string().trim().min(1, bi('请填写处理理由', 'enter the reason')).max(2000),
        }),
        response: { 200: Detail },
      },
    },
    async (req) => service.handleObjection(db, actorOf(req), auditContext(req), req.params.id, req.params.oid, req.body),
  );

  app.post(
    '/notices/:id/conclude',
    {
      config: { policy: workers },
      schema: { tags: ['notices'], summary: '公示期满办结（无异议或异议已处理的申请进入下一环节）', params: Id, body: z.strictObject({}).optional(), response: { 200: Detail } },
    },
    async (req) => service.concludeNotice(db, actorOf(req), auditContext(req), req.params.id),
  );

  // ---- public portal ----

  app.get(
    '/public/notices',
    {
      config: { policy: publicRoute('public notices (公示) are published for anyone to read') },
      schema: { tags: ['portal'], summary: '公示列表（公开）', querystring: PageQuery.strict(), response: { 200: pageOf(Summary.extend({ entries: z.number().int() })) } },
    },
    async (req) => service.listPublicNotices(db, req.query.page, req.query.pageSize),
  );

  app.get(
    '/public/notices/:id',
    {
      config: { policy: publicRoute('a public notice (公示) is published for anyone to read') },
      schema: { tags: ['portal'], summary: '公示详情（公开，不含异议）', params: Id, response: { 200: Summary.extend({ body: z.string(), entries: z.array(PublicEntry) }) } },
    },
    async (req) => service.getPublicNotice(db, req.params.id),
  );

  app.post(
    '/public/notices/:id/objections',
    {
      config: {
        policy: publicRoute('anyone may object to a public notice under real name while it runs (002 §四)'),
        // Each objection stores a file and notifies staff: a few per address and quarter hour is plenty.
        rateLimit: { max: 5, timeWindow: '15 minutes' },
      },
      schema: {
        tags: ['portal'],
        summary: '提出异议（multipart：entryId、name、contact、grounds，可选 evidence 文件 PDF/JPG/PNG，文件放在最后）',
        consumes: ['multipart/form-data'],
        params: Id,
        response: { 201: z.object({ id: z.uuid(), createdAt: z.date() }) },
      },
    },
    async (req, reply) => {
      if (!req.isMultipart()) throw new AppError('BAD_REQUEST', { zh: '请以 multipart/form-data 提交异议', en: 'Send the objection as multipart/form-data' });
      try {
        const fields: Record<string, string> = {};
        let evidence: IncomingFile | undefined;
        // The text fields come first; the evidence file, when sent, is the last part and is streamed.
        for await (const part of form.parts(req)) {
          if (part.kind === 'file') {
            if (part.name !== 'evidence') {
              part.stream.resume();
              throw new AppError('VALIDATION_FAILED', { fields: [{ field: `body.${part.name}`, message: '文件字段应为 evidence', messageEn: 'the file field is "evidence"' }] });
            }
            evidence = { filename: part.filename, stream: part.stream };
            break;
          }
          fields[part.name] = part.value;
        }
        const parsed = ObjectionFields.safeParse(fields);
        if (!parsed.success) {
          evidence?.stream.resume();
          throw invalid(parsed.error, 'body', fields);
        }
        return reply.status(201).send(await service.fileObjection(db, config, auditContext(req), req.params.id, parsed.data, evidence));
      } catch (err) {
        // Refused before the whole body arrived: the rest of it would sit on a kept-alive socket.
        if (!req.raw.complete) reply.header('connection', 'close');
        throw err;
      }
    },
  );
};
