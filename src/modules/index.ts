import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditRoutes } from './audit/routes.ts';
import { criteriaRoutes } from './criteria/routes.ts';
import { fileRoutes } from './files/routes.ts';
import { accountAdminRoutes } from './identity/admin-routes.ts';
import { identityRoutes } from './identity/routes.ts';
import { notifyRoutes } from './notify/routes.ts';
import { orgRoutes } from './orgs/routes.ts';
import { healthRoutes } from './portal/routes.ts';
import { regionRoutes } from './regions/routes.ts';

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
];
