/**
 * The space's own desk on the workbench (issue 15, "Where it shows"): for the members of an operator,
 * today's bookings, approvals waiting, check-ins today, open service orders and the mentors' sessions
 * this month over the spaces it runs, each card linking to the page where the work is done. Three
 * statements (one per owning module) whatever the number of spaces, bookings, orders and sessions.
 */
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import { bookingDeskLoad } from '../booking/index.ts';
import { mentorDeskLoad } from '../mentors/index.ts';
import { serviceDeskLoad } from '../services/index.ts';
import { can } from './policy.ts';
import { beijingDay, beijingMidnight } from '../../shared/beijing-time.ts';

export const DESK_CARDS = ['bookings_today', 'approvals', 'check_ins', 'open_orders', 'mentor_sessions'] as const;
export type DeskCardKind = (typeof DESK_CARDS)[number];

export interface DeskCard {
  kind: DeskCardKind;
  count: number;
  /** A second figure where the card has one: in use now, orders to quote, minutes of coaching, pending relations. */
  detail: Record<string, number>;
  link: string;
}

const HOUR = 3_600_000;
/** The Asia/Shanghai day holding `at`, as instants, and its month as inclusive dates. */
export function shanghaiCalendar(at: Date) {
  const day = beijingDay(at);
  const from = beijingMidnight(day);
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7)) - 1;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const month = `${y}-${String(m + 1).padStart(2, '0')}`;
  return { day: { from, to: new Date(from.getTime() + 24 * HOUR) }, month: { from: `${month}-01`, to: `${month}-${String(lastDay).padStart(2, '0')}` } };
}

/** The operator's desk cards; null for everyone else. */
export async function spaceDesk(db: Db, actor: Actor, now: Date): Promise<DeskCard[] | null> {
  if (!can(actor, 'workbench.desk')) return null;
  const { day, month } = shanghaiCalendar(now);
  const [b, s, m] = await Promise.all([bookingDeskLoad(db, actor.org.id, day, now), serviceDeskLoad(db, actor.org.id), mentorDeskLoad(db, actor.org.id, month)]);
  return [
    { kind: 'bookings_today', count: b.today, detail: { inUse: b.inUse }, link: '/app/resources?tab=today' },
    { kind: 'approvals', count: b.approvals, detail: {}, link: '/app/resources?tab=approvals' },
    { kind: 'check_ins', count: b.checkedInToday, detail: { inUse: b.inUse }, link: '/app/resources?tab=today' },
    { kind: 'open_orders', count: s.toQuote + s.quoted + s.toDeliver, detail: { toQuote: s.toQuote, quoted: s.quoted, toDeliver: s.toDeliver }, link: '/app/services' },
    { kind: 'mentor_sessions', count: m.sessionsThisMonth, detail: { minutes: m.minutesThisMonth, activeMentors: m.activeMentors, pendingRelations: m.pendingRelations }, link: '/app/mentors?tab=sessions' },
  ];
}
