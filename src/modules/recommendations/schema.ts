import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { applications } from '../workflow/schema.ts';
import { calls } from '../calls/schema.ts';
import { files } from '../files/schema.ts';
import { users } from '../identity/schema.ts';
import { organisations } from '../orgs/schema.ts';
import type { ChecklistVerdict } from '../../shared/chains.ts';

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
