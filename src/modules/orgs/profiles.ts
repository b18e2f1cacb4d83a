import type { Db, DbOrTx, Tx } from '../../db/client.ts';
import { AppError, fieldError } from '../../shared/errors.ts';
import { maskPersonal } from '../../shared/validation/masking.ts';
import { normaliseMobile } from '../../shared/validation/mobile.ts';
import { violatedUniqueConstraint } from '../../shared/validation/unique-violation.ts';
import { isValidUscc, normaliseUscc } from '../../shared/validation/uscc.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import type { Actor } from '../../shared/actor.ts';
import { can } from './policy.ts';
import * as repo from './repository.ts';
import type { HostCredentials, HostType, OrgNature } from './schema.ts';
import { createOrganisationInTx, usccTaken } from './service.ts';

/** 001 附件2's operator rows: nature, legal representative, principal, contact, address. */
export interface ProfileInput {
  nature: OrgNature;
  legalRepresentative: string;
  principalName?: string | null;
  principalMobile?: string | null;
  contactName: string;
  contactMobile: string;
  /** Landline of the legal representative / office (联系电话). */
  phone?: string | null;
  email?: string | null;
  address?: string | null;
}

const blankToNull = (s: string | null | undefined) => s?.trim() || null;

function mobileOrNull(value: string | null | undefined, field: string): string | null {
  if (!value?.trim()) return null;
  const mobile = normaliseMobile(value);
  if (!mobile) throw fieldError(field, '手机号码格式不正确（应为 11 位大陆手机号）', 'not a valid mainland mobile number');
  return mobile;
}

/** Validates and normalises a profile (mobiles to 11 digits); errors name the field under `prefix`. */
function profileColumns(input: ProfileInput, prefix = 'body') {
  const contactMobile = mobileOrNull(input.contactMobile, `${prefix}.contactMobile`);
  if (!contactMobile) throw fieldError(`${prefix}.contactMobile`, '请填写联系人手机', 'enter the contact’s mobile');
  return {
    nature: input.nature,
    legalRepresentative: input.legalRepresentative.trim(),
    principalName: blankToNull(input.principalName),
    principalMobile: mobileOrNull(input.principalMobile, `${prefix}.principalMobile`),
    contactName: input.contactName.trim(),
    contactMobile,
    phone: blankToNull(input.phone),
    email: blankToNull(input.email),
    address: blankToNull(input.address),
  };
}

/** The organisation and its profile as its members see it; mobiles masked unless `full`. */
function presentProfile(org: repo.OrgRow, regionName: string, profile: repo.ProfileRow | undefined, full: boolean) {
  const mobile = (m: string | null | undefined) => (m ? (full ? m : maskPersonal(m)) : null);
  return {
    id: org.id,
    name: org.name,
    kind: org.kind,
    uscc: org.uscc,
    regionCode: org.regionCode,
    regionName,
    status: org.status,
    nature: profile?.nature ?? null,
    legalRepresentative: profile?.legalRepresentative ?? null,
    principalName: profile?.principalName ?? null,
    principalMobile: mobile(profile?.principalMobile),
    contactName: profile?.contactName ?? null,
    contactMobile: mobile(profile?.contactMobile),
    phone: profile?.phone ?? null,
    email: profile?.email ?? null,
    address: profile?.address ?? null,
    mobilesMasked: !full,
    /** 0 while no profile was entered: the first save creates it. */
    revision: profile?.revision ?? 0,
  };
}

/** The actor's own organisation with its registry profile. */
export async function getMyOrganisation(db: DbOrTx, actor: Actor) {
  const subject = { orgId: actor.org.id };
  if (!can(actor, 'org.profile.read', subject)) throw new AppError('FORBIDDEN');
  const org = (await repo.findOrg(db, actor.org.id))!;
  return presentProfile(org, actor.org.regionName, await repo.findProfile(db, org.id), can(actor, 'org.profile.read_full', subject));
}

/**
 * The operator admin saves its profile (001 附件2 rows). `revision` is what the form read (0 when
 * none existed yet); a stale one answers 409 and changes nothing.
 */
export async function updateMyOrganisation(db: Db, actor: Actor, ctx: AuditContext, input: ProfileInput & { revision: number }) {
  if (!can(actor, 'org.profile.edit', { orgId: actor.org.id })) throw new AppError('FORBIDDEN');
  const columns = profileColumns(input);
  try {
    await db.transaction(async (tx) => {
      const saved =
        input.revision === 0 ? !!(await repo.insertProfile(tx, { orgId: actor.org.id, ...columns })) : await repo.updateProfile(tx, actor.org.id, input.revision, columns);
      if (!saved) throw new AppError('STALE_REVISION');
      await audit.recordInTx(tx, ctx, { action: 'org.profile.update', objectType: 'organisation', objectId: actor.org.id, detail: { revision: input.revision + 1 } });
    });
  } catch (err) {
    // Two first saves racing: the primary key lets one in; the other read a stale "no profile".
    if (violatedUniqueConstraint(err) === 'org_profiles_pkey') throw new AppError('STALE_REVISION');
    throw err;
  }
  return getMyOrganisation(db, actor);
}

/** Creates a profile row outside the API (the demo seed). */
export async function createProfileInTx(tx: Tx, orgId: string, input: ProfileInput): Promise<ReturnType<typeof profileColumns>>;
export async function createProfileInTx(tx: Tx, orgId: string, input: ProfileInput | { hostCredentials: HostCredentials }): Promise<unknown>;
export async function createProfileInTx(tx: Tx, orgId: string, input: ProfileInput | { hostCredentials: HostCredentials }) {
  const columns = 'nature' in input ? profileColumns(input) : { hostCredentials: input.hostCredentials };
  await repo.insertProfile(tx, { orgId, ...columns });
  return columns;
}

/** Links a host to an operator (the demo seed calls it directly); linking twice answers 409. */
export async function linkHostInTx(tx: Tx, ctx: AuditContext, operatorOrgId: string, hostOrgId: string) {
  if (!(await repo.linkHost(tx, operatorOrgId, hostOrgId)))
    throw new AppError('DUPLICATE', { zh: '该建设主体已添加', en: 'This host is already linked', fields: [{ field: 'body.uscc', message: '该建设主体已添加', messageEn: 'already linked' }] });
  await audit.recordInTx(tx, ctx, { action: 'host.link', objectType: 'organisation', objectId: hostOrgId, detail: { operatorOrgId } });
}

const presentHost = (h: Awaited<ReturnType<typeof repo.linkedHosts>>[number]) => ({
  id: h.org.id,
  name: h.org.name,
  uscc: h.org.uscc,
  hostType: h.org.hostType!,
  regionCode: h.org.regionCode,
  regionName: h.regionName,
  credentials: h.profile?.hostCredentials ?? null,
});

/** The hosts the actor's operator has linked. */
export async function listMyHosts(db: DbOrTx, actor: Actor) {
  if (!can(actor, 'host.list', { orgId: actor.org.id })) throw new AppError('FORBIDDEN');
  return (await repo.linkedHosts(db, actor.org.id)).map(presentHost);
}

export interface HostInput {
  uscc: string;
  /** Needed only when the host is not registered yet. */
  name?: string;
  hostType?: HostType;
  regionCode?: string;
  credentials?: HostCredentials;
}

/**
 * An operator admin adds a host by its USCC: a host already registered (by another operator, say) is
 * linked as it is; an unknown one is registered with its type and credentials, then linked.
 */
export async function linkHost(db: Db, actor: Actor, ctx: AuditContext, input: HostInput) {
  if (!can(actor, 'host.link', { orgId: actor.org.id })) throw new AppError('FORBIDDEN');
  const uscc = normaliseUscc(input.uscc);
  if (!isValidUscc(uscc)) throw fieldError('body.uscc', '统一社会信用代码无效（请核对 18 位代码及校验位）', 'invalid unified social credit code (check the 18 characters and the check digit)');
  const existing = await repo.findOrgByUscc(db, uscc);
  if (existing && existing.kind !== 'host')
    throw new AppError('DUPLICATE', {
      zh: '该统一社会信用代码已登记为其他类型的单位',
      en: 'This code belongs to an organisation that is not a host',
      fields: [{ field: 'body.uscc', message: '该代码已登记为其他类型的单位', messageEn: 'registered as another kind of organisation' }],
    });
  if (!existing) {
    if (!input.name) throw fieldError('body.name', '该单位尚未登记，请填写名称', 'not registered yet: enter its name');
    if (!input.hostType) throw fieldError('body.hostType', '请选择建设主体类型', 'choose the host type');
    if (!input.regionCode) throw fieldError('body.regionCode', '请选择所在地区', 'choose its region');
  }
  try {
    const hostId = await db.transaction(async (tx) => {
      const host =
        existing ??
        (await createOrganisationInTx(tx, ctx, { name: input.name!, kind: 'host', hostType: input.hostType!, regionCode: input.regionCode!, uscc }));
      if (!existing) await repo.insertProfile(tx, { orgId: host.id, hostCredentials: input.credentials ?? null });
      await linkHostInTx(tx, ctx, actor.org.id, host.id);
      return host.id;
    });
    const host = (await repo.linkedHosts(db, actor.org.id)).find((h) => h.org.id === hostId)!;
    return { host: presentHost(host), created: !existing };
  } catch (err) {
    if (violatedUniqueConstraint(err) === 'organisations_uscc_uq') throw usccTaken('body');
    throw err;
  }
}
