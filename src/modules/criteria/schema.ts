import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { versionColumns } from '../../db/versioned.ts';
import { users } from '../identity/schema.ts';
import { regions } from '../regions/schema.ts';
import type { RuleSetDefinition } from './rules.ts';

/**
 * Versioned rule sets. `key` names the lineage ('liaoning-2019'); each published version is
 * immutable, and a call pins one row by id. Drafts are edited in place with optimistic locking
 * (`revision`). Shipped rule sets have no owner region: they belong to everyone.
 */
export const ruleSets = pgTable(
  'rule_sets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    key: text('key').notNull(),
    title: text('title').notNull(),
    definition: jsonb('definition').$type<RuleSetDefinition>().notNull(),
    /** The jurisdiction that owns it; null for the rule sets shipped with the product. */
    ownerRegionCode: varchar('owner_region_code', { length: 6 }).references(() => regions.code),
    createdBy: uuid('created_by').references(() => users.id),
    ...versionColumns(),
  },
  (t) => [
    uniqueIndex('rule_sets_key_version_uq').on(t.key, t.version).where(sql`${t.version} is not null`),
    index('rule_sets_owner_idx').on(t.ownerRegionCode),
  ],
);
