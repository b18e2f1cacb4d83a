/**
 * 服务平台统计 (issue 15, "Where it shows"): an authority's jurisdiction seen through its spaces'
 * open service platform over a year — booking utilisation by month (hours booked and used against
 * the resources' opening hours), the most used resources, service orders and income by month, and
 * the mentors' coaching by month. Every figure is an SQL aggregate over the region subtree, drawn
 * from the owning modules: five statements whatever the number of spaces.
 */
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError } from '../../shared/errors.ts';
import { bookingUtilisation, topResources } from '../booking/index.ts';
import { mentorMonths, mentorsWithin } from '../mentors/index.ts';
import { serviceMonths } from '../services/index.ts';
import { can } from './policy.ts';
import { beijingYear } from '../../shared/beijing-time.ts';

/** A share in percent with one decimal; null when there is nothing to share. */
const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);

export async function platformStats(db: Db, actor: Actor, year: number | undefined, now = new Date()) {
  if (!can(actor, 'workbench.platform_stats')) throw new AppError('FORBIDDEN');
  const root = actor.jurisdictionPath!;
  const y = year ?? beijingYear(now);
  const [utilisation, top, services, coaching, mentors] = await Promise.all([bookingUtilisation(db, root, y), topResources(db, root, y), serviceMonths(db, root, y), mentorMonths(db, root, y), mentorsWithin(db, root)]);
  const sum = <T>(rows: readonly T[], f: (r: T) => number) => Math.round(rows.reduce((s, r) => s + f(r), 0) * 10) / 10;
  const booked = sum(utilisation, (m) => m.bookedHours);
  const open = sum(utilisation, (m) => m.openHours);
  return {
    year: y,
    regionName: actor.org.regionName,
    totals: {
      bookedHours: booked,
      usedHours: sum(utilisation, (m) => m.usedHours),
      openHours: open,
      utilisation: percent(booked, open),
      ordersRequested: sum(services, (m) => m.ordersRequested),
      ordersDelivered: sum(services, (m) => m.ordersDelivered),
      incomeFen: sum(services, (m) => m.incomeFen),
      sessions: sum(coaching, (m) => m.sessions),
      sessionHours: sum(coaching, (m) => m.hours),
      mentors: mentors.mentors,
      industryMentors: mentors.industry,
    },
    utilisation: utilisation.map((m) => ({ ...m, utilisation: percent(m.bookedHours, m.openHours) })),
    topResources: top,
    services,
    coaching,
  };
}
