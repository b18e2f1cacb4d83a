import { integer, jsonb, pgTable, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';
import { users } from '../identity/schema.ts';
import { regions } from '../regions/schema.ts';

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
