import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { STAGE_KINDS } from '../../shared/chains.ts';
import { CALL_LEVELS } from '../../shared/domain.ts';
import { actorOf } from '../../shared/http/context.ts';
import { signedIn } from '../../shared/http/policy.ts';
import { bi } from '../../shared/i18n-errors.ts';
import { worksStages } from './stages.ts';
import { stagesMine } from './stages-mine.ts';

const WorkedStage = z.object({
  key: z.string(),
  kind: z.enum(STAGE_KINDS),
  name: z.string(),
  nameEn: z.string(),
  dueDays: z.number().int(),
  checklist: z.array(z.object({ key: z.string(), label: z.string(), labelEn: z.string() })),
  documents: z.array(z.enum(['letter', 'authority_commitment'])).describe('Recommend stages: the documents a batch carries.'),
  filingLevel: z.enum(CALL_LEVELS).nullable().describe('The level of the filing a released approval at this (last) stage gives.'),
  final: z.boolean().describe('The chain’s last stage: released approvals there are final.'),
  admin: z.boolean().describe('The actor is its organisation’s admin at this stage (releases, publishes, extends).'),
});

const StagesMine = z.object({
  chains: z
    .array(z.object({ id: z.string(), name: z.string(), nameEn: z.string(), stages: z.array(WorkedStage).describe('The chain’s stages the actor works (of `kind` when given), in chain order.') }))
    .describe('Each chain version some listed call is pinned to, once, in the order of its first call.'),
  calls: z
    .array(
      z.object({
        id: z.uuid(),
        title: z.string(),
        year: z.number().int(),
        level: z.enum(CALL_LEVELS),
        regionName: z.string(),
        authorityId: z.uuid().describe('The call’s authority (its admin edits the call).'),
        chainId: z.string().describe('Its pinned chain version, in `chains`: the actor works all of that entry’s stages in this call.'),
      }),
    )
    .describe('The published calls in which the actor works a stage, newest first.'),
});

/** Who works which stage: the one answer every stage page asks. */
export const workflowRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;
  app.get(
    '/stages/mine',
    {
      config: { policy: signedIn('stage.work', worksStages) },
      schema: {
        tags: ['review'],
        summary: '本人办理的环节（按已发布的申报批次）',
        querystring: z.strictObject({ kind: z.enum(STAGE_KINDS, bi('环节类型应为 review/notice/recommend/expert/decision', 'kind must be review, notice, recommend, expert or decision')).optional() }),
        response: { 200: StagesMine },
      },
    },
    async (req) => stagesMine(db, actorOf(req), req.query.kind),
  );
};
