import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { STAGE_KINDS } from '../../shared/chains.ts';
import { APPLICATION_STATUSES, CALL_LEVELS } from '../../shared/domain.ts';
import { actorOf } from '../../shared/http/context.ts';
import { signedIn } from '../../shared/http/policy.ts';
import { can } from './policy.ts';
import { TODO_KINDS } from './todos.ts';
import { DESK_CARDS } from './desk.ts';
import { workbenchOf } from './workbench.ts';

const Link = z.string().describe('The web app’s page (and record) where the work is done, e.g. /app/review/<id>.');

const Todo = z.object({
  kind: z
    .enum(TODO_KINDS)
    .describe(
      'stage: submissions waiting at a stage the actor works (per call); decisions_release: pending decisions to publish as a list; objections: open objections on the organisation’s notices; notices_ended: notices past their end awaiting conclusion; notices_running: notices whose objection period runs; recommendation_drafts: unsent batches; score_sheets: an expert’s assignments to score; returned: applications to fix and resubmit; drafts: applications not yet submitted; open_calls: calls the operator’s spaces may still apply to; change_reports: change reports of the jurisdiction’s filed spaces waiting for review (late ones in the detail); revocation_proposals: revocation proposals of the jurisdiction waiting for the authority (the ground in the detail); support_alerts: open duplicate-support alerts touching the department’s own grants (the rule D1–D6 in the detail).',
    ),
  count: z.number().int(),
  overdue: z.number().int().describe('Of them, those past their due date.'),
  dueAt: z.date().nullable().describe('The earliest due date among them (stage due, notice end, resubmission date, call deadline).'),
  call: z.object({ id: z.uuid(), title: z.string() }).nullable(),
  stage: z.object({ key: z.string(), kind: z.enum(STAGE_KINDS), name: z.string(), nameEn: z.string() }).nullable(),
  link: Link,
  items: z
    .array(
      z.object({
        id: z.uuid(),
        title: z.string().describe('The space, notice or call the record is about.'),
        detail: z.string().nullable().describe('Call title; the count of objections or of applications in a batch; the spaces that may apply.'),
        dueAt: z.date().nullable(),
        overdue: z.boolean(),
        link: Link,
      }),
    )
    .describe('The first few records, most urgent first; `count` covers them all.'),
});

const Workbench = z.object({
  generatedAt: z.date(),
  todos: z.array(Todo).describe('Overdue work first, then the soonest due.'),
  notifications: z.object({
    items: z.array(z.object({ id: z.uuid(), title: z.string(), link: z.string().nullable(), read: z.boolean(), createdAt: z.date() })),
    unread: z.number().int(),
  }),
  figures: z
    .object({
      year: z.number().int(),
      regionName: z.string(),
      spaces: z.object({ registered: z.number().int(), byLevel: z.array(z.object({ level: z.enum(CALL_LEVELS), count: z.number().int() })) }),
      applications: z.object({ total: z.number().int(), byStatus: z.array(z.object({ status: z.enum(APPLICATION_STATUSES), count: z.number().int() })) }),
    })
    .nullable()
    .describe('Authority staff: their jurisdiction’s active spaces and filings by level, and this year’s applications by state; null for everyone else.'),
  desk: z
    .array(
      z.object({
        kind: z.enum(DESK_CARDS).describe('bookings_today: bookings of the day (Asia/Shanghai); approvals: booking requests waiting for staff; check_ins: checked in today; open_orders: service orders to quote, quoted or to deliver; mentor_sessions: coaching sessions this month.'),
        count: z.number().int(),
        detail: z.record(z.string(), z.number()).describe('inUse (checked in now); toQuote, quoted, toDeliver; minutes, activeMentors, pendingRelations.'),
        link: Link,
      }),
    )
    .nullable()
    .describe('Operator staff: the desk of the spaces their operator runs; null for everyone else.'),
});

/** The landing page's one read. */
export const workbenchRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;
  app.get(
    '/workbench',
    {
      config: { policy: signedIn('workbench.read', (a) => can(a, 'workbench.read')) },
      schema: { tags: ['workbench'], summary: '工作台：本人待办（数量、期限、逾期优先、办理页面）、最新通知、辖区概况', response: { 200: Workbench } },
    },
    async (req) => workbenchOf(db, actorOf(req)),
  );
};
