import { and, asc, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.ts';
import { orderBy, type Sort } from '../../shared/http/sorting.ts';
import { containsPattern } from '../../shared/validation/search.ts';
import { filings } from '../filings/schema.ts';
import { regions } from '../regions/schema.ts';
import { incubatees } from '../roster/schema.ts';
import { spaces } from '../spaces/schema.ts';
import { coachingRelations, coachingSessions, mentorContactReveals, mentors, type MentorKind, type RelationState } from './schema.ts';

/** All SQL of mentors, coaching relations and sessions; reads join spaces, regions and the roster's incubatees for names. */

export type MentorRow = typeof mentors.$inferSelect;
export type RelationRow = typeof coachingRelations.$inferSelect;
export type SessionRow = typeof coachingSessions.$inferSelect;

/** Whose mentors a read covers: an operator's own spaces, or the spaces of a jurisdiction. */
export type MentorScope = { operatorOrgId: string } | { withinPath: string };

const inScope = (scope: MentorScope): SQL =>
  'operatorOrgId' in scope ? eq(spaces.operatorOrgId, scope.operatorOrgId) : or(eq(regions.path, scope.withinPath), sql`${regions.path} like ${`${scope.withinPath}/%`}`)!;

const spaceColumns = { spaceName: spaces.name, operatorOrgId: spaces.operatorOrgId, regionPath: regions.path };

// ---- mentors ----

export const MENTOR_SORTS = ['name', 'kind', 'sessionsThisYear', 'createdAt'] as const;
export type MentorSort = (typeof MENTOR_SORTS)[number];

export interface MentorFilter {
  spaceId?: string | undefined;
  kind?: MentorKind | undefined;
  active?: boolean | undefined;
  q?: string | undefined;
}

const mentorColumns = (year: number) => ({
  mentor: mentors,
  ...spaceColumns,
  sessionsThisYear: sql<number>`(select count(*)::int from ${coachingSessions} s where s.mentor_id = ${mentors.id} and s.held_on between ${`${year}-01-01`} and ${`${year}-12-31`})`,
  minutesThisYear: sql<number>`(select coalesce(sum(s.duration_minutes), 0)::int from ${coachingSessions} s where s.mentor_id = ${mentors.id} and s.held_on between ${`${year}-01-01`} and ${`${year}-12-31`})`,
  activeRelations: sql<number>`(select count(*)::int from ${coachingRelations} r where r.mentor_id = ${mentors.id} and r.state = 'active')`,
});
export type MentorListed = { mentor: MentorRow; spaceName: string; operatorOrgId: string; regionPath: string; sessionsThisYear: number; minutesThisYear: number; activeRelations: number };

const mentorsFrom = <T extends Record<string, unknown>>(db: DbOrTx, cols: T) =>
  db
    .select(cols as never)
    .from(mentors)
    .innerJoin(spaces, eq(spaces.id, mentors.spaceId))
    .innerJoin(regions, eq(regions.code, spaces.regionCode));

function mentorWhere(scope: MentorScope, f: MentorFilter): SQL {
  const conds: SQL[] = [inScope(scope)];
  if (f.spaceId) conds.push(eq(mentors.spaceId, f.spaceId));
  if (f.kind) conds.push(eq(mentors.kind, f.kind));
  if (f.active !== undefined) conds.push(eq(mentors.active, f.active));
  if (f.q) {
    const like = containsPattern(f.q);
    conds.push(or(sql`${mentors.name} ilike ${like}`, sql`${mentors.affiliation} ilike ${like}`, sql`array_to_string(${mentors.fields}, ' ') ilike ${like}`)!);
  }
  return and(...conds)!;
}

/** One page of mentors with their sessions this year: two statements whatever the page. */
export async function listMentors(db: DbOrTx, scope: MentorScope, f: MentorFilter, sort: Sort<MentorSort>, year: number, limit: number, offset: number) {
  const w = mentorWhere(scope, f);
  const cols = mentorColumns(year);
  const [rows, [count]] = await Promise.all([
    mentorsFrom(db, cols)
      .where(w)
      .orderBy(...orderBy({ name: mentors.name, kind: mentors.kind, sessionsThisYear: cols.sessionsThisYear, createdAt: mentors.createdAt }, sort, [asc(spaces.name), asc(mentors.name)], mentors.id))
      .limit(limit)
      .offset(offset) as unknown as Promise<MentorListed[]>,
    mentorsFrom(db, { n: sql<number>`count(*)::int` }).where(w) as unknown as Promise<{ n: number }[]>,
  ]);
  return { rows, total: count?.n ?? 0 };
}

export async function findMentor(db: DbOrTx, id: string, year: number): Promise<MentorListed | undefined> {
  const [row] = (await mentorsFrom(db, mentorColumns(year)).where(eq(mentors.id, id))) as unknown as MentorListed[];
  return row;
}

export async function insertMentor(tx: Tx, row: typeof mentors.$inferInsert): Promise<MentorRow> {
  const [r] = await tx.insert(mentors).values(row).returning();
  return r!;
}

export async function updateMentor(tx: Tx, id: string, revision: number, patch: Partial<typeof mentors.$inferInsert>): Promise<MentorRow | undefined> {
  const [r] = await tx
    .update(mentors)
    .set({ ...patch, revision: sql`${mentors.revision} + 1`, updatedAt: new Date() })
    .where(and(eq(mentors.id, id), eq(mentors.revision, revision)))
    .returning();
  return r;
}

// ---- contacts for makers ----

/** A mentor with whether its space shows publicly (active, with an active filing): what a maker may ask for. */
export async function findMentorForContact(db: DbOrTx, id: string) {
  const [row] = await db
    .select({
      mentor: mentors,
      filed: sql<boolean>`(${spaces.status} = 'active' and exists (select 1 from ${filings} where ${filings.spaceId} = ${spaces.id} and ${filings.status} = 'active'))`,
    })
    .from(mentors)
    .innerJoin(spaces, eq(spaces.id, mentors.spaceId))
    .where(eq(mentors.id, id));
  return row;
}

/** Serialises one user's contact requests (the daily count and the insert see each other). */
export async function lockContactRequests(tx: Tx, userId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`mentor-contact:${userId}`}))`);
}

export async function contactRevealsSince(db: DbOrTx, userId: string, since: Date): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(mentorContactReveals)
    .where(and(eq(mentorContactReveals.userId, userId), sql`${mentorContactReveals.createdAt} >= ${since.toISOString()}::timestamptz`));
  return r?.n ?? 0;
}

export const insertContactReveal = (tx: Tx, values: typeof mentorContactReveals.$inferInsert) => tx.insert(mentorContactReveals).values(values);

// ---- relations ----

export const RELATION_SORTS = ['createdAt', 'state', 'mentor', 'incubatee', 'startedOn'] as const;
export type RelationSort = (typeof RELATION_SORTS)[number];

export interface RelationFilter {
  spaceId?: string | undefined;
  mentorId?: string | undefined;
  state?: RelationState | undefined;
}

const relationColumns = {
  relation: coachingRelations,
  ...spaceColumns,
  mentorName: mentors.name,
  mentorKind: mentors.kind,
  incubateeName: incubatees.name,
  sessions: sql<number>`(select count(*)::int from ${coachingSessions} s where s.relation_id = ${coachingRelations.id})`,
  lastSessionOn: sql<string | null>`(select max(s.held_on)::text from ${coachingSessions} s where s.relation_id = ${coachingRelations.id})`,
};
export type RelationListed = { relation: RelationRow; spaceName: string; operatorOrgId: string; regionPath: string; mentorName: string; mentorKind: MentorKind; incubateeName: string; sessions: number; lastSessionOn: string | null };

const relationsFrom = <T extends Record<string, unknown>>(db: DbOrTx, cols: T) =>
  db
    .select(cols as never)
    .from(coachingRelations)
    .innerJoin(mentors, eq(mentors.id, coachingRelations.mentorId))
    .innerJoin(incubatees, eq(incubatees.id, coachingRelations.incubateeId))
    .innerJoin(spaces, eq(spaces.id, coachingRelations.spaceId))
    .innerJoin(regions, eq(regions.code, spaces.regionCode));

function relationWhere(scope: MentorScope, f: RelationFilter): SQL {
  const conds: SQL[] = [inScope(scope)];
  if (f.spaceId) conds.push(eq(coachingRelations.spaceId, f.spaceId));
  if (f.mentorId) conds.push(eq(coachingRelations.mentorId, f.mentorId));
  if (f.state) conds.push(eq(coachingRelations.state, f.state));
  return and(...conds)!;
}

export async function listRelations(db: DbOrTx, scope: MentorScope, f: RelationFilter, sort: Sort<RelationSort>, limit: number, offset: number) {
  const w = relationWhere(scope, f);
  const [rows, [count]] = await Promise.all([
    relationsFrom(db, relationColumns)
      .where(w)
      .orderBy(
        ...orderBy(
          { createdAt: coachingRelations.createdAt, state: coachingRelations.state, mentor: mentors.name, incubatee: incubatees.name, startedOn: coachingRelations.startedOn },
          sort,
          [desc(coachingRelations.createdAt)],
          coachingRelations.id,
        ),
      )
      .limit(limit)
      .offset(offset) as unknown as Promise<RelationListed[]>,
    relationsFrom(db, { n: sql<number>`count(*)::int` }).where(w) as unknown as Promise<{ n: number }[]>,
  ]);
  return { rows, total: count?.n ?? 0 };
}

export async function findRelation(db: DbOrTx, id: string): Promise<RelationListed | undefined> {
  const [row] = (await relationsFrom(db, relationColumns).where(eq(coachingRelations.id, id))) as unknown as RelationListed[];
  return row;
}

export async function lockRelation(tx: Tx, id: string): Promise<RelationRow | undefined> {
  const [row] = await tx.select().from(coachingRelations).where(eq(coachingRelations.id, id)).for('update');
  return row;
}

/** A new relation, unless an open one joins the same mentor and incubatee (then undefined). */
export async function insertRelation(tx: Tx, row: typeof coachingRelations.$inferInsert): Promise<RelationRow | undefined> {
  const [r] = await tx.insert(coachingRelations).values(row).onConflictDoNothing().returning();
  return r;
}

export async function updateRelation(tx: Tx, id: string, patch: Partial<typeof coachingRelations.$inferInsert>): Promise<void> {
  await tx
    .update(coachingRelations)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(coachingRelations.id, id));
}

/** The incubatee a relation would join: its space and status (a read of the roster's table). */
export async function incubateeOf(db: DbOrTx, id: string) {
  const [row] = await db.select({ id: incubatees.id, spaceId: incubatees.spaceId, status: incubatees.status, name: incubatees.name }).from(incubatees).where(eq(incubatees.id, id));
  return row;
}

// ---- sessions ----

export const SESSION_SORTS = ['heldOn', 'durationMinutes', 'mentor'] as const;
export type SessionSort = (typeof SESSION_SORTS)[number];

export interface SessionFilter {
  spaceId?: string | undefined;
  mentorId?: string | undefined;
  relationId?: string | undefined;
  year?: number | undefined;
}

const sessionColumns = { session: coachingSessions, ...spaceColumns, mentorName: mentors.name, incubateeName: incubatees.name };
export type SessionListed = { session: SessionRow; spaceName: string; operatorOrgId: string; regionPath: string; mentorName: string; incubateeName: string };

const sessionsFrom = <T extends Record<string, unknown>>(db: DbOrTx, cols: T) =>
  db
    .select(cols as never)
    .from(coachingSessions)
    .innerJoin(coachingRelations, eq(coachingRelations.id, coachingSessions.relationId))
    .innerJoin(mentors, eq(mentors.id, coachingSessions.mentorId))
    .innerJoin(incubatees, eq(incubatees.id, coachingRelations.incubateeId))
    .innerJoin(spaces, eq(spaces.id, coachingSessions.spaceId))
    .innerJoin(regions, eq(regions.code, spaces.regionCode));

export async function listSessions(db: DbOrTx, scope: MentorScope, f: SessionFilter, sort: Sort<SessionSort>, limit: number, offset: number) {
  const conds: SQL[] = [inScope(scope)];
  if (f.spaceId) conds.push(eq(coachingSessions.spaceId, f.spaceId));
  if (f.mentorId) conds.push(eq(coachingSessions.mentorId, f.mentorId));
  if (f.relationId) conds.push(eq(coachingSessions.relationId, f.relationId));
  if (f.year) conds.push(sql`${coachingSessions.heldOn} between ${`${f.year}-01-01`} and ${`${f.year}-12-31`}`);
  const w = and(...conds)!;
  const [rows, [count]] = await Promise.all([
    sessionsFrom(db, sessionColumns)
      .where(w)
      .orderBy(...orderBy({ heldOn: coachingSessions.heldOn, durationMinutes: coachingSessions.durationMinutes, mentor: mentors.name }, sort, [desc(coachingSessions.heldOn), desc(coachingSessions.createdAt)], coachingSessions.id))
      .limit(limit)
      .offset(offset) as unknown as Promise<SessionListed[]>,
    sessionsFrom(db, { n: sql<number>`count(*)::int` }).where(w) as unknown as Promise<{ n: number }[]>,
  ]);
  return { rows, total: count?.n ?? 0 };
}

export async function insertSession(tx: Tx, row: typeof coachingSessions.$inferInsert): Promise<SessionRow> {
  const [r] = await tx.insert(coachingSessions).values(row).returning();
  return r!;
}

// ---- figures ----

/** Per space: mentors (all, industry, full-time; active ones), sessions and minutes in the year, mentors with fewer than 2 sessions. */
export async function yearFigures(db: DbOrTx, spaceIds: readonly string[], year: number) {
  if (!spaceIds.length) return [];
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  return db
    .select({
      spaceId: mentors.spaceId,
      mentors: sql<number>`count(*)::int`,
      industryMentors: sql<number>`count(*) filter (where ${mentors.kind} = 'industry')::int`,
      fullTime: sql<number>`count(*) filter (where ${mentors.term} = 'full_time')::int`,
      sessions: sql<number>`coalesce(sum(y.sessions), 0)::int`,
      minutes: sql<number>`coalesce(sum(y.minutes), 0)::int`,
      underTwoSessions: sql<number>`count(*) filter (where coalesce(y.sessions, 0) < 2)::int`,
    })
    .from(mentors)
    .leftJoin(
      sql`lateral (select count(*) as sessions, sum(s.duration_minutes) as minutes from ${coachingSessions} s where s.mentor_id = ${mentors.id} and s.held_on between ${from} and ${to}) y`,
      sql`true`,
    )
    .where(and(inArray(mentors.spaceId, [...spaceIds]), eq(mentors.active, true)))
    .groupBy(mentors.spaceId);
}

/**
 * The active mentors of the spaces, public fields only — name, kind, fields, affiliation, title;
 * never a contact (personal data): each filed space's public page. One statement.
 */
export function publicMentorsOf(db: DbOrTx, spaceIds: readonly string[]) {
  if (!spaceIds.length) return Promise.resolve([]);
  return db
    .select({ id: mentors.id, spaceId: mentors.spaceId, name: mentors.name, kind: mentors.kind, fields: mentors.fields, affiliation: mentors.affiliation, title: mentors.title, contactConsent: mentors.contactConsent })
    .from(mentors)
    .where(and(inArray(mentors.spaceId, [...spaceIds]), eq(mentors.active, true)))
    .orderBy(asc(mentors.kind), asc(mentors.name), asc(mentors.id));
}
