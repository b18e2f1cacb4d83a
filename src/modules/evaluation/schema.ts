import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, numeric, pgTable, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { versionColumns } from '../../db/versioned.ts';
import { SPACE_CATEGORIES, type REGULAR_TYPES } from '../../shared/domain.ts';
import { calls } from '../calls/schema.ts';
import { filingLists } from '../filings/schema.ts';
import { users } from '../identity/schema.ts';
import { regions } from '../regions/schema.ts';
import { spaces } from '../spaces/schema.ts';
import { applications } from '../workflow/schema.ts';
import { GRADES, type SchemeDefinition } from './scheme.ts';
import type { SpaceScore, Text } from './scoring.ts';
import type { WorkSummary } from './summary.ts';

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

/**
 * An evaluation round (年度评价): a call of kind `evaluation` plus what only an evaluation needs —
 * the year graded and the published scheme pinned (its category chooses the spaces enrolled);
 * `scoredAt` is the last time its scores were computed.
 */
export const evaluationRounds = pgTable('evaluation_rounds', {
  callId: uuid('call_id')
    .primaryKey()
    .references(() => calls.id),
  year: integer('year').notNull(),
  schemeId: uuid('scheme_id')
    .notNull()
    .references(() => evaluationSchemes.id),
  scoredAt: timestamp('scored_at', { withTimezone: true }),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * One space's evaluation, keyed by its submission (the kernel's `applications` row of kind
 * `evaluation`): the work summary in the fixed outline, the operator's confirmation of the figures
 * drawn from its accepted return, the local authority's opinion, the computed score (a `SpaceScore`:
 * values and points, the text made on reading) and the grade with its reason. A grade corrected
 * after an upheld objection keeps the reason given (`gradeCorrected`).
 */
export const evaluationEntries = pgTable(
  'evaluation_entries',
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
    summary: jsonb('summary').$type<WorkSummary>(),
    figuresConfirmedAt: timestamp('figures_confirmed_at', { withTimezone: true }),
    figuresConfirmedBy: uuid('figures_confirmed_by').references(() => users.id),
    localOpinion: text('local_opinion'),
    localOpinionBy: uuid('local_opinion_by').references(() => users.id),
    score: jsonb('score').$type<SpaceScore>(),
    total: numeric('total', { precision: 6, scale: 2, mode: 'number' }),
    grade: text('grade', { enum: GRADES }),
    gradeReason: jsonb('grade_reason').$type<Text>(),
    gradeCorrected: boolean('grade_corrected').notNull().default(false),
    /** 应评未评: not handed in by the round's deadline; the due job handed it in on the platform's behalf. */
    missedAt: timestamp('missed_at', { withTimezone: true }),
    revision: integer('revision').notNull().default(1),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('evaluation_entries_call_space_uq').on(t.callId, t.spaceId), index('evaluation_entries_call_grade_idx').on(t.callId, t.grade, t.total)],
);

/**
 * The published grades (评价结果): one row per space, year and level of the evaluating authority,
 * written when the round's list is released; what a space's history and the revocation rules read
 * (two consecutive 不合格, 003 第十条; 002 §四(二)).
 */
export const evaluationGrades = pgTable(
  'evaluation_grades',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    spaceId: uuid('space_id')
      .notNull()
      .references(() => spaces.id),
    year: integer('year').notNull(),
    level: text('level', { enum: ['city', 'province', 'national'] }).notNull(),
    grade: text('grade', { enum: GRADES }).notNull(),
    total: numeric('total', { precision: 6, scale: 2, mode: 'number' }),
    gradeReason: jsonb('grade_reason').$type<Text>().notNull(),
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id),
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => applications.id),
    listId: uuid('list_id')
      .notNull()
      .references(() => filingLists.id),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('evaluation_grades_space_year_level_uq').on(t.spaceId, t.year, t.level), index('evaluation_grades_space_idx').on(t.spaceId, t.year)],
);
