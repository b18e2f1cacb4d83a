import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bi } from '../../shared/i18n-errors.ts';
import { actorOf, auditContext } from '../../shared/http/context.ts';
import { PageQuery, pageOf } from '../../shared/http/pagination.ts';
import { sortQuery } from '../../shared/http/sorting.ts';
import { publicRoute, signedIn } from '../../shared/http/policy.ts';
import { AllMatching } from '../../shared/http/selection.ts';
import { decides, releases } from './policy.ts';
import * as service from './service.ts';

const uuid = (zh: string, en: string) => z.uuid(bi(zh, en));
const Id = z.strictObject({ id: uuid('应为编号（UUID）', 'must be an id (UUID)') });
const LEVELS = ['city', 'province', 'national'] as const;
const StageKey = z.string().trim().min(1, bi('请选择审定环节', 'choose the decision stage')).max(64);
const CallId = uuid('应为申报批次编号', 'must be a call id');

const Verdict = z.strictObject({
  key: z.string().min(1).max(64),
  verdict: z.enum(['ok', 'problem', 'not_applicable'], bi('核查结论应为符合、存在问题或不适用', 'verdict must be ok, problem or not_applicable')),
  note: z.string().max(2000, bi('核查意见不超过 2000 字', 'at most 2000 characters')),
});
const DecisionBody = {
  outcome: z.enum(['approve', 'reject'], bi('审定结论应为同意或不同意', 'outcome must be approve or reject')),
  reason: z.string().trim().min(1, bi('请填写审定理由', 'give the reason')).max(2000, bi('审定理由不超过 2000 字', 'at most 2000 characters')),
  checklist: z.array(Verdict).max(20),
};

const Decision = z.object({
  id: z.uuid(),
  applicationId: z.uuid(),
  stageKey: z.string(),
  outcome: z.enum(['approve', 'reject']),
  reason: z.string(),
  checklist: z.array(z.object({ key: z.string(), verdict: z.enum(['ok', 'problem', 'not_applicable']), note: z.string() })),
  status: z.enum(['pending', 'released', 'superseded']),
  listId: z.uuid().nullable().describe('The list it was released in.'),
  supersededBy: z.uuid().nullable().describe('The reversal that replaced it; null on a superseded decision when the acceptance was withdrawn (a reopened return).'),
  decidedAt: z.date(),
  releasedAt: z.date().nullable(),
  space: z.object({ id: z.uuid(), name: z.string(), regionName: z.string() }),
  operator: z.object({ id: z.uuid(), name: z.string() }),
});

const Candidate = z.object({
  applicationId: z.uuid(),
  space: z.object({ id: z.uuid(), name: z.string(), regionName: z.string() }),
  operator: z.object({ id: z.uuid(), name: z.string() }),
  stageEnteredAt: z.date().nullable(),
  stageDueAt: z.date().nullable(),
  evaluationOverall: z.string().nullable().describe('pass / fail / … of the criteria evaluation the application was submitted with.'),
  decision: Decision.nullable(),
});

const PublicList = z.object({
  id: z.uuid(),
  kind: z.enum(['filing', 'recommendation']).describe("filing: 备案名单 at the chain's last stage; recommendation: a stage's 推荐名单."),
  level: z.enum(LEVELS),
  title: z.string(),
  documentNumber: z.string().describe('文号, e.g. 许科〔2026〕15号.'),
  issuedOn: z.string(),
  publishedAt: z.date(),
  authority: z.string().describe('The publishing authority.'),
});
const PublicEntry = z.object({
  id: z.uuid(),
  spaceName: z.string(),
  operatorName: z.string(),
  regionName: z.string(),
  status: z.enum(['listed', 'removed']).describe('removed: struck out by a later reversal or a fraud finding, with the reason.'),
  removedReason: z.string().nullable(),
  changedAt: z.date().nullable(),
});

export const filingRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;
  const deciders = signedIn('decision.record', decides);
  const releasers = signedIn('decision.release', releases);

  app.get(
    '/decisions/candidates',
    {
      config: { policy: deciders },
      schema: {
        tags: ['decisions'],
        summary: '审定环节待审定的申请（含已记录的待发布意见和条件评估结论）',
        querystring: PageQuery.extend({ callId: CallId, stageKey: StageKey, ...sortQuery(service.CANDIDATE_SORTS, 'the earliest arrival at the stage first') }).strict(),
        response: {
          200: pageOf(Candidate).extend({
            pending: z.number().int().describe('Pending decisions of the whole stage in your jurisdiction: what a release of `all` publishes (its `expectedCount`).'),
            stage: z.object({ key: z.string(), name: z.string(), nameEn: z.string(), checklist: z.array(z.object({ key: z.string(), label: z.string(), labelEn: z.string() })), final: z.boolean() }),
          }),
        },
      },
    },
    async (req) => service.decisionCandidates(db, actorOf(req), req.query),
  );

  app.get(
    '/decisions',
    {
      config: { policy: deciders },
      schema: {
        tags: ['decisions'],
        summary: '本环节的审定意见（待发布、已发布、已更正）',
        querystring: PageQuery.extend({
          callId: CallId,
          stageKey: StageKey,
          status: z.enum(['pending', 'released', 'superseded']).optional(),
          ...sortQuery(service.DECISION_SORTS, 'pending first, then the newest release'),
        }).strict(),
        response: { 200: pageOf(Decision) },
      },
    },
    async (req) => service.listDecisions(db, actorOf(req), req.query),
  );

  app.post(
    '/decisions',
    {
      config: { policy: deciders },
      schema: {
        tags: ['decisions'],
        summary: '记录审定意见（待发布；每个核查项须有结论和意见）',
        body: z.strictObject({ applicationId: uuid('应为申请编号', 'must be an application id'), stageKey: StageKey, ...DecisionBody }),
        response: { 201: Decision },
      },
    },
    async (req, reply) => reply.status(201).send(await service.recordDecision(db, actorOf(req), auditContext(req), req.body)),
  );

  app.put(
    '/decisions/:id',
    {
      config: { policy: deciders },
      schema: { tags: ['decisions'], summary: '修改待发布的审定意见', params: Id, body: z.strictObject(DecisionBody), response: { 200: Decision } },
    },
    async (req) => service.updateDecision(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.delete(
    '/decisions/:id',
    {
      config: { policy: deciders },
      schema: { tags: ['decisions'], summary: '撤回待发布的审定意见', params: Id, response: { 204: z.undefined() } },
    },
    async (req, reply) => {
      await service.withdrawDecision(db, actorOf(req), auditContext(req), req.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/decisions/release',
    {
      config: { policy: releasers },
      schema: {
        tags: ['decisions'],
        summary: '发布审定结果（备案名单或推荐名单，含文号和日期；所选意见或本环节全部待发布意见）',
        body: z.strictObject({
          callId: CallId,
          stageKey: StageKey,
          decisionIds: z
            .array(uuid('应为审定意见编号', 'must be a decision id'))
            .min(1, bi('请选择要发布的审定意见', 'choose the decisions to release'))
            .max(500)
            .optional()
            .describe('The pending decisions chosen; or `all` (every pending decision of the stage).'),
          ...AllMatching,
          title: z.string().trim().min(1, bi('请填写名单标题', 'give the list a title')).max(200),
          documentNumber: z
            .string()
            .trim()
            .regex(/^\S+〔\d{4}〕\d+号$/, bi('文号格式应如“许科〔2026〕15号”', 'the document number must look like 许科〔2026〕15号')),
          issuedOn: z.iso.date(bi('发文日期应为 YYYY-MM-DD', 'the issue date must be YYYY-MM-DD')),
        }),
        response: { 201: PublicList.extend({ entries: z.array(PublicEntry) }) },
      },
    },
    async (req, reply) => reply.status(201).send(await service.releaseDecisions(db, actorOf(req), auditContext(req), req.body)),
  );

  app.post(
    '/decisions/:id/reverse',
    {
      config: { policy: releasers },
      schema: {
        tags: ['decisions'],
        summary: '更正已发布的审定结果（须说明理由）',
        params: Id,
        body: z.strictObject({ reason: z.string().trim().min(1, bi('请填写更正理由', 'give the reason')).max(2000) }),
        response: { 200: Decision },
      },
    },
    async (req) => service.reverseDecision(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.get(
    '/filings',
    {
      config: { policy: signedIn('filing.read') },
      schema: {
        tags: ['filings'],
        summary: '众创空间的备案记录',
        querystring: z.strictObject({ spaceId: uuid('应为众创空间编号', 'must be a space id') }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.uuid(),
                level: z.enum(LEVELS),
                status: z.enum(['active', 'cancelled']),
                filedAt: z.date(),
                cancelledReason: z.string().nullable(),
                cancelledAt: z.date().nullable(),
                list: z.object({ id: z.uuid(), title: z.string(), documentNumber: z.string(), issuedOn: z.string() }),
              }),
            ),
          }),
        },
      },
    },
    async (req) => service.spaceFilings(db, actorOf(req), req.query.spaceId),
  );

  const published = publicRoute('备案名单和推荐名单由主管部门公开发布');
  app.get(
    '/public/filing-lists',
    {
      config: { policy: published },
      schema: {
        tags: ['portal'],
        summary: '公开发布的备案名单和推荐名单，或撤销名单（最新在前）',
        querystring: PageQuery.extend({
          level: z.enum(LEVELS).optional(),
          kind: z.enum(service.PUBLIC_LIST_KINDS).optional().describe('filing (default): 备案名单 and 推荐名单; revocation: 撤销名单, the released revocations'),
          ...sortQuery(service.LIST_SORTS, 'the newest first'),
        }).strict(),
        response: { 200: pageOf(PublicList.extend({ entryCount: z.number().int() })) },
      },
    },
    async (req) => service.publicLists(db, req.query),
  );

  app.get(
    '/public/filing-lists/:id',
    {
      config: { policy: published },
      schema: { tags: ['portal'], summary: '名单详情（当前状态，含撤销原因）', params: Id, response: { 200: PublicList.extend({ entries: z.array(PublicEntry) }) } },
    },
    async (req) => service.publicList(db, req.params.id),
  );
};
