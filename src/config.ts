import path from 'node:path';
import { z } from 'zod';

/**
 * The one place that reads the environment. Every variable is documented here and in README.md;
 * a bad value stops the process with a message naming the variable (see `loadConfig`).
 */
const boolFromEnv = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');

const envSchema = z.object({
  /** HTTP port. */
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Interface to bind. */
  HOST: z.string().min(1).default('0.0.0.0'),
  /** `development` (default for npm start: demo mode), `production` or `test`. */
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Embedded database and attachment store live here. */
  HATCHERY_DATA_DIR: z.string().min(1).default('./data'),
  /** PostgreSQL connection string; when absent the embedded PGlite database is used. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /** Seed demo data and accounts on an empty database. Defaults to true outside production. */
  HATCHERY_DEMO: boolFromEnv.optional(),
  /** SMTP server for outgoing mail, e.g. smtp://user:pass@host:587; when absent mail stays in the outbox. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  /** Sender address for outgoing mail. */
  MAIL_FROM: z.string().min(3).default('Hatchery <noreply@hatchery.local>'),
  /** Idle session timeout in minutes. */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  /** Absolute session lifetime in hours. */
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(72).default(12),
  /** Failed sign-ins before an account is locked. */
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  /** Lock duration in minutes after too many failures. */
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  /** Sign-in attempts allowed per IP address per minute. */
  LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(20),
  /** Password expiry in days; 0 disables expiry (ASVS advises against expiry, 等保 asks it be configurable). */
  PASSWORD_EXPIRY_DAYS: z.coerce.number().int().min(0).max(3650).default(0),
  /**
   * Authority, expert and administrator accounts must enrol a TOTP second factor before they can
   * work (SECURITY-CHECKLIST 4). Defaults to true in production, false otherwise (demo accounts).
   */
  MFA_REQUIRED: boolFromEnv.optional(),
  /** Require upper, lower, digit and symbol classes (at least three of four) in new passwords. */
  PASSWORD_REQUIRE_COMPLEXITY: boolFromEnv.default(true),
  /** Largest accepted upload in megabytes. */
  UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(1024).default(50),
  /** Public base URL used in mails and documents. */
  PUBLIC_URL: z.string().url().optional(),
  /** pino log level. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = z.input<typeof envSchema>;

export interface Config {
  port: number;
  host: string;
  env: 'development' | 'production' | 'test';
  production: boolean;
  dataDir: string;
  databaseUrl: string | undefined;
  demo: boolean;
  smtpUrl: string | undefined;
  mailFrom: string;
  session: { idleMinutes: number; absoluteHours: number };
  login: { maxFailures: number; lockMinutes: number; ratePerMinute: number };
  password: { expiryDays: number; requireComplexity: boolean };
  mfaRequired: boolean;
  uploadMaxBytes: number;
  publicUrl: string;
  logLevel: string;
}

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const relevant = Object.fromEntries(
    Object.keys(envSchema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]),
  );
  const parsed = envSchema.safeParse(relevant);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (i) => `  ${i.path.join('.')}: ${i.message} (got ${JSON.stringify(relevant[String(i.path[0])])})`,
    );
    throw new ConfigError(`配置错误 / invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  return {
    port: e.PORT,
    host: e.HOST,
    env: e.NODE_ENV,
    production,
    dataDir: path.resolve(e.HATCHERY_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    demo: e.HATCHERY_DEMO ?? !production,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    session: { idleMinutes: e.SESSION_IDLE_MINUTES, absoluteHours: e.SESSION_ABSOLUTE_HOURS },
    login: {
      maxFailures: e.LOGIN_MAX_FAILURES,
      lockMinutes: e.LOGIN_LOCK_MINUTES,
      ratePerMinute: e.LOGIN_RATE_PER_MINUTE,
    },
    password: { expiryDays: e.PASSWORD_EXPIRY_DAYS, requireComplexity: e.PASSWORD_REQUIRE_COMPLEXITY },
    mfaRequired: e.MFA_REQUIRED ?? production,
    uploadMaxBytes: e.UPLOAD_MAX_MB * 1024 * 1024,
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    logLevel: e.LOG_LEVEL,
  };
}
