import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { cookieNames } from '../../shared/http/cookies.ts';
import { actorOf } from '../../shared/http/context.ts';
import { publicRoute, signedIn } from '../../shared/http/policy.ts';
import { newToken } from './sessions.ts';
import { ROLES } from './schema.ts';
import * as service from './service.ts';
import { bi } from '../../shared/i18n-errors.ts';

const meta = (req: FastifyRequest): service.RequestMeta => ({
  ip: req.ip,
  userAgent: req.headers['user-agent'] ?? null,
  requestId: String(req.id),
});

const Ok = z.object({ ok: z.literal(true) });


export const identityRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.ctx;
  const MeResponse = z.object({
    user: z.object({
      id: z.string().uuid(),
      username: z.string(),
      displayName: z.string(),
      locale: z.enum(['zh-CN', 'en-US']),
      mustChangePassword: z.boolean(),
      mfaEnrolled: z.boolean(),
      mfaRecommended: z.boolean(),
      mfaEnrolmentRequired: z.boolean().describe('The user must enrol TOTP before anything else (MFA_REQUIRED and a privileged role).'),
    }),
    roles: z.array(z.enum(ROLES)),
    organisation: z.object({
      id: z.string().uuid(),
      name: z.string(),
      kind: z.string(),
      authorityLevel: z.string().nullable(),
      regionCode: z.string(),
      regionName: z.string(),
    }),
    jurisdiction: z.string().nullable().describe('Region path the user governs, or null.'),
    abilities: z.object(Object.fromEntries(app.abilityKeys.map((k) => [k, z.boolean()]))).describe('What the UI may offer this user; the server checks again on every call.'),
  });
  const names = cookieNames(config.production);
  const cookieBase = { path: '/', sameSite: 'lax' as const, secure: config.production };

  function setSessionCookies(reply: FastifyReply, token: string, csrfToken: string) {
    reply.setCookie(names.session, token, { ...cookieBase, httpOnly: true });
    reply.setCookie(names.csrf, csrfToken, { ...cookieBase, httpOnly: false });
  }

  app.get(
    '/auth/csrf',
    {
      config: { policy: publicRoute('the sign-in form needs a CSRF token before anyone is signed in') },
      schema: { tags: ['auth'], summary: '获取 CSRF 令牌', response: { 200: z.object({ csrfToken: z.string() }) } },
    },
    async (req, reply) => {
      const existing = req.cookies[names.csrf];
      const csrfToken = existing && existing.length >= 32 ? existing : newToken();
      reply.setCookie(names.csrf, csrfToken, { ...cookieBase, httpOnly: false });
      return { csrfToken };
    },
  );

  app.post(
    '/auth/login',
    {
      config: {
        policy: publicRoute('signing in'),
        rateLimit: { max: config.login.ratePerMinute, timeWindow: '1 minute' },
      },
      schema: {
        tags: ['auth'],
        summary: '登录',
        body: z.strictObject({
          username: z.string().trim().min(1, bi('请输入用户名', 'enter the username')).max(64),
          password: z.string().min(1, bi('请输入密码', 'enter the password')).max(256),
        }),
        response: { 200: z.object({ mfaRequired: z.boolean(), mustChangePassword: z.boolean(), csrfToken: z.string() }) },
      },
    },
    async (req, reply) => {
      const result = await service.login(db, config, req.body, meta(req));
      setSessionCookies(reply, result.token, result.csrfToken);
      return { mfaRequired: result.mfaPending, mustChangePassword: result.mustChangePassword, csrfToken: result.csrfToken };
    },
  );

  app.post(
    '/auth/mfa',
    {
      config: { policy: signedIn('auth.mfa'), allowMfaPending: true, accountSetup: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: '提交动态验证码',
        body: z.strictObject({ code: z.string().regex(/^\d{6}$/, bi('请输入 6 位数字验证码', 'enter the 6-digit code')) }),
        response: { 200: Ok },
      },
    },
    async (req) => {
      await service.completeMfa(db, config, actorOf(req), req.body.code, meta(req));
      return { ok: true as const };
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { policy: signedIn('auth.logout'), allowMfaPending: true, accountSetup: true },
      schema: { tags: ['auth'], summary: '退出登录', response: { 200: Ok } },
    },
    async (req, reply) => {
      await service.logout(db, actorOf(req), meta(req));
      reply.clearCookie(names.session, { path: '/' });
      reply.clearCookie(names.csrf, { path: '/' });
      return { ok: true as const };
    },
  );

  app.get(
    '/me',
    {
      config: { policy: signedIn('me.read'), accountSetup: true },
      schema: { tags: ['auth'], summary: '当前用户、角色、机构、辖区与权限', response: { 200: MeResponse } },
    },
    async (req) => {
      const actor = actorOf(req);
      return {
        user: {
          id: actor.userId,
          username: actor.username,
          displayName: actor.displayName,
          locale: actor.locale,
          mustChangePassword: actor.mustChangePassword,
          ...service.mfaStatus(config, actor),
        },
        roles: [...actor.roles],
        organisation: actor.org,
        jurisdiction: actor.jurisdictionPath,
        abilities: req.server.abilitiesFor(actor),
      };
    },
  );

  app.post(
    '/me/password',
    {
      config: { policy: signedIn('me.password.change'), accountSetup: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: '修改本人密码',
        body: z.strictObject({
          currentPassword: z.string().min(1, bi('请输入当前密码', 'enter the current password')).max(256),
          newPassword: z.string().min(1, bi('请输入新密码', 'enter the new password')).max(256),
        }),
        response: { 200: Ok },
      },
    },
    async (req) => {
      await service.changePassword(db, config, actorOf(req), req.body, meta(req));
      return { ok: true as const };
    },
  );

  app.post(
    '/me/totp/start',
    {
      config: { policy: signedIn('me.totp.enrol'), accountSetup: true },
      schema: { tags: ['auth'], summary: '开始绑定动态验证码', response: { 200: z.object({ secret: z.string(), otpauthUri: z.string() }) } },
    },
    async (req) => service.startTotpEnrolment(actorOf(req)),
  );

  app.post(
    '/me/totp/confirm',
    {
      config: { policy: signedIn('me.totp.enrol'), accountSetup: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: '确认绑定动态验证码',
        body: z.strictObject({
          secret: z.string().regex(/^[A-Z2-7]{32}$/, bi('密钥格式不正确', 'malformed secret')),
          code: z.string().regex(/^\d{6}$/, bi('请输入 6 位数字验证码', 'enter the 6-digit code')),
          currentCode: z.string().regex(/^\d{6}$/, bi('请输入 6 位数字验证码', 'enter the 6-digit code')).optional().describe('A code from the authenticator already enrolled; needed only to replace it.'),
        }),
        response: { 200: Ok },
      },
    },
    async (req) => {
      await service.confirmTotpEnrolment(db, config, actorOf(req), req.body, meta(req));
      return { ok: true as const };
    },
  );
};
