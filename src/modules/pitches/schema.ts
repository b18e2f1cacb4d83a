import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, numeric, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { KEY_INDUSTRIES } from '../../shared/domain.ts';
import { spaceEvents } from '../events/schema.ts';
import { users } from '../identity/schema.ts';
import { organisations } from '../orgs/schema.ts';
import { spaces } from '../spaces/schema.ts';

/** draft → open (taking applications within its window) → reviewing (the panel scores) → published; cancelled ends it (see transitions.ts). */
export const PITCH_CALL_STATES = ['draft', 'open', 'reviewing', 'published', 'cancelled'] as const;
export type PitchCallState = (typeof PITCH_CALL_STATES)[number];

/** The stage a project has reached: 创意, 原型/样机, 初创期（已有收入）, 成长期. */
export const PROJECT_STAGES = ['idea', 'prototype', 'early_revenue', 'growth'] as const;
export type ProjectStage = (typeof PROJECT_STAGES)[number];

export const PITCH_APPLICATION_STATES = ['submitted', 'withdrawn'] as const;
export type PitchApplicationState = (typeof PITCH_APPLICATION_STATES)[number];

/** One scoring criterion of a call: its key (c1, c2, …), name and weight in percent (the weights add up to 100). */
export interface PitchCriterion {
  key: string;
  name: string;
  weight: number;
}

/** A roadshow or competition call (路演与大赛征集) a space opens on one of its 路演 or 大赛 events. */
export const pitchCalls = pgTable(
  'pitch_calls',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    spaceId: uuid('space_id')
      .notNull()
      .references(() => spaces.id),
    eventId: uuid('event_id')
      .notNull()
      .references(() => spaceEvents.id),
    title: text('title').notNull(),
    field: text('field', { enum: KEY_INDUSTRIES }).notNull(),
    eligibility: text('eligibility').notNull(),
    /** The application window: makers apply, edit and withdraw between these instants. */
    opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    criteria: jsonb('criteria').$type<PitchCriterion[]>().notNull(),
    /** How many awards (places) the organiser may give. */
    awardCount: smallint('award_count').notNull(),
    state: text('state', { enum: PITCH_CALL_STATES }).notNull().default('draft'),
    cancelReason: text('cancel_reason'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    openedAt: timestamp('opened_at', { withTimezone: true }),
    reviewingAt: timestamp('reviewing_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    revision: integer('revision').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('pitch_calls_space_idx').on(t.spaceId, t.state, t.createdAt),
    index('pitch_calls_public_idx').on(t.state, t.closesAt),
    index('pitch_calls_event_idx').on(t.eventId),
    check('pitch_calls_window_check', sql`${t.closesAt} > ${t.opensAt}`),
    check('pitch_calls_awards_check', sql`${t.awardCount} between 1 and 100`),
  ],
);

/** The reviewers the organiser assigned to a call. */
export const pitchPanel = pgTable(
  'pitch_panel',
  {
    callId: uuid('call_id')
      .notNull()
      .references(() => pitchCalls.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.callId, t.userId] }), index('pitch_panel_user_idx').on(t.userId)],
);

/**
 * A maker team's application to a call: one live application per team and call (a withdrawn one
 * leaves room for a new one). `rank`, `finalScore` are written when the results are published;
 * `award` is the organiser's decision before that.
 */
export const pitchApplications = pgTable(
  'pitch_applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    callId: uuid('call_id')
      .notNull()
      .references(() => pitchCalls.id),
    makerOrgId: uuid('maker_org_id')
      .notNull()
      .references(() => organisations.id),
    submittedBy: uuid('submitted_by')
      .notNull()
      .references(() => users.id),
    projectName: text('project_name').notNull(),
    summary: text('summary').notNull(),
    stage: text('stage', { enum: PROJECT_STAGES }).notNull(),
    /** The team as the applicant describes it (names, roles): personal data, seen by the team, the panel and the organiser only. */
    team: text('team').notNull(),
    /** Uploaded first through POST /api/files by the team. */
    fileIds: uuid('file_ids').array().notNull().default(sql`'{}'::uuid[]`),
    state: text('state', { enum: PITCH_APPLICATION_STATES }).notNull().default('submitted'),
    award: text('award'),
    rank: integer('rank'),
    finalScore: numeric('final_score', { precision: 5, scale: 2, mode: 'number' }),
    revision: integer('revision').notNull().default(1),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('pitch_applications_team_uq').on(t.callId, t.makerOrgId).where(sql`${t.state} = 'submitted'`),
    index('pitch_applications_call_idx').on(t.callId, t.state),
    index('pitch_applications_org_idx').on(t.makerOrgId, t.submittedAt),
  ],
);

/**
 * One reviewer's sheet for one application: the conflict-of-interest declaration and, without a
 * conflict, a score per criterion (0–100) and the weighted total; changeable until the results are published.
 */
export const pitchScores = pgTable(
  'pitch_scores',
  {
    applicationId: uuid('application_id')
      .notNull()
      .references(() => pitchApplications.id, { onDelete: 'cascade' }),
    reviewerId: uuid('reviewer_id')
      .notNull()
      .references(() => users.id),
    /** The reviewer declared a conflict of interest and does not score this application. */
    conflict: boolean('conflict').notNull(),
    conflictNote: text('conflict_note'),
    scores: jsonb('scores').$type<Record<string, number>>(),
    total: numeric('total', { precision: 5, scale: 2, mode: 'number' }),
    comment: text('comment'),
    scoredAt: timestamp('scored_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.applicationId, t.reviewerId] }),
    index('pitch_scores_reviewer_idx').on(t.reviewerId),
    check('pitch_scores_declared_check', sql`(${t.conflict} and ${t.total} is null) or (not ${t.conflict} and ${t.total} between 0 and 100)`),
  ],
);
