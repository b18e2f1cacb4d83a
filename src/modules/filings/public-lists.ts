import type { Db, DbOrTx } from '../../db/client.ts';
import { notFound } from '../../shared/errors.ts';
import { findOrganisation } from '../orgs/index.ts';
import { LIST_NOT_FOUND } from './access.ts';
import * as repo from './repository.ts';

/** A published list as the public sees it: no user, no contact, only what the authority published. */
export async function listDetail(db: DbOrTx, id: string) {
  const list = await repo.findList(db, id);
  if (!list) throw notFound(LIST_NOT_FOUND);
  const [authority, entries] = await Promise.all([findOrganisation(db, list.authorityOrgId), repo.entriesOf(db, id)]);
  return {
    ...publicListOf(list, authority?.name ?? ''),
    entries: entries.map((e) => ({ id: e.id, spaceName: e.spaceName, operatorName: e.operatorName, regionName: e.regionName, status: e.status, removedReason: e.removedReason, changedAt: e.changedAt })),
  };
}

const publicListOf = (l: repo.FilingListRow, authorityName: string) => ({
  id: l.id,
  kind: l.kind,
  level: l.level,
  title: l.title,
  documentNumber: l.documentNumber,
  issuedOn: l.issuedOn,
  publishedAt: l.publishedAt,
  authority: authorityName,
});

/** The columns the published lists sort by. */
export const LIST_SORTS = repo.LIST_SORTS;
export const PUBLIC_LIST_KINDS = repo.PUBLIC_LIST_KINDS;

/** The published lists, newest first without a sort (public). */
export async function publicLists(db: Db, query: repo.ListSort & { level?: repo.Level | undefined; kind?: repo.PublicListKind | undefined; page: number; pageSize: number }) {
  const { items, total } = await repo.publishedLists(db, { level: query.level, callKind: query.kind ?? 'filing' }, query, query.page, query.pageSize);
  return { items: items.map(({ list, entries, authorityName }) => ({ ...publicListOf(list, authorityName), entryCount: entries })), total, page: query.page, pageSize: query.pageSize };
}

/** One published list with its entries, current state only (public). */
export const publicList = (db: Db, id: string) => listDetail(db, id);
