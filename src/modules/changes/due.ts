import { beijingDay } from '../../shared/beijing-time.ts';

/**
 * When a change report is due (002 §四(二): "在1个月内向推荐单位报告"). Dates are calendar dates in
 * Asia/Shanghai (UTC+8 all year, no daylight saving), as YYYY-MM-DD.
 *
 * The due date is the same day of the next calendar month; when that month has no such day (the
 * 29th–31st), it is that month's last day: 01-31 → 02-28 (02-29 in a leap year), 03-31 → 04-30,
 * 12-31 → next year's 01-31. A report handed in on the due date is on time; one handed in on a
 * later Shanghai day is late, accepted but flagged.
 */

const daysIn = (year: number, month0: number) => new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();

/** Effective date + one calendar month, clamped to the last day of that month. */
export function dueOn(effectiveOn: string): string {
  const [y, m, d] = effectiveOn.split('-').map(Number) as [number, number, number];
  const month0 = m % 12; // the next month, 0-based
  const year = m === 12 ? y + 1 : y;
  const day = Math.min(d, daysIn(year, month0));
  return `${year}-${String(month0 + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Handed in at `at`, is a report due on `due` late? */
export const isLate = (due: string, at: Date) => beijingDay(at) > due;
