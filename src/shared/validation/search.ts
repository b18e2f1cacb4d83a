/**
 * A LIKE/ILIKE pattern matching `text` anywhere, searched for literally: `%`, `_` and `\` typed by a
 * user are escaped (PostgreSQL's default LIKE escape is the backslash), so "%" finds a percent sign
 * rather than everything.
 */
export const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
