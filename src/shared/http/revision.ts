import { z } from 'zod';

/**
 * The largest PostgreSQL `integer`, the type of every `revision` column: a bigger number sent for
 * the optimistic-version comparison would fail inside SQL (a 500) instead of being refused here.
 */
const PG_INTEGER_MAX = 2_147_483_647;

/** The revision an edit started from; `min` 0 where the record may not exist yet (first save). */
export const revisionInput = (min: 0 | 1 = 1) => z.number().int().min(min).max(PG_INTEGER_MAX);
