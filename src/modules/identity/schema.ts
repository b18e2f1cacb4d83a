import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organisations } from '../orgs/schema.ts';
import { ADMIN_POWERS, ROLES, type Role } from '../../shared/domain.ts';

/** Re-exported so the schema stays the one place the server imports its vocabularies from. */
export { ADMIN_POWERS, ROLES, type Role };

/** Chinese names of the roles, for messages and documents (the web app has its own i18n copy). */
export const ROLE_NAMES: Record<Role, string> = {
  operator_admin: '运营主体管理员',
  operator_staff: '运营主体工作人员',
  authority_admin: '主管部门管理员',
  authority_reviewer: '主管部门审核员',
  intake_clerk: '受理单位工作人员',
  expert: '评审专家',
  maker: '创客',
  system_admin: '系统管理员',
  security_admin: '安全管理员',
  audit_admin: '审计管理员',
};

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    email: text('email'),
    /** Normalised 11-digit mainland mobile number. */
    mobile: text('mobile'),
    status: text('status', { enum: ['active', 'disabled'] }).notNull().default('active'),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
    failedLoginCount: integer('failed_login_count').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    /** Base32 TOTP secret once enrolled. */
    totpSecret: text('totp_secret'),
    /** Last accepted TOTP time step, so a code works only once. */
    totpLastStep: integer('totp_last_step'),
    locale: text('locale', { enum: ['zh-CN', 'en-US'] }).notNull().default('zh-CN'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_username_uq').on(sql`lower(${t.username})`), index('users_org_idx').on(t.orgId)],
);

export const userRoles = pgTable(
  'user_roles',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ROLES }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.role] }),
    // Separation of the three administrator powers enforced by the database itself.
    uniqueIndex('user_roles_one_admin_power_uq')
      .on(t.userId)
      .where(sql`${t.role} in ('system_admin', 'security_admin', 'audit_admin')`),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** sha256 of the cookie token; the token itself is never stored. */
    tokenHash: text('token_hash').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    /** False until the second factor is given (privileged roles with TOTP enrolled). */
    mfaPending: boolean('mfa_pending').notNull().default(false),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('sessions_token_hash_uq').on(t.tokenHash), index('sessions_user_idx').on(t.userId)],
);

/**
 * Self-service password reset ("忘记密码"): one row per link mailed. Only the token's sha256 is kept;
 * a token works once (`usedAt`) and until `expiresAt`, and a newer request for the same account
 * ends the older ones.
 */
export const passwordResetTokens = pgTable(
  'password_reset_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    ip: text('ip'),
  },
  (t) => [uniqueIndex('password_reset_tokens_hash_uq').on(t.tokenHash), index('password_reset_tokens_user_idx').on(t.userId, t.createdAt)],
);
