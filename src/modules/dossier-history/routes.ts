import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CALL_LEVELS, GRADES } from '../../shared/domain.ts';
import { actorOf } from '../../shared/http/context.ts';
import { signedIn } from '../../shared/http/policy.ts';
import { bi } from '../../shared/i18n-errors.ts';
import { KEY_FIGURES } from '../returns/index.ts';
import { REVOCATION_GROUNDS } from '../revocation/index.ts';
import { can } from './policy.ts';
import { spaceTimeline } from './service.ts';

const LEVEL = z.enum(['city', 'province', 'national']);
const Timeline = z.object({
  space: z.object({ id: z.uuid(), name: z.string(), regionName: z.string(), operatorName: z.string() }),
  filings: z.array(
    z.object({
      id: z.uuid(),
      level: LEVEL,
      status: z.enum(['active', 'cancelled']),
      filedAt: z.date(),
      cancelledReason: z.string().nullable(),
      cancelledAt: z.date().nullable(),
      list: z.object({ id: z.uuid(), title: z.string(), documentNumber: z.string(), issuedOn: z.string() }),
    }),
  ),
  returns: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      cadence: z.enum(['annual', 'quarterly', 'monthly']),
      period: z.string(),
      dueAt: z.date(),
      state: z.enum(['accepted', 'missed', 'draft', 'in_review']),
      submittedAt: z.date().nullable(),
      acceptedAt: z.date().nullable(),
      missedAt: z.date().nullable(),
      figures: z.partialRecord(z.enum(KEY_FIGURES), z.number()).describe('Key figures of an accepted return (money in 元).'),
    }),
  ),
  changes: z.array(
    z.object({ id: z.uuid(), submissionId: z.uuid(), field: z.string(), before: z.string(), after: z.string(), effectiveOn: z.string(), appliedAt: z.date(), revokedAt: z.date().nullable(), revokedReason: z.string().nullable() }),
  ),
  credit: z.array(z.object({ id: z.uuid(), reason: z.string(), foundAt: z.date(), banUntil: z.date(), active: z.boolean() })),
  revocations: z.array(
    z.object({ id: z.uuid(), ground: z.enum(REVOCATION_GROUNDS), status: z.enum(['pending', 'in_review', 'revoked', 'dismissed']), summary: z.string(), raisedAt: z.date(), closedAt: z.date().nullable(), closedNote: z.string().nullable() }),
  ),
  grades: z
    .array(
      z.object({
        year: z.number().int(),
        grade: z.enum(GRADES),
        level: z.enum(CALL_LEVELS),
        total: z.number().nullable().describe('The score it was graded on; null when graded without one (应评未评).'),
        reason: z.string().nullable().describe('Why, as released.'),
        list: z.object({ title: z.string(), documentNumber: z.string(), issuedOn: z.string() }).describe('The published list that released the grade (文号, 发文日期).'),
        link: z.string().nullable(),
      }),
    )
    .describe('The published evaluation grades by year, one per level that graded the space.'),
  events: z.array(
    z.object({ at: z.date(), onDay: z.boolean().optional().describe('Dated by a day (a list’s 发文日期), not a moment.'), kind: z.enum(['filing', 'return', 'change', 'credit', 'revocation', 'grade']), tone: z.enum(['good', 'bad', 'neutral']), title: z.string(), detail: z.string().nullable(), link: z.string().nullable() }),
  ),
});

/** A space's history over the years, for its supervising authorities. */
export const timelineRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;
  app.get(
    '/spaces/:id/timeline',
    {
      config: { policy: signedIn('timeline.read', (a) => can(a, 'timeline.read')) },
      schema: {
        tags: ['dossier-history'],
        summary: '众创空间历年档案（备案、统计报表、变更、信用记录、撤销建议、年度评价）',
        params: z.strictObject({ id: z.uuid(bi('应为众创空间编号（UUID）', 'must be a space id (UUID)')) }),
        response: { 200: Timeline },
      },
    },
    async (req) => spaceTimeline(db, actorOf(req), req.params.id),
  );
};
