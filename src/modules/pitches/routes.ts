import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { KEY_INDUSTRIES } from '../../shared/domain.ts';
import { actorOf, auditContext } from '../../shared/http/context.ts';
import { sendDownload } from '../../shared/http/download.ts';
import { PageQuery, pageOf } from '../../shared/http/pagination.ts';
import { fileParams, idParams, keywordFilter, optionalText, RevisionBody, SpaceParams, spaceFilter, text, uuid, queryFlag } from '../../shared/http/params.ts';
import { publicRoute, signedIn } from '../../shared/http/policy.ts';
import { revisionInput } from '../../shared/http/revision.ts';
import { sortQuery } from '../../shared/http/sorting.ts';
import { bi } from '../../shared/i18n-errors.ts';
import { can } from './policy.ts';
import { APPLICATION_SORTS, CALL_SORTS, REVIEW_SORTS } from './repository.ts';
import { PITCH_APPLICATION_STATES, PITCH_CALL_STATES, PROJECT_STAGES } from './schema.ts';
import * as service from './service.ts';
import { PITCH_CALL_ACTIONS } from './transitions.ts';

const instant = (zh: string) => z.iso.datetime({ offset: true, message: bi(`${zh}应为带时区的 ISO 时间，如 2026-06-30T09:00:00+08:00`, 'an ISO instant with offset, e.g. 2026-06-30T09:00:00+08:00') });
const int = (zh: string, min: number, max: number) =>
  z
    .number(bi(`${zh}应为整数`, 'must be a whole number'))
    .int(bi(`${zh}应为整数`, 'must be a whole number'))
    .min(min, bi(`${zh}不能小于 ${min}`, `at least ${min}`))
    .max(max, bi(`${zh}不能大于 ${max}`, `at most ${max}`));

const CallBody = z.strictObject({
  eventId: uuid('应为本空间的路演或大赛活动编号', 'must be an event id'),
  title: text('征集名称', 4, 100),
  field: z.enum(KEY_INDUSTRIES, bi('技术领域无效', 'not a field')),
  eligibility: text('申报条件', 4, 2000),
  opensAt: instant('申请开始时间'),
  closesAt: instant('申请截止时间'),
  criteria: z
    .array(z.strictObject({ name: text('评分项名称', 2, 50), weight: int('评分项权重', 1, 100) }), bi('评分项应为列表', 'must be a list'))
    .min(1, bi('请至少设置一个评分项', 'at least one criterion'))
    .max(10, bi('评分项不超过 10 个', 'at most 10 criteria'))
    .describe('Name and weight in percent; the weights add up to 100.'),
  awardCount: int('奖项（名次）数', 1, 100),
  panelUserIds: z
    .array(uuid('评审成员应为账号编号', 'must be an account id'))
    .min(1, bi('请至少选择一名评审成员', 'choose at least one reviewer'))
    .max(15, bi('评审成员不超过 15 人', 'at most 15 reviewers'))
    .describe('Experts or members of the space’s operator (GET /api/pitch-calls/panel-candidates).'),
});
type CallBodyT = z.infer<typeof CallBody>;
const toCallInput = (b: CallBodyT): service.CallInput => ({ ...b, opensAt: new Date(b.opensAt), closesAt: new Date(b.closesAt) });

const ApplicationBody = z.strictObject({
  projectName: text('项目名称', 2, 100),
  summary: text('项目简介', 10, 5000),
  stage: z.enum(PROJECT_STAGES, bi('项目阶段应为创意、原型、初创或成长', 'stage is idea, prototype, early_revenue or growth')),
  team: text('团队介绍', 2, 2000),
  fileIds: z.array(uuid('应为文件编号', 'must be a file id')).max(10, bi('申请材料不超过 10 个', 'at most 10 files')).describe('Uploaded first through POST /api/files by the team.'),
});

const Criterion = z.object({ key: z.string(), name: z.string(), weight: z.number() });
const Result = z.object({ rank: z.number().int().nullable(), projectName: z.string(), teamName: z.string(), award: z.string().nullable() });
const eventKind = z.enum(['roadshow', 'competition']);

const Call = z.object({
  id: z.uuid(),
  spaceId: z.uuid(),
  spaceName: z.string(),
  regionName: z.string(),
  eventId: z.uuid(),
  eventTitle: z.string(),
  eventKind,
  eventStartsAt: z.date(),
  title: z.string(),
  field: z.enum(KEY_INDUSTRIES),
  eligibility: z.string(),
  opensAt: z.date(),
  closesAt: z.date(),
  criteria: z.array(Criterion),
  awardCount: z.number().int(),
  state: z.enum(PITCH_CALL_STATES),
  cancelReason: z.string().nullable(),
  publishedAt: z.date().nullable(),
  applicationCount: z.number().int(),
  revision: z.number().int(),
  onPanel: z.boolean(),
  canManage: z.boolean().describe('The reader keeps the call (its space’s operator).'),
  actions: z.array(z.enum(PITCH_CALL_ACTIONS)).describe('The moves the reader may make now.'),
  canEdit: z.boolean(),
  canApply: z.boolean(),
});
const OpenCall = Call.extend({ myApplicationId: z.uuid().nullable() });
const CallDetail = OpenCall.extend({
  panel: z.array(z.object({ userId: z.uuid(), displayName: z.string(), orgName: z.string() })).describe('For the organiser and the panel only; empty for others.'),
  results: z.array(Result).describe('Once published.'),
});

const Application = z.object({
  id: z.uuid(),
  callId: z.uuid(),
  teamName: z.string(),
  projectName: z.string(),
  summary: z.string(),
  stage: z.enum(PROJECT_STAGES),
  state: z.enum(PITCH_APPLICATION_STATES),
  fileCount: z.number().int(),
  submittedAt: z.date(),
  updatedAt: z.date(),
  revision: z.number().int(),
  mean: z.number().nullable().describe('Mean of the reviewers’ weighted totals; for the panel and the organiser (the team once published).'),
  scored: z.number().int(),
  recused: z.number().int().describe('Reviewers who declared a conflict of interest.'),
  award: z.string().nullable(),
  rank: z.number().int().nullable(),
});
const RankedApplication = Application.extend({ submitterName: z.string() });
const SheetOut = z.object({ conflict: z.boolean(), conflictNote: z.string().nullable(), scores: z.record(z.string(), z.number()).nullable(), total: z.number().nullable(), comment: z.string().nullable() });
const ApplicationDetail = Application.extend({
  finalScore: z.number().nullable(),
  team: z.string(),
  submitterName: z.string(),
  callTitle: z.string(),
  callState: z.enum(PITCH_CALL_STATES),
  closesAt: z.date(),
  criteria: z.array(Criterion),
  files: z.array(z.object({ id: z.uuid(), originalName: z.string(), sizeBytes: z.number().int(), mimeType: z.string() })),
  scores: z.array(SheetOut.extend({ reviewer: z.string(), scoredAt: z.date() })).describe('For the panel and the organiser only.'),
  myScore: SheetOut.nullable(),
  canScore: z.boolean(),
  canChange: z.boolean().describe('The team may still edit or withdraw (window open).'),
});

const CallFilters = {
  spaceId: spaceFilter,
  state: z.enum(PITCH_CALL_STATES, bi('征集状态无效', 'not a call state')).optional(),
  q: keywordFilter,
  ...sortQuery(CALL_SORTS, 'the newest first'),
};

const IdParams = idParams('应为征集编号', 'must be a call id');
const AppParams = idParams('应为申请编号', 'must be an application id');
const FileParams = fileParams('应为申请编号', 'must be an application id');

export const pitchRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.ctx;
  const managers = signedIn('pitch.manage', (a) => can(a, 'pitch.manage'));
  const makers = signedIn('pitch.apply', (a) => can(a, 'pitch.apply'));
  const reviewers = signedIn('pitch.review', (a) => can(a, 'pitch.review'));
  // Any signed-in reader: the call's or application's own policy decides (404 when out of scope).
  const readers = signedIn('pitch.read');

  app.get(
    '/pitch-calls/panel-candidates',
    { config: { policy: managers }, schema: { tags: ['pitches'], summary: '可选评审成员（评审专家与本单位人员）', response: { 200: z.array(z.object({ userId: z.uuid(), displayName: z.string(), orgName: z.string(), expert: z.boolean() })) } } },
    async (req) => service.panelCandidates(db, actorOf(req)),
  );

  app.get(
    '/pitch-calls',
    { config: { policy: managers }, schema: { tags: ['pitches'], summary: '本单位众创空间的路演与大赛征集', querystring: PageQuery.extend(CallFilters).strict(), response: { 200: pageOf(Call) } } },
    async (req) => service.listManaged(db, actorOf(req), req.query),
  );

  app.post(
    '/pitch-calls/spaces/:spaceId',
    { config: { policy: managers }, schema: { tags: ['pitches'], summary: '新建路演/大赛征集（草稿）', params: SpaceParams, body: CallBody, response: { 201: CallDetail } } },
    async (req, reply) => reply.status(201).send(await service.createCall(db, actorOf(req), auditContext(req), req.params.spaceId, toCallInput(req.body))),
  );

  app.get(
    '/pitch-calls/:id',
    { config: { policy: readers }, schema: { tags: ['pitches'], summary: '征集详情', params: IdParams, response: { 200: CallDetail } } },
    async (req) => service.readCall(db, actorOf(req), req.params.id),
  );

  app.put(
    '/pitch-calls/:id',
    { config: { policy: managers }, schema: { tags: ['pitches'], summary: '修改征集（评审开始前）', params: IdParams, body: CallBody.extend({ revision: revisionInput() }), response: { 200: CallDetail } } },
    async (req) => service.editCall(db, actorOf(req), auditContext(req), req.params.id, { ...toCallInput(req.body), revision: req.body.revision }),
  );

  for (const [action, summary, fn] of [
    ['open', '发布征集（开始接受申请）', service.openCall],
    ['review', '申请期结束，开始评审', service.startReview],
    ['publish', '公布结果（按加权平均分排名）', service.publishResults],
  ] as const)
    app.post(
      `/pitch-calls/:id/${action}`,
      { config: { policy: managers }, schema: { tags: ['pitches'], summary, params: IdParams, body: RevisionBody, response: { 200: CallDetail } } },
      async (req) => fn(db, actorOf(req), auditContext(req), req.params.id, req.body),
    );

  app.post(
    '/pitch-calls/:id/cancel',
    { config: { policy: managers }, schema: { tags: ['pitches'], summary: '取消征集（须说明理由）', params: IdParams, body: z.strictObject({ reason: text('理由', 2, 500), revision: revisionInput() }), response: { 200: CallDetail } } },
    async (req) => service.cancelCall(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.put(
    '/pitch-calls/:id/awards',
    {
      config: { policy: managers },
      schema: {
        tags: ['pitches'],
        summary: '评定奖项（不超过设定的名次数）',
        params: IdParams,
        body: z.strictObject({
          awards: z.array(z.strictObject({ applicationId: uuid('应为申请编号', 'must be an application id'), award: text('奖项名称', 2, 50) })).max(100, bi('奖项过多', 'too many awards')),
          revision: revisionInput(),
        }),
        response: { 200: CallDetail },
      },
    },
    async (req) => service.decideAwards(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.get(
    '/pitch-calls/:id/applications',
    {
      config: { policy: readers },
      schema: {
        tags: ['pitches'],
        summary: '征集的申请与排名（评审组与主办方）',
        params: IdParams,
        querystring: PageQuery.extend({ ...sortQuery(APPLICATION_SORTS, 'by rank, then the earliest first') }).strict(),
        response: { 200: pageOf(RankedApplication) },
      },
    },
    async (req) => service.listApplications(db, actorOf(req), req.params.id, req.query),
  );

  app.post(
    '/pitch-calls/:id/applications',
    { config: { policy: makers }, schema: { tags: ['pitches'], summary: '提交参赛申请（申请期内，每个团队一份）', params: IdParams, body: ApplicationBody, response: { 201: ApplicationDetail } } },
    async (req, reply) => reply.status(201).send(await service.apply(db, actorOf(req), auditContext(req), req.params.id, req.body)),
  );

  app.get(
    '/pitches/open',
    { config: { policy: makers }, schema: { tags: ['pitches'], summary: '可申请的路演与大赛征集（创客）', querystring: PageQuery.extend({ q: CallFilters.q, spaceId: CallFilters.spaceId, sort: CallFilters.sort, order: CallFilters.order }).strict(), response: { 200: pageOf(OpenCall) } } },
    async (req) => service.listOpen(db, actorOf(req), req.query),
  );

  app.get(
    '/pitches/mine',
    {
      config: { policy: makers },
      schema: {
        tags: ['pitches'],
        summary: '本团队的参赛申请',
        querystring: PageQuery.strict(),
        response: {
          200: pageOf(
            z.object({
              id: z.uuid(),
              callId: z.uuid(),
              callTitle: z.string(),
              callState: z.enum(PITCH_CALL_STATES),
              eventKind,
              spaceName: z.string(),
              closesAt: z.date(),
              projectName: z.string(),
              state: z.enum(PITCH_APPLICATION_STATES),
              submittedAt: z.date(),
              rank: z.number().int().nullable(),
              award: z.string().nullable(),
            }),
          ),
        },
      },
    },
    async (req) => service.myApplications(db, actorOf(req), req.query),
  );

  app.get(
    '/pitch-applications/:id',
    { config: { policy: readers }, schema: { tags: ['pitches'], summary: '参赛申请详情', params: AppParams, response: { 200: ApplicationDetail } } },
    async (req) => service.readApplication(db, actorOf(req), req.params.id),
  );

  app.put(
    '/pitch-applications/:id',
    { config: { policy: makers }, schema: { tags: ['pitches'], summary: '修改参赛申请（申请期内）', params: AppParams, body: ApplicationBody.extend({ revision: revisionInput() }), response: { 200: ApplicationDetail } } },
    async (req) => service.editApplication(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.post(
    '/pitch-applications/:id/withdraw',
    { config: { policy: makers }, schema: { tags: ['pitches'], summary: '撤回参赛申请（申请期内）', params: AppParams, body: RevisionBody, response: { 200: ApplicationDetail } } },
    async (req) => service.withdrawApplication(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.get(
    '/pitch-reviews',
    {
      config: { policy: reviewers },
      schema: {
        tags: ['pitches'],
        summary: '我评审的参赛申请（申请期结束后）',
        querystring: PageQuery.extend({
          pending: queryFlag().optional().describe('Only those still to score.'),
          ...sortQuery(REVIEW_SORTS, 'the latest closing first'),
        }).strict(),
        response: {
          200: pageOf(
            z.object({
              applicationId: z.uuid(),
              projectName: z.string(),
              stage: z.enum(PROJECT_STAGES),
              teamName: z.string(),
              callId: z.uuid(),
              callTitle: z.string(),
              callState: z.enum(PITCH_CALL_STATES),
              spaceName: z.string(),
              closesAt: z.date(),
              conflict: z.boolean().nullable().describe('The reviewer’s declaration; null before their sheet.'),
              total: z.number().nullable(),
              scoredAt: z.date().nullable(),
              canScore: z.boolean(),
            }),
          ),
        },
      },
    },
    async (req) => service.reviewQueue(db, actorOf(req), req.query),
  );

  app.post(
    '/pitch-applications/:id/score',
    {
      config: { policy: reviewers },
      schema: {
        tags: ['pitches'],
        summary: '评审评分（逐项 0–100 分，并声明有无利益冲突）',
        params: AppParams,
        body: z.strictObject({
          conflict: z.boolean(bi('请声明是否存在利益冲突', 'declare whether you have a conflict of interest')).describe('True: the reviewer declares a conflict and does not score.'),
          conflictNote: optionalText('利益冲突说明', 500),
          scores: z
            .record(z.string().max(20), z.number(bi('分数应为 0–100 的数字', 'a number 0–100')), bi('评分应为按评分项的分数', 'scores by criterion'))
            .optional()
            .describe('Score 0–100 of every criterion by its key (c1, c2, …); absent with a conflict.'),
          comment: optionalText('评语', 1000),
        }),
        response: { 200: ApplicationDetail },
      },
    },
    async (req) => service.scoreApplication(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.get(
    '/pitch-applications/:id/files/:fileId/download',
    { config: { policy: readers }, schema: { tags: ['pitches'], summary: '下载申请材料（记入审计）', params: FileParams } },
    async (req, reply) => {
      const { meta, stream } = await service.openApplicationFile(db, config, auditContext(req), actorOf(req), req.params.id, req.params.fileId);
      return sendDownload(reply, { contentType: meta.mimeType, fileName: meta.originalName, body: stream, sizeBytes: meta.sizeBytes });
    },
  );

  // ---- the portal: no sign-in ----

  app.get(
    '/portal/pitches',
    {
      config: { policy: publicRoute('the portal announces open roadshow and competition calls and their published results (登记和宣传); no person or score sheet is shown') },
      schema: {
        tags: ['pitches'],
        summary: '路演与大赛：征集中与已公布结果',
        querystring: PageQuery.extend({
          state: z.enum(['open', 'published'], bi('状态应为征集中或已公布', 'open or published')).optional(),
          spaceId: CallFilters.spaceId,
          eventId: uuid('应为活动编号', 'must be an event id').optional(),
          q: CallFilters.q,
          ...sortQuery(CALL_SORTS, 'the newest first'),
        }).strict(),
        response: {
          200: pageOf(
            Call.pick({ id: true, spaceId: true, spaceName: true, regionName: true, eventId: true, eventTitle: true, eventKind: true, eventStartsAt: true, title: true, field: true, eligibility: true, opensAt: true, closesAt: true, criteria: true, awardCount: true, publishedAt: true, applicationCount: true }).extend({
              state: z.enum(['open', 'published']),
              results: z.array(Result).describe('Published results: rank, project, team and award only.'),
            }),
          ),
        },
      },
    },
    async (req) => service.publicCalls(db, req.query),
  );
};
