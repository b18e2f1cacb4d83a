import { type PGlite, type QueryOptions, type Transaction, types } from '@electric-sql/pglite';

type Parser = (value: string, typeId?: number) => unknown;
type Parsers = Record<number, Parser>;

/**
 * The types Drizzle's PGlite driver asks to receive as PostgreSQL's text (it maps them to its own
 * column values): timestamp, timestamptz, interval, date, and the arrays numeric[], timestamp[],
 * timestamptz[], interval[], date[]. `pglite-parsers.test.ts` holds this equal to what Drizzle sends.
 */
export const DRIZZLE_TEXT_TYPES: readonly number[] = [types.TIMESTAMP, types.TIMESTAMPTZ, types.INTERVAL, types.DATE, 1231, 1115, 1185, 1187, 1182];

const asText: Parser = (value) => value;

export interface PgliteClients {
  /** For Drizzle: its queries run without their parsers, which the client now holds. */
  drizzle: PGlite;
  /** For raw SQL: answers as node-postgres does (a timestamp as a Date), as before. */
  raw: <T>(sql: string, params?: unknown[]) => Promise<T[]>;
}

/**
 * PGlite merges a query's own parsers into a copy of its whole table (318 types once the array types
 * are loaded) on every query that brings some, and Drizzle brings the same nine with each. That copy
 * was the largest share of the product's CPU above the bare stack on PGlite's hot reads (BENCHMARKS.md,
 * issue 12). So the client keeps Drizzle's nine as its own, Drizzle's queries go without them, and raw
 * SQL brings PGlite's defaults for those nine instead (a copy per raw query: pg-boss and the CLI,
 * never a hot read). A query whose parsers the client does not hold goes through untouched.
 */
export async function pgliteClients(client: PGlite): Promise<PgliteClients> {
  const elements = await client.query<{ oid: number; elem: number }>('select oid::int as oid, typelem::int as elem from pg_catalog.pg_type where oid = any($1::oid[])', [DRIZZLE_TEXT_TYPES]);
  const defaults: Parsers = {};
  // Scalars first: PGlite's array parsers read their element's parser from the client when called.
  for (const { oid, elem } of elements.rows) if (!elem) defaults[oid] = client.parsers[oid] ?? asText;
  for (const { oid, elem } of elements.rows) {
    if (!elem) continue;
    const element = defaults[elem] ?? client.parsers[elem] ?? asText;
    defaults[oid] = (value) => types.arrayParser(value, element, oid);
  }
  for (const oid of DRIZZLE_TEXT_TYPES) client.parsers[oid] = asText;

  const held = (parsers: QueryOptions['parsers']) => {
    for (const key in parsers) if (client.parsers[Number(key)] !== asText) return false;
    return true;
  };
  const lean = (options?: QueryOptions): QueryOptions | undefined => {
    if (!options?.parsers || !held(options.parsers)) return options;
    const { parsers: _held, ...rest } = options;
    return rest;
  };
  const leanTransaction = (tx: Transaction): Transaction =>
    new Proxy(tx, { get: (target, key, receiver) => (key === 'query' ? (sql: string, params?: unknown[], options?: QueryOptions) => target.query(sql, params, lean(options)) : Reflect.get(target, key, receiver)) });

  const query = (sql: string, params?: unknown[], options?: QueryOptions) => client.query(sql, params, lean(options));
  const transaction = <T>(work: (tx: Transaction) => Promise<T>) => client.transaction((tx) => work(leanTransaction(tx)));
  const bound = new Map<PropertyKey, unknown>();
  const drizzle = new Proxy(client, {
    get(target, key) {
      if (key === 'query') return query;
      if (key === 'transaction') return transaction;
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== 'function' || key === 'constructor') return value;
      // PGlite keeps its state in private fields: its own methods must run on the client itself.
      if (!bound.has(key)) bound.set(key, value.bind(target));
      return bound.get(key);
    },
  });
  return {
    drizzle,
    raw: async <T>(sql: string, params?: unknown[]) => (await client.query<T>(sql, params, { parsers: defaults })).rows,
  };
}
