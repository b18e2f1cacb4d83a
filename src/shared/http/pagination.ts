import { z } from 'zod';

/** Query fields every list endpoint accepts: 1-based page, page size up to 100. */
export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

/** `{ items, total, page, pageSize }`, the shape of every list response. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

/**
 * Lists over tables that grow without bound (the audit log, the public notices) count at most this
 * many matching rows: an exact `count(*)` would read every match on every page, and no one pages
 * through ten thousand rows; they narrow the filter instead.
 */
export const COUNT_CAP = 10_000;

/** `pageOf` whose `total` stops at `COUNT_CAP`; `totalCapped` says there are more ("10,000+"). */
export const cappedPageOf = <T extends z.ZodType>(item: T) =>
  pageOf(item).extend({
    totalCapped: z.boolean().describe(`true when more than ${COUNT_CAP} rows match: \`total\` is then ${COUNT_CAP} (shown as "${COUNT_CAP}+"), the filter should be narrowed.`),
  });

/** The answer's `total` and `totalCapped` from a count taken over at most `COUNT_CAP + 1` rows. */
export const cappedTotal = (counted: number) => ({ total: Math.min(counted, COUNT_CAP), totalCapped: counted > COUNT_CAP });
