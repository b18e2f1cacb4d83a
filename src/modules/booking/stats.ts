/**
 * The booking module's set-based reads for others: a statistics return's period figures, the space
 * desk's counts on the workbench, and an authority's jurisdiction aggregates (utilisation by month,
 * top resources). Each is one SQL statement whatever the number of spaces, resources and bookings.
 */
import { and, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { regions } from '../regions/index.ts';
import { spaces } from '../spaces/index.ts';
import { bookingBlackouts, bookingResources, bookings } from './schema.ts';
import { beijingYearBounds } from '../../shared/beijing-time.ts';

const iso = (d: Date) => d.toISOString();
const under = (path: string): SQL => or(eq(regions.path, path), sql`${regions.path} like ${`${path}/%`}`)!;

export interface BookingPeriodFigures {
  /** Hours used (checked in to checked out) of the completed bookings that started in the period, one decimal. */
  hours: number;
  completed: number;
  noShows: number;
  /** Distinct users of those completed bookings. */
  users: number;
  chargeFen: number;
}

/**
 * Per space, the bookings that started in [from, to): for the spaces that share at least one
 * resource on the platform only (a space that keeps none has no booking figures, not zeros).
 */
export async function bookingPeriodFigures(db: DbOrTx, spaceIds: readonly string[], period: { from: Date; to: Date }): Promise<Map<string, BookingPeriodFigures>> {
  if (!spaceIds.length) return new Map();
  const done = sql`${bookings.status} = 'completed'`;
  const rows = await db
    .select({
      spaceId: bookingResources.spaceId,
      minutes: sql<number>`coalesce(sum(${bookings.usedMinutes}) filter (where ${done}), 0)::int`,
      completed: sql<number>`(count(${bookings.id}) filter (where ${done}))::int`,
      noShows: sql<number>`(count(${bookings.id}) filter (where ${bookings.status} = 'no_show'))::int`,
      users: sql<number>`(count(distinct ${bookings.userId}) filter (where ${done}))::int`,
      chargeFen: sql<number>`coalesce(sum(${bookings.chargeFen}) filter (where ${done}), 0)::int`,
    })
    .from(bookingResources)
    .leftJoin(bookings, and(eq(bookings.resourceId, bookingResources.id), sql`${bookings.startsAt} >= ${iso(period.from)}::timestamptz`, sql`${bookings.startsAt} < ${iso(period.to)}::timestamptz`))
    .where(inArray(bookingResources.spaceId, [...spaceIds]))
    .groupBy(bookingResources.spaceId);
  return new Map(rows.map((r) => [r.spaceId, { hours: Math.round((Number(r.minutes) / 60) * 10) / 10, completed: r.completed, noShows: r.noShows, users: r.users, chargeFen: Number(r.chargeFen) }]));
}

export interface BookingDeskLoad {
  /** Bookings of the day (Asia/Shanghai) not cancelled, rejected or released. */
  today: number;
  /** Requests waiting for a staff decision that have not ended yet. */
  approvals: number;
  /** Checked in during the day. */
  checkedInToday: number;
  /** In use right now (checked in, not checked out). */
  inUse: number;
}

/** The desk's counts over the spaces an operator runs, for its workbench: one statement. */
export async function bookingDeskLoad(db: DbOrTx, operatorOrgId: string, day: { from: Date; to: Date }, now: Date): Promise<BookingDeskLoad> {
  const from = sql`${iso(day.from)}::timestamptz`;
  const to = sql`${iso(day.to)}::timestamptz`;
  const [r] = await db
    .select({
      today: sql<number>`(count(*) filter (where ${bookings.startsAt} >= ${from} and ${bookings.startsAt} < ${to} and ${bookings.status} in ('pending', 'confirmed', 'checked_in', 'completed')))::int`,
      approvals: sql<number>`(count(*) filter (where ${bookings.status} = 'pending' and ${bookings.endsAt} > ${iso(now)}::timestamptz))::int`,
      checkedInToday: sql<number>`(count(*) filter (where ${bookings.checkedInAt} >= ${from} and ${bookings.checkedInAt} < ${to}))::int`,
      inUse: sql<number>`(count(*) filter (where ${bookings.status} = 'checked_in'))::int`,
    })
    .from(bookings)
    .innerJoin(spaces, eq(spaces.id, bookings.spaceId))
    .where(eq(spaces.operatorOrgId, operatorOrgId));
  return { today: r?.today ?? 0, approvals: r?.approvals ?? 0, checkedInToday: r?.checkedInToday ?? 0, inUse: r?.inUse ?? 0 };
}

export interface UtilisationMonth {
  month: number;
  /** Hours held by bookings that were not cancelled, rejected (pending ones included) starting in the month. */
  bookedHours: number;
  /** Hours actually used (completed bookings). */
  usedHours: number;
  /** The opening hours of the jurisdiction's active resources over the month's days, less their blackouts and outages. */
  openHours: number;
}

/**
 * Booking utilisation of a jurisdiction's spaces by month of a Shanghai year: booked and used hours
 * against the opening hours of the active resources (each resource's weekly hours over the month's
 * days, less the blackouts and outages overlapping each day's window: a stopped machine offers no
 * time). One statement; months without anything are zeros.
 */
export async function bookingUtilisation(db: DbOrTx, regionPath: string, year: number): Promise<UtilisationMonth[]> {
  const { from, to } = beijingYearBounds(year);
  const inScope = sql`${bookingResources.spaceId} in (select ${spaces.id} from ${spaces} join ${regions} on ${regions.code} = ${spaces.regionCode} where ${under(regionPath)})`;
  const rows = await db
    .select({
      month: sql<number>`m.month`,
      booked: sql<number>`coalesce(b.booked, 0)::float8`,
      used: sql<number>`coalesce(b.used, 0)::float8`,
      open: sql<number>`coalesce(o.open, 0)::float8`,
    })
    .from(sql`generate_series(1, 12) as m(month)`)
    .leftJoin(
      sql`(select extract(month from ${bookings.startsAt} at time zone 'Asia/Shanghai')::int as month,
             sum(extract(epoch from (${bookings.endsAt} - ${bookings.startsAt})) / 3600.0) filter (where ${bookings.status} in ('pending', 'confirmed', 'checked_in', 'completed', 'no_show')) as booked,
             coalesce(sum(${bookings.usedMinutes}) filter (where ${bookings.status} = 'completed'), 0) / 60.0 as used
           from ${bookings} join ${bookingResources} on ${bookingResources.id} = ${bookings.resourceId}
           where ${inScope} and ${bookings.startsAt} >= ${from}::timestamptz and ${bookings.startsAt} < ${to}::timestamptz
           group by 1) b`,
      sql`b.month = m.month`,
    )
    .leftJoin(
      // Each open day's window in Shanghai time, less the blackouts and outages overlapping it
      // (merged first, so an outage inside a longer stop is not subtracted twice).
      sql`(select extract(month from w.day)::int as month,
             sum((extract(epoch from (w.closes - w.opens)) - coalesce(stopped.seconds, 0)) / 3600.0) as open
           from (select d.day::date as day, ${bookingResources.id} as resource_id,
                   ((d.day::date + make_interval(mins => (${bookingResources.openingHours} -> (extract(isodow from d.day::date)::int - 1) ->> 'open')::int))::timestamp at time zone 'Asia/Shanghai') as opens,
                   ((d.day::date + make_interval(mins => (${bookingResources.openingHours} -> (extract(isodow from d.day::date)::int - 1) ->> 'close')::int))::timestamp at time zone 'Asia/Shanghai') as closes
                 from generate_series(${`${year}-01-01`}::date, ${`${year}-12-31`}::date, interval '1 day') as d(day)
                 cross join ${bookingResources}
                 where ${bookingResources.active} and ${inScope} and jsonb_typeof(${bookingResources.openingHours} -> (extract(isodow from d.day::date)::int - 1)) = 'object') w
           left join lateral (
             select sum(extract(epoch from (upper(part) - lower(part)))) as seconds
             from unnest((select range_agg(tstzrange(greatest(${bookingBlackouts.startsAt}, w.opens), least(${bookingBlackouts.endsAt}, w.closes)))
                          from ${bookingBlackouts}
                          where ${bookingBlackouts.resourceId} = w.resource_id and ${bookingBlackouts.startsAt} < w.closes and ${bookingBlackouts.endsAt} > w.opens)) as part
           ) stopped on true
           group by 1) o`,
      sql`o.month = m.month`,
    )
    .orderBy(sql`m.month`);
  const r1 = (n: number) => Math.round(Number(n) * 10) / 10;
  return rows.map((r) => ({ month: Number(r.month), bookedHours: r1(r.booked), usedHours: r1(r.used), openHours: r1(r.open) }));
}

export interface TopResource {
  resourceId: string;
  name: string;
  category: string;
  spaceName: string;
  bookings: number;
  usedHours: number;
}

/** The resources of a jurisdiction most used in a Shanghai year (hours of completed bookings), most first: one statement. */
export async function topResources(db: DbOrTx, regionPath: string, year: number, limit = 10): Promise<TopResource[]> {
  const { from, to } = beijingYearBounds(year);
  const minutes = sql<number>`coalesce(sum(${bookings.usedMinutes}), 0)::int`;
  const rows = await db
    .select({ resourceId: bookingResources.id, name: bookingResources.name, category: bookingResources.category, spaceName: spaces.name, bookings: sql<number>`count(*)::int`, minutes })
    .from(bookings)
    .innerJoin(bookingResources, eq(bookingResources.id, bookings.resourceId))
    .innerJoin(spaces, eq(spaces.id, bookings.spaceId))
    .innerJoin(regions, eq(regions.code, spaces.regionCode))
    .where(and(under(regionPath), eq(bookings.status, 'completed'), sql`${bookings.startsAt} >= ${from}::timestamptz`, sql`${bookings.startsAt} < ${to}::timestamptz`))
    .groupBy(bookingResources.id, spaces.name)
    .orderBy(desc(minutes), bookingResources.id)
    .limit(limit);
  return rows.map((r) => ({ resourceId: r.resourceId, name: r.name, category: r.category, spaceName: r.spaceName, bookings: r.bookings, usedHours: Math.round((Number(r.minutes) / 60) * 10) / 10 }));
}
