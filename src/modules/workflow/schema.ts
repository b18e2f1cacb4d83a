import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { calls } from '../calls/schema.ts';
import { users } from '../identity/schema.ts';
import { organisations } from '../orgs/schema.ts';
import { spaces } from '../spaces/schema.ts';
import { APPLICATION_STATUSES, WAITING_STATUSES, type ApplicationStatus } from '../../shared/domain.ts';

/** Re-exported so the schema stays the one place the server imports its vocabularies from. */
export { APPLICATION_STATUSES, type ApplicationStatus };

/**
 * A submission: one space's entry in one call, of the call's kind (`filing` today: the 备案申请),
 * moving through the call's chain. The workflow kernel owns the state columns (status, stage, round,
 * revision); the kind's own module owns its payload — for a filing the dossier parts below, JSON
 * validated by Zod (applications/dossier.ts) and written through the kernel's `patchSubmissionInTx`.
 * The SQL name stays `applications` (filing was the first kind).
 */
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
    /**
     * What kind of submission this is, always its call's kind: a kind registered with the kernel
     * (src/modules/workflow/kinds.ts), so a new kind needs no schema change.
     */
    kind: text('kind').notNull().default('filing'),
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
    // One application per space per call (a withdrawn one may be reopened, not duplicated); the kinds
    // of standing calls are the exception: a space files any number of change reports into its
    // province's standing call, and may face a second revocation after a first was not upheld; a
    // department's supports for one space are disclosed one submission each in its standing call.
    uniqueIndex('applications_call_space_uq').on(t.callId, t.spaceId).where(sql`${t.kind} not in ('change_report', 'revocation', 'support')`),
    index('applications_kind_space_idx').on(t.kind, t.spaceId),
    index('applications_operator_idx').on(t.operatorOrgId),
    // The state of submissions looked up by id in bulk (a round's returns counted by region and state,
    // returns/repository.ts `progressByRegion`): from the index alone, not the wide rows.
    index('applications_id_status_idx').on(t.id, t.status),
    index('applications_stage_idx').on(t.callId, t.stageKey, t.status),
    // The review queue without a call (review/repository.ts `queue`: a province's or the nation's
    // stages across all calls): only the submissions waiting at a stage, by stage and due date, so a
    // queue reads a few thousand waiting rows, not every submission of eight years.
    index('applications_waiting_stage_idx')
      .on(t.stageKey, t.stageDueAt, t.id)
      .where(sql.raw(`status in (${WAITING_STATUSES.map((s) => `'${s}'`).join(', ')})`)),
  ],
);

/** A submission's history: every transition with who, when and why. */
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
 * What a submission of a kind other than filing handed in at each round (the kind's payload as it
 * chooses to show it), so reviewers and the filer see what changed after a return. Filings keep
 * their richer dossier rounds (applications module); the kernel writes these rows when a
 * submit or resubmit transition carries `handedIn`.
 */
export const submissionRounds = pgTable(
  'submission_rounds',
  {
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    round: integer('round').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    submittedBy: uuid('submitted_by').references(() => users.id),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [uniqueIndex('submission_rounds_pk').on(t.submissionId, t.round)],
);
