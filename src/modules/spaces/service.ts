import type { Db, DbOrTx, Tx } from '../../db/client.ts';
import { AppError, fieldError, notFound } from '../../shared/errors.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import type { Actor } from '../../shared/actor.ts';
import { linkedHostIds, organisationsWithProfiles } from '../orgs/index.ts';
import { findRegion, pathWithin } from '../regions/index.ts';
import { PROFESSIONAL_NAME_RULE, isValidSpaceName } from './naming.ts';
import { can } from './policy.ts';
import * as repo from './repository.ts';
import { KEY_INDUSTRY_NAMES, type KeyIndustry, type ManagementSystems, type REGULAR_TYPES } from './schema.ts';
import { beijingDay } from '../../shared/beijing-time.ts';

export type SpaceDetail = repo.SpaceWithParties;

const NOT_FOUND = { zh: '众创空间不存在', en: 'No such maker space' };

/**
 * The space with its operator, hosts and region path, when the actor may see it: its operator's
 * members, and governing staff whose jurisdiction holds its region. Anyone else gets 404.
 */
export async function findSpaceInScope(db: DbOrTx, actor: Actor, spaceId: string): Promise<SpaceDetail> {
  const space = await repo.findSpace(db, spaceId);
  if (!space || !can(actor, 'space.read', space)) throw notFound(NOT_FOUND);
  return space;
}

/**
 * The space whatever the actor: for policies that grant access through something else than the
 * space (an expert's signed assignment). Decide before showing anything.
 */
export async function findSpaceById(db: DbOrTx, spaceId: string): Promise<SpaceDetail | undefined> {
  return repo.findSpace(db, spaceId);
}

/** Many spaces whatever the actor (decide before showing anything); hidden ones (row-level security) are missing. */
export function findSpacesByIds(db: DbOrTx, spaceIds: readonly string[]): Promise<SpaceDetail[]> {
  return repo.findSpaces(db, spaceIds);
}

/** A platform as the answers show it: null when the space named none. */
export const platformOf = (name: string | null, url: string | null) => (name ? { name, url } : null);

/**
 * What the registry knows of a space, for prefilling forms (the 基础信息表 of 001 附件2): the space,
 * its operator's profile and its hosts with their credentials. Mobiles are in full: the caller
 * decides what to show (and masks for viewers not permitted to see them). No scope check: call it
 * only after `findSpaceInScope`.
 */
export async function spaceProfileFacts(db: DbOrTx, spaceId: string) {
  const space = await repo.findSpace(db, spaceId);
  if (!space) throw notFound(NOT_FOUND);
  const parties = await organisationsWithProfiles(db, [space.operator.id, ...space.hosts.map((h) => h.id)]);
  const profileOf = (id: string) => parties.find((p) => p.org.id === id)?.profile ?? null;
  const op = profileOf(space.operator.id);
  return {
    space: {
      id: space.id,
      name: space.name,
      category: space.category,
      regularType: space.regularType,
      industry: space.industry,
      industryName: KEY_INDUSTRY_NAMES[space.industry],
      subField: space.subField,
      foundedOn: space.foundedOn,
      regionCode: space.regionCode,
      regionName: space.regionName,
      regionPath: space.regionPath,
      onlinePlatform: platformOf(space.onlinePlatformName, space.onlinePlatformUrl),
      techPlatform: platformOf(space.techPlatformName, space.techPlatformUrl),
      managementSystems: space.managementSystems,
    },
    operator: {
      ...space.operator,
      nature: op?.nature ?? null,
      legalRepresentative: op?.legalRepresentative ?? null,
      principalName: op?.principalName ?? null,
      principalMobile: op?.principalMobile ?? null,
      contactName: op?.contactName ?? null,
      contactMobile: op?.contactMobile ?? null,
      phone: op?.phone ?? null,
      email: op?.email ?? null,
      address: op?.address ?? null,
    },
    hosts: space.hosts.map((h) => ({ ...h, credentials: profileOf(h.id)?.hostCredentials ?? null })),
  };
}
export type SpaceProfileFacts = Awaited<ReturnType<typeof spaceProfileFacts>>;

export interface Platform {
  name: string;
  url?: string | null;
}

/** A space as the operator registers or edits it (PUT sends it whole, with the revision it read). */
export interface SpaceInput {
  name: string;
  category: 'regular' | 'professional';
  regularType?: (typeof REGULAR_TYPES)[number] | null;
  industry: KeyIndustry;
  subField?: string | null;
  foundedOn?: string | null;
  regionCode: string;
  hostIds: string[];
  onlinePlatform?: Platform | null;
  techPlatform?: Platform | null;
  managementSystems?: ManagementSystems | null;
}

/** The organisation registering the space. */
interface Operator {
  id: string;
  regionCode: string;
}

/**
 * Cross-field checks the schema cannot express; errors name the field. The region must lie in the
 * operator's province (filing runs up one province's chain), the hosts must be ones the operator
 * linked, and a professional space needs at least one (it is built on a host, 001 §一).
 */
async function validateSpace(db: DbOrTx, operator: Operator, input: SpaceInput) {
  const name = input.name.trim();
  if (!isValidSpaceName(name, input.category)) {
    throw new AppError('VALIDATION_FAILED', {
      zh: PROFESSIONAL_NAME_RULE.zh,
      en: PROFESSIONAL_NAME_RULE.en,
      fields: [{ field: 'body.name', message: PROFESSIONAL_NAME_RULE.zh, messageEn: PROFESSIONAL_NAME_RULE.en }],
    });
  }
  if (input.category === 'regular' && !input.regularType)
    throw fieldError('body.regularType', '请选择众创空间类型（技术支撑类、投资驱动类或综合类）', 'choose the type of a regular space');
  if (input.category === 'professional' && input.regularType)
    throw fieldError('body.regularType', '专业化众创空间不分技术支撑、投资驱动、综合类型', 'a professional space has no regular type');
  if (input.foundedOn && input.foundedOn > beijingDay())
    throw fieldError('body.foundedOn', '成立时间不能晚于今天', 'the founding date cannot be in the future');
  const region = await findRegion(db, input.regionCode);
  if (!region) throw fieldError('body.regionCode', '行政区划代码不存在', 'unknown region code');
  const operatorRegion = await findRegion(db, operator.regionCode);
  const province = operatorRegion?.path.split('/').slice(0, 2).join('/');
  if (!province || !pathWithin(region.path, province))
    throw fieldError('body.regionCode', '众创空间须位于运营主体所在省份', 'the space must lie in its operator’s province');
  const hostIds = [...new Set(input.hostIds)];
  const linked = new Set(await linkedHostIds(db, operator.id, hostIds));
  const unknown = hostIds.findIndex((id) => !linked.has(id));
  if (unknown >= 0) throw fieldError(`body.hostIds.${input.hostIds.indexOf(hostIds[unknown]!)}`, '请先在“建设主体”中添加该单位', 'add this host to your organisation first');
  if (input.category === 'professional' && hostIds.length === 0)
    throw fieldError('body.hostIds', '专业化众创空间须至少有一个建设（依托）主体', 'a professional space needs at least one host');
  return { name, hostIds };
}

const columnsOf = (input: SpaceInput, name: string) => ({
  name,
  category: input.category,
  regularType: input.category === 'regular' ? (input.regularType ?? null) : null,
  industry: input.industry,
  subField: input.subField?.trim() || null,
  foundedOn: input.foundedOn ?? null,
  regionCode: input.regionCode,
  onlinePlatformName: input.onlinePlatform?.name.trim() ?? null,
  onlinePlatformUrl: input.onlinePlatform?.url ?? null,
  techPlatformName: input.techPlatform?.name.trim() ?? null,
  techPlatformUrl: input.techPlatform?.url ?? null,
  managementSystems: input.managementSystems ?? null,
});

/** Registers a space for `operator` with the same checks as the API (the demo seed calls it directly). */
export async function createSpaceInTx(tx: Tx, ctx: AuditContext, operator: Operator, input: SpaceInput): Promise<repo.SpaceRow> {
  const { name, hostIds } = await validateSpace(tx, operator, input);
  const space = await repo.insertSpace(tx, { ...columnsOf(input, name), operatorOrgId: operator.id });
  await repo.setHosts(tx, space.id, hostIds);
  await audit.recordInTx(tx, ctx, { action: 'space.create', objectType: 'space', objectId: space.id, detail: { name, category: input.category, hostIds } });
  return space;
}

/** An operator admin registers a space of its own organisation. */
export async function createSpace(db: Db, actor: Actor, ctx: AuditContext, input: SpaceInput): Promise<SpaceDetail> {
  if (!can(actor, 'space.create')) throw new AppError('FORBIDDEN');
  const space = await db.transaction((tx) => createSpaceInTx(tx, ctx, actor.org, input));
  return (await repo.findSpace(db, space.id))!;
}

/** Replaces a space's registry details; a stale `revision` answers 409 and changes nothing. */
export async function updateSpace(db: Db, actor: Actor, ctx: AuditContext, spaceId: string, input: SpaceInput & { revision: number }): Promise<SpaceDetail> {
  const current = await findSpaceInScope(db, actor, spaceId);
  if (!can(actor, 'space.edit', current)) throw new AppError('FORBIDDEN');
  const { name, hostIds } = await validateSpace(db, actor.org, input);
  await db.transaction(async (tx) => {
    if (!(await repo.updateSpace(tx, spaceId, input.revision, columnsOf(input, name)))) throw new AppError('STALE_REVISION');
    await repo.setHosts(tx, spaceId, hostIds);
    await audit.recordInTx(tx, ctx, { action: 'space.update', objectType: 'space', objectId: spaceId, detail: { revision: input.revision + 1, hostIds } });
  });
  return (await repo.findSpace(db, spaceId))!;
}

/** The columns the space list sorts by. */
export const SPACE_SORTS = repo.SPACE_SORTS;

export interface SpaceQuery extends repo.SpaceSort {
  page: number;
  pageSize: number;
  q?: string;
}

/** Operators list their own spaces; governing staff the spaces within their jurisdiction. */
export async function listSpaces(db: DbOrTx, actor: Actor, query: SpaceQuery) {
  if (!can(actor, 'space.list')) throw new AppError('FORBIDDEN');
  const { page, pageSize, q, sort, order } = query;
  const scope = actor.org.kind === 'operator' ? { operatorOrgId: actor.org.id } : { withinPath: actor.jurisdictionPath! };
  const { items, total } = await repo.listSpaces(db, { q, ...scope }, { sort, order }, page, pageSize);
  return { items, total, page, pageSize };
}

/** All spaces of an operator, unscoped: other modules (calls) match them against calls. */
export const operatorSpaces = repo.operatorSpaces;

/**
 * The registry columns an approved change report (src/modules/changes) rewrites — the name and the
 * sub-field — applied in the approval's transaction, audited as `space.change_applied`. A
 * professional space's new name must still follow 001 §三.1 (409 naming the rule, nothing released).
 */
export async function applyRegistryChangeInTx(tx: Tx, ctx: AuditContext, spaceId: string, patch: { name?: string; subField?: string | null }, detail: Record<string, unknown>) {
  const space = await repo.findSpace(tx, spaceId);
  if (!space) throw notFound(NOT_FOUND);
  const name = patch.name?.trim();
  if (name !== undefined && !isValidSpaceName(name, space.category)) throw new AppError('STATE_CONFLICT', PROFESSIONAL_NAME_RULE);
  const columns = { ...(name !== undefined ? { name } : {}), ...('subField' in patch ? { subField: patch.subField?.trim() || null } : {}) };
  if (!Object.keys(columns).length) return;
  if (!(await repo.updateSpace(tx, spaceId, space.revision, columns))) throw new AppError('STALE_REVISION');
  await audit.recordInTx(tx, ctx, { action: 'space.change_applied', objectType: 'space', objectId: spaceId, detail: { ...columns, ...detail } });
}
