import { and, asc, eq, gt, ilike, inArray, isNotNull, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.ts';
import { runInAnyRegionScope } from '../../db/scope.ts';
import { orderBy, type Sort } from '../../shared/http/sorting.ts';
import { containsPattern } from '../../shared/validation/search.ts';
import { organisations } from '../orgs/schema.ts';
import { regions } from '../regions/schema.ts';
import { passwordResetTokens, sessions, userRoles, users, type Role } from './schema.ts';

export type UserRow = typeof users.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;

export async function findUserByUsername(db: DbOrTx, username: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(sql`lower(${users.username}) = lower(${username})`);
  return row;
}

export async function findUserById(db: DbOrTx, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export async function rolesOf(db: DbOrTx, userId: string): Promise<Role[]> {
  const rows = await db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, userId));
  return rows.map((r) => r.role).sort();
}

export async function setRoles(db: DbOrTx, userId: string, roles: readonly Role[]): Promise<void> {
  await db.delete(userRoles).where(eq(userRoles.userId, userId));
  if (roles.length) await db.insert(userRoles).values(roles.map((role) => ({ userId, role })));
}

export async function updateUser(db: DbOrTx, id: string, patch: Partial<typeof users.$inferInsert>): Promise<void> {
  await db.update(users).set({ ...patch, updatedAt: new Date() }).where(eq(users.id, id));
}

export async function insertUser(db: DbOrTx, row: typeof users.$inferInsert): Promise<UserRow> {
  const [created] = await db.insert(users).values(row).returning();
  return created!;
}

/** The columns an Actor is built from: the user, its organisation with the region, its roles. */
const actorColumns = {
  user: {
    id: users.id,
    username: users.username,
    displayName: users.displayName,
    status: users.status,
    mustChangePassword: users.mustChangePassword,
    mfaEnrolled: sql<boolean>`${users.totpSecret} is not null`,
    locale: users.locale,
  },
  org: {
    id: organisations.id,
    name: organisations.name,
    kind: organisations.kind,
    authorityLevel: organisations.authorityLevel,
    status: organisations.status,
    regionCode: organisations.regionCode,
    regionName: regions.name,
    regionPath: regions.path,
  },
  // JSON rather than an array: both drivers parse it the same way.
  roles: sql<Role[]>`(select coalesce(json_agg(r.role order by r.role), '[]'::json) from ${userRoles} r where r.user_id = ${users.id})`,
};

/** The user's organisation with its region path, for building an Actor. */
export async function orgWithRegion(db: DbOrTx, orgId: string) {
  const [row] = await db.select(actorColumns.org).from(organisations).innerJoin(regions, eq(regions.code, organisations.regionCode)).where(eq(organisations.id, orgId));
  return row;
}

/** A user with its organisation, region and roles, in one statement (seeds and jobs acting as a user). */
export async function actorRowOf(db: DbOrTx, userId: string) {
  const [row] = await db
    .select(actorColumns)
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .innerJoin(regions, eq(regions.code, organisations.regionCode))
    .where(eq(users.id, userId));
  return row;
}
export type ActorRow = NonNullable<Awaited<ReturnType<typeof actorRowOf>>>;

/**
 * A live session (not revoked, not expired) with its user, organisation, region and roles: what
 * every signed-in request needs, in one statement (one round trip) rather than one per table. It runs
 * on every signed-in request, so it is built once per database as a prepared statement (named: on
 * PostgreSQL each pooled connection parses it once) instead of by the query builder each time.
 */
function prepareSessionLookup(db: Db) {
  return db
    .select({ session: sessions, ...actorColumns })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .innerJoin(regions, eq(regions.code, organisations.regionCode))
    .where(and(eq(sessions.tokenHash, sql.placeholder('tokenHash')), isNull(sessions.revokedAt), gt(sessions.expiresAt, sql.placeholder('now'))))
    .prepare('identity_live_session_with_actor');
}
const sessionLookups = new WeakMap<Db, ReturnType<typeof prepareSessionLookup>>();

export async function findLiveSessionWithActor(db: Db, tokenHash: string, now: Date) {
  let lookup = sessionLookups.get(db);
  if (!lookup) sessionLookups.set(db, (lookup = prepareSessionLookup(db)));
  // A placeholder's value reaches the driver as given: an ISO string reads the same on both databases.
  // No region-scoped table is read, so the connection keeps its scope (no set_config round trip).
  const [row] = await runInAnyRegionScope(() => lookup!.execute({ tokenHash, now: now.toISOString() }));
  return row;
}

export async function insertSession(db: DbOrTx, row: typeof sessions.$inferInsert): Promise<SessionRow> {
  const [created] = await db.insert(sessions).values(row).returning();
  return created!;
}

export async function touchSession(db: DbOrTx, id: string, now: Date): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
}

export async function updateSession(db: DbOrTx, id: string, patch: Partial<typeof sessions.$inferInsert>): Promise<void> {
  await db.update(sessions).set(patch).where(eq(sessions.id, id));
}

export async function revokeSession(db: DbOrTx, id: string, now: Date): Promise<void> {
  await db.update(sessions).set({ revokedAt: now }).where(and(eq(sessions.id, id), isNull(sessions.revokedAt)));
}

/** Ends every live session of a user (disable, password change, admin kill). Returns how many. */
export async function revokeUserSessions(db: DbOrTx, userId: string, now: Date, exceptSessionId?: string): Promise<number> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        exceptSessionId ? sql`${sessions.id} <> ${exceptSessionId}` : undefined,
      ),
    )
    .returning({ id: sessions.id });
  return rows.length;
}

/** Ends every live session of every user of an organisation (organisation disabled). Returns how many. */
export async function revokeOrgSessions(db: DbOrTx, orgId: string, now: Date): Promise<number> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(isNull(sessions.revokedAt), inArray(sessions.userId, db.select({ id: users.id }).from(users).where(eq(users.orgId, orgId)))))
    .returning({ id: sessions.id });
  return rows.length;
}

export interface UserFilter {
  /** Matches username, display name or email, case-insensitively. */
  q?: string;
  orgId?: string;
  role?: Role;
  status?: UserRow['status'];
}

/** The columns the account list sorts by. */
export const USER_SORTS = ['username', 'displayName', 'org', 'status', 'lastLoginAt', 'createdAt'] as const;
export type UserSort = Sort<(typeof USER_SORTS)[number]>;
const lastLoginAt = sql<Date | null>`(select max(${sessions.createdAt}) from ${sessions} where ${sessions.userId} = ${users.id})`;
const USER_SORT_COLUMN = { username: users.username, displayName: users.displayName, org: organisations.name, status: users.status, lastLoginAt, createdAt: users.createdAt };

/** One page of accounts with their organisation, roles and last sign-in, in the asked order (by username without one). */
export async function listUsers(db: DbOrTx, filter: UserFilter, sort: UserSort, page: number, pageSize: number) {
  const conds: SQL[] = [];
  if (filter.q) {
    const like = containsPattern(filter.q);
    conds.push(or(ilike(users.username, like), ilike(users.displayName, like), ilike(users.email, like))!);
  }
  if (filter.orgId) conds.push(eq(users.orgId, filter.orgId));
  if (filter.status) conds.push(eq(users.status, filter.status));
  if (filter.role)
    conds.push(sql`exists (select 1 from ${userRoles} where ${userRoles.userId} = ${users.id} and ${userRoles.role} = ${filter.role})`);
  const where = conds.length ? and(...conds) : undefined;
  const [rows, [count]] = await Promise.all([
    db
      .select({
        user: users,
        org: { id: organisations.id, name: organisations.name, kind: organisations.kind },
        roles: sql<Role[]>`coalesce((select array_agg(${userRoles.role} order by ${userRoles.role}) from ${userRoles} where ${userRoles.userId} = ${users.id}), '{}')`,
        // A sign-in is a session created; its time is the session's creation time.
        lastLoginAt: lastLoginAt.mapWith(sessions.createdAt),
      })
      .from(users)
      .innerJoin(organisations, eq(organisations.id, users.orgId))
      .where(where)
      .orderBy(...orderBy(USER_SORT_COLUMN, sort, [asc(users.username)], users.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(users).where(where),
  ]);
  return { items: rows, total: count?.n ?? 0 };
}

/**
 * Records `step` as the user's last used TOTP step unless that step (or a later one) was used
 * already; false when it was. One conditional UPDATE, so two requests racing with the same code
 * cannot both succeed.
 */
export async function claimTotpStep(db: DbOrTx, userId: string, step: number): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({ totpLastStep: step, updatedAt: new Date() })
    .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
    .returning({ id: users.id });
  return rows.length === 1;
}

/** Accounts whose stored TOTP secret does not start with `sealedPrefix` (stored in clear). */
export async function usersWithUnsealedTotpSecret(db: DbOrTx, sealedPrefix: string) {
  const rows = await db
    .select({ id: users.id, totpSecret: users.totpSecret })
    .from(users)
    .where(and(isNotNull(users.totpSecret), sql`left(${users.totpSecret}, ${sealedPrefix.length}) <> ${sealedPrefix}`));
  return rows as { id: string; totpSecret: string }[];
}

/** Swaps the stored TOTP secret only if it is still `expected`; false when another writer changed it first. */
export async function replaceTotpSecret(db: DbOrTx, userId: string, expected: string, next: string): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({ totpSecret: next, updatedAt: new Date() })
    .where(and(eq(users.id, userId), eq(users.totpSecret, expected)))
    .returning({ id: users.id });
  return rows.length === 1;
}

/**
 * Counts one failed sign-in step (password or second factor) in a single UPDATE, so concurrent
 * failures are all counted; the failure that reaches `maxFailures` locks the account until
 * `lockUntil` and starts the count again. Returns the count reached and whether it locked.
 */
export async function recordSignInFailure(db: DbOrTx, userId: string, maxFailures: number, lockUntil: Date) {
  const reaches = sql`${users.failedLoginCount} + 1 >= ${maxFailures}`;
  const [row] = await db
    .update(users)
    .set({
      failedLoginCount: sql`case when ${reaches} then 0 else ${users.failedLoginCount} + 1 end`,
      lockedUntil: sql`case when ${reaches} then ${lockUntil.toISOString()}::timestamptz else ${users.lockedUntil} end`,
      updatedAt: new Date(),
    })
    .where(eq(users.id, userId))
    .returning({ failedLoginCount: users.failedLoginCount });
  // The count only returns to 0 on the failure that locks.
  const locked = row?.failedLoginCount === 0;
  return { failures: locked ? maxFailures : (row?.failedLoginCount ?? 0), locked };
}

/** Active users of the organisations holding one of `roles`, with their e-mail addresses. */
export async function activeUsersWithRoles(db: DbOrTx, orgIds: readonly string[], roles: readonly Role[]) {
  if (!orgIds.length || !roles.length) return [];
  return db
    .selectDistinct({ id: users.id, email: users.email, orgId: users.orgId })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(inArray(users.orgId, [...orgIds]), inArray(userRoles.role, [...roles]), eq(users.status, 'active')));
}

export async function insertResetToken(db: DbOrTx, row: typeof passwordResetTokens.$inferInsert): Promise<void> {
  await db.insert(passwordResetTokens).values(row);
}

/** How many reset links the account was sent since `since` (the per-account limit). */
export async function resetTokensSince(db: DbOrTx, userId: string, since: Date): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(passwordResetTokens)
    .where(and(eq(passwordResetTokens.userId, userId), gt(passwordResetTokens.createdAt, since)));
  return row?.n ?? 0;
}

/** Ends the account's unused links (a newer one was sent, or the password changed). */
export async function endResetTokens(db: DbOrTx, userId: string, now: Date): Promise<void> {
  await db.update(passwordResetTokens).set({ usedAt: now }).where(and(eq(passwordResetTokens.userId, userId), isNull(passwordResetTokens.usedAt)));
}

export async function findLiveResetToken(db: DbOrTx, tokenHash: string, now: Date) {
  const [row] = await db
    .select()
    .from(passwordResetTokens)
    .where(and(eq(passwordResetTokens.tokenHash, tokenHash), isNull(passwordResetTokens.usedAt), gt(passwordResetTokens.expiresAt, now)));
  return row;
}

/** Marks the link used unless it was used meanwhile; false when another request claimed it first. */
export async function claimResetToken(db: DbOrTx, id: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(passwordResetTokens)
    .set({ usedAt: now })
    .where(and(eq(passwordResetTokens.id, id), isNull(passwordResetTokens.usedAt), gt(passwordResetTokens.expiresAt, now)))
    .returning({ id: passwordResetTokens.id });
  return rows.length === 1;
}
