import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../identity/schema.ts';
import { organisations } from '../orgs/schema.ts';

/**
 * 不良科技信用记录 (002 §四.(一).3): a dishonest applicant may not apply again until `banUntil`
 * (two years from the finding). Created by the review issue's fraud finding; read by submission.
 */
export const creditRecords = pgTable(
  'credit_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    reason: text('reason').notNull(),
    /** The application or filing the finding concerns, when there is one. */
    subjectType: text('subject_type'),
    subjectId: uuid('subject_id'),
    evidenceFileId: uuid('evidence_file_id'),
    foundAt: timestamp('found_at', { withTimezone: true }).notNull().defaultNow(),
    banUntil: timestamp('ban_until', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by').references(() => users.id),
  },
  (t) => [index('credit_records_org_idx').on(t.orgId, t.banUntil)],
);
