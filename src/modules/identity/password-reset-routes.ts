import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bi } from '../../shared/i18n-errors.ts';
import { publicRoute } from '../../shared/http/policy.ts';
import { completePasswordReset, requestPasswordReset, resetByMailAvailable, RESET_TOKEN_MINUTES, type QueueMail } from './password-reset.ts';

const Ok = z.object({ ok: z.literal(true) });

/**
 * "忘记密码" by mail, for people who cannot sign in. `queueMail` is the notify module's, handed in by
 * the app layer. Both steps are rate-limited per address on top of the per-account limit.
 */
export const passwordResetRoutes =
  (queueMail: QueueMail): FastifyPluginAsyncZod =>
  async (app) => {
    const { db, config } = app.ctx;
    const meta = (req: { ip: string; headers: Record<string, string | string[] | undefined>; id: unknown }) => ({
      ip: req.ip,
      userAgent: typeof req.headers['user-agent'] === 'string' ? req.headers['user-agent'] : null,
      requestId: String(req.id),
    });

    app.get(
      '/auth/password-reset',
      {
        config: { policy: publicRoute('the forgot-password page asks whether mail can be sent before anyone is signed in') },
        schema: {
          tags: ['auth'],
          summary: '能否通过邮件找回密码',
          response: { 200: z.object({ byMail: z.boolean().describe('False where no SMTP server is configured: ask the system administrator.'), minutes: z.number().int() }) },
        },
      },
      async () => ({ byMail: resetByMailAvailable(config), minutes: RESET_TOKEN_MINUTES }),
    );

    app.post(
      '/auth/password-reset/request',
      {
        config: { policy: publicRoute('forgot password: the user cannot sign in'), rateLimit: { max: 5, timeWindow: '1 minute' } },
        schema: {
          tags: ['auth'],
          summary: '申请通过邮件重设密码（无论账号是否存在，答复相同）',
          body: z.strictObject({
            username: z.string().trim().min(1, bi('请输入用户名', 'enter the username')).max(64, bi('用户名最多 64 个字符', 'at most 64 characters')),
            email: z.string().trim().email(bi('邮箱格式不正确', 'not a valid email address')).max(254),
          }),
          response: { 200: Ok },
        },
      },
      async (req) => {
        await requestPasswordReset(db, config, queueMail, req.body, meta(req));
        return { ok: true as const };
      },
    );

    app.post(
      '/auth/password-reset/complete',
      {
        config: { policy: publicRoute('forgot password: the mailed link sets a new password'), rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: {
          tags: ['auth'],
          summary: '通过邮件中的链接设置新密码',
          body: z.strictObject({
            token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, bi('重设密码链接无效', 'not a reset link token')),
            newPassword: z.string().min(1, bi('请输入新密码', 'enter the new password')).max(256),
          }),
          response: { 200: Ok },
        },
      },
      async (req) => {
        await completePasswordReset(db, config, req.body, meta(req));
        return { ok: true as const };
      },
    );
  };
