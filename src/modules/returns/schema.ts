import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { versionColumns } from '../../db/versioned.ts';
import { calls } from '../calls/schema.ts';
import { files } from '../files/schema.ts';
import { users } from '../identity/schema.ts';
import { regions } from '../regions/schema.ts';
import { spaces } from '../spaces/schema.ts';
import { applications } from '../workflow/schema.ts';
import type { CatalogueDefinition } from './catalogue-types.ts';
import type { ReturnValue } from './rules.ts';

export const RETURN_CADENCES = ['annual', 'quarterly', 'monthly'] as const;
export type ReturnCadence = (typeof RETURN_CADENCES)[number];

/**
 * Indicator catalogues (统计指标目录), one row per version of a survey year, the way `rule_sets`
 * version conditions: a published version is immutable and a reporting round pins one by id.
 * The shipped versions have no owner region and are loaded at start from the module's data files.
 */
export const returnCatalogues = pgTable(
  'return_catalogues',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    year: integer('year').notNull(),
    name: text('name').notNull(),
    definition: jsonb('definition').$type<CatalogueDefinition>().notNull(),
    /** Null for the catalogues shipped with the product; else the province (or the nation) that drafted it. */
    ownerRegionCode: varchar('owner_region_code', { length: 6 }).references(() => regions.code),
    createdBy: uuid('created_by').references(() => users.id),
    ...versionColumns(),
  },
  (t) => [uniqueIndex('return_catalogues_year_version_uq').on(t.year, t.version).where(sql`${t.version} is not null`)],
);

/** Per province: whether its authorities may open monthly returns (an option the province switches on). */
export const returnSettings = pgTable('return_settings', {
  regionCode: varchar('region_code', { length: 6 })
    .primaryKey()
    .references(() => regions.code),
  monthly: boolean('monthly').notNull().default(false),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A reporting round (填报轮次): a call of kind `annual_return` plus what only a return needs — the
 * cadence, the period the figures cover, the pinned catalogue version. The call's `closesAt` is the
 * due date; `missedAt` marks the run that marked its unfiled drafts missed.
 */
export const returnRounds = pgTable('return_rounds', {
  callId: uuid('call_id')
    .primaryKey()
    .references(() => calls.id),
  cadence: text('cadence', { enum: RETURN_CADENCES }).notNull(),
  /** '2026', '2026Q3' or '2026-11' (see cadences.ts). */
  period: text('period').notNull(),
  periodStart: timestamp('period_start', { withTimezone: true }).notNull(),
  periodEnd: timestamp('period_end', { withTimezone: true }).notNull(),
  catalogueId: uuid('catalogue_id')
    .notNull()
    .references(() => returnCatalogues.id),
  missedAt: timestamp('missed_at', { withTimezone: true }),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A return's payload, keyed by its submission (the kernel's `applications` row of kind
 * `annual_return`): values by indicator code in stored units (money in 元), the platform's figures
 * it was prefilled with, the filer's notes on warnings (by finding key), the findings it was
 * submitted with. `acceptedAt` is set by the kind's effect of a released final approval; an
 * accepted return is locked.
 */
export const returnValues = pgTable(
  'return_values',
  {
    submissionId: uuid('submission_id')
      .primaryKey()
      .references(() => applications.id),
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id),
    spaceId: uuid('space_id')
      .notNull()
      .references(() => spaces.id),
    values: jsonb('values').$type<Record<string, ReturnValue>>().notNull().default({}),
    platform: jsonb('platform').$type<Record<string, number>>().notNull().default({}),
    notes: jsonb('notes').$type<Record<string, string>>().notNull().default({}),
    findings: jsonb('findings').$type<unknown[]>().notNull().default([]),
    revision: integer('revision').notNull().default(1),
    missedAt: timestamp('missed_at', { withTimezone: true }),
    /** The scan of the cover signed and stamped (PDF or JPEG), uploaded back by the operator for the reviewers. */
    coverFileId: uuid('cover_file_id').references(() => files.id),
    /** The reminder offsets (days before the due date) already sent for this return: each is sent once. */
    reminded: integer('reminded').array().notNull().default(sql`'{}'::integer[]`),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('return_values_space_idx').on(t.spaceId),
    uniqueIndex('return_values_call_space_uq').on(t.callId, t.spaceId),
    // A round's returns with their state, for its progress and counts by region without reading the
    // values (a national round holds thousands of rows of ≈ 1.7 kB each).
    index('return_values_call_state_idx').on(t.callId, t.spaceId, t.submissionId, t.acceptedAt, t.missedAt),
  ],
);

/**
 * How many of a round's returns are in each state, per region of the spaces' region paths (the
 * district and every region above it, the national root included), kept by statement triggers on
 * `return_values`, on `applications` (a return's status) and on `spaces` (a space moved to another
 * district) (migration 0059). The rounds list reads its page's counts for the actor's jurisdiction
 * from a few rows per round instead of joining its thousands of returns to their spaces and
 * regions on every request. The state is the rounds list's (`missed` before the status).
 */
export const returnStateCounts = pgTable(
  'return_state_counts',
  {
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'cascade' }),
    regionCode: varchar('region_code', { length: 6 }).notNull(),
    state: text('state').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.callId, t.regionCode, t.state] })],
);

/** Per space and cadence: consecutive missed returns (two in a row cost the title, AFTER-FILING §1). */
export const returnStanding = pgTable(
  'return_standing',
  {
    spaceId: uuid('space_id')
      .notNull()
      .references(() => spaces.id),
    cadence: text('cadence', { enum: RETURN_CADENCES }).notNull(),
    consecutiveMissed: integer('consecutive_missed').notNull().default(0),
    lastCallId: uuid('last_call_id').references(() => calls.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('return_standing_uq').on(t.spaceId, t.cadence)],
);
