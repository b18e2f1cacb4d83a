import { and, asc, desc, eq, gt, inArray, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.ts';
import { orderBy, type Sort } from '../../shared/http/sorting.ts';
import { containsPattern } from '../../shared/validation/search.ts';
import { spaceEvents } from '../events/schema.ts';
import { users } from '../identity/schema.ts';
import { organisations } from '../orgs/schema.ts';
import { regions } from '../regions/schema.ts';
import { spaces } from '../spaces/schema.ts';
import { pitchApplications, pitchCalls, pitchPanel, pitchScores, type PitchCallState } from './schema.ts';

/** All SQL of roadshow and competition calls; reads join spaces, regions, events, organisations and users for names. */

export type CallRow = typeof pitchCalls.$inferSelect;
export type ApplicationRow = typeof pitchApplications.$inferSelect;

const callWithSpace = {
  call: pitchCalls,
  spaceName: spaces.name,
  operatorOrgId: spaces.operatorOrgId,
  regionName: regions.name,
  eventTitle: spaceEvents.title,
  eventKind: spaceEvents.kind,
  eventStartsAt: spaceEvents.startsAt,
  applications: sql<number>`(select count(*)::int from ${pitchApplications} pa where pa.call_id = ${pitchCalls.id} and pa.state = 'submitted')`,
};
export interface CallWithSpace {
  call: CallRow;
  spaceName: string;
  operatorOrgId: string;
  regionName: string;
  eventTitle: string;
  eventKind: 'roadshow' | 'competition';
  eventStartsAt: Date;
  applications: number;
}

const callsBase = (db: DbOrTx) =>
  db
    .select(callWithSpace)
    .from(pitchCalls)
    .innerJoin(spaces, eq(spaces.id, pitchCalls.spaceId))
    .innerJoin(regions, eq(regions.code, spaces.regionCode))
    .innerJoin(spaceEvents, eq(spaceEvents.id, pitchCalls.eventId));

export const CALL_SORTS = ['createdAt', 'closesAt', 'title', 'state'] as const;
export type CallSort = (typeof CALL_SORTS)[number];
const callColumns = { createdAt: pitchCalls.createdAt, closesAt: pitchCalls.closesAt, title: pitchCalls.title, state: pitchCalls.state };

export interface CallFilter {
  spaceId?: string | undefined;
  eventId?: string | undefined;
  state?: PitchCallState | undefined;
  q?: string | undefined;
}

/**
 * Whose calls a list covers: an operator's; the public ones (open calls whose window has not closed
 * and published results); or those open to applications for makers.
 */
export type CallScope = { operatorOrgId: string } | { public: Date; states: readonly ('open' | 'published')[] };

function callsWhere(scope: CallScope, f: CallFilter): SQL {
  const conds: (SQL | undefined)[] = [];
  if ('operatorOrgId' in scope) conds.push(eq(spaces.operatorOrgId, scope.operatorOrgId));
  else
    conds.push(
      or(
        scope.states.includes('open') ? and(eq(pitchCalls.state, 'open'), gt(pitchCalls.closesAt, scope.public)) : undefined,
        scope.states.includes('published') ? eq(pitchCalls.state, 'published') : undefined,
      ) ?? sql`false`,
    );
  if (f.spaceId) conds.push(eq(pitchCalls.spaceId, f.spaceId));
  if (f.eventId) conds.push(eq(pitchCalls.eventId, f.eventId));
  if (f.state) conds.push(eq(pitchCalls.state, f.state));
  if (f.q) {
    const like = containsPattern(f.q);
    conds.push(or(sql`${pitchCalls.title} ilike ${like}`, sql`${spaces.name} ilike ${like}`));
  }
  return and(...conds)!;
}

/** One page of calls and the total (two statements whatever the page). */
export async function calls(db: DbOrTx, scope: CallScope, f: CallFilter, sort: Sort<CallSort>, limit: number, offset: number) {
  const w = callsWhere(scope, f);
  const [rows, [count]] = await Promise.all([
    callsBase(db)
      .where(w)
      .orderBy(...orderBy(callColumns, sort, [desc(pitchCalls.createdAt)], pitchCalls.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: sql<number>`count(*)::int` }).from(pitchCalls).innerJoin(spaces, eq(spaces.id, pitchCalls.spaceId)).where(w),
  ]);
  return { rows: rows as CallWithSpace[], total: count?.n ?? 0 };
}

export async function findCall(db: DbOrTx, id: string): Promise<CallWithSpace | undefined> {
  const [row] = await callsBase(db).where(eq(pitchCalls.id, id));
  return row as CallWithSpace | undefined;
}

export async function lockCall(tx: Tx, id: string): Promise<CallRow | undefined> {
  const [row] = await tx.select().from(pitchCalls).where(eq(pitchCalls.id, id)).for('update');
  return row;
}

export async function insertCall(tx: Tx, row: typeof pitchCalls.$inferInsert): Promise<CallRow> {
  const [r] = await tx.insert(pitchCalls).values(row).returning();
  return r!;
}

export async function updateCall(tx: Tx, id: string, patch: Partial<typeof pitchCalls.$inferInsert>): Promise<void> {
  await tx
    .update(pitchCalls)
    .set({ ...patch, revision: sql`${pitchCalls.revision} + 1`, updatedAt: new Date() })
    .where(eq(pitchCalls.id, id));
}

/** The space's event a call may be attached to. */
export async function findEvent(db: DbOrTx, id: string) {
  const [row] = await db.select({ id: spaceEvents.id, spaceId: spaceEvents.spaceId, kind: spaceEvents.kind, status: spaceEvents.status }).from(spaceEvents).where(eq(spaceEvents.id, id));
  return row;
}

/** The team's live application to each of the given calls. */
export async function teamApplicationsOf(db: DbOrTx, makerOrgId: string, callIds: readonly string[]): Promise<Map<string, string>> {
  if (!callIds.length) return new Map();
  const rows = await db
    .select({ id: pitchApplications.id, callId: pitchApplications.callId })
    .from(pitchApplications)
    .where(and(eq(pitchApplications.makerOrgId, makerOrgId), eq(pitchApplications.state, 'submitted'), inArray(pitchApplications.callId, [...callIds])));
  return new Map(rows.map((r) => [r.callId, r.id]));
}

/** The published results of the given calls: rank, project and team name, award — nothing about a person. */
export async function resultsOf(db: DbOrTx, callIds: readonly string[]) {
  if (!callIds.length) return [];
  return db
    .select({ callId: pitchApplications.callId, rank: pitchApplications.rank, projectName: pitchApplications.projectName, teamName: organisations.name, award: pitchApplications.award })
    .from(pitchApplications)
    .innerJoin(organisations, eq(organisations.id, pitchApplications.makerOrgId))
    .where(and(inArray(pitchApplications.callId, [...callIds]), eq(pitchApplications.state, 'submitted'), isNotNull(pitchApplications.rank)))
    .orderBy(asc(pitchApplications.rank), asc(pitchApplications.projectName), asc(pitchApplications.id));
}

// ---- panel ----

export async function panelOf(db: DbOrTx, callId: string) {
  return db
    .select({ userId: pitchPanel.userId, displayName: users.displayName, orgName: organisations.name })
    .from(pitchPanel)
    .innerJoin(users, eq(users.id, pitchPanel.userId))
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .where(eq(pitchPanel.callId, callId))
    .orderBy(asc(users.displayName));
}

/** The given users' addresses and organisations (the reviewers newly assigned: told once). */
export function contactsOf(db: DbOrTx, userIds: readonly string[]) {
  if (!userIds.length) return Promise.resolve([]);
  return db
    .select({ id: users.id, email: users.email, orgId: users.orgId })
    .from(users)
    .where(and(inArray(users.id, [...userIds]), eq(users.status, 'active')));
}

/** The active members of each team with a live application to the call, with its frozen rank and award: told the results. */
export function applicantsOf(db: DbOrTx, callId: string) {
  return db
    .select({ id: users.id, email: users.email, projectName: pitchApplications.projectName, rank: pitchApplications.rank, award: pitchApplications.award })
    .from(pitchApplications)
    .innerJoin(users, eq(users.orgId, pitchApplications.makerOrgId))
    .where(and(eq(pitchApplications.callId, callId), eq(pitchApplications.state, 'submitted'), eq(users.status, 'active')))
    .orderBy(asc(pitchApplications.id), asc(users.id));
}

export async function onPanel(db: DbOrTx, callId: string, userId: string): Promise<boolean> {
  const [row] = await db.select({ u: pitchPanel.userId }).from(pitchPanel).where(and(eq(pitchPanel.callId, callId), eq(pitchPanel.userId, userId)));
  return !!row;
}

export async function setPanel(tx: Tx, callId: string, userIds: readonly string[]): Promise<void> {
  await tx.delete(pitchPanel).where(eq(pitchPanel.callId, callId));
  if (userIds.length) await tx.insert(pitchPanel).values(userIds.map((userId) => ({ callId, userId })));
}

// ---- applications ----

/** The mean of the reviewers' weighted totals (conflicted reviewers left out), rounded to two places. */
const meanOf = sql<number | null>`(select round(avg(s.total), 2)::float8 from ${pitchScores} s where s.application_id = ${pitchApplications.id} and not s.conflict)`;
/** Rank by that mean over the call's live applications (1, 2, 2, 4); none without a score. */
const liveRank = sql<number | null>`case when ${meanOf} is null then null else (rank() over (partition by ${pitchApplications.callId} order by ${meanOf} desc nulls last))::int end`;

const applicationWithTeam = {
  application: pitchApplications,
  teamName: organisations.name,
  submitterName: users.displayName,
  mean: meanOf,
  rank: liveRank,
  scored: sql<number>`(select count(*)::int from ${pitchScores} s where s.application_id = ${pitchApplications.id} and not s.conflict)`,
  recused: sql<number>`(select count(*)::int from ${pitchScores} s where s.application_id = ${pitchApplications.id} and s.conflict)`,
};
export interface ApplicationWithTeam {
  application: ApplicationRow;
  teamName: string;
  submitterName: string;
  mean: number | null;
  rank: number | null;
  scored: number;
  recused: number;
}

const applicationsBase = (db: DbOrTx) =>
  db
    .select(applicationWithTeam)
    .from(pitchApplications)
    .innerJoin(organisations, eq(organisations.id, pitchApplications.makerOrgId))
    .innerJoin(users, eq(users.id, pitchApplications.submittedBy));

export const APPLICATION_SORTS = ['rank', 'projectName', 'teamName', 'submittedAt', 'stage'] as const;
export type ApplicationSort = (typeof APPLICATION_SORTS)[number];
const applicationColumns = { rank: liveRank, projectName: pitchApplications.projectName, teamName: organisations.name, submittedAt: pitchApplications.submittedAt, stage: pitchApplications.stage };

/**
 * One page of a call's live applications with the mean and rank by weighted mean, computed in SQL
 * over the whole call before the page is cut (two statements).
 */
export async function applicationsOf(db: DbOrTx, callId: string, sort: Sort<ApplicationSort>, limit: number, offset: number) {
  const w = and(eq(pitchApplications.callId, callId), eq(pitchApplications.state, 'submitted'));
  const [rows, [count]] = await Promise.all([
    applicationsBase(db)
      .where(w)
      .orderBy(...orderBy(applicationColumns, sort, [sql`${liveRank} asc nulls last`, asc(pitchApplications.submittedAt)], pitchApplications.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: sql<number>`count(*)::int` }).from(pitchApplications).where(w),
  ]);
  return { rows: rows as ApplicationWithTeam[], total: count?.n ?? 0 };
}

/** Every live application of a call with its live rank and mean (for publishing). */
export async function rankedOf(tx: Tx, callId: string) {
  return (await applicationsBase(tx).where(and(eq(pitchApplications.callId, callId), eq(pitchApplications.state, 'submitted')))) as ApplicationWithTeam[];
}

export async function findApplication(db: DbOrTx, id: string): Promise<ApplicationWithTeam | undefined> {
  const [row] = await applicationsBase(db).where(eq(pitchApplications.id, id));
  return row as ApplicationWithTeam | undefined;
}

export async function lockApplication(tx: Tx, id: string): Promise<ApplicationRow | undefined> {
  const [row] = await tx.select().from(pitchApplications).where(eq(pitchApplications.id, id)).for('update');
  return row;
}

/** Inserts the team's application unless it already has a live one for the call (then undefined). */
export async function insertApplication(tx: Tx, row: typeof pitchApplications.$inferInsert): Promise<ApplicationRow | undefined> {
  const [r] = await tx
    .insert(pitchApplications)
    .values(row)
    .onConflictDoNothing({ target: [pitchApplications.callId, pitchApplications.makerOrgId], where: sql`${pitchApplications.state} = 'submitted'` })
    .returning();
  return r;
}

export async function updateApplication(tx: Tx, id: string, patch: Partial<typeof pitchApplications.$inferInsert>): Promise<void> {
  await tx
    .update(pitchApplications)
    .set({ ...patch, revision: sql`${pitchApplications.revision} + 1`, updatedAt: new Date() })
    .where(eq(pitchApplications.id, id));
}

/** Sets the awards of a call: the listed applications get theirs, every other loses any it had. */
export async function setAwards(tx: Tx, callId: string, awards: readonly { applicationId: string; award: string }[]): Promise<void> {
  await tx.update(pitchApplications).set({ award: null }).where(eq(pitchApplications.callId, callId));
  for (const a of awards) await tx.update(pitchApplications).set({ award: a.award }).where(and(eq(pitchApplications.id, a.applicationId), eq(pitchApplications.callId, callId)));
}

/** Writes the rank and final score of the call's live applications at publication, in one statement. */
export async function freezeResults(tx: Tx, callId: string): Promise<number> {
  const res = (await tx.execute(sql`
    update ${pitchApplications} a set rank = r.rank, final_score = r.mean
    from (
      select x.id, x.mean, case when x.mean is null then null else (rank() over (order by x.mean desc nulls last))::int end as rank
      from (
        select pa.id, (select round(avg(s.total), 2) from ${pitchScores} s where s.application_id = pa.id and not s.conflict) as mean
        from ${pitchApplications} pa where pa.call_id = ${callId} and pa.state = 'submitted'
      ) x
    ) r
    where a.id = r.id
    returning a.id`)) as unknown as { rows: unknown[] };
  return res.rows.length;
}

/** A maker team's applications with their calls, one page, newest first. */
export async function applicationsOfTeam(db: DbOrTx, makerOrgId: string, limit: number, offset: number) {
  const w = eq(pitchApplications.makerOrgId, makerOrgId);
  const [rows, [count]] = await Promise.all([
    db
      .select({ application: pitchApplications, title: pitchCalls.title, callState: pitchCalls.state, closesAt: pitchCalls.closesAt, opensAt: pitchCalls.opensAt, spaceName: spaces.name, eventKind: spaceEvents.kind })
      .from(pitchApplications)
      .innerJoin(pitchCalls, eq(pitchCalls.id, pitchApplications.callId))
      .innerJoin(spaces, eq(spaces.id, pitchCalls.spaceId))
      .innerJoin(spaceEvents, eq(spaceEvents.id, pitchCalls.eventId))
      .where(w)
      .orderBy(desc(pitchApplications.submittedAt), asc(pitchApplications.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: sql<number>`count(*)::int` }).from(pitchApplications).where(w),
  ]);
  return { rows, total: count?.n ?? 0 };
}

// ---- reviews ----

export const REVIEW_SORTS = ['closesAt', 'callTitle', 'projectName', 'scoredAt'] as const;
export type ReviewSort = (typeof REVIEW_SORTS)[number];

/** The applications of the calls a reviewer sits on, once their window has closed (in review or published), with the reviewer's own sheet. */
export async function reviewQueue(db: DbOrTx, reviewerId: string, f: { pending?: boolean | undefined }, sort: Sort<ReviewSort>, limit: number, offset: number) {
  const mine = sql`(select 1 from ${pitchScores} s where s.application_id = ${pitchApplications.id} and s.reviewer_id = ${reviewerId})`;
  const w = and(
    eq(pitchApplications.state, 'submitted'),
    inArray(pitchCalls.state, ['reviewing', 'published']),
    sql`exists (select 1 from ${pitchPanel} p where p.call_id = ${pitchCalls.id} and p.user_id = ${reviewerId})`,
    f.pending ? and(eq(pitchCalls.state, 'reviewing'), sql`not exists ${mine}`) : undefined,
  );
  const scoredAt = sql`(select s.scored_at from ${pitchScores} s where s.application_id = ${pitchApplications.id} and s.reviewer_id = ${reviewerId})`;
  const columns = { closesAt: pitchCalls.closesAt, callTitle: pitchCalls.title, projectName: pitchApplications.projectName, scoredAt };
  const base = () =>
    db
      .select({
        applicationId: pitchApplications.id,
        projectName: pitchApplications.projectName,
        stage: pitchApplications.stage,
        teamName: organisations.name,
        callId: pitchCalls.id,
        callTitle: pitchCalls.title,
        callState: pitchCalls.state,
        spaceName: spaces.name,
        closesAt: pitchCalls.closesAt,
        conflict: sql<boolean | null>`(select s.conflict from ${pitchScores} s where s.application_id = ${pitchApplications.id} and s.reviewer_id = ${reviewerId})`,
        total: sql<number | null>`(select s.total::float8 from ${pitchScores} s where s.application_id = ${pitchApplications.id} and s.reviewer_id = ${reviewerId})`,
        scoredAt: sql<Date | null>`${scoredAt}`.mapWith((v: string | Date | null) => (v === null ? null : new Date(v))),
      })
      .from(pitchApplications)
      .innerJoin(pitchCalls, eq(pitchCalls.id, pitchApplications.callId))
      .innerJoin(spaces, eq(spaces.id, pitchCalls.spaceId))
      .innerJoin(organisations, eq(organisations.id, pitchApplications.makerOrgId));
  const [rows, [count]] = await Promise.all([
    base()
      .where(w)
      .orderBy(...orderBy(columns, sort, [desc(pitchCalls.closesAt)], pitchApplications.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: sql<number>`count(*)::int` }).from(pitchApplications).innerJoin(pitchCalls, eq(pitchCalls.id, pitchApplications.callId)).where(w),
  ]);
  return { rows, total: count?.n ?? 0 };
}

export async function scoresOf(db: DbOrTx, applicationId: string) {
  return db
    .select({ score: pitchScores, displayName: users.displayName })
    .from(pitchScores)
    .innerJoin(users, eq(users.id, pitchScores.reviewerId))
    .where(eq(pitchScores.applicationId, applicationId))
    .orderBy(asc(pitchScores.scoredAt), asc(pitchScores.reviewerId));
}

export async function upsertScore(tx: Tx, row: typeof pitchScores.$inferInsert): Promise<void> {
  const { applicationId: _a, reviewerId: _r, ...set } = row;
  await tx
    .insert(pitchScores)
    .values(row)
    .onConflictDoUpdate({ target: [pitchScores.applicationId, pitchScores.reviewerId], set: { ...set, scoredAt: new Date() } });
}
