import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor, RateLimitOptions } from '@fastify/rate-limit';
import type { Db } from '../../db/client.ts';
import { countHit, purgeEnded } from './repository.ts';

/** How often a process sweeps ended windows out of the table, after a request it counted. */
const PURGE_EVERY_MS = 10 * 60_000;

/**
 * A store for @fastify/rate-limit that counts in the database (`rate_limit_hits`), so every
 * instance of the server counts against one limit and a restart forgets nothing. Used on both
 * databases: one more statement on the few limited routes is cheap, and one code path is tested.
 * Plain windows only: the options that stretch a window past its limit (`continueExceeding`,
 * `exponentialBackoff`) are refused at start rather than silently ignored.
 */
export function databaseRateLimitStore(db: Db): FastifyRateLimitStoreCtor {
  let lastPurge = 0;
  const purgeNowAndThen = () => {
    if (Date.now() - lastPurge < PURGE_EVERY_MS) return;
    lastPurge = Date.now();
    // Housekeeping only: a failed purge is retried after the next interval, and never fails a request.
    purgeEnded(db).catch(() => {
      lastPurge = 0;
    });
  };

  class DatabaseStore implements FastifyRateLimitStore {
    constructor(
      options: RateLimitOptions,
      private readonly prefix = '',
    ) {
      if (options.continueExceeding || options.exponentialBackoff)
        throw new Error('The database rate-limit store counts plain windows: continueExceeding and exponentialBackoff are not supported');
    }

    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number): void {
      countHit(db, this.prefix + key, timeWindow).then(
        (result) => {
          callback(null, result);
          purgeNowAndThen();
        },
        (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
      );
    }

    /** Each limited route counts apart: the route's method and URL pattern lead the key. */
    child(given: Parameters<FastifyRateLimitStore['child']>[0]): FastifyRateLimitStore {
      // The plugin's types name the route's options; what it passes are the merged limit options
      // with the route under `routeInfo` (index.js, mergeParams).
      const options = given as unknown as RateLimitOptions & { routeInfo?: { method?: string | string[]; url?: string } };
      const method = [options.routeInfo?.method ?? ''].flat().join(',');
      return new DatabaseStore(options, `${this.prefix}${method} ${options.routeInfo?.url ?? ''} `);
    }
  }
  return DatabaseStore;
}
