import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type FreshDatabase } from '../../test/helpers/db.ts';
import { afterCommit } from './client.ts';

/** `afterCommit`: what wakes the audit sealer once the rows it must seal are visible. */
let store: FreshDatabase;
beforeAll(async () => {
  store = await freshDatabase();
});
afterAll(() => store.drop());

describe('afterCommit', () => {
  it('runs after the transaction commits (savepoints included), once per function, and at once outside a transaction', async () => {
    const ran: string[] = [];
    const hook = () => ran.push('hook');
    await store.database.db.transaction(async (tx) => {
      afterCommit(hook);
      await tx.execute(sql`select 1`);
      await tx.transaction(async () => afterCommit(hook));
      afterCommit(() => ran.push('other'));
      expect(ran).toEqual([]);
    });
    expect(ran).toEqual(['hook', 'other']);
    afterCommit(() => ran.push('outside'));
    expect(ran).toEqual(['hook', 'other', 'outside']);
  });

  it('never runs for a transaction that rolls back', async () => {
    const ran: string[] = [];
    const failed = store.database.db.transaction(async () => {
      afterCommit(() => ran.push('hook'));
      throw new Error('roll back');
    });
    await expect(failed).rejects.toThrow('roll back');
    expect(ran).toEqual([]);
  });

  it('keeps concurrent transactions apart: each runs only its own hooks', async () => {
    const ran: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const slow = store.database.db.transaction(async () => {
      afterCommit(() => ran.push('slow'));
      await held;
    });
    // On PostgreSQL the quick one commits while the slow one is open; PGlite runs one transaction at
    // a time, so there it waits. Either way the slow one's hook must not run before its own commit.
    const quick = store.database.db.transaction(async () => afterCommit(() => ran.push('quick')));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(ran).not.toContain('slow');
    release();
    await Promise.all([slow, quick]);
    expect(ran.toSorted()).toEqual(['quick', 'slow']);
  });
});
