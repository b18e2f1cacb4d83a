import { and, asc, desc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { PgSelect } from 'drizzle-orm/pg-core';
import type { DbOrTx, Tx } from '../../db/client.ts';
import { inBeijingYear } from '../../db/beijing-year.ts';
import { COUNT_CAP } from '../../shared/http/pagination.ts';
import { orderBy, type Sort } from '../../shared/http/sorting.ts';
import { containsPattern, trigramIndexable } from '../../shared/validation/search.ts';
import { filings } from '../filings/schema.ts';
import type { PhotoLinks } from '../files/index.ts';
import { users } from '../identity/schema.ts';
import { regions } from '../regions/schema.ts';
import { spaces } from '../spaces/schema.ts';
import { eventPhotos, eventSignups, PROFESSIONAL_KINDS, spaceEvents, type EventKind, type EventStatus, type SignupStatus } from './schema.ts';

/** All SQL of events and sign-ups; reads join spaces, regions, filings (public record) and users (names on the desk). */

export type EventRow = typeof spaceEvents.$inferSelect;
export type SignupRow = typeof eventSignups.$inferSelect;

const under = (path: string): SQL => or(eq(regions.path, path), sql`${regions.path} like ${`${path}/%`}`)!;
/** The Beijing calendar year of a timestamp column. */
const filed = sql`exists (select 1 from ${filings} where ${filings.spaceId} = ${spaces.id} and ${filings.status} = 'active')`;

export async function findSpace(db: DbOrTx, spaceId: string) {
  const [row] = await db.select({ id: spaces.id, name: spaces.name, operatorOrgId: spaces.operatorOrgId, status: spaces.status }).from(spaces).where(eq(spaces.id, spaceId));
  return row;
}

const counts = {
  confirmed: sql<number>`(select count(*)::int from ${eventSignups} s where s.event_id = ${spaceEvents.id} and s.status = 'confirmed')`,
  waitlisted: sql<number>`(select count(*)::int from ${eventSignups} s where s.event_id = ${spaceEvents.id} and s.status in ('waitlisted', 'offered'))`,
  pending: sql<number>`(select count(*)::int from ${eventSignups} s where s.event_id = ${spaceEvents.id} and s.status = 'pending')`,
  attended: sql<number>`(select count(*)::int from ${eventSignups} s where s.event_id = ${spaceEvents.id} and s.checked_in_at is not null)`,
};
/** An event's photos in order, as a JSON array of file ids. */
const photoIdList = sql<string[]>`coalesce((select json_agg(p.file_id order by p.position, p.file_id) from ${eventPhotos} p where p.event_id = ${spaceEvents.id}), '[]'::json)`;
const eventWithSpace = { event: spaceEvents, spaceName: spaces.name, operatorOrgId: spaces.operatorOrgId, regionName: regions.name, ...counts, photoIds: photoIdList };
export type EventWithSpace = { event: EventRow; spaceName: string; operatorOrgId: string; regionName: string; confirmed: number; waitlisted: number; pending: number; attended: number; photoIds: string[] };

const eventsBase = (db: DbOrTx) => db.select(eventWithSpace).from(spaceEvents).innerJoin(spaces, eq(spaces.id, spaceEvents.spaceId)).innerJoin(regions, eq(regions.code, spaces.regionCode));

export async function findEvent(db: DbOrTx, id: string): Promise<EventWithSpace | undefined> {
  const [row] = await eventsBase(db).where(eq(spaceEvents.id, id));
  return row;
}

export async function lockEvent(tx: Tx, id: string) {
  const [row] = await tx.select().from(spaceEvents).where(eq(spaceEvents.id, id)).for('update');
  return row;
}

export async function insertEvent(tx: Tx, values: typeof spaceEvents.$inferInsert) {
  const [row] = await tx.insert(spaceEvents).values(values).returning();
  return row!;
}

/** Writes the patch when the event is at `revision` (null: any), bumping it; undefined when stale. */
export async function updateEvent(tx: Tx, id: string, revision: number | null, patch: Partial<typeof spaceEvents.$inferInsert>) {
  const conds = [eq(spaceEvents.id, id)];
  if (revision !== null) conds.push(eq(spaceEvents.revision, revision));
  const [row] = await tx
    .update(spaceEvents)
    .set({ ...patch, revision: sql`${spaceEvents.revision} + 1`, updatedAt: new Date() })
    .where(and(...conds))
    .returning();
  return row;
}

export const EVENT_SORTS = ['startsAt', 'title', 'kind', 'status', 'capacity', 'createdAt'] as const;
export type EventSort = (typeof EVENT_SORTS)[number];
const eventColumns = { startsAt: spaceEvents.startsAt, title: spaceEvents.title, kind: spaceEvents.kind, status: spaceEvents.status, capacity: spaceEvents.capacity, createdAt: spaceEvents.createdAt };

export interface EventFilter {
  operatorOrgId?: string | undefined;
  spaceId?: string | undefined;
  status?: EventStatus | undefined;
  kind?: EventKind | undefined;
  /** Published events whose sign-up has not closed (the discovery list). */
  open?: { now: Date } | undefined;
  q?: string | undefined;
}

/**
 * The event's title or its space's name contains the term. A term pg_trgm reads trigrams from is two
 * index lookups joined by a BitmapOr: the title through `space_events_title_trgm`, the space name
 * through `spaces_name_trgm` (the matching spaces' ids computed once, then `space_events_space_idx`).
 * A shorter one (路演, 沙龙, "%") has no trigram to look up and is tested on the rows the list's other
 * conditions already bound: the operator's own spaces, or the events open for sign-up.
 */
function keywordMatch(q: string): SQL {
  const p = containsPattern(q);
  if (!trigramIndexable(q)) return or(sql`${spaceEvents.title} ilike ${p}`, sql`${spaces.name} ilike ${p}`)!;
  return or(sql`${spaceEvents.title} ilike ${p}`, sql`${spaceEvents.spaceId} = any(array(select s.id from ${spaces} s where s.name ilike ${p}))`)!;
}

function eventWhere(f: EventFilter): SQL | undefined {
  const conds: SQL[] = [];
  if (f.operatorOrgId) conds.push(eq(spaces.operatorOrgId, f.operatorOrgId));
  if (f.spaceId) conds.push(eq(spaceEvents.spaceId, f.spaceId));
  if (f.status) conds.push(eq(spaceEvents.status, f.status));
  if (f.kind) conds.push(eq(spaceEvents.kind, f.kind));
  if (f.open) conds.push(eq(spaceEvents.status, 'published'), sql`${spaceEvents.signupClosesAt} > ${f.open.now}`, eq(spaces.status, 'active'));
  if (f.q) conds.push(keywordMatch(f.q));
  return conds.length ? and(...conds) : undefined;
}

/**
 * One page of events and the count. The page's ids are chosen first, then only those rows get their
 * sign-up counts and photos (a deep page would otherwise count the sign-ups of every row it skips).
 */
export async function listEvents(db: DbOrTx, f: EventFilter, sort: Sort<EventSort>, limit: number, offset: number) {
  const where = eventWhere(f);
  const order = orderBy(eventColumns, sort, [f.open ? asc(spaceEvents.startsAt) : desc(spaceEvents.startsAt)], spaceEvents.id);
  const matching = <T extends PgSelect>(qb: T) => qb.innerJoin(spaces, eq(spaces.id, spaceEvents.spaceId)).where(where);
  const page = matching(db.select({ id: spaceEvents.id }).from(spaceEvents).$dynamic()).orderBy(...order).limit(limit).offset(offset).as('page');
  const [rows, [count]] = await Promise.all([
    eventsBase(db).innerJoin(page, eq(page.id, spaceEvents.id)).orderBy(...order),
    matching(db.select({ n: sql<number>`count(*)::int` }).from(spaceEvents).$dynamic()),
  ]);
  return { rows, total: count?.n ?? 0 };
}

// ---- seats and sign-ups ----

/**
 * Takes one seat of a published event in one statement: the counter moves only while below the
 * capacity, so concurrent sign-ups serialise on the event's row and exactly `capacity` succeed.
 * It answers the event's id when the seat was taken: `takeSeat` runs it alone (staff approving a
 * sign-up), `insertSignupTakingSeat` as a CTE of the sign-up's insert.
 */
const seatTaken = (eventId: string) =>
  sql`update "space_events" set "seats_taken" = "seats_taken" + 1
    where "id" = ${eventId} and "status" = 'published' and "seats_taken" < "capacity" returning "id"`;

export async function takeSeat(tx: Tx, eventId: string): Promise<boolean> {
  const { rows } = (await tx.execute(seatTaken(eventId))) as unknown as { rows: unknown[] };
  return rows.length === 1;
}

export async function releaseSeat(tx: Tx, eventId: string) {
  await tx
    .update(spaceEvents)
    .set({ seatsTaken: sql`greatest(${spaceEvents.seatsTaken} - 1, 0)` })
    .where(eq(spaceEvents.id, eventId));
}

export async function insertSignup(tx: Tx, values: typeof eventSignups.$inferInsert) {
  const [row] = await tx.insert(eventSignups).values(values).returning();
  return row!;
}

/**
 * Writes a sign-up and takes one of its event's seats in the same statement (as `takeSeat`):
 * confirmed when a seat was left, else waitlisted. A burst serialises on the event's row, so the
 * row is held for this one statement and the commit, not for a round trip per step.
 */
export async function insertSignupTakingSeat(tx: Tx, values: Omit<typeof eventSignups.$inferInsert, 'status'>) {
  const seat = tx.$with('seat', { id: spaceEvents.id }).as(seatTaken(values.eventId));
  const [row] = await tx
    .with(seat)
    .insert(eventSignups)
    .values({ ...values, status: sql`case when exists (select from ${seat}) then 'confirmed' else 'waitlisted' end` })
    .returning();
  return row!;
}

/** Moves a sign-up from one of `from` to the patch; undefined when it was in none of them. */
export async function setSignup(tx: Tx, id: string, from: readonly SignupStatus[], patch: Partial<typeof eventSignups.$inferInsert>) {
  const [row] = await tx
    .update(eventSignups)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(eventSignups.id, id), inArray(eventSignups.status, [...from])))
    .returning();
  return row;
}

export async function findSignup(db: DbOrTx, id: string, lock = false) {
  const q = db.select().from(eventSignups).where(eq(eventSignups.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

/** The oldest waitlisted sign-up of an event, locked (skipping one another transaction is offering). */
export async function firstWaitlisted(tx: Tx, eventId: string) {
  const [row] = await tx
    .select()
    .from(eventSignups)
    .where(and(eq(eventSignups.eventId, eventId), eq(eventSignups.status, 'waitlisted')))
    .orderBy(asc(eventSignups.createdAt), asc(eventSignups.id))
    .limit(1)
    .for('update', { skipLocked: true });
  return row;
}

export const SIGNUP_SORTS = ['createdAt', 'status', 'name', 'checkedInAt'] as const;
export type SignupSort = (typeof SIGNUP_SORTS)[number];
const signupColumns = { createdAt: eventSignups.createdAt, status: eventSignups.status, name: users.displayName, checkedInAt: eventSignups.checkedInAt };

export async function signupsOf(db: DbOrTx, eventId: string, status: SignupStatus | undefined, sort: Sort<SignupSort>, limit: number, offset: number) {
  const where = and(eq(eventSignups.eventId, eventId), status ? eq(eventSignups.status, status) : undefined);
  const [rows, [count]] = await Promise.all([
    db
      .select({ signup: eventSignups, name: users.displayName, username: users.username })
      .from(eventSignups)
      .innerJoin(users, eq(users.id, eventSignups.userId))
      .where(where)
      .orderBy(...orderBy(signupColumns, sort, [asc(eventSignups.createdAt)], eventSignups.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: sql<number>`count(*)::int` }).from(eventSignups).where(where),
  ]);
  return { rows, total: count?.n ?? 0 };
}

/** A user's sign-ups with their events, newest event first. */
export async function signupsOfUser(db: DbOrTx, userId: string, limit: number, offset: number) {
  const where = eq(eventSignups.userId, userId);
  const [rows, [count]] = await Promise.all([
    db
      .select({ signup: eventSignups, event: spaceEvents, spaceName: spaces.name })
      .from(eventSignups)
      .innerJoin(spaceEvents, eq(spaceEvents.id, eventSignups.eventId))
      .innerJoin(spaces, eq(spaces.id, spaceEvents.spaceId))
      .where(where)
      .orderBy(desc(spaceEvents.startsAt), desc(eventSignups.createdAt), asc(eventSignups.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: sql<number>`count(*)::int` }).from(eventSignups).where(where),
  ]);
  return { rows, total: count?.n ?? 0 };
}

/** The user's live sign-up of one event, if any. */
export async function liveSignupOf(db: DbOrTx, eventId: string, userId: string) {
  const [row] = await db
    .select()
    .from(eventSignups)
    .where(and(eq(eventSignups.eventId, eventId), eq(eventSignups.userId, userId), inArray(eventSignups.status, ['pending', 'confirmed', 'waitlisted', 'offered'])));
  return row;
}

/** The users holding a live sign-up (pending, confirmed, waitlisted, offered) of an event: told when it is cancelled. */
export async function liveSignupUsers(db: DbOrTx, eventId: string): Promise<string[]> {
  const rows = await db
    .select({ userId: eventSignups.userId })
    .from(eventSignups)
    .where(and(eq(eventSignups.eventId, eventId), inArray(eventSignups.status, ['pending', 'confirmed', 'waitlisted', 'offered'])));
  return rows.map((r) => r.userId);
}

/** 1-based place in the waitlist of each given waitlisted sign-up. */
export async function waitlistPlaces(db: DbOrTx, signupIds: readonly string[]): Promise<Map<string, number>> {
  if (!signupIds.length) return new Map();
  const rows = await db
    // The outer row's columns are named through the table: in a one-table select Drizzle writes a
    // column bare, and a bare `event_id` inside the subquery would be the subquery's own (every
    // waitlisted sign-up of every event counted).
    .select({ id: eventSignups.id, place: sql<number>`(select count(*)::int from ${eventSignups} o where o.event_id = ${eventSignups}.event_id and o.status = 'waitlisted' and (o.created_at, o.id) <= (${eventSignups}.created_at, ${eventSignups}.id))` })
    .from(eventSignups)
    .where(and(inArray(eventSignups.id, [...signupIds]), eq(eventSignups.status, 'waitlisted')));
  return new Map(rows.map((r) => [r.id, r.place]));
}

/**
 * Marks the event's confirmed sign-ups not reminded yet as reminded, in one statement, and answers
 * their holders with their addresses: a second run finds none.
 */
export async function markReminded(tx: Tx, eventId: string, at: Date): Promise<{ id: string; email: string | null }[]> {
  const res = (await tx.execute(sql`
    with marked as (
      update ${eventSignups} set reminded_at = ${at}, updated_at = ${at}
      where event_id = ${eventId} and status = 'confirmed' and reminded_at is null
      returning user_id
    )
    select u.id, u.email from ${users} u join marked m on m.user_id = u.id where u.status = 'active'`)) as unknown as { rows: { id: string; email: string | null }[] };
  return res.rows;
}

// ---- photos ----

export function photosOf(db: DbOrTx, eventId: string) {
  return db.select({ fileId: eventPhotos.fileId }).from(eventPhotos).where(eq(eventPhotos.eventId, eventId)).orderBy(asc(eventPhotos.position), asc(eventPhotos.fileId));
}

export const insertPhoto = (tx: Tx, values: typeof eventPhotos.$inferInsert) => tx.insert(eventPhotos).values(values);

/** The event photos' link table, for the files module's ordering. */
export const EVENT_PHOTO_LINKS: PhotoLinks = { table: eventPhotos, owner: eventPhotos.eventId, fileId: eventPhotos.fileId, position: eventPhotos.position };

/** Removes the photo and closes the gap in the order; false when the event had no such photo. */
export async function deletePhoto(tx: Tx, eventId: string, fileId: string): Promise<boolean> {
  const [gone] = await tx
    .delete(eventPhotos)
    .where(and(eq(eventPhotos.eventId, eventId), eq(eventPhotos.fileId, fileId)))
    .returning({ position: eventPhotos.position });
  if (!gone) return false;
  await tx
    .update(eventPhotos)
    .set({ position: sql`${eventPhotos.position} - 1` })
    .where(and(eq(eventPhotos.eventId, eventId), sql`${eventPhotos.position} > ${gone.position}`));
  return true;
}

/** Whether anyone may see the photo: of a held event of an active, filed space (what the public record lists). */
export async function isPublicPhoto(db: DbOrTx, eventId: string, fileId: string): Promise<boolean> {
  const [row] = await db
    .select({ one: sql`1` })
    .from(eventPhotos)
    .innerJoin(spaceEvents, eq(spaceEvents.id, eventPhotos.eventId))
    .innerJoin(spaces, eq(spaces.id, spaceEvents.spaceId))
    .where(and(eq(eventPhotos.eventId, eventId), eq(eventPhotos.fileId, fileId), eq(spaceEvents.status, 'held'), eq(spaces.status, 'active'), filed));
  return !!row;
}

// ---- check-in ----

/**
 * Checks in the confirmed sign-up holding `token` for the event, once: the first scan sets the time,
 * any later scan finds it set. Answers what the scan did.
 */
export async function checkInToken(tx: Tx, eventId: string, token: string, at: Date, source: string): Promise<{ result: 'checked_in' | 'already' | 'not_confirmed' | 'unknown'; signup?: SignupRow }> {
  const [done] = await tx
    .update(eventSignups)
    .set({ checkedInAt: at, checkInSource: source, updatedAt: new Date() })
    .where(and(eq(eventSignups.eventId, eventId), eq(eventSignups.token, token), eq(eventSignups.status, 'confirmed'), sql`${eventSignups.checkedInAt} is null`))
    .returning();
  if (done) return { result: 'checked_in', signup: done };
  const [row] = await tx.select().from(eventSignups).where(and(eq(eventSignups.eventId, eventId), eq(eventSignups.token, token)));
  if (!row) return { result: 'unknown' };
  if (row.checkedInAt) return { result: 'already', signup: row };
  return { result: 'not_confirmed', signup: row };
}

// ---- the public record and figures ----

export const ACTIVITY_SORTS = ['startsAt', 'title', 'kind', 'attendance'] as const;
export type ActivitySort = (typeof ACTIVITY_SORTS)[number];

export interface ActivityFilter {
  spaceId?: string | undefined;
  kind?: EventKind | undefined;
  year?: number | undefined;
  regionPath?: string | undefined;
}

/**
 * Held events of filed, active spaces: no person is named. The page's ids are chosen first (walking
 * `space_events_status_idx` in date order), then only those rows get their attendance and photos;
 * the total is counted up to `COUNT_CAP + 1` (the register grows without bound).
 */
export async function activities(db: DbOrTx, f: ActivityFilter, sort: Sort<ActivitySort>, limit: number, offset: number) {
  const conds: SQL[] = [eq(spaceEvents.status, 'held'), eq(spaces.status, 'active'), filed];
  if (f.spaceId) conds.push(eq(spaceEvents.spaceId, f.spaceId));
  if (f.kind) conds.push(eq(spaceEvents.kind, f.kind));
  if (f.year) conds.push(inBeijingYear(spaceEvents.startsAt, f.year));
  if (f.regionPath) conds.push(under(f.regionPath));
  const where = and(...conds);
  const columns = { startsAt: spaceEvents.startsAt, title: spaceEvents.title, kind: spaceEvents.kind, attendance: counts.attended };
  const order = orderBy(columns, sort, [desc(spaceEvents.startsAt)], spaceEvents.id);
  const matching = <T extends PgSelect>(qb: T) => qb.innerJoin(spaces, eq(spaces.id, spaceEvents.spaceId)).innerJoin(regions, eq(regions.code, spaces.regionCode)).where(where);
  const page = matching(db.select({ id: spaceEvents.id }).from(spaceEvents).$dynamic()).orderBy(...order).limit(limit).offset(offset).as('page');
  const [rows, [count]] = await Promise.all([
    db
      .select({
        id: spaceEvents.id,
        title: spaceEvents.title,
        kind: spaceEvents.kind,
        role: spaceEvents.role,
        partners: spaceEvents.partners,
        subField: spaceEvents.subField,
        startsAt: spaceEvents.startsAt,
        endsAt: spaceEvents.endsAt,
        summary: spaceEvents.summary,
        spaceId: spaces.id,
        spaceName: spaces.name,
        regionName: regions.name,
        attendance: counts.attended,
        photoIds: photoIdList,
      })
      .from(spaceEvents)
      .innerJoin(page, eq(page.id, spaceEvents.id))
      .innerJoin(spaces, eq(spaces.id, spaceEvents.spaceId))
      .innerJoin(regions, eq(regions.code, spaces.regionCode))
      .orderBy(...order),
    db.select({ n: sql<number>`count(*)::int` }).from(matching(db.select({ one: sql`1` }).from(spaceEvents).$dynamic()).limit(COUNT_CAP + 1).as('matching')),
  ]);
  return { rows, counted: count?.n ?? 0 };
}

/** Held events of one Beijing year grouped by space, kind and role, with their attendance: one statement. */
/** Held events starting in [from, to) per space, kind and role, with their check-ins. */
export async function periodFigures(db: DbOrTx, period: { from: Date; to: Date }, spaceIds?: readonly string[]) {
  const conds: SQL[] = [eq(spaceEvents.status, 'held'), gte(spaceEvents.startsAt, period.from), lt(spaceEvents.startsAt, period.to)];
  if (spaceIds) conds.push(spaceIds.length ? inArray(spaceEvents.spaceId, [...spaceIds]) : sql`false`);
  return db
    .select({
      spaceId: spaceEvents.spaceId,
      kind: spaceEvents.kind,
      role: spaceEvents.role,
      events: sql<number>`count(distinct ${spaceEvents.id})::int`,
      attendance: sql<number>`count(${eventSignups.id})::int`,
    })
    .from(spaceEvents)
    .leftJoin(eventSignups, and(eq(eventSignups.eventId, spaceEvents.id), sql`${eventSignups.checkedInAt} is not null`))
    .where(and(...conds))
    .groupBy(spaceEvents.spaceId, spaceEvents.kind, spaceEvents.role);
}

export const JURISDICTION_SORTS = ['spaceName', 'held', 'professional', 'attendance'] as const;
export type JurisdictionSort = (typeof JURISDICTION_SORTS)[number];

/**
 * The filed, active spaces under a region path with their held events of a year: per kind, the
 * professional ones, attendance; one statement for the page and one for the totals.
 */
export async function jurisdictionFigures(db: DbOrTx, path: string, year: number, belowOnly: boolean, minimum: number, sort: Sort<JurisdictionSort>, limit: number, offset: number) {
  const held = sql`(${spaceEvents.status} = 'held' and ${inBeijingYear(spaceEvents.startsAt, year)})`;
  const professional = sql`(${held} and ${spaceEvents.kind} in (${sql.join(PROFESSIONAL_KINDS.map((k) => sql`${k}`), sql`, `)}))`;
  const per = db
    .select({
      spaceId: sql<string>`${spaces.id}`.as('space_id'),
      spaceName: sql<string>`${spaces.name}`.as('space_name'),
      regionName: sql<string>`${regions.name}`.as('region_name'),
      held: sql<number>`(count(distinct ${spaceEvents.id}) filter (where ${held}))::int`.as('held'),
      professional: sql<number>`(count(distinct ${spaceEvents.id}) filter (where ${professional}))::int`.as('professional'),
      training: sql<number>`(count(distinct ${spaceEvents.id}) filter (where ${held} and ${spaceEvents.kind} = 'training'))::int`.as('training'),
      roadshow: sql<number>`(count(distinct ${spaceEvents.id}) filter (where ${held} and ${spaceEvents.kind} = 'roadshow'))::int`.as('roadshow'),
      competition: sql<number>`(count(distinct ${spaceEvents.id}) filter (where ${held} and ${spaceEvents.kind} = 'competition'))::int`.as('competition'),
      salon: sql<number>`(count(distinct ${spaceEvents.id}) filter (where ${held} and ${spaceEvents.kind} = 'salon'))::int`.as('salon'),
      modelInnovation: sql<number>`(count(distinct ${spaceEvents.id}) filter (where ${held} and ${spaceEvents.kind} = 'model_innovation'))::int`.as('model_innovation'),
      other: sql<number>`(count(distinct ${spaceEvents.id}) filter (where ${held} and ${spaceEvents.kind} = 'other'))::int`.as('other'),
      attendance: sql<number>`(count(${eventSignups.id}) filter (where ${held} and ${eventSignups.checkedInAt} is not null))::int`.as('attendance'),
    })
    .from(spaces)
    .innerJoin(regions, eq(regions.code, spaces.regionCode))
    .leftJoin(spaceEvents, eq(spaceEvents.spaceId, spaces.id))
    .leftJoin(eventSignups, eq(eventSignups.eventId, spaceEvents.id))
    .where(and(eq(spaces.status, 'active'), filed, under(path)))
    .groupBy(spaces.id, spaces.name, regions.name)
    .as('per');
  const where = belowOnly ? sql`${per.professional} < ${minimum}` : undefined;
  const columns = { spaceName: per.spaceName, held: per.held, professional: per.professional, attendance: per.attendance };
  const [rows, [totals]] = await Promise.all([
    db
      .select()
      .from(per)
      .where(where)
      .orderBy(...orderBy(columns, sort, [asc(per.professional), asc(per.spaceName)], per.spaceId))
      .limit(limit)
      .offset(offset),
    db
      .select({
        spaces: sql<number>`count(*)::int`,
        below: sql<number>`(count(*) filter (where ${per.professional} < ${minimum}))::int`,
        held: sql<number>`coalesce(sum(${per.held}), 0)::int`,
        attendance: sql<number>`coalesce(sum(${per.attendance}), 0)::int`,
      })
      .from(per),
  ]);
  return { rows, totals: totals!, filteredTotal: belowOnly ? totals!.below : totals!.spaces };
}
