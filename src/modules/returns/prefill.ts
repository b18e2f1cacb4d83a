import type { DbOrTx } from '../../db/client.ts';
import { bookingPeriodFigures } from '../booking/index.ts';
import { eventPeriodFigures } from '../events/index.ts';
import { financingFigures } from '../financing/index.ts';
import { mentorPeriodFigures } from '../mentors/index.ts';
import { rosterFigures } from '../roster/index.ts';
import { servicePeriodFigures } from '../services/index.ts';
import type { CatalogueDefinition } from './catalogue-types.ts';
import { beijingDay } from '../../shared/beijing-time.ts';

/**
 * Where the platform's own figures for a return come from: each source answers, for many spaces at
 * once, figures under its keys (`roster.teamsServed`) for the period; a catalogue indicator names
 * the key it is prefilled from. Money in 元, the stored unit.
 */
export type PrefillSource = (db: DbOrTx, spaceIds: readonly string[], period: { from: Date; to: Date }) => Promise<Map<string, Record<string, number>>>;

/** The incubatee roster (在孵企业): its figures under `roster.<field>`, founder types as `roster.founderTypes.<type>`; money in 元. */
const rosterSource: PrefillSource = async (db, spaceIds, period) => {
  // The round's period ends at the next period's first instant; the roster takes inclusive days.
  const figures = await rosterFigures(db, [...spaceIds], { from: beijingDay(period.from), to: beijingDay(new Date(period.to.getTime() - 1)) });
  return new Map(
    [...figures].map(([spaceId, f]) => {
      const { founderTypes, ...counts } = f;
      const out: Record<string, number> = {};
      for (const [k, v] of Object.entries(counts)) out[`roster.${k}`] = v;
      for (const [k, v] of Object.entries(founderTypes)) out[`roster.founderTypes.${k}`] = v;
      return [spaceId, out];
    }),
  );
};

/**
 * Shared equipment and facilities (booking): `booking.hours` (hours used, whole hours),
 * `booking.completed`, `booking.noShows`, `booking.users`, `booking.chargeYuan`; only for spaces that
 * share resources on the platform.
 */
const bookingSource: PrefillSource = async (db, spaceIds, period) => {
  const figures = await bookingPeriodFigures(db, spaceIds, period);
  return new Map(
    [...figures].map(([spaceId, f]) => [
      spaceId,
      { 'booking.hours': Math.round(f.hours), 'booking.completed': f.completed, 'booking.noShows': f.noShows, 'booking.users': f.users, 'booking.chargeYuan': Math.round(f.chargeFen / 100) },
    ]),
  );
};

/** Professional service orders: `services.ordersRequested`, `services.ordersDelivered`, `services.incomeYuan`; only for spaces with a catalogue. */
const servicesSource: PrefillSource = async (db, spaceIds, period) => {
  const figures = await servicePeriodFigures(db, spaceIds, period);
  return new Map([...figures].map(([spaceId, f]) => [spaceId, { 'services.ordersRequested': f.ordersRequested, 'services.ordersDelivered': f.ordersDelivered, 'services.incomeYuan': Math.round(f.incomeFen / 100) }]));
};

/** Mentors and coaching: `mentors.active`, `mentors.fullTime`, `mentors.partTime`, `mentors.industry`, `mentors.sessions`; only for spaces that keep mentors. */
const mentorsSource: PrefillSource = async (db, spaceIds, period) => {
  const figures = await mentorPeriodFigures(db, spaceIds, { from: beijingDay(period.from), to: beijingDay(new Date(period.to.getTime() - 1)) });
  return new Map(
    [...figures].map(([spaceId, f]) => [spaceId, { 'mentors.active': f.mentors, 'mentors.fullTime': f.fullTime, 'mentors.partTime': f.partTime, 'mentors.industry': f.industry, 'mentors.sessions': f.sessions }]),
  );
};

/**
 * The activity register (活动登记, 002 §四(二)): held events of the period, `events.held`, per kind
 * `events.kind.<kind>` (`events.kind.training`: 培训) and per role `events.role.<role>`; only for
 * spaces that held events in the period, so one that keeps no register here gets blanks, not zeros.
 */
const eventsSource: PrefillSource = async (db, spaceIds, period) => {
  const figures = await eventPeriodFigures(db, period, spaceIds);
  return new Map(
    [...figures]
      .filter(([, f]) => f.held > 0)
      .map(([spaceId, f]) => {
      const out: Record<string, number> = { 'events.held': f.held, 'events.professional': f.professional, 'events.attendance': f.attendance };
      for (const [k, v] of Object.entries(f.byKind)) out[`events.kind.${k}`] = v;
      for (const [k, v] of Object.entries(f.byRole)) out[`events.role.${k}`] = v;
      return [spaceId, out];
    }),
  );
};

/**
 * Funds (基金): `financing.fundSizeYuan`, the active angel and seed funds the space runs or partners
 * with (a standing figure, read as of the period's year); only for spaces that registered a fund.
 */
const financingSource: PrefillSource = async (db, spaceIds, period) => {
  const year = Number(beijingDay(period.from).slice(0, 4));
  const figures = await financingFigures(db, year, spaceIds);
  return new Map([...figures].filter(([, f]) => f.funds > 0).map(([spaceId, f]) => [spaceId, { 'financing.fundSizeYuan': f.fundSizeYuan }]));
};

/** The sources wired today. */
export const PREFILL_SOURCES: readonly PrefillSource[] = [rosterSource, bookingSource, servicesSource, mentorsSource, eventsSource, financingSource];

/**
 * The platform's figures by indicator code for each space (only indicators with a prefill key a
 * source answered); these are both the prefilled values and the figures kept beside an override.
 */
export async function platformFigures(
  db: DbOrTx,
  catalogue: CatalogueDefinition,
  spaceIds: readonly string[],
  period: { from: Date; to: Date },
  sources: readonly PrefillSource[] = PREFILL_SOURCES,
): Promise<Map<string, Record<string, number>>> {
  const bySpace = new Map<string, Record<string, number>>(spaceIds.map((id) => [id, {}]));
  if (!spaceIds.length) return bySpace;
  const answers = await Promise.all(sources.map((s) => s(db, spaceIds, period)));
  const wanted = catalogue.indicators.filter((i) => i.prefill);
  for (const answer of answers)
    for (const [spaceId, figures] of answer) {
      const out = bySpace.get(spaceId);
      if (!out) continue;
      for (const i of wanted) {
        const v = figures[i.prefill!];
        if (typeof v === 'number' && Number.isFinite(v)) out[i.code] = v;
      }
    }
  return bySpace;
}
