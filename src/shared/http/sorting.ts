import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { z } from 'zod';
import { bi } from '../i18n-errors.ts';

/**
 * Server-side sorting of a list, the same for every list: the query names a column of a whitelist
 * (`sort`) and a direction (`order`); the repository maps the name to SQL, so no input reaches the
 * ORDER BY but a whitelisted column.
 */
export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

/** The sort a list was asked for: a column of its whitelist and a direction (ascending without one). */
export interface Sort<K extends string> {
  sort?: K | undefined;
  order?: SortOrder | undefined;
}

/**
 * The `sort` and `order` query fields of a list whose sortable columns are `columns`; a value
 * outside them is refused naming the field and the allowed values. `fallback` says the order
 * without a sort, for the API document.
 */
export function sortQuery<const K extends readonly [string, ...string[]]>(columns: K, fallback: string) {
  return {
    sort: z
      .enum(columns, bi(`排序列应为 ${columns.join('/')} 之一`, `sort by ${columns.join(', ')}`))
      .optional()
      .describe(`Sort column; ${fallback} without it.`),
    order: z.enum(SORT_ORDERS, bi('排序方向应为 asc 或 desc', 'order is asc or desc')).optional().describe('Sort direction; ascending without it.'),
  };
}

/**
 * The ORDER BY of a list: the asked column first (empty values last either way), then the list's
 * own order, then `id`, so equal values keep one order and pages never overlap or skip a row.
 */
export function orderBy<K extends string>(columns: Record<K, SQLWrapper>, sort: Sort<K>, defaults: readonly SQL[], id: SQLWrapper): SQL[] {
  const asked = sort.sort ? [sort.order === 'desc' ? sql`${columns[sort.sort]} desc nulls last` : sql`${columns[sort.sort]} asc nulls last`] : [];
  return [...asked, ...defaults, sql`${id} asc`];
}
