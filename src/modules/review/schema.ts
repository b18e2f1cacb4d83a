import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { applications } from '../applications/schema.ts';
import { calls } from '../calls/schema.ts';
import { files } from '../files/schema.ts';
import { users } from '../identity/schema.ts';
import { organisations } from '../orgs/schema.ts';

/** A verdict on one checklist item of a stage (001 §三.2 "严禁审核走过场": every item, with a note). */
export interface ChecklistVerdict {
  key: string;
  verdict: 'ok' | 'problem' | 'not_applicable';
  note: string;
}

export const REVIEW_OUTCOMES = ['pass', 'return', 'reject'] as const;

/** One reviewer's act at a stage of an application: the checklist, the outcome and its reason. */
export const stageReviews = pgTable(
  'stage_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    stageKey: text('stage_key').notNull(),
    /** The submission round reviewed. */
    round: integer('round').notNull(),
    outcome: text('outcome', { enum: REVIEW_OUTCOMES }).notNull(),
    checklist: jsonb('checklist').$type<ChecklistVerdict[]>().notNull(),
    /** Overall opinion; the reason when returning or rejecting. */
    note: text('note').notNull(),
    /** Return: what the applicant must fix, per field or material slot. */
    itemComments: jsonb('item_comments').$type<{ field: string; comment: string }[]>().notNull().default([]),
    resubmitDueAt: timestamp('resubmit_due_at', { withTimezone: true }),
    reviewerUserId: uuid('reviewer_user_id')
      .notNull()
      .references(() => users.id),
    reviewerOrgId: uuid('reviewer_org_id')
      .notNull()
      .references(() => organisations.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('stage_reviews_app_idx').on(t.applicationId, t.at)],
);

/**
 * A recommendation batch (推荐): the recommending unit's letter (推荐函) and, where the stage asks,
 * its credit commitment (主管部门信用承诺书, 001 附件5) for the applications it sends on.
 */
export const recommendations = pgTable(
  'recommendations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id),
    stageKey: text('stage_key').notNull(),
    recommenderOrgId: uuid('recommender_org_id')
      .notNull()
      .references(() => organisations.id),
    /** 文号 of the letter, e.g. 苏科高函〔2026〕12号. */
    letterNumber: text('letter_number'),
    letterFileId: uuid('letter_file_id').references(() => files.id),
    commitmentFileId: uuid('commitment_file_id').references(() => files.id),
    status: text('status', { enum: ['draft', 'sent'] }).notNull().default('draft'),
    revision: integer('revision').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [index('recommendations_call_idx').on(t.callId, t.recommenderOrgId)],
);

export const recommendationItems = pgTable(
  'recommendation_items',
  {
    recommendationId: uuid('recommendation_id')
      .notNull()
      .references(() => recommendations.id, { onDelete: 'cascade' }),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    /** Ranking order in the letter (1 = first). */
    position: integer('position').notNull(),
    checklist: jsonb('checklist').$type<ChecklistVerdict[]>().notNull(),
  },
  (t) => [uniqueIndex('recommendation_items_uq').on(t.recommendationId, t.applicationId)],
);
