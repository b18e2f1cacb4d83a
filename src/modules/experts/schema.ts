import { boolean, index, integer, jsonb, numeric, pgTable, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { applications } from '../workflow/schema.ts';
import { calls } from '../calls/schema.ts';
import { users } from '../identity/schema.ts';
import { organisations } from '../orgs/schema.ts';
import { regions } from '../regions/schema.ts';
import type { KeyIndustry } from '../../shared/domain.ts';

/** An expert in an authority's pool (专家库): fields, affiliation and region decide assignment and conflicts. */
export const expertProfiles = pgTable(
  'expert_profiles',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id),
    /** The authority whose pool the expert is in. */
    poolOrgId: uuid('pool_org_id')
      .notNull()
      .references(() => organisations.id),
    fields: jsonb('fields').$type<KeyIndustry[]>().notNull(),
    affiliation: text('affiliation').notNull(),
    /** The affiliation as a registered organisation, when it is one (same-organisation conflicts). */
    affiliationOrgId: uuid('affiliation_org_id').references(() => organisations.id),
    regionCode: varchar('region_code', { length: 6 })
      .notNull()
      .references(() => regions.code),
    /** Organisations the expert declared a conflict with (former employer, relatives' firms, …). */
    conflictOrgIds: jsonb('conflict_org_ids').$type<string[]>().notNull().default([]),
    active: boolean('active').notNull().default(true),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('expert_profiles_pool_idx').on(t.poolOrgId)],
);

export interface ScoreCriterion {
  key: string;
  name: string;
  /** Weight in percent; the weights of a sheet add up to 100. */
  weight: number;
  min: number;
  max: number;
}

/** The weighted score sheet of a call's expert stage. */
export const scoreSheets = pgTable('score_sheets', {
  callId: uuid('call_id')
    .primaryKey()
    .references(() => calls.id),
  criteria: jsonb('criteria').$type<ScoreCriterion[]>().notNull(),
  /** A weighted total below this (0–100) needs a comment. */
  commentBelow: integer('comment_below').notNull().default(60),
  expertsPerApplication: integer('experts_per_application').notNull().default(3),
  /** The call says experts of the applicant's city are in conflict. */
  sameCityConflict: boolean('same_city_conflict').notNull().default(false),
  revision: integer('revision').notNull().default(1),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** An expert assigned to score one application at an expert stage. */
export const expertAssignments = pgTable(
  'expert_assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    stageKey: text('stage_key').notNull(),
    expertUserId: uuid('expert_user_id')
      .notNull()
      .references(() => users.id),
    assignedBy: uuid('assigned_by').references(() => users.id),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull().defaultNow(),
    /** The no-conflict declaration, signed before the materials open. */
    declaredAt: timestamp('declared_at', { withTimezone: true }),
    /** The expert declined because of a conflict found on reading. */
    declinedAt: timestamp('declined_at', { withTimezone: true }),
    declineReason: text('decline_reason'),
    scores: jsonb('scores').$type<Record<string, number>>(),
    comment: text('comment'),
    /** Weighted total, 0–100, two decimals. */
    total: numeric('total', { precision: 5, scale: 2 }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('expert_assignments_uq').on(t.applicationId, t.stageKey, t.expertUserId), index('expert_assignments_expert_idx').on(t.expertUserId)],
);
