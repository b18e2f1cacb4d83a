/**
 * Calendar dates in Beijing time. Civil servants and operators count days and years in Asia/Shanghai
 * (UTC+8 all year, no daylight saving), so "today" and "this year" near midnight UTC are theirs, not
 * the server's.
 */
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** The calendar date in Beijing of an instant, as YYYY-MM-DD. */
export const beijingDay = (at: Date = new Date()): string => new Date(at.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);

/** The calendar year in Beijing of an instant. */
export const beijingYear = (at: Date = new Date()): number => Number(beijingDay(at).slice(0, 4));
