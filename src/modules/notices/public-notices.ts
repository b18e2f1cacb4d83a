import type { Db } from '../../db/client.ts';
import { notFound } from '../../shared/errors.ts';
import { NOTICE_NOT_FOUND } from './access.ts';
import { summary } from './read-notices.ts';
import * as repo from './repository.ts';

// ---- public (no sign-in): the notice as published, and objections -----------------------------

/** Published notices, newest first: running and ended alike (they stay published). */
export async function listPublicNotices(db: Db, page: number, pageSize: number) {
  const { items, total } = await repo.listNotices(db, {}, {}, page, pageSize);
  const now = new Date();
  return { items: items.map((n) => ({ ...summary(n, now), entries: n.entries })), total, page, pageSize };
}

/** One notice as the public sees it: its text and entries, never its objections or outcomes. */
export async function getPublicNotice(db: Db, id: string) {
  const notice = await repo.findNotice(db, id);
  if (!notice) throw notFound(NOTICE_NOT_FOUND);
  const entries = await repo.entries(db, id);
  return {
    ...summary(notice, new Date()),
    body: notice.body,
    entries: entries.map((e) => ({ id: e.id, position: e.position, spaceName: e.spaceName, operatorName: e.operatorName, regionName: e.regionName })),
  };
}
