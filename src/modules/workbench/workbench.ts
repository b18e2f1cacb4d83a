/** GET /api/workbench: the signed-in user's landing page in one answer. */
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError } from '../../shared/errors.ts';
import { recentNotifications } from '../notify/index.ts';
import { jurisdictionFigures } from './figures.ts';
import { can } from './policy.ts';
import { todosOf } from './todos.ts';
import { spaceDesk } from './desk.ts';

/** How many of the newest notifications the workbench shows (the notifications page has them all). */
export const RECENT_NOTIFICATIONS = 5;

/** The actor's to-dos (most urgent first), newest notifications, for operators their spaces' desk cards and, for authorities, their jurisdiction's figures. */
export async function workbenchOf(db: Db, actor: Actor, now = new Date()) {
  if (!can(actor, 'workbench.read')) throw new AppError('FORBIDDEN');
  const [todos, notifications, figures, desk] = await Promise.all([todosOf(db, actor, now), recentNotifications(db, actor, RECENT_NOTIFICATIONS), jurisdictionFigures(db, actor, now), spaceDesk(db, actor, now)]);
  return { generatedAt: now, todos, notifications, figures, desk };
}
