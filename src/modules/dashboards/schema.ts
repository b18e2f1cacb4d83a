import { bigint, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';
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
