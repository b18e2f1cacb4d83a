import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * The one place that reads the environment. Every variable is documented here and in README.md;
 * a bad value stops the process with a message naming the variable (see `loadConfig`).
 */
const boolFromEnv = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');

/** An IPv4/IPv6 address, optionally with a /prefix, or one of proxy-addr's named ranges. */
const PROXY_ENTRY = /^(loopback|linklocal|uniquelocal|[0-9a-fA-F:.]+(\/\d{1,3})?)$/;

/** A 32-byte key given as 64 hex digits or as base64. */
const secretKey = z
  .string()
  .transform((v, ctx) => {
    const buf = /^[0-9a-fA-F]{64}$/.test(v) ? Buffer.from(v, 'hex') : Buffer.from(v, 'base64');
    if (buf.length < 32) {
      ctx.addIssue({ code: 'custom', message: 'must be at least 32 bytes, as 64 hex digits or base64' });
      return z.NEVER;
    }
    return buf;
  });

const envSchema = z.object({
  /** HTTP port. */
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /**
   * Interface to bind. Defaults to 127.0.0.1 outside production, because development runs with
   * public demo passwords; production defaults to every interface (0.0.0.0).
   */
  HOST: z.string().min(1).optional(),
  /** `development` (default for npm start: demo mode), `production` or `test`. */
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Embedded database and attachment store live here. */
  HATCHERY_DATA_DIR: z.string().min(1).default('./data'),
  /** PostgreSQL connection string; when absent the embedded PGlite database is used. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /**
   * Owner connection string for migrations. When given, `npm start` migrates through it and serves
   * through DATABASE_URL (a non-owner role); when absent on PostgreSQL, run `hatchery migrate` first.
   */
  DATABASE_MIGRATION_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /**
   * Connections each process keeps to PostgreSQL. N instances hold up to N × this many, which must
   * stay below the server's `max_connections` (README: running several instances).
   */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(10),
  /**
   * S3-compatible object storage for attachments (MinIO, AWS, Alibaba OSS, Tencent COS, Huawei OBS…),
   * e.g. `https://s3.cn-north-1.amazonaws.com.cn` or `http://minio:9000`. When absent attachments stay
   * on the local disk under HATCHERY_DATA_DIR; several instances need it (or one shared disk).
   */
  S3_ENDPOINT: z.string().url().regex(/^https?:\/\//, 'must start with http:// or https://').optional(),
  /** The bucket attachments go to (created beforehand; the server never creates or lists buckets). */
  S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a valid bucket name (3–63 lower-case letters, digits, dots, hyphens)').optional(),
  /** Access key id of an account that may put, get, delete and list objects in S3_BUCKET. */
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  /** Its secret key. */
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** The region the requests are signed for; MinIO and most Chinese clouds accept `us-east-1`. */
  S3_REGION: z.string().regex(/^[a-z0-9-]{2,40}$/, 'must be a region name such as us-east-1 or cn-north-1').default('us-east-1'),
  /**
   * Address the bucket in the path (`endpoint/bucket/key`) rather than as a host name
   * (`bucket.endpoint/key`). MinIO needs true; the clouds take false.
   */
  S3_FORCE_PATH_STYLE: boolFromEnv.default(true),
  /** Seed demo data and accounts on an empty database. Defaults to true outside production; refused in production. */
  HATCHERY_DEMO: boolFromEnv.optional(),
  /**
   * With the demo: also seed its lived-in history (applications at every stage, past rounds and lists).
   * false leaves the demo accounts and spaces only, which starts in seconds rather than minutes: the
   * browser tests' second server (the mailed password reset) needs nothing more.
   */
  HATCHERY_DEMO_HISTORY: boolFromEnv.default(true),
  /**
   * Reverse proxies whose X-Forwarded-For is believed: a comma-separated list of addresses or CIDRs
   * (or `loopback`, `linklocal`, `uniquelocal`). Off by default: the client address is the socket's.
   */
  TRUST_PROXY: z
    .string()
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(PROXY_ENTRY, 'each entry must be an IPv4/IPv6 address or CIDR, or loopback/linklocal/uniquelocal')))
    .optional(),
  /**
   * Key of the audit log's keyed MAC (HMAC-SHA256), at least 32 bytes as hex or base64. Never stored
   * in the database. Required in production; outside production a key is generated under the data dir.
   */
  AUDIT_MAC_KEY: secretKey.optional(),
  /**
   * Key encrypting secrets at rest (TOTP seeds; AES-256-GCM), 32 bytes as hex or base64. Required in
   * production; outside production a key is generated under the data dir.
   */
  DATA_ENCRYPTION_KEY: secretKey.optional(),
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
  /**
   * Minutes a crash leftover (a partial upload, stored bytes without a `files` row) is left alone by
   * the attachment sweep (at start and daily), since an upload in progress looks the same.
   */
  FILES_SWEEP_GRACE_MINUTES: z.coerce.number().int().min(0).max(7 * 24 * 60).default(60),
  /** Public base URL used in mails and documents. */
  PUBLIC_URL: z.string().url().optional(),
  /**
   * Who runs this site, named in the footer of every public page (主办/运营单位), e.g.
   * `某某市科学技术局`. Defaults to the software's project, which runs demo deployments.
   */
  SITE_OPERATOR: z.string().trim().min(2).max(100).default('众创空间备案与服务平台开源项目'),
  /** The site's ICP filing number shown in the footer and linked to the MIIT register, e.g. `京ICP备12345678号`. */
  SITE_ICP: z.string().trim().min(4).max(60).optional(),
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
  /** Owner connection for migrations (PostgreSQL); absent: the server does not migrate PostgreSQL itself. */
  databaseMigrationUrl: string | undefined;
  /** Connections this process keeps to PostgreSQL. */
  databasePoolSize: number;
  /** Where attachment bytes live: the local disk under dataDir, or an S3-compatible bucket. */
  storage: StorageConfig;
  demo: boolean;
  /** Seed the demo's lived-in history too (only with `demo`). */
  demoHistory: boolean;
  /** Trusted reverse proxies (addresses/CIDRs); empty: X-Forwarded-For is ignored. */
  trustProxy: string[];
  /** Keys from the environment; absent outside production until `resolveKeys` fills them in. */
  keys: { auditMac: Buffer | undefined; dataEncryption: Buffer | undefined };
  smtpUrl: string | undefined;
  mailFrom: string;
  session: { idleMinutes: number; absoluteHours: number };
  login: { maxFailures: number; lockMinutes: number; ratePerMinute: number };
  password: { expiryDays: number; requireComplexity: boolean };
  mfaRequired: boolean;
  uploadMaxBytes: number;
  filesSweepGraceMinutes: number;
  publicUrl: string;
  /** The public pages' footer: who runs the site and its ICP filing number. */
  site: { operator: string; icp: string | undefined };
  logLevel: string;
}

export type StorageConfig =
  | { kind: 'disk' }
  | { kind: 's3'; endpoint: string; bucket: string; accessKeyId: string; secretAccessKey: string; region: string; forcePathStyle: boolean };

export class ConfigError extends Error {}

const SECRET_VARIABLE = /KEY|_URL$/;

const S3_REQUIRED = ['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;

/** Object storage is all or nothing: one S3 variable without the others is a mistake, not the disk. */
function storageFrom(e: z.output<typeof envSchema>): StorageConfig {
  const given = S3_REQUIRED.filter((name) => e[name] !== undefined);
  if (!given.length) return { kind: 'disk' };
  const missing = S3_REQUIRED.filter((name) => e[name] === undefined);
  if (missing.length)
    throw new ConfigError(
      `配置错误 / invalid configuration:\n${missing.map((name) => `  ${name}: 使用对象存储时必填 / required when ${given.join(', ')} ${given.length > 1 ? 'are' : 'is'} set (S3 object storage)`).join('\n')}`,
    );
  return {
    kind: 's3',
    endpoint: e.S3_ENDPOINT!.replace(/\/+$/, ''),
    bucket: e.S3_BUCKET!,
    accessKeyId: e.S3_ACCESS_KEY_ID!,
    secretAccessKey: e.S3_SECRET_ACCESS_KEY!,
    region: e.S3_REGION,
    forcePathStyle: e.S3_FORCE_PATH_STYLE,
  };
}

/**
 * Fills in the keys outside production: generated once into `<dataDir>/keys.json` (mode 0600) and
 * reused, so a development database keeps working across restarts. Production has refused to start
 * without them already (`loadConfig`).
 */
export function withDevelopmentKeys(config: Config): Config {
  if (config.keys.auditMac && config.keys.dataEncryption) return config;
  const file = path.join(config.dataDir, 'keys.json');
  let stored: { auditMac?: string; dataEncryption?: string } = {};
  if (fs.existsSync(file)) stored = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!stored.auditMac || !stored.dataEncryption) {
    stored = {
      auditMac: stored.auditMac ?? randomBytes(32).toString('hex'),
      dataEncryption: stored.dataEncryption ?? randomBytes(32).toString('hex'),
    };
    fs.mkdirSync(config.dataDir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  return {
    ...config,
    keys: {
      auditMac: config.keys.auditMac ?? Buffer.from(stored.auditMac!, 'hex'),
      dataEncryption: config.keys.dataEncryption ?? Buffer.from(stored.dataEncryption!, 'hex'),
    },
  };
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const relevant = Object.fromEntries(
    Object.keys(envSchema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]),
  );
  const parsed = envSchema.safeParse(relevant);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const name = String(i.path[0]);
      // Keys and connection strings carry secrets: never echo them.
      const got = SECRET_VARIABLE.test(name) ? '' : ` (got ${JSON.stringify(relevant[name])})`;
      return `  ${i.path.join('.')}: ${i.message}${got}`;
    });
    throw new ConfigError(`配置错误 / invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  if (production) {
    const refusals: string[] = [];
    if (e.HATCHERY_DEMO) refusals.push('  HATCHERY_DEMO: demo accounts with public passwords are refused in production (unset it)');
    if (!e.AUDIT_MAC_KEY) refusals.push('  AUDIT_MAC_KEY: required in production (32 random bytes, e.g. `openssl rand -hex 32`)');
    if (!e.DATA_ENCRYPTION_KEY) refusals.push('  DATA_ENCRYPTION_KEY: required in production (32 random bytes, e.g. `openssl rand -hex 32`)');
    if (refusals.length) throw new ConfigError(`生产模式拒绝启动 / refusing to start in production:\n${refusals.join('\n')}`);
  }
  return {
    port: e.PORT,
    host: e.HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
    env: e.NODE_ENV,
    production,
    dataDir: path.resolve(e.HATCHERY_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databaseMigrationUrl: e.DATABASE_MIGRATION_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    storage: storageFrom(e),
    demo: e.HATCHERY_DEMO ?? !production,
    demoHistory: e.HATCHERY_DEMO_HISTORY,
    trustProxy: e.TRUST_PROXY ?? [],
    keys: { auditMac: e.AUDIT_MAC_KEY, dataEncryption: e.DATA_ENCRYPTION_KEY },
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
    filesSweepGraceMinutes: e.FILES_SWEEP_GRACE_MINUTES,
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    site: { operator: e.SITE_OPERATOR, icp: e.SITE_ICP },
    logLevel: e.LOG_LEVEL,
  };
}
