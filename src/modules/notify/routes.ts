import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bi } from '../../shared/i18n-errors.ts';
import { actorOf, auditContext } from '../../shared/http/context.ts';
import { PageQuery, pageOf } from '../../shared/http/pagination.ts';
import { signedIn } from '../../shared/http/policy.ts';
import { can } from '../../shared/admin-powers.ts';
import { listOutbox } from './mail.ts';
import * as service from './service.ts';

const Ok = z.object({ ok: z.literal(true) });
const IdParams = z.strictObject({ id: z.uuid(bi('编号格式不正确', 'malformed id')) });

const Notification = z.object({
  id: z.uuid(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable().describe('In-app route to open, or null.'),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});

const MAIL_STATUSES = ['queued', 'sent', 'failed', 'held'] as const;

const OutboxMail = z.object({
  id: z.uuid(),
  to: z.string(),
  subject: z.string(),
  status: z.enum(MAIL_STATUSES).describe('`held`: no SMTP server configured yet; `failed`: retries exhausted, see lastError.'),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});

export const notifyRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;

  app.get(
    '/notifications',
    {
      config: { policy: signedIn('notification.list') },
      schema: {
        tags: ['notifications'],
        summary: '我的站内消息',
        querystring: z.strictObject({
          ...PageQuery.shape,
          unread: z.enum(['true', 'false'], bi('应为 true 或 false', 'expected true or false')).optional().describe('`true`: only unread ones.'),
        }),
        response: { 200: pageOf(Notification).extend({ unread: z.number().int() }) },
      },
    },
    async (req) => {
      const { page, pageSize, unread } = req.query;
      return service.listMyNotifications(db, actorOf(req), { page, pageSize, unreadOnly: unread === 'true' });
    },
  );

  app.get(
    '/notifications/unread-count',
    {
      config: { policy: signedIn('notification.list') },
      schema: { tags: ['notifications'], summary: '未读消息数', response: { 200: z.object({ count: z.number().int() }) } },
    },
    async (req) => ({ count: await service.unreadCount(db, actorOf(req)) }),
  );

  app.post(
    '/notifications/:id/read',
    {
      config: { policy: signedIn('notification.mark_read') },
      schema: { tags: ['notifications'], summary: '标记为已读', params: IdParams, response: { 200: Ok } },
    },
    async (req) => {
      await service.markNotificationRead(db, auditContext(req), actorOf(req), req.params.id);
      return { ok: true as const };
    },
  );

  app.post(
    '/notifications/read-all',
    {
      config: { policy: signedIn('notification.mark_read') },
      schema: { tags: ['notifications'], summary: '全部标记为已读', response: { 200: z.object({ count: z.number().int() }) } },
    },
    async (req) => ({ count: await service.markAllNotificationsRead(db, auditContext(req), actorOf(req)) }),
  );

  app.get(
    '/admin/mail',
    {
      config: { policy: signedIn('mail.outbox.read', (a) => can(a, 'mail.outbox.read')) },
      schema: {
        tags: ['admin'],
        summary: '邮件发件箱（系统管理员）',
        querystring: z.strictObject({ ...PageQuery.shape, status: z.enum(MAIL_STATUSES).optional() }),
        response: { 200: pageOf(OutboxMail) },
      },
    },
    async (req) => listOutbox(db, actorOf(req), req.query),
  );
};
