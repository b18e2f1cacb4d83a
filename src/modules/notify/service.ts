import type { Db, Tx } from '../../db/client.ts';
import { notFound } from '../../shared/errors.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import type { Actor } from '../../shared/actor.ts';
import { can } from './policy.ts';
import * as repo from './repository.ts';

import { queueMail } from './mail.ts';

export { queueMail, type OutgoingMail } from './mail.ts';

export interface NewNotification {
  title: string;
  body: string;
  /** In-app route such as `/app/applications/…`; external URLs are refused (no phishing through our inbox). */
  link?: string | null;
}

const IN_APP_PATH = /^\/(?![/\\])[^\s]*$/;

/** Adds one in-app notification per user inside the caller's transaction. */
export async function notify(tx: Tx, userIds: readonly string[], n: NewNotification): Promise<void> {
  const link = n.link ?? null;
  if (link !== null && !IN_APP_PATH.test(link)) throw new Error(`notify: link must be an in-app path, got ${JSON.stringify(link)}`);
  const unique = [...new Set(userIds)];
  await repo.insertNotifications(tx, unique.map((userId) => ({ userId, title: n.title, body: n.body, link })));
}

/**
 * Tells each recipient in-app and, when they have an address, by e-mail through the outbox, both
 * inside the caller's transaction (no notice for a change that rolled back).
 */
export async function notifyAndMail(tx: Tx, recipients: readonly { id: string; email: string | null }[], n: NewNotification): Promise<void> {
  if (!recipients.length) return;
  await notify(tx, recipients.map((r) => r.id), n);
  for (const r of recipients) if (r.email) await queueMail(tx, { to: r.email, subject: n.title, body: n.body });
}

const present = (n: repo.NotificationRow) => ({
  id: n.id,
  title: n.title,
  body: n.body,
  link: n.link,
  readAt: n.readAt?.toISOString() ?? null,
  createdAt: n.createdAt.toISOString(),
});

export async function listMyNotifications(db: Db, actor: Actor, filter: repo.Page & { unreadOnly: boolean }) {
  const { items, total } = await repo.listNotifications(db, actor.userId, filter);
  return {
    items: items.map(present),
    total,
    page: filter.page,
    pageSize: filter.pageSize,
    unread: await repo.countUnread(db, actor.userId),
  };
}

export const unreadCount = (db: Db, actor: Actor) => repo.countUnread(db, actor.userId);

/** Marks one of the actor's notifications read; someone else's answers 404. Repeating it changes nothing. */
export async function markNotificationRead(db: Db, ctx: AuditContext, actor: Actor, id: string): Promise<void> {
  const n = await repo.findNotification(db, id);
  if (!n || !can(actor, 'notification.mark_read', n)) throw notFound();
  await db.transaction(async (tx) => {
    const changed = await repo.markRead(tx, actor.userId, new Date(), [id]);
    if (changed.length) await audit.recordInTx(tx, ctx, { action: 'notification.read', objectType: 'notification', objectId: id });
  });
}

/** Marks all of the actor's unread notifications read; returns how many changed. */
export async function markAllNotificationsRead(db: Db, ctx: AuditContext, actor: Actor): Promise<number> {
  return db.transaction(async (tx) => {
    const changed = await repo.markRead(tx, actor.userId, new Date());
    if (changed.length)
      await audit.recordInTx(tx, ctx, { action: 'notification.read_all', objectType: 'user', objectId: actor.userId, detail: { count: changed.length } });
    return changed.length;
  });
}
