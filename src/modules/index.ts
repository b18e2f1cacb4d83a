import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { applicationRoutes } from './applications/routes.ts';
import { auditRoutes } from './audit/routes.ts';
import { callRoutes } from './calls/routes.ts';
import { creditRoutes } from './credit/routes.ts';
import { criteriaRoutes } from './criteria/routes.ts';
import { expertRoutes } from './experts/routes.ts';
import { fileRoutes } from './files/routes.ts';
import { filingRoutes } from './filings/routes.ts';
import { accountAdminRoutes } from './identity/admin-routes.ts';
import { identityRoutes } from './identity/routes.ts';
import { noticeRoutes } from './notices/routes.ts';
import { notifyRoutes } from './notify/routes.ts';
import { registryRoutes } from './orgs/registry-routes.ts';
import { orgRoutes } from './orgs/routes.ts';
import { healthRoutes } from './portal/routes.ts';
import { recommendationRoutes } from './recommendations/routes.ts';
import { regionRoutes } from './regions/routes.ts';
import { reviewRoutes } from './review/routes.ts';
import { spaceRoutes } from './spaces/routes.ts';

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
  { name: 'registry', routes: registryRoutes },
  { name: 'spaces', routes: spaceRoutes },
  { name: 'calls', routes: callRoutes },
  { name: 'applications', routes: applicationRoutes },
  { name: 'filings', routes: filingRoutes },
  { name: 'experts', routes: expertRoutes },
  { name: 'recommendations', routes: recommendationRoutes },
  { name: 'credit', routes: creditRoutes },
  { name: 'notices', routes: noticeRoutes },
  { name: 'review', routes: reviewRoutes },
];
