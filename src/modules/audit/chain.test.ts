import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { asc, eq, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../../test/helpers/agent.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { canonicalJson, chainMac, GENESIS_HASH, sealRows } from './chain.ts';
import { pendingPayloads } from '../jobs/queue.ts';
import { checkpointHistoryFile, readCheckpoint, readVerifiedMark } from './checkpoint.ts';
import { dailyCheckpoint } from './daily.ts';
import { auditLog } from './schema.ts';
import * as audit from './service.ts';

/**
 * Tamper evidence (SECURITY-CHECKLIST 12, issue 9 breach 5): rows appended freely by concurrent
 * writers are sealed into one keyed chain after commit; the app cannot change or remove rows; a row
 * edited, forged with a recomputed hash, deleted, or a deleted tail is found.
 */
let t: TestApp;
const ctx = { ...audit.SYSTEM_CONTEXT, actorUsername: 'chain-test' };
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
beforeAll(async () => {
  // As the owner: these tests are about the trigger and the chain; the application role may not even try (src/db/roles.test.ts).
  t = await createTestApp({ demo: true, asOwner: true });
});
afterAll(() => t.close());

/** The database's own message (Drizzle wraps it in "Failed query: …"). */
const refusal = (work: Promise<unknown>) =>
  work.then(
    () => 'not refused',
    (err: Error & { cause?: Error }) => err.cause?.message ?? err.message,
  );
/** Sealed rows in chain order, after sealing whatever has committed. */
const chain = async () => {
  await audit.sealPending(t.ctx);
  return t.ctx.db.select().from(auditLog).orderBy(asc(auditLog.seq));
};
/** What an attacker with database access (the tables' owner) does first. */
const withTriggerOff = async (work: () => Promise<unknown>) => {
  await t.ctx.database.exec('ALTER TABLE audit_log DISABLE TRIGGER USER');
  try {
    await work();
  } finally {
    await t.ctx.database.exec('ALTER TABLE audit_log ENABLE TRIGGER USER');
  }
};
const fieldsOf = (row: typeof auditLog.$inferSelect) => {
  const { prevHash: _p, hash: _h, ...fields } = row;
  return { ...fields, seq: row.seq! };
};

describe('audit chain', () => {
  it('seals many concurrent transactions into one valid chain; a rolled-back writer leaves no row', async () => {
    const before = (await chain()).length;
    await Promise.all([
      ...Array.from({ length: 20 }, (_, i) => audit.record(t.ctx.db, ctx, { action: 'test.concurrent', detail: { i } })),
      // Transactions doing other work first and writing two rows each.
      ...Array.from({ length: 5 }, (_, i) =>
        t.ctx.db.transaction(async (tx) => {
          await tx.execute(sql`select count(*) from users`);
          await audit.recordInTx(tx, ctx, { action: 'test.concurrent.pair', detail: { i, n: 1 } });
          await audit.recordInTx(tx, ctx, { action: 'test.concurrent.pair', detail: { i, n: 2 } });
        }),
      ),
      t.ctx.db
        .transaction(async (tx) => {
          await audit.recordInTx(tx, ctx, { action: 'test.rolled_back' });
          throw new Error('roll back');
        })
        .catch(() => undefined),
    ]);
    const after = await chain();
    expect(after).toHaveLength(before + 30);
    expect(after.map((r) => r.seq)).toEqual(Array.from({ length: before + 30 }, (_, i) => i + 1));
    expect(after.some((r) => r.action === 'test.rolled_back')).toBe(false);
    expect(await audit.verify(t.ctx)).toEqual({ ok: true, checked: before + 30 });
    // The checkpoint outside the database follows the head.
    expect(readCheckpoint(t.config.dataDir)).toMatchObject({ rows: before + 30, hash: after.at(-1)!.hash });
  });

  it('seals rows shortly after their transaction commits, without being asked or a database notification', async () => {
    // A NOTIFY from the insert trigger made PostgreSQL commit every audited write one at a time.
    const triggers = await t.ctx.database.query<{ tgname: string }>(`select tgname from pg_trigger where tgrelid = 'audit_log'::regclass and not tgisinternal order by tgname`);
    expect(triggers.map((r) => r.tgname)).toEqual(['audit_log_guard', 'audit_log_no_truncate']);
    await t.ctx.db.transaction((tx) => audit.recordInTx(tx, ctx, { action: 'test.woken' }));
    await expect
      .poll(async () => (await t.ctx.db.select({ seq: auditLog.seq }).from(auditLog).where(eq(auditLog.action, 'test.woken')))[0]!.seq, { timeout: 5000 })
      .not.toBeNull();
  });

  it('the daily job appends the head to the checkpoint history outside the database and queues the next day', async () => {
    await audit.record(t.ctx.db, ctx, { action: 'test.daily' });
    await dailyCheckpoint(t.ctx, '2026-11-22');
    const history = fs.readFileSync(checkpointHistoryFile(t.config.dataDir), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
    const sealed = await chain();
    expect(history.at(-1)).toMatchObject({ event: 'daily 2026-11-22', rows: sealed.length, hash: sealed.at(-1)!.hash });
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expect(await pendingPayloads(t.ctx.db, 'audit.checkpoint')).toContainEqual({ day: tomorrow });
  });

  it.skipIf(!onPostgres)('takes no lock across the writer’s transaction: another writer commits while one is open', async () => {
    let release!: () => void;
    let written!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const slowWrote = new Promise<void>((resolve) => (written = resolve));
    const slow = t.ctx.db.transaction(async (tx) => {
      await audit.recordInTx(tx, ctx, { action: 'test.slow' });
      written();
      await held;
    });
    await slowWrote;
    // With a chain lock held until commit this would wait for `slow` and time out.
    const quick = audit.record(t.ctx.db, ctx, { action: 'test.quick' }).then(() => 'committed');
    expect(await Promise.race([quick, new Promise((r) => setTimeout(() => r('blocked'), 3000))])).toBe('committed');
    await audit.sealPending(t.ctx);
    release();
    await slow;
    // The slow row has the smaller id but committed later: it is sealed after the quick one.
    const sealed = await chain();
    const slowRow = sealed.find((r) => r.action === 'test.slow')!;
    const quickRow = sealed.find((r) => r.action === 'test.quick')!;
    expect(slowRow.id).toBeLessThan(quickRow.id);
    expect(slowRow.seq).toBeGreaterThan(quickRow.seq!);
    expect((await audit.verify(t.ctx)).ok).toBe(true);
  });

  it('refuses inserting sealed rows, resealing or editing a row, deleting and truncating', async () => {
    const sealed = (await chain())[0]!;
    const forgedInsert = { at: new Date(), action: 'forged', result: 'success' as const, seq: 999_999, prevHash: GENESIS_HASH, hash: 'f'.repeat(64) };
    expect(await refusal(t.ctx.db.insert(auditLog).values(forgedInsert))).toMatch(/appended unsealed/);
    expect(await refusal(t.ctx.db.update(auditLog).set({ action: 'forged' }).where(eq(auditLog.id, sealed.id)))).toMatch(/append-only/);
    expect(await refusal(t.ctx.db.update(auditLog).set({ hash: 'f'.repeat(64) }).where(eq(auditLog.id, sealed.id)))).toMatch(/append-only/);
    expect(await refusal(t.ctx.db.update(auditLog).set({ seq: null, prevHash: null, hash: null }).where(eq(auditLog.id, sealed.id)))).toMatch(/append-only/);
    expect(await refusal(t.ctx.db.delete(auditLog).where(eq(auditLog.id, sealed.id)))).toMatch(/append-only/);
    expect(await refusal(t.ctx.database.exec('TRUNCATE audit_log'))).toMatch(/append-only/);

    // An unsealed row: only its seal fields may be filled, and only once.
    await t.ctx.db.transaction(async (tx) => {
      await audit.recordInTx(tx, ctx, { action: 'test.unsealed' });
      const [row] = await tx.select().from(auditLog).where(isNull(auditLog.seq));
      // Each attempt in a savepoint of its own, so the transaction goes on after the refusal.
      const attempt = (update: ReturnType<typeof sql>) => refusal(tx.transaction((sp) => sp.execute(update)));
      expect(await attempt(sql`update audit_log set action = 'forged' where id = ${row!.id}`)).toMatch(/append-only/);
      expect(await attempt(sql`update audit_log set action = 'forged', seq = 999999, prev_hash = 'x', hash = 'y' where id = ${row!.id}`)).toMatch(/append-only/);
      expect(await attempt(sql`update audit_log set seq = 999999, prev_hash = 'x', hash = 'y' where id = ${row!.id}`)).toBe('not refused');
      expect(await attempt(sql`update audit_log set seq = 999998, prev_hash = 'x', hash = 'z' where id = ${row!.id}`)).toMatch(/append-only/);
      throw new Error('leave nothing behind');
    }).catch((err: Error) => expect(err.message).toBe('leave nothing behind'));
    expect((await audit.verify(t.ctx)).ok).toBe(true);
  });

  it('verifies in slices: each goes on from the mark kept outside the database, after checking the row there still holds its MAC', async () => {
    const all = await chain();
    const n = all.length;
    expect(await audit.verify(t.ctx, { maxRows: 10 })).toEqual({ ok: true, checked: 10, progress: { through: 10, head: n } });
    expect(readVerifiedMark(t.config.dataDir)).toMatchObject({ seq: 10, hash: all[9]!.hash });
    expect(await audit.verify(t.ctx, { resume: true, maxRows: 10 })).toEqual({ ok: true, checked: 10, from: 10, progress: { through: 20, head: n } });
    const seen: [number, number][] = [];
    expect(await audit.verify(t.ctx, { resume: true, onProgress: (through, head) => seen.push([through, head]) })).toEqual({ ok: true, checked: n - 20, from: 20 });
    expect(seen).toEqual([[n, n]]);
    // Without `resume` a pass starts over at the first row.
    expect(await audit.verify(t.ctx)).toEqual({ ok: true, checked: n });

    // The row at the mark rewritten: a resumed check refuses to build on it.
    await audit.verify(t.ctx, { maxRows: 10 });
    await withTriggerOff(() => t.ctx.db.update(auditLog).set({ hash: 'f'.repeat(64) }).where(eq(auditLog.id, all[9]!.id)));
    expect(await audit.verify(t.ctx, { resume: true })).toEqual({ ok: false, checked: 0, from: 10, brokenAt: { id: all[9]!.id, reason: 'checkpoint_mismatch' } });
    await withTriggerOff(() => t.ctx.db.update(auditLog).set({ hash: all[9]!.hash }).where(eq(auditLog.id, all[9]!.id)));
    expect((await audit.verify(t.ctx, { resume: true })).ok).toBe(true);
  });

  it('finds a row edited behind the app’s back: that row, hash_mismatch', async () => {
    const target = (await chain())[5]!;
    await withTriggerOff(() => t.ctx.db.update(auditLog).set({ result: 'failure' }).where(eq(auditLog.id, target.id)));
    expect(await audit.verify(t.ctx)).toEqual({ ok: false, checked: 5, brokenAt: { id: target.id, reason: 'hash_mismatch' } });
    // The audit admin sees the same through the API.
    const res = await (await signIn(t.app, 'auditadmin')).get('/api/audit/verify');
    expect(res.json()).toEqual({ ok: false, checked: 5, brokenAt: { id: target.id, reason: 'hash_mismatch' } });
    await withTriggerOff(() => t.ctx.db.update(auditLog).set({ result: target.result }).where(eq(auditLog.id, target.id)));
    expect((await audit.verify(t.ctx)).ok).toBe(true);
  });

  it('finds rows re-chained without the key: a plain sha256 or a MAC under another key does not verify', async () => {
    const all = await chain();
    const from = 8;
    /** The forger rewrites row `from` and re-links every row after it, as the unkeyed chain allowed. */
    const rechain = async (mac: (prevHash: string, row: ReturnType<typeof fieldsOf>) => string) => {
      let prevHash = all[from - 1]!.hash!;
      await withTriggerOff(async () => {
        for (const [i, row] of all.slice(from).entries()) {
          const fields = { ...fieldsOf(row), detail: i === 0 ? { forged: true } : row.detail };
          const hash = mac(prevHash, fields);
          await t.ctx.db.update(auditLog).set({ detail: fields.detail, prevHash, hash }).where(eq(auditLog.id, row.id));
          prevHash = hash;
        }
      });
    };
    const restore = () =>
      withTriggerOff(async () => {
        for (const row of all.slice(from)) await t.ctx.db.update(auditLog).set({ detail: row.detail, prevHash: row.prevHash, hash: row.hash }).where(eq(auditLog.id, row.id));
      });
    const broken = { ok: false, checked: from, brokenAt: { id: all[from]!.id, reason: 'hash_mismatch' } };

    const plainSha256 = (prevHash: string, row: ReturnType<typeof fieldsOf>) =>
      createHash('sha256').update(prevHash).update('\n').update(canonicalJson({ ...row, at: row.at.toISOString() })).digest('hex');
    await rechain(plainSha256);
    expect(await audit.verify(t.ctx)).toEqual(broken);
    await restore();

    const wrongKey = randomBytes(32);
    await rechain((prevHash, row) => chainMac(wrongKey, prevHash, row));
    expect(await audit.verify(t.ctx)).toEqual(broken);
    await restore();

    // The same rewrite with the real key would pass: the key is what stands between them.
    expect(sealRows(t.ctx.config.keys.auditMac!, { seq: from, hash: all[from - 1]!.hash! }, [all[from]!]).map((s) => s.hash)).toEqual([all[from]!.hash]);
    expect((await audit.verify(t.ctx)).ok).toBe(true);
  });

  it('finds a deleted tail: the checkpoint outside the table names more rows than the chain holds', async () => {
    const all = await chain();
    const tail = all.slice(-13);
    await withTriggerOff(() => t.ctx.db.delete(auditLog).where(sql`${auditLog.seq} > ${all.length - 13}`));
    const expected = { ok: false, checked: all.length - 13, truncated: { checkpointRows: all.length, chainRows: all.length - 13 } };
    expect(await audit.verify(t.ctx)).toEqual(expected);

    // New rows are not sealed onto the truncated chain, where they would hide the deletion.
    await audit.record(t.ctx.db, ctx, { action: 'test.after_truncation' });
    const res = await (await signIn(t.app, 'auditadmin')).get('/api/audit/verify');
    expect(res.json()).toMatchObject({ ...expected, pending: expect.any(Number) });
    await expect(audit.sealPending(t.ctx)).rejects.toMatchObject({ code: 'AUDIT_CHAIN_BROKEN' });

    // Putting the rows back mends it; the pending rows are then sealed.
    await withTriggerOff(async () => {
      for (const row of tail) await t.ctx.db.execute(sql`insert into audit_log select * from json_populate_record(null::audit_log, ${JSON.stringify({ ...row, prev_hash: row.prevHash, actor_user_id: row.actorUserId, actor_username: row.actorUsername, actor_org_id: row.actorOrgId, object_type: row.objectType, object_id: row.objectId, request_id: row.requestId })})`);
    });
    const mended = await audit.verify(t.ctx);
    expect(mended).toMatchObject({ ok: true });
    expect(mended.checked).toBeGreaterThan(all.length);
  });

  it('a deliberate reset takes the chain as it stands, on record, keeping the old checkpoint in the history', async () => {
    const all = await chain();
    await withTriggerOff(() => t.ctx.db.delete(auditLog).where(sql`${auditLog.seq} > ${all.length - 2}`));
    expect((await audit.verify(t.ctx)).truncated).toEqual({ checkpointRows: all.length, chainRows: all.length - 2 });
    const head = await audit.resetCheckpoint(t.ctx, ctx, 'examined: test deletion');
    expect(head).toMatchObject({ rows: all.length - 1 });
    expect(await audit.verify(t.ctx)).toEqual({ ok: true, checked: all.length - 1 });
    expect((await chain()).at(-1)).toMatchObject({ action: 'audit.checkpoint_reset', detail: { reason: 'examined: test deletion', previous: { rows: all.length } } });
    const history = fs.readFileSync(checkpointHistoryFile(t.config.dataDir), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(history.slice(-2)).toMatchObject([{ rows: all.length, event: 'replaced: reset: examined: test deletion' }, { rows: all.length - 1 }]);
  });

  it('finds a deleted row: the row after it, prev_hash_mismatch; and reports only the first break', async () => {
    const all = await chain();
    await withTriggerOff(() => t.ctx.db.delete(auditLog).where(eq(auditLog.id, all[12]!.id)));
    expect(await audit.verify(t.ctx)).toEqual({ ok: false, checked: 12, brokenAt: { id: all[13]!.id, reason: 'prev_hash_mismatch' } });
    await withTriggerOff(() => t.ctx.db.update(auditLog).set({ action: 'edited' }).where(eq(auditLog.id, all[3]!.id)));
    expect(await audit.verify(t.ctx)).toEqual({ ok: false, checked: 3, brokenAt: { id: all[3]!.id, reason: 'hash_mismatch' } });
  });
});
