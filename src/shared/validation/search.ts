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
 * `text` contains `term` (ILIKE, literally), through a GIN index on `char_pairs(text)` (migration
 * 0065): a term of two characters or more — spaces, `%` and `_` included, as typed — is first looked
 * up by its character pairs, which every text containing it holds, and the ILIKE rechecks the
 * candidates; a single character has no pair and is matched by the ILIKE alone.
 */
export function containsTerm(text: SQL, term: string): SQL {
  const like = sql`${text} ilike ${containsPattern(term)}`;
  return [...term].length < 2 ? like : sql`(char_pairs(${text}) @> char_pairs(${term}) and ${like})`;
}
