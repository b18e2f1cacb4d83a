import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { files } from '../files/schema.ts';
import { users } from '../identity/schema.ts';
import { applications } from '../workflow/schema.ts';

/** Files in the call's material slots. */
export const applicationAttachments = pgTable(
  'application_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    slotKey: text('slot_key').notNull(),
    fileId: uuid('file_id')
      .notNull()
      .references(() => files.id),
    /**
     * The file's name, size and digest as attached (stored files never change): reviewers and the
     * materials manifest see them without opening another organisation's file.
     */
    fileName: text('file_name').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    addedBy: uuid('added_by').references(() => users.id),
    /** Who attached it, by name at the time (the uploader shown beside the file). */
    addedByName: text('added_by_name').notNull(),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('application_attachments_app_idx').on(t.applicationId, t.slotKey)],
);

/**
 * What the applicant handed in at each submission round, so reviewers see exactly what changed
 * after a return (the dossier parts and the attachment list as they were).
 */
export const applicationRounds = pgTable(
  'application_rounds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    round: integer('round').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    submittedBy: uuid('submitted_by').references(() => users.id),
    basicInfo: jsonb('basic_info').$type<Record<string, unknown>>().notNull(),
    report: jsonb('report').$type<Record<string, unknown>>().notNull(),
    indicators: jsonb('indicators').$type<Record<string, unknown>>().notNull(),
    attachments: jsonb('attachments').$type<{ slotKey: string; fileId: string; fileName: string; sha256: string }[]>().notNull(),
  },
  (t) => [uniqueIndex('application_rounds_uq').on(t.applicationId, t.round)],
);
