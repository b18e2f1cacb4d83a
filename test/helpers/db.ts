import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { APP_ROLE } from '../../src/db/roles.ts';

export interface FreshDatabase {
  database: Database;
  /** PostgreSQL: the connection string of `database` (the application role unless `asOwner`). */
  url?: string;
  /** PostgreSQL: the same database as the owner (TEST_DATABASE_URL's role). */
  ownerUrl?: string;
  drop: () => Promise<void>;
}

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new throw-away
 * database on the PostgreSQL server named by TEST_DATABASE_URL (dropped again by `drop`). Both
 * start as copies of the migrated template test/global-setup.ts made once for the run. On
 * PostgreSQL the template was migrated as the owner and each copy is handed over as the application
 * role, as in production, so row-level security and the grants apply; `asOwner` hands over the
 * owner's connection instead (restore, schema checks). `migrate: false` leaves a PostgreSQL
 * database empty.
 */
export async function freshDatabase(opts: { asOwner?: boolean; migrate?: boolean } = {}): Promise<FreshDatabase> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const database = await openDatabase({ loadDataDir: new Blob([fs.readFileSync(inject('pgliteTemplate'))]) });
    return { database, drop: () => database.close() };
  }
  const name = `hatchery_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const migrate = opts.migrate ?? true;
  await admin.query(migrate ? `create database ${name} template ${inject('pgTemplate')}` : `create database ${name}`);
  await admin.end();
  const ownerUrl = new URL(adminUrl);
  ownerUrl.pathname = `/${name}`;
  const appUrl = new URL(ownerUrl);
  appUrl.username = APP_ROLE;
  appUrl.password = '';
  const url = (opts.asOwner ? ownerUrl : appUrl).toString();
  const database = await openDatabase({ url });
  return {
    database,
    url,
    ownerUrl: ownerUrl.toString(),
    drop: async () => {
      await database.close();
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      // Let our own connections finish closing first: forcing them would raise errors in this
      // process (57P01) after the test has ended. `with (force)` stays as the last resort.
      for (let i = 0; i < 50; i++) {
        const { rows } = await a.query('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
        if (rows[0].n === 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}
