import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../../test/helpers/agent.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { chainHash } from './chain.ts';
import { auditLog } from './schema.ts';
import * as audit from './service.ts';

/**
 * Tamper evidence (SECURITY-CHECKLIST 12): concurrent writers still form one chain, the app cannot
 * change or remove rows, and a row edited or deleted behind the app's back is found — the first
 * broken link, by id and reason.
 */
let t: TestApp;
const ctx = { ...audit.SYSTEM_CONTEXT, actorUsername: 'chain-test' };
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
const rows = () => t.ctx.db.select().from(auditLog).orderBy(asc(auditLog.id));
/** What an attacker with database access does first. */
const withTriggerOff = async (work: () => Promise<unknown>) => {
  await t.ctx.database.exec('ALTER TABLE audit_log DISABLE TRIGGER USER');
  try {
    await work();
  } finally {
    await t.ctx.database.exec('ALTER TABLE audit_log ENABLE TRIGGER USER');
  }
};

describe('audit chain', () => {
  it('stays one valid chain when many transactions write at once', async () => {
    const before = (await rows()).length;
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
      // A writer that rolls back leaves no row and no broken link.
      t.ctx.db
        .transaction(async (tx) => {
          await audit.recordInTx(tx, ctx, { action: 'test.rolled_back' });
          throw new Error('roll back');
        })
        .catch(() => undefined),
    ]);
    const after = await rows();
    expect(after).toHaveLength(before + 30);
    expect(after.some((r) => r.action === 'test.rolled_back')).toBe(false);
    expect(await audit.verify(t.ctx.db)).toEqual({ ok: true, checked: before + 30 });
  });

  it('refuses UPDATE, DELETE and TRUNCATE from the application', async () => {
    const before = await rows();
    const first = before[0]!;
    expect(await refusal(t.ctx.db.update(auditLog).set({ action: 'forged' }).where(eq(auditLog.id, first.id)))).toMatch(/append-only/);
    expect(await refusal(t.ctx.db.delete(auditLog).where(eq(auditLog.id, first.id)))).toMatch(/append-only/);
    expect(await refusal(t.ctx.database.exec('TRUNCATE audit_log'))).toMatch(/append-only/);
    expect(await rows()).toEqual(before);
    expect((await audit.verify(t.ctx.db)).ok).toBe(true);
  });

  it('finds a row edited behind the app’s back: that row, hash_mismatch', async () => {
    const target = (await rows())[5]!;
    await withTriggerOff(() => t.ctx.db.update(auditLog).set({ result: 'failure' }).where(eq(auditLog.id, target.id)));
    expect(await audit.verify(t.ctx.db)).toEqual({ ok: false, checked: 5, brokenAt: { id: target.id, reason: 'hash_mismatch' } });
    // The audit admin sees the same through the API.
    const res = await (await signIn(t.app, 'auditadmin')).get('/api/audit/verify');
    expect(res.json()).toEqual({ ok: false, checked: 5, brokenAt: { id: target.id, reason: 'hash_mismatch' } });
    await withTriggerOff(() => t.ctx.db.update(auditLog).set({ result: target.result }).where(eq(auditLog.id, target.id)));
    expect((await audit.verify(t.ctx.db)).ok).toBe(true);
  });

  it('finds a row edited with its hash recomputed: the next row, prev_hash_mismatch', async () => {
    const all = await rows();
    const target = all[8]!;
    const { prevHash, hash: _hash, ...fields } = { ...target, detail: { forged: true } };
    await withTriggerOff(() => t.ctx.db.update(auditLog).set({ detail: fields.detail, hash: chainHash(prevHash, fields) }).where(eq(auditLog.id, target.id)));
    expect(await audit.verify(t.ctx.db)).toEqual({ ok: false, checked: 9, brokenAt: { id: all[9]!.id, reason: 'prev_hash_mismatch' } });
    await withTriggerOff(() => t.ctx.db.update(auditLog).set({ detail: target.detail, hash: target.hash }).where(eq(auditLog.id, target.id)));
    expect((await audit.verify(t.ctx.db)).ok).toBe(true);
  });

  it('finds a deleted row: the row after it, prev_hash_mismatch; and reports only the first break', async () => {
    const all = await rows();
    await withTriggerOff(() => t.ctx.db.delete(auditLog).where(eq(auditLog.id, all[12]!.id)));
    expect(await audit.verify(t.ctx.db)).toEqual({ ok: false, checked: 12, brokenAt: { id: all[13]!.id, reason: 'prev_hash_mismatch' } });
    await withTriggerOff(() => t.ctx.db.update(auditLog).set({ action: 'edited' }).where(eq(auditLog.id, all[3]!.id)));
    expect(await audit.verify(t.ctx.db)).toEqual({ ok: false, checked: 3, brokenAt: { id: all[3]!.id, reason: 'hash_mismatch' } });
  });
});
