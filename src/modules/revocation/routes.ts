import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { APPLICATION_STATUSES } from '../../shared/domain.ts';
import { actorOf, auditContext } from '../../shared/http/context.ts';
import { PageQuery, pageOf } from '../../shared/http/pagination.ts';
import { signedIn } from '../../shared/http/policy.ts';
import { sortQuery } from '../../shared/http/sorting.ts';
import { bi } from '../../shared/i18n-errors.ts';
import { can } from './policy.ts';
import { PROPOSAL_SORTS } from './repository.ts';
import { FILING_LEVELS, PROPOSAL_STATUSES, REVOCATION_GROUNDS } from './schema.ts';
import * as service from './service.ts';

const uuid = (zh: string, en: string) => z.uuid(bi(zh, en));
const Id = z.strictObject({ id: uuid('应为撤销建议编号（UUID）', 'must be a revocation proposal id (UUID)') });
const Ground = z.enum(REVOCATION_GROUNDS, bi('撤销事由应为 two_failing_years、two_missed_returns 或 fraud', 'the ground is two_failing_years, two_missed_returns or fraud'));
const Status = z.enum(PROPOSAL_STATUSES, bi('状态应为 pending、in_review、revoked 或 dismissed', 'the state is pending, in_review, revoked or dismissed'));

export const EvidenceSchema = z.object({
  summary: z.string(),
  refs: z.array(
    z.object({
      type: z.enum(['return', 'grade', 'credit_record', 'application']),
      id: z.string(),
      label: z.string(),
      year: z.number().int().nullable(),
      link: z.string().nullable().describe('The platform page showing the record, or null.'),
    }),
  ),
});

const Proposal = z.object({
  id: z.uuid(),
  space: z.object({ id: z.uuid(), name: z.string(), regionName: z.string() }),
  filing: z.object({ id: z.uuid(), level: z.enum(FILING_LEVELS) }).describe('The filing the revocation would end; its level’s authority decides (a city-filed space’s, the city).'),
  ground: Ground,
  evidence: EvidenceSchema,
  status: Status,
  submission: z.object({ id: z.uuid(), status: z.enum(APPLICATION_STATUSES), stageKey: z.string().nullable() }).nullable().describe('The revocation started from it, once started.'),
  raisedBy: z.uuid().nullable().describe('Null: raised by the platform’s rules.'),
  raisedAt: z.date(),
  closedAt: z.date().nullable(),
  closedNote: z.string().nullable().describe('The dismissal’s reason, or what the revocation recorded.'),
  abilities: z.object({ start: z.boolean(), dismiss: z.boolean() }),
});

const ListQuery = PageQuery.extend({
  status: Status.optional(),
  ground: Ground.optional(),
  spaceId: uuid('应为众创空间编号', 'must be a space id').optional(),
  ...sortQuery(PROPOSAL_SORTS, 'the newest first'),
}).strict();

/** 撤销建议 and the revocations started from them; the stage work goes through the review, notice and decision pages. */
export const revocationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;
  const readers = signedIn('revocation.read', (a) => can(a, 'revocation.read'));
  const deciders = signedIn('revocation.start', (a) => can(a, 'revocation.start'));

  app.get(
    '/revocation/proposals',
    {
      config: { policy: readers },
      schema: { tags: ['revocation'], summary: '撤销建议列表（辖区内；可按事由、状态筛选）', querystring: ListQuery, response: { 200: pageOf(Proposal) } },
    },
    async (req) => service.listProposals(db, actorOf(req), req.query),
  );

  app.get(
    '/revocation/proposals/:id',
    { config: { policy: readers }, schema: { tags: ['revocation'], summary: '撤销建议详情（事由、证据、办理情况）', params: Id, response: { 200: Proposal } } },
    async (req) => service.getProposal(db, actorOf(req), req.params.id),
  );

  app.get(
    '/revocation/submissions/:id',
    {
      config: { policy: readers },
      schema: { tags: ['revocation'], summary: '撤销备案事项所依据的撤销建议（供核查、公示、审定环节查看证据）', params: z.strictObject({ id: uuid('应为撤销事项编号（UUID）', 'must be a revocation id (UUID)') }), response: { 200: Proposal } },
    },
    async (req) => service.proposalOfSubmission(db, actorOf(req), req.params.id),
  );

  app.post(
    '/revocation/proposals/:id/start',
    {
      config: { policy: deciders },
      schema: {
        tags: ['revocation'],
        summary: '依据撤销建议启动撤销备案程序（由作出备案的省级或市级主管部门：核查 → 公示 → 审定）',
        params: Id,
        body: z.strictObject({ note: z.string().trim().max(500, bi('说明不超过 500 字', 'the note has at most 500 characters')).optional() }),
        response: { 200: Proposal },
      },
    },
    async (req) => service.startRevocation(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );

  app.post(
    '/revocation/proposals/:id/dismiss',
    {
      config: { policy: deciders },
      schema: {
        tags: ['revocation'],
        summary: '不予启动撤销（说明理由，记入审计）',
        params: Id,
        body: z.strictObject({ reason: z.string().trim().min(2, bi('请说明不予撤销的理由', 'give the reason')).max(500, bi('理由不超过 500 字', 'the reason has at most 500 characters')) }),
        response: { 200: Proposal },
      },
    },
    async (req) => service.dismissProposal(db, actorOf(req), auditContext(req), req.params.id, req.body),
  );
};
