import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.ts';
import { USCC_ALPHABET } from '../../shared/validation/uscc.ts';

/** GB 32100 weights of the first 17 characters (as `usccCheckChar`). */
const USCC_WEIGHTS = Array.from({ length: 17 }, (_, i) => 3 ** i % 31);

/**
 * A USCC as one arithmetic SQL expression, for hundreds of thousands of rows (the `uscc` helper
 * below sums over a series per row, fine for thousands): '91', a region code (SQL text, 6 digits),
 * two fixed letters, the number `n` (SQL bigint) in 7 base-31 digits, and the check character.
 */
export function usccExpression(regionCode: string, letters: string, n: string): SQL {
  const value = (c: string) => USCC_ALPHABET.indexOf(c);
  const digits = Array.from({ length: 7 }, (_, j) => `((${n}) / ${31 ** (6 - j)} % 31)`);
  const fixed = value('9') * USCC_WEIGHTS[0]! + value('1') * USCC_WEIGHTS[1]! + value(letters[0]!) * USCC_WEIGHTS[8]! + value(letters[1]!) * USCC_WEIGHTS[9]!;
  const sum = [
    String(fixed),
    ...Array.from({ length: 6 }, (_, k) => `substr(${regionCode}, ${k + 1}, 1)::int * ${USCC_WEIGHTS[2 + k]}`),
    ...digits.map((d, j) => `${d} * ${USCC_WEIGHTS[10 + j]}`),
  ].join(' + ');
  const char = (index: string) => `substr('${USCC_ALPHABET}', (${index})::int + 1, 1)`;
  return sql.raw(`('91' || ${regionCode} || '${letters}' || ${digits.map(char).join(' || ')} || ${char(`(31 - (${sum}) % 31) % 31`)})`);
}

/**
 * Session-local SQL helpers (pg_temp, gone when the connection ends; the whole load runs in one
 * transaction on one connection):
 * - `sid(key)`: a uuid (version 4 form) from md5 of a readable key ('space:17'), so every id is the same on every
 *   run and one step finds another's rows by computing the id rather than joining a lookup table;
 * - `u(key)`: a number in [0, 1) from md5 of a key, the generator's deterministic dice;
 * - `pick(key, items)`: one of the items by the dice;
 * - `uscc(first17)`: appends the GB 32100 check character (as `usccCheckChar` does), so generated
 *   operators pass the same validation as registered ones.
 */
export async function createHelpers(tx: Tx): Promise<void> {
  // Version 4 and variant nibbles set, so the ids pass the API's uuid validation like random ones.
  await tx.execute(sql.raw(`create function pg_temp.sid(k text) returns uuid language sql immutable as $$
    select overlay(overlay(md5('scale:' || k) placing '4' from 13) placing '8' from 17)::uuid $$`));
  await tx.execute(sql.raw(`create function pg_temp.u(k text) returns double precision language sql immutable as $$ select ('x' || substr(md5(k), 1, 8))::bit(32)::bigint / 4294967296.0 $$`));
  await tx.execute(sql.raw(`create function pg_temp.pick(k text, items text[]) returns text language sql immutable as $$ select items[1 + floor(pg_temp.u(k) * cardinality(items))::int] $$`));
  await tx.execute(
    sql.raw(`create function pg_temp.uscc(first17 text) returns text language sql immutable as $$
      select first17 || substr('${USCC_ALPHABET}', ((31 - sum((strpos('${USCC_ALPHABET}', substr(first17, i, 1)) - 1) * (power(3, i - 1)::bigint % 31)) % 31) % 31)::int + 1, 1)
      from generate_series(1, 17) i $$`),
  );
  // Base-31 digits of a number in the USCC alphabet, for the organisation-code part of generated codes.
  await tx.execute(
    sql.raw(`create function pg_temp.b31(n bigint, width int) returns text language sql immutable as $$
      select string_agg(substr('${USCC_ALPHABET}', ((n / power(31, width - i)::bigint) % 31)::int + 1, 1), '' order by i) from generate_series(1, width) i $$`),
  );
}

/** The rows of a plain statement (both drivers answer `{ rows }`; Drizzle types the result per driver). */
export async function queryRows<T>(db: DbOrTx, statement: SQL): Promise<T[]> {
  return ((await db.execute(statement)) as unknown as { rows: T[] }).rows;
}

/** Row count of a table, for the progress lines. */
export async function countRows(db: DbOrTx, table: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql.raw(`select count(*)::int as n from ${table}`));
  return Number(row!.n);
}
