/** The notify read model of the workbench: the newest notifications and how many are unread. */
import type { DbOrTx } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import * as repo from './repository.ts';

/** The actor's `limit` newest notifications and its unread count: two statements. */
export async function recentNotifications(db: DbOrTx, actor: Actor, limit: number) {
  const [{ items }, unread] = await Promise.all([repo.listNotifications(db, actor.userId, { page: 1, pageSize: limit, unreadOnly: false }), repo.countUnread(db, actor.userId)]);
  return { items: items.map((n) => ({ id: n.id, title: n.title, link: n.link, read: !!n.readAt, createdAt: n.createdAt })), unread };
}
