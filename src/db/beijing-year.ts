import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';

/**
 * The instant in `col` lies in the Beijing calendar year `year`: written as a range on the column, so
 * an index on it serves the test and the planner estimates it from the column's statistics. The
 * `extract(year from … at time zone 'Asia/Shanghai') = year` it replaces reads every row and was
 * guessed at 0.5 % of them, which led the planner to sort a province's year of bookings on disk and
 * to scan every event for a year's roadshows (BENCHMARKS.md, issues 16 and 17).
 */
export const inBeijingYear = (col: SQLWrapper, year: number): SQL =>
  sql`(${col} >= make_timestamptz(${year}::int, 1, 1, 0, 0, 0, 'Asia/Shanghai') and ${col} < make_timestamptz(${year + 1}::int, 1, 1, 0, 0, 0, 'Asia/Shanghai'))`;
