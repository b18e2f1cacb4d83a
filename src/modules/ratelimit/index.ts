/**
 * The rate-limit counters shared by every instance of the server: the @fastify/rate-limit store the
 * app registers, and its table.
 */
export { databaseRateLimitStore } from './store.ts';
export { rateLimitHits } from './schema.ts';
