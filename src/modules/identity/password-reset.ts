import type { Config } from '../../config.ts';
import type { Db, Tx } from '../../db/client.ts';
import { AppError } from '../../shared/errors.ts';
import * as audit from '../audit/index.ts';
import { checkPasswordStrength, hashPassword } from './password.ts';
import * as repo from './repository.ts';
import { passwordProblemsError, unknownUsernameMac, type RequestMeta } from './service.ts';
import { hashToken, newToken } from './sessions.ts';

/**
 * Queues a mail in the caller's transaction: the notify module's `queueMail`, handed in by the app
 * layer (src/modules/index.ts), since notify's tables reference the users and importing it here
 * would make the two modules a cycle.
 */
export type QueueMail = (tx: Tx, mail: { to: string; subject: string; body: string }) => Promise<unknown>;

/** How long a mailed link works. */
export const RESET_TOKEN_MINUTES = 30;
/** Links mailed per account per hour at most; further requests are answered alike and mail nothing. */
export const RESET_MAILS_PER_HOUR = 3;

/** Self-service reset works only where mail goes out: a link held in the outbox would reach nobody. */
export const resetByMailAvailable = (config: Config) => config.smtpUrl !== undefined;

const ctxOf = (meta: RequestMeta, user?: { id: string; username: string; orgId: string }) => ({
  actorUserId: user?.id ?? null,
  actorUsername: user?.username ?? null,
  actorOrgId: user?.orgId ?? null,
  ip: meta.ip,
  requestId: meta.requestId,
});

/**
 * "忘记密码": when username and e-mail address name one active account, mails it a single-use link
 * valid for RESET_TOKEN_MINUTES; only the token's hash is stored, and a new link ends the older
 * ones. The caller gets the same answer whether or not anything was sent, so the form tells nobody
 * which accounts exist or which address they use; every request is audited.
 */
export async function requestPasswordReset(db: Db, config: Config, queueMail: QueueMail, input: { username: string; email: string }, meta: RequestMeta) {
  if (!resetByMailAvailable(config)) throw mailNotConfigured();
  const user = await repo.findUserByUsername(db, input.username);
  const matches = user && user.status === 'active' && user.email !== null && user.email.toLowerCase() === input.email.trim().toLowerCase();
  if (!user || !matches) {
    await audit.record(db, { ...ctxOf(meta), actorUsername: user ? user.username : 'unknown user' }, {
      action: 'auth.password_reset.request',
      result: 'failure',
      ...(user ? { objectType: 'user', objectId: user.id } : {}),
      detail: user ? { reason: user.status !== 'active' ? 'disabled' : 'email_mismatch' } : { reason: 'unknown_user', usernameMac: unknownUsernameMac(config, input.username) },
    });
    return;
  }
  const now = new Date();
  await db.transaction(async (tx) => {
    if ((await repo.resetTokensSince(tx, user.id, new Date(now.getTime() - 3600_000))) >= RESET_MAILS_PER_HOUR) {
      await audit.recordInTx(tx, ctxOf(meta, user), { action: 'auth.password_reset.request', objectType: 'user', objectId: user.id, result: 'denied', detail: { reason: 'too_many' } });
      return;
    }
    const token = newToken();
    await repo.endResetTokens(tx, user.id, now);
    const expiresAt = new Date(now.getTime() + RESET_TOKEN_MINUTES * 60_000);
    await repo.insertResetToken(tx, { userId: user.id, tokenHash: hashToken(token), expiresAt, ip: meta.ip });
    const link = `${config.publicUrl.replace(/\/$/, '')}/reset-password?token=${token}`;
    await queueMail(tx, {
      to: user.email!,
      subject: '重设密码 / Reset your password',
      body: [
        `${user.displayName}，您好：`,
        '',
        `有人（希望是您本人）申请重设账号 ${user.username} 的密码。请在 ${RESET_TOKEN_MINUTES} 分钟内打开以下链接设置新密码，链接只能使用一次：`,
        link,
        '',
        '如果不是您本人申请，请忽略本邮件，您的密码不会改变。',
        '',
        `Someone (hopefully you) asked to reset the password of ${user.username}. Open the link above within ${RESET_TOKEN_MINUTES} minutes to choose a new one; it works once. If it was not you, ignore this mail.`,
      ].join('\n'),
    });
    await audit.recordInTx(tx, ctxOf(meta, user), { action: 'auth.password_reset.request', objectType: 'user', objectId: user.id, detail: { expiresAt: expiresAt.toISOString() } });
  });
}

/**
 * Sets a new password through a mailed link. The token is claimed in one conditional UPDATE, so
 * it works once even when two requests race; an unknown, used or expired token is the same 400.
 * The new password meets the policy; every session of the account ends and a lockout is lifted.
 */
export async function completePasswordReset(db: Db, config: Config, input: { token: string; newPassword: string }, meta: RequestMeta) {
  const tokenHash = hashToken(input.token);
  const pending = await repo.findLiveResetToken(db, tokenHash, new Date());
  const user = pending && (await repo.findUserById(db, pending.userId));
  if (!pending || !user || user.status !== 'active') {
    await audit.record(db, ctxOf(meta), { action: 'auth.password_reset.complete', result: 'failure', detail: { reason: pending ? 'account_disabled' : 'invalid_token' } });
    throw invalidToken();
  }
  const problems = checkPasswordStrength(input.newPassword, config.password, { username: user.username });
  if (problems.length) throw passwordProblemsError(problems);
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    if (!(await repo.claimResetToken(tx, pending.id, new Date()))) throw invalidToken();
    await repo.updateUser(tx, user.id, { passwordHash, mustChangePassword: false, passwordChangedAt: new Date(), lockedUntil: null, failedLoginCount: 0 });
    const sessionsEnded = await repo.revokeUserSessions(tx, user.id, new Date());
    await audit.recordInTx(tx, ctxOf(meta, user), { action: 'auth.password_reset.complete', objectType: 'user', objectId: user.id, detail: { sessionsEnded } });
  });
}

const invalidToken = () =>
  new AppError('BAD_REQUEST', {
    zh: '重设密码链接无效、已使用或已过期，请重新申请',
    en: 'The reset link is invalid, used or expired; ask for a new one',
    fields: [{ field: 'body.token', message: '重设密码链接无效、已使用或已过期，请重新申请', messageEn: 'the reset link is invalid, used or expired' }],
  });

const mailNotConfigured = () =>
  new AppError('CONFLICT', {
    zh: '本平台未配置邮件发送，无法通过邮件找回密码，请联系系统管理员重置密码',
    en: 'Mail is not configured on this platform; ask the system administrator to reset your password',
  });
