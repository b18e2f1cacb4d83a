import { and, asc, count, eq, ilike, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import type { KeyIndustry } from '../../shared/domain.ts';
import { applications } from '../workflow/schema.ts';
import { calls } from '../calls/schema.ts';
import { userRoles, users } from '../identity/schema.ts';
import { organisations } from '../orgs/schema.ts';
import { regions } from '../regions/schema.ts';
import { spaces } from '../spaces/schema.ts';
import { expertAssignments, expertProfiles, scoreSheets } from './schema.ts';

export type ProfileRow = typeof expertProfiles.$inferSelect;
export type AssignmentRow = typeof expertAssignments.$inferSelect;
export type SheetRow = typeof scoreSheets.$inferSelect;

/** True when the expert has a live assignment on the application with the declaration signed. */
export async function hasDeclaredAssignment(db: DbOrTx, expertUserId: string, applicationId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: expertAssignments.id })
    .from(expertAssignments)
    .where(
      and(
        eq(expertAssignments.expertUserId, expertUserId),
        eq(expertAssignments.applicationId, applicationId),
        isNotNull(expertAssignments.declaredAt),
        isNull(expertAssignments.declinedAt),
      ),
    )
    .limit(1);
  return !!row;
}

/** Live (not declined) assignments of an application at a stage, and how many of them submitted scores. */
export async function scoringStatus(db: DbOrTx, applicationId: string, stageKey: string): Promise<{ assigned: number; submitted: number }> {
  const [row] = await db
    .select({ assigned: sql<number>`count(*)::int`, submitted: sql<number>`count(${expertAssignments.submittedAt})::int` })
    .from(expertAssignments)
    .where(and(eq(expertAssignments.applicationId, applicationId), eq(expertAssignments.stageKey, stageKey), isNull(expertAssignments.declinedAt)));
  return { assigned: row?.assigned ?? 0, submitted: row?.submitted ?? 0 };
}

// ── Pool ────────────────────────────────────────────────────────────────────

/** A profile with the expert's account and the names shown beside it. */
const profileColumns = {
  profile: expertProfiles,
  username: users.username,
  displayName: users.displayName,
  email: users.email,
  userStatus: users.status,
  regionName: regions.name,
  regionPath: regions.path,
};

const profileQuery = (db: DbOrTx) =>
  db.select(profileColumns).from(expertProfiles).innerJoin(users, eq(users.id, expertProfiles.userId)).innerJoin(regions, eq(regions.code, expertProfiles.regionCode));

export type ProfileWithUser = Awaited<ReturnType<ReturnType<typeof profileQuery>['execute']>>[number];

export async function findProfile(db: DbOrTx, userId: string): Promise<ProfileWithUser | undefined> {
  const [row] = await profileQuery(db).where(eq(expertProfiles.userId, userId));
  return row;
}

export interface PoolFilter {
  q?: string | undefined;
  field?: KeyIndustry | undefined;
  activeOnly?: boolean;
}

function poolWhere(poolOrgId: string, f: PoolFilter) {
  const like = f.q ? `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  return and(
    eq(expertProfiles.poolOrgId, poolOrgId),
    like ? or(ilike(users.username, like), ilike(users.displayName, like), ilike(expertProfiles.affiliation, like)) : undefined,
    f.field ? sql`${expertProfiles.fields} @> ${JSON.stringify([f.field])}::jsonb` : undefined,
    f.activeOnly ? and(eq(expertProfiles.active, true), eq(users.status, 'active')) : undefined,
  );
}

export async function listPool(db: DbOrTx, poolOrgId: string, f: PoolFilter, page: number, pageSize: number) {
  const where = poolWhere(poolOrgId, f);
  const [items, [total]] = await Promise.all([
    profileQuery(db)
      .where(where)
      .orderBy(asc(users.displayName), asc(users.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(expertProfiles).innerJoin(users, eq(users.id, expertProfiles.userId)).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

/** Every active expert of the pool whose account is active (assignment candidates). */
export const activePool = (db: DbOrTx, poolOrgId: string) => profileQuery(db).where(poolWhere(poolOrgId, { activeOnly: true })).orderBy(asc(users.id));

/** The account a pool admin names by username, with whether it holds the expert role. */
export async function accountByUsername(db: DbOrTx, username: string) {
  const [row] = await db
    .select({ id: users.id, displayName: users.displayName, isExpert: sql<boolean>`exists (select 1 from ${userRoles} where ${userRoles.userId} = ${users.id} and ${userRoles.role} = 'expert')` })
    .from(users)
    .where(eq(users.username, username));
  return row;
}

export async function existingOrgIds(db: DbOrTx, ids: readonly string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db.select({ id: organisations.id }).from(organisations).where(inArray(organisations.id, [...ids]));
  return new Set(rows.map((r) => r.id));
}

export async function orgNames(db: DbOrTx, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function insertProfile(db: DbOrTx, row: typeof expertProfiles.$inferInsert): Promise<void> {
  await db.insert(expertProfiles).values(row);
}

export async function updateProfile(db: DbOrTx, userId: string, patch: Partial<typeof expertProfiles.$inferInsert>): Promise<void> {
  await db
    .update(expertProfiles)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(expertProfiles.userId, userId));
}

// ── Score sheets ────────────────────────────────────────────────────────────

export async function findSheet(db: DbOrTx, callId: string): Promise<SheetRow | undefined> {
  const [row] = await db.select().from(scoreSheets).where(eq(scoreSheets.callId, callId));
  return row;
}

/** Saves the sheet if it is still at `revision` (0: none saved yet); undefined when someone else saved first. */
export async function saveSheetIf(db: DbOrTx, revision: number, row: Omit<typeof scoreSheets.$inferInsert, 'revision' | 'updatedAt'>): Promise<SheetRow | undefined> {
  if (revision === 0) {
    const [created] = await db.insert(scoreSheets).values(row).onConflictDoNothing().returning();
    return created;
  }
  const [updated] = await db
    .update(scoreSheets)
    .set({ ...row, revision: revision + 1, updatedAt: new Date() })
    .where(and(eq(scoreSheets.callId, row.callId), eq(scoreSheets.revision, revision)))
    .returning();
  return updated;
}

/** Whether any expert has submitted scores on an application of the call. */
export async function callHasScores(db: DbOrTx, callId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: expertAssignments.id })
    .from(expertAssignments)
    .innerJoin(applications, eq(applications.id, expertAssignments.applicationId))
    .where(and(eq(applications.callId, callId), isNotNull(expertAssignments.submittedAt)))
    .limit(1);
  return !!row;
}

// ── Assignments ─────────────────────────────────────────────────────────────

/** Ids of the call's applications under review at `stageKey`, oldest submission first. */
export async function applicationIdsAtStage(db: DbOrTx, callId: string, stageKey: string): Promise<string[]> {
  const rows = await db
    .select({ id: applications.id })
    .from(applications)
    .where(and(eq(applications.callId, callId), eq(applications.stageKey, stageKey), eq(applications.status, 'in_review')))
    .orderBy(asc(applications.submittedAt), asc(applications.id));
  return rows.map((r) => r.id);
}

const assignmentColumns = { assignment: expertAssignments, expertName: users.displayName, expertUsername: users.username };

/** The assignments of the applications at a stage, with the experts' names, oldest first. */
export function assignmentsOf(db: DbOrTx, applicationIds: readonly string[], stageKey: string) {
  if (!applicationIds.length) return Promise.resolve([]);
  return db
    .select(assignmentColumns)
    .from(expertAssignments)
    .innerJoin(users, eq(users.id, expertAssignments.expertUserId))
    .where(and(inArray(expertAssignments.applicationId, [...applicationIds]), eq(expertAssignments.stageKey, stageKey)))
    .orderBy(asc(expertAssignments.assignedAt), asc(expertAssignments.id));
}

export type AssignmentWithExpert = Awaited<ReturnType<typeof assignmentsOf>>[number];

export async function findAssignment(db: DbOrTx, id: string): Promise<AssignmentRow | undefined> {
  const [row] = await db.select().from(expertAssignments).where(eq(expertAssignments.id, id));
  return row;
}

export async function lockAssignment(db: DbOrTx, id: string): Promise<AssignmentRow | undefined> {
  const [row] = await db.select().from(expertAssignments).where(eq(expertAssignments.id, id)).for('update');
  return row;
}

/** Live assignments each expert carries (the load auto-assignment balances). */
export async function loads(db: DbOrTx, expertUserIds: readonly string[]): Promise<Map<string, number>> {
  if (!expertUserIds.length) return new Map();
  const rows = await db
    .select({ id: expertAssignments.expertUserId, n: count() })
    .from(expertAssignments)
    .where(and(inArray(expertAssignments.expertUserId, [...expertUserIds]), isNull(expertAssignments.declinedAt)))
    .groupBy(expertAssignments.expertUserId);
  return new Map(rows.map((r) => [r.id, r.n]));
}

export async function insertAssignments(db: DbOrTx, rows: (typeof expertAssignments.$inferInsert)[]): Promise<AssignmentRow[]> {
  return rows.length ? db.insert(expertAssignments).values(rows).returning() : [];
}

/** Changes an assignment only while it has no scores (the one-way steps: declare, decline, score). */
export async function updateUnscored(db: DbOrTx, id: string, patch: Partial<typeof expertAssignments.$inferInsert>): Promise<AssignmentRow | undefined> {
  const [row] = await db
    .update(expertAssignments)
    .set(patch)
    .where(and(eq(expertAssignments.id, id), isNull(expertAssignments.submittedAt)))
    .returning();
  return row;
}

export async function deleteUnscored(db: DbOrTx, id: string): Promise<boolean> {
  const rows = await db
    .delete(expertAssignments)
    .where(and(eq(expertAssignments.id, id), isNull(expertAssignments.submittedAt)))
    .returning({ id: expertAssignments.id });
  return rows.length > 0;
}

/** The expert's own assignments with what they need to find them: space, call, stage, state. */
export function assignmentsOfExpert(db: DbOrTx, expertUserId: string) {
  return db
    .select({ assignment: expertAssignments, spaceName: spaces.name, industry: spaces.industry, callId: calls.id, callTitle: calls.title, appStageKey: applications.stageKey, appStatus: applications.status })
    .from(expertAssignments)
    .innerJoin(applications, eq(applications.id, expertAssignments.applicationId))
    .innerJoin(spaces, eq(spaces.id, applications.spaceId))
    .innerJoin(calls, eq(calls.id, applications.callId))
    .where(eq(expertAssignments.expertUserId, expertUserId))
    .orderBy(sql`${expertAssignments.submittedAt} is not null`, asc(expertAssignments.assignedAt), asc(expertAssignments.id));
}

/** The call's applications that are at `stageKey` or were scored there (results stay after the stage passes). */
export async function applicationIdsForResults(db: DbOrTx, callId: string, stageKey: string): Promise<string[]> {
  const rows = await db
    .select({ id: applications.id })
    .from(applications)
    .where(
      and(
        eq(applications.callId, callId),
        or(
          and(eq(applications.stageKey, stageKey), eq(applications.status, 'in_review')),
          sql`exists (select 1 from ${expertAssignments} where ${expertAssignments.applicationId} = ${applications.id} and ${expertAssignments.stageKey} = ${stageKey})`,
        ),
      ),
    )
    .orderBy(asc(applications.submittedAt), asc(applications.id));
  return rows.map((r) => r.id);
}

/** Organisations whose name contains `q` (an expert's affiliation or conflicts), first 20 by name. */
export function searchOrgs(db: DbOrTx, q: string) {
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .select({ id: organisations.id, name: organisations.name, kind: organisations.kind })
    .from(organisations)
    .where(and(ilike(organisations.name, like), eq(organisations.status, 'active')))
    .orderBy(asc(organisations.name))
    .limit(20);
}
