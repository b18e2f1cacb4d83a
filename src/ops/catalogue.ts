import fs from 'node:fs';
import path from 'node:path';
import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { migrationsFolder, type DbOrTx } from '../db/client.ts';
import * as schema from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import * as repo from './repository.ts';

/**
 * Rows that `prepareDatabase` writes on every start (src/db/bootstrap.ts), so a fresh store already
 * has them; they do not make a restore target "non-empty". Per table: a SQL condition that picks the
 * rows people made (`false`: the whole table is reference data).
 */
export const REFERENCE_ROWS: Readonly<Record<string, string>> = {
  regions: 'false',
  // Shipped rule sets have no owner; authorities' own rule sets are data.
  rule_sets: 'owner_region_code is not null',
  // Likewise the shipped review chains and statistics catalogues.
  chains: 'owner_region_code is not null',
  return_catalogues: 'owner_region_code is not null',
  // Shipped evaluation schemes belong to a jurisdiction's line but are marked as shipped.
  evaluation_schemes: 'not shipped',
};

export interface TableNode {
  name: string;
  /** Tables this one has foreign keys to. */
  references: string[];
}

/** The tables of the Drizzle schema with their foreign-key targets, in declaration order. */
export function schemaTables(): TableNode[] {
  return (Object.values(schema) as unknown[])
    .filter((v): v is PgTable => is(v, PgTable))
    .map((t) => {
      const config = getTableConfig(t);
      return {
        name: config.name,
        references: config.foreignKeys.map((fk) => getTableConfig(fk.reference().foreignTable).name),
      };
    });
}

/**
 * Orders tables so every table comes after the tables it references (a restore inserts in this
 * order); ties keep the given order. A table referencing itself is fine; a cycle between tables
 * cannot be restored by plain inserts and is refused.
 */
export function dependencyOrder(tables: TableNode[]): string[] {
  const pending = new Map(tables.map((t) => [t.name, new Set(t.references.filter((r) => r !== t.name))]));
  const ordered: string[] = [];
  while (pending.size) {
    const ready = [...pending].find(([, refs]) => [...refs].every((r) => !pending.has(r)));
    if (!ready) throw new Error(`foreign keys form a cycle among: ${[...pending.keys()].join(', ')}`);
    ordered.push(ready[0]);
    pending.delete(ready[0]);
  }
  return ordered;
}

export interface StoreTable {
  name: string;
  columns: repo.ColumnInfo[];
}

/**
 * The tables a backup holds, in dependency order, with their live columns. A table in `public` that
 * the schema does not declare would silently miss from every backup, so it stops the run instead.
 */
export async function storeTables(db: DbOrTx): Promise<StoreTable[]> {
  const names = dependencyOrder(schemaTables());
  const unknown = (await repo.publicTables(db)).filter((t) => !names.includes(t));
  if (unknown.length)
    throw new AppError('CONFLICT', {
      zh: `数据库中有未在 Drizzle 模式中声明的表，备份会遗漏它们：${unknown.join(', ')}`,
      en: `tables not declared in the Drizzle schema would be missing from the backup: ${unknown.join(', ')}`,
    });
  const tables: StoreTable[] = [];
  for (const name of names) tables.push({ name, columns: await repo.columnsOf(db, name) });
  return tables;
}

export interface MigrationId {
  tag: string;
  when: number;
}

const journal = (): { entries: { tag: string; when: number }[] } =>
  JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8'));

/** The newest migration applied to this database, named by its journal tag. */
export async function appliedMigration(db: DbOrTx): Promise<MigrationId> {
  const when = await repo.latestMigration(db);
  const entry = journal().entries.find((e) => e.when === when);
  return { tag: entry?.tag ?? `unknown-${when}`, when: when ?? 0 };
}
