import { and, asc, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.ts';
import { inBeijingYear } from '../../db/beijing-year.ts';
import { orderBy, type Sort } from '../../shared/http/sorting.ts';
import { containsPattern } from '../../shared/validation/search.ts';
import { filings } from '../filings/schema.ts';
import { userRoles, users } from '../identity/schema.ts';
import { organisations } from '../orgs/schema.ts';
import { regions } from '../regions/schema.ts';
import { spaces } from '../spaces/schema.ts';
import { crowdAwards, crowdChallenges, crowdPanel, crowdScores, crowdSolutions, type ChallengeState } from './schema.ts';

/** All SQL of crowd challenges; reads join spaces, regions, organisations and users for names. */

export type ChallengeRow = typeof crowdChallenges.$inferSelect;
export type SolutionRow = typeof crowdSolutions.$inferSelect;
export type AwardRow = typeof crowdAwards.$inferSelect;

const challengeWithSpace = {
  challenge: crowdChallenges,
  spaceName: spaces.name,
  operatorOrgId: spaces.operatorOrgId,
  regionName: regions.name,
  solutions: sql<number>`(select count(*)::int from ${crowdSolutions} s where s.challenge_id = ${crowdChallenges.id})`,
};
export interface ChallengeWithSpace {
  challenge: ChallengeRow;
  spaceName: string;
  operatorOrgId: string;
  regionName: string;
  solutions: number;
}

const challengesBase = (db: DbOrTx) =>
  db.select(challengeWithSpace).from(crowdChallenges).innerJoin(spaces, eq(spaces.id, crowdChallenges.spaceId)).innerJoin(regions, eq(regions.code, spaces.regionCode));

export const CHALLENGE_SORTS = ['createdAt', 'deadline', 'reward', 'title', 'state'] as const;
export type ChallengeSort = (typeof CHALLENGE_SORTS)[number];
const challengeColumns = { createdAt: crowdChallenges.createdAt, deadline: crowdChallenges.deadline, reward: crowdChallenges.rewardYuan, title: crowdChallenges.title, state: crowdChallenges.state };

export interface ChallengeFilter {
  spaceId?: string | undefined;
  state?: ChallengeState | undefined;
  q?: string | undefined;
}

/** Whose challenges a list covers: an operator's, those a user sits on the panel of, or the published ones. */
export type ChallengeScope = { operatorOrgId: string } | { panelUserId: string } | { states: readonly ChallengeState[] };

function challengesWhere(scope: ChallengeScope, f: ChallengeFilter): SQL {
  const conds: SQL[] = [];
  if ('operatorOrgId' in scope) conds.push(eq(spaces.operatorOrgId, scope.operatorOrgId));
  else if ('panelUserId' in scope) conds.push(sql`exists (select 1 from ${crowdPanel} p where p.challenge_id = ${crowdChallenges.id} and p.user_id = ${scope.panelUserId})`);
  else conds.push(inArray(crowdChallenges.state, [...scope.states]));
  if (f.spaceId) conds.push(eq(crowdChallenges.spaceId, f.spaceId));
  if (f.state) conds.push(eq(crowdChallenges.state, f.state));
  if (f.q) {
    const like = containsPattern(f.q);
    conds.push(or(sql`${crowdChallenges.title} ilike ${like}`, sql`${spaces.name} ilike ${like}`)!);
  }
  return and(...conds)!;
}

/** One page of challenges with the award of each (three statements whatever the page). */
export async function challenges(db: DbOrTx, scope: ChallengeScope, f: ChallengeFilter, sort: Sort<ChallengeSort>, limit: number, offset: number) {
  const w = challengesWhere(scope, f);
  const [rows, [count]] = await Promise.all([
    challengesBase(db)
      .where(w)
      .orderBy(...orderBy(challengeColumns, sort, [desc(crowdChallenges.createdAt)], crowdChallenges.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: sql<number>`count(*)::int` }).from(crowdChallenges).innerJoin(spaces, eq(spaces.id, crowdChallenges.spaceId)).where(w),
  ]);
  const awards = await awardsOf(db, rows.map((r) => r.challenge.id));
  return { rows: rows as ChallengeWithSpace[], awards, total: count?.n ?? 0 };
}

export async function awardsOf(db: DbOrTx, challengeIds: readonly string[]): Promise<Map<string, AwardRow>> {
  if (!challengeIds.length) return new Map();
  const rows = await db.select().from(crowdAwards).where(inArray(crowdAwards.challengeId, [...challengeIds]));
  return new Map(rows.map((r) => [r.challengeId, r]));
}

export async function findChallenge(db: DbOrTx, id: string): Promise<ChallengeWithSpace | undefined> {
  const [row] = await challengesBase(db).where(eq(crowdChallenges.id, id));
  return row as ChallengeWithSpace | undefined;
}

export async function lockChallenge(tx: Tx, id: string): Promise<ChallengeRow | undefined> {
  const [row] = await tx.select().from(crowdChallenges).where(eq(crowdChallenges.id, id)).for('update');
  return row;
}

export async function insertChallenge(tx: Tx, row: typeof crowdChallenges.$inferInsert): Promise<ChallengeRow> {
  const [r] = await tx.insert(crowdChallenges).values(row).returning();
  return r!;
}

export async function updateChallenge(tx: Tx, id: string, patch: Partial<typeof crowdChallenges.$inferInsert>): Promise<void> {
  await tx
    .update(crowdChallenges)
    .set({ ...patch, revision: sql`${crowdChallenges.revision} + 1`, updatedAt: new Date() })
    .where(eq(crowdChallenges.id, id));
}

// ---- panel ----

export async function panelOf(db: DbOrTx, challengeId: string) {
  return db
    .select({ userId: crowdPanel.userId, displayName: users.displayName, orgName: organisations.name })
    .from(crowdPanel)
    .innerJoin(users, eq(users.id, crowdPanel.userId))
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .where(eq(crowdPanel.challengeId, challengeId))
    .orderBy(asc(users.displayName));
}

export async function onPanel(db: DbOrTx, challengeId: string, userId: string): Promise<boolean> {
  const [row] = await db.select({ u: crowdPanel.userId }).from(crowdPanel).where(and(eq(crowdPanel.challengeId, challengeId), eq(crowdPanel.userId, userId)));
  return !!row;
}

export async function setPanel(tx: Tx, challengeId: string, userIds: readonly string[]): Promise<void> {
  await tx.delete(crowdPanel).where(eq(crowdPanel.challengeId, challengeId));
  if (userIds.length) await tx.insert(crowdPanel).values(userIds.map((userId) => ({ challengeId, userId })));
}

/** Active accounts that may sit on a panel: experts, and the members of the operator. One statement. */
export async function panelCandidates(db: DbOrTx, operatorOrgId: string, userIds?: readonly string[]) {
  const roles = sql<string[]>`array_agg(${userRoles.role}::text)`;
  const q = db
    .select({ userId: users.id, displayName: users.displayName, orgId: users.orgId, orgName: organisations.name, roles })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .where(
      and(
        eq(users.status, 'active'),
        or(eq(userRoles.role, 'expert'), and(eq(users.orgId, operatorOrgId), inArray(userRoles.role, ['operator_admin', 'operator_staff']))),
        userIds ? inArray(users.id, userIds.length ? [...userIds] : ['00000000-0000-0000-0000-000000000000']) : undefined,
      ),
    )
    .groupBy(users.id, organisations.name)
    .orderBy(asc(organisations.name), asc(users.displayName));
  return q;
}

// ---- solutions ----

const solutionWithTeam = {
  solution: crowdSolutions,
  teamName: organisations.name,
  submitterName: users.displayName,
  averageScore: sql<string | null>`(select round(avg(sc.score), 1)::text from ${crowdScores} sc where sc.solution_id = ${crowdSolutions.id})`,
  scoreCount: sql<number>`(select count(*)::int from ${crowdScores} sc where sc.solution_id = ${crowdSolutions.id})`,
};
export interface SolutionWithTeam {
  solution: SolutionRow;
  teamName: string;
  submitterName: string;
  averageScore: string | null;
  scoreCount: number;
}

const solutionsBase = (db: DbOrTx) =>
  db.select(solutionWithTeam).from(crowdSolutions).innerJoin(organisations, eq(organisations.id, crowdSolutions.makerOrgId)).innerJoin(users, eq(users.id, crowdSolutions.submittedBy));

/** The solutions of a challenge, or only one team's. */
export async function solutionsOf(db: DbOrTx, challengeId: string, makerOrgId?: string): Promise<SolutionWithTeam[]> {
  return (await solutionsBase(db)
    .where(and(eq(crowdSolutions.challengeId, challengeId), makerOrgId ? eq(crowdSolutions.makerOrgId, makerOrgId) : undefined))
    .orderBy(asc(crowdSolutions.submittedAt), asc(crowdSolutions.id))) as SolutionWithTeam[];
}

export async function findSolution(db: DbOrTx, id: string): Promise<SolutionWithTeam | undefined> {
  const [row] = await solutionsBase(db).where(eq(crowdSolutions.id, id));
  return row as SolutionWithTeam | undefined;
}

/** A maker team's solutions with their challenges, newest first. */
export async function solutionsOfTeam(db: DbOrTx, makerOrgId: string) {
  return db
    .select({ solution: crowdSolutions, title: crowdChallenges.title, state: crowdChallenges.state, spaceName: spaces.name, awarded: sql<boolean>`exists (select 1 from ${crowdAwards} a where a.solution_id = ${crowdSolutions.id})` })
    .from(crowdSolutions)
    .innerJoin(crowdChallenges, eq(crowdChallenges.id, crowdSolutions.challengeId))
    .innerJoin(spaces, eq(spaces.id, crowdChallenges.spaceId))
    .where(eq(crowdSolutions.makerOrgId, makerOrgId))
    .orderBy(desc(crowdSolutions.submittedAt), asc(crowdSolutions.id))
    .limit(200);
}

export async function insertSolution(tx: Tx, row: typeof crowdSolutions.$inferInsert): Promise<SolutionRow | undefined> {
  const [r] = await tx.insert(crowdSolutions).values(row).onConflictDoNothing().returning();
  return r;
}

export async function scoresOf(db: DbOrTx, solutionIds: readonly string[]) {
  if (!solutionIds.length) return [];
  return db
    .select({ score: crowdScores, displayName: users.displayName })
    .from(crowdScores)
    .innerJoin(users, eq(users.id, crowdScores.userId))
    .where(inArray(crowdScores.solutionId, [...solutionIds]))
    .orderBy(asc(crowdScores.scoredAt));
}

export async function upsertScore(tx: Tx, row: typeof crowdScores.$inferInsert): Promise<void> {
  await tx
    .insert(crowdScores)
    .values(row)
    .onConflictDoUpdate({ target: [crowdScores.solutionId, crowdScores.userId], set: { score: row.score, comment: row.comment ?? null, scoredAt: new Date() } });
}

export async function insertAward(tx: Tx, row: typeof crowdAwards.$inferInsert): Promise<AwardRow> {
  const [r] = await tx.insert(crowdAwards).values(row).returning();
  return r!;
}

// ---- figures ----

/**
 * Challenges published, solutions received, awards and rewards paid per space in one year (Beijing
 * time), in one statement for every space (or the given ones).
 */
export async function yearFigures(db: DbOrTx, year: number, spaceIds?: readonly string[]) {
  const only = spaceIds ? sql`and c.space_id in (${spaceIds.length ? sql.join(spaceIds.map((id) => sql`${id}::uuid`), sql`, `) : sql`null`})` : sql``;
  const res = (await db.execute(sql`
    select c.space_id,
      count(*) filter (where ${inBeijingYear(sql`c.published_at`, year)})::int as published,
      coalesce(sum((select count(*) from ${crowdSolutions} s where s.challenge_id = c.id and ${inBeijingYear(sql`s.submitted_at`, year)})), 0)::int as solutions,
      count(a.id) filter (where ${inBeijingYear(sql`a.awarded_at`, year)})::int as awarded,
      coalesce(sum(a.reward_yuan) filter (where ${inBeijingYear(sql`a.awarded_at`, year)}), 0)::bigint as reward
    from ${crowdChallenges} c left join ${crowdAwards} a on a.challenge_id = c.id
    where c.state <> 'draft' ${only}
    group by c.space_id`)) as unknown as { rows: Record<string, unknown>[] };
  return res.rows.map((r) => ({ spaceId: String(r.space_id), published: Number(r.published), solutions: Number(r.solutions), awarded: Number(r.awarded), rewardYuan: Number(r.reward) }));
}

// ---- the authority's view ----

const under = (path: string): SQL => or(eq(regions.path, path), sql`${regions.path} like ${`${path}/%`}`)!;
const filed = sql`exists (select 1 from ${filings} where ${filings.spaceId} = ${spaces.id} and ${filings.status} = 'active')`;
/** The filed, active spaces under a region path: the authority's jurisdiction. */
const jurisdiction = (path: string) => and(eq(spaces.status, 'active'), filed, under(path))!;

export const JURISDICTION_SORTS = ['spaceName', 'challenges', 'solutions', 'offered', 'awarded'] as const;
export type JurisdictionSort = (typeof JURISDICTION_SORTS)[number];

/**
 * The filed spaces under a region path with their crowd work of a year: challenges published in it
 * (by their state now, and the rewards they offer), solutions submitted and awards announced in it.
 * Each figure is grouped once over its table and joined per space, so the statement stays one
 * whatever the number of spaces; one more statement gives the totals.
 */
export async function jurisdictionFigures(db: DbOrTx, path: string, year: number, sort: Sort<JurisdictionSort>, limit: number | null, offset: number) {
  const published = db
    .select({
      spaceId: crowdChallenges.spaceId,
      challenges: sql<number>`count(*)::int`.as('challenges'),
      open: sql<number>`(count(*) filter (where ${crowdChallenges.state} = 'open'))::int`.as('open'),
      judging: sql<number>`(count(*) filter (where ${crowdChallenges.state} = 'judging'))::int`.as('judging'),
      awardedState: sql<number>`(count(*) filter (where ${crowdChallenges.state} = 'awarded'))::int`.as('awarded_state'),
      closed: sql<number>`(count(*) filter (where ${crowdChallenges.state} = 'closed'))::int`.as('closed'),
      offeredYuan: sql<number>`sum(${crowdChallenges.rewardYuan})::float8`.as('offered_yuan'),
    })
    .from(crowdChallenges)
    .where(and(sql`${crowdChallenges.state} <> 'draft'`, inBeijingYear(crowdChallenges.publishedAt, year)))
    .groupBy(crowdChallenges.spaceId)
    .as('published');
  const submitted = db
    .select({ spaceId: crowdChallenges.spaceId, solutions: sql<number>`count(*)::int`.as('solutions') })
    .from(crowdSolutions)
    .innerJoin(crowdChallenges, eq(crowdChallenges.id, crowdSolutions.challengeId))
    .where(inBeijingYear(crowdSolutions.submittedAt, year))
    .groupBy(crowdChallenges.spaceId)
    .as('submitted');
  const awarded = db
    .select({ spaceId: crowdChallenges.spaceId, awards: sql<number>`count(*)::int`.as('awards'), awardedYuan: sql<number>`sum(${crowdAwards.rewardYuan})::float8`.as('awarded_yuan') })
    .from(crowdAwards)
    .innerJoin(crowdChallenges, eq(crowdChallenges.id, crowdAwards.challengeId))
    .where(inBeijingYear(crowdAwards.awardedAt, year))
    .groupBy(crowdChallenges.spaceId)
    .as('awarded');
  const per = db
    .select({
      spaceId: sql<string>`${spaces.id}`.as('space_id'),
      spaceName: sql<string>`${spaces.name}`.as('space_name'),
      regionName: sql<string>`${regions.name}`.as('region_name'),
      challenges: sql<number>`coalesce(${published.challenges}, 0)`.as('n_challenges'),
      open: sql<number>`coalesce(${published.open}, 0)`.as('n_open'),
      judging: sql<number>`coalesce(${published.judging}, 0)`.as('n_judging'),
      awardedState: sql<number>`coalesce(${published.awardedState}, 0)`.as('n_awarded_state'),
      closed: sql<number>`coalesce(${published.closed}, 0)`.as('n_closed'),
      offeredYuan: sql<number>`coalesce(${published.offeredYuan}, 0)`.as('n_offered_yuan'),
      solutions: sql<number>`coalesce(${submitted.solutions}, 0)`.as('n_solutions'),
      awards: sql<number>`coalesce(${awarded.awards}, 0)`.as('n_awards'),
      awardedYuan: sql<number>`coalesce(${awarded.awardedYuan}, 0)`.as('n_awarded_yuan'),
    })
    .from(spaces)
    .innerJoin(regions, eq(regions.code, spaces.regionCode))
    .leftJoin(published, eq(published.spaceId, spaces.id))
    .leftJoin(submitted, eq(submitted.spaceId, spaces.id))
    .leftJoin(awarded, eq(awarded.spaceId, spaces.id))
    .where(jurisdiction(path))
    .as('per');
  const columns = { spaceName: per.spaceName, challenges: per.challenges, solutions: per.solutions, offered: per.offeredYuan, awarded: per.awardedYuan };
  const page = db.select().from(per).orderBy(...orderBy(columns, sort, [desc(per.challenges), asc(per.spaceName)], per.spaceId));
  const [rows, [totals]] = await Promise.all([
    limit === null ? page : page.limit(limit).offset(offset),
    db
      .select({
        spaces: sql<number>`count(*)::int`,
        active: sql<number>`(count(*) filter (where ${per.challenges} > 0))::int`,
        challenges: sql<number>`coalesce(sum(${per.challenges}), 0)::int`,
        solutions: sql<number>`coalesce(sum(${per.solutions}), 0)::int`,
        awards: sql<number>`coalesce(sum(${per.awards}), 0)::int`,
        offeredYuan: sql<number>`coalesce(sum(${per.offeredYuan}), 0)::float8`,
        awardedYuan: sql<number>`coalesce(sum(${per.awardedYuan}), 0)::float8`,
      })
      .from(per),
  ]);
  return { rows, totals: totals! };
}

/** The jurisdiction's challenges published in a year counted by state and field: one statement, at most states × fields rows. */
export async function jurisdictionBreakdown(db: DbOrTx, path: string, year: number) {
  return db
    .select({ state: crowdChallenges.state, field: crowdChallenges.field, challenges: sql<number>`count(*)::int`, offeredYuan: sql<number>`sum(${crowdChallenges.rewardYuan})::float8` })
    .from(crowdChallenges)
    .innerJoin(spaces, eq(spaces.id, crowdChallenges.spaceId))
    .innerJoin(regions, eq(regions.code, spaces.regionCode))
    .where(and(jurisdiction(path), sql`${crowdChallenges.state} <> 'draft'`, inBeijingYear(crowdChallenges.publishedAt, year)))
    .groupBy(crowdChallenges.state, crowdChallenges.field);
}

/** One page of the jurisdiction's challenges published in a year (of one space if asked), each with its solutions and award. */
export async function jurisdictionChallenges(db: DbOrTx, path: string, year: number, spaceId: string | undefined, limit: number, offset: number) {
  const where = and(jurisdiction(path), sql`${crowdChallenges.state} <> 'draft'`, inBeijingYear(crowdChallenges.publishedAt, year), spaceId ? eq(crowdChallenges.spaceId, spaceId) : undefined);
  const [rows, [count]] = await Promise.all([
    db
      .select({
        id: crowdChallenges.id,
        title: crowdChallenges.title,
        spaceName: spaces.name,
        field: crowdChallenges.field,
        state: crowdChallenges.state,
        rewardYuan: crowdChallenges.rewardYuan,
        deadline: crowdChallenges.deadline,
        publishedAt: crowdChallenges.publishedAt,
        solutions: challengeWithSpace.solutions,
        awardedYuan: crowdAwards.rewardYuan,
      })
      .from(crowdChallenges)
      .innerJoin(spaces, eq(spaces.id, crowdChallenges.spaceId))
      .innerJoin(regions, eq(regions.code, spaces.regionCode))
      .leftJoin(crowdAwards, eq(crowdAwards.challengeId, crowdChallenges.id))
      .where(where)
      .orderBy(desc(crowdChallenges.publishedAt), asc(crowdChallenges.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: sql<number>`count(*)::int` }).from(crowdChallenges).innerJoin(spaces, eq(spaces.id, crowdChallenges.spaceId)).innerJoin(regions, eq(regions.code, spaces.regionCode)).where(where),
  ]);
  return { rows, total: count?.n ?? 0 };
}
