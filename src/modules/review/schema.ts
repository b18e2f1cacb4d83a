import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { applications } from '../workflow/schema.ts';
import { users } from '../identity/schema.ts';
import { organisations } from '../orgs/schema.ts';
import type { ChecklistVerdict } from '../../shared/chains.ts';

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
