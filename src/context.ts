import path from 'node:path';
import type { AppContext } from './app.ts';
import type { Config } from './config.ts';
import { openDatabase, type Database } from './db/client.ts';
import { prepareDatabase } from './db/bootstrap.ts';

/**
 * Opens everything a process needs (database and the services built on it) for the server, the CLI
 * and the tests alike. `database` may be passed in (tests open a throw-away one).
 */
export async function openContext(config: Config, opts: { database?: Database } = {}): Promise<AppContext & { close: () => Promise<void> }> {
  const database = opts.database ?? (await openDatabase({ url: config.databaseUrl, dataDir: path.join(config.dataDir, 'db') }));
  await prepareDatabase(database);
  const ctx: AppContext = { config, database, db: database.db };
  return {
    ...ctx,
    // A database passed in belongs to the caller, who closes it.
    close: async () => {
      if (!opts.database) await database.close();
    },
  };
}
