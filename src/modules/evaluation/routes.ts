import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { REGULAR_TYPES, SPACE_CATEGORIES } from '../../shared/domain.ts';
import { actorOf, auditContext } from '../../shared/http/context.ts';
import { PageQuery, pageOf } from '../../shared/http/pagination.ts';
import { signedIn } from '../../shared/http/policy.ts';
import { revisionInput } from '../../shared/http/revision.ts';
import { sortQuery } from '../../shared/http/sorting.ts';
import { bi } from '../../shared/i18n-errors.ts';
import { canScheme } from './policy.ts';
import { SCHEME_SORTS } from './repository.ts';
import { PREVIEW_SORTS, previewScheme } from './preview.ts';
import { GRADES } from './scheme.ts';
import * as schemes from './schemes.ts';

const SchemeId = z.strictObject({ id: z.string().uuid(bi('应为评价方案编号（UUID）', 'must be a scheme id (UUID)')) });
const YEAR = bi('年度应为 2015–2100 的整数', 'the year is an integer 2015–2100');
const Year = z.coerce.number(YEAR).int(YEAR).min(2015, YEAR).max(2100, YEAR);

const Scheme = z.object({
  id: z.string().uuid(),
  regionCode: z.string().describe('The jurisdiction whose filed spaces the scheme grades, which also drafts it.'),
  regionName: z.string(),
  year: z.number().int(),
  category: z.enum(SPACE_CATEGORIES),
  types: z.array(z.enum(REGULAR_TYPES)).nullable().describe('The regular types graded; null for all.'),
  version: z.number().int().nullable().describe('Null while a draft.'),
  status: z.enum(['draft', 'published']),
  title: z.string(),
  shipped: z.boolean().describe('Shipped with the platform, built from the seed documents.'),
  basedOnId: z.string().uuid().nullable(),
  revision: z.number().int(),
  updatedAt: z.date(),
  publishedAt: z.date().nullable(),
  abilities: z.object({ edit: z.boolean(), publish: z.boolean(), clone: z.boolean() }),
});
const SchemeDetail = Scheme.extend({
  maxPoints: z.number().describe('The most points the indicators can give, bonus aside.'),
  definition: z.record(z.string(), z.unknown()).describe('dimensions, indicators, bonus, bonusCap, vetoes, bands, activityWeights, missingReturnFails (src/modules/evaluation/scheme.ts).'),
});

/** 评价方案: versions of the evaluation schemes (read, clone, edit a draft, publish). */
export const evaluationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;
  const staff = signedIn('evaluation.schemes', (a) => canScheme(a, 'evaluation_scheme.read'));
  const evaluator = signedIn('evaluation.schemes.manage', (a) => canScheme(a, 'evaluation_scheme.clone'));

  app.get(
    '/evaluation/schemes',
    {
      config: { policy: staff },
      schema: {
        tags: ['evaluation'],
        summary: '评价方案版本（本辖区及上下级已发布的方案，以及本辖区的草稿）',
        querystring: PageQuery.extend({
          regionCode: z.string().regex(/^\d{6}$/, bi('辖区应为 6 位行政区划代码', 'the jurisdiction is a 6-digit region code')).optional(),
          year: Year.optional(),
          category: z.enum(SPACE_CATEGORIES, bi('类别应为 regular 或 professional', 'the category is regular or professional')).optional(),
          status: z.enum(['draft', 'published'], bi('状态应为 draft 或 published', 'the status is draft or published')).optional(),
          ...sortQuery(SCHEME_SORTS, 'newest year first, drafts before their line\'s versions'),
        }).strict(),
        response: { 200: pageOf(Scheme) },
      },
    },
    async (req) => schemes.listSchemes(db, actorOf(req), req.query),
  );

  app.get(
    '/evaluation/schemes/:id',
    { config: { policy: staff }, schema: { tags: ['evaluation'], summary: '评价方案详情（指标、计分方法、加分项、否决项、等次）', params: SchemeId, response: { 200: SchemeDetail } } },
    async (req) => schemes.getScheme(db, actorOf(req), req.params.id),
  );

  app.post(
    '/evaluation/schemes/:id/clone',
    {
      config: { policy: evaluator },
      schema: { tags: ['evaluation'], summary: '复制评价方案为本辖区草稿（可改年度）', params: SchemeId, body: z.strictObject({ year: Year.optional() }), response: { 201: SchemeDetail } },
    },
    async (req, reply) => reply.code(201).send(await schemes.cloneScheme(db, actorOf(req), auditContext(req), req.params.id, req.body)),
  );

  app.put(
    '/evaluation/schemes/:id',
    {
      config: { policy: evaluator },
      schema: {
        tags: ['evaluation'],
        summary: '修改评价方案草稿（整体替换；每个错误字段都会指出，有错误时不保存）',
        params: SchemeId,
        body: z.strictObject({ revision: revisionInput(), definition: z.record(z.string(), z.unknown()).describe('The whole definition, checked by the service.') }),
        response: { 200: SchemeDetail },
      },
    },
    async (req) => schemes.updateSchemeDraft(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.post(
    '/evaluation/schemes/:id/publish',
    {
      config: { policy: evaluator },
      schema: { tags: ['evaluation'], summary: '发布评价方案草稿为新版本（发布后不可修改）', params: SchemeId, body: z.strictObject({ revision: revisionInput() }), response: { 200: SchemeDetail } },
    },
    async (req) => schemes.publishScheme(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  const Explained = z.object({
    key: z.string(),
    label: z.string(),
    labelEn: z.string(),
    dimension: z.string().nullable().describe('Null for a bonus item.'),
    value: z.number().nullable().describe('The figure scored; null when there was none (no points).'),
    points: z.number(),
    explanation: z.string().describe('How the points came about, as an evaluation report words it.'),
    explanationEn: z.string(),
  });
  app.post(
    '/evaluation/schemes/:id/preview',
    {
      config: { policy: staff },
      schema: {
        tags: ['evaluation'],
        summary: '用往年数据预览评价方案（本辖区该类别的已备案众创空间，不保存结果）',
        params: SchemeId,
        querystring: PageQuery.extend({
          grade: z.enum(GRADES, bi('等次应为 excellent、good、pass 或 fail', 'the grade is excellent, good, pass or fail')).optional(),
          ...sortQuery(PREVIEW_SORTS, 'highest total first'),
        }).strict(),
        body: z.strictObject({ year: Year.optional().describe("The year whose figures are scored; the year before the scheme's without it.") }),
        response: {
          200: pageOf(
            z.object({
              spaceId: z.string().uuid(),
              spaceName: z.string(),
              regionName: z.string(),
              total: z.number(),
              indicatorPoints: z.number(),
              bonusPoints: z.number().describe('After the bonus cap.'),
              grade: z.enum(GRADES),
              gradeReason: z.string(),
              gradeReasonEn: z.string(),
              missingReturn: z.boolean().describe('No accepted return of the year (应评未评).'),
              vetoes: z.array(z.object({ label: z.string(), labelEn: z.string() })),
              items: z.array(Explained),
              bonus: z.array(Explained),
            }),
          ).extend({
            year: z.number().int(),
            spacesTotal: z.number().int().describe('Every space scored, whatever the grade filter.'),
            distribution: z.array(z.object({ grade: z.enum(GRADES), count: z.number().int() })).describe('Spaces per grade over all spaces scored, best grade first.'),
          }),
        },
      },
    },
    async (req) => {
      const { page, pageSize, grade, sort, order } = req.query;
      return previewScheme(db, actorOf(req), req.params.id, req.body ?? {}, { page, pageSize, grade, sort, order });
    },
  );
};
