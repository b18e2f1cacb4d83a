import { sql } from 'drizzle-orm';
import { boolean, integer, jsonb, pgTable, text, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { versionColumns } from '../../db/versioned.ts';
import { SPACE_CATEGORIES, type REGULAR_TYPES } from '../../shared/domain.ts';
import { users } from '../identity/schema.ts';
import { regions } from '../regions/schema.ts';
import type { SchemeDefinition } from './scheme.ts';

/**
 * Evaluation schemes (年度评价方案), one row per version, versioned as rule sets and indicator
 * catalogues are: a jurisdiction's scheme for a year and a category of space is a line of versions
 * (`region_code`, `year`, `category`); a draft is edited in place under `revision`, a published
 * version never changes and an evaluation round pins one by id. The shipped schemes are loaded at
 * start as published versions of their jurisdiction's line (`shipped`).
 */
export const evaluationSchemes = pgTable(
  'evaluation_schemes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The jurisdiction whose filed spaces it grades, which is also the one that drafts it. */
    regionCode: varchar('region_code', { length: 6 })
      .notNull()
      .references(() => regions.code),
    year: integer('year').notNull(),
    category: text('category', { enum: SPACE_CATEGORIES }).notNull(),
    /** The regular types it grades; null for all (and for professional spaces). */
    types: jsonb('types').$type<(typeof REGULAR_TYPES)[number][]>(),
    definition: jsonb('definition').$type<SchemeDefinition>().notNull(),
    shipped: boolean('shipped').notNull().default(false),
    createdBy: uuid('created_by').references(() => users.id),
    ...versionColumns(),
  },
  (t) => [uniqueIndex('evaluation_schemes_line_version_uq').on(t.regionCode, t.year, t.category, t.version).where(sql`${t.version} is not null`)],
);
