import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { publicRoute } from '../../shared/http/policy.ts';
import { VERSION } from '../../shared/version.ts';

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health',
    {
      config: { policy: publicRoute('load balancers and operators probe it') },
      schema: {
        tags: ['portal'],
        summary: '健康检查',
        response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']), version: z.string() }) },
      },
    },
    async () => {
      await app.ctx.database.query('select 1');
      return { status: 'ok' as const, database: app.ctx.database.kind, version: VERSION };
    },
  );
};
