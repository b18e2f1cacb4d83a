import type { Db } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import { maskPersonal } from '../../shared/validation/masking.ts';
import { linkedFileMeta } from '../files/index.ts';
import { loadInScope, running } from './access.ts';
import { can } from './policy.ts';
import * as repo from './repository.ts';

/** The columns the authority's notice list sorts by. */
export const NOTICE_SORTS = repo.NOTICE_SORTS;

/** The authority's notices in the asked order (newest first without one), with entry and open-objection counts. */
export async function listNotices(db: Db, actor: Actor, query: repo.NoticeSort & { page: number; pageSize: number }) {
  const { page, pageSize } = query;
  const { items, total } = await repo.listNotices(db, { authorityOrgId: actor.org.id }, query, page, pageSize);
  const now = new Date();
  return { items: items.map((n) => ({ ...summary(n, now), entries: n.entries, openObjections: n.openObjections })), total, page, pageSize };
}

export const summary = (n: repo.NoticeRow & { authorityName: string }, now: Date) => ({
  id: n.id,
  title: n.title,
  authority: { id: n.authorityOrgId, name: n.authorityName },
  stageKey: n.stageKey,
  startsAt: n.startsAt,
  endsAt: n.endsAt,
  status: n.status,
  running: running(n, now),
  publishedAt: n.publishedAt,
  concludedAt: n.concludedAt,
});

/** The notice with its entries and every objection (names, contacts masked, grounds, evidence): the authority only. */
export async function getNotice(db: Db, actor: Actor, id: string) {
  const notice = await loadInScope(db, actor, id, 'notice.read');
  const [entries, objections] = await Promise.all([repo.entries(db, id), repo.objectionsOf(db, id)]);
  const evidence = new Map((await linkedFileMeta(db, objections.flatMap((o) => (o.evidenceFileId ? [o.evidenceFileId] : [])))).map((f) => [f.id, f]));
  const now = new Date();
  return {
    ...summary(notice, now),
    body: notice.body,
    callId: notice.callId,
    entries: entries.map((e) => ({
      id: e.id,
      applicationId: e.applicationId,
      position: e.position,
      spaceName: e.spaceName,
      operatorName: e.operatorName,
      regionName: e.regionName,
      outcome: e.outcome,
    })),
    objections: objections.map((o) => {
      const file = o.evidenceFileId ? evidence.get(o.evidenceFileId) : undefined;
      return {
        id: o.id,
        entryId: o.entryId,
        name: o.name,
        contact: maskPersonal(o.contact),
        grounds: o.grounds,
        evidence: file ? { id: file.id, name: file.originalName, sizeBytes: file.sizeBytes } : null,
        status: o.status,
        investigationNote: o.investigationNote,
        resultReason: o.resultReason,
        handledAt: o.handledAt,
        createdAt: o.createdAt,
      };
    }),
    abilities: {
      handle: can(actor, 'notice.handle', notice),
      revealContact: can(actor, 'notice.reveal_contact', notice),
      conclude: can(actor, 'notice.conclude', notice) && notice.status === 'published' && now >= notice.endsAt,
    },
  };
}
