import type { Config } from './config.ts';
import type { Database, Db } from './db/client.ts';
import type { AppJobs, Jobs } from './modules/jobs/index.ts';

/** Everything a module needs at run time, shared by routes, jobs and the CLI. */
export interface AppContext {
  config: Config;
  database: Database;
  db: Db;
  /** Durable background jobs (pg-boss), installed on the same database. */
  jobs: Jobs<AppJobs>;
}
