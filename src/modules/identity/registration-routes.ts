import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContext } from '../../shared/http/context.ts';
import { publicRoute } from '../../shared/http/policy.ts';
import { bi } from '../../shared/i18n-errors.ts';
import { MakerProfileFields, ProfileFields, regionCode } from '../orgs/index.ts';
import { registerMaker, registerOperator } from './registration.ts';

const Account = {
  username: z.string().trim().regex(/^[A-Za-z0-9_.-]{3,64}$/, bi('用户名为 3–64 位字母、数字或 _ . -', '3–64 letters, digits or _ . -')),
  displayName: z.string().trim().min(1, bi('请输入姓名', 'enter the display name')).max(64),
  password: z.string().min(1, bi('请输入密码', 'enter the password')).max(256),
};
const Registered = z.object({ organisationId: z.string().uuid(), userId: z.string().uuid() });

/** Self-registration of an operator (its organisation, profile and first admin account together) and of a maker. */
export const registrationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.ctx;
  // As strict as sign-in: each registration costs a password hash and creates records.
  const rateLimit = { max: config.login.ratePerMinute, timeWindow: '1 minute' };

  app.post(
    '/register',
    {
      config: {
        policy: publicRoute('an operator registers itself before it has any account'),
        rateLimit,
      },
      schema: {
        tags: ['registry'],
        summary: '运营主体注册（机构 + 首个管理员账号）',
        body: z.strictObject({
          name: z.string().trim().min(2, bi('名称至少 2 个字', 'at least 2 characters')).max(100),
          uscc: z.string().min(1, bi('请填写统一社会信用代码', 'enter the unified social credit code')).max(32).describe('统一社会信用代码 (GB 32100); spaces are stripped, letters upper-cased.'),
          regionCode,
          ...ProfileFields,
          ...Account,
        }),
        response: { 201: Registered },
      },
    },
    async (req, reply) => reply.status(201).send(await registerOperator(db, config, auditContext(req), req.body)),
  );

  app.post(
    '/register/maker',
    {
      config: { policy: publicRoute('a maker registers itself before it has any account'), rateLimit },
      schema: {
        tags: ['registry'],
        summary: '创客注册（个人或团队 + 账号）',
        body: z.strictObject({
          ...MakerProfileFields,
          teamName: z.string().trim().max(100, bi('团队名称不超过 100 字', 'at most 100 characters')).optional().describe('Required for a team; an individual registers under its display name.'),
          regionCode,
          mobile: z.string().max(32).nullish().describe('Mainland mobile; +86 and separators accepted.'),
          email: z.string().trim().email(bi('邮箱格式不正确', 'not a valid email address')).max(254).nullish(),
          ...Account,
        }),
        response: { 201: Registered },
      },
    },
    async (req, reply) => reply.status(201).send(await registerMaker(db, config, auditContext(req), req.body)),
  );
};
