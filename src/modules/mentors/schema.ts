import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../identity/schema.ts';
import { incubatees } from '../roster/schema.ts';
import { spaces } from '../spaces/schema.ts';

/** 产业导师 / 创业导师 / 技术导师 (002 §二(六) counts the industry mentors). */
export const MENTOR_KINDS = ['industry', 'startup', 'technology'] as const;
export type MentorKind = (typeof MENTOR_KINDS)[number];

/** 专职 / 兼职. */
export const MENTOR_TERMS = ['full_time', 'part_time'] as const;
export type MentorTerm = (typeof MENTOR_TERMS)[number];

/** pending → active → completed. */
export const RELATION_STATES = ['pending', 'active', 'completed'] as const;
export type RelationState = (typeof RELATION_STATES)[number];

/** A mentor of one space. */
export const mentors = pgTable(
  'mentors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    spaceId: uuid('space_id')
      .notNull()
      .references(() => spaces.id),
    name: text('name').notNull(),
    kind: text('kind', { enum: MENTOR_KINDS }).notNull(),
    term: text('term', { enum: MENTOR_TERMS }).notNull(),
    fields: text('fields').array().notNull().default(sql`'{}'::text[]`),
    affiliation: text('affiliation').notNull(),
    title: text('title'),
    /** Personal data: masked for everyone but the space's operator. */
    contactMobile: text('contact_mobile'),
    contactEmail: text('contact_email'),
    /** The mentor agreed that signed-in makers may ask for the contacts (each request audited and rate-limited). */
    contactConsent: boolean('contact_consent').notNull().default(false),
    active: boolean('active').notNull().default(true),
    revision: integer('revision').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('mentors_space_idx').on(t.spaceId, t.kind, t.active)],
);

/** A maker's request for a consenting mentor's contacts: counted per maker and day for the limit. */
export const mentorContactReveals = pgTable(
  'mentor_contact_reveals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mentorId: uuid('mentor_id')
      .notNull()
      .references(() => mentors.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('mentor_contact_reveals_user_idx').on(t.userId, t.createdAt)],
);

/** A mentor coaching one incubatee of the same space's roster. */
export const coachingRelations = pgTable(
  'coaching_relations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    spaceId: uuid('space_id')
      .notNull()
      .references(() => spaces.id),
    mentorId: uuid('mentor_id')
      .notNull()
      .references(() => mentors.id),
    incubateeId: uuid('incubatee_id')
      .notNull()
      .references(() => incubatees.id),
    state: text('state', { enum: RELATION_STATES }).notNull().default('pending'),
    goal: text('goal'),
    startedOn: date('started_on', { mode: 'string' }),
    endedOn: date('ended_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('coaching_relations_space_idx').on(t.spaceId, t.state),
    index('coaching_relations_mentor_idx').on(t.mentorId),
    // One open relation per mentor and incubatee; a completed one may be followed by a new one.
    uniqueIndex('coaching_relations_open_uq').on(t.mentorId, t.incubateeId).where(sql`state <> 'completed'`),
  ],
);

/** One coaching session of a relation. */
export const coachingSessions = pgTable(
  'coaching_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    relationId: uuid('relation_id')
      .notNull()
      .references(() => coachingRelations.id),
    /** Kept for the per-mentor and per-space counts. */
    mentorId: uuid('mentor_id')
      .notNull()
      .references(() => mentors.id),
    spaceId: uuid('space_id')
      .notNull()
      .references(() => spaces.id),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    topic: text('topic').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    outcome: text('outcome').notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('coaching_sessions_mentor_idx').on(t.mentorId, t.heldOn),
    index('coaching_sessions_space_idx').on(t.spaceId, t.heldOn),
    index('coaching_sessions_relation_idx').on(t.relationId, t.heldOn),
    check('coaching_sessions_duration_check', sql`${t.durationMinutes} between 1 and 1440`),
  ],
);
