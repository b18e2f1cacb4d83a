import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../app-context.ts';
import { auditRoutes, startDailyCheckpoint } from './audit/index.ts';
import { fileRoutes, startSweepWorker } from './files/index.ts';
import { notifyRoutes, queueMail, startMailWorker } from './notify/index.ts';
import { filingKind, filingRoutes } from './filings/index.ts';
import { concludeNoticeJob, noticeRoutes } from './notices/index.ts';
import { remindStageDue, reviewRoutes } from './review/index.ts';
import { applicationFileRoutes, applicationRoutes } from './applications/index.ts';
import { bookingRoutes, expireOffer, releaseNoShow } from './booking/index.ts';
import { callRoutes } from './calls/index.ts';
import { chainRoutes } from './chains/index.ts';
import { changeReportKind, changeRoutes } from './changes/index.ts';
import { creditRoutes } from './credit/index.ts';
import { eventRoutes, expireEventOffer, publicActivities, publicOpenEvents, remindEventParticipants } from './events/index.ts';
import { criteriaRoutes } from './criteria/index.ts';
import { dashboardRoutes, publicStatisticsRoutes } from './dashboards/index.ts';
import { timelineRoutes } from './dossier-history/index.ts';
import { dupcheckRoutes, nightlyScan, queueNightlyScan, queueReturnScanInTx, queueSupportScanInTx, scanSupports } from './dupcheck/index.ts';
import { evaluationKind, evaluationRoundRoutes, evaluationRoutes, markMissedEvaluations } from './evaluation/index.ts';
import { expertRoutes } from './experts/index.ts';
import { accountAdminRoutes, identityRoutes, passwordResetRoutes, registrationRoutes } from './identity/index.ts';
import { makerProfileRoutes, orgRoutes, registryRoutes } from './orgs/index.ts';
import { directoryRoutes, healthRoutes, portalRoutes, providePublicActivities, providePublicOpenEvents, providePublicSupports } from './portal/index.ts';
import { recommendationRoutes } from './recommendations/index.ts';
import { regionRoutes } from './regions/index.ts';
import { markMissedReturns, remindReturns, returnKind, returnRoutes } from './returns/index.ts';
import { revocationKind, revocationRoutes } from './revocation/index.ts';
import { rosterRoutes } from './roster/index.ts';
import { serviceRoutes } from './services/index.ts';
import { mentorRoutes } from './mentors/index.ts';
import { policyRoutes } from './policies/index.ts';
import { crowdRoutes } from './crowd/index.ts';
import { pitchRoutes } from './pitches/index.ts';
import { financingRoutes } from './financing/index.ts';
import { spaceRoutes } from './spaces/index.ts';
import { onSupportsRecorded, publicSupportsOfSpace, supportKind, supportRoutes } from './supports/index.ts';
import { spacesiteRoutes } from './spacesite/index.ts';
import { wireSupervision } from './supervision.ts';
import { registerSubmissionKind, workflowRoutes } from './workflow/index.ts';
import { platformStatsRoutes, workbenchRoutes } from './workbench/index.ts';

/**
 * A statistics return accepted by its final approval is checked against the support register (D6)
 * after commit: the returns module knows nothing of the duplicate checks, so its kind is wrapped here.
 */
const checkedReturnKind: typeof returnKind = {
  ...returnKind,
  approvedInTx: async (tx, ctx, args) => {
    await returnKind.approvedInTx?.(tx, ctx, args);
    await queueReturnScanInTx(tx, [args.facts.app.id]);
  },
};

/** Every kind of submission the kernel moves through chains (src/modules/workflow/kinds.ts). */
export const submissionKinds = [filingKind, changeReportKind, checkedReturnKind, evaluationKind, revocationKind, supportKind];
for (const kind of submissionKinds) registerSubmissionKind(kind);
wireSupervision();
// A space's public page shows its activity record (登记和宣传, 002 §四(二)): the newest held events,
// read from the events module, which the portal may not import (events reads the registry too).
providePublicActivities(async (db, spaceId) => (await publicActivities(db, { spaceId, page: 1, pageSize: 20 })).items);
// …and the events it has open for sign-up, where a maker who found it in the directory signs up.
providePublicOpenEvents((db, spaceId) => publicOpenEvents(db, spaceId));
// …and its published supports (扶持情况上网公示, 004 §四.十四), read from the supports module the same way.
providePublicSupports(publicSupportsOfSpace);
// Every recorded support (one by one or imported) is checked for duplicates (D1–D5) after commit.
onSupportsRecorded((tx, _ctx, ids) => queueSupportScanInTx(tx, ids));

/** Every domain module's routes, mounted under /api by app.ts. Add a module here to expose it. */
export const modules: { name: string; routes: FastifyPluginAsyncZod }[] = [
  { name: 'portal', routes: healthRoutes },
  { name: 'portal-public', routes: portalRoutes },
  { name: 'identity', routes: identityRoutes },
  { name: 'identity-admin', routes: accountAdminRoutes },
  { name: 'password-reset', routes: passwordResetRoutes(queueMail) },
  { name: 'orgs', routes: orgRoutes },
  { name: 'regions', routes: regionRoutes },
  { name: 'audit', routes: auditRoutes },
  { name: 'files', routes: fileRoutes },
  { name: 'notify', routes: notifyRoutes },
  { name: 'criteria', routes: criteriaRoutes },
  { name: 'chains', routes: chainRoutes },
  { name: 'registry', routes: registryRoutes },
  { name: 'maker-profile', routes: makerProfileRoutes },
  { name: 'registration', routes: registrationRoutes },
  { name: 'spaces', routes: spaceRoutes },
  { name: 'calls', routes: callRoutes },
  { name: 'applications', routes: applicationRoutes },
  { name: 'application-files', routes: applicationFileRoutes },
  { name: 'filings', routes: filingRoutes },
  { name: 'experts', routes: expertRoutes },
  { name: 'recommendations', routes: recommendationRoutes },
  { name: 'credit', routes: creditRoutes },
  { name: 'notices', routes: noticeRoutes },
  { name: 'review', routes: reviewRoutes },
  { name: 'workflow', routes: workflowRoutes },
  { name: 'changes', routes: changeRoutes },
  { name: 'workbench', routes: workbenchRoutes },
  { name: 'returns', routes: returnRoutes },
  { name: 'evaluation', routes: evaluationRoutes },
  { name: 'evaluation-rounds', routes: evaluationRoundRoutes },
  { name: 'roster', routes: rosterRoutes },
  { name: 'services', routes: serviceRoutes },
  { name: 'mentors', routes: mentorRoutes },
  { name: 'revocation', routes: revocationRoutes },
  { name: 'dossier-history', routes: timelineRoutes },
  { name: 'booking', routes: bookingRoutes },
  { name: 'portal-directory', routes: directoryRoutes },
  { name: 'spacesite', routes: spacesiteRoutes },
  { name: 'events', routes: eventRoutes },
  { name: 'policies', routes: policyRoutes },
  { name: 'crowd', routes: crowdRoutes },
  { name: 'pitches', routes: pitchRoutes },
  { name: 'financing', routes: financingRoutes },
  { name: 'supports', routes: supportRoutes },
  { name: 'platform-stats', routes: platformStatsRoutes },
  { name: 'dashboards', routes: dashboardRoutes },
  { name: 'portal-statistics', routes: publicStatisticsRoutes },
  { name: 'dupcheck', routes: dupcheckRoutes },
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
  await ctx.jobs.work('returns.due', async (data) => void (await markMissedReturns(ctx.db, data)));
  await ctx.jobs.work('returns.remind', async (data) => void (await remindReturns(ctx.db, data)));
  await ctx.jobs.work('evaluation.due', async (data) => void (await markMissedEvaluations(ctx.db, data)));
  await ctx.jobs.work('booking.release', async (data) => void (await releaseNoShow(ctx.db, data)));
  await ctx.jobs.work('booking.offer_expire', async (data) => void (await expireOffer(ctx.db, data)));
  await ctx.jobs.work('events.offer_expire', async (data) => void (await expireEventOffer(ctx.db, data)));
  await ctx.jobs.work('events.remind', async (data) => void (await remindEventParticipants(ctx.db, data)));
  await ctx.jobs.work('dupcheck.scan', async (data) => void (await scanSupports(ctx.db, data)));
  await ctx.jobs.work('dupcheck.nightly', () => nightlyScan(ctx.db));
  await queueNightlyScan(ctx.db, new Date());
  await startSweepWorker(ctx);
  await startDailyCheckpoint(ctx);
}
