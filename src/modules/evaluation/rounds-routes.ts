import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { APPLICATION_STATUSES, SPACE_CATEGORIES } from '../../shared/domain.ts';
import { actorOf, auditContext } from '../../shared/http/context.ts';
import { PageQuery, pageOf } from '../../shared/http/pagination.ts';
import { signedIn } from '../../shared/http/policy.ts';
import { revisionInput } from '../../shared/http/revision.ts';
import { sortQuery } from '../../shared/http/sorting.ts';
import { bi } from '../../shared/i18n-errors.ts';
import { canEntry, canRound } from './policy.ts';
import { ENTRY_SORTS } from './rounds-repository.ts';
import * as rounds from './rounds.ts';
import { GRADES } from './scheme.ts';
import { SUMMARY_SECTIONS } from './summary.ts';

const RoundId = z.strictObject({ id: z.string().uuid(bi('应为评价轮次编号（UUID）', 'must be an evaluation round id (UUID)')) });
const EntryId = z.strictObject({ id: z.string().uuid(bi('应为年度评价编号（UUID）', 'must be an evaluation id (UUID)')) });
const YEAR = bi('年度应为 2015–2100 的整数', 'the year is an integer 2015–2100');
const GRADE = bi('等次应为 excellent、good、pass 或 fail', 'the grade is excellent, good, pass or fail');
const Grade = z.enum(GRADES, GRADE);
const Text = z.object({ zh: z.string(), en: z.string() });
const Revision = z.strictObject({ revision: revisionInput() });

const Distribution = z.object({ excellent: z.number().int(), good: z.number().int(), pass: z.number().int(), fail: z.number().int(), unscored: z.number().int() });
const Round = z.object({
  id: z.string().uuid(),
  title: z.string(),
  year: z.number().int(),
  category: z.enum(SPACE_CATEGORIES),
  scheme: z.object({ id: z.string().uuid(), title: z.string() }),
  authorityName: z.string(),
  dueAt: z.date(),
  scoredAt: z.date().nullable(),
  own: z.boolean(),
  distribution: Distribution.describe('Entries within your jurisdiction by grade (unscored: not computed yet).'),
  abilities: z.object({ manage: z.boolean() }),
});
const Line = z.object({ key: z.string(), dimension: z.string().nullable(), value: z.number().nullable(), points: z.number(), text: Text.describe('How the points came about ("工位 62 个：达到50得5分，每增加1个加0.1分，得6.2分").') });
const Score = z
  .object({
    items: z.array(Line),
    bonus: z.array(Line),
    indicatorPoints: z.number(),
    bonusPoints: z.number(),
    total: z.number(),
    vetoes: z.array(z.object({ key: z.string(), label: z.string(), labelEn: z.string(), basis: z.string() })),
    missingReturn: z.boolean(),
  })
  .nullable();
const Entry = z.object({
  id: z.string().uuid(),
  space: z.object({ id: z.string().uuid(), name: z.string(), regionName: z.string() }),
  status: z.string(),
  stageKey: z.string().nullable(),
  summaryDone: z.boolean(),
  figuresConfirmed: z.boolean(),
  total: z.number().nullable(),
  grade: Grade.nullable(),
  gradeReason: Text.nullable(),
  gradeCorrected: z.boolean(),
  missed: z.boolean().describe('应评未评: not handed in by the deadline; handed in by the platform.'),
  score: Score,
});
const ByStatus = z
  .array(z.object({ status: z.enum(APPLICATION_STATUSES), count: z.number().int(), missed: z.number().int().describe('Of them, 应评未评.') }))
  .describe('The round’s entries within your jurisdiction by state (draft, submitted, in_review, returned, rejected, filed, …).');
const Summary = z.object(Object.fromEntries(SUMMARY_SECTIONS.map((s) => [s.key, z.string()])));
const Detail = z.object({
  id: z.string().uuid(),
  status: z.string(),
  stage: z.object({ key: z.string(), kind: z.string(), name: z.string(), nameEn: z.string() }).nullable(),
  revision: z.number().int(),
  year: z.number().int(),
  space: z.object({ id: z.string().uuid(), name: z.string(), regionName: z.string() }),
  call: z.object({ id: z.string().uuid(), title: z.string(), dueAt: z.date(), authorityName: z.string() }),
  scheme: z.object({ id: z.string().uuid(), title: z.string() }),
  summary: Summary.nullable().describe(`The work summary in its fixed outline: ${SUMMARY_SECTIONS.map((s) => `${s.key} (${s.label})`).join(', ')}.`),
  figures: z.object({
    returnValues: z.record(z.string(), z.number()).nullable().describe('The accepted return of the year, numeric indicators in display units (money in 千元); null: none accepted (应评未评).'),
    labels: z.record(z.string(), z.object({ label: z.string(), labelEn: z.string(), unit: z.string().nullable() })).describe('Each return figure’s name and unit, by code, from the catalogue the return was filed on.'),
    platform: z.record(z.string(), z.number()).describe('survival_s1 / survival_s3 (%), false_data_found (0/1); absent: no platform data.'),
  }),
  figuresConfirmedAt: z.date().nullable(),
  localOpinion: z.string().nullable(),
  score: Score,
  grade: Grade.nullable(),
  gradeReason: Text.nullable(),
  gradeCorrected: z.boolean(),
  missedAt: z.date().nullable().describe('应评未评: when the deadline passed without the evaluation handed in.'),
  abilities: z.object({ edit: z.boolean(), opinion: z.boolean(), correctGrade: z.boolean() }),
});

/** 年度评价: rounds (open, list, entries with scores explained, compute scores) and each space's evaluation. */
export const evaluationRoundRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;
  const staff = signedIn('evaluation.rounds', (a) => canRound(a, 'evaluation_round.read'));
  const opener = signedIn('evaluation.rounds.open', (a) => canRound(a, 'evaluation_round.open'));
  const reader = signedIn('evaluation.read', (a) => canEntry(a, 'evaluation.read'));
  const operator = signedIn('evaluation.mine', (a) => canEntry(a, 'evaluation.list_mine'));

  app.post(
    '/evaluation/rounds',
    {
      config: { policy: opener },
      schema: {
        tags: ['evaluation'],
        summary: '开启年度评价（本辖区已备案的该类众创空间各生成一份评价）',
        body: z.strictObject({
          year: z.number(YEAR).int(YEAR).min(2015, YEAR).max(2100, YEAR),
          schemeId: z.string().uuid(bi('应为评价方案编号（UUID）', 'must be a scheme id (UUID)')),
          chainId: z.string().uuid(bi('应为评价流程编号（UUID）', 'must be a chain id (UUID)')),
          dueAt: z.coerce.date(bi('截止时间应为日期时间', 'the due date must be a date-time')),
          title: z.string().trim().min(1, bi('请填写标题', 'the title is required')).max(120, bi('标题不能超过 120 个字', 'at most 120 characters')).optional(),
        }),
        response: { 201: z.object({ id: z.string().uuid(), title: z.string(), enrolled: z.number().int() }) },
      },
    },
    async (req, reply) => reply.code(201).send(await rounds.openEvaluationRound(db, actorOf(req), auditContext(req), req.body)),
  );

  app.get(
    '/evaluation/rounds',
    { config: { policy: staff }, schema: { tags: ['evaluation'], summary: '评价轮次（本辖区及上级开启的），含本辖区内的等次分布', querystring: PageQuery.strict(), response: { 200: pageOf(Round) } } },
    async (req) => rounds.listEvaluationRounds(db, actorOf(req), req.query),
  );

  app.get(
    '/evaluation/rounds/:id/entries',
    {
      config: { policy: staff },
      schema: {
        tags: ['evaluation'],
        summary: '评价轮次中本辖区的众创空间（得分、等次及逐项计分说明），可按等次筛选',
        params: RoundId,
        querystring: PageQuery.extend({ grade: Grade.optional(), ...sortQuery(ENTRY_SORTS, 'highest total first, then by name') }).strict(),
        response: { 200: pageOf(Entry).extend({ round: Round, byStatus: ByStatus }) },
      },
    },
    async (req) => rounds.evaluationRoundEntries(db, actorOf(req), req.params.id, req.query),
  );

  app.post(
    '/evaluation/rounds/:id/scores',
    {
      config: { policy: opener },
      schema: {
        tags: ['evaluation'],
        summary: '计算本轮得分与等次（全轮一并计算；异议成立后更正的等次保留）',
        params: RoundId,
        body: z.strictObject({}).optional(),
        response: { 200: z.object({ scored: z.number().int(), distribution: z.object({ excellent: z.number().int(), good: z.number().int(), pass: z.number().int(), fail: z.number().int(), unscored: z.number().int() }) }) },
      },
    },
    async (req) => rounds.computeRoundScores(db, actorOf(req), auditContext(req), req.params.id),
  );

  app.get(
    '/evaluation/mine',
    { config: { policy: operator }, schema: { tags: ['evaluation'], summary: '本单位众创空间的年度评价', response: { 200: z.object({ items: z.array(z.object({ id: z.string().uuid(), year: z.number().int(), status: z.string(), space: z.object({ id: z.string().uuid(), name: z.string() }), call: z.object({ id: z.string().uuid(), title: z.string(), dueAt: z.date() }), summaryDone: z.boolean(), figuresConfirmed: z.boolean(), grade: Grade.nullable().describe('Once published.') })) }) } } },
    async (req) => rounds.myEvaluations(db, actorOf(req)),
  );

  app.get(
    '/evaluation/entries/:id',
    { config: { policy: reader }, schema: { tags: ['evaluation'], summary: '年度评价详情（工作总结、统计数据、意见、得分说明、等次）', params: EntryId, response: { 200: Detail } } },
    async (req) => rounds.getEvaluation(db, actorOf(req), req.params.id),
  );

  app.put(
    '/evaluation/entries/:id/summary',
    {
      config: { policy: operator },
      schema: {
        tags: ['evaluation'],
        summary: '保存年度工作总结（按固定提纲整体保存）',
        params: EntryId,
        body: z.strictObject({ revision: revisionInput(), summary: z.record(z.string(), z.unknown()).describe('The outline\'s sections by key; checked by the service.') }),
        response: { 200: Detail },
      },
    },
    async (req) => rounds.saveSummary(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.post(
    '/evaluation/entries/:id/confirm-figures',
    { config: { policy: operator }, schema: { tags: ['evaluation'], summary: '确认取自已审定统计报表的数据', params: EntryId, body: Revision, response: { 200: Detail } } },
    async (req) => rounds.confirmFigures(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.post(
    '/evaluation/entries/:id/submit',
    { config: { policy: operator }, schema: { tags: ['evaluation'], summary: '提交年度评价（总结各部分已填写、数据已确认）', params: EntryId, body: Revision, response: { 200: Detail } } },
    async (req) => rounds.submitEvaluation(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.put(
    '/evaluation/entries/:id/opinion',
    {
      config: { policy: reader },
      schema: {
        tags: ['evaluation'],
        summary: '填写地方主管部门意见（意见环节）',
        params: EntryId,
        body: z.strictObject({ opinion: z.string(bi('意见应为文本', 'the opinion is text')).trim().min(1, bi('请填写意见', 'the opinion is required')).max(2000, bi('意见不能超过 2000 个字', 'at most 2000 characters')) }),
        response: { 200: Detail },
      },
    },
    async (req) => rounds.setLocalOpinion(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.post(
    '/evaluation/entries/:id/grade',
    {
      config: { policy: opener },
      schema: {
        tags: ['evaluation'],
        summary: '公示异议成立后更正等次（须说明理由）',
        params: EntryId,
        body: z.strictObject({ grade: Grade, reason: z.string(bi('理由应为文本', 'the reason is text')).trim().min(1, bi('请填写更正理由', 'the reason is required')).max(1000, bi('理由不能超过 1000 个字', 'at most 1000 characters')) }),
        response: { 200: Detail },
      },
    },
    async (req) => rounds.correctGrade(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );
};
