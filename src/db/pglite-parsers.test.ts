import { PGlite, type QueryOptions, type Transaction } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { date, interval, numeric, pgTable, timestamp } from 'drizzle-orm/pg-core';
import { drizzle } from 'drizzle-orm/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIZZLE_TEXT_TYPES, pgliteClients, type PgliteClients } from './pglite-parsers.ts';

const moments = pgTable('moments', {
  at: timestamp('at', { withTimezone: true }).notNull(),
  local: timestamp('local').notNull(),
  day: date('day').notNull(),
  span: interval('span').notNull(),
  days: date('days').array().notNull(),
  ats: timestamp('ats', { withTimezone: true }).array().notNull(),
  amounts: numeric('amounts').array().notNull(),
});

const CREATE = `create table moments (at timestamptz not null, local timestamp not null, day date not null, span interval not null,
  days date[] not null, ats timestamptz[] not null, amounts numeric[] not null);
  insert into moments values ('2026-12-06 08:30:00+08', '2026-12-06 08:30:00', '2026-12-06', '1 day 02:00:00',
  '{2026-12-06,2027-01-20}', '{"2026-12-06 08:30:00+08","2027-01-20 00:00:00+08"}', '{1.50,2}')`;
const RAW = 'select at, local, day, span, days, ats, amounts, now() - now() as zero from moments';

describe('PGlite with Drizzle’s parsers held by the client', () => {
  let plain: PGlite;
  let lean: PGlite;
  let clients: PgliteClients;
  const sent: (QueryOptions | undefined)[] = [];

  beforeAll(async () => {
    [plain, lean] = [new PGlite(), new PGlite()];
    for (const c of [plain, lean]) await c.exec(CREATE);
    // What reaches PGlite, through the client and through a transaction's own object.
    const query = lean.query.bind(lean);
    lean.query = ((text: string, params?: unknown[], options?: QueryOptions) => {
      sent.push(options);
      return query(text, params, options);
    }) as typeof lean.query;
    const transaction = lean.transaction.bind(lean);
    lean.transaction = (<T,>(work: (tx: Transaction) => Promise<T>) =>
      transaction((tx) =>
        work({
          ...tx,
          query: (text: string, params?: unknown[], options?: QueryOptions) => {
            sent.push(options);
            return tx.query(text, params, options);
          },
        } as Transaction),
      )) as typeof lean.transaction;
    clients = await pgliteClients(lean);
  });
  afterAll(async () => {
    await plain.close();
    await lean.close();
  });

  it('holds exactly the types Drizzle asks as text, for its selects and its raw statements alike', async () => {
    const asked: QueryOptions[] = [];
    const spy = { query: async (_text: string, _params: unknown[], options: QueryOptions) => (asked.push(options), { rows: [], fields: [] }) };
    const db = drizzle(spy as unknown as PGlite);
    await db.select().from(moments);
    await db.execute(sql`select 1`);
    expect(asked).toHaveLength(2);
    for (const options of asked) expect(Object.keys(options.parsers ?? {}).map(Number).sort()).toEqual([...DRIZZLE_TEXT_TYPES].sort());
  });

  it('Drizzle reads every kind of value as it did, and its queries carry no parsers', async () => {
    sent.length = 0;
    const before = await drizzle(plain).select().from(moments);
    const after = await drizzle(clients.drizzle).select().from(moments);
    expect(after).toEqual(before);
    expect(after[0]!.at).toEqual(new Date('2026-12-06T00:30:00Z'));
    expect(after[0]!.day).toBe('2026-12-06');
    const executed = await drizzle(clients.drizzle).execute(sql.raw(RAW));
    expect(executed.rows).toEqual((await drizzle(plain).execute(sql.raw(RAW))).rows);
    expect(sent.length).toBeGreaterThanOrEqual(2);
    for (const options of sent) expect(options?.parsers).toBeUndefined();
  });

  it('in a Drizzle transaction too', async () => {
    sent.length = 0;
    const before = await drizzle(plain).transaction((tx) => tx.select().from(moments));
    const after = await drizzle(clients.drizzle).transaction((tx) => tx.select().from(moments));
    expect(after).toEqual(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.parsers).toBeUndefined();
  });

  it('raw SQL answers as PGlite answered it before: timestamps as Dates, arrays of them parsed', async () => {
    const before = (await plain.query(RAW)).rows;
    const after = await clients.raw(RAW);
    expect(after).toEqual(before);
    expect((after[0] as { ats: Date[] }).ats[0]).toEqual(new Date('2026-12-06T00:30:00Z'));
  });
});
