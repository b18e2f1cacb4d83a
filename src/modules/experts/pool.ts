/** The authority's expert pool (专家库): adding, editing, (de)activating experts; an expert's own declared conflicts. */
import type { Db, Tx } from '../../db/client.ts';
import type { KeyIndustry } from '../../shared/domain.ts';
import { AppError, fieldError } from '../../shared/errors.ts';
import { violatedUniqueConstraint } from '../../shared/validation/unique-violation.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import type { Actor } from '../../shared/actor.ts';
import { can } from './policy.ts';
import * as repo from './repository.ts';
import { presentProfiles, checkProfile, ownProfile, profileOut } from './access.ts';

export interface ProfileInput {
  fields: KeyIndustry[];
  affiliation: string;
  affiliationOrgId?: string | null | undefined;
  regionCode: string;
  conflictOrgIds?: string[] | undefined;
}

/** A profile as stored, references checked. */
export type PoolProfile = {
  fields: KeyIndustry[];
  affiliation: string;
  affiliationOrgId: string | null;
  regionCode: string;
  conflictOrgIds: string[];
};

export async function listPool(db: Db, actor: Actor, query: repo.PoolFilter & { page: number; pageSize: number }) {
  if (!can(actor, 'expert.pool.manage')) throw new AppError('FORBIDDEN');
  const { items, total } = await repo.listPool(db, actor.org.id, query, query.page, query.pageSize);
  return { items: await presentProfiles(db, items), total, page: query.page, pageSize: query.pageSize };
}

/** Puts an expert account into an authority's pool, audited (the demo seed calls it directly). */
export async function addToPoolInTx(tx: Tx, ctx: AuditContext, poolOrgId: string, userId: string, profile: PoolProfile) {
  await repo.insertProfile(tx, { userId, poolOrgId, ...profile });
  await audit.recordInTx(tx, ctx, { action: 'expert.pool.add', objectType: 'user', objectId: userId, detail: { poolOrgId, ...profile } });
}

/** The pool admin takes an existing expert account into the pool; an expert is in one pool at most. */
export async function addToPool(db: Db, actor: Actor, ctx: AuditContext, input: ProfileInput & { username: string }) {
  if (!can(actor, 'expert.pool.manage')) throw new AppError('FORBIDDEN');
  const account = await repo.accountByUsername(db, input.username.trim());
  if (!account) throw fieldError('body.username', '没有该用户名的账号', 'no account with this username');
  if (!account.isExpert) throw fieldError('body.username', '该账号不是评审专家账号（须具有“评审专家”角色）', 'the account does not hold the expert role');
  const existing = await repo.findProfile(db, account.id);
  if (existing)
    throw new AppError('DUPLICATE', existing.profile.poolOrgId === actor.org.id ? { zh: '该专家已在本单位专家库中', en: 'The expert is already in your pool' } : { zh: '该专家已在其他单位的专家库中', en: 'The expert is in another authority’s pool' });
  const valid = await checkProfile(db, input);
  try {
    await db.transaction((tx) => addToPoolInTx(tx, ctx, actor.org.id, account.id, valid));
  } catch (err) {
    if (violatedUniqueConstraint(err) === 'expert_profiles_pkey') throw new AppError('DUPLICATE', { zh: '该专家已在专家库中', en: 'The expert is already in a pool' });
    throw err;
  }
  return profileOut(db, account.id);
}

export async function updatePoolProfile(db: Db, actor: Actor, ctx: AuditContext, userId: string, input: ProfileInput) {
  await ownProfile(db, actor, userId);
  const valid = await checkProfile(db, input);
  await db.transaction(async (tx) => {
    await repo.updateProfile(tx, userId, valid);
    await audit.recordInTx(tx, ctx, { action: 'expert.pool.update', objectType: 'user', objectId: userId, detail: valid });
  });
  return profileOut(db, userId);
}

/** Deactivated experts keep their assignments and scores but get no new ones. */
export async function setPoolActive(db: Db, actor: Actor, ctx: AuditContext, userId: string, active: boolean) {
  const row = await ownProfile(db, actor, userId);
  if (row.profile.active !== active)
    await db.transaction(async (tx) => {
      await repo.updateProfile(tx, userId, { active });
      await audit.recordInTx(tx, ctx, { action: active ? 'expert.pool.activate' : 'expert.pool.deactivate', objectType: 'user', objectId: userId });
    });
  return profileOut(db, userId);
}

/** An expert adds an organisation they are in conflict with to their own profile (the reason goes to the audit log). */
export async function declareOwnConflict(db: Db, actor: Actor, ctx: AuditContext, input: { orgId: string; reason: string }) {
  if (!can(actor, 'expert.work')) throw new AppError('FORBIDDEN');
  const row = await repo.findProfile(db, actor.userId);
  if (!row) throw new AppError('STATE_CONFLICT', { zh: '您尚未被纳入任何专家库，请联系主管部门', en: 'You are not in any expert pool yet; contact the authority' });
  if (!(await repo.existingOrgIds(db, [input.orgId])).has(input.orgId)) throw fieldError('body.orgId', '单位不存在', 'no such organisation');
  if (!row.profile.conflictOrgIds.includes(input.orgId))
    await db.transaction(async (tx) => {
      await repo.updateProfile(tx, actor.userId, { conflictOrgIds: [...row.profile.conflictOrgIds, input.orgId] });
      await audit.recordInTx(tx, ctx, { action: 'expert.conflict.declare', objectType: 'user', objectId: actor.userId, detail: { orgId: input.orgId, reason: input.reason } });
    });
  return profileOut(db, actor.userId);
}

/** Organisations to pick as an affiliation or a conflict, by name (pool admins and experts). */
export async function orgOptions(db: Db, actor: Actor, q: string) {
  if (!can(actor, 'expert.pool.manage') && !can(actor, 'expert.work')) throw new AppError('FORBIDDEN');
  return { items: q ? await repo.searchOrgs(db, q) : [] };
}

// ── Score sheets ────────────────────────────────────────────────────────────
