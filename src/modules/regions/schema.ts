import { index, pgTable, text, varchar } from 'drizzle-orm/pg-core';

/**
 * GB/T 2260 administrative regions plus one national root ('000000').
 * `path` lists the codes from the root down ('000000/410000/419000/419001'), so a jurisdiction is
 * "path = X or path starts with X/" — never a prefix of the code itself (直辖市 and 省直辖县级 break that).
 */
export const regions = pgTable(
  'regions',
  {
    code: varchar('code', { length: 6 }).primaryKey(),
    name: text('name').notNull(),
    level: text('level', { enum: ['national', 'province', 'city', 'county'] }).notNull(),
    parentCode: varchar('parent_code', { length: 6 }),
    path: text('path').notNull(),
  },
  (t) => [index('regions_parent_idx').on(t.parentCode), index('regions_path_idx').on(t.path)],
);
