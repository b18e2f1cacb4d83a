import { createHmac } from 'node:crypto';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { AppError, ERROR_CODES } from '../../shared/errors.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { hasRole, MFA_ROLES, type Actor } from '../../shared/actor.ts';
import { checkPasswordStrength, decoyPasswordHash, hashPassword, verifyPassword } from './password.ts';
import * as repo from './repository.ts';
import { openTotpSecret, SEALED_PREFIX, sealTotpSecret } from './secret-box.ts';
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

/** What the audit log names as the actor of a sign-in with a username that matches no account. */
export const UNKNOWN_USER = 'unknown user';

/**
 * The audit log's trace of a username that matches no account. People type their password into the
 * username field, so the text itself is never kept: a keyed hash (the audit MAC key, never in the
 * database) still shows repeated attempts at one name, and with the key a suspected name can be checked.
 */
export function unknownUsernameMac(config: Config, username: string): string {
  const key = config.keys.auditMac;
  if (!key) throw new Error('the audit MAC key is missing (openContext fills it in outside production)');
  return createHmac('sha256', key).update(`sign-in username\0${username.toLowerCase()}`).digest('hex').slice(0, 32);
}

/**
 * Password sign-in. Unknown users, wrong passwords and locked accounts get the same answer and take
 * the same time (the password hash is verified in each case), so usernames cannot be enumerated;
 * every failure is audited; N failures lock the account for a while without touching other accounts.
 * A user with TOTP enrolled gets a session that can only complete the second factor.
 */
export async function login(db: Db, config: Config, input: LoginInput, meta: RequestMeta) {
  const now = new Date();
  const user = await repo.findUserByUsername(db, input.username);
  if (!user) {
    await verifyPassword(await decoyPasswordHash(), input.password);
    await audit.record(db, { ...ctxFor(meta), actorUsername: UNKNOWN_USER }, {
      action: 'auth.login',
      result: 'failure',
      detail: { reason: 'unknown_user', usernameMac: unknownUsernameMac(config, input.username) },
    });
    throw new AppError('INVALID_CREDENTIALS');
  }
  const ctx = ctxFor(meta, user);
  const passwordOk = await verifyPassword(user.passwordHash, input.password);
  if (user.lockedUntil && user.lockedUntil > now) {
    await audit.record(db, ctx, { action: 'auth.login', objectType: 'user', objectId: user.id, result: 'denied', detail: { reason: 'locked' } });
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (!passwordOk) {
    await recordFailure(db, config, ctx, user.id, 'auth.login', 'bad_password');
    throw new AppError('INVALID_CREDENTIALS');
  }
  // A disabled organisation disables its users too: no session would resolve, so none is made.
  const org = await repo.orgWithRegion(db, user.orgId);
  if (user.status !== 'active' || org?.status !== 'active') {
    const reason = user.status !== 'active' ? 'disabled' : 'organisation_disabled';
    await audit.record(db, ctx, { action: 'auth.login', objectType: 'user', objectId: user.id, result: 'denied', detail: { reason } });
    throw new AppError('ACCOUNT_DISABLED');
  }
  // Once enrolled, the second factor is asked of everyone: an enrolled factor that is skipped
  // for some roles would only look like protection.
  const mfaPending = user.totpSecret !== null;
  const passwordExpired =
    config.password.expiryDays > 0 && now.getTime() - user.passwordChangedAt.getTime() > config.password.expiryDays * 86400_000;
  const created = await db.transaction(async (tx) => {
    await repo.updateUser(tx, user.id, {
      // With a second factor pending the failure count stands until the code is right, so signing
      // in again with a stolen password does not restart the allowance of code guesses.
      ...(mfaPending ? {} : { failedLoginCount: 0 }),
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

/**
 * Counts a failed password or second-factor attempt towards the lockout and audits it, in one
 * transaction. When it locks the account, `endSessionId` (a pending second-factor session) ends too.
 */
async function recordFailure(
  db: Db,
  config: Config,
  ctx: AuditContext,
  userId: string,
  action: 'auth.login' | 'auth.mfa' | 'user.totp.enrol',
  reason: string,
  endSessionId?: string,
) {
  return db.transaction(async (tx) => {
    const lockUntil = new Date(Date.now() + config.login.lockMinutes * 60_000);
    const outcome = await repo.recordSignInFailure(tx, userId, config.login.maxFailures, lockUntil);
    if (outcome.locked && endSessionId) await repo.revokeSession(tx, endSessionId, new Date());
    await audit.recordInTx(tx, ctx, { action, objectType: 'user', objectId: userId, result: 'failure', detail: { reason, ...outcome } });
    return outcome;
  });
}

/**
 * Second step: a TOTP code, usable once, turns the pending session into a full one. Wrong codes
 * count towards the same lockout as wrong passwords, so a stolen password does not buy unlimited
 * guesses at the code from many addresses.
 */
export async function completeMfa(db: Db, config: Config, actor: Actor, code: string, meta: RequestMeta) {
  const user = await repo.findUserById(db, actor.userId);
  if (!user?.totpSecret) throw new AppError('MFA_INVALID');
  const ctx = ctxFor(meta, user);
  if (user.lockedUntil && user.lockedUntil > new Date()) {
    await db.transaction(async (tx) => {
      await repo.revokeSession(tx, actor.sessionId, new Date());
      await audit.recordInTx(tx, ctx, { action: 'auth.mfa', objectType: 'user', objectId: user.id, result: 'denied', detail: { reason: 'locked' } });
    });
    throw new AppError('ACCOUNT_LOCKED');
  }
  const step = matchTotp(openTotpSecret(config, user.id, user.totpSecret), code, new Date(), user.totpLastStep);
  const accepted =
    step !== null &&
    (await db.transaction(async (tx) => {
      // The step is claimed atomically: a code replayed concurrently finds it taken and fails.
      if (!(await repo.claimTotpStep(tx, user.id, step))) return false;
      await repo.updateUser(tx, user.id, { failedLoginCount: 0 });
      await repo.updateSession(tx, actor.sessionId, { mfaPending: false });
      await audit.recordInTx(tx, ctx, { action: 'auth.mfa', objectType: 'user', objectId: user.id });
      return true;
    }));
  if (!accepted) {
    const { locked } = await recordFailure(db, config, ctx, user.id, 'auth.mfa', step === null ? 'wrong_code' : 'code_reused', actor.sessionId);
    throw new AppError(locked ? 'ACCOUNT_LOCKED' : 'MFA_INVALID');
  }
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

/**
 * Stores the secret once a code from it proves the authenticator holds it. Replacing a factor
 * already enrolled also needs a code from the old one, so a hijacked session cannot swap in the
 * attacker's authenticator (ASVS: changing an authentication factor needs re-authentication).
 */
export async function confirmTotpEnrolment(
  db: Db,
  config: Config,
  actor: Actor,
  input: { secret: string; code: string; currentCode?: string | undefined },
  meta: RequestMeta,
) {
  const ctx = ctxFor(meta, { id: actor.userId, username: actor.username, orgId: actor.org.id });
  const now = new Date();
  const user = await repo.findUserById(db, actor.userId);
  const wrongCode = (field: string) =>
    new AppError('MFA_INVALID', { fields: [{ field, message: ERROR_CODES.MFA_INVALID.zh, messageEn: ERROR_CODES.MFA_INVALID.en }] });
  if (user?.totpSecret) {
    const current = input.currentCode ? matchTotp(openTotpSecret(config, user.id, user.totpSecret), input.currentCode, now, user.totpLastStep) : null;
    if (current === null) {
      // Guessing the current code is guessing a second factor: it counts towards the lockout.
      const { locked } = await recordFailure(db, config, ctx, user.id, 'user.totp.enrol', 'current_code', actor.sessionId);
      throw locked ? new AppError('ACCOUNT_LOCKED') : wrongCode('body.currentCode');
    }
  }
  const step = matchTotp(input.secret, input.code, now, null);
  if (step === null) {
    await audit.record(db, ctx, { action: 'user.totp.enrol', objectType: 'user', objectId: actor.userId, result: 'failure', detail: { reason: 'new_code' } });
    throw wrongCode('body.code');
  }
  await db.transaction(async (tx) => {
    await repo.updateUser(tx, actor.userId, { totpSecret: sealTotpSecret(config, actor.userId, input.secret), totpLastStep: step });
    await audit.recordInTx(tx, ctx, { action: 'user.totp.enrol', objectType: 'user', objectId: actor.userId, detail: { replaced: user?.totpSecret != null } });
  });
}

/**
 * Seals the TOTP secrets stored in clear (written before encryption at rest, or restored from such a
 * backup), one audit row per account in the same transaction. Runs at every start; a row another
 * process sealed meanwhile is left alone.
 */
export async function sealPlainTotpSecrets(db: Db, config: Config): Promise<number> {
  return db.transaction(async (tx) => {
    let sealed = 0;
    for (const { id, totpSecret } of await repo.usersWithUnsealedTotpSecret(tx, SEALED_PREFIX)) {
      if (!(await repo.replaceTotpSecret(tx, id, totpSecret, sealTotpSecret(config, id, totpSecret)))) continue;
      await audit.recordInTx(tx, audit.SYSTEM_CONTEXT, { action: 'user.totp.seal', objectType: 'user', objectId: id });
      sealed++;
    }
    return sealed;
  });
}

/** Second-factor status for the profile page: recommended by role, required when configured. */
export function mfaStatus(config: Config, actor: Actor) {
  const privileged = hasRole(actor, ...MFA_ROLES);
  return {
    mfaEnrolled: actor.mfaEnrolled,
    mfaRecommended: privileged,
    mfaEnrolmentRequired: config.mfaRequired && privileged && !actor.mfaEnrolled,
  };
}

/** Active users of the organisations holding one of the roles, with their e-mail addresses (notice recipients). */
export const activeUsersWithRoles = repo.activeUsersWithRoles;
