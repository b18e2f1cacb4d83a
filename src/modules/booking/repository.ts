import { and, asc, desc, eq, gt, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { PgSelect } from 'drizzle-orm/pg-core';
import type { DbOrTx, Tx } from '../../db/client.ts';
import { COUNT_CAP } from '../../shared/http/pagination.ts';
import { containsTerm } from '../../shared/validation/search.ts';
import { filings } from '../filings/schema.ts';
import type { PhotoLinks } from '../files/index.ts';
import { users } from '../identity/schema.ts';
import { organisations } from '../orgs/schema.ts';
import { regions } from '../regions/schema.ts';
import type { KeyIndustry } from '../../shared/domain.ts';
import { spaces } from '../spaces/schema.ts';
import {
  bookingBans,
  bookingBlackouts,
  bookingMembers,
  bookingQualifications,
  bookingResourcePhotos,
  bookingResources,
  bookingRules,
  bookings,
  bookingSettings,
  bookingVouchers,
  bookingWaitlist,
  HOLDING_STATUSES,
  type BookingStatus,
  type ResourceKind,
  type UserGroup,
  type WaitlistStatus,
} from './schema.ts';
import { beijingMidnight, beijingYearBounds } from '../../shared/beijing-time.ts';

export type ResourceRow = typeof bookingResources.$inferSelect;
export type RuleRow = typeof bookingRules.$inferSelect;
export type BookingRow = typeof bookings.$inferSelect;
export type SettingsRow = typeof bookingSettings.$inferSelect;
export type WaitRow = typeof bookingWaitlist.$inferSelect;

const iso = (d: Date) => d.toISOString();
const holding = inArray(bookings.status, [...HOLDING_STATUSES]);
const asDate = (v: unknown) => (v instanceof Date ? v : new Date(String(v)));

/** A space with what the booking policy needs: its operator and region path. */
export async function findSpace(db: DbOrTx, spaceId: string) {
  const [row] = await db
    .select({ id: spaces.id, name: spaces.name, operatorOrgId: spaces.operatorOrgId, regionPath: regions.path })
    .from(spaces)
    .innerJoin(regions, eq(regions.code, spaces.regionCode))
    .where(eq(spaces.id, spaceId));
  return row;
}

const resourceColumns = { resource: bookingResources, spaceName: spaces.name, operatorOrgId: spaces.operatorOrgId, regionPath: regions.path };
const resourceBase = (db: DbOrTx) =>
  db.select(resourceColumns).from(bookingResources).innerJoin(spaces, eq(spaces.id, bookingResources.spaceId)).innerJoin(regions, eq(regions.code, spaces.regionCode));
export type ResourceWithSpace = Awaited<ReturnType<ReturnType<typeof resourceBase>['execute']>>[number];

export async function findResource(db: DbOrTx, id: string, lock = false): Promise<ResourceWithSpace | undefined> {
  const q = resourceBase(db).where(eq(bookingResources.id, id));
  const [row] = lock ? await q.for('update', { of: bookingResources }) : await q;
  return row;
}

/** The photos of these resources, each resource's in its order: one statement. */
export function photosOf(db: DbOrTx, resourceIds: readonly string[]) {
  if (!resourceIds.length) return Promise.resolve([]);
  return db
    .select({ resourceId: bookingResourcePhotos.resourceId, fileId: bookingResourcePhotos.fileId })
    .from(bookingResourcePhotos)
    .where(inArray(bookingResourcePhotos.resourceId, [...resourceIds]))
    .orderBy(asc(bookingResourcePhotos.resourceId), asc(bookingResourcePhotos.position), asc(bookingResourcePhotos.fileId));
}

export const insertPhoto = (tx: Tx, values: typeof bookingResourcePhotos.$inferInsert) => tx.insert(bookingResourcePhotos).values(values).returning();

export const deletePhoto = (tx: Tx, resourceId: string, fileId: string) =>
  tx
    .delete(bookingResourcePhotos)
    .where(and(eq(bookingResourcePhotos.resourceId, resourceId), eq(bookingResourcePhotos.fileId, fileId)))
    .returning();

/** The resource photos' link table, for the files module's ordering. */
export const RESOURCE_PHOTO_LINKS: PhotoLinks = { table: bookingResourcePhotos, owner: bookingResourcePhotos.resourceId, fileId: bookingResourcePhotos.fileId, position: bookingResourcePhotos.position };

/** The resource's photos' first (cover) photo, a correlated subquery for the lists. */
const coverPhoto = sql<string | null>`(select p.file_id from ${bookingResourcePhotos} p where p.resource_id = ${bookingResources.id} order by p.position, p.file_id limit 1)`;
/** All of a resource's photos in order, as a JSON array of file ids. */
const photoIdList = sql<string[]>`coalesce((select json_agg(p.file_id order by p.position, p.file_id) from ${bookingResourcePhotos} p where p.resource_id = ${bookingResources.id}), '[]'::json)`;

/**
 * Whether anyone may see the photo: it belongs to an active resource of an active space with an
 * active filing (what the search and the space's public page list).
 */
export async function isPublicPhoto(db: DbOrTx, resourceId: string, fileId: string): Promise<boolean> {
  const [row] = await db
    .select({ one: sql`1` })
    .from(bookingResourcePhotos)
    .innerJoin(bookingResources, eq(bookingResources.id, bookingResourcePhotos.resourceId))
    .innerJoin(spaces, eq(spaces.id, bookingResources.spaceId))
    .where(
      and(
        eq(bookingResourcePhotos.resourceId, resourceId),
        eq(bookingResourcePhotos.fileId, fileId),
        eq(bookingResources.active, true),
        eq(spaces.status, 'active'),
        sql`exists (select 1 from ${filings} where ${filings.spaceId} = ${spaces.id} and ${filings.status} = 'active')`,
      ),
    );
  return !!row;
}

export const resourcesOfSpace = (db: DbOrTx, spaceId: string) =>
  resourceBase(db).where(eq(bookingResources.spaceId, spaceId)).orderBy(asc(bookingResources.kind), asc(bookingResources.name), asc(bookingResources.id));

export async function insertResource(tx: Tx, values: typeof bookingResources.$inferInsert) {
  const [row] = await tx.insert(bookingResources).values(values).returning();
  return row!;
}

export async function updateResource(tx: Tx, id: string, revision: number, patch: Partial<typeof bookingResources.$inferInsert>) {
  const [row] = await tx
    .update(bookingResources)
    .set({ ...patch, revision: sql`${bookingResources.revision} + 1`, updatedAt: new Date() })
    .where(and(eq(bookingResources.id, id), eq(bookingResources.revision, revision)))
    .returning();
  return row;
}

export const rulesOf = (db: DbOrTx, resourceIds: readonly string[]) =>
  resourceIds.length ? db.select().from(bookingRules).where(inArray(bookingRules.resourceId, [...resourceIds])) : Promise.resolve([] as RuleRow[]);

export async function upsertRule(tx: Tx, values: typeof bookingRules.$inferInsert) {
  const { resourceId: _r, userGroup: _g, ...rest } = values;
  await tx
    .insert(bookingRules)
    .values(values)
    .onConflictDoUpdate({ target: [bookingRules.resourceId, bookingRules.userGroup], set: { ...rest, updatedAt: new Date() } });
}

export const deleteRule = (tx: Tx, resourceId: string, group: UserGroup) =>
  tx.delete(bookingRules).where(and(eq(bookingRules.resourceId, resourceId), eq(bookingRules.userGroup, group))).returning();

/** Blackouts of the resources that overlap [from, to). */
export const blackoutsOf = (db: DbOrTx, resourceIds: readonly string[], from: Date, to: Date) =>
  resourceIds.length
    ? db
        .select()
        .from(bookingBlackouts)
        .where(and(inArray(bookingBlackouts.resourceId, [...resourceIds]), lt(bookingBlackouts.startsAt, to), gt(bookingBlackouts.endsAt, from)))
        .orderBy(asc(bookingBlackouts.startsAt))
    : Promise.resolve([]);

export async function insertBlackout(tx: Tx, values: typeof bookingBlackouts.$inferInsert) {
  const [row] = await tx.insert(bookingBlackouts).values(values).returning();
  return row!;
}

export const deleteBlackout = (tx: Tx, resourceId: string, id: string) =>
  tx.delete(bookingBlackouts).where(and(eq(bookingBlackouts.id, id), eq(bookingBlackouts.resourceId, resourceId))).returning();

export const DEFAULT_SETTINGS = {
  strikeLimit: 3,
  strikeWindowDays: 90,
  banDays: 30,
  graceMinutes: 60,
  lateCancelMinutes: 1440,
  offerMinutes: 30,
  qualificationLapseDays: 180,
};
export type Settings = typeof DEFAULT_SETTINGS;

export async function settingsOf(db: DbOrTx, spaceId: string): Promise<Settings> {
  const [row] = await db.select().from(bookingSettings).where(eq(bookingSettings.spaceId, spaceId));
  if (!row) return { ...DEFAULT_SETTINGS };
  const { spaceId: _s, updatedAt: _u, ...s } = row;
  return s;
}

export const upsertSettings = (tx: Tx, spaceId: string, s: Settings) =>
  tx
    .insert(bookingSettings)
    .values({ spaceId, ...s })
    .onConflictDoUpdate({ target: bookingSettings.spaceId, set: { ...s, updatedAt: new Date() } });

export async function memberGroup(db: DbOrTx, spaceId: string, userId: string): Promise<'own_incubatee' | 'host_staff' | null> {
  const [row] = await db.select({ g: bookingMembers.userGroup }).from(bookingMembers).where(and(eq(bookingMembers.spaceId, spaceId), eq(bookingMembers.userId, userId)));
  return row?.g ?? null;
}

export const upsertMember = (tx: Tx, spaceId: string, userId: string, group: 'own_incubatee' | 'host_staff') =>
  tx.insert(bookingMembers).values({ spaceId, userId, userGroup: group }).onConflictDoUpdate({ target: [bookingMembers.spaceId, bookingMembers.userId], set: { userGroup: group } });

export const deleteMember = (tx: Tx, spaceId: string, userId: string) =>
  tx.delete(bookingMembers).where(and(eq(bookingMembers.spaceId, spaceId), eq(bookingMembers.userId, userId))).returning();

export const membersOf = (db: DbOrTx, spaceId: string) =>
  db
    .select({ userId: bookingMembers.userId, userGroup: bookingMembers.userGroup, displayName: users.displayName, username: users.username })
    .from(bookingMembers)
    .innerJoin(users, eq(users.id, bookingMembers.userId))
    .where(eq(bookingMembers.spaceId, spaceId))
    .orderBy(asc(users.displayName), asc(users.id));

export async function userExists(db: DbOrTx, userId: string) {
  const [row] = await db.select({ id: users.id, roles: sql<string[]>`array(select role from user_roles where user_id = ${users.id})` }).from(users).where(eq(users.id, userId));
  return row;
}

export async function qualificationOf(db: DbOrTx, resourceId: string, userId: string) {
  const [row] = await db.select().from(bookingQualifications).where(and(eq(bookingQualifications.resourceId, resourceId), eq(bookingQualifications.userId, userId)));
  return row;
}

export const qualificationsOf = (db: DbOrTx, resourceId: string) =>
  db
    .select({ q: bookingQualifications, displayName: users.displayName })
    .from(bookingQualifications)
    .innerJoin(users, eq(users.id, bookingQualifications.userId))
    .where(eq(bookingQualifications.resourceId, resourceId))
    .orderBy(asc(users.displayName), asc(users.id));

/** A user's qualifications on every resource, with the space's lapse setting (null: the default). */
export const qualificationsOfUser = (db: DbOrTx, userId: string) =>
  db
    .select({
      q: bookingQualifications,
      resourceName: bookingResources.name,
      spaceId: bookingResources.spaceId,
      spaceName: spaces.name,
      lapseDays: bookingSettings.qualificationLapseDays,
    })
    .from(bookingQualifications)
    .innerJoin(bookingResources, eq(bookingResources.id, bookingQualifications.resourceId))
    .innerJoin(spaces, eq(spaces.id, bookingResources.spaceId))
    .leftJoin(bookingSettings, eq(bookingSettings.spaceId, bookingResources.spaceId))
    .where(eq(bookingQualifications.userId, userId))
    .orderBy(asc(spaces.name), asc(bookingResources.name), asc(bookingResources.id));

export const upsertQualification = (tx: Tx, values: typeof bookingQualifications.$inferInsert) =>
  tx
    .insert(bookingQualifications)
    .values(values)
    .onConflictDoUpdate({
      target: [bookingQualifications.resourceId, bookingQualifications.userId],
      set: { grantedOn: values.grantedOn, expiresOn: values.expiresOn, lastUsedAt: values.lastUsedAt, grantedBy: values.grantedBy, note: values.note ?? null },
    });

export const touchQualification = (tx: Tx, resourceId: string, userId: string, at: Date) =>
  tx
    .update(bookingQualifications)
    .set({ lastUsedAt: at })
    .where(and(eq(bookingQualifications.resourceId, resourceId), eq(bookingQualifications.userId, userId), lt(bookingQualifications.lastUsedAt, at)));

/** Bookings of one resource holding time within [from, to) (buffers included), with their held end. */
export async function takenOn(db: DbOrTx, resourceId: string, from: Date, to: Date, except?: string) {
  const rows = await db
    .select({ id: bookings.id, userId: bookings.userId, startsAt: bookings.startsAt, endsAt: bookings.endsAt, status: bookings.status, heldUntil: sql<Date>`upper(${bookings.held})` })
    .from(bookings)
    .where(
      and(
        eq(bookings.resourceId, resourceId),
        holding,
        sql`${bookings.held} && tstzrange(${iso(from)}::timestamptz, ${iso(to)}::timestamptz, '[)')`,
        except ? sql`${bookings.id} <> ${except}` : undefined,
      ),
    )
    .orderBy(asc(bookings.startsAt));
  return rows.map((r) => ({ ...r, heldUntil: asDate(r.heldUntil) }));
}

/** The user's bookings of one resource still holding time, starting from `since`. */
export const mineOn = (db: DbOrTx, resourceId: string, userId: string, since: Date, except?: string) =>
  db
    .select({ startsAt: bookings.startsAt, endsAt: bookings.endsAt })
    .from(bookings)
    .where(and(eq(bookings.resourceId, resourceId), eq(bookings.userId, userId), holding, gt(bookings.endsAt, since), except ? sql`${bookings.id} <> ${except}` : undefined));

export async function insertBooking(tx: Tx, values: Omit<typeof bookings.$inferInsert, 'held'> & { heldUntil: Date }) {
  const { heldUntil, ...rest } = values;
  const [row] = await tx
    .insert(bookings)
    .values({ ...rest, held: sql`tstzrange(${iso(rest.startsAt)}::timestamptz, ${iso(heldUntil)}::timestamptz, '[)')` as unknown as string })
    .returning();
  return row!;
}

/** Moves a booking in one statement (the exclusion constraint checks the new range). */
export async function moveBooking(tx: Tx, id: string, revision: number, startsAt: Date, endsAt: Date, heldUntil: Date, status: BookingStatus) {
  const [row] = await tx
    .update(bookings)
    .set({
      startsAt,
      endsAt,
      status,
      held: sql`tstzrange(${iso(startsAt)}::timestamptz, ${iso(heldUntil)}::timestamptz, '[)')` as unknown as string,
      revision: sql`${bookings.revision} + 1`,
    })
    .where(and(eq(bookings.id, id), eq(bookings.revision, revision), holding))
    .returning();
  return row;
}

/** Changes a booking's state only from one of `from` (a guarded move: a concurrent one finds nothing). */
export async function setBooking(tx: Tx, id: string, from: readonly BookingStatus[], patch: Partial<typeof bookings.$inferInsert>) {
  const [row] = await tx
    .update(bookings)
    .set({ ...patch, revision: sql`${bookings.revision} + 1` })
    .where(and(eq(bookings.id, id), inArray(bookings.status, [...from])))
    .returning();
  return row;
}

const bookingColumns = {
  booking: bookings,
  resourceName: bookingResources.name,
  resourceKind: bookingResources.kind,
  spaceName: spaces.name,
  operatorOrgId: spaces.operatorOrgId,
  userName: users.displayName,
  userMobile: users.mobile,
  vouchersFen: sql<number>`(select coalesce(sum(${bookingVouchers.amountFen}), 0)::int from ${bookingVouchers} where ${bookingVouchers.bookingId} = ${bookings.id})`,
};
const bookingBase = (db: DbOrTx) =>
  db
    .select(bookingColumns)
    .from(bookings)
    .innerJoin(bookingResources, eq(bookingResources.id, bookings.resourceId))
    .innerJoin(spaces, eq(spaces.id, bookings.spaceId))
    .innerJoin(users, eq(users.id, bookings.userId));
export type BookingWithNames = Awaited<ReturnType<ReturnType<typeof bookingBase>['execute']>>[number];

export async function findBooking(db: DbOrTx, id: string) {
  const [row] = await bookingBase(db).where(eq(bookings.id, id));
  return row;
}

export async function findBookingByToken(db: DbOrTx, token: string) {
  const [row] = await bookingBase(db).where(eq(bookings.checkInToken, token));
  return row;
}

export interface BookingFilter {
  spaceId?: string | undefined;
  userId?: string | undefined;
  resourceId?: string | undefined;
  status?: BookingStatus | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

function bookingWhere(f: BookingFilter): SQL | undefined {
  return and(
    f.spaceId ? eq(bookings.spaceId, f.spaceId) : undefined,
    f.userId ? eq(bookings.userId, f.userId) : undefined,
    f.resourceId ? eq(bookings.resourceId, f.resourceId) : undefined,
    f.status ? eq(bookings.status, f.status) : undefined,
    f.from ? gt(bookings.endsAt, f.from) : undefined,
    f.to ? lt(bookings.startsAt, f.to) : undefined,
  );
}

/** One page of bookings, newest start first: two statements. */
export async function listBookings(db: DbOrTx, f: BookingFilter, order: 'asc' | 'desc', limit: number, offset: number) {
  const w = bookingWhere(f);
  const dir = order === 'asc' ? asc : desc;
  const matching = db.select({ one: sql`1` }).from(bookings).where(w).limit(COUNT_CAP + 1).as('matching');
  const [items, [count]] = await Promise.all([
    bookingBase(db).where(w).orderBy(dir(bookings.startsAt), asc(bookings.id)).limit(limit).offset(offset),
    db.select({ n: sql<number>`count(*)::int` }).from(matching),
  ]);
  return { items, counted: count?.n ?? 0 };
}

/** Strikes (no-shows, late cancellations) of a user in a space since `since`. */
export async function strikesSince(db: DbOrTx, spaceId: string, userId: string, since: Date) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(bookings)
    .where(and(eq(bookings.spaceId, spaceId), eq(bookings.userId, userId), eq(bookings.strike, true), gt(bookings.startsAt, since)));
  return row?.n ?? 0;
}

export async function activeBan(db: DbOrTx, spaceId: string, userId: string, now: Date) {
  const [row] = await db
    .select()
    .from(bookingBans)
    .where(and(eq(bookingBans.spaceId, spaceId), eq(bookingBans.userId, userId), gt(bookingBans.until, now)))
    .orderBy(desc(bookingBans.until))
    .limit(1);
  return row;
}

/** The user's bans in force at `now`, one per space (the latest), with the space's name: one statement. */
export function activeBansOfUser(db: DbOrTx, userId: string, now: Date) {
  return db
    .selectDistinctOn([bookingBans.spaceId], { spaceId: bookingBans.spaceId, spaceName: spaces.name, until: bookingBans.until, strikes: bookingBans.strikes })
    .from(bookingBans)
    .innerJoin(spaces, eq(spaces.id, bookingBans.spaceId))
    .where(and(eq(bookingBans.userId, userId), gt(bookingBans.until, now)))
    .orderBy(asc(bookingBans.spaceId), desc(bookingBans.until));
}

export const insertBan = (tx: Tx, values: typeof bookingBans.$inferInsert) => tx.insert(bookingBans).values(values).returning();

/** Free minutes a user already used on one resource since `since` (the month's start). */
export async function freeMinutesUsed(db: DbOrTx, resourceId: string, userId: string, since: Date) {
  const [row] = await db
    .select({ n: sql<number>`coalesce(sum(${bookings.freeMinutes}), 0)::int` })
    .from(bookings)
    .where(and(eq(bookings.resourceId, resourceId), eq(bookings.userId, userId), eq(bookings.status, 'completed'), sql`${bookings.checkedOutAt} >= ${iso(since)}::timestamptz`));
  return row?.n ?? 0;
}

export async function vouchersOf(db: DbOrTx, bookingId: string) {
  return db.select().from(bookingVouchers).where(eq(bookingVouchers.bookingId, bookingId)).orderBy(asc(bookingVouchers.createdAt), asc(bookingVouchers.id));
}

export async function insertVoucher(tx: Tx, values: typeof bookingVouchers.$inferInsert) {
  const [row] = await tx.insert(bookingVouchers).values(values).returning();
  return row!;
}

export async function insertWait(tx: Tx, values: typeof bookingWaitlist.$inferInsert) {
  const [row] = await tx.insert(bookingWaitlist).values(values).returning();
  return row!;
}

export async function findWait(db: DbOrTx, id: string, lock = false) {
  const q = db.select().from(bookingWaitlist).where(eq(bookingWaitlist.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

/**
 * The first waiter (oldest) whose slot overlaps the freed range [from, to) and is now wholly free, locked.
 * A waiter whose slot another booking still holds in part is passed over for the next (freeing an hour
 * of a two-hour wait helps nobody), and so is one whose slot overlaps an open offer (both could not book it).
 */
export async function firstWaiter(tx: Tx, resourceId: string, from: Date, to: Date) {
  const [row] = await tx
    .select()
    .from(bookingWaitlist)
    .where(
      and(
        eq(bookingWaitlist.resourceId, resourceId),
        eq(bookingWaitlist.status, 'waiting'),
        sql`${bookingWaitlist.startsAt} < ${iso(to)}::timestamptz`,
        sql`${bookingWaitlist.endsAt} > ${iso(from)}::timestamptz`,
        sql`not exists (select 1 from ${bookings} where ${bookings.resourceId} = ${resourceId} and ${holding}
          and ${bookings.held} && tstzrange(${bookingWaitlist.startsAt}, ${bookingWaitlist.endsAt}, '[)'))`,
        sql`not exists (select 1 from ${bookingWaitlist} o where o.resource_id = ${resourceId} and o.status = 'offered'
          and o.starts_at < ${bookingWaitlist.endsAt} and o.ends_at > ${bookingWaitlist.startsAt})`,
      ),
    )
    .orderBy(asc(bookingWaitlist.createdAt), asc(bookingWaitlist.id))
    .limit(1)
    .for('update', { skipLocked: true });
  return row;
}

export async function setWait(tx: Tx, id: string, from: readonly WaitlistStatus[], patch: Partial<typeof bookingWaitlist.$inferInsert>) {
  const [row] = await tx
    .update(bookingWaitlist)
    .set(patch)
    .where(and(eq(bookingWaitlist.id, id), inArray(bookingWaitlist.status, [...from])))
    .returning();
  return row;
}

export const waitsOfUser = (db: DbOrTx, userId: string) =>
  db
    .select({ wait: bookingWaitlist, resourceName: bookingResources.name, spaceName: spaces.name })
    .from(bookingWaitlist)
    .innerJoin(bookingResources, eq(bookingResources.id, bookingWaitlist.resourceId))
    .innerJoin(spaces, eq(spaces.id, bookingResources.spaceId))
    .where(and(eq(bookingWaitlist.userId, userId), inArray(bookingWaitlist.status, ['waiting', 'offered'])))
    .orderBy(asc(bookingWaitlist.startsAt), asc(bookingWaitlist.id));

export interface SearchFilter {
  regionPath?: string | undefined;
  kind?: ResourceKind | undefined;
  category?: string | undefined;
  /** The space's key industry (重点领域), the field a maker looks in. */
  industry?: KeyIndustry | undefined;
  q?: string | undefined;
  /** Shanghai day on which the resource must be open with some time not booked. */
  day?: string | undefined;
}

/** The statuses that hold a resource's time (those the exclusion constraint `bookings_no_overlap` covers). */
const HOLDING = sql`('pending', 'confirmed', 'checked_in')`;

/**
 * Resources of every filed space, two statements whatever the page: filters on the region subtree,
 * kind, category, keyword (`containsTerm`: the trigram index, or the character-pair index for a term
 * without a trigram) and availability on a day (open that weekday, not blacked out all day, less
 * booked than open). A shallow page walks `booking_resources_name_idx` in name order and stops at the
 * page; the filed spaces are one hashed set, not a probe per resource; the day's busy minutes come
 * from one grouped scan of that day's bookings (through the exclusion constraint's GiST index),
 * joined to the candidates, instead of a sum per resource.
 */
export async function search(db: DbOrTx, f: SearchFilter, limit: number, offset: number) {
  const filedSpaces = db.selectDistinct({ id: filings.spaceId }).from(filings).where(eq(filings.status, 'active'));
  const conds: SQL[] = [eq(bookingResources.active, true), eq(spaces.status, 'active'), inArray(spaces.id, filedSpaces)];
  if (f.regionPath) conds.push(or(eq(regions.path, f.regionPath), sql`${regions.path} like ${`${f.regionPath}/%`}`)!);
  if (f.kind) conds.push(eq(bookingResources.kind, f.kind));
  if (f.category) conds.push(eq(bookingResources.category, f.category));
  if (f.industry) conds.push(eq(spaces.industry, f.industry));
  if (f.q) conds.push(containsTerm(sql`(${bookingResources.name} || ' ' || ${bookingResources.category})`, f.q));
  let busy: ReturnType<typeof busyMinutesOn> | undefined;
  if (f.day) {
    const dayStart = sql`${beijingMidnight(f.day).toISOString()}::timestamptz`;
    // Monday = 0 in opening_hours; isodow is Monday = 1.
    const hours = sql`(${bookingResources.openingHours} -> (extract(isodow from ${f.day}::date)::int - 1))`;
    busy = busyMinutesOn(db, dayStart);
    // Open that weekday (a closed day is a JSON null, whose 'open' is SQL NULL); written as IS NOT NULL
    // rather than jsonb_typeof so the planner estimates most resources pass and walks the name order.
    conds.push(sql`(${hours} ->> 'open') is not null`);
    conds.push(sql`not exists (select 1 from ${bookingBlackouts} b where b.resource_id = ${bookingResources.id}
      and b.starts_at <= ${dayStart} + make_interval(mins => (${hours} ->> 'open')::int)
      and b.ends_at >= ${dayStart} + make_interval(mins => (${hours} ->> 'close')::int))`);
    conds.push(sql`coalesce(${busy.minutes}, 0) < (${hours} ->> 'close')::int - (${hours} ->> 'open')::int`);
  }
  const w = and(...conds);
  const joined = <T extends PgSelect>(qb: T) => {
    qb.innerJoin(spaces, eq(spaces.id, bookingResources.spaceId)).innerJoin(regions, eq(regions.code, spaces.regionCode));
    if (busy) qb.leftJoin(busy, eq(busy.resourceId, bookingResources.id));
    return qb.where(w);
  };
  const matching = joined(db.select({ one: sql`1` }).from(bookingResources).$dynamic())
    .limit(COUNT_CAP + 1)
    .as('matching');
  // The page's ids first, sorted on the two keys alone: a deep page sorts every match (the planner
  // prefers that to walking the name index past a thousand rows), and rows of ids sort in memory
  // where whole resources went to disk; only the page's rows are read whole, with their cover photo.
  const page = joined(db.select({ id: bookingResources.id, name: bookingResources.name }).from(bookingResources).$dynamic())
    .orderBy(asc(bookingResources.name), asc(bookingResources.id))
    .limit(limit)
    .offset(offset)
    .as('page');
  const [items, [count]] = await Promise.all([
    db
      .select({ resource: bookingResources, spaceName: spaces.name, industry: spaces.industry, regionCode: regions.code, regionName: regions.name, coverPhotoId: coverPhoto })
      .from(bookingResources)
      .innerJoin(page, eq(page.id, bookingResources.id))
      .innerJoin(spaces, eq(spaces.id, bookingResources.spaceId))
      .innerJoin(regions, eq(regions.code, spaces.regionCode))
      .orderBy(asc(page.name), asc(page.id)),
    db.select({ n: sql<number>`count(*)::int` }).from(matching),
  ]);
  return { items, counted: count?.n ?? 0 };
}

/** Minutes of the Shanghai day starting at `dayStart` held by bookings, per resource that has any. */
const busyMinutesOn = (db: DbOrTx, dayStart: SQL) =>
  db
    .select({
      resourceId: bookings.resourceId,
      minutes: sql<number>`sum(extract(epoch from (least(upper(${bookings.held}), ${dayStart} + interval '1 day') - greatest(lower(${bookings.held}), ${dayStart}))) / 60)`.as('busy_minutes'),
    })
    .from(bookings)
    .where(sql`${bookings.status} in ${HOLDING} and ${bookings.held} && tstzrange(${dayStart}, ${dayStart} + interval '1 day', '[)')`)
    .groupBy(bookings.resourceId)
    .as('busy');

export const USAGE_GROUPINGS = ['resource', 'user', 'team', 'month'] as const;
export type UsageGrouping = (typeof USAGE_GROUPINGS)[number];

/**
 * Used hours, counts, charges and vouchers of a space's completed bookings checked out in [from, to),
 * grouped by resource, user, the user's organisation (a maker team, a company; an individual maker's
 * own) or Shanghai month: one statement.
 */
export async function usage(db: DbOrTx, spaceId: string, by: UsageGrouping, from: Date, to: Date) {
  const month = sql<string>`to_char(${bookings.checkedOutAt} at time zone 'Asia/Shanghai', 'YYYY-MM')`;
  const groupings: Record<UsageGrouping, [id: SQL<string>, label: SQL<string>]> = {
    resource: [sql<string>`${bookingResources.id}::text`, sql<string>`${bookingResources.name}`],
    user: [sql<string>`${users.id}::text`, sql<string>`${users.displayName}`],
    team: [sql<string>`${organisations.id}::text`, sql<string>`${organisations.name}`],
    month: [month, month],
  };
  const [id, key] = groupings[by];
  return db
    .select({
      key: id,
      label: key,
      bookings: sql<number>`count(*)::int`,
      minutes: sql<number>`coalesce(sum(${bookings.usedMinutes}), 0)::int`,
      chargeFen: sql<number>`coalesce(sum(${bookings.chargeFen}), 0)::int`,
      vouchersFen: sql<number>`coalesce(sum((select coalesce(sum(v.amount_fen), 0) from ${bookingVouchers} v where v.booking_id = ${bookings.id})), 0)::int`,
    })
    .from(bookings)
    .innerJoin(bookingResources, eq(bookingResources.id, bookings.resourceId))
    .innerJoin(users, eq(users.id, bookings.userId))
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .where(and(eq(bookings.spaceId, spaceId), eq(bookings.status, 'completed'), sql`${bookings.checkedOutAt} >= ${iso(from)}::timestamptz`, sql`${bookings.checkedOutAt} < ${iso(to)}::timestamptz`))
    .groupBy(id, key)
    .orderBy(key);
}

/** The completed bookings of a space checked out in [from, to), for the usage export. */
export const usageRows = (db: DbOrTx, spaceId: string, from: Date, to: Date) =>
  bookingBase(db)
    .where(and(eq(bookings.spaceId, spaceId), inArray(bookings.status, ['completed', 'no_show']), sql`${bookings.startsAt} >= ${iso(from)}::timestamptz`, sql`${bookings.startsAt} < ${iso(to)}::timestamptz`))
    .orderBy(asc(bookings.startsAt), asc(bookings.id))
    .limit(50_000);

/**
 * Per space and Shanghai year: used hours, completed bookings, no-shows, charges and vouchers — one
 * grouped statement, what a statistics return or evaluation can read.
 */
export async function yearFigures(db: DbOrTx, spaceIds: readonly string[], year: number) {
  if (!spaceIds.length) return [];
  const { from, to } = beijingYearBounds(year);
  return db
    .select({
      spaceId: bookings.spaceId,
      hours: sql<number>`round(coalesce(sum(${bookings.usedMinutes}) filter (where ${bookings.status} = 'completed'), 0) / 60.0, 1)::float8`,
      completed: sql<number>`(count(*) filter (where ${bookings.status} = 'completed'))::int`,
      noShows: sql<number>`(count(*) filter (where ${bookings.status} = 'no_show'))::int`,
      users: sql<number>`(count(distinct ${bookings.userId}) filter (where ${bookings.status} = 'completed'))::int`,
      chargeFen: sql<number>`coalesce(sum(${bookings.chargeFen}) filter (where ${bookings.status} = 'completed'), 0)::int`,
    })
    .from(bookings)
    .where(and(inArray(bookings.spaceId, [...spaceIds]), sql`${bookings.startsAt} >= ${from}::timestamptz`, sql`${bookings.startsAt} < ${to}::timestamptz`))
    .groupBy(bookings.spaceId);
}

/**
 * The active resources of the spaces, public fields only (no rules, members or bookings): what each
 * filed space's public page lists. One statement.
 */
export function publicResourcesOf(db: DbOrTx, spaceIds: readonly string[]) {
  if (!spaceIds.length) return Promise.resolve([]);
  return db
    .select({
      id: bookingResources.id,
      spaceId: bookingResources.spaceId,
      kind: bookingResources.kind,
      name: bookingResources.name,
      category: bookingResources.category,
      location: bookingResources.location,
      description: bookingResources.description,
      feeBasis: bookingResources.feeBasis,
      feeUnit: bookingResources.feeUnit,
      priceFen: bookingResources.priceFen,
      photoIds: photoIdList,
    })
    .from(bookingResources)
    .where(and(inArray(bookingResources.spaceId, [...spaceIds]), eq(bookingResources.active, true)))
    .orderBy(asc(bookingResources.kind), asc(bookingResources.name), asc(bookingResources.id));
}
