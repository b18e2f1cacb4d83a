import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bi } from '../../shared/i18n-errors.ts';
import { actorOf, auditContext } from '../../shared/http/context.ts';
import { PageQuery, pageOf } from '../../shared/http/pagination.ts';
import { sortQuery } from '../../shared/http/sorting.ts';
import { signedIn } from '../../shared/http/policy.ts';
import { ORG_KINDS } from '../../shared/domain.ts';
import * as accounts from './accounts.ts';
import { setOrganisationStatus } from './organisations.ts';
import { can } from '../../shared/admin-powers.ts';
import { ROLES } from './schema.ts';

const Account = z.object({
  id: z.string().uuid(),
  username: z.string(),
  displayName: z.string(),
  org: z.object({ id: z.string().uuid(), name: z.string(), kind: z.enum(ORG_KINDS) }),
  roles: z.array(z.enum(ROLES)),
  status: z.enum(['active', 'disabled']),
  locked: z.boolean().describe('A sign-in lockout is running now.'),
  mobile: z.string().nullable().describe('Always masked (138****1234).'),
  email: z.string().nullable(),
  createdAt: z.date(),
  lastLoginAt: z.date().nullable().describe('When the user last signed in, if ever.'),
});

const OrgParams = z.strictObject({ id: z.string().uuid(bi('应为机构 ID', 'must be an organisation id')) });
const UserParams = z.strictObject({ id: z.string().uuid(bi('应为账号 ID', 'must be an account id')) });
const SessionsEnded = z.object({ sessionsEnded: z.number().int() });
const Ok = z.object({ ok: z.literal(true) });

/** Account administration: the system admin runs accounts, the security admin unlocks and ends sessions. */
export const accountAdminRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.ctx;

  app.get(
    '/admin/users',
    {
      config: { policy: signedIn('user.list', (a) => can(a, 'user.list')) },
      schema: {
        tags: ['admin'],
        summary: '账号列表',
        querystring: PageQuery.extend({
          q: z.string().trim().max(64).optional().describe('Part of the username, display name or email.'),
          orgId: z.string().uuid(bi('应为机构 ID', 'must be an organisation id')).optional(),
          role: z.enum(ROLES).optional(),
          status: z.enum(['active', 'disabled']).optional(),
          ...sortQuery(accounts.USER_SORTS, 'by username'),
        }).strict(),
        response: { 200: pageOf(Account) },
      },
    },
    async (req) => accounts.listAccounts(db, actorOf(req), req.query),
  );

  app.post(
    '/admin/users',
    {
      config: { policy: signedIn('user.create', (a) => can(a, 'user.create')) },
      schema: {
        tags: ['admin'],
        summary: '创建账号（首次登录须修改密码）',
        body: z.strictObject({
          username: z.string().trim().regex(/^[A-Za-z0-9_.-]{3,64}$/, bi('用户名为 3–64 位字母、数字或 _ . -', '3–64 letters, digits or _ . -')),
          displayName: z.string().trim().min(1, bi('请输入姓名', 'enter the display name')).max(64),
          password: z.string().min(1, bi('请输入初始密码', 'enter the initial password')).max(256).describe('The initial password, checked like any other; its holder must replace it at first sign-in.'),
          orgId: z.string().uuid(bi('应为机构 ID', 'must be an organisation id')),
          roles: z
            .array(z.enum(ROLES))
            .min(1, bi('至少选择一个角色', 'choose at least one role'))
            .refine((r) => new Set(r).size === r.length, bi('角色不能重复', 'roles must not repeat')),
          email: z.string().trim().email(bi('邮箱格式不正确', 'not a valid email address')).max(254).optional(),
          mobile: z.string().trim().max(32).optional().describe('Mainland mobile; +86 / 0086 and separators are accepted and stripped.'),
        }),
        response: { 201: z.object({ id: z.string().uuid() }) },
      },
    },
    async (req, reply) => {
      const user = await accounts.createAccountAsAdmin(db, config, actorOf(req), auditContext(req), req.body);
      return reply.status(201).send({ id: user.id });
    },
  );

  app.post(
    '/admin/users/:id/disable',
    {
      config: { policy: signedIn('user.disable', (a) => can(a, 'user.disable')) },
      schema: { tags: ['admin'], summary: '停用账号（立即结束其全部会话）', params: UserParams, response: { 200: SessionsEnded } },
    },
    async (req) => accounts.disableAccount(db, actorOf(req), auditContext(req), req.params.id),
  );

  app.post(
    '/admin/users/:id/enable',
    {
      config: { policy: signedIn('user.enable', (a) => can(a, 'user.enable')) },
      schema: { tags: ['admin'], summary: '启用账号', params: UserParams, response: { 200: Ok } },
    },
    async (req) => {
      await accounts.enableAccount(db, actorOf(req), auditContext(req), req.params.id);
      return { ok: true as const };
    },
  );

  app.patch(
    '/admin/users/:id',
    {
      config: { policy: signedIn('user.update', (a) => can(a, 'user.update')) },
      schema: {
        tags: ['admin'],
        summary: '修改账号（姓名、所属机构、角色、联系方式；不含三种管理员权限）',
        params: UserParams,
        body: z
          .strictObject({
            displayName: z.string().trim().min(1, bi('请输入姓名', 'enter the display name')).max(64, bi('姓名最多 64 个字符', 'at most 64 characters')).optional(),
            orgId: z.string().uuid(bi('应为机构 ID', 'must be an organisation id')).optional(),
            roles: z
              .array(z.enum(ROLES, bi('角色不正确', 'unknown role')))
              .min(1, bi('至少选择一个角色', 'choose at least one role'))
              .refine((r) => new Set(r).size === r.length, bi('角色不能重复', 'roles must not repeat'))
              .optional(),
            email: z.string().trim().email(bi('邮箱格式不正确', 'not a valid email address')).max(254).nullable().optional().describe('null clears it.'),
            mobile: z.string().trim().min(1, bi('请输入手机号码', 'enter the mobile number')).max(32).nullable().optional().describe('A new mobile number (null clears it); the list shows the current one masked.'),
          })
          .refine((b) => Object.keys(b).length > 0, bi('请至少修改一项', 'change at least one field')),
        response: { 200: Ok },
      },
    },
    async (req) => {
      await accounts.updateAccount(db, actorOf(req), auditContext(req), req.params.id, req.body);
      return { ok: true as const };
    },
  );

  app.post(
    '/admin/users/:id/password-reset',
    {
      config: { policy: signedIn('user.password.reset', (a) => can(a, 'user.password.reset')) },
      schema: {
        tags: ['admin'],
        summary: '重置密码（生成临时密码，仅显示一次；用户下次登录须修改）',
        params: UserParams,
        response: {
          200: z.object({
            temporaryPassword: z.string().describe('Shown to the admin once; never stored in clear.'),
            sessionsEnded: z.number().int(),
          }),
        },
      },
    },
    async (req) => accounts.resetPasswordByAdmin(db, config, actorOf(req), auditContext(req), req.params.id),
  );

  app.post(
    '/admin/users/:id/unlock',
    {
      config: { policy: signedIn('user.unlock', (a) => can(a, 'user.unlock')) },
      schema: { tags: ['admin'], summary: '解除登录锁定', params: UserParams, response: { 200: Ok } },
    },
    async (req) => {
      await accounts.unlockAccount(db, actorOf(req), auditContext(req), req.params.id);
      return { ok: true as const };
    },
  );

  app.post(
    '/admin/users/:id/sessions/revoke',
    {
      config: { policy: signedIn('user.sessions.kill', (a) => can(a, 'user.sessions.kill')) },
      schema: { tags: ['admin'], summary: '强制结束该账号的全部会话', params: UserParams, response: { 200: SessionsEnded } },
    },
    async (req) => accounts.killSessions(db, actorOf(req), auditContext(req), req.params.id),
  );

  app.post(
    '/admin/orgs/:id/disable',
    {
      config: { policy: signedIn('org.disable', (a) => can(a, 'org.disable')) },
      schema: { tags: ['admin'], summary: '停用机构（立即结束其全部用户的会话）', params: OrgParams, response: { 200: SessionsEnded } },
    },
    async (req) => setOrganisationStatus(db, actorOf(req), auditContext(req), req.params.id, 'disabled'),
  );

  app.post(
    '/admin/orgs/:id/enable',
    {
      config: { policy: signedIn('org.enable', (a) => can(a, 'org.enable')) },
      schema: { tags: ['admin'], summary: '启用机构', params: OrgParams, response: { 200: SessionsEnded } },
    },
    async (req) => setOrganisationStatus(db, actorOf(req), auditContext(req), req.params.id, 'active'),
  );
};
