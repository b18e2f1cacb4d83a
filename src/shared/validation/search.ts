import { sql, type SQL } from 'drizzle-orm';

/**
 * A LIKE/ILIKE pattern matching `text` anywhere, searched for literally: `%`, `_` and `\` typed by a
 * user are escaped (PostgreSQL's default LIKE escape is the backslash), so "%" finds a percent sign
 * rather than everything.
 */
export const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Whether a trigram index (pg_trgm) can narrow `ilike containsPattern(text)`: pg_trgm is sure to read
 * a trigram from a run of three letters or digits (a Chinese character counts as a letter), while a
 * two-character term such as 路演, or "%" alone, yields none and the index would be read whole. A
 * search that is not trigram-indexable has to be bounded by the list's other filters instead.
 */
export const trigramIndexable = (text: string) => /[\p{L}\p{N}]{3}/u.test(text);

/**
 * `text` contains `term` (ILIKE, literally). A term of two characters or more that pg_trgm reads no
 * trigram from (打印, 海天, "E7", "3D 打") is first looked up by its character pairs in a GIN index on
 * `char_pairs(text)` (migration 0065) — every text containing the term holds them, as ILIKE compares
 * the lower-cased texts — and the ILIKE rechecks the candidates. A longer term keeps the trigram index
 * (the pairs, tried on the national data set, only added work there), a single character the ILIKE alone.
 */
export function containsTerm(text: SQL, term: string): SQL {
  const like = sql`${text} ilike ${containsPattern(term)}`;
  return [...term].length < 2 || trigramIndexable(term) ? like : sql`(char_pairs(${text}) @> char_pairs(${term}) and ${like})`;
}
