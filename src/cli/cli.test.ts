import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/helpers/db.ts';
import { openDatabase } from '../db/client.ts';
import { type CliRan as Ran, runCliInProcess } from './run.test-helper.ts';

/**
 * `npx hatchery …` as an operator runs it, on a store of its own (an on-disk embedded database in a
 * temp folder, or a throw-away PostgreSQL database under TEST_DATABASE_URL). The commands run
 * in-process through `runCli` with the store's environment and a stdin of their own; a cold start of
 * Node, tsx and the app costs seconds of CPU each, so only the first tests start the binary itself.
 */
const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/hatchery.mjs');

interface Store {
  env: Record<string, string>;
  dataDir: string;
  url?: string;
  drop: () => Promise<void>;
}

/** A restored audit chain verifies only under the key that sealed it: every store here shares one. */
const AUDIT_MAC_KEY = randomBytes(32).toString('hex');

async function newStore(): Promise<Store> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hatchery-cli-'));
  // Empty, as a new deployment's database is: the CLI migrates it (or restores into it).
  const pg = process.env.TEST_DATABASE_URL ? await freshDatabase({ migrate: false }) : undefined;
  // The CLI opens its own connection; the test's handle is only needed to drop the database later.
  // It connects as the owner (the single-URL setup), which `restore` and the forged audit row need.
  return {
    dataDir,
    url: pg?.ownerUrl,
    // The demo's accounts without its history: the commands here need data, not a lived-in demo, and
    // the history is the slow part of a cold start (test/demo-seed.test.ts checks it).
    env: { HATCHERY_DATA_DIR: dataDir, LOG_LEVEL: 'silent', NODE_ENV: 'test', AUDIT_MAC_KEY, HATCHERY_DEMO_HISTORY: 'false', ...(pg?.ownerUrl ? { DATABASE_URL: pg.ownerUrl } : {}) },
    drop: async () => {
      await pg?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The test's own environment, but the store only from `store`. */
function envOf(store: Store): Record<string, string | undefined> {
  const { DATABASE_URL: _d, HATCHERY_DATA_DIR: _h, ...env } = process.env;
  return { ...env, ...store.env };
}

/** `bin/hatchery.mjs` in a child process, as an operator starts it. */
function coldStart(store: Store, args: string[]): Promise<Ran> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [bin, ...args], { env: envOf(store) }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, out: stdout, err: stderr });
    });
    child.stdin!.end('');
  });
}

const hatchery = (store: Store, args: string[], stdin?: string): Promise<Ran> => runCliInProcess(args, envOf(store), stdin);

function latestMigrationTag(): string {
  const journal = JSON.parse(fs.readFileSync(path.resolve(path.dirname(bin), '../drizzle/meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  return journal.entries.at(-1)!.tag;
}

let store: Store;
let restored: Store;
beforeAll(async () => {
  store = await newStore();
  restored = await newStore();
});
afterAll(async () => {
  await store.drop();
  await restored.drop();
});

// A cold start of Node, tsx and the database (an embedded one initialises its folder on first use)
// takes seconds, more on a loaded machine. A ceiling, not an assertion.
describe('hatchery CLI', { timeout: 300_000 }, () => {
  it('migrates, and seeds demo data only into an empty database', async () => {
    const migrate = await coldStart(store, ['migrate']);
    expect(migrate.code, migrate.err).toBe(0);
    expect(migrate.out).toContain(latestMigrationTag());
    const seed = await hatchery(store, ['seed', '--demo']);
    expect(seed.code, seed.err).toBe(0);
    const again = await hatchery(store, ['seed', '--demo']);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/已有用户.*\n.*already has users/);
  });

  it('seeds with exactly one of --demo and --scale <size>, naming the option when refusing, before touching the store', async () => {
    // `restored` is still a new, empty store here (the restore below needs it so).
    // The first through the binary: its exit code is the one the command set.
    for (const [i, args] of [[], ['--demo', '--scale', 'province'], ['--scale', 'planet']].entries()) {
      const refused = await (i === 0 ? coldStart : hatchery)(restored, ['seed', ...args]);
      expect(refused.code).toBe(1);
      expect(refused.err).toMatch(/--(demo|scale)：.*(--scale|national)/);
    }
    // A later step alone goes with a size, and is one the generator knows.
    for (const args of [['--demo', '--step', 'evaluation'], ['--scale', 'province', '--step', 'bookings']]) {
      const refused = await hatchery(restored, ['seed', ...args]);
      expect(refused.code).toBe(1);
      expect(refused.err).toMatch(/--step：.*(--scale|evaluation)/);
    }
    if (restored.url) {
      const database = await openDatabase({ url: restored.url });
      try {
        expect(await database.query(`select tablename from pg_tables where schemaname = 'public'`)).toEqual([]);
      } finally {
        await database.close();
      }
    } else expect(fs.readdirSync(restored.dataDir)).toEqual([]);
  });

  it('creates an organisation and a user in it, and names the option when refusing one', async () => {
    const platform = await hatchery(store, ['org', 'create', '--name', '省平台运维中心', '--kind', 'platform', '--region', '000000']);
    expect(platform.code, platform.err).toBe(0);
    const org = ['--org', '省平台运维中心'];
    const created = await hatchery(store, ['user', 'create', '--username', 'admin2', '--name', '平台管理员', '--role', 'system_admin', ...org, '--password-stdin'], 'Quiet#River2026\n');
    expect(created.code, created.err).toBe(0);
    expect(created.out).toMatch(/admin2/);
    const refused = await hatchery(store, ['user', 'create', '--username', 'admin3', '--name', '管理员', '--role', 'system_admin', 'audit_admin', ...org, '--password', 'Quiet#River2026']);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/--role：.* \/ admin powers are separated/);
  });

  it('opens an audit admin and disables and enables one: the powers the API refuses (三权分立), each audited', async () => {
    const created = await hatchery(store, ['user', 'create', '--username', 'auditor2', '--name', '审计员二', '--role', 'audit_admin', '--org', '省平台运维中心', '--password-stdin'], 'Quiet#River2026\n');
    expect(created.code, created.err).toBe(0);
    const disabled = await hatchery(store, ['user', 'disable', '--username', 'auditadmin']);
    expect(disabled.code, disabled.err).toBe(0);
    expect(disabled.out).toContain('auditadmin');
    const unknown = await hatchery(store, ['user', 'disable', '--username', 'nobody_here']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/--username：.*nobody_here/);

    const database = await openDatabase({ url: store.url, dataDir: path.join(store.dataDir, 'db') });
    try {
      const rows = await database.query<{ action: string; username: string; actor: string }>(
        `select a.action, u.username, a.actor_username as actor from audit_log a join users u on u.id::text = a.object_id
          where a.action in ('user.create', 'user.disable') and u.username in ('auditor2', 'auditadmin') and a.actor_username like 'cli:%' order by a.id`,
      );
      expect(rows).toEqual([
        { action: 'user.create', username: 'auditor2', actor: `cli:${os.userInfo().username}` },
        { action: 'user.disable', username: 'auditadmin', actor: `cli:${os.userInfo().username}` },
      ]);
      const [status] = await database.query<{ status: string }>(`select status from users where username = 'auditadmin'`);
      expect(status).toEqual({ status: 'disabled' });
    } finally {
      await database.close();
    }
    const enabled = await hatchery(store, ['user', 'enable', '--username', 'auditadmin']);
    expect(enabled.code, enabled.err).toBe(0);
  });

  it('verifies the audit chain, backs up, and restores into an empty store', async () => {
    const verify = await hatchery(store, ['audit', 'verify']);
    expect(verify.code, verify.err).toBe(0);
    expect(verify.out).toMatch(/intact/);
    // Progress per chunk on stderr; --resume goes on from the place the last check kept.
    expect(verify.err).toMatch(/verified through row \d+ of \d+/);
    const resumed = await hatchery(store, ['audit', 'verify', '--resume']);
    expect(resumed.code, resumed.err).toBe(0);
    expect(resumed.out).toMatch(/intact, \d+ rows checked/);
    expect(resumed.out).toMatch(/resumed after row \d+/);
    const file = path.join(store.dataDir, 'nightly.hatchery.gz');
    const backup = await hatchery(store, ['backup', file]);
    expect(backup.code, backup.err).toBe(0);
    const restore = await hatchery(restored, ['restore', file]);
    expect(restore.code, restore.err).toBe(0);
    expect(restore.out).toMatch(/audit chain intact/);
  });

  it('the created user must change the password at first sign-in', async () => {
    const database = await openDatabase({ url: store.url, dataDir: path.join(store.dataDir, 'db') });
    try {
      const [row] = await database.query<{ must_change_password: boolean; roles: string[] }>(
        `select u.must_change_password, array_agg(r.role) as roles from users u join user_roles r on r.user_id = u.id where u.username = 'admin2' group by u.id`,
      );
      expect(row).toEqual({ must_change_password: true, roles: ['system_admin'] });
    } finally {
      await database.close();
    }
  });

  it('criteria: lists, prints the input schema, evaluates, and refuses an unknown rule set or a bad input naming the field', async () => {
    const list = await hatchery(store, ['criteria', 'list']);
    expect(list.code, list.err).toBe(0);
    expect(JSON.parse(list.out).map((r: { id: string }) => r.id)).toContain('liaoning-2019');
    const schema = await hatchery(store, ['criteria', 'schema']);
    expect(JSON.parse(schema.out).properties.indicators.type).toBe('object');

    const input = path.join(store.dataDir, 'profile.json');
    fs.writeFileSync(input, JSON.stringify({ indicators: { teamsInSubField: 14 } }));
    const evaluation = await hatchery(store, ['criteria', 'evaluate', '--ruleset', 'liaoning-2019', '--input', input]);
    expect(evaluation.code, evaluation.err).toBe(0);
    expect(evaluation.out).toContain('申报值14家');

    const unknown = await hatchery(store, ['criteria', 'evaluate', '--ruleset', 'no-such-set', '--input', input]);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('no-such-set');
    fs.writeFileSync(input, JSON.stringify({ indicators: { fundWan: 'lots' } }));
    const bad = await hatchery(store, ['criteria', 'evaluate', '--ruleset', 'liaoning-2019', '--input', input]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('profile.indicators.fundWan');
  });

  it('audit verify exits 1 when the newest rows were deleted: the checkpoint outside the database says so', async () => {
    const database = await openDatabase({ url: store.url, dataDir: path.join(store.dataDir, 'db') });
    try {
      await database.exec(`ALTER TABLE audit_log DISABLE TRIGGER USER; DELETE FROM audit_log WHERE seq > (SELECT max(seq) - 13 FROM audit_log); ALTER TABLE audit_log ENABLE TRIGGER USER`);
    } finally {
      await database.close();
    }
    const verify = await hatchery(store, ['audit', 'verify']);
    expect(verify.code).toBe(1);
    expect(verify.err).toMatch(/truncated: the checkpoint records \d+ rows, the chain holds \d+/);
  });

  it('audit verify exits 1 and names the first broken row', async () => {
    const database = await openDatabase({ url: store.url, dataDir: path.join(store.dataDir, 'db') });
    let id: number;
    try {
      [{ id }] = (await database.query<{ id: number }>('select id::int as id from audit_log order by id offset 4 limit 1')) as [{ id: number }];
      await database.exec(`ALTER TABLE audit_log DISABLE TRIGGER USER; UPDATE audit_log SET action = 'forged' WHERE id = ${id}; ALTER TABLE audit_log ENABLE TRIGGER USER`);
    } finally {
      await database.close();
    }
    const verify = await hatchery(store, ['audit', 'verify']);
    expect(verify.code).toBe(1);
    expect(verify.err).toContain(`id=${id}`);
    expect(verify.err).toContain('hash_mismatch');
  });
});
