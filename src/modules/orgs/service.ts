import type { Db, DbOrTx, Tx } from '../../db/client.ts';
import { AppError, fieldError } from '../../shared/errors.ts';
import { violatedUniqueConstraint } from '../../shared/validation/unique-violation.ts';
import { isValidUscc, normaliseUscc } from '../../shared/validation/uscc.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import type { Actor } from '../../shared/actor.ts';
import { can as canAdmin } from '../../shared/admin-powers.ts';
import { findRegion } from '../regions/index.ts';
import * as repo from './repository.ts';
import type { AuthorityLevel, HostType, OrgKind } from './schema.ts';

export interface NewOrganisation {
  name: string;
  kind: OrgKind;
  regionCode: string;
  uscc?: string | null;
  authorityLevel?: AuthorityLevel | null;
  hostType?: HostType | null;
  recommenderType?: 'city_bureau' | 'hitech_zone_committee' | null;
}

/** Region level an authority of each level must sit at. */
const LEVEL_REGION: Record<AuthorityLevel, string> = {
  national: 'national',
  province: 'province',
  city: 'city',
  county: 'county',
};

/** Legal entities that must carry a 统一社会信用代码. */
const USCC_REQUIRED: readonly OrgKind[] = ['operator', 'host'];

export const usccTaken = (field: string) =>
  new AppError('DUPLICATE', {
    zh: '该统一社会信用代码已登记',
    en: 'This unified social credit code is already registered',
    fields: [{ field: `${field}.uscc`, message: '该统一社会信用代码已登记', messageEn: 'already registered' }],
  });

/** Checks kind-specific fields, the USCC and the region; throws a field-named error. */
export async function validateOrganisation(db: DbOrTx, input: NewOrganisation, field = 'body') {
  const name = input.name.trim();
  if (name.length < 2) throw fieldError(`${field}.name`, '名称至少 2 个字', 'at least 2 characters');
  const region = await findRegion(db, input.regionCode);
  if (!region) throw fieldError(`${field}.regionCode`, '行政区划代码不存在', 'unknown region code');
  let uscc = input.uscc ? normaliseUscc(input.uscc) : null;
  if (uscc === '') uscc = null;
  if (uscc && !isValidUscc(uscc))
    throw fieldError(`${field}.uscc`, '统一社会信用代码无效（请核对 18 位代码及校验位）', 'invalid unified social credit code (check the 18 characters and the check digit)');
  if (!uscc && USCC_REQUIRED.includes(input.kind))
    throw fieldError(`${field}.uscc`, '运营主体和建设主体必须填写统一社会信用代码', 'operators and hosts need a unified social credit code');
  if (input.kind === 'authority') {
    if (!input.authorityLevel) throw fieldError(`${field}.authorityLevel`, '请选择主管部门层级', 'choose the authority level');
    if (region.level !== LEVEL_REGION[input.authorityLevel])
      throw fieldError(`${field}.regionCode`, '主管部门层级与所在行政区划层级不一致', 'the authority level does not match the region level');
  } else if (input.authorityLevel) {
    throw fieldError(`${field}.authorityLevel`, '只有主管部门可以设置层级', 'only authorities have a level');
  }
  if (input.kind === 'host' && !input.hostType) throw fieldError(`${field}.hostType`, '请选择建设主体类型', 'choose the host type');
  if (input.kind !== 'host' && input.hostType) throw fieldError(`${field}.hostType`, '只有建设主体可以设置主体类型', 'only hosts have a host type');
  if (input.kind === 'recommending_unit' && !input.recommenderType)
    throw fieldError(`${field}.recommenderType`, '请选择推荐单位类型', 'choose the recommending unit type');
  if (input.kind !== 'recommending_unit' && input.recommenderType)
    throw fieldError(`${field}.recommenderType`, '只有推荐单位可以设置推荐单位类型', 'only recommending units have a recommending unit type');
  if (uscc && (await repo.findOrgByUscc(db, uscc))) throw usccTaken(field);
  return { ...input, name, uscc };
}

export async function createOrganisationInTx(tx: Tx, ctx: AuditContext, input: NewOrganisation) {
  const valid = await validateOrganisation(tx, input);
  const org = await repo.insertOrg(tx, {
    name: valid.name,
    kind: valid.kind,
    regionCode: valid.regionCode,
    uscc: valid.uscc,
    authorityLevel: valid.authorityLevel ?? null,
    hostType: valid.hostType ?? null,
    recommenderType: valid.recommenderType ?? null,
  });
  await audit.recordInTx(tx, ctx, { action: 'org.create', objectType: 'organisation', objectId: org.id, detail: { name: org.name, kind: org.kind } });
  return org;
}

export function createOrganisation(db: Db, ctx: AuditContext, input: NewOrganisation) {
  return db.transaction((tx) => createOrganisationInTx(tx, ctx, input));
}

export const findOrganisation = repo.findOrg;
export const findOrganisationByName = repo.findOrgByName;
/** Organisations with their registry profiles (null where none was entered), for prefilling forms. */
export const organisationsWithProfiles = repo.orgsWithProfiles;
/** Which of the given host ids the operator has linked (a space may only name those). */
export const linkedHostIds = repo.linkedHostIds;

/** The active organisations of a kind (and level) whose region is on `regionPath` ('000000/320000/320500/320505'): those governing that place. */
export const governingOrgsOver = (db: DbOrTx, regionPath: string, kind: repo.OrgRow['kind'], level?: NonNullable<repo.OrgRow['authorityLevel']>) =>
  repo.governingOrgsAt(db, regionPath.split('/'), kind, level);

/** What the admin list and the create answer show of an organisation. */
const present = (org: repo.OrgRow, regionName: string) => ({
  id: org.id,
  name: org.name,
  kind: org.kind,
  authorityLevel: org.authorityLevel,
  hostType: org.hostType,
  recommenderType: org.recommenderType,
  uscc: org.uscc,
  regionCode: org.regionCode,
  regionName,
  status: org.status,
  createdAt: org.createdAt,
});

/** The columns the organisation list sorts by. */
export const ORG_SORTS = repo.ORG_SORTS;

export interface OrganisationQuery extends repo.OrgSort {
  page: number;
  pageSize: number;
  q?: string;
  kind?: OrgKind;
}

export async function listOrganisations(db: Db, actor: Actor, query: OrganisationQuery) {
  if (!canAdmin(actor, 'org.list')) throw new AppError('FORBIDDEN');
  const { page, pageSize, q, kind, sort, order } = query;
  const { items, total } = await repo.listOrgs(db, { q, kinds: kind ? [kind] : undefined }, { sort, order }, page, pageSize);
  return { items: items.map((i) => present(i.org, i.regionName)), total, page, pageSize };
}

export async function createOrganisationAsAdmin(db: Db, actor: Actor, ctx: AuditContext, input: NewOrganisation) {
  if (!canAdmin(actor, 'org.create')) throw new AppError('FORBIDDEN');
  try {
    const org = await createOrganisation(db, ctx, input);
    return present(org, (await findRegion(db, org.regionCode))!.name);
  } catch (err) {
    // Two requests racing past validateOrganisation's duplicate check: the unique index decides.
    if (violatedUniqueConstraint(err) === 'organisations_uscc_uq') throw usccTaken('body');
    throw err;
  }
}

/** Sets an organisation's status in the caller's transaction (identity ends its sessions alongside). */
export async function setOrganisationStatusInTx(tx: Tx, orgId: string, status: 'active' | 'disabled') {
  await repo.updateOrg(tx, orgId, { status });
}
