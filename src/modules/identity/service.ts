import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../shared/errors.ts';
import * as audit from '../audit/service.ts';
import type { AuditContext } from '../audit/service.ts';
import { hasRole, MFA_ROLES, type Actor } from './actor.ts';
import { checkPasswordStrength, decoyPasswordHash, hashPassword, verifyPassword } from './password.ts';
import * as repo from './repository.ts';
import { createSession } from './sessions.ts';
import { generateTotpSecret, matchTotp, otpauthUri } from './totp.ts';

export interface LoginInput {
  username: string;
  password: string;
}

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

const ctxFor = (meta: RequestMeta, user?: { id: string; username: string; orgId: string }): AuditContext => ({
  actorUserId: user?.id ?? null,
  actorUsername: user?.username ?? null,
  actorOrgId: user?.orgId ?? null,
  ip: meta.ip,
  requestId: meta.requestId,
});

/**
 * Password sign-in. Unknown users and wrong passwords get the same answer and take the same time;
 * every failure is audited; N failures lock the account for a while without touching other accounts.
 * A privileged user with TOTP enrolled gets a session that can only complete the second factor.
 */
export async function login(db: Db, config: Config, input: LoginInput, meta: RequestMeta) {
  const now = new Date();
  const user = await repo.findUserByUsername(db, input.username);
  if (!user) {
    await verifyPassword(await decoyPasswordHash(), input.password);
    await audit.record(db, { ...ctxFor(meta), actorUsername: input.username.slice(0, 64) }, {
      action: 'auth.login',
      result: 'failure',
      detail: { reason: 'unknown_user' },
    });
    throw new AppError('INVALID_CREDENTIALS');
  }
  const ctx = ctxFor(meta, user);
  if (user.lockedUntil && user.lockedUntil > now) {
    await audit.record(db, ctx, { action: 'auth.login', objectType: 'user', objectId: user.id, result: 'denied', detail: { reason: 'locked' } });
    throw new AppError('ACCOUNT_LOCKED', { details: { lockedUntil: user.lockedUntil.toISOString() } });
  }
  const passwordOk = await verifyPassword(user.passwordHash, input.password);
  if (!passwordOk) {
    const failures = user.failedLoginCount + 1;
    const lock = failures >= config.login.maxFailures;
    await db.transaction(async (tx) => {
      await repo.updateUser(tx, user.id, {
        failedLoginCount: lock ? 0 : failures,
        lockedUntil: lock ? new Date(now.getTime() + config.login.lockMinutes * 60_000) : user.lockedUntil,
      });
      await audit.recordInTx(tx, ctx, {
        action: 'auth.login',
        objectType: 'user',
        objectId: user.id,
        result: 'failure',
        detail: { reason: 'bad_password', failures, locked: lock },
      });
    });
    throw new AppError(lock ? 'ACCOUNT_LOCKED' : 'INVALID_CREDENTIALS');
  }
  if (user.status !== 'active') {
    await audit.record(db, ctx, { action: 'auth.login', objectType: 'user', objectId: user.id, result: 'denied', detail: { reason: 'disabled' } });
    throw new AppError('ACCOUNT_DISABLED');
  }
  const roles = await repo.rolesOf(db, user.id);
  const mfaPending = user.totpSecret !== null && roles.some((r) => MFA_ROLES.includes(r));
  const passwordExpired =
    config.password.expiryDays > 0 && now.getTime() - user.passwordChangedAt.getTime() > config.password.expiryDays * 86400_000;
  const created = await db.transaction(async (tx) => {
    await repo.updateUser(tx, user.id, {
      failedLoginCount: 0,
      lockedUntil: null,
      ...(passwordExpired ? { mustChangePassword: true } : {}),
    });
    const s = await createSession(tx, config, user.id, { ip: meta.ip, userAgent: meta.userAgent, mfaPending });
    await audit.recordInTx(tx, ctx, {
      action: 'auth.login',
      objectType: 'user',
      objectId: user.id,
      detail: { mfaPending, passwordExpired },
    });
    return s;
  });
  return {
    token: created.token,
    csrfToken: created.session.csrfToken,
    mfaPending,
    mustChangePassword: user.mustChangePassword || passwordExpired,
  };
}

/** Second step for privileged users: a TOTP code, usable once, turns the pending session into a full one. */
export async function completeMfa(db: Db, actor: Actor, code: string, meta: RequestMeta) {
  const user = await repo.findUserById(db, actor.userId);
  const ctx = ctxFor(meta, user);
  const step = user?.totpSecret ? matchTotp(user.totpSecret, code, new Date(), user.totpLastStep) : null;
  if (!user || step === null) {
    await audit.record(db, ctx, { action: 'auth.mfa', objectType: 'user', objectId: actor.userId, result: 'failure' });
    throw new AppError('MFA_INVALID');
  }
  await db.transaction(async (tx) => {
    await repo.updateUser(tx, user.id, { totpLastStep: step });
    await repo.updateSession(tx, actor.sessionId, { mfaPending: false });
    await audit.recordInTx(tx, ctx, { action: 'auth.mfa', objectType: 'user', objectId: user.id });
  });
}

export async function logout(db: Db, actor: Actor, meta: RequestMeta) {
  await db.transaction(async (tx) => {
    await repo.revokeSession(tx, actor.sessionId, new Date());
    await audit.recordInTx(tx, ctxFor(meta, { id: actor.userId, username: actor.username, orgId: actor.org.id }), {
      action: 'auth.logout',
      objectType: 'user',
      objectId: actor.userId,
    });
  });
}

export function passwordProblemsError(problems: { zh: string; en: string }[], field = 'body.newPassword') {
  return new AppError('PASSWORD_WEAK', {
    zh: `密码不符合安全要求：${problems.map((p) => p.zh).join('；')}`,
    en: `The password does not meet the requirements: ${problems.map((p) => p.en).join('; ')}`,
    fields: problems.map((p) => ({ field, message: p.zh, messageEn: p.en })),
  });
}

/** Changes the actor's own password; other sessions of the user end, this one stays. */
export async function changePassword(
  db: Db,
  config: Config,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
  meta: RequestMeta,
) {
  const user = await repo.findUserById(db, actor.userId);
  if (!user) throw new AppError('UNAUTHENTICATED');
  const ctx = ctxFor(meta, user);
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await audit.record(db, ctx, { action: 'user.password.change', objectType: 'user', objectId: user.id, result: 'failure' });
    throw new AppError('INVALID_CREDENTIALS', {
      zh: '当前密码不正确',
      en: 'The current password is wrong',
      fields: [{ field: 'body.currentPassword', message: '当前密码不正确', messageEn: 'the current password is wrong' }],
    });
  }
  const problems = checkPasswordStrength(input.newPassword, config.password, { username: user.username });
  if (input.newPassword === input.currentPassword)
    problems.push({ zh: '新密码不能与当前密码相同', en: 'must differ from the current password' });
  if (problems.length) throw passwordProblemsError(problems);
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await repo.updateUser(tx, user.id, { passwordHash, mustChangePassword: false, passwordChangedAt: new Date() });
    const ended = await repo.revokeUserSessions(tx, user.id, new Date(), actor.sessionId);
    await audit.recordInTx(tx, ctx, { action: 'user.password.change', objectType: 'user', objectId: user.id, detail: { otherSessionsEnded: ended } });
  });
}

/** Starts TOTP enrolment: a new secret is kept aside until a code from it is confirmed. */
export function startTotpEnrolment(actor: Actor) {
  const secret = generateTotpSecret();
  return { secret, otpauthUri: otpauthUri(secret, actor.username) };
}

export async function confirmTotpEnrolment(db: Db, actor: Actor, input: { secret: string; code: string }, meta: RequestMeta) {
  const step = matchTotp(input.secret, input.code, new Date(), null);
  if (step === null) throw new AppError('MFA_INVALID');
  await db.transaction(async (tx) => {
    await repo.updateUser(tx, actor.userId, { totpSecret: input.secret, totpLastStep: step });
    await audit.recordInTx(tx, ctxFor(meta, { id: actor.userId, username: actor.username, orgId: actor.org.id }), {
      action: 'user.totp.enrol',
      objectType: 'user',
      objectId: actor.userId,
    });
  });
}

export async function me(db: Db, actor: Actor) {
  const user = await repo.findUserById(db, actor.userId);
  const needsMfa = hasRole(actor, ...MFA_ROLES);
  return { user, mfaEnrolled: user?.totpSecret != null, mfaRecommended: needsMfa };
}
