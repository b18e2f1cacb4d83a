/**
 * Starts `npm start`'s server with demo data on a throw-away store for the browser tests.
 *
 * - Default: embedded PGlite in a fresh data directory (a local `npx playwright test` needs nothing).
 * - TEST_DATABASE_URL set (CI): a fresh database on that PostgreSQL server, set up as in production:
 *   the owner migrates it (DATABASE_MIGRATION_URL) and the server runs as the application role
 *   (DATABASE_URL), so row-level security and the grants bind every page the tests drive. PGlite
 *   runs every query on the server's one thread, which is what the suite waited on most.
 *
 * The database is named after the port, dropped and created again at start: a run killed by
 * Playwright (it stops the server without a chance to clean up) leaves one database behind, which
 * the next run on that port replaces and which shows what the failed run saw.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { APP_ROLE } from '../src/db/roles.ts';

process.env.HATCHERY_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'hatchery-e2e-'));
process.env.HATCHERY_DEMO = 'true';

const adminUrl = process.env.TEST_DATABASE_URL;
if (adminUrl) {
  const name = `hatchery_e2e_${Number(process.env.PORT ?? 3100)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const owner = new URL(adminUrl);
  owner.pathname = `/${name}`;
  const app = new URL(owner);
  app.username = APP_ROLE;
  app.password = '';
  process.env.DATABASE_MIGRATION_URL = owner.toString();
  process.env.DATABASE_URL = app.toString();
}
await import('../scripts/start.ts');
