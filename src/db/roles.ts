import { createRequire } from 'node:module';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { migrationsFolder, type Database } from './client.ts';

/**
 * The role the server connects as on PostgreSQL. It owns nothing: it reads and writes rows, so
 * row-level security applies to it and it cannot alter tables or switch the audit log's triggers off.
 */
export const APP_ROLE = 'hatchery_app';

/**
 * Creates the application role when missing and grants it what the server needs, run by the owner
 * after every migration (so tables added later are covered, and ALTER DEFAULT PRIVILEGES covers
 * tables created by hand). Roles are cluster-wide and several databases may create it at once
 * (tests), hence the caught duplicates; grants are per database. It logs in without a password
 * until the operator sets one (README: the two roles).
 */
export async function grantAppRole(database: Database): Promise<void> {
  await database.exec(`
    DO $$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
        CREATE ROLE ${APP_ROLE} LOGIN;
      END IF;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END $$;
    GRANT USAGE ON SCHEMA public TO ${APP_ROLE};
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${APP_ROLE};
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${APP_ROLE};
    ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${APP_ROLE};
    ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${APP_ROLE};
    -- The audit log is append-only for the application: it adds and reads rows, nothing else.
    REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM ${APP_ROLE};
    -- Read to tell whether the schema is current (see schemaBehind).
    GRANT USAGE ON SCHEMA drizzle TO ${APP_ROLE};
    GRANT SELECT ON drizzle.__drizzle_migrations TO ${APP_ROLE};
    -- pg-boss: the owner installs the schema and creates the queues (migrateStore); the server
    -- only moves jobs through them.
    GRANT USAGE ON SCHEMA pgboss TO ${APP_ROLE};
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA pgboss TO ${APP_ROLE};
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA pgboss TO ${APP_ROLE};
    ALTER DEFAULT PRIVILEGES IN SCHEMA pgboss GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${APP_ROLE};
  `);
}

/** True when the connection may migrate: a superuser or a member of the database's owner. */
export async function connectedAsOwner(database: Database): Promise<boolean> {
  const [row] = await database.query<{ owner: boolean }>(
    `select r.rolsuper or pg_has_role(current_user, d.datdba, 'MEMBER') as owner
       from pg_roles r, pg_database d where r.rolname = current_user and d.datname = current_database()`,
  );
  return row?.owner === true;
}

const pgBossSchemaVersion = (createRequire(import.meta.url)('pg-boss/version.json') as { schema: number }).schema;

/**
 * What the store lacks for this version of the code (a migration, the job queue's schema or one
 * of its queues), or null when it is current. Reads only, with the application role's grants.
 */
export async function schemaBehind(database: Database, queueNames: readonly string[]): Promise<string | null> {
  const exists = async (schema: string, table: string) =>
    (await database.query(`select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1 and c.relname = $2`, [schema, table])).length > 0;

  const latest = readMigrationFiles({ migrationsFolder }).at(-1);
  if (!(await exists('drizzle', '__drizzle_migrations'))) return 'no migration has been applied';
  const [applied] = await database.query<{ at: string | null }>('select max(created_at)::text as at from drizzle.__drizzle_migrations');
  if (latest && Number(applied?.at ?? 0) < latest.folderMillis) return 'migrations are pending';

  if (!(await exists('pgboss', 'version'))) return 'the job queue (pg-boss) is not installed';
  const [boss] = await database.query<{ version: number }>('select version from pgboss.version');
  if (boss?.version !== pgBossSchemaVersion) return `the job queue schema is at version ${boss?.version}, this code needs ${pgBossSchemaVersion}`;
  const present = new Set((await database.query<{ name: string }>('select name from pgboss.queue')).map((q) => q.name));
  const missing = queueNames.filter((n) => !present.has(n));
  return missing.length ? `job queues are missing: ${missing.join(', ')}` : null;
}
