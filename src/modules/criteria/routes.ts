import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bi } from '../../shared/i18n-errors.ts';
import { actorOf, auditContext } from '../../shared/http/context.ts';
import { PageQuery, pageOf } from '../../shared/http/pagination.ts';
import { publicRoute, signedIn } from '../../shared/http/policy.ts';
import { can } from './policy.ts';
import type { RuleSetWithOwner } from './repository.ts';
import * as service from './service.ts';
import { revisionInput } from '../../shared/http/revision.ts';

const Id = z.strictObject({ id: z.string().uuid(bi('应为规则集编号（UUID）', 'must be a rule set id (UUID)')) });

const RuleSetSummary = z.object({
  id: z.string().uuid(),
  key: z.string(),
  version: z.number().int().nullable(),
  status: z.enum(['draft', 'published']),
  title: z.string(),
  source: z.string(),
  ownerRegionCode: z.string().nullable(),
  ownerName: z.string().nullable(),
  basedOnId: z.string().uuid().nullable(),
  revision: z.number().int(),
  updatedAt: z.date(),
  publishedAt: z.date().nullable(),
});

/** The definition travels as JSON; its shape is checked by the service (errors name the field). */
const RuleSetDetail = RuleSetSummary.extend({
  definition: z.record(z.string(), z.unknown()),
  abilities: z.object({ edit: z.boolean(), publish: z.boolean(), clone: z.boolean() }),
});

const Outcome = z.enum(['pass', 'fail', 'needs_review', 'missing_data']);
type ResultShape = {
  id: string;
  clause: string;
  label: string;
  kind: string;
  outcome: z.infer<typeof Outcome> | 'not_applicable';
  explanation: string;
  values: Record<string, unknown>;
  children?: ResultShape[];
};
const ConditionResult: z.ZodType<ResultShape> = z.lazy(() =>
  z.object({
    id: z.string(),
    clause: z.string(),
    label: z.string(),
    kind: z.string(),
    outcome: z.enum(['pass', 'fail', 'needs_review', 'missing_data', 'not_applicable']),
    explanation: z.string(),
    values: z.record(z.string(), z.unknown()),
    children: z.array(ConditionResult).optional(),
  }),
).meta({ id: 'ConditionResult' });
export const EvaluationSchema = z.object({
  ruleSetId: z.string(),
  overall: Outcome,
  counts: z.record(z.string(), z.number().int()),
  results: z.array(ConditionResult),
});

const summary = (r: RuleSetWithOwner) => ({
  id: r.id,
  key: r.key,
  version: r.version,
  status: r.status,
  title: r.title,
  source: r.definition.source,
  ownerRegionCode: r.ownerRegionCode,
  ownerName: r.ownerName,
  basedOnId: r.basedOnId,
  revision: r.revision,
  updatedAt: r.updatedAt,
  publishedAt: r.publishedAt,
});

export const criteriaRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;
  const readRuleSets = signedIn('criteria.rule_set.read');
  const adminOnly = signedIn('criteria.rule_set.manage', (a) => a.roles.includes('authority_admin'));

  app.get(
    '/criteria/schema',
    {
      config: { policy: publicRoute('the shape of the evaluation input is documentation') },
      schema: { tags: ['criteria'], summary: '评价输入（空间画像）的 JSON Schema', response: { 200: z.record(z.string(), z.unknown()) } },
    },
    async () => service.profileJsonSchema() as Record<string, unknown>,
  );

  app.get(
    '/criteria/rule-sets',
    {
      config: { policy: readRuleSets },
      schema: {
        tags: ['criteria'],
        summary: '规则集列表（已发布的全部，以及本辖区的草稿）',
        querystring: PageQuery.extend({ key: z.string().max(64).optional() }).strict(),
        response: { 200: pageOf(RuleSetSummary) },
      },
    },
    async (req) => {
      const { page, pageSize, key } = req.query;
      const { items, total } = await service.listRuleSets(db, actorOf(req), { key }, page, pageSize);
      return { items: items.map(summary), total, page, pageSize };
    },
  );

  app.get(
    '/criteria/rule-sets/:id',
    {
      config: { policy: readRuleSets },
      schema: { tags: ['criteria'], summary: '规则集详情', params: Id, response: { 200: RuleSetDetail } },
    },
    async (req) => {
      const actor = actorOf(req);
      const row = await service.getRuleSet(db, actor, req.params.id);
      return {
        ...summary(row),
        definition: row.definition as unknown as Record<string, unknown>,
        abilities: { edit: can(actor, 'rule_set.edit', row), publish: can(actor, 'rule_set.publish', row), clone: can(actor, 'rule_set.clone', row) },
      };
    },
  );

  app.post(
    '/criteria/rule-sets/:id/evaluate',
    {
      config: { policy: readRuleSets },
      schema: {
        tags: ['criteria'],
        summary: '以规则集评价一份空间画像（预览、自评）',
        params: Id,
        body: z.strictObject({ profile: z.record(z.string(), z.unknown()) }),
        response: { 200: EvaluationSchema },
      },
    },
    async (req) => service.evaluateRuleSet(db, actorOf(req), req.params.id, req.body.profile),
  );

  app.post(
    '/criteria/rule-sets/:id/clone',
    {
      config: { policy: adminOnly },
      schema: {
        tags: ['criteria'],
        summary: '复制规则集到本辖区（草稿）',
        params: Id,
        body: z.strictObject({ key: z.string().max(64).optional(), title: z.string().trim().min(1).max(200).optional() }),
        response: { 200: RuleSetSummary },
      },
    },
    async (req) => summary(await service.cloneRuleSet(db, actorOf(req), auditContext(req), req.params.id, req.body)),
  );

  app.put(
    '/criteria/rule-sets/:id',
    {
      config: { policy: adminOnly },
      schema: {
        tags: ['criteria'],
        summary: '修改规则集草稿（阈值、增删条件）',
        params: Id,
        body: z.strictObject({
          revision: revisionInput(),
          definition: z.record(z.string(), z.unknown()),
        }),
        response: { 200: RuleSetSummary },
      },
    },
    async (req) => summary(await service.updateDraft(db, actorOf(req), auditContext(req), req.params.id, req.body)),
  );

  app.post(
    '/criteria/rule-sets/:id/publish',
    {
      config: { policy: adminOnly },
      schema: {
        tags: ['criteria'],
        summary: '发布规则集草稿为新版本（发布后不可修改）',
        params: Id,
        body: z.strictObject({ revision: revisionInput() }),
        response: { 200: RuleSetSummary },
      },
    },
    async (req) => summary(await service.publishDraft(db, actorOf(req), auditContext(req), req.params.id, req.body)),
  );
};
