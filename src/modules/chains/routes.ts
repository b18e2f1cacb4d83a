import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CHAIN_KINDS, STAGE_KINDS } from '../../shared/chains.ts';
import { AUTHORITY_LEVELS, CALL_LEVELS } from '../../shared/domain.ts';
import { actorOf, auditContext } from '../../shared/http/context.ts';
import { PageQuery, pageOf } from '../../shared/http/pagination.ts';
import { signedIn } from '../../shared/http/policy.ts';
import { revisionInput } from '../../shared/http/revision.ts';
import { bi } from '../../shared/i18n-errors.ts';
import type { ChainWithOwner } from './repository.ts';
import * as service from './service.ts';
import { ChainDefinitionInput, ChainDraftFields } from './validate.ts';

const Id = z.strictObject({ id: z.string().uuid(bi('应为审核流程编号（UUID）', 'must be a chain id (UUID)')) });
const STATUSES = ['draft', 'published'] as const;

/** A stage as answers show it (the shape of `StageTemplate`; what an edit sends is `StageInput`). */
const Stage = z.object({
  key: z.string(),
  kind: z.enum(STAGE_KINDS),
  name: z.string(),
  nameEn: z.string(),
  actor: z.union([z.object({ kind: z.literal('authority'), level: z.enum(AUTHORITY_LEVELS) }), z.object({ kind: z.literal('recommender') }), z.object({ kind: z.literal('intake') }), z.object({ kind: z.literal('unit') })]),
  dueDays: z.number().int(),
  checklist: z.array(z.object({ key: z.string(), label: z.string(), labelEn: z.string() })).readonly(),
  documents: z.array(z.enum(['letter', 'authority_commitment'])).readonly().optional(),
  filingLevel: z.enum(CALL_LEVELS).optional(),
});

/** The kind of submission a chain moves, as a query parameter: an unknown one is refused by name. */
const ChainKindParam = z.enum(CHAIN_KINDS, bi(`事项类型应为 ${CHAIN_KINDS.join('、')} 之一`, `kind must be one of ${CHAIN_KINDS.join(', ')}`));

const ChainSummary = z.object({
  id: z.string().uuid(),
  key: z.string(),
  /** Null while a draft. */
  version: z.number().int().nullable(),
  status: z.enum(STATUSES),
  name: z.string(),
  nameEn: z.string(),
  level: z.enum(CALL_LEVELS),
  /** The kind of submission it moves (`CHAIN_KINDS`; a string, so a row of a kind added later still lists). */
  kind: z.string(),
  requiresFiling: z.enum(['city', 'province']).nullable(),
  stageCount: z.number().int(),
  /** Null for a shipped chain. */
  ownerRegionCode: z.string().nullable(),
  ownerName: z.string().nullable(),
  basedOnId: z.string().uuid().nullable(),
  revision: z.number().int(),
  updatedAt: z.date(),
  publishedAt: z.date().nullable(),
});

const ChainDetail = ChainSummary.extend({
  definition: z.object({ stages: z.array(Stage).readonly() }),
  abilities: z.object({ edit: z.boolean(), publish: z.boolean(), clone: z.boolean(), use: z.boolean() }),
});

const UsableChain = z.object({
  id: z.string().uuid(),
  key: z.string(),
  version: z.number().int(),
  name: z.string(),
  nameEn: z.string(),
  level: z.enum(CALL_LEVELS),
  requiresFiling: z.enum(['city', 'province']).nullable(),
  stages: z.array(Stage).readonly(),
  ownerRegionCode: z.string().nullable(),
});

const summary = (r: ChainWithOwner): z.infer<typeof ChainSummary> => ({
  id: r.id,
  key: r.key,
  version: r.version,
  status: r.status,
  name: r.name,
  nameEn: r.nameEn,
  level: r.level,
  kind: r.kind,
  requiresFiling: r.requiresFiling,
  stageCount: r.definition.stages.length,
  ownerRegionCode: r.ownerRegionCode,
  ownerName: r.ownerName,
  basedOnId: r.basedOnId,
  revision: r.revision,
  updatedAt: r.updatedAt,
  publishedAt: r.publishedAt,
});

export const chainRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;
  const read = signedIn('chains.read');
  const adminOnly = signedIn('chains.manage', (a) => a.roles.includes('authority_admin'));

  app.get(
    '/chains',
    {
      config: { policy: read },
      schema: {
        tags: ['chains'],
        summary: '审核流程列表（内置流程，以及本辖区上下级的流程与本辖区的草稿）',
        querystring: PageQuery.extend({
          key: z.string().max(64).optional(),
          level: z.enum(CALL_LEVELS).optional(),
          status: z.enum(STATUSES).optional(),
          kind: ChainKindParam.optional(),
        }).strict(),
        response: { 200: pageOf(ChainSummary) },
      },
    },
    async (req) => {
      const { page, pageSize, ...filter } = req.query;
      const { items, total } = await service.listChains(db, actorOf(req), filter, page, pageSize);
      return { items: items.map(summary), total, page, pageSize };
    },
  );

  app.get(
    '/chains/usable',
    {
      config: { policy: read },
      schema: {
        tags: ['chains'],
        summary: '本单位申报批次可选用的已发布审核流程版本（按事项类型与级别）',
        querystring: z.strictObject({
          level: z.enum(CALL_LEVELS),
          /** The kind of submission the call takes; a chain of another kind is never offered. */
          kind: ChainKindParam.default('filing'),
        }),
        response: { 200: z.object({ items: z.array(UsableChain) }) },
      },
    },
    async (req) => ({ items: await service.listUsableChains(db, actorOf(req), req.query.kind, req.query.level) }),
  );

  app.get(
    '/chains/:id',
    { config: { policy: read }, schema: { tags: ['chains'], summary: '审核流程版本详情', params: Id, response: { 200: ChainDetail } } },
    async (req) => {
      const row = await service.getChain(db, actorOf(req), req.params.id);
      return { ...summary(row), definition: row.definition, abilities: row.abilities };
    },
  );

  app.post(
    '/chains/:id/clone',
    {
      config: { policy: adminOnly },
      schema: {
        tags: ['chains'],
        summary: '复制审核流程到本辖区（草稿）',
        params: Id,
        body: z.strictObject({
          /** The lineage key; by default the source's with the region code appended. */
          key: z.string().max(64).optional(),
          name: ChainDraftFields.name.optional(),
          nameEn: ChainDraftFields.nameEn.optional(),
        }),
        response: { 200: ChainSummary },
      },
    },
    async (req) => summary(await service.cloneChain(db, actorOf(req), auditContext(req), req.params.id, req.body)),
  );

  app.put(
    '/chains/:id',
    {
      config: { policy: adminOnly },
      schema: {
        tags: ['chains'],
        summary: '修改审核流程草稿（增删、调整环节，检查项、时限、办理单位；乐观锁）',
        params: Id,
        body: z.strictObject({ revision: revisionInput(), ...ChainDraftFields, definition: ChainDefinitionInput }),
        response: { 200: ChainSummary },
      },
    },
    async (req) => summary(await service.updateChainDraft(db, actorOf(req), auditContext(req), req.params.id, req.body)),
  );

  app.post(
    '/chains/:id/publish',
    {
      config: { policy: adminOnly },
      schema: {
        tags: ['chains'],
        summary: '发布审核流程草稿为新版本（发布后不可修改）',
        params: Id,
        body: z.strictObject({ revision: revisionInput() }),
        response: { 200: ChainSummary },
      },
    },
    async (req) => summary(await service.publishChainDraft(db, actorOf(req), auditContext(req), req.params.id, req.body)),
  );
};
