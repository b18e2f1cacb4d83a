import type { Database } from './client.ts';
import { ensureSeededRuleSets } from '../modules/criteria/service.ts';
import { ensureRegions } from '../modules/regions/load.ts';

/** Brings a database to the current schema with its reference data (regions, shipped rule sets). Safe to repeat. */
export async function prepareDatabase(database: Database): Promise<void> {
  await database.migrate();
  await ensureRegions(database.db);
  await ensureSeededRuleSets(database.db);
}
