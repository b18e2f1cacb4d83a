import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { KEY_INDUSTRIES } from '../../shared/domain.ts';
import { actorOf, auditContext } from '../../shared/http/context.ts';
import { EXPORT_RATE, XLSX, sendDownload, sendGenerated } from '../../shared/http/download.ts';
import { PageQuery, pageOf } from '../../shared/http/pagination.ts';
import { fileParams, idParams, keywordFilter, optionalText, RevisionBody, SpaceParams, spaceFilter, text, uuid } from '../../shared/http/params.ts';
import { publicRoute, signedIn } from '../../shared/http/policy.ts';
import { revisionInput } from '../../shared/http/revision.ts';
import { sortQuery } from '../../shared/http/sorting.ts';
import { yearQueryField } from '../../shared/http/year.ts';
import { bi } from '../../shared/i18n-errors.ts';
import { exportJurisdictionCrowd } from './excel.ts';
import { can } from './policy.ts';
import { CHALLENGE_SORTS, JURISDICTION_SORTS } from './repository.ts';
import { CHALLENGE_STATES, IP_TERMS } from './schema.ts';
import { CHALLENGE_ACTIONS } from './transitions.ts';
import * as service from './service.ts';

const ChallengeBody = z.strictObject({
  title: text('任务名称', 4, 100),
  field: z.enum(KEY_INDUSTRIES, bi('技术领域无效', 'not a field')),
  description: text('任务说明', 10, 5000),
  deliverables: text('交付成果要求', 4, 2000),
  ipTerms: z.enum(IP_TERMS, bi('知识产权归属应为归属发包方、归属解题方、共有或许可使用', 'IP terms are issuer, solver, shared or licence')),
  confidentiality: text('保密要求', 2, 2000),
  rewardYuan: z
    .number(bi('奖金应为整数（单位：元）', 'must be a whole number of yuan'))
    .int(bi('奖金应为整数（单位：元）', 'must be a whole number of yuan'))
    .min(0, bi('奖金不能为负数', 'cannot be negative'))
    .max(100_000_000, bi('奖金过大', 'too large'))
    .describe('元'),
  deadline: z.iso.date(bi('截止日期应为 YYYY-MM-DD', 'must be a date YYYY-MM-DD')).describe('The last day (Beijing) solutions are taken.'),
  panelUserIds: z
    .array(uuid('评审组成员应为账号编号', 'must be an account id'))
    .min(1, bi('请至少选择一名评审组成员', 'choose at least one panel member'))
    .max(15, bi('评审组成员不超过 15 人', 'at most 15 panel members'))
    .describe('Experts or members of the space’s operator (GET /api/crowd/panel-candidates).'),
});

const Award = z.object({ solutionId: z.uuid(), teamName: z.string(), rewardYuan: z.number().int(), ipTerms: z.enum(IP_TERMS).describe('The terms the accepted solution is bound by.'), note: z.string().nullable(), awardedAt: z.date() });

const Challenge = z.object({
  id: z.uuid(),
  spaceId: z.uuid(),
  spaceName: z.string(),
  regionName: z.string(),
  title: z.string(),
  field: z.enum(KEY_INDUSTRIES),
  description: z.string(),
  deliverables: z.string(),
  ipTerms: z.enum(IP_TERMS),
  confidentiality: z.string(),
  rewardYuan: z.number().int().describe('元'),
  deadline: z.string(),
  state: z.enum(CHALLENGE_STATES),
  closeReason: z.string().nullable(),
  publishedAt: z.date().nullable(),
  solutionCount: z.number().int(),
  award: Award.nullable(),
  revision: z.number().int(),
  onPanel: z.boolean(),
  canManage: z.boolean().describe('The reader keeps the challenge (its space’s operator): sees every solution’s outline and the panel’s scores (its content only if on the panel), makes the moves, awards.'),
  actions: z.array(z.enum(CHALLENGE_ACTIONS)).describe('The moves the reader may make now.'),
  canEdit: z.boolean(),
  canSubmit: z.boolean(),
});

const ChallengeDetail = Challenge.extend({
  panel: z.array(z.object({ userId: z.uuid(), displayName: z.string(), orgName: z.string() })).describe('For the operator and the panel only; empty for others.'),
  mySolutionId: z.uuid().nullable().describe('The reader’s team’s solution, if any.'),
});

const Solution = z.object({
  id: z.uuid(),
  challengeId: z.uuid(),
  teamName: z.string(),
  title: z.string(),
  submittedAt: z.date(),
  contentVisible: z.boolean().describe('The reader sees the content (the submitting team, the panel); the space’s operator off the panel does not, and the content fields are null.'),
  submitterName: z.string().nullable().describe('Null unless contentVisible.'),
  summary: z.string().nullable().describe('Null unless contentVisible.'),
  fileCount: z.number().int().nullable().describe('Null unless contentVisible.'),
  averageScore: z.number().nullable().describe('For the panel and the operator only.'),
  scoreCount: z.number().int(),
});

const SolutionDetail = Solution.extend({
  challengeTitle: z.string(),
  challengeState: z.enum(CHALLENGE_STATES),
  awarded: z.boolean(),
  files: z.array(z.object({ id: z.uuid(), originalName: z.string(), sizeBytes: z.number().int(), mimeType: z.string() })).nullable().describe('Null unless contentVisible.'),
  scores: z.array(z.object({ reviewer: z.string(), score: z.number().int(), comment: z.string().nullable(), scoredAt: z.date() })),
  myScore: z.object({ score: z.number().int(), comment: z.string().nullable() }).nullable(),
  canScore: z.boolean(),
});

const ChallengeFilters = {
  spaceId: spaceFilter,
  state: z.enum(CHALLENGE_STATES, bi('任务状态无效', 'not a challenge state')).optional(),
  q: keywordFilter,
  ...sortQuery(CHALLENGE_SORTS, 'the newest first'),
};

const IdParams = idParams('应为众包任务编号', 'must be a challenge id');
const SolutionParams = idParams('应为方案编号', 'must be a solution id');
const FileParams = fileParams('应为方案编号', 'must be a solution id');

export const crowdRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.ctx;
  const managers = signedIn('crowd.manage', (a) => can(a, 'crowd.manage'));
  const makers = signedIn('crowd.submit', (a) => can(a, 'crowd.submit'));
  // Any signed-in reader: the challenge's or solution's own policy decides (404 when out of scope).
  const readers = signedIn('crowd.read');

  app.get(
    '/crowd/panel-candidates',
    { config: { policy: managers }, schema: { tags: ['crowd'], summary: '可选评审组成员（评审专家与本单位人员）', response: { 200: z.array(z.object({ userId: z.uuid(), displayName: z.string(), orgName: z.string(), expert: z.boolean() })) } } },
    async (req) => service.panelCandidates(db, actorOf(req)),
  );

  app.get(
    '/crowd/challenges',
    { config: { policy: managers }, schema: { tags: ['crowd'], summary: '本单位众创空间的众包任务', querystring: PageQuery.extend(ChallengeFilters).strict(), response: { 200: pageOf(Challenge) } } },
    async (req) => service.listManaged(db, actorOf(req), req.query),
  );

  app.get(
    '/crowd/panel',
    { config: { policy: signedIn('crowd.panel', (a) => can(a, 'crowd.panel')) }, schema: { tags: ['crowd'], summary: '我参加评审的众包任务', querystring: PageQuery.extend(ChallengeFilters).strict(), response: { 200: pageOf(Challenge) } } },
    async (req) => service.listPanel(db, actorOf(req), req.query),
  );

  app.get(
    '/crowd/published',
    { config: { policy: makers }, schema: { tags: ['crowd'], summary: '已发布的众包任务（创客）', querystring: PageQuery.extend(ChallengeFilters).strict(), response: { 200: pageOf(Challenge) } } },
    async (req) => service.listPublished(db, actorOf(req), req.query),
  );

  app.post(
    '/crowd/spaces/:spaceId/challenges',
    { config: { policy: managers }, schema: { tags: ['crowd'], summary: '新建众包任务（草稿）', params: SpaceParams, body: ChallengeBody, response: { 201: ChallengeDetail } } },
    async (req, reply) => reply.status(201).send(await service.createChallenge(db, actorOf(req), auditContext(req), req.params.spaceId, req.body)),
  );

  app.get(
    '/crowd/challenges/:id',
    { config: { policy: readers }, schema: { tags: ['crowd'], summary: '众包任务详情', params: IdParams, response: { 200: ChallengeDetail } } },
    async (req) => service.readChallenge(db, actorOf(req), req.params.id),
  );

  app.put(
    '/crowd/challenges/:id',
    { config: { policy: managers }, schema: { tags: ['crowd'], summary: '修改众包任务（草稿）', params: IdParams, body: ChallengeBody.extend({ revision: revisionInput() }), response: { 200: ChallengeDetail } } },
    async (req) => service.editChallenge(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.post(
    '/crowd/challenges/:id/publish',
    { config: { policy: managers }, schema: { tags: ['crowd'], summary: '发布众包任务', params: IdParams, body: RevisionBody, response: { 200: ChallengeDetail } } },
    async (req) => service.publishChallenge(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.post(
    '/crowd/challenges/:id/judge',
    { config: { policy: managers }, schema: { tags: ['crowd'], summary: '截止征集，进入评审', params: IdParams, body: RevisionBody, response: { 200: ChallengeDetail } } },
    async (req) => service.startJudging(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.post(
    '/crowd/challenges/:id/close',
    { config: { policy: managers }, schema: { tags: ['crowd'], summary: '关闭众包任务（不评定奖励，须说明理由）', params: IdParams, body: z.strictObject({ reason: text('理由', 2, 500), revision: revisionInput() }), response: { 200: ChallengeDetail } } },
    async (req) => service.closeChallenge(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.post(
    '/crowd/challenges/:id/award',
    {
      config: { policy: managers },
      schema: {
        tags: ['crowd'],
        summary: '评定奖励（记录采纳方案的知识产权约定）',
        params: IdParams,
        body: z.strictObject({ solutionId: uuid('应为方案编号', 'must be a solution id'), note: optionalText('评定说明', 1000), revision: revisionInput() }),
        response: { 200: ChallengeDetail },
      },
    },
    async (req) => service.awardChallenge(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.get(
    '/crowd/challenges/:id/solutions',
    { config: { policy: readers }, schema: { tags: ['crowd'], summary: '任务的解决方案（评审组与空间：全部，空间不在评审组时不含方案内容；创客：本团队的）', params: IdParams, response: { 200: z.object({ items: z.array(Solution) }) } } },
    async (req) => service.listSolutions(db, actorOf(req), req.params.id),
  );

  app.post(
    '/crowd/challenges/:id/solutions',
    {
      config: { policy: makers },
      schema: {
        tags: ['crowd'],
        summary: '提交解决方案（内容仅评审组和本团队可见）',
        params: IdParams,
        body: z.strictObject({
          title: text('方案名称', 4, 100),
          summary: text('方案概述', 10, 5000),
          fileIds: z.array(uuid('应为文件编号', 'must be a file id')).max(10, bi('方案文件不超过 10 个', 'at most 10 files')).describe('Uploaded first through POST /api/files by the team.'),
        }),
        response: { 201: SolutionDetail },
      },
    },
    async (req, reply) => reply.status(201).send(await service.submitSolution(db, actorOf(req), auditContext(req), req.params.id, req.body)),
  );

  app.get(
    '/crowd/solutions/mine',
    {
      config: { policy: makers },
      schema: {
        tags: ['crowd'],
        summary: '本团队提交的解决方案',
        response: { 200: z.object({ items: z.array(z.object({ id: z.uuid(), challengeId: z.uuid(), challengeTitle: z.string(), challengeState: z.enum(CHALLENGE_STATES), spaceName: z.string(), title: z.string(), submittedAt: z.date(), awarded: z.boolean() })) }) },
      },
    },
    async (req) => service.mySolutions(db, actorOf(req)),
  );

  app.get(
    '/crowd/solutions/:id',
    { config: { policy: readers }, schema: { tags: ['crowd'], summary: '解决方案详情', params: SolutionParams, response: { 200: SolutionDetail } } },
    async (req) => service.readSolution(db, actorOf(req), req.params.id),
  );

  app.post(
    '/crowd/solutions/:id/score',
    {
      config: { policy: readers },
      schema: {
        tags: ['crowd'],
        summary: '评审组评分（0–100 分）',
        params: SolutionParams,
        body: z.strictObject({
          score: z.number(bi('评分应为 0–100 的整数', 'a whole number 0–100')).int(bi('评分应为 0–100 的整数', 'a whole number 0–100')).min(0, bi('评分应为 0–100 的整数', '0–100')).max(100, bi('评分应为 0–100 的整数', '0–100')),
          comment: optionalText('评语', 1000),
        }),
        response: { 200: SolutionDetail },
      },
    },
    async (req) => service.scoreSolution(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.get(
    '/crowd/solutions/:id/files/:fileId/download',
    { config: { policy: readers }, schema: { tags: ['crowd'], summary: '下载方案文件（仅评审组和提交团队；记入审计）', params: FileParams } },
    async (req, reply) => {
      const { meta, stream } = await service.openSolutionFile(db, config, auditContext(req), actorOf(req), req.params.id, req.params.fileId);
      return sendDownload(reply, { contentType: meta.mimeType, fileName: meta.originalName, body: stream, sizeBytes: meta.sizeBytes });
    },
  );

  // ---- the portal: no sign-in ----

  const portal = publicRoute('the portal announces open crowd challenges and their awards (登记和宣传); no solution or person is shown');

  app.get(
    '/portal/crowd/challenges',
    {
      config: { policy: portal },
      schema: {
        tags: ['crowd'],
        summary: '众包任务公告（征集中与评定结果）',
        querystring: PageQuery.extend({
          state: z.enum(['open', 'judging', 'awarded'], bi('状态应为征集中、评审中或已评定', 'open, judging or awarded')).optional(),
          q: ChallengeFilters.q,
          ...sortQuery(CHALLENGE_SORTS, 'the newest first'),
        }).strict(),
        response: { 200: pageOf(Challenge) },
      },
    },
    async (req) => service.publicChallenges(db, req.query),
  );

  app.get(
    '/portal/crowd/challenges/:id',
    { config: { policy: portal }, schema: { tags: ['crowd'], summary: '众包任务公告详情', params: IdParams, response: { 200: Challenge } } },
    async (req) => service.publicChallenge(db, req.params.id),
  );

  // The authority's view (issue 16): its jurisdiction's crowd work per filed space, never a solution's content.
  const overseers = signedIn('crowd.oversee', (a) => can(a, 'crowd.oversee'));
  const Year = z.strictObject({ year: yearQueryField() });
  const Count = z.object({ challenges: z.number().int(), offeredYuan: z.number().describe('元') });

  app.get(
    '/crowd/jurisdiction',
    {
      config: { policy: overseers },
      schema: {
        tags: ['crowd'],
        summary: '辖区众包任务统计：各备案空间当年发布的任务（按状态）、悬赏与颁发奖金、收到的方案；全辖区按状态与技术领域汇总',
        querystring: PageQuery.extend({ year: yearQueryField(), ...sortQuery(JURISDICTION_SORTS, 'the most challenges first') }).strict(),
        response: {
          200: pageOf(
            z.object({
              spaceId: z.uuid(),
              spaceName: z.string(),
              regionName: z.string(),
              challenges: z.number().int().describe('Published in the year (Beijing), drafts never counted.'),
              open: z.number().int(),
              judging: z.number().int(),
              awardedState: z.number().int(),
              closed: z.number().int(),
              offeredYuan: z.number().describe('Rewards offered by the challenges published in the year, 元.'),
              solutions: z.number().int().describe('Solutions submitted in the year.'),
              awards: z.number().int().describe('Awards announced in the year.'),
              awardedYuan: z.number().describe('Rewards of the awards announced in the year, 元.'),
            }),
          ).extend({
            year: z.number().int(),
            totals: z.object({ spaces: z.number().int(), active: z.number().int().describe('Spaces that published a challenge in the year.'), challenges: z.number().int(), solutions: z.number().int(), awards: z.number().int(), offeredYuan: z.number(), awardedYuan: z.number() }),
            byState: z.array(Count.extend({ state: z.enum(CHALLENGE_STATES) })),
            byField: z.array(Count.extend({ field: z.enum(KEY_INDUSTRIES) })),
          }),
        },
      },
    },
    async (req) => service.jurisdictionCrowd(db, actorOf(req), req.query),
  );

  app.get(
    '/crowd/jurisdiction/challenges',
    {
      config: { policy: overseers },
      schema: {
        tags: ['crowd'],
        summary: '辖区当年发布的众包任务（可按空间筛选），链接到任务公告',
        querystring: PageQuery.extend({ year: yearQueryField(), spaceId: uuid('应为众创空间编号', 'must be a space id').optional() }).strict(),
        response: {
          200: pageOf(
            z.object({
              id: z.uuid(),
              title: z.string(),
              spaceName: z.string(),
              field: z.enum(KEY_INDUSTRIES),
              state: z.enum(CHALLENGE_STATES),
              rewardYuan: z.number(),
              deadline: z.string(),
              publishedAt: z.date().nullable(),
              solutions: z.number().int(),
              awardedYuan: z.number().nullable(),
            }),
          ),
        },
      },
    },
    async (req) => service.jurisdictionChallenges(db, actorOf(req), req.query),
  );

  app.get(
    '/crowd/jurisdiction.xlsx',
    { config: { policy: overseers, rateLimit: EXPORT_RATE }, schema: { tags: ['crowd'], summary: '导出辖区众包任务统计（Excel：各空间、按状态、按技术领域）', querystring: Year } },
    async (req, reply) => sendGenerated(reply, XLSX, await exportJurisdictionCrowd(db, actorOf(req), auditContext(req), req.query.year)),
  );
};
