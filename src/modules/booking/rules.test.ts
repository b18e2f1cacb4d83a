import { describe, expect, it } from 'vitest';
import { charge, isLateCancellation, qualificationState, shanghaiAt, shanghaiWeekday, violations, type BookingCheck, type BookingRule } from './rules.ts';
import { beijingDay } from '../../shared/beijing-time.ts';

const rule: BookingRule = {
  windowDays: 14,
  noticeMinutes: 1440,
  minMinutes: 30,
  maxMinutes: 240,
  bufferMinutes: 15,
  dailyCapMinutes: 300,
  futureCap: 3,
  needsApproval: false,
  requiresQualification: false,
};
const weekdays = { open: 8 * 60, close: 18 * 60 };
const hours = [weekdays, weekdays, weekdays, weekdays, weekdays, null, null];
// Monday 2026-06-01 09:00 Shanghai.
const now = shanghaiAt('2026-06-01', 9 * 60);
const at = (day: string, h: number, m = 0) => shanghaiAt(day, h * 60 + m);
const MIN = 60_000;
const plus = (d: Date, minutes: number) => new Date(d.getTime() + minutes * MIN);

function check(over: Partial<BookingCheck> & { start?: Date; minutes?: number } = {}) {
  const start = over.start ?? at('2026-06-03', 10);
  const c: BookingCheck = {
    rule,
    now,
    requested: { startsAt: start, endsAt: plus(start, over.minutes ?? 60) },
    openingHours: hours,
    blackouts: [],
    mine: [],
    taken: [],
    qualification: 'none',
    ...over,
  };
  return violations(c).map((v) => v.rule);
}

describe('booking rules', () => {
  it('Shanghai days and weekdays', () => {
    expect(beijingDay(new Date('2026-06-01T16:30:00Z'))).toBe('2026-06-02');
    expect(shanghaiWeekday(now)).toBe(0);
    expect(shanghaiWeekday(at('2026-06-07', 12))).toBe(6);
  });

  it('a request inside every rule passes', () => expect(check()).toEqual([]));

  it('notice: exactly at the notice passes, one minute under fails', () => {
    expect(check({ start: plus(now, 1440) })).toEqual([]);
    expect(check({ start: plus(now, 1439) })).toEqual(['notice']);
  });

  it('window: exactly at the window passes, one minute past fails', () => {
    // 2026-06-15 is a Monday: 14 days from now at 09:00.
    expect(check({ start: plus(now, 14 * 1440) })).toEqual([]);
    expect(check({ start: plus(now, 14 * 1440 + 1) })).toEqual(['window']);
  });

  it('length: min and max are inclusive', () => {
    expect(check({ minutes: 30 })).toEqual([]);
    expect(check({ minutes: 29 })).toEqual(['length']);
    expect(check({ minutes: 240 })).toEqual([]);
    expect(check({ minutes: 241 })).toEqual(['length']);
  });

  it('opening hours: from opening to closing exactly; a minute outside or a closed day fails', () => {
    expect(check({ start: at('2026-06-03', 8), minutes: 60 })).toEqual([]);
    expect(check({ start: at('2026-06-03', 7, 59), minutes: 60 })).toEqual(['openingHours']);
    expect(check({ start: at('2026-06-03', 17), minutes: 60 })).toEqual([]);
    expect(check({ start: at('2026-06-03', 17, 1), minutes: 60 })).toEqual(['openingHours']);
    expect(check({ start: at('2026-06-06', 10) })).toEqual(['openingHours']);
  });

  it('blackout: touching passes, one minute of overlap fails', () => {
    const b = { startsAt: at('2026-06-03', 11), endsAt: at('2026-06-03', 12), reason: '年度校准' };
    expect(check({ blackouts: [b], start: at('2026-06-03', 10) })).toEqual([]);
    expect(check({ blackouts: [b], start: at('2026-06-03', 10, 1) })).toEqual(['blackout']);
  });

  it('buffer: after an earlier booking its buffer must pass; before a later one this buffer must fit', () => {
    const earlier = { startsAt: at('2026-06-03', 8), endsAt: at('2026-06-03', 9), heldUntil: at('2026-06-03', 9, 15) };
    expect(check({ taken: [earlier], start: at('2026-06-03', 9, 15) })).toEqual([]);
    expect(check({ taken: [earlier], start: at('2026-06-03', 9, 14) })).toEqual(['buffer']);
    const later = { startsAt: at('2026-06-03', 12), endsAt: at('2026-06-03', 13), heldUntil: at('2026-06-03', 13, 15) };
    expect(check({ taken: [later], start: at('2026-06-03', 10, 45), minutes: 60 })).toEqual([]);
    expect(check({ taken: [later], start: at('2026-06-03', 10, 46), minutes: 60 })).toEqual(['buffer']);
  });

  it('daily cap counts the same Shanghai day only, inclusive', () => {
    const mine = [{ startsAt: at('2026-06-03', 8), endsAt: at('2026-06-03', 12) }];
    expect(check({ mine, start: at('2026-06-03', 14), minutes: 60 })).toEqual([]);
    expect(check({ mine, start: at('2026-06-03', 14), minutes: 61 })).toEqual(['dailyCap']);
    expect(check({ mine, start: at('2026-06-04', 8), minutes: 240 })).toEqual([]);
  });

  it('future cap: the cap-th upcoming booking passes, one more fails; past ones do not count', () => {
    const upcoming = (n: number) => Array.from({ length: n }, (_, i) => ({ startsAt: at(`2026-06-0${4 + i}`, 8), endsAt: at(`2026-06-0${4 + i}`, 9) }));
    expect(check({ mine: upcoming(2) })).toEqual([]);
    expect(check({ mine: upcoming(3) })).toEqual(['futureCap']);
    expect(check({ mine: [...upcoming(2), { startsAt: plus(now, -120), endsAt: plus(now, -60) }] })).toEqual([]);
  });

  it('qualification: only valid passes when the rule asks for one', () => {
    const q = { ...rule, requiresQualification: true };
    expect(check({ rule: q, qualification: 'valid' })).toEqual([]);
    for (const s of ['none', 'expired', 'lapsed'] as const) expect(check({ rule: q, qualification: s })).toEqual(['qualification']);
    expect(check({ qualification: 'none' })).toEqual([]);
  });

  it('names every broken rule in Chinese', () => {
    const c: BookingCheck = { rule, now, requested: { startsAt: plus(now, 10), endsAt: plus(now, 20) }, openingHours: hours, blackouts: [], mine: [], taken: [], qualification: 'none' };
    const found = violations(c);
    expect(found.map((v) => v.name)).toEqual(['提前量', '时长']);
    expect(found[0]!.zh).toContain('提前量：');
  });

  it('qualification state: expiry day inclusive, lapse after N days unused', () => {
    const q = { expiresOn: '2026-06-01', lastUsedAt: plus(now, -10 * 1440) };
    expect(qualificationState(q, now, 180)).toBe('valid');
    expect(qualificationState(q, at('2026-06-02', 0), 180)).toBe('expired');
    expect(qualificationState({ expiresOn: '2027-01-01', lastUsedAt: plus(now, -180 * 1440) }, now, 180)).toBe('valid');
    expect(qualificationState({ expiresOn: '2027-01-01', lastUsedAt: plus(now, -180 * 1440 - 1) }, now, 180)).toBe('lapsed');
    expect(qualificationState(null, now, 180)).toBe('none');
  });

  it('late cancellation: under the limit before the start', () => {
    expect(isLateCancellation(now, plus(now, 1440), 1440)).toBe(false);
    expect(isLateCancellation(now, plus(now, 1439), 1440)).toBe(true);
  });

  it('charges: per hour after the free quota, per started day, per sample', () => {
    expect(charge({ feeUnit: 'hour', priceFen: 6000, usedMinutes: 90, samples: null, freeMinutesLeft: 0 })).toEqual({ chargeFen: 9000, freeMinutes: 0 });
    expect(charge({ feeUnit: 'hour', priceFen: 6000, usedMinutes: 90, samples: null, freeMinutesLeft: 60 })).toEqual({ chargeFen: 3000, freeMinutes: 60 });
    expect(charge({ feeUnit: 'hour', priceFen: 6000, usedMinutes: 90, samples: null, freeMinutesLeft: 600 })).toEqual({ chargeFen: 0, freeMinutes: 90 });
    expect(charge({ feeUnit: 'day', priceFen: 20000, usedMinutes: 1441, samples: null, freeMinutesLeft: 0 })).toEqual({ chargeFen: 40000, freeMinutes: 0 });
    expect(charge({ feeUnit: 'sample', priceFen: 1500, usedMinutes: 30, samples: 4, freeMinutesLeft: 0 })).toEqual({ chargeFen: 6000, freeMinutes: 0 });
  });
});
