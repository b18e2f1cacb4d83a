import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { files } from '../files/schema.ts';
import { users } from '../identity/schema.ts';
import { spaces } from '../spaces/schema.ts';

/** 培训 / 路演 / 大赛 / 沙龙 / 经营模式创新 / 其他 (002 §四(二), 003 第九条). */
export const EVENT_KINDS = ['training', 'roadshow', 'competition', 'salon', 'model_innovation', 'other'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** The kinds counted as professional events (002 §二(五): ≥ 5 专业技术领域活动 a year). */
export const PROFESSIONAL_KINDS = ['training', 'roadshow', 'competition', 'salon', 'model_innovation'] as const satisfies readonly EventKind[];

/** The space's role: 主办 / 承办 / 联合举办. */
export const EVENT_ROLES = ['host', 'organiser', 'joint'] as const;
export type EventRole = (typeof EVENT_ROLES)[number];

/** draft → published → held; draft or published → cancelled. */
export const EVENT_STATUSES = ['draft', 'published', 'held', 'cancelled'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

/**
 * pending (awaiting approval) → confirmed; waitlisted → offered (a freed seat, expiring) → confirmed
 * or expired; cancelled, rejected. `confirmed` and `offered` hold a seat.
 */
export const SIGNUP_STATUSES = ['pending', 'confirmed', 'waitlisted', 'offered', 'cancelled', 'rejected', 'expired'] as const;
export type SignupStatus = (typeof SIGNUP_STATUSES)[number];
/** The kinds of question a sign-up form asks: 文本 / 数字 / 单选 / 多选 / 是否. */
export const FORM_FIELD_TYPES = ['text', 'number', 'single', 'multi', 'yesno'] as const;
export type FormFieldType = (typeof FORM_FIELD_TYPES)[number];

/** One question of an event's sign-up form; `key` stays the same across edits so answers keep their question. */
export interface SignupFormField {
  key: string;
  type: FormFieldType;
  labelZh: string;
  required: boolean;
  /** The choices of a single or multi choice question. */
  options: string[];
}

/**
 * One answer as given: the question's label is kept with it, so a later change of the form (a
 * question reworded or dropped) does not lose or re-label what the maker answered.
 */
export interface SignupAnswer {
  key: string;
  labelZh: string;
  value: string | number | boolean | string[];
}

/** A held event shows at most this many photos on the public record. */
export const MAX_EVENT_PHOTOS = 12;
/** Minutes before the start that confirmed participants are reminded, without another setting (24 h). */
export const DEFAULT_REMIND_MINUTES = 1440;

export const LIVE_SIGNUP_STATUSES = ['pending', 'confirmed', 'waitlisted', 'offered'] as const satisfies readonly SignupStatus[];

/** One event of a space (活动登记). */
export const spaceEvents = pgTable(
  'space_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    spaceId: uuid('space_id')
      .notNull()
      .references(() => spaces.id),
    title: text('title').notNull(),
    kind: text('kind', { enum: EVENT_KINDS }).notNull(),
    role: text('role', { enum: EVENT_ROLES }).notNull(),
    /** Co-hosts and partners named with the space's role. */
    partners: text('partners').array().notNull().default(sql`'{}'::text[]`),
    subField: text('sub_field'),
    description: text('description').notNull(),
    place: text('place'),
    onlineUrl: text('online_url'),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    capacity: integer('capacity').notNull(),
    /** Seats held (confirmed and offered sign-ups): the counter the sign-up statement checks. */
    seatsTaken: integer('seats_taken').notNull().default(0),
    signupOpensAt: timestamp('signup_opens_at', { withTimezone: true }).notNull(),
    signupClosesAt: timestamp('signup_closes_at', { withTimezone: true }).notNull(),
    needsApproval: boolean('needs_approval').notNull().default(false),
    /** Minutes a freed seat is offered to the first waitlisted before passing on. */
    offerMinutes: integer('offer_minutes').notNull().default(720),
    /** Minutes before the start the confirmed participants are reminded. */
    remindMinutes: integer('remind_minutes').notNull().default(DEFAULT_REMIND_MINUTES),
    /** The questions makers answer when signing up (报名表), editable until the event is held. */
    signupForm: jsonb('signup_form').$type<SignupFormField[]>().notNull().default(sql`'[]'::jsonb`),
    status: text('status', { enum: EVENT_STATUSES }).notNull().default('draft'),
    summary: text('summary'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    heldAt: timestamp('held_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    revision: integer('revision').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('space_events_space_idx').on(t.spaceId, t.startsAt),
    index('space_events_status_idx').on(t.status, t.startsAt),
    // The activity register by kind and year (a year's roadshows of the country: 30,000 of 200,000 events).
    index('space_events_kind_idx').on(t.kind, t.status, t.startsAt),
    index('space_events_title_trgm').using('gin', sql`${t.title} gin_trgm_ops`),
    check('space_events_seats_check', sql`${t.seatsTaken} >= 0 and ${t.seatsTaken} <= ${t.capacity}`),
    check('space_events_capacity_check', sql`${t.capacity} > 0`),
    check('space_events_time_check', sql`${t.endsAt} > ${t.startsAt} and ${t.signupClosesAt} > ${t.signupOpensAt}`),
  ],
);

/** One sign-up of a user for an event. */
export const eventSignups = pgTable(
  'event_signups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => spaceEvents.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    status: text('status', { enum: SIGNUP_STATUSES }).notNull(),
    note: text('note'),
    /** The answers to the sign-up form as given (each with its question's label then). */
    answers: jsonb('answers').$type<SignupAnswer[]>().notNull().default(sql`'[]'::jsonb`),
    /** When the reminder before the event was sent: set once, so a rerun of the job sends nothing. */
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    /** Random per sign-up: the QR code scanned at the door. */
    token: text('token').notNull(),
    offeredUntil: timestamp('offered_until', { withTimezone: true }),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
    /** desk | scan | offline */
    checkInSource: text('check_in_source'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('event_signups_token_uq').on(t.token),
    uniqueIndex('event_signups_live_uq').on(t.eventId, t.userId).where(sql`status in ('pending', 'confirmed', 'waitlisted', 'offered')`),
    index('event_signups_event_idx').on(t.eventId, t.status, t.createdAt),
    index('event_signups_user_idx').on(t.userId, t.createdAt),
  ],
);

/**
 * Photos of a held event (活动照片), in the order staff added them: files of the files module
 * (JPG/PNG by magic bytes), public with the activity record while the space is filed.
 */
export const eventPhotos = pgTable(
  'event_photos',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => spaceEvents.id),
    fileId: uuid('file_id')
      .notNull()
      .references(() => files.id),
    position: integer('position').notNull(),
    addedBy: uuid('added_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.fileId] }), index('event_photos_order_idx').on(t.eventId, t.position)],
);
