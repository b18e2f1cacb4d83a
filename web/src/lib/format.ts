import dayjs from 'dayjs';
import { currentLanguage } from '../i18n';

/** Deadlines and records are Asia/Shanghai times whatever the viewer's machine says (DESIGN §8). */
export const TIME_ZONE = 'Asia/Shanghai';

const DAY_PARTS = { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' } as const;

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(currentLanguage(), { ...DAY_PARTS, hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(new Date(iso));
}

/** The day of an instant, written as `formatDateTime` writes it: for what is dated by a day, not a moment. */
export function formatDay(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(currentLanguage(), DAY_PARTS).format(new Date(iso));
}

/** The Shanghai calendar day of an instant as YYYY-MM-DD. */
export const shanghaiDay = (iso: string | null | undefined) => (iso ? new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE }).format(new Date(iso)) : '—');

/** The instant a Shanghai calendar day (YYYY-MM-DD) starts, or ends when `endOfDay`. */
export function shanghaiDayBoundary(day: string, endOfDay = false): string {
  return new Date(`${day}T${endOfDay ? '23:59:59.999' : '00:00:00.000'}+08:00`).toISOString();
}

/** A date picker's value, read as Asia/Shanghai wall time, as an ISO instant with its offset. */
export const shanghaiInstant = (d: { format: (f: string) => string }) => `${d.format('YYYY-MM-DDTHH:mm:ss')}+08:00`;

/** An instant as the Asia/Shanghai wall time a date picker shows, whatever the machine's zone. */
export const shanghaiWallTime = (iso: string) => dayjs(new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE, dateStyle: 'short', timeStyle: 'medium' }).format(new Date(iso)));
