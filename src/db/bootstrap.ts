import type { Database } from './client.ts';
import { grantAppRole } from './roles.ts';
import { ensureSeededChains } from '../modules/chains/index.ts';
import { ensureSeededRuleSets } from '../modules/criteria/index.ts';
import { ensureShippedSchemes } from '../modules/evaluation/index.ts';
import { APP_QUEUES, createJobs } from '../modules/jobs/index.ts';
import { ensureShippedReturns } from '../modules/returns/index.ts';
import { ensureRegions } from '../modules/regions/index.ts';
import { ensureShippedRevocation } from '../modules/revocation/index.ts';
import { ensureShippedSupports } from '../modules/supports/index.ts';

/** Brings a database to the current schema with its reference data (regions, shipped rule sets, review chains, return catalogues, evaluation schemes, the revocation and support-disclosure chains). Safe to repeat. */
export async function prepareDatabase(database: Database): Promise<void> {
  await database.migrate();
  await ensureRegions(database.db);
  await ensureSeededRuleSets(database.db);
  await ensureSeededChains(database.db);
  await ensureShippedReturns(database.db);
  await ensureShippedSchemes(database.db);
  await ensureShippedRevocation(database.db);
  await ensureShippedSupports(database.db);
}

/**
 * Everything that needs the owner, on a connection as the owner: the schema and its reference
 * data, the job queue's schema and queues (pg-boss creates a table per queue), and on PostgreSQL
 * the application role and its grants. Safe to repeat.
 */
export async function migrateStore(database: Database): Promise<void> {
  await prepareDatabase(database);
  const jobs = createJobs(database, APP_QUEUES);
  await jobs.start();
  await jobs.stop();
  if (database.kind === 'postgres') await grantAppRole(database);
}
