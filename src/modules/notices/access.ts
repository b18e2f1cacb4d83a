import type { DbOrTx } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { can, type NoticeAction } from './policy.ts';
import * as repo from './repository.ts';

export const NOTICE_NOT_FOUND = { zh: '公示不存在', en: 'No such public notice' };

export const running = (n: Pick<repo.NoticeRow, 'startsAt' | 'endsAt'>, at: Date) => at >= n.startsAt && at < n.endsAt;

/** The notice of the actor's organisation (404 for anyone else), then `action` (403 when refused). */
export async function loadInScope(db: DbOrTx, actor: Actor, id: string, action: NoticeAction) {
  const notice = await repo.findNotice(db, id);
  if (!notice || !can(actor, 'notice.read', notice)) throw notFound(NOTICE_NOT_FOUND);
  if (!can(actor, action, notice)) throw new AppError('FORBIDDEN');
  return notice;
}
