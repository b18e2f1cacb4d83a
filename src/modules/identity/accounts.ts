import { randomInt } from 'node:crypto';
import type { Config } from '../../config.ts';
import type { Db, Tx } from '../../db/client.ts';
import { AppError, fieldError, notFound } from '../../shared/errors.ts';
import { maskMobile, normaliseMobile } from '../../shared/validation/mobile.ts';
import { violatedUniqueConstraint } from '../../shared/validation/unique-violation.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import type { OrgKind } from '../../shared/domain.ts';
import { findOrganisation } from '../orgs/index.ts';
import type { Actor } from '../../shared/actor.ts';
import { checkPasswordStrength, hashPassword } from './password.ts';
import { can, isAdminPower } from '../../shared/admin-powers.ts';
import * as repo from './repository.ts';
import { ROLE_NAMES, type Role } from './schema.ts';
import { passwordProblemsError } from './service.ts';

/** Which organisation kinds each role may belong to. */
export const ROLE_ORG_KINDS: Record<Role, readonly OrgKind[]> = {
  operator_admin: ['operator'],
  operator_staff: ['operator'],
  authority_admin: ['authority', 'recommending_unit'],
  authority_reviewer: ['authority', 'recommending_unit'],
  intake_clerk: ['intake_agency'],
  expert: ['expert_body'],
  maker: ['maker_team'],
  system_admin: ['platform'],
  security_admin: ['platform'],
  audit_admin: ['platform'],
};

export interface NewAccount {
  username: string;
  displayName: string;
  password: string;
  orgId: string;
  roles: Role[];
  email?: string | null;
  mobile?: string | null;
  /** Seeded and admin-created accounts must change the password at first sign-in (outside demo mode). */
  mustChangePassword: boolean;
}

export function checkRoles(roles: readonly Role[], orgKind: OrgKind, field = 'body.roles') {
  if (roles.length === 0) throw fieldError(field, '至少选择一个角色', 'choose at least one role');
  const powers = roles.filter(isAdminPower);
  if (powers.length > 1) throw adminPowersSeparated(field);
  for (const role of roles) {
    if (!ROLE_ORG_KINDS[role].includes(orgKind))
      throw fieldError(field, `角色“${ROLE_NAMES[role]}”不适用于该类机构`, `role ${role} does not fit this kind of organisation`);
  }
}

export async function createAccountInTx(tx: Tx, config: Config, ctx: AuditContext, input: NewAccount, passwordHash?: string) {
  const username = input.username.trim();
  if (!/^[A-Za-z0-9_.-]{3,64}$/.test(username))
    throw fieldError('body.username', '用户名为 3–64 位字母、数字或 _ . -', '3–64 letters, digits or _ . -');
  if (await repo.findUserByUsername(tx, username)) throw usernameTaken();
  const org = await findOrganisation(tx, input.orgId);
  if (!org) throw fieldError('body.orgId', '所属机构不存在', 'no such organisation');
  checkRoles(input.roles, org.kind);
  let mobile: string | null = null;
  if (input.mobile) {
    mobile = normaliseMobile(input.mobile);
    if (!mobile) throw fieldError('body.mobile', '手机号码格式不正确', 'not a valid mainland mobile number');
  }
  if (!passwordHash) {
    const problems = checkPasswordStrength(input.password, config.password, { username });
    if (problems.length) throw passwordProblemsError(problems, 'body.password');
  }
  const user = await repo.insertUser(tx, {
    username,
    displayName: input.displayName.trim(),
    passwordHash: passwordHash ?? (await hashPassword(input.password)),
    orgId: org.id,
    email: input.email ?? null,
    mobile,
    mustChangePassword: input.mustChangePassword,
  });
  await repo.setRoles(tx, user.id, input.roles);
  await audit.recordInTx(tx, ctx, {
    action: 'user.create',
    objectType: 'user',
    objectId: user.id,
    detail: { username, roles: input.roles, orgId: org.id },
  });
  return user;
}

export function createAccount(db: Db, config: Config, ctx: AuditContext, input: NewAccount) {
  return withIdentityConstraints(() => db.transaction((tx) => createAccountInTx(tx, config, ctx, input)));
}

/**
 * Turns a unique violation the database caught (two requests racing past the checks above) into the
 * same 409 the checks give, instead of a 500.
 */
export async function withIdentityConstraints<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    const constraint = violatedUniqueConstraint(err);
    if (constraint === 'user_roles_one_admin_power_uq') throw adminPowersSeparated('body.roles');
    if (constraint === 'users_username_uq') throw usernameTaken();
    throw err;
  }
}

const adminPowersSeparated = (field: string) =>
  new AppError('ADMIN_POWERS_SEPARATED', { fields: [{ field, message: '三种管理员权限不能兼任', messageEn: 'admin powers are separated' }] });

const usernameTaken = () =>
  new AppError('DUPLICATE', { zh: '用户名已被使用', en: 'Username taken', fields: [{ field: 'body.username', message: '用户名已被使用', messageEn: 'username taken' }] });

/** The columns the account list sorts by. */
export const USER_SORTS = repo.USER_SORTS;

export interface AccountQuery extends repo.UserFilter, repo.UserSort {
  page: number;
  pageSize: number;
}

/**
 * The admin account list. Mobile numbers are always masked here: seeing one in full is a separate,
 * audited permission (SECURITY-CHECKLIST 18) that no list grants.
 */
export async function listAccounts(db: Db, actor: Actor, query: AccountQuery) {
  if (!can(actor, 'user.list')) throw new AppError('FORBIDDEN');
  const { page, pageSize, sort, order, ...filter } = query;
  const { items, total } = await repo.listUsers(db, filter, { sort, order }, page, pageSize);
  const now = new Date();
  return {
    items: items.map(({ user, org, roles, lastLoginAt }) => ({
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      org,
      roles,
      status: user.status,
      locked: user.lockedUntil !== null && user.lockedUntil > now,
      mobile: user.mobile ? maskMobile(user.mobile) : null,
      email: user.email,
      createdAt: user.createdAt,
      lastLoginAt,
    })),
    total,
    page,
    pageSize,
  };
}

/** A system admin opens an account; its holder must choose a new password at first sign-in. */
export async function createAccountAsAdmin(db: Db, config: Config, actor: Actor, ctx: AuditContext, input: Omit<NewAccount, 'mustChangePassword'>) {
  if (!can(actor, 'user.create')) throw new AppError('FORBIDDEN');
  if (!can(actor, 'user.create', { roles: input.roles })) throw adminAccountsByOperatorOnly();
  return createAccount(db, config, ctx, { ...input, mustChangePassword: true });
}

const adminAccountsByOperatorOnly = (field?: string) => {
  const zh = '系统管理员、安全管理员、审计管理员账号只能由运维人员通过命令行（npx hatchery user …）创建、修改、停用或启用';
  const en = 'System, security and audit administrator accounts are created, edited, disabled and enabled only by the operator (npx hatchery user …)';
  return new AppError('FORBIDDEN', { zh, en, ...(field ? { fields: [{ field, message: zh, messageEn: en }] } : {}) });
};

type TargetAction = 'user.disable' | 'user.enable' | 'user.unlock' | 'user.sessions.kill' | 'user.update' | 'user.password.reset';

/** Loads the target account and checks the actor may use `action` on it: 404 unknown, 403 refused. */
async function targetAccount(db: Db, actor: Actor, action: TargetAction, userId: string) {
  const user = await repo.findUserById(db, userId);
  if (!user) throw notFound({ zh: '账号不存在', en: 'No such account' });
  const roles = await repo.rolesOf(db, user.id);
  if (!can(actor, action, { id: user.id, roles }))
    // Refused only for the powers the account holds: say who may act instead.
    throw can(actor, action, { id: user.id, roles: [] }) ? adminAccountsByOperatorOnly() : new AppError('FORBIDDEN');
  return user;
}

/** Disabling ends every session of the user at once, so their very next request is refused. */
async function setStatus(db: Db, ctx: AuditContext, user: repo.UserRow, status: repo.UserRow['status']) {
  return db.transaction(async (tx) => {
    await repo.updateUser(tx, user.id, { status });
    if (status === 'active') {
      await audit.recordInTx(tx, ctx, { action: 'user.enable', objectType: 'user', objectId: user.id });
      return { sessionsEnded: 0 };
    }
    const sessionsEnded = await repo.revokeUserSessions(tx, user.id, new Date());
    await audit.recordInTx(tx, ctx, { action: 'user.disable', objectType: 'user', objectId: user.id, detail: { sessionsEnded } });
    return { sessionsEnded };
  });
}

export async function disableAccount(db: Db, actor: Actor, ctx: AuditContext, userId: string) {
  return setStatus(db, ctx, await targetAccount(db, actor, 'user.disable', userId), 'disabled');
}

export async function enableAccount(db: Db, actor: Actor, ctx: AuditContext, userId: string) {
  await setStatus(db, ctx, await targetAccount(db, actor, 'user.enable', userId), 'active');
}

/**
 * The operator at the console disables or enables any account, administrators included: the only
 * way to do so for the three powers (三权分立). `ctx` names the operating-system user.
 */
export async function setAccountStatusByOperator(db: Db, ctx: AuditContext, username: string, status: repo.UserRow['status']) {
  const user = await repo.findUserByUsername(db, username.trim());
  if (!user) throw fieldError('body.username', `账号“${username}”不存在`, `no account "${username}"`);
  return setStatus(db, ctx, user, status);
}

/** The security admin lifts a sign-in lockout before it runs out. */
export async function unlockAccount(db: Db, actor: Actor, ctx: AuditContext, userId: string) {
  const user = await targetAccount(db, actor, 'user.unlock', userId);
  await db.transaction(async (tx) => {
    await repo.updateUser(tx, user.id, { lockedUntil: null, failedLoginCount: 0 });
    await audit.recordInTx(tx, ctx, { action: 'user.unlock', objectType: 'user', objectId: user.id, detail: { wasLockedUntil: user.lockedUntil?.toISOString() ?? null } });
  });
}

/** The security admin ends every session of a user (e.g. a stolen device); the account stays usable. */
export async function killSessions(db: Db, actor: Actor, ctx: AuditContext, userId: string) {
  const user = await targetAccount(db, actor, 'user.sessions.kill', userId);
  return db.transaction(async (tx) => {
    const sessionsEnded = await repo.revokeUserSessions(tx, user.id, new Date());
    await audit.recordInTx(tx, ctx, { action: 'user.sessions.kill', objectType: 'user', objectId: user.id, detail: { sessionsEnded } });
    return { sessionsEnded };
  });
}

export interface AccountEdit {
  displayName?: string | undefined;
  orgId?: string | undefined;
  roles?: Role[] | undefined;
  /** null clears it. */
  email?: string | null | undefined;
  /** null clears it; the list shows it masked, so the form sends one only to replace it. */
  mobile?: string | null | undefined;
}

/**
 * The system admin edits an account: name, organisation, roles, contact. Within 三权分立: never their
 * own account, never one holding an administrator power, never granting one (those stay with the
 * operator's CLI). Roles must fit the organisation's kind. Roles are read on every request, so a
 * change applies to the user's next request without ending their sessions.
 */
export async function updateAccount(db: Db, actor: Actor, ctx: AuditContext, userId: string, edit: AccountEdit) {
  const user = await targetAccount(db, actor, 'user.update', userId);
  const before = await repo.rolesOf(db, user.id);
  const roles = edit.roles ?? before;
  if (!can(actor, 'user.update', { id: user.id, roles })) throw adminAccountsByOperatorOnly('body.roles');
  const orgId = edit.orgId ?? user.orgId;
  const org = await findOrganisation(db, orgId);
  if (!org) throw fieldError('body.orgId', '所属机构不存在', 'no such organisation');
  checkRoles(roles, org.kind);
  let mobile: string | null | undefined = edit.mobile;
  if (edit.mobile) {
    mobile = normaliseMobile(edit.mobile);
    if (!mobile) throw fieldError('body.mobile', '手机号码格式不正确', 'not a valid mainland mobile number');
  }
  const patch = {
    ...(edit.displayName !== undefined ? { displayName: edit.displayName.trim() } : {}),
    ...(edit.orgId !== undefined ? { orgId } : {}),
    ...(edit.email !== undefined ? { email: edit.email } : {}),
    ...(mobile !== undefined ? { mobile } : {}),
  };
  // rolesOf answers sorted, so sorted lists compare.
  const rolesChanged = [...roles].sort().join() !== before.join();
  await withIdentityConstraints(() =>
    db.transaction(async (tx) => {
      if (Object.keys(patch).length) await repo.updateUser(tx, user.id, patch);
      if (rolesChanged) await repo.setRoles(tx, user.id, roles);
      await audit.recordInTx(tx, ctx, {
        action: 'user.update',
        objectType: 'user',
        objectId: user.id,
        // Names of the changed contact fields only: the log keeps no personal data.
        detail: {
          ...(patch.displayName !== undefined && patch.displayName !== user.displayName ? { displayName: { from: user.displayName, to: patch.displayName } } : {}),
          ...(orgId !== user.orgId ? { orgId: { from: user.orgId, to: orgId } } : {}),
          ...(rolesChanged ? { roles: { from: before, to: [...roles].sort() } } : {}),
          contactChanged: [...(edit.email !== undefined ? ['email'] : []), ...(mobile !== undefined ? ['mobile'] : [])],
        },
      });
    }),
  );
}

/** Letters and digits that are not mistaken for one another when read aloud or copied by hand. */
const TEMP_ALPHABET = { upper: 'ABCDEFGHJKLMNPQRSTUVWXYZ', lower: 'abcdefghijkmnpqrstuvwxyz', digit: '23456789' };

/** A temporary password: three groups of four, with upper case, lower case and digits, meeting the policy. */
export function temporaryPassword(config: Config, username: string): string {
  const all = TEMP_ALPHABET.upper + TEMP_ALPHABET.lower + TEMP_ALPHABET.digit;
  for (;;) {
    const chars = Array.from({ length: 12 }, () => all[randomInt(all.length)]!);
    const password = `${chars.slice(0, 4).join('')}-${chars.slice(4, 8).join('')}-${chars.slice(8).join('')}`;
    const classes = Object.values(TEMP_ALPHABET).every((set) => chars.some((c) => set.includes(c)));
    if (classes && checkPasswordStrength(password, config.password, { username }).length === 0) return password;
  }
}

/**
 * The system admin resets a password: a temporary one, answered once and never stored in clear,
 * that the user must replace at their next sign-in. Every session of the account ends and a
 * running lockout is lifted (it guarded the old password, which no longer works).
 */
export async function resetPasswordByAdmin(db: Db, config: Config, actor: Actor, ctx: AuditContext, userId: string) {
  const user = await targetAccount(db, actor, 'user.password.reset', userId);
  const password = temporaryPassword(config, user.username);
  const passwordHash = await hashPassword(password);
  const sessionsEnded = await db.transaction(async (tx) => {
    await repo.updateUser(tx, user.id, { passwordHash, mustChangePassword: true, passwordChangedAt: new Date(), lockedUntil: null, failedLoginCount: 0 });
    const ended = await repo.revokeUserSessions(tx, user.id, new Date());
    await audit.recordInTx(tx, ctx, { action: 'user.password.reset', objectType: 'user', objectId: user.id, detail: { sessionsEnded: ended, wasLocked: user.lockedUntil !== null && user.lockedUntil > new Date() } });
    return ended;
  });
  return { temporaryPassword: password, sessionsEnded };
}
