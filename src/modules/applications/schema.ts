import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { calls } from '../calls/schema.ts';
import { files } from '../files/schema.ts';
import { users } from '../identity/schema.ts';
import { organisations } from '../orgs/schema.ts';
import { spaces } from '../spaces/schema.ts';
import { APPLICATION_STATUSES, type ApplicationStatus } from '../../shared/domain.ts';

/** Re-exported so the schema stays the one place the server imports its vocabularies from. */
export { APPLICATION_STATUSES, type ApplicationStatus };

/** 备案申请: one space applying to one call. The dossier parts are JSON validated by Zod (./dossier.ts). */
export const applications = pgTable(
  'applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id),
    spaceId: uuid('space_id')
      .notNull()
      .references(() => spaces.id),
    operatorOrgId: uuid('operator_org_id')
      .notNull()
      .references(() => organisations.id),
    status: text('status', { enum: APPLICATION_STATUSES }).notNull().default('draft'),
    /** 基础信息表 (001 附件2). */
    basicInfo: jsonb('basic_info').$type<Record<string, unknown>>().notNull().default({}),
    /** 备案申报书 (001 附件3), rich text sanitised on the server. */
    report: jsonb('report').$type<Record<string, unknown>>().notNull().default({}),
    /** Extra indicators the call's rule set needs beyond the basic-info form. */
    indicators: jsonb('indicators').$type<Record<string, unknown>>().notNull().default({}),
    /** The evaluation the application was submitted with (criteria snapshot). */
    evaluation: jsonb('evaluation').$type<Record<string, unknown>>(),
    /** Optimistic lock: every save must name the revision it started from. */
    revision: integer('revision').notNull().default(1),
    /** An authority's audited extension of the call deadline for this application. */
    deadlineExtendedUntil: timestamp('deadline_extended_until', { withTimezone: true }),
    /** The legal representative's confirmation of the credit commitment (001 附件4). */
    commitmentConfirmedAt: timestamp('commitment_confirmed_at', { withTimezone: true }),
    commitmentConfirmedBy: uuid('commitment_confirmed_by').references(() => users.id),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    /** The stage of the call's chain (src/shared/chains.ts) the application is at; null before submission. */
    stageKey: text('stage_key'),
    stageEnteredAt: timestamp('stage_entered_at', { withTimezone: true }),
    /** When the stage's authority should be done (reminders before it); extensions are audited. */
    stageDueAt: timestamp('stage_due_at', { withTimezone: true }),
    /** A returned application must be resubmitted by then (set by the returning authority). */
    resubmitDueAt: timestamp('resubmit_due_at', { withTimezone: true }),
    /** Submission round: 1 at the first submission, +1 at every resubmission. */
    round: integer('round').notNull().default(0),
  },
  (t) => [
    // One application per space per call (a withdrawn one may be reopened, not duplicated).
    uniqueIndex('applications_call_space_uq').on(t.callId, t.spaceId),
    index('applications_operator_idx').on(t.operatorOrgId),
    index('applications_stage_idx').on(t.callId, t.stageKey, t.status),
  ],
);

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

/** The application's history: every transition with who, when and why. */
export const applicationEvents = pgTable(
  'application_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid('actor_user_id').references(() => users.id),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    note: text('note'),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
  },
  (t) => [index('application_events_app_idx').on(t.applicationId, t.at)],
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
