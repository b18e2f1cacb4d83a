import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export const accountAdminRoutes: FastifyPluginAsyncZod = async () => {};
