import { lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { rateLimitHits } from './schema.ts';

/**
 * Counts one request under `key` in one atomic statement: the row lock of `ON CONFLICT DO UPDATE`
 * orders concurrent requests of every instance, so none is lost. A row whose window has ended
 * starts a new window at this request, as the in-memory store does. Time is the database's, the
 * one clock every instance shares.
 */
export async function countHit(db: Db, key: string, windowMs: number): Promise<{ current: number; ttl: number }> {
  const windowEnd = sql`now() + ${windowMs} * interval '1 millisecond'`;
  const ended = sql`${rateLimitHits.expiresAt} <= now()`;
  const [row] = await db
    .insert(rateLimitHits)
    .values({ key, windowStart: sql`now()`, count: 1, expiresAt: windowEnd })
    .onConflictDoUpdate({
      target: rateLimitHits.key,
      set: {
        count: sql`case when ${ended} then 1 else ${rateLimitHits.count} + 1 end`,
        windowStart: sql`case when ${ended} then now() else ${rateLimitHits.windowStart} end`,
        expiresAt: sql`case when ${ended} then ${windowEnd} else ${rateLimitHits.expiresAt} end`,
      },
    })
    .returning({
      current: rateLimitHits.count,
      ttl: sql<number>`greatest(0, ceil(extract(epoch from (${rateLimitHits.expiresAt} - now())) * 1000))::int`,
    });
  return { current: row!.current, ttl: Number(row!.ttl) };
}

/** Drops the counters whose window has ended (they would count from 1 again anyway). */
export async function purgeEnded(db: Db): Promise<number> {
  const gone = await db.delete(rateLimitHits).where(lt(rateLimitHits.expiresAt, sql`now()`)).returning({ key: rateLimitHits.key });
  return gone.length;
}
