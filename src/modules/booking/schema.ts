import { sql } from 'drizzle-orm';
import { boolean, customType, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { files } from '../files/schema.ts';
import { users } from '../identity/schema.ts';
import { spaces } from '../spaces/schema.ts';

/** 仪器设备 / 检测仪器 / 场地设施 / 工位 / 会议室·路演室 (AFTER-FILING §5). */
export const RESOURCE_KINDS = ['equipment', 'instrument', 'facility', 'workstation', 'room'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** 成本回收 / 非营利 (000 §三.二 "低成本"). */
export const FEE_BASES = ['cost_recovery', 'non_profit'] as const;
export type FeeBasis = (typeof FEE_BASES)[number];

/** 按小时 / 按样品 / 按天. */
export const FEE_UNITS = ['hour', 'sample', 'day'] as const;
export type FeeUnit = (typeof FEE_UNITS)[number];

/** 本空间在孵企业 / 外部创客 / 依托单位及空间员工. */
export const USER_GROUPS = ['own_incubatee', 'outside_maker', 'host_staff'] as const;
export type UserGroup = (typeof USER_GROUPS)[number];

/**
 * pending (awaiting staff approval) → confirmed → checked_in → completed; or cancelled, rejected,
 * no_show (released after the grace without check-in). Only the first three hold their time.
 */
export const BOOKING_STATUSES = ['pending', 'confirmed', 'checked_in', 'completed', 'cancelled', 'rejected', 'no_show'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];
export const HOLDING_STATUSES = ['pending', 'confirmed', 'checked_in'] as const satisfies readonly BookingStatus[];

export const WAITLIST_STATUSES = ['waiting', 'offered', 'accepted', 'expired', 'cancelled'] as const;
export type WaitlistStatus = (typeof WAITLIST_STATUSES)[number];

/** One weekday's opening, minutes after local (Asia/Shanghai) midnight: open ≤ t < close. */
export interface DayHours {
  open: number;
  close: number;
}
/** Index 0 = Monday … 6 = Sunday; null = closed that day. */
export type OpeningHours = (DayHours | null)[];

const tstzrange = customType<{ data: string; driverData: string }>({ dataType: () => 'tstzrange' });

/** A shared resource of one space: equipment, an instrument, a facility, a workstation or a room. */
export const bookingResources = pgTable(
  'booking_resources',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    spaceId: uuid('space_id')
      .notNull()
      .references(() => spaces.id),
    kind: text('kind', { enum: RESOURCE_KINDS }).notNull(),
    name: text('name').notNull(),
    /** Free text category (3D打印, 激光切割, 示波器…), searched across the platform. */
    category: text('category').notNull(),
    /** Key specifications as label → value. */
    specs: jsonb('specs').$type<Record<string, string>>().notNull().default({}),
    location: text('location').notNull(),
    description: text('description'),
    feeBasis: text('fee_basis', { enum: FEE_BASES }).notNull(),
    feeUnit: text('fee_unit', { enum: FEE_UNITS }).notNull(),
    /** Price per unit in 分 (fen). */
    priceFen: integer('price_fen').notNull(),
    /** Free hours a month for each of the space's own incubatees (hour-priced resources). */
    freeQuotaHours: integer('free_quota_hours').notNull().default(0),
    openingHours: jsonb('opening_hours').$type<OpeningHours>().notNull(),
    active: boolean('active').notNull().default(true),
    revision: integer('revision').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('booking_resources_space_idx').on(t.spaceId),
    index('booking_resources_kind_idx').on(t.kind, t.category),
    // The platform-wide search's page order: walked until the page is full instead of sorting every match.
    index('booking_resources_name_idx').on(t.name, t.id),
    // The platform-wide search's keyword filter (ILIKE '%…%' served by the trigram index).
    index('booking_resources_search_trgm').using('gin', sql`(${t.name} || ' ' || ${t.category}) gin_trgm_ops`),
    // The same filter for a two-character term (打印, 海天), which gives pg_trgm no trigram: the term's
    // character pairs are looked up here and the ILIKE rechecks the rows found (`containsTerm`).
    index('booking_resources_search_pairs').using('gin', sql`char_pairs(${t.name} || ' ' || ${t.category})`),
  ],
);

/** At most this many photos show one resource (the edit page's picture cards, the search's cover). */
export const MAX_RESOURCE_PHOTOS = 8;

/**
 * Photos of a resource, in the order the space's staff put them (the first is the cover). The bytes
 * are files of the files module, checked by their magic bytes at upload; public while the resource
 * is active and its space filed.
 */
export const bookingResourcePhotos = pgTable(
  'booking_resource_photos',
  {
    resourceId: uuid('resource_id')
      .notNull()
      .references(() => bookingResources.id),
    fileId: uuid('file_id')
      .notNull()
      .references(() => files.id),
    position: integer('position').notNull(),
    addedBy: uuid('added_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.resourceId, t.fileId] }), index('booking_resource_photos_order_idx').on(t.resourceId, t.position)],
);

/** A blackout or outage: no booking may overlap it. */
export const bookingBlackouts = pgTable(
  'booking_blackouts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    resourceId: uuid('resource_id')
      .notNull()
      .references(() => bookingResources.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    reason: text('reason').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('booking_blackouts_resource_idx').on(t.resourceId, t.startsAt)],
);

/** The booking rule of one resource for one user group; a group without a rule may not book it. */
export const bookingRules = pgTable(
  'booking_rules',
  {
    resourceId: uuid('resource_id')
      .notNull()
      .references(() => bookingResources.id),
    userGroup: text('user_group', { enum: USER_GROUPS }).notNull(),
    /** How many days ahead a start may lie. */
    windowDays: integer('window_days').notNull(),
    /** Minimum notice between now and the start. */
    noticeMinutes: integer('notice_minutes').notNull(),
    minMinutes: integer('min_minutes').notNull(),
    maxMinutes: integer('max_minutes').notNull(),
    /** Kept free after each booking (cleaning, cooling); stored in the booking's held range. */
    bufferMinutes: integer('buffer_minutes').notNull().default(0),
    /** Minutes one user may hold on one (Shanghai) day on this resource. */
    dailyCapMinutes: integer('daily_cap_minutes').notNull(),
    /** Upcoming bookings one user may hold on this resource. */
    futureCap: integer('future_cap').notNull(),
    needsApproval: boolean('needs_approval').notNull().default(false),
    /** A qualification (training) on this resource is required. */
    requiresQualification: boolean('requires_qualification').notNull().default(false),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.resourceId, t.userGroup] })],
);

/** Per-space booking settings: strike rule, auto-release grace, late cancellation, waitlist offers, lapse. */
export const bookingSettings = pgTable('booking_settings', {
  spaceId: uuid('space_id')
    .primaryKey()
    .references(() => spaces.id),
  /** More than this many strikes (no-shows + late cancellations) in the window bars booking. */
  strikeLimit: integer('strike_limit').notNull().default(3),
  strikeWindowDays: integer('strike_window_days').notNull().default(90),
  banDays: integer('ban_days').notNull().default(30),
  /** A confirmed booking not checked in this long after its start is released as a no-show. */
  graceMinutes: integer('grace_minutes').notNull().default(60),
  /** A cancellation less than this before the start counts as late. */
  lateCancelMinutes: integer('late_cancel_minutes').notNull().default(1440),
  /** How long a waitlist offer stays open. */
  offerMinutes: integer('offer_minutes').notNull().default(30),
  /** A qualification unused this many days lapses (checked at booking). */
  qualificationLapseDays: integer('qualification_lapse_days').notNull().default(180),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Users the space's operator placed in a group (own incubatee, host staff) for its resources. */
export const bookingMembers = pgTable(
  'booking_members',
  {
    spaceId: uuid('space_id')
      .notNull()
      .references(() => spaces.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    userGroup: text('user_group', { enum: ['own_incubatee', 'host_staff'] }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.spaceId, t.userId] })],
);

/** A qualification on one resource, granted by staff after a training. */
export const bookingQualifications = pgTable(
  'booking_qualifications',
  {
    resourceId: uuid('resource_id')
      .notNull()
      .references(() => bookingResources.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    grantedOn: date('granted_on', { mode: 'string' }).notNull(),
    expiresOn: date('expires_on', { mode: 'string' }).notNull(),
    /** The last check-out on the resource (or the grant): the lapse counts from here. */
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }).notNull(),
    grantedBy: uuid('granted_by')
      .notNull()
      .references(() => users.id),
    note: text('note'),
  },
  (t) => [primaryKey({ columns: [t.resourceId, t.userId] })],
);

/** A booking. `held` = [starts_at, ends_at + buffer): the exclusion constraint keeps held ranges of one resource apart. */
export const bookings = pgTable(
  'bookings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    resourceId: uuid('resource_id')
      .notNull()
      .references(() => bookingResources.id),
    spaceId: uuid('space_id')
      .notNull()
      .references(() => spaces.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    userGroup: text('user_group', { enum: USER_GROUPS }).notNull(),
    status: text('status', { enum: BOOKING_STATUSES }).notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    held: tstzrange('held').notNull(),
    purpose: text('purpose'),
    /** Random per booking: the QR code shown at the kiosk. */
    checkInToken: text('check_in_token').notNull(),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
    checkedOutAt: timestamp('checked_out_at', { withTimezone: true }),
    /** sample-priced resources: samples tested, given at check-out. */
    samples: integer('samples'),
    usedMinutes: integer('used_minutes'),
    freeMinutes: integer('free_minutes'),
    chargeFen: integer('charge_fen'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    /** A strike: cancelled too late, or released as a no-show. */
    strike: boolean('strike').notNull().default(false),
    reason: text('reason'),
    revision: integer('revision').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('bookings_resource_idx').on(t.resourceId, t.startsAt),
    index('bookings_user_idx').on(t.userId, t.startsAt),
    index('bookings_space_idx').on(t.spaceId, t.startsAt),
    uniqueIndex('bookings_token_uq').on(t.checkInToken),
  ],
);

/** A user waiting for a slot of a resource; offered it when it frees. */
export const bookingWaitlist = pgTable(
  'booking_waitlist',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    resourceId: uuid('resource_id')
      .notNull()
      .references(() => bookingResources.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    status: text('status', { enum: WAITLIST_STATUSES }).notNull().default('waiting'),
    offeredUntil: timestamp('offered_until', { withTimezone: true }),
    bookingId: uuid('booking_id').references(() => bookings.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('booking_waitlist_resource_idx').on(t.resourceId, t.status, t.createdAt)],
);

/** 科技创新券 redeemed against a booking's charge. */
export const bookingVouchers = pgTable(
  'booking_vouchers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bookingId: uuid('booking_id')
      .notNull()
      .references(() => bookings.id),
    issuer: text('issuer').notNull(),
    number: text('number').notNull(),
    amountFen: integer('amount_fen').notNull(),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('booking_vouchers_booking_idx').on(t.bookingId), uniqueIndex('booking_vouchers_number_uq').on(t.issuer, t.number)],
);

/** A ban from booking a space's resources (the strike rule). */
export const bookingBans = pgTable(
  'booking_bans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    spaceId: uuid('space_id')
      .notNull()
      .references(() => spaces.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    until: timestamp('until', { withTimezone: true }).notNull(),
    strikes: integer('strikes').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('booking_bans_user_idx').on(t.spaceId, t.userId, t.until)],
);
