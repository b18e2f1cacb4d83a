import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../db/client.ts';

/**
 * All SQL of backup and restore. Table and column names reaching here were checked against the
 * live catalogue first; they are still quoted as identifiers.
 */
const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function rows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const res = await db.execute(query);
  return (res as unknown as { rows: T[] }).rows;
}

/**
 * Makes every value's text form the same on PGlite and any PostgreSQL server, so a checksum taken
 * on one matches the same data on another (time zone, date and float formats are session settings).
 */
export async function useCanonicalTextOutput(tx: Tx): Promise<void> {
  for (const setting of [
    `timezone = 'UTC'`,
    `datestyle = 'ISO, YMD'`,
    `intervalstyle = 'postgres'`,
    `extra_float_digits = 1`,
    `bytea_output = 'hex'`,
  ]) {
    await tx.execute(sql.raw(`set local ${setting}`));
  }
}

/** Ordinary tables of the `public` schema (pg-boss keeps its own `pgboss` schema, Drizzle its `drizzle`). */
export async function publicTables(db: DbOrTx): Promise<string[]> {
  const found = await rows<{ name: string }>(
    db,
    sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p') order by c.relname`,
  );
  return found.map((r) => r.name);
}

export interface ColumnInfo {
  name: string;
  /** SQL type as `format_type` writes it, e.g. `timestamp(3) with time zone`. */
  type: string;
  /** Part of the primary key at this position (1-based), or null. */
  keyPosition: number | null;
  /** Text-like types sort by collation; they are ordered with `collate "C"` to sort alike everywhere. */
  collatable: boolean;
}

/** Stored columns in table order; generated columns are left out (the database computes them). */
export async function columnsOf(db: DbOrTx, table: string): Promise<ColumnInfo[]> {
  const found = await rows<{ name: string; type: string; key_position: number | null; collatable: boolean }>(
    db,
    sql`select a.attname as name, format_type(a.atttypid, a.atttypmod) as type,
               array_position(i.indkey::int2[], a.attnum)::int as key_position,
               (t.typcollation <> 0) as collatable
        from pg_attribute a
        join pg_type t on t.oid = a.atttypid
        left join pg_index i on i.indrelid = a.attrelid and i.indisprimary
        where a.attrelid = ${`public.${ident(table)}`}::text::regclass and a.attnum > 0
          and not a.attisdropped and a.attgenerated = ''
        order by a.attnum`,
  );
  return found.map((r) => ({ name: r.name, type: r.type, keyPosition: r.key_position, collatable: r.collatable }));
}

/**
 * Streams a table as one JSON array of text values per row, in primary-key order. The text forms
 * are PostgreSQL's own (exact for every type), and the line is produced by the database, so the
 * same data gives the same bytes on PGlite and PostgreSQL.
 */
export async function* tableLines(tx: Tx, table: string, columns: ColumnInfo[], batch = 1000): AsyncGenerator<string> {
  const line = `json_build_array(${columns.map((c) => `${ident(c.name)}::text`).join(', ')})::text`;
  const key = columns.filter((c) => c.keyPosition !== null).sort((a, b) => a.keyPosition! - b.keyPosition!);
  // Without a primary key the whole line orders the rows (a positional `1 collate` is no column reference).
  const orderBy = key.length ? key.map((c) => `${ident(c.name)}${c.collatable ? ' collate "C"' : ''}`).join(', ') : `${line} collate "C"`;
  const cursor = `hatchery_dump_${table.replace(/\W/g, '_')}`;
  await tx.execute(sql.raw(`declare ${cursor} no scroll cursor for select ${line} as line from public.${ident(table)} order by ${orderBy}`));
  for (;;) {
    const fetched = await rows<{ line: string }>(tx, sql.raw(`fetch forward ${batch} from ${cursor}`));
    if (fetched.length === 0) break;
    for (const r of fetched) yield r.line;
  }
  await tx.execute(sql.raw(`close ${cursor}`));
}

/** Whether the table has rows matching `where` (raw SQL from our own catalogue, never user input). */
export async function hasRows(db: DbOrTx, table: string, where = 'true'): Promise<boolean> {
  const [r] = await rows<{ any: boolean }>(db, sql.raw(`select exists (select 1 from public.${ident(table)} where ${where}) as any`));
  return r?.any === true;
}

/**
 * Turns user triggers (the audit log's append-only guard among them) off or on for the rest of the
 * transaction. ALTER TABLE is transactional: a failed restore leaves them as they were.
 */
export async function setUserTriggers(tx: Tx, tables: string[], enabled: boolean): Promise<void> {
  for (const t of tables) await tx.execute(sql.raw(`alter table public.${ident(t)} ${enabled ? 'enable' : 'disable'} trigger user`));
}

export async function truncateAll(tx: Tx, tables: string[]): Promise<void> {
  if (tables.length) await tx.execute(sql.raw(`truncate ${tables.map((t) => `public.${ident(t)}`).join(', ')}`));
}

/**
 * Inserts rows given as JSON arrays of text values (the dump format), converting each value with
 * its column's own input function. OVERRIDING SYSTEM VALUE keeps identity columns' values as dumped.
 */
export async function insertLines(tx: Tx, table: string, columns: ColumnInfo[], lines: string[]): Promise<void> {
  const names = columns.map((c) => ident(c.name)).join(', ');
  const values = columns.map((c, i) => `(r->>${i})::${c.type}`).join(', ');
  await tx.execute(
    sql`${sql.raw(`insert into public.${ident(table)} (${names}) overriding system value select ${values} from json_array_elements(`)}${`[${lines.join(',')}]`}${sql.raw('::text::json) as r')}`,
  );
}

/** Sets every sequence owned by a column of these tables (serial and identity) past the column's largest value. */
export async function resetSequences(tx: Tx, tables: string[]): Promise<void> {
  const owned = await rows<{ table_name: string; column_name: string; seq: string }>(
    tx,
    sql`select c.relname as table_name, a.attname as column_name,
               pg_get_serial_sequence(format('public.%I', c.relname), a.attname) as seq
        from pg_attribute a
        join pg_class c on c.oid = a.attrelid
        join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
          and pg_get_serial_sequence(format('public.%I', c.relname), a.attname) is not null`,
  );
  for (const o of owned.filter((o) => tables.includes(o.table_name))) {
    await tx.execute(
      sql`select setval(${o.seq}, coalesce((select max(${sql.raw(ident(o.column_name))}) from ${sql.raw(`public.${ident(o.table_name)}`)}), 0) + 1, false)`,
    );
  }
}

/** `created_at` of the newest applied migration, as Drizzle records it (the journal's `when`). */
export async function latestMigration(db: DbOrTx): Promise<number | null> {
  const [r] = await rows<{ when: string }>(db, sql`select created_at::text as when from drizzle.__drizzle_migrations order by created_at desc limit 1`);
  return r ? Number(r.when) : null;
}
