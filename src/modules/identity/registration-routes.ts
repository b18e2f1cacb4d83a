import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContext } from '../../shared/http/context.ts';
import { publicRoute } from '../../shared/http/policy.ts';
import { bi } from '../../shared/i18n-errors.ts';
import { ProfileFields, regionCode } from '../orgs/index.ts';
import { registerOperator } from './registration.ts';

/** Self-registration of an operator: its organisation, profile and first admin account together. */
export const registrationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.ctx;

  app.post(
    '/register',
    {
      config: {
        policy: publicRoute('an operator registers itself before it has any account'),
        // As strict as sign-in: each registration costs a password hash and creates records.
        rateLimit: { max: config.login.ratePerMinute, timeWindow: '1 minute' },
      },
      schema: {
        tags: ['registry'],
        summary: '运营主体注册（机构 + 首个管理员账号）',
        body: z.strictObject({
          name: z.string().trim().min(2, bi('名称至少 2 个字', 'at least 2 characters')).max(100),
          uscc: z.string().min(1, bi('请填写统一社会信用代码', 'enter the unified social credit code')).max(32).describe('统一社会信用代码 (GB 32100); spaces are stripped, letters upper-cased.'),
          regionCode,
          ...ProfileFields,
          username: z.string().trim().regex(/^[A-Za-z0-9_.-]{3,64}$/, bi('用户名为 3–64 位字母、数字或 _ . -', '3–64 letters, digits or _ . -')),
          displayName: z.string().trim().min(1, bi('请输入姓名', 'enter the display name')).max(64),
          password: z.string().min(1, bi('请输入密码', 'enter the password')).max(256),
        }),
        response: { 201: z.object({ organisationId: z.string().uuid(), userId: z.string().uuid() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await registerOperator(db, config, auditContext(req), req.body)),
  );
};
