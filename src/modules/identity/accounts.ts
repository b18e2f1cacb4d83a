import type { Config } from '../../config.ts';
import type { Db, Tx } from '../../db/client.ts';
import { AppError, fieldError } from '../../shared/errors.ts';
import { normaliseMobile } from '../../shared/validation/mobile.ts';
import * as audit from '../audit/service.ts';
import type { AuditContext } from '../audit/service.ts';
import { findOrganisation } from '../orgs/service.ts';
import type { OrgKind } from '../orgs/schema.ts';
import { checkPasswordStrength, hashPassword } from './password.ts';
import * as repo from './repository.ts';
import { ADMIN_POWERS, type Role } from './schema.ts';
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
  const powers = roles.filter((r) => (ADMIN_POWERS as readonly Role[]).includes(r));
  if (powers.length > 1) throw new AppError('ADMIN_POWERS_SEPARATED', { fields: [{ field, message: '三种管理员权限不能兼任', messageEn: 'admin powers are separated' }] });
  for (const role of roles) {
    if (!ROLE_ORG_KINDS[role].includes(orgKind))
      throw fieldError(field, `角色 ${role} 不适用于该类机构`, `role ${role} does not fit this kind of organisation`);
  }
}

export async function createAccountInTx(tx: Tx, config: Config, ctx: AuditContext, input: NewAccount, passwordHash?: string) {
  const username = input.username.trim();
  if (!/^[A-Za-z0-9_.-]{3,64}$/.test(username))
    throw fieldError('body.username', '用户名为 3–64 位字母、数字或 _ . -', '3–64 letters, digits or _ . -');
  if (await repo.findUserByUsername(tx, username))
    throw new AppError('DUPLICATE', { zh: '用户名已被使用', en: 'Username taken', fields: [{ field: 'body.username', message: '用户名已被使用', messageEn: 'username taken' }] });
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
  return db.transaction((tx) => createAccountInTx(tx, config, ctx, input));
}

/** Disabling ends every session of the user at once. */
export async function setAccountStatus(db: Db, ctx: AuditContext, userId: string, status: 'active' | 'disabled') {
  return db.transaction(async (tx) => {
    await repo.updateUser(tx, userId, { status });
    const ended = status === 'disabled' ? await repo.revokeUserSessions(tx, userId, new Date()) : 0;
    await audit.recordInTx(tx, ctx, { action: status === 'disabled' ? 'user.disable' : 'user.enable', objectType: 'user', objectId: userId, detail: { sessionsEnded: ended } });
    return ended;
  });
}
