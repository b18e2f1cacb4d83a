/**
 * The mentors module's set-based reads for others: a statistics return's period figures, the space's
 * coaching this month on the workbench, and an authority's sessions by month. Each is one SQL
 * statement whatever the number of spaces, mentors and sessions.
 */
import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { regions } from '../regions/index.ts';
import { spaces } from '../spaces/index.ts';
import { coachingRelations, coachingSessions, mentors } from './schema.ts';

const under = (path: string): SQL => or(eq(regions.path, path), sql`${regions.path} like ${`${path}/%`}`)!;

export interface MentorPeriodFigures {
  /** Active mentors now, and of them full-time and part-time ones. */
  mentors: number;
  fullTime: number;
  partTime: number;
  industry: number;
  /** Sessions held on the period's days, and their minutes. */
  sessions: number;
  minutes: number;
}

/**
 * Per space, its mentors and the sessions held on days in [from, to] (Shanghai dates, inclusive):
 * for the spaces that keep at least one mentor on the platform only (none recorded: no figures, not zeros).
 */
export async function mentorPeriodFigures(db: DbOrTx, spaceIds: readonly string[], days: { from: string; to: string }): Promise<Map<string, MentorPeriodFigures>> {
  if (!spaceIds.length) return new Map();
  const rows = await db
    .select({
      spaceId: mentors.spaceId,
      mentors: sql<number>`(count(*) filter (where ${mentors.active}))::int`,
      fullTime: sql<number>`(count(*) filter (where ${mentors.active} and ${mentors.term} = 'full_time'))::int`,
      partTime: sql<number>`(count(*) filter (where ${mentors.active} and ${mentors.term} = 'part_time'))::int`,
      industry: sql<number>`(count(*) filter (where ${mentors.active} and ${mentors.kind} = 'industry'))::int`,
      sessions: sql<number>`coalesce(sum(y.sessions), 0)::int`,
      minutes: sql<number>`coalesce(sum(y.minutes), 0)::int`,
    })
    .from(mentors)
    .leftJoin(
      sql`lateral (select count(*) as sessions, sum(s.duration_minutes) as minutes from ${coachingSessions} s where s.mentor_id = ${mentors.id} and s.held_on between ${days.from}::date and ${days.to}::date) y`,
      sql`true`,
    )
    .where(inArray(mentors.spaceId, [...spaceIds]))
    .groupBy(mentors.spaceId);
  return new Map(rows.map((r) => [r.spaceId, { mentors: r.mentors, fullTime: r.fullTime, partTime: r.partTime, industry: r.industry, sessions: Number(r.sessions), minutes: Number(r.minutes) }]));
}

export interface MentorDeskLoad {
  activeMentors: number;
  /** Sessions held on the month's days so far (and logged ahead). */
  sessionsThisMonth: number;
  minutesThisMonth: number;
  /** Coaching relations proposed, not yet started. */
  pendingRelations: number;
}

/** The coaching of the spaces an operator runs this month, for its workbench: one statement. */
export async function mentorDeskLoad(db: DbOrTx, operatorOrgId: string, month: { from: string; to: string }): Promise<MentorDeskLoad> {
  const own = sql`(select ${spaces.id} from ${spaces} where ${spaces.operatorOrgId} = ${operatorOrgId})`;
  const [r] = await db
    .select({
      activeMentors: sql<number>`(select count(*) from ${mentors} where ${mentors.spaceId} in ${own} and ${mentors.active})::int`,
      sessions: sql<number>`(select count(*) from ${coachingSessions} where ${coachingSessions.spaceId} in ${own} and ${coachingSessions.heldOn} between ${month.from}::date and ${month.to}::date)::int`,
      minutes: sql<number>`(select coalesce(sum(${coachingSessions.durationMinutes}), 0) from ${coachingSessions} where ${coachingSessions.spaceId} in ${own} and ${coachingSessions.heldOn} between ${month.from}::date and ${month.to}::date)::int`,
      pending: sql<number>`(select count(*) from ${coachingRelations} where ${coachingRelations.spaceId} in ${own} and ${coachingRelations.state} = 'pending')::int`,
    })
    .from(sql`(select 1) as one`);
  return { activeMentors: r?.activeMentors ?? 0, sessionsThisMonth: r?.sessions ?? 0, minutesThisMonth: r?.minutes ?? 0, pendingRelations: r?.pending ?? 0 };
}

export interface MentorMonth {
  month: number;
  sessions: number;
  hours: number;
  /** Distinct mentors who held a session in the month. */
  mentors: number;
}

/** Coaching sessions of a jurisdiction's spaces by month of a year: one statement. */
export async function mentorMonths(db: DbOrTx, regionPath: string, year: number): Promise<MentorMonth[]> {
  const rows = await db
    .select({
      month: sql<number>`m.month`,
      sessions: sql<number>`count(s.id)::int`,
      minutes: sql<number>`coalesce(sum(s.duration_minutes), 0)::int`,
      mentors: sql<number>`count(distinct s.mentor_id)::int`,
    })
    .from(sql`generate_series(1, 12) as m(month)`)
    .leftJoin(
      sql`(select ${coachingSessions.id} as id, ${coachingSessions.mentorId} as mentor_id, ${coachingSessions.durationMinutes} as duration_minutes, extract(month from ${coachingSessions.heldOn})::int as month
           from ${coachingSessions} join ${spaces} on ${spaces.id} = ${coachingSessions.spaceId} join ${regions} on ${regions.code} = ${spaces.regionCode}
           where ${under(regionPath)} and ${coachingSessions.heldOn} between ${`${year}-01-01`}::date and ${`${year}-12-31`}::date) s`,
      sql`s.month = m.month`,
    )
    .groupBy(sql`m.month`)
    .orderBy(sql`m.month`);
  return rows.map((r) => ({ month: Number(r.month), sessions: r.sessions, hours: Math.round((Number(r.minutes) / 60) * 10) / 10, mentors: r.mentors }));
}

/** Active mentors of a jurisdiction's spaces (all, industry): one statement. */
export async function mentorsWithin(db: DbOrTx, regionPath: string): Promise<{ mentors: number; industry: number }> {
  const [r] = await db
    .select({ mentors: sql<number>`count(*)::int`, industry: sql<number>`(count(*) filter (where ${mentors.kind} = 'industry'))::int` })
    .from(mentors)
    .innerJoin(spaces, eq(spaces.id, mentors.spaceId))
    .innerJoin(regions, eq(regions.code, spaces.regionCode))
    .where(and(under(regionPath), eq(mentors.active, true)));
  return { mentors: r?.mentors ?? 0, industry: r?.industry ?? 0 };
}
