/**
 * The booking policy as pure functions (no database): given a resource's rule for the user's group,
 * the time now, the requested range and what the user and the resource already hold, the list of
 * violations, each naming the rule it breaks. Times are instants; days and opening hours are read
 * in Asia/Shanghai (UTC+8, no daylight saving).
 */
import type { OpeningHours } from './schema.ts';
import { BEIJING_OFFSET_MS, beijingDay, beijingMidnight } from '../../shared/beijing-time.ts';

export interface BookingRule {
  windowDays: number;
  noticeMinutes: number;
  minMinutes: number;
  maxMinutes: number;
  bufferMinutes: number;
  dailyCapMinutes: number;
  futureCap: number;
  needsApproval: boolean;
  requiresQualification: boolean;
}

/** The state of the user's qualification on the resource when the rule wants one. */
export type QualificationState = 'valid' | 'none' | 'expired' | 'lapsed';

export interface Range {
  startsAt: Date;
  endsAt: Date;
}

export interface BookingCheck {
  rule: BookingRule;
  now: Date;
  requested: Range;
  openingHours: OpeningHours;
  blackouts: (Range & { reason: string })[];
  /** The user's bookings of this resource that still hold time (the one being moved left out). */
  mine: Range[];
  /** Everyone's bookings of this resource that still hold time, with their held end (buffer included). */
  taken: (Range & { heldUntil: Date })[];
  qualification: QualificationState;
}

/** 提前量 / 预约窗口 / 时长 / 缓冲 / 每日上限 / 未来预约上限 / 开放时间 / 停机 / 资质. */
export const RULE_NAMES = {
  notice: '提前量',
  window: '预约窗口',
  length: '时长',
  buffer: '缓冲',
  dailyCap: '每日上限',
  futureCap: '未来预约上限',
  openingHours: '开放时间',
  blackout: '停机',
  qualification: '资质',
} as const;
export type RuleKey = keyof typeof RULE_NAMES;

export interface Violation {
  rule: RuleKey;
  /** The Chinese name of the rule (提前量 …), what a message leads with. */
  name: (typeof RULE_NAMES)[RuleKey];
  zh: string;
  en: string;
}

const MINUTE = 60_000;

/** Minutes between two instants (may be fractional when seconds differ). */
export const minutesBetween = (a: Date, b: Date) => (b.getTime() - a.getTime()) / MINUTE;

/** Monday = 0 … Sunday = 6 of the Shanghai day. */
export const shanghaiWeekday = (d: Date) => (new Date(d.getTime() + BEIJING_OFFSET_MS).getUTCDay() + 6) % 7;

/** Local midnight (Shanghai) of the day holding `d`, as an instant. */
export const shanghaiMidnight = (d: Date): Date => beijingMidnight(beijingDay(d));

/** The instant of `minutes` after Shanghai midnight of the day `YYYY-MM-DD`. */
export const shanghaiAt = (day: string, minutes: number) => new Date(beijingMidnight(day).getTime() + minutes * MINUTE);

const overlaps = (a: Range, b: Range) => a.startsAt < b.endsAt && b.startsAt < a.endsAt;
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

const v = (rule: RuleKey, zh: string, en: string): Violation => ({ rule, name: RULE_NAMES[rule], zh: `${RULE_NAMES[rule]}：${zh}`, en });

/** Every rule the request breaks, in a fixed order; empty when it may be booked. */
export function violations(c: BookingCheck): Violation[] {
  const out: Violation[] = [];
  const { rule, now, requested } = c;
  const length = minutesBetween(requested.startsAt, requested.endsAt);
  const notice = minutesBetween(now, requested.startsAt);

  if (notice < rule.noticeMinutes)
    out.push(v('notice', `须至少提前 ${rule.noticeMinutes} 分钟预约`, `book at least ${rule.noticeMinutes} minutes ahead`));
  if (requested.startsAt.getTime() > now.getTime() + rule.windowDays * 1440 * MINUTE)
    out.push(v('window', `最多可预约 ${rule.windowDays} 天以内的时段`, `at most ${rule.windowDays} days ahead`));
  if (length < rule.minMinutes || length > rule.maxMinutes)
    out.push(v('length', `每次预约 ${rule.minMinutes}–${rule.maxMinutes} 分钟`, `a booking lasts ${rule.minMinutes}–${rule.maxMinutes} minutes`));

  const day = c.openingHours[shanghaiWeekday(requested.startsAt)] ?? null;
  const fromMidnight = minutesBetween(shanghaiMidnight(requested.startsAt), requested.startsAt);
  const endFromMidnight = fromMidnight + length;
  if (!day) out.push(v('openingHours', '该日不开放', 'closed that day'));
  else if (fromMidnight < day.open || endFromMidnight > day.close)
    out.push(v('openingHours', `开放时间为 ${hhmm(day.open)}–${hhmm(day.close)}`, `open ${hhmm(day.open)}–${hhmm(day.close)}`));

  const blackout = c.blackouts.find((b) => overlaps(b, requested));
  if (blackout) out.push(v('blackout', `该时段停用（${blackout.reason}）`, `unavailable then (${blackout.reason})`));

  // The buffer: this booking's held range must not reach the next booking, and no earlier booking's
  // buffer may reach into this one. A plain overlap is the exclusion constraint's (时段已被预约).
  const heldUntil = new Date(requested.endsAt.getTime() + rule.bufferMinutes * MINUTE);
  const clash = c.taken.some((t) => overlaps(t, requested));
  if (!clash && c.taken.some((t) => overlaps({ startsAt: t.startsAt, endsAt: t.heldUntil }, { startsAt: requested.startsAt, endsAt: heldUntil })))
    out.push(v('buffer', `与相邻预约之间须留出缓冲时间（本设备 ${rule.bufferMinutes} 分钟）`, `keep the buffer between bookings (${rule.bufferMinutes} minutes here)`));

  const today = beijingDay(requested.startsAt);
  const sameDay = c.mine.filter((m) => beijingDay(m.startsAt) === today).reduce((sum, m) => sum + minutesBetween(m.startsAt, m.endsAt), 0);
  if (sameDay + length > rule.dailyCapMinutes)
    out.push(v('dailyCap', `每人每天最多预约 ${rule.dailyCapMinutes} 分钟（当日已约 ${sameDay} 分钟）`, `at most ${rule.dailyCapMinutes} minutes a day (${sameDay} booked)`));
  const upcoming = c.mine.filter((m) => m.startsAt > now).length;
  if (upcoming + 1 > rule.futureCap)
    out.push(v('futureCap', `每人最多同时持有 ${rule.futureCap} 个未开始的预约`, `at most ${rule.futureCap} upcoming bookings`));

  if (rule.requiresQualification && c.qualification !== 'valid') {
    const why = { none: '须先参加培训并取得使用资质', expired: '使用资质已过期，请重新培训', lapsed: '长期未使用，资质已失效，请重新培训', valid: '' }[c.qualification];
    out.push(v('qualification', why, `a qualification is required (${c.qualification})`));
  }
  return out;
}

/**
 * The state of a qualification at `now`: expired after its expiry day (Shanghai), lapsed when not
 * used for `lapseDays` days.
 */
export function qualificationState(q: { expiresOn: string; lastUsedAt: Date } | null, now: Date, lapseDays: number): QualificationState {
  if (!q) return 'none';
  if (beijingDay(now) > q.expiresOn) return 'expired';
  if (now.getTime() - q.lastUsedAt.getTime() > lapseDays * 1440 * MINUTE) return 'lapsed';
  return 'valid';
}

/** Whether a cancellation at `now` of a booking starting at `startsAt` is late. */
export const isLateCancellation = (now: Date, startsAt: Date, lateCancelMinutes: number) => minutesBetween(now, startsAt) < lateCancelMinutes;

export interface ChargeInput {
  feeUnit: 'hour' | 'sample' | 'day';
  priceFen: number;
  usedMinutes: number;
  samples: number | null;
  /** Free minutes still left this month (own incubatees of hour-priced resources; 0 otherwise). */
  freeMinutesLeft: number;
}

/**
 * The charge at check-out: per hour pro rata by the minute after the free quota; per started day;
 * per sample. Rounded to the fen.
 */
export function charge(c: ChargeInput): { chargeFen: number; freeMinutes: number } {
  switch (c.feeUnit) {
    case 'hour': {
      const free = Math.min(c.freeMinutesLeft, c.usedMinutes);
      return { chargeFen: Math.round((c.priceFen * (c.usedMinutes - free)) / 60), freeMinutes: free };
    }
    case 'day':
      return { chargeFen: c.priceFen * Math.max(1, Math.ceil(c.usedMinutes / 1440)), freeMinutes: 0 };
    case 'sample':
      return { chargeFen: c.priceFen * (c.samples ?? 0), freeMinutes: 0 };
  }
}
