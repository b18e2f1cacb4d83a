import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, testConfig, type TestApp } from '../../test/helpers/app.ts';
import { freshDatabase } from '../../test/helpers/db.ts';
import { openContext, SchemaBehindError } from '../context.ts';
import { spaces } from '../modules/spaces/schema.ts';
import { APP_ROLE } from './roles.ts';
import { REGION_SCOPE_SETTING, currentRegionScope, runInAnyRegionScope, runInRegionScope } from './scope.ts';
import { users } from '../modules/identity/schema.ts';

const postgres = process.env.TEST_DATABASE_URL;
const LIAONING = '000000/210000';

/**
 * Defence in depth on PostgreSQL (SECURITY-CHECKLIST 10): the server's role owns nothing, so the
 * row-level security policies bind it and it cannot switch the audit log's guard off. PGlite is
 * one process with one superuser and has no roles: nothing to test there.
 */
describe.skipIf(!postgres)('PostgreSQL roles and row-level security (PostgreSQL only: PGlite has no roles)', () => {
  let t: TestApp;
  let client: pg.Client;
  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    // A raw connection as the application role, as an attacker holding its password would have.
    const [{ name }] = (await t.ctx.database.query<{ name: string }>('select current_database() as name')) as [{ name: string }];
    const url = new URL(postgres!);
    url.pathname = `/${name}`;
    url.username = APP_ROLE;
    client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await t.close();
  });

  const regionsOfSpaces = async () =>
    (await client.query<{ path: string }>('select r.path from spaces s join regions r on r.code = s.region_code order by r.path')).rows.map((r) => r.path);

  it('sees no region-scoped row without the session setting, and only its subtree with it', async () => {
    expect((await client.query('select current_user')).rows[0].current_user).toBe(APP_ROLE);
    for (const table of ['spaces', 'expert_profiles']) {
      expect((await client.query(`select count(*)::int as n from ${table}`)).rows[0].n, table).toBe(0);
    }
    await client.query('select set_config($1, $2, false)', [REGION_SCOPE_SETTING, '000000']);
    const everywhere = await regionsOfSpaces();
    expect(everywhere.some((p) => !p.startsWith(`${LIAONING}/`))).toBe(true);
    await client.query('select set_config($1, $2, false)', [REGION_SCOPE_SETTING, LIAONING]);
    const liaoning = await regionsOfSpaces();
    expect(liaoning.length).toBeGreaterThan(0);
    expect(liaoning.every((p) => p.startsWith(`${LIAONING}/`))).toBe(true);
    // Writing a row outside the subtree is refused too.
    await expect(client.query(`update spaces set name = name where region_code = '320100'`)).resolves.toMatchObject({ rowCount: 0 });
    await client.query('select set_config($1, $2, false)', [REGION_SCOPE_SETTING, '']);
  });

  it('cannot switch the audit log’s triggers off, change or remove its rows, or alter tables', async () => {
    const refused = (sql: string) => client.query(sql).then(() => 'not refused', (err: Error) => err.message);
    expect(await refused('ALTER TABLE audit_log DISABLE TRIGGER ALL')).toMatch(/must be owner/);
    expect(await refused(`UPDATE audit_log SET action = 'forged'`)).toMatch(/permission denied/);
    expect(await refused('DELETE FROM audit_log')).toMatch(/permission denied/);
    expect(await refused('TRUNCATE audit_log')).toMatch(/permission denied/);
    expect(await refused('ALTER TABLE spaces DISABLE ROW LEVEL SECURITY')).toMatch(/must be owner/);
    expect(await refused('CREATE TABLE public.notes (id int)')).toMatch(/permission denied/);
    // The seal columns are the only ones it may update, and the guard trigger lets it fill them once
    // on an unsealed row: a sealed row's MAC cannot be rewritten. The sealer runs after commit: wait
    // for the demo's rows to be sealed, or the update below would match no row and prove nothing.
    await vi.waitFor(async () => expect((await t.ctx.database.query<{ n: number }>('select count(*)::int as n from audit_log where seq is not null'))[0]!.n).toBeGreaterThan(0), { timeout: 30_000, interval: 200 });
    expect(await refused(`UPDATE audit_log SET hash = 'forged' WHERE seq IS NOT NULL`)).toMatch(/append-only/);
    expect(await refused(`insert into audit_log (at, action, result, prev_hash, hash) values (now(), 'x', 'success', 'a', 'b')`)).toMatch(/appended unsealed/);
    expect((await client.query(`insert into audit_log (at, action, result) values (now(), 'x', 'success') returning id`)).rowCount).toBe(1);
  });

  it('scopes the server’s own queries to the caller’s region, one request never leaking into another', async () => {
    const count = () => t.ctx.db.$count(spaces);
    const all = await count();
    const scoped = (path: string) =>
      runInRegionScope(async () => {
        currentRegionScope()!.regionPath = path;
        // Several rounds so scopes change back and forth on the same pooled connections.
        const seen = [];
        for (let i = 0; i < 5; i++) seen.push(await count(), await t.ctx.db.transaction((tx) => tx.$count(spaces)));
        return seen;
      });
    const [liaoning, nowhere, everywhere] = await Promise.all([scoped(LIAONING), scoped('000000/990000'), scoped('000000')]);
    await client.query('select set_config($1, $2, false)', [REGION_SCOPE_SETTING, '000000']);
    const inLiaoning = Number((await client.query(`select count(*)::int as n from spaces s join regions r on r.code = s.region_code where r.path like '${LIAONING}/%'`)).rows[0]?.n ?? -1);
    expect(new Set(liaoning)).toEqual(new Set([inLiaoning]));
    expect(new Set(nowhere)).toEqual(new Set([0]));
    expect(new Set(everywhere)).toEqual(new Set([all]));
    expect(inLiaoning).toBeGreaterThan(0);
    expect(inLiaoning).toBeLessThan(all);
  });

  it('leaves the connection’s scope as it is for work that reads no scoped table (the session lookup), and still scopes what follows', async () => {
    const switches: string[] = [];
    const query = pg.Client.prototype.query;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const [text, values] = args as [unknown, unknown[] | undefined];
      if (typeof text === 'string' && text.startsWith('select set_config(')) switches.push(String(values?.[1]));
      return (query as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof query;
    try {
      // Requests of one authority, one after another: each starts in the whole country's scope,
      // looks its session up, then narrows to the jurisdiction for the handler's statements.
      const request = () =>
        runInRegionScope(async () => {
          await runInAnyRegionScope(async () => await t.ctx.db.$count(users));
          currentRegionScope()!.regionPath = LIAONING;
          return t.ctx.db.$count(spaces);
        });
      const first = await request();
      switches.length = 0;
      const counts = [];
      for (let i = 0; i < 5; i++) counts.push(await request());
      expect(switches).toEqual([]);
      expect(new Set(counts)).toEqual(new Set([first]));
      expect(first).toBeLessThan(await t.ctx.db.$count(spaces));
    } finally {
      pg.Client.prototype.query = query;
    }
  });
});

describe.skipIf(!postgres)('starting on PostgreSQL (PostgreSQL only: PGlite migrates in place)', () => {
  it('refuses to start when the schema is behind and no migration URL is given; migrates as the owner when it is', async () => {
    // Another file or test has created the cluster-wide role; make sure before connecting as it.
    const made = await freshDatabase();
    await made.drop();
    const empty = await freshDatabase({ migrate: false });
    try {
      const config = testConfig();
      await expect(openContext(config, { database: empty.database, jobs: { workers: false } })).rejects.toThrow(SchemaBehindError);
      await expect(openContext(config, { database: empty.database, jobs: { workers: false } })).rejects.toThrow(/hatchery migrate/);

      const split = testConfig({ DATABASE_URL: empty.url!, DATABASE_MIGRATION_URL: empty.ownerUrl! });
      const ctx = await openContext(split, { jobs: { workers: false } });
      try {
        expect(await ctx.database.query('select current_user as who')).toEqual([{ who: APP_ROLE }]);
        expect(await ctx.db.$count(spaces)).toBe(0);
      } finally {
        await ctx.close();
      }
    } finally {
      await empty.drop();
    }
  });
});

