import type { Db, DbOrTx } from '../../db/client.ts';
import { notFound } from '../../shared/errors.ts';
import { findCall, presentPublicCalls } from '../calls/index.ts';
import * as repo from './repository.ts';
import type { CallState, PortalCallFilter } from './repository.ts';

const NOT_FOUND = { zh: '申报批次不存在或尚未发布', en: 'No such published call' };

export const stateOf = (call: { opensAt: Date; closesAt: Date }, at: Date): CallState =>
  at < call.opensAt ? 'upcoming' : at >= call.closesAt ? 'closed' : 'open';

/** Published calls for anyone, filtered by level, region and state (the portal's 申报批次 list). */
export async function listCalls(db: DbOrTx, query: Omit<PortalCallFilter, 'at'> & { page: number; pageSize: number }, at = new Date()) {
  const { page, pageSize, ...filter } = query;
  const { items, total } = await repo.listPublishedCalls(db, { ...filter, at }, page, pageSize);
  return {
    items: items.map(({ authorityId, authorityName, ...c }) => ({ ...c, authority: { id: authorityId, name: authorityName } })),
    total,
    page,
    pageSize,
  };
}

export const callRegions = (db: DbOrTx) => repo.regionsWithCalls(db);

/**
 * One published call as a visitor reads it: the call's public view (documents listed), its state,
 * and the conditions of its pinned rule set. A draft or cancelled call is not found, like an
 * unknown one.
 */
export async function publishedCall(db: Db, id: string, at = new Date()) {
  const call = await findCall(db, id);
  if (!call || call.status !== 'published' || call.kind !== 'filing') throw notFound(NOT_FOUND);
  const [view] = await presentPublicCalls(db, [call]);
  const definition = call.ruleSet ? await repo.ruleSetDefinition(db, call.ruleSet.id) : undefined;
  return {
    id: call.id,
    title: call.title,
    level: call.level,
    year: call.year,
    authority: view!.authority,
    regionCode: call.regionCode,
    regionName: call.regionName,
    opensAt: call.opensAt,
    closesAt: call.closesAt,
    state: stateOf(call, at),
    publishedAt: call.publishedAt,
    description: call.description,
    eligibleCategories: call.eligibleCategories,
    materialSlots: call.materialSlots,
    documents: view!.documents,
    stages: (call.chain?.stages ?? []).map((s) => ({ key: s.key, name: s.name, nameEn: s.nameEn })),
    criteria:
      call.ruleSet && definition
        ? {
            title: call.ruleSet.title,
            version: call.ruleSet.version,
            source: definition.source,
            // Passed through as stored: the web reads them with the criteria module's condition type.
            conditions: definition.conditions as unknown as Record<string, unknown>[],
          }
        : null,
  };
}
