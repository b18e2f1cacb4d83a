import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { versionColumns } from '../../db/versioned.ts';
import { CALL_LEVELS } from '../../shared/domain.ts';
import type { StageTemplate } from '../../shared/chains.ts';
import { users } from '../identity/schema.ts';
import { regions } from '../regions/schema.ts';

/** What a chain version runs: its stages in order (the shape of `StageTemplate`, src/shared/chains.ts). */
export interface ChainDefinition {
  stages: StageTemplate[];
}

/**
 * Review chains (审核流程), one row per version, the way `rule_sets` version the conditions. `key`
 * names the lineage ('liaoning_province'); a published version is immutable and a call pins one row
 * by id (`calls.chain_id`). Drafts are edited in place with optimistic locking (`revision`) and have
 * no version number until published. The four chains of the seeds are shipped versions without an
 * owner region, loaded at start from src/shared/chains.ts.
 */
export const chains = pgTable(
  'chains',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    key: text('key').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    /**
     * The kind of submission it moves (a kind registered with the workflow kernel: `filing`,
     * `annual_return`, `support`…): a call pins only a chain of its own kind, and a clone keeps it.
     */
    kind: text('kind').notNull().default('filing'),
    /** The level of the calls that may pin it. */
    level: text('level', { enum: CALL_LEVELS }).notNull(),
    /** Only spaces holding an active filing at this level may apply (strictly below `level`). */
    requiresFiling: text('requires_filing', { enum: ['city', 'province'] }),
    definition: jsonb('definition').$type<ChainDefinition>().notNull(),
    /** The jurisdiction that owns it; null for the chains shipped with the product. */
    ownerRegionCode: varchar('owner_region_code', { length: 6 }).references(() => regions.code),
    createdBy: uuid('created_by').references(() => users.id),
    ...versionColumns(),
  },
  (t) => [
    uniqueIndex('chains_key_version_uq').on(t.key, t.version).where(sql`${t.version} is not null`),
    index('chains_owner_idx').on(t.ownerRegionCode),
    index('chains_level_idx').on(t.level, t.status),
  ],
);
