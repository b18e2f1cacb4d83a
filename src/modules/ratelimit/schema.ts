import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The request counters of the rate-limited routes (sign-in, registration, objections, exports), one
 * row per route and client address, shared by every instance of the server: counted in process
 * memory, N instances would allow N times the limit and a restart would forget every count.
 */
export const rateLimitHits = pgTable(
  'rate_limit_hits',
  {
    /** The route (method and URL pattern) and the client key (its address). */
    key: text('key').primaryKey(),
    /** When the current window began: the first request after the previous window ended. */
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    count: integer('count').notNull(),
    /** The window's end; a row past it counts from 1 again and may be purged. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('rate_limit_hits_expires_idx').on(t.expiresAt)],
);
