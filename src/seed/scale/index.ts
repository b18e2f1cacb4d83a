import { sql } from 'drizzle-orm';
import type { AppContext } from '../../app-context.ts';
import { sealPending } from '../../modules/audit/index.ts';
import { hashPassword } from '../../modules/identity/index.ts';
import { AppError } from '../../shared/errors.ts';
import { DEMO_ORGS, DEMO_PASSWORD, isDatabaseEmpty } from '../demo.ts';
import { seedAuditRows } from './audit-rows.ts';
import { seedEvaluation } from './evaluation.ts';
import { planTables, seedApplications, seedAttachments, seedDecisionsAndFilings, seedNotices } from './filings.ts';
import { scopeCounties, seedAuthorities, seedCalls, seedOperatorsAndSpaces, seedWorklistCall } from './registry.ts';
import { seedPlatform } from './platform.ts';
import { seedReturnHistory, seedReturnRounds, seedReturns } from './returns.ts';
import { seedRoster } from './roster.ts';
import { seedPolicies, seedSupports } from './supports.ts';
import { countRows, createHelpers, queryRows } from './sql-helpers.ts';
import { LAST_YEAR, SIZES, type ScaleSizeName } from './sizes.ts';

export { LAST_YEAR, SCALE_SIZE_NAMES, SIZES, type ScaleSize, type ScaleSizeName } from './sizes.ts';

/** The ministry's admin account of the generated data set (registry.ts names authority accounts a<region>_admin): it marks a database already loaded. */
const MARKER_USERNAME = 'a000000_admin';

/** One demo account: a database holding it (and only demo data beside) may take the generated data too. */
const DEMO_USERNAME = DEMO_ORGS.find((o) => o.key === 'most')!.accounts[0]!.username;

export interface ScaleSummary {
  size: ScaleSizeName;
  /** Rows in each table once loaded (the demo's included when it was there). */
  tables: { table: string; rows: number; seconds: number }[];
  /** Rows in the sealed audit chain afterwards (the process's own sealer may have sealed some of them first). */
  sealed: number;
  seconds: number;
}

/** Every generated account has the public demo password: no scale data, whole or a step of it, in production. */
function refuseProduction(ctx: Pick<AppContext, 'config'>): void {
  if (ctx.config.production)
    throw new AppError('FORBIDDEN', { zh: '生产环境不能写入规模测试数据（账号密码是公开的演示密码）', en: 'scale data is refused in production (its accounts have the public demo password)' });
}

/**
 * Refuses production (every generated account has the public demo password), a database that
 * already holds the generated data, and one holding anything but the demo: the data set goes into a
 * freshly migrated database, with or without the demo, never beside real records.
 */
async function assertMayLoad(ctx: Pick<AppContext, 'db' | 'config'>): Promise<void> {
  refuseProduction(ctx);
  const [{ loaded, demo }] = (await queryRows<{ loaded: boolean; demo: boolean }>(
    ctx.db,
    sql`select exists (select 1 from users where username = ${MARKER_USERNAME}) as loaded, exists (select 1 from users where username = ${DEMO_USERNAME}) as demo`,
  )) as [{ loaded: boolean; demo: boolean }];
  if (loaded) throw new AppError('CONFLICT', { zh: '数据库中已有规模测试数据，不能重复写入', en: 'the database already holds the scale data set; it is loaded once' });
  if (!demo && !(await isDatabaseEmpty(ctx.db)))
    throw new AppError('CONFLICT', { zh: '规模测试数据只能写入空库或仅含演示数据的库', en: 'scale data goes only into an empty database or one holding the demo' });
}

/** One step of the load and the tables it fills (counted after it for the progress lines). */
type Step = { tables: string[]; run: () => Promise<void> };

const EVALUATION_TABLES = ['evaluation_rounds', 'evaluation_entries', 'evaluation_grades', 'revocation_proposals'];

/** The steps that also run on their own over a data set loaded before they existed (`hatchery seed --scale <size> --step <name>`). */
export const SCALE_STEPS = ['evaluation'] as const;
export type ScaleStepName = (typeof SCALE_STEPS)[number];

/**
 * Runs one later step alone over a data set of `sizeName` already loaded (the national one takes
 * half an hour to load; a step added since is run over it rather than loading it again): refused
 * where no scale data set is loaded, or where the step's rows are there already. One transaction,
 * then the step's tables analysed.
 */
export async function seedScaleStep(ctx: Pick<AppContext, 'db' | 'config'>, sizeName: ScaleSizeName, step: ScaleStepName, log: (line: string) => void = () => {}): Promise<ScaleSummary> {
  const size = SIZES[sizeName];
  refuseProduction(ctx);
  const [{ loaded, done }] = (await queryRows<{ loaded: boolean; done: boolean }>(
    ctx.db,
    sql`select exists (select 1 from users where username = ${MARKER_USERNAME}) as loaded,
      -- A past year's round opened by a generated authority account: only the step writes one.
      exists (select 1 from calls c join users u on u.id = c.created_by where c.kind = 'evaluation' and c.year < ${LAST_YEAR} and u.username ~ '^a[0-9]{6}_admin$') as done`,
  )) as [{ loaded: boolean; done: boolean }];
  if (!loaded) throw new AppError('CONFLICT', { zh: '数据库中没有规模测试数据，请先写入（--scale 不带 --step）', en: 'no scale data set is loaded; load it first (--scale without --step)' });
  if (done) throw new AppError('CONFLICT', { zh: '数据库中已有该步骤的规模测试数据，不能重复写入', en: "the step's rows are already loaded; it runs once" });
  const started = Date.now();
  const tables: ScaleSummary['tables'] = [];
  await ctx.db.transaction(async (tx) => {
    await createHelpers(tx);
    const t = Date.now();
    await seedEvaluation(tx, size);
    const seconds = (Date.now() - t) / 1000;
    for (const [i, table] of EVALUATION_TABLES.entries()) {
      const rows = await countRows(tx, table);
      tables.push({ table, rows, seconds: i === 0 ? seconds : 0 });
      log(`  ${table.padEnd(26)} ${String(rows).padStart(9)} 行 / rows${i === 0 ? `  ${seconds.toFixed(1).padStart(6)} s` : ''}`);
    }
  });
  const tv = Date.now();
  await ctx.db.execute(sql.raw(`analyze ${[...EVALUATION_TABLES, 'evaluation_schemes', 'calls', 'applications', 'decisions', 'filing_lists', 'filing_list_entries'].join(', ')}`));
  log(`  analyze ${((Date.now() - tv) / 1000).toFixed(1)} s`);
  return { size: sizeName, tables, sealed: 0, seconds: (Date.now() - started) / 1000 };
}

/**
 * Loads the size's data set (sizes.ts) into the current database in one transaction of set-based
 * statements, then seals the audit rows into the keyed chain through the audit module. `log` gets a
 * line per table (rows, seconds) and the summary.
 */
export async function seedScale(ctx: Pick<AppContext, 'db' | 'config'>, sizeName: ScaleSizeName, log: (line: string) => void = () => {}): Promise<ScaleSummary> {
  const size = SIZES[sizeName];
  await assertMayLoad(ctx);
  const started = Date.now();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const tables: ScaleSummary['tables'] = [];
  await ctx.db.transaction(async (tx) => {
    await createHelpers(tx);
    await scopeCounties(tx, size);
    const steps: Step[] = [
      { tables: ['organisations', 'users'], run: () => seedAuthorities(tx, size, passwordHash) },
      { tables: ['spaces', 'organisations', 'users'], run: () => seedOperatorsAndSpaces(tx, size, passwordHash) },
      { tables: ['calls', 'chains'], run: async () => (await seedCalls(tx, size), await seedWorklistCall(tx)) },
      { tables: ['applications', 'application_events'], run: async () => (await planTables(tx, size), await seedApplications(tx)) },
      { tables: ['files', 'application_attachments'], run: () => seedAttachments(tx) },
      { tables: ['public_notices', 'notice_entries'], run: () => seedNotices(tx) },
      { tables: ['decisions', 'filing_lists', 'filing_list_entries', 'filings'], run: () => seedDecisionsAndFilings(tx) },
      { tables: ['incubatees', 'incubatee_status_events'], run: () => seedRoster(tx, size) },
      { tables: ['return_rounds', 'calls'], run: () => seedReturnRounds(tx, size) },
      { tables: ['return_values', 'applications'], run: () => seedReturns(tx) },
      { tables: ['application_events', 'submission_rounds'], run: () => seedReturnHistory(tx) },
      { tables: ['booking_resources', 'bookings', 'space_events', 'event_signups'], run: () => seedPlatform(tx, size, passwordHash) },
      { tables: ['policies', 'policy_support_items', 'organisations'], run: () => seedPolicies(tx, size) },
      { tables: ['supports'], run: () => seedSupports(tx, size) },
      { tables: EVALUATION_TABLES, run: () => seedEvaluation(tx, size) },
      { tables: ['audit_log'], run: () => seedAuditRows(tx, size) },
    ];
    for (const step of steps) {
      const t = Date.now();
      await step.run();
      const seconds = (Date.now() - t) / 1000;
      for (const [i, table] of step.tables.entries()) {
        const rows = await countRows(tx, table);
        tables.push({ table, rows, seconds: i === 0 ? seconds : 0 });
        log(`  ${table.padEnd(26)} ${String(rows).padStart(9)} 行 / rows${i === 0 ? `  ${seconds.toFixed(1).padStart(6)} s` : ''}`);
      }
    }
  });
  // Sealed after commit like every other row: the sealer chains what it finds committed.
  const t = Date.now();
  const { head } = await sealPending(ctx);
  const sealed = head?.rows ?? 0;
  log(`  ${'audit_log (sealed chain)'.padEnd(26)} ${String(sealed).padStart(9)} 行 / rows  ${((Date.now() - t) / 1000).toFixed(1).padStart(6)} s`);
  // Millions of rows arrived at once: until autovacuum gets round to them (never, where it is off)
  // the planner has no statistics and guesses thousands of rows where there are a million (the
  // audit log's capped count read 25,000 heap pages instead of its index), so every list measured
  // on a fresh data set would measure that guess. A deployment's tables are analysed as they grow.
  const tv = Date.now();
  await ctx.db.execute(sql`vacuum (analyze)`);
  log(`  vacuum (analyze) ${((Date.now() - tv) / 1000).toFixed(1)} s`);
  const seconds = (Date.now() - started) / 1000;
  // A table filled by two steps was counted after each: keep its last count.
  const counted = [...new Map(tables.map((x) => [x.table, { ...x, seconds: tables.filter((y) => y.table === x.table).reduce((n, y) => n + y.seconds, 0) }])).values()];
  return { size: sizeName, tables: counted, sealed, seconds };
}
