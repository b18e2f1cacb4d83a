/**
 * Calendar dates in Beijing time. Civil servants and operators count days and years in Asia/Shanghai
 * (UTC+8 all year, no daylight saving), so "today" and "this year" near midnight UTC are theirs, not
 * the server's.
 */
/** Beijing's offset from UTC, for arithmetic on instants (a day's wall-clock fields, a weekday). */
export const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** The calendar date in Beijing of an instant, as YYYY-MM-DD. */
export const beijingDay = (at: Date = new Date()): string => new Date(at.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);

/** The calendar year in Beijing of an instant. */
export const beijingYear = (at: Date = new Date()): number => Number(beijingDay(at).slice(0, 4));

/** The instant a Beijing calendar date (YYYY-MM-DD) begins. */
export const beijingMidnight = (day: string): Date => new Date(`${day}T00:00:00+08:00`);

/** A Beijing calendar year's bounds [from, to), as ISO instants SQL casts to timestamptz. */
export const beijingYearBounds = (year: number): { from: string; to: string } => ({ from: `${year}-01-01T00:00:00+08:00`, to: `${year + 1}-01-01T00:00:00+08:00` });
