import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../app-context.ts';
import { startDailyCheckpoint } from './audit/daily.ts';
import { startSweepWorker } from './files/sweep.ts';
import { startMailWorker } from './notify/mail.ts';
import { filingKind } from './filings/kind.ts';
import { concludeNoticeJob } from './notices/service.ts';
import { remindStageDue } from './review/service.ts';
import { applicationRoutes } from './applications/routes.ts';
import { auditRoutes } from './audit/routes.ts';
import { callRoutes } from './calls/routes.ts';
import { chainRoutes } from './chains/index.ts';
import { creditRoutes } from './credit/routes.ts';
import { criteriaRoutes } from './criteria/routes.ts';
import { expertRoutes } from './experts/routes.ts';
import { fileRoutes } from './files/routes.ts';
import { filingRoutes } from './filings/routes.ts';
import { accountAdminRoutes } from './identity/admin-routes.ts';
import { identityRoutes } from './identity/routes.ts';
import { registrationRoutes } from './identity/registration-routes.ts';
import { noticeRoutes } from './notices/routes.ts';
import { notifyRoutes } from './notify/routes.ts';
import { registryRoutes } from './orgs/registry-routes.ts';
import { orgRoutes } from './orgs/routes.ts';
import { healthRoutes } from './portal/routes.ts';
import { recommendationRoutes } from './recommendations/routes.ts';
import { regionRoutes } from './regions/routes.ts';
import { reviewRoutes } from './review/routes.ts';
import { spaceRoutes } from './spaces/routes.ts';
import { registerSubmissionKind, workflowRoutes } from './workflow/index.ts';

/** Every kind of submission the kernel moves through chains (src/modules/workflow/kinds.ts). */
export const submissionKinds = [filingKind];
for (const kind of submissionKinds) registerSubmissionKind(kind);

/** Every domain module's routes, mounted under /api by app.ts. Add a module here to expose it. */
export const modules: { name: string; routes: FastifyPluginAsyncZod }[] = [
  { name: 'portal', routes: healthRoutes },
  { name: 'identity', routes: identityRoutes },
  { name: 'identity-admin', routes: accountAdminRoutes },
  { name: 'orgs', routes: orgRoutes },
  { name: 'regions', routes: regionRoutes },
  { name: 'audit', routes: auditRoutes },
  { name: 'files', routes: fileRoutes },
  { name: 'notify', routes: notifyRoutes },
  { name: 'criteria', routes: criteriaRoutes },
  { name: 'chains', routes: chainRoutes },
  { name: 'registry', routes: registryRoutes },
  { name: 'registration', routes: registrationRoutes },
  { name: 'spaces', routes: spaceRoutes },
  { name: 'calls', routes: callRoutes },
  { name: 'applications', routes: applicationRoutes },
  { name: 'filings', routes: filingRoutes },
  { name: 'experts', routes: expertRoutes },
  { name: 'recommendations', routes: recommendationRoutes },
  { name: 'credit', routes: creditRoutes },
  { name: 'notices', routes: noticeRoutes },
  { name: 'review', routes: reviewRoutes },
  { name: 'workflow', routes: workflowRoutes },
];

/**
 * Every queue's worker, listed here beside the routes so the jobs module below them knows no domain
 * module (no jobs ↔ domain import cycle). The server starts them with the context; tests may leave
 * them off.
 */
export async function startWorkers(ctx: AppContext): Promise<void> {
  await startMailWorker(ctx);
  await ctx.jobs.work('notice.conclude', (data) => concludeNoticeJob(ctx.db, data));
  await ctx.jobs.work('review.stage_due', async (data) => void (await remindStageDue(ctx.db, data)));
  await startSweepWorker(ctx);
  await startDailyCheckpoint(ctx);
}
