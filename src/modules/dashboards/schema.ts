import { bigint, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';
import { users } from '../identity/schema.ts';
import { regions } from '../regions/schema.ts';
import { spaces } from '../spaces/schema.ts';

/**
 * A reviewed map an authority administrator uploaded for its jurisdiction (GeoJSON FeatureCollection,
 * every feature keyed by a GB/T 2260 code in scope), shown instead of the tile grid on the dashboards
 * of that region and below; its 审图号 is printed under every map drawn from it. One per region: a new
 * upload replaces the old one.
 */
export const dashboardMaps = pgTable('dashboard_maps', {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: varchar('region_code', { length: 6 })
      .notNull()
      .unique()
      .references(() => regions.code),
    /** 审图号 of the map's review (e.g. GS(2024)0650号), printed under the map. */
    approvalNo: text('approval_no').notNull(),
    /** The FeatureCollection, each feature's properties reduced to its region code as `code`, plus `name`. */
    geojson: jsonb('geojson').$type<{ type: 'FeatureCollection'; features: unknown[] }>().notNull(),
    featureCount: integer('feature_count').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
);

/**
 * A space's held events, sign-ups and completed bookings per Beijing calendar year, kept by statement-level
 * triggers on `event_signups`, `space_events` and `bookings` (migration 0052) that add each
 * statement's difference, so the figures are exact whatever writes the rows. The dashboards read a
 * year's activity here instead of counting the country's events and millions of bookings and sign-ups
 * on every request (BENCHMARKS.md, issue 17). A sign-up counts in its event's year and space while it is
 * confirmed and its event published or held; a booking in the year it starts while completed.
 */
export const spaceActivityYears = pgTable(
  'space_activity_years',
  {
    spaceId: uuid('space_id')
      .notNull()
      .references(() => spaces.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    /** Events held (status held), in the year they start. */
    events: integer('events').notNull(),
    signups: integer('signups').notNull(),
    checkedIn: integer('checked_in').notNull(),
    bookings: integer('bookings').notNull(),
    bookedMinutes: bigint('booked_minutes', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.spaceId, t.year] })],
);

/**
 * Per space, Beijing call year and key indicator (the dashboard's `KEY_INDICATORS`, listed in SQL by
 * `dashboard_indicator_codes()`): the sum of the numeric values of the space's accepted returns of
 * annual rounds, and how many such returns carry one. Kept by statement-level triggers on
 * `return_values`, `return_rounds` and `calls` (migration 0053) that add each statement's difference,
 * so a return accepted, reopened or edited after acceptance, a round's cadence or a call's year
 * changed move the figures exactly. The dashboards read the indicators here instead of unfolding
 * every accepted return's values (≈ 30,000 returns of ≈ 1.7 kB at national size; BENCHMARKS.md,
 * issue 17). A row whose returns fell back to 0 stays, holding 0.
 */
export const returnIndicatorYears = pgTable(
  'return_indicator_years',
  {
    spaceId: uuid('space_id')
      .notNull()
      .references(() => spaces.id, { onDelete: 'cascade' }),
    /** The year of the return's call. */
    year: integer('year').notNull(),
    code: text('code').notNull(),
    /** Exact (unbounded numeric), so the sums read from here equal those of the values themselves. */
    total: numeric('total').notNull(),
    returns: integer('returns').notNull(),
  },
  (t) => [primaryKey({ columns: [t.spaceId, t.year, t.code] })],
);

/**
 * Per space, calendar year of `granted_on`, granting department and category: the supports neither
 * withdrawn nor blocked, their amount, and how many of them an open duplicate-support alert names
 * (`supports.open_alerts` above 0), kept by statement-level triggers on `supports` (migrations 0053
 * and 0056) like the activity figures. A row whose supports fell back to 0 stays, holding 0.
 */
export const supportGrantYears = pgTable(
  'support_grant_years',
  {
    spaceId: uuid('space_id')
      .notNull()
      .references(() => spaces.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    /** No foreign key: a row holding 0 must not keep a department from being removed. */
    grantorOrgId: uuid('grantor_org_id').notNull(),
    category: text('category').notNull(),
    supports: integer('supports').notNull(),
    /** Exact (unbounded numeric), so the sums read from here equal those of the amounts themselves. */
    amountYuan: numeric('amount_yuan').notNull(),
    alerted: integer('alerted').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.spaceId, t.year, t.grantorOrgId, t.category] })],
);

/**
 * The kept figures above summed per region of the spaces' region paths (the district and every
 * region above it, the national root included), kept from the per-space rows by the generic
 * `region_rollup` triggers on them and on `spaces` (a space moved to another district) (migration
 * 0063): a dashboard above the district level reads its own region's rows and its child regions' —
 * a few hundred for the country — instead of summing the rows of every space in its subtree
 * (15,000 spaces at national size, BENCHMARKS.md, issue 17). Rows summing to 0 stay, holding 0.
 */
export const spaceActivityRegions = pgTable(
  'space_activity_regions',
  {
    regionCode: varchar('region_code', { length: 6 }).notNull(),
    year: integer('year').notNull(),
    events: integer('events').notNull(),
    signups: integer('signups').notNull(),
    checkedIn: integer('checked_in').notNull(),
    bookings: integer('bookings').notNull(),
    bookedMinutes: bigint('booked_minutes', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.year] })],
);

/** `return_indicator_years` per region of path: the indicators' totals, and how many spaces' returns carry each. */
export const returnIndicatorRegions = pgTable(
  'return_indicator_regions',
  {
    regionCode: varchar('region_code', { length: 6 }).notNull(),
    year: integer('year').notNull(),
    code: text('code').notNull(),
    total: numeric('total').notNull(),
    /** Spaces whose kept row counts at least one return (a space may hand in two annual returns a year). */
    spaces: integer('spaces').notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.year, t.code] })],
);

/** `support_grant_years` per region of path. */
export const supportGrantRegions = pgTable(
  'support_grant_regions',
  {
    regionCode: varchar('region_code', { length: 6 }).notNull(),
    year: integer('year').notNull(),
    grantorOrgId: uuid('grantor_org_id').notNull(),
    category: text('category').notNull(),
    supports: integer('supports').notNull(),
    amountYuan: numeric('amount_yuan').notNull(),
    alerted: integer('alerted').notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.year, t.grantorOrgId, t.category] })],
);
