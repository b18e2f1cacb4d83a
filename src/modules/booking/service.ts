import { randomBytes } from 'node:crypto';
import type { Config } from '../../config.ts';
import type { Db, DbOrTx, Tx } from '../../db/client.ts';
import { hasRole, isOperatorMember, type Actor } from '../../shared/actor.ts';
import { AppError, fieldError, notFound, type FieldError } from '../../shared/errors.ts';
import { cappedTotal } from '../../shared/http/pagination.ts';
import { maskPersonal } from '../../shared/validation/masking.ts';
import { violatedUniqueConstraint } from '../../shared/validation/unique-violation.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { authorisePhoto, openLinkedFile, reorderLinkedPhotos, writePhotoOrder } from '../files/index.ts';
import { activeUsersWithRoles } from '../identity/index.ts';
import { sendInTx } from '../jobs/index.ts';
import { notify } from '../notify/index.ts';
import { findRegion } from '../regions/index.ts';
import { can, type BookingAction } from './policy.ts';
import * as repo from './repository.ts';
import { charge, isLateCancellation, minutesBetween, qualificationState, shanghaiAt, violations, type Violation } from './rules.ts';
import { MAX_RESOURCE_PHOTOS, type BookingStatus, type FeeBasis, type FeeUnit, type OpeningHours, type ResourceKind, type UserGroup } from './schema.ts';
import { beijingDay, beijingMidnight } from '../../shared/beijing-time.ts';

const MINUTE = 60_000;
/** Where a maker's booking notices point: 我的预约. */
const MY_BOOKINGS_LINK = '/app/my-bookings';
const NO_RESOURCE = { zh: '资源不存在', en: 'No such resource' };
const NO_BOOKING = { zh: '预约不存在', en: 'No such booking' };
const NO_SPACE = { zh: '众创空间不存在', en: 'No such maker space' };
const NO_WAIT = { zh: '候补不存在', en: 'No such waitlist entry' };
export const SLOT_TAKEN = { zh: '时段已被预约，请选择其他时段或加入候补', en: 'The slot is already booked; choose another or join the waitlist' };

/** The time of an action: the clock, or a given instant (the demo history replays two months). */
export interface When {
  now?: Date;
}
const nowOf = (w?: When) => w?.now ?? new Date();

/** True when `err` (or its cause) is an exclusion-constraint violation (SQLSTATE 23P01). */
export function violatedExclusion(err: unknown): boolean {
  for (let e: unknown = err; e instanceof Error; e = e.cause) if ((e as { code?: string }).code === '23P01') return true;
  return false;
}

/** Runs a write that may collide with another booking and answers 409 时段已被预约 when it does. */
async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (violatedExclusion(err)) throw new AppError('CONFLICT', SLOT_TAKEN);
    throw err;
  }
}

// ——— spaces and resources ———

/** The space when the actor works its desk (`booking.staff`) or keeps it (`booking.manage`): 404 otherwise, 403 when staff only. */
export async function spaceFor(db: DbOrTx, actor: Actor, spaceId: string, action: Exclude<BookingAction, 'booking.book'>) {
  const space = await repo.findSpace(db, spaceId);
  if (!space || !can(actor, 'booking.staff', space)) throw notFound(NO_SPACE);
  if (!can(actor, action, space)) throw new AppError('FORBIDDEN');
  return space;
}

/**
 * A resource the actor may see: a bookable (active) one for whoever may book, any of its space's
 * for the space's staff; 404 otherwise. `action` checks more (403 when the actor sees it but may not).
 */
async function resourceFor(db: DbOrTx, actor: Actor, id: string, action: BookingAction = 'booking.book', lock = false) {
  const row = await repo.findResource(db, id, lock);
  if (!row) throw notFound(NO_RESOURCE);
  const staff = can(actor, 'booking.staff', row);
  if (!staff && !(row.resource.active && can(actor, 'booking.book', row))) throw notFound(NO_RESOURCE);
  if (action !== 'booking.book' && !can(actor, action, row)) {
    if (!staff) throw notFound(NO_RESOURCE);
    throw new AppError('FORBIDDEN');
  }
  return row;
}

export interface ResourceInput {
  kind: ResourceKind;
  name: string;
  category: string;
  specs: Record<string, string>;
  location: string;
  description?: string | null | undefined;
  feeBasis: FeeBasis;
  feeUnit: FeeUnit;
  priceFen: number;
  freeQuotaHours: number;
  openingHours: OpeningHours;
  active?: boolean | undefined;
}

function checkedHours(h: OpeningHours): OpeningHours {
  if (h.length !== 7) throw fieldError('body.openingHours', '开放时间应列出周一至周日 7 天', 'give 7 days, Monday to Sunday');
  h.forEach((d, i) => {
    if (d && !(d.open >= 0 && d.close <= 1440 && d.open < d.close))
      throw fieldError(`body.openingHours.${i}`, '开放时间应在 00:00–24:00 之间且开始早于结束', 'open must be before close, within the day');
  });
  return h;
}

const resourceColumns = (input: ResourceInput) => ({
  kind: input.kind,
  name: input.name.trim(),
  category: input.category.trim(),
  specs: input.specs,
  location: input.location.trim(),
  description: input.description?.trim() || null,
  feeBasis: input.feeBasis,
  feeUnit: input.feeUnit,
  priceFen: input.priceFen,
  freeQuotaHours: input.freeQuotaHours,
  openingHours: checkedHours(input.openingHours),
  ...(input.active === undefined ? {} : { active: input.active }),
});

const presentRule = (r: repo.RuleRow) => ({
  userGroup: r.userGroup,
  windowDays: r.windowDays,
  noticeMinutes: r.noticeMinutes,
  minMinutes: r.minMinutes,
  maxMinutes: r.maxMinutes,
  bufferMinutes: r.bufferMinutes,
  dailyCapMinutes: r.dailyCapMinutes,
  futureCap: r.futureCap,
  needsApproval: r.needsApproval,
  requiresQualification: r.requiresQualification,
});

function presentResource(actor: Actor, row: repo.ResourceWithSpace, rules: repo.RuleRow[], photos: { resourceId: string; fileId: string }[]) {
  const r = row.resource;
  return {
    id: r.id,
    spaceId: r.spaceId,
    spaceName: row.spaceName,
    kind: r.kind,
    name: r.name,
    category: r.category,
    specs: r.specs,
    location: r.location,
    description: r.description,
    feeBasis: r.feeBasis,
    feeUnit: r.feeUnit,
    priceFen: r.priceFen,
    freeQuotaHours: r.freeQuotaHours,
    openingHours: r.openingHours,
    active: r.active,
    revision: r.revision,
    rules: rules.filter((x) => x.resourceId === r.id).map(presentRule),
    photoIds: photos.filter((p) => p.resourceId === r.id).map((p) => p.fileId),
    canManage: can(actor, 'booking.manage', row),
    canStaff: can(actor, 'booking.staff', row),
  };
}
export type ResourceView = ReturnType<typeof presentResource>;

export async function createResource(db: Db, actor: Actor, ctx: AuditContext, spaceId: string, input: ResourceInput) {
  await spaceFor(db, actor, spaceId, 'booking.manage');
  const cols = resourceColumns(input);
  const id = await db.transaction(async (tx) => {
    const row = await repo.insertResource(tx, { ...cols, spaceId });
    await audit.recordInTx(tx, ctx, { action: 'booking.resource.create', objectType: 'booking_resource', objectId: row.id, detail: { spaceId, name: cols.name } });
    return row.id;
  });
  return readResource(db, actor, id);
}

export async function editResource(db: Db, actor: Actor, ctx: AuditContext, id: string, input: ResourceInput & { revision: number }) {
  const row = await resourceFor(db, actor, id, 'booking.manage');
  const cols = resourceColumns(input);
  await db.transaction(async (tx) => {
    const saved = await repo.updateResource(tx, id, input.revision, cols);
    if (!saved) throw new AppError('STALE_REVISION', { details: { currentRevision: row.resource.revision } });
    await audit.recordInTx(tx, ctx, { action: 'booking.resource.edit', objectType: 'booking_resource', objectId: id, detail: { name: cols.name, active: saved.active } });
  });
  return readResource(db, actor, id);
}

export async function readResource(db: Db, actor: Actor, id: string) {
  const row = await resourceFor(db, actor, id);
  const now = new Date();
  const [rules, blackouts, photos] = await Promise.all([repo.rulesOf(db, [id]), repo.blackoutsOf(db, [id], now, new Date(now.getTime() + 366 * 1440 * MINUTE)), repo.photosOf(db, [id])]);
  return {
    ...presentResource(actor, row, rules, photos),
    blackouts: blackouts.map((b) => ({ id: b.id, startsAt: b.startsAt, endsAt: b.endsAt, reason: b.reason })),
  };
}

/** A space's resources for its staff (inactive ones too): three statements. */
export async function spaceResources(db: Db, actor: Actor, spaceId: string) {
  await spaceFor(db, actor, spaceId, 'booking.staff');
  const rows = await repo.resourcesOfSpace(db, spaceId);
  const ids = rows.map((r) => r.resource.id);
  const [rules, photos] = await Promise.all([repo.rulesOf(db, ids), repo.photosOf(db, ids)]);
  return rows.map((r) => presentResource(actor, r, rules, photos));
}

// ——— photos ———

const NO_PHOTO = { zh: '照片不存在', en: 'No such photo' };

/**
 * The space's admin adds a photo uploaded first through POST /api/files by its organisation: a JPG
 * or PNG (the files module decided the kind from the magic bytes), within the size cap, at most
 * MAX_RESOURCE_PHOTOS a resource (counted under the resource's row lock), appended last.
 */
export async function addPhoto(db: Db, actor: Actor, ctx: AuditContext, resourceId: string, fileId: string) {
  await resourceFor(db, actor, resourceId, 'booking.manage');
  const file = await authorisePhoto(db, actor, fileId);
  try {
    await db.transaction(async (tx) => {
      await repo.findResource(tx, resourceId, true);
      const photos = await repo.photosOf(tx, [resourceId]);
      if (photos.some((p) => p.fileId === fileId)) throw new AppError('DUPLICATE', { zh: '该照片已添加', en: 'This photo is already shown' });
      if (photos.length >= MAX_RESOURCE_PHOTOS)
        throw fieldError('body.fileId', `每个资源最多 ${MAX_RESOURCE_PHOTOS} 张照片，请先删除一张`, `at most ${MAX_RESOURCE_PHOTOS} photos a resource; remove one first`);
      await repo.insertPhoto(tx, { resourceId, fileId, position: photos.length + 1, addedBy: actor.userId });
      await audit.recordInTx(tx, ctx, { action: 'booking.photo.add', objectType: 'booking_resource', objectId: resourceId, detail: { fileId, sha256: file.sha256 } });
    });
  } catch (err) {
    if (violatedUniqueConstraint(err)) throw new AppError('DUPLICATE', { zh: '该照片已添加', en: 'This photo is already shown' });
    throw err;
  }
  return readResource(db, actor, resourceId);
}

/** Removes a photo from the resource (the file itself stays, like every other linked file). */
export async function removePhoto(db: Db, actor: Actor, ctx: AuditContext, resourceId: string, fileId: string) {
  await resourceFor(db, actor, resourceId, 'booking.manage');
  await db.transaction(async (tx) => {
    await repo.findResource(tx, resourceId, true);
    if (!(await repo.deletePhoto(tx, resourceId, fileId)).length) throw notFound(NO_PHOTO);
    const rest = await repo.photosOf(tx, [resourceId]);
    await writePhotoOrder(
      tx,
      repo.RESOURCE_PHOTO_LINKS,
      resourceId,
      rest.map((p) => p.fileId),
    );
    await audit.recordInTx(tx, ctx, { action: 'booking.photo.remove', objectType: 'booking_resource', objectId: resourceId, detail: { fileId } });
  });
  return readResource(db, actor, resourceId);
}

/** Puts the photos in a new order: the list must name each of the resource's photos once. */
export async function reorderPhotos(db: Db, actor: Actor, ctx: AuditContext, resourceId: string, fileIds: readonly string[]) {
  await resourceFor(db, actor, resourceId, 'booking.manage');
  await db.transaction(async (tx) => {
    await repo.findResource(tx, resourceId, true);
    await reorderLinkedPhotos(tx, repo.RESOURCE_PHOTO_LINKS, resourceId, fileIds, { zh: '该资源', en: 'the resource' });
    await audit.recordInTx(tx, ctx, { action: 'booking.photo.reorder', objectType: 'booking_resource', objectId: resourceId, detail: { fileIds: [...fileIds] } });
  });
  return readResource(db, actor, resourceId);
}

/** A photo of a resource the actor may see (its staff see an inactive resource's too). */
export async function openPhoto(db: Db, config: Config, ctx: AuditContext, actor: Actor, resourceId: string, fileId: string) {
  await resourceFor(db, actor, resourceId);
  if (!(await repo.photosOf(db, [resourceId])).some((p) => p.fileId === fileId)) throw notFound(NO_PHOTO);
  return openLinkedFile(db, config, ctx, fileId, { objectType: 'booking_resource', objectId: resourceId });
}

/** A photo for anyone: of an active resource of a filed space (what the public pages list). */
export async function openPublicPhoto(db: Db, config: Config, ctx: AuditContext, resourceId: string, fileId: string) {
  if (!(await repo.isPublicPhoto(db, resourceId, fileId))) throw notFound(NO_PHOTO);
  return openLinkedFile(db, config, ctx, fileId, { objectType: 'booking_resource', objectId: resourceId });
}

export type RuleInput = Omit<ReturnType<typeof presentRule>, 'userGroup'>;

export async function setRule(db: Db, actor: Actor, ctx: AuditContext, resourceId: string, group: UserGroup, input: RuleInput) {
  await resourceFor(db, actor, resourceId, 'booking.manage');
  if (input.minMinutes > input.maxMinutes) throw fieldError('body.minMinutes', '最短时长不能大于最长时长', 'the minimum length cannot exceed the maximum');
  if (input.maxMinutes > input.dailyCapMinutes) throw fieldError('body.dailyCapMinutes', '每日上限不能小于最长时长', 'the daily cap cannot be below the maximum length');
  await db.transaction(async (tx) => {
    await repo.upsertRule(tx, { resourceId, userGroup: group, ...input });
    await audit.recordInTx(tx, ctx, { action: 'booking.rule.set', objectType: 'booking_resource', objectId: resourceId, detail: { group, ...input } });
  });
  return readResource(db, actor, resourceId);
}

export async function removeRule(db: Db, actor: Actor, ctx: AuditContext, resourceId: string, group: UserGroup) {
  await resourceFor(db, actor, resourceId, 'booking.manage');
  await db.transaction(async (tx) => {
    const gone = await repo.deleteRule(tx, resourceId, group);
    if (!gone.length) throw notFound({ zh: '该用户组没有预约规则', en: 'No rule for this group' });
    await audit.recordInTx(tx, ctx, { action: 'booking.rule.remove', objectType: 'booking_resource', objectId: resourceId, detail: { group } });
  });
  return readResource(db, actor, resourceId);
}

export async function addBlackout(db: Db, actor: Actor, ctx: AuditContext, resourceId: string, input: { startsAt: Date; endsAt: Date; reason: string }) {
  await resourceFor(db, actor, resourceId, 'booking.staff');
  if (input.endsAt <= input.startsAt) throw fieldError('body.endsAt', '结束时间应晚于开始时间', 'the end must be after the start');
  await db.transaction(async (tx) => {
    const row = await repo.insertBlackout(tx, { resourceId, ...input });
    await audit.recordInTx(tx, ctx, { action: 'booking.blackout.add', objectType: 'booking_resource', objectId: resourceId, detail: { blackoutId: row.id, reason: input.reason } });
  });
  return readResource(db, actor, resourceId);
}

export async function removeBlackout(db: Db, actor: Actor, ctx: AuditContext, resourceId: string, blackoutId: string) {
  await resourceFor(db, actor, resourceId, 'booking.staff');
  await db.transaction(async (tx) => {
    const gone = await repo.deleteBlackout(tx, resourceId, blackoutId);
    if (!gone.length) throw notFound({ zh: '停用时段不存在', en: 'No such blackout' });
    await audit.recordInTx(tx, ctx, { action: 'booking.blackout.remove', objectType: 'booking_resource', objectId: resourceId, detail: { blackoutId } });
  });
  return readResource(db, actor, resourceId);
}

/**
 * The held time of a resource in [from, to) without personal data (the calendar anyone who may
 * book sees), the actor's own bookings marked, and the blackouts.
 */
export async function calendar(db: Db, actor: Actor, resourceId: string, from: Date, to: Date) {
  await resourceFor(db, actor, resourceId);
  if (to <= from || to.getTime() - from.getTime() > 62 * 1440 * MINUTE) throw fieldError('query.to', '查询区间应在 62 天以内且结束晚于开始', 'at most 62 days, end after start');
  const [taken, blackouts] = await Promise.all([repo.takenOn(db, resourceId, from, to), repo.blackoutsOf(db, [resourceId], from, to)]);
  return {
    taken: taken.map((t) => ({ startsAt: t.startsAt, endsAt: t.endsAt, heldUntil: t.heldUntil, mine: t.userId === actor.userId, ...(t.userId === actor.userId ? { bookingId: t.id } : {}) })),
    blackouts: blackouts.map((b) => ({ startsAt: b.startsAt, endsAt: b.endsAt, reason: b.reason })),
  };
}

// ——— settings, groups, qualifications ———

export async function readSettings(db: Db, actor: Actor, spaceId: string) {
  await spaceFor(db, actor, spaceId, 'booking.staff');
  return repo.settingsOf(db, spaceId);
}

export async function saveSettings(db: Db, actor: Actor, ctx: AuditContext, spaceId: string, input: repo.Settings) {
  await spaceFor(db, actor, spaceId, 'booking.manage');
  await db.transaction(async (tx) => {
    await repo.upsertSettings(tx, spaceId, input);
    await audit.recordInTx(tx, ctx, { action: 'booking.settings.save', objectType: 'space', objectId: spaceId, detail: { ...input } });
  });
  return repo.settingsOf(db, spaceId);
}

export async function listMembers(db: Db, actor: Actor, spaceId: string) {
  await spaceFor(db, actor, spaceId, 'booking.staff');
  return repo.membersOf(db, spaceId);
}

/** The operator places a user in a group (own incubatee, host staff) for its resources. */
export async function setMember(db: Db, actor: Actor, ctx: AuditContext, spaceId: string, userId: string, group: 'own_incubatee' | 'host_staff' | null) {
  await spaceFor(db, actor, spaceId, 'booking.manage');
  if (!(await repo.userExists(db, userId))) throw notFound({ zh: '用户不存在', en: 'No such user' });
  await db.transaction(async (tx) => {
    if (group) await repo.upsertMember(tx, spaceId, userId, group);
    else if (!(await repo.deleteMember(tx, spaceId, userId)).length) throw notFound({ zh: '该用户不在名单中', en: 'The user is not listed' });
    await audit.recordInTx(tx, ctx, { action: 'booking.member.set', objectType: 'space', objectId: spaceId, detail: { userId, group } });
  });
  return repo.membersOf(db, spaceId);
}

/**
 * The actor's group at a space: its operator's members are host staff; a user the operator listed
 * is in that group (own incubatee, host staff); any other maker is an outside maker; anyone else none.
 */
export async function groupOf(db: DbOrTx, actor: Actor, space: { id: string; operatorOrgId: string }): Promise<UserGroup | null> {
  if (isOperatorMember(actor) && actor.org.id === space.operatorOrgId) return 'host_staff';
  const listed = await repo.memberGroup(db, space.id, actor.userId);
  if (listed) return listed;
  return hasRole(actor, 'maker') ? 'outside_maker' : null;
}

export async function grantQualification(db: Db, actor: Actor, ctx: AuditContext, resourceId: string, input: { userId: string; expiresOn: string; note?: string | null | undefined }, when?: When) {
  await resourceFor(db, actor, resourceId, 'booking.staff');
  const now = nowOf(when);
  if (input.expiresOn < beijingDay(now)) throw fieldError('body.expiresOn', '有效期不能早于今天', 'cannot expire before today');
  if (!(await repo.userExists(db, input.userId))) throw notFound({ zh: '用户不存在', en: 'No such user' });
  await db.transaction(async (tx) => {
    await repo.upsertQualification(tx, { resourceId, userId: input.userId, grantedOn: beijingDay(now), expiresOn: input.expiresOn, lastUsedAt: now, grantedBy: actor.userId, note: input.note ?? null });
    await audit.recordInTx(tx, ctx, { action: 'booking.qualification.grant', objectType: 'booking_resource', objectId: resourceId, detail: { userId: input.userId, expiresOn: input.expiresOn } });
  });
  return listQualifications(db, actor, resourceId);
}

export async function listQualifications(db: Db, actor: Actor, resourceId: string) {
  const row = await resourceFor(db, actor, resourceId, 'booking.staff');
  const settings = await repo.settingsOf(db, row.resource.spaceId);
  const now = new Date();
  return (await repo.qualificationsOf(db, resourceId)).map(({ q, displayName }) => ({
    userId: q.userId,
    displayName,
    grantedOn: q.grantedOn,
    expiresOn: q.expiresOn,
    lastUsedAt: q.lastUsedAt,
    state: qualificationState(q, now, settings.qualificationLapseDays),
  }));
}

/** The actor's own qualifications across every space, each in the state its space's lapse setting gives. */
export async function myQualifications(db: Db, actor: Actor, when?: When) {
  const now = nowOf(when);
  return (await repo.qualificationsOfUser(db, actor.userId)).map((r) => ({
    resourceId: r.q.resourceId,
    resourceName: r.resourceName,
    spaceId: r.spaceId,
    spaceName: r.spaceName,
    grantedOn: r.q.grantedOn,
    expiresOn: r.q.expiresOn,
    lastUsedAt: r.q.lastUsedAt,
    state: qualificationState(r.q, now, r.lapseDays ?? repo.DEFAULT_SETTINGS.qualificationLapseDays),
  }));
}

// ——— bookings ———

function violationError(list: Violation[]): AppError {
  const fieldOf = (v: Violation) => (v.rule === 'length' || v.rule === 'dailyCap' ? 'body.endsAt' : 'body.startsAt');
  const fields: FieldError[] = list.map((v) => ({ field: fieldOf(v), message: v.zh, messageEn: v.en }));
  return new AppError('VALIDATION_FAILED', {
    zh: `不符合预约规则：${list.map((v) => v.zh).join('；')}`,
    en: `Against the booking rules: ${list.map((v) => v.en).join('; ')}`,
    fields,
    details: { violations: list.map((v) => ({ rule: v.rule, name: v.name, message: v.zh, messageEn: v.en })) },
  });
}

/** Everything a booking of `range` by the actor must pass, in the caller's transaction; the rule applied. */
async function checkRules(tx: DbOrTx, actor: Actor, row: repo.ResourceWithSpace, range: { startsAt: Date; endsAt: Date }, now: Date, except?: string) {
  const space = { id: row.resource.spaceId, operatorOrgId: row.operatorOrgId };
  const group = await groupOf(tx, actor, space);
  if (!group) throw new AppError('FORBIDDEN');
  const rule = (await repo.rulesOf(tx, [row.resource.id])).find((r) => r.userGroup === group);
  if (!rule) throw new AppError('FORBIDDEN', { zh: '该资源暂不向您所在的用户组开放预约', en: 'This resource is not open to your user group' });
  const ban = await repo.activeBan(tx, space.id, actor.userId, now);
  if (ban)
    throw new AppError('FORBIDDEN', {
      zh: `因爽约或迟取消次数过多，暂停在本空间预约至 ${beijingDay(ban.until)}`,
      en: `Booking at this space is barred until ${beijingDay(ban.until)} (too many no-shows or late cancellations)`,
      details: { until: ban.until.toISOString() },
    });
  if (range.endsAt <= range.startsAt) throw fieldError('body.endsAt', '结束时间应晚于开始时间', 'the end must be after the start');
  const buffer = rule.bufferMinutes * MINUTE;
  // One after another: a transaction is one connection (parallel queries on it only queue).
  const settings = await repo.settingsOf(tx, space.id);
  const q = await repo.qualificationOf(tx, row.resource.id, actor.userId);
  const blackouts = await repo.blackoutsOf(tx, [row.resource.id], range.startsAt, range.endsAt);
  const taken = await repo.takenOn(tx, row.resource.id, new Date(range.startsAt.getTime() - 1440 * MINUTE), new Date(range.endsAt.getTime() + buffer), except);
  const mine = await repo.mineOn(tx, row.resource.id, actor.userId, new Date(Math.min(now.getTime(), range.startsAt.getTime() - 1440 * MINUTE)), except);
  if (taken.some((t) => t.startsAt < range.endsAt && range.startsAt < t.endsAt)) throw new AppError('CONFLICT', SLOT_TAKEN);
  const found = violations({
    rule,
    now,
    requested: range,
    openingHours: row.resource.openingHours,
    blackouts,
    mine,
    taken,
    qualification: qualificationState(q ?? null, now, settings.qualificationLapseDays),
  });
  if (found.length) throw violationError(found);
  return { rule, group, settings, heldUntil: new Date(range.endsAt.getTime() + buffer) };
}

async function scheduleRelease(tx: Tx, booking: repo.BookingRow, graceMinutes: number) {
  await sendInTx(tx, 'booking.release', { bookingId: booking.id, startsAt: booking.startsAt.toISOString() }, { startAfter: new Date(booking.startsAt.getTime() + graceMinutes * MINUTE) });
}

async function bookInTx(tx: Tx, actor: Actor, ctx: AuditContext, row: repo.ResourceWithSpace, input: { startsAt: Date; endsAt: Date; purpose?: string | null | undefined }, now: Date) {
  const { rule, group, settings, heldUntil } = await checkRules(tx, actor, row, input, now);
  const booking = await repo.insertBooking(tx, {
    resourceId: row.resource.id,
    spaceId: row.resource.spaceId,
    userId: actor.userId,
    userGroup: group,
    status: rule.needsApproval ? 'pending' : 'confirmed',
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    heldUntil,
    purpose: input.purpose?.trim() || null,
    checkInToken: randomBytes(24).toString('base64url'),
    createdAt: now,
  });
  // Queued whatever the status: a booking still waiting for approval at the end of the grace is released too.
  await scheduleRelease(tx, booking, settings.graceMinutes);
  if (booking.status === 'pending') {
    // Waiting for approval: the space's desk is told.
    const desk = await activeUsersWithRoles(tx, [row.operatorOrgId], ['operator_admin', 'operator_staff']);
    await notify(tx, desk.map((p) => p.id), { title: `预约待审批：${row.resource.name}`, body: `${actor.displayName} 预约了 ${row.resource.name}，请审批。`, link: `/app/resources?space=${row.resource.spaceId}&tab=approvals` });
  }
  await audit.recordInTx(tx, ctx, {
    action: 'booking.create',
    objectType: 'booking',
    objectId: booking.id,
    detail: { resourceId: row.resource.id, startsAt: input.startsAt.toISOString(), endsAt: input.endsAt.toISOString(), status: booking.status },
  });
  return booking;
}

/** Books a slot under the rule of the actor's group; concurrent bookings of one slot: one wins, the others 409. */
export async function book(db: Db, actor: Actor, ctx: AuditContext, resourceId: string, input: { startsAt: Date; endsAt: Date; purpose?: string | null | undefined }, when?: When) {
  const now = nowOf(when);
  const row = await resourceFor(db, actor, resourceId);
  if (!row.resource.active) throw new AppError('CONFLICT', { zh: '该资源已停用', en: 'This resource is not in service' });
  const booking = await guarded(() => db.transaction((tx) => bookInTx(tx, actor, ctx, row, input, now)));
  return readBooking(db, actor, booking.id);
}

/** A booking the actor may see: the booker, or the staff of its space; 404 for anyone else. */
async function bookingFor(db: DbOrTx, actor: Actor, id: string) {
  const row = await repo.findBooking(db, id);
  if (!row) throw notFound(NO_BOOKING);
  const staff = can(actor, 'booking.staff', row);
  if (!staff && row.booking.userId !== actor.userId) throw notFound(NO_BOOKING);
  return { row, staff, own: row.booking.userId === actor.userId };
}

function presentBooking(actor: Actor, row: repo.BookingWithNames) {
  const b = row.booking;
  const staff = can(actor, 'booking.staff', row);
  const own = b.userId === actor.userId;
  return {
    id: b.id,
    resourceId: b.resourceId,
    resourceName: row.resourceName,
    resourceKind: row.resourceKind,
    spaceId: b.spaceId,
    spaceName: row.spaceName,
    userId: b.userId,
    userName: row.userName,
    userMobile: row.userMobile ? maskPersonal(row.userMobile) : null,
    userGroup: b.userGroup,
    status: b.status,
    startsAt: b.startsAt,
    endsAt: b.endsAt,
    purpose: b.purpose,
    checkInToken: own || staff ? b.checkInToken : null,
    checkedInAt: b.checkedInAt,
    checkedOutAt: b.checkedOutAt,
    samples: b.samples,
    usedMinutes: b.usedMinutes,
    freeMinutes: b.freeMinutes,
    chargeFen: b.chargeFen,
    vouchersFen: Number(row.vouchersFen),
    strike: b.strike,
    reason: b.reason,
    revision: b.revision,
    canCancel: own && (b.status === 'pending' || b.status === 'confirmed'),
    canDecide: staff && b.status === 'pending',
    canCheckIn: staff && b.status === 'confirmed',
    canCheckOut: (staff || own) && b.status === 'checked_in',
  };
}
export type BookingView = ReturnType<typeof presentBooking>;

export async function readBooking(db: Db, actor: Actor, id: string) {
  const { row } = await bookingFor(db, actor, id);
  const vouchers = await repo.vouchersOf(db, id);
  return { ...presentBooking(actor, row), vouchers: vouchers.map((v) => ({ id: v.id, issuer: v.issuer, number: v.number, amountFen: v.amountFen, createdAt: v.createdAt })) };
}

export interface ListQuery {
  page: number;
  pageSize: number;
  status?: BookingStatus | undefined;
  resourceId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

/**
 * The spaces where the strike rule bars the actor from booking now: each with the strikes that
 * triggered it and the day it ends (the booking page shows them before a refused booking would).
 */
export async function myBans(db: Db, actor: Actor, when?: When) {
  const rows = await repo.activeBansOfUser(db, actor.userId, nowOf(when));
  return rows.map((b) => ({ spaceId: b.spaceId, spaceName: b.spaceName, strikes: b.strikes, until: b.until, untilDay: beijingDay(b.until) })).sort((a, b) => a.until.getTime() - b.until.getTime());
}

export async function myBookings(db: Db, actor: Actor, q: ListQuery) {
  const { items, counted } = await repo.listBookings(db, { userId: actor.userId, status: q.status, resourceId: q.resourceId, from: q.from, to: q.to }, 'desc', q.pageSize, (q.page - 1) * q.pageSize);
  return { items: items.map((r) => presentBooking(actor, r)), ...cappedTotal(counted), page: q.page, pageSize: q.pageSize };
}

export async function spaceBookings(db: Db, actor: Actor, spaceId: string, q: ListQuery) {
  await spaceFor(db, actor, spaceId, 'booking.staff');
  const { items, counted } = await repo.listBookings(db, { spaceId, status: q.status, resourceId: q.resourceId, from: q.from, to: q.to }, 'asc', q.pageSize, (q.page - 1) * q.pageSize);
  return { items: items.map((r) => presentBooking(actor, r)), ...cappedTotal(counted), page: q.page, pageSize: q.pageSize };
}

/** A strike was counted: more than the space's limit in its window bars the user, who is told. */
async function afterStrike(tx: Tx, ctx: AuditContext, spaceId: string, spaceName: string, userId: string, now: Date) {
  const s = await repo.settingsOf(tx, spaceId);
  const strikes = await repo.strikesSince(tx, spaceId, userId, new Date(now.getTime() - s.strikeWindowDays * 1440 * MINUTE));
  if (strikes <= s.strikeLimit || (await repo.activeBan(tx, spaceId, userId, now))) return;
  const until = new Date(now.getTime() + s.banDays * 1440 * MINUTE);
  await repo.insertBan(tx, { spaceId, userId, until, strikes, createdAt: now });
  await audit.recordInTx(tx, ctx, { action: 'booking.ban', objectType: 'space', objectId: spaceId, detail: { userId, strikes, until: until.toISOString() } });
  await notify(tx, [userId], {
    title: `暂停预约：${spaceName}`,
    body: `您在 ${s.strikeWindowDays} 天内爽约或迟取消 ${strikes} 次，超过本空间的上限（${s.strikeLimit} 次），${s.banDays} 天内（至 ${beijingDay(until)}）不能预约本空间的资源。`,
    link: MY_BOOKINGS_LINK,
  });
}

/** The freed range of a resource goes to its first waiter whose slot is now free, as an offer that expires. */
async function offerFreed(tx: Tx, resourceId: string, from: Date, to: Date, now: Date) {
  const waiter = await repo.firstWaiter(tx, resourceId, from, to);
  if (!waiter) return;
  const row = await repo.findResource(tx, resourceId);
  const s = await repo.settingsOf(tx, row!.resource.spaceId);
  const until = new Date(now.getTime() + s.offerMinutes * MINUTE);
  await repo.setWait(tx, waiter.id, ['waiting'], { status: 'offered', offeredUntil: until });
  await sendInTx(tx, 'booking.offer_expire', { waitId: waiter.id }, { startAfter: until });
  await notify(tx, [waiter.userId], {
    title: `候补时段已空出：${row!.resource.name}`,
    body: `您候补的时段已空出，请在 ${s.offerMinutes} 分钟内确认预约，逾期将顺延给下一位。`,
    link: MY_BOOKINGS_LINK,
  });
}

export async function cancel(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { reason?: string | null | undefined }, when?: When) {
  const now = nowOf(when);
  const { row, staff, own } = await bookingFor(db, actor, id);
  if (!own && !staff) throw notFound(NO_BOOKING);
  await db.transaction(async (tx) => {
    const s = await repo.settingsOf(tx, row.booking.spaceId);
    // Only the booker's own late cancellation is a strike; the staff cancelling is not the maker's fault.
    const late = own && row.booking.status === 'confirmed' && isLateCancellation(now, row.booking.startsAt, s.lateCancelMinutes);
    const done = await repo.setBooking(tx, id, ['pending', 'confirmed'], { status: 'cancelled', cancelledAt: now, strike: late, reason: input.reason?.trim() || null });
    if (!done) throw new AppError('STATE_CONFLICT', { zh: '该预约已开始、结束或已取消，不能取消', en: 'The booking has started, ended or was cancelled' });
    await audit.recordInTx(tx, ctx, { action: 'booking.cancel', objectType: 'booking', objectId: id, detail: { late, byStaff: !own } });
    if (!own) await notify(tx, [row.booking.userId], { title: `预约已被取消：${row.resourceName}`, body: input.reason?.trim() || '空间工作人员取消了您的预约。', link: MY_BOOKINGS_LINK });
    if (late) await afterStrike(tx, ctx, row.booking.spaceId, row.spaceName, row.booking.userId, now);
    await offerFreed(tx, row.booking.resourceId, row.booking.startsAt, row.booking.endsAt, now);
  });
  return readBooking(db, actor, id);
}

/** The booker moves a booking within the rules (its own old time does not count against it). */
export async function move(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { startsAt: Date; endsAt: Date; revision: number }, when?: When) {
  const now = nowOf(when);
  const { row, own } = await bookingFor(db, actor, id);
  if (!own) throw new AppError('FORBIDDEN', { zh: '只有预约人可以改期', en: 'Only the booker may move a booking' });
  if (row.booking.status !== 'pending' && row.booking.status !== 'confirmed') throw new AppError('STATE_CONFLICT', { zh: '该预约已开始、结束或已取消，不能改期', en: 'The booking has started, ended or was cancelled' });
  const resource = await repo.findResource(db, row.booking.resourceId);
  await guarded(() =>
    db.transaction(async (tx) => {
      const { rule, settings, heldUntil } = await checkRules(tx, actor, resource!, input, now, id);
      const status = rule.needsApproval ? 'pending' : 'confirmed';
      const moved = await repo.moveBooking(tx, id, input.revision, input.startsAt, input.endsAt, heldUntil, status);
      if (!moved) throw new AppError('STALE_REVISION', { details: { currentRevision: row.booking.revision } });
      await scheduleRelease(tx, moved, settings.graceMinutes);
      await audit.recordInTx(tx, ctx, {
        action: 'booking.move',
        objectType: 'booking',
        objectId: id,
        detail: { from: row.booking.startsAt.toISOString(), startsAt: input.startsAt.toISOString(), endsAt: input.endsAt.toISOString() },
      });
      await offerFreed(tx, row.booking.resourceId, row.booking.startsAt, row.booking.endsAt, now);
    }),
  );
  return readBooking(db, actor, id);
}

/** Staff approve or refuse a booking waiting for approval; the booker is told. */
export async function decide(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { approve: boolean; reason?: string | null | undefined }, when?: When) {
  const now = nowOf(when);
  const { row, staff } = await bookingFor(db, actor, id);
  if (!staff) throw new AppError('FORBIDDEN');
  await db.transaction(async (tx) => {
    const done = await repo.setBooking(tx, id, ['pending'], { status: input.approve ? 'confirmed' : 'rejected', decidedBy: actor.userId, decidedAt: now, reason: input.reason?.trim() || null });
    if (!done) throw new AppError('STATE_CONFLICT', { zh: '该预约不在待审批状态', en: 'The booking is not waiting for approval' });
    await audit.recordInTx(tx, ctx, { action: input.approve ? 'booking.approve' : 'booking.reject', objectType: 'booking', objectId: id, detail: { reason: input.reason ?? null } });
    await notify(tx, [row.booking.userId], {
      title: `${input.approve ? '预约已通过' : '预约未通过'}：${row.resourceName}`,
      body: input.approve ? `您预约的 ${row.resourceName} 已通过审批，请按时签到。` : `原因：${input.reason?.trim() || '未说明'}`,
      link: MY_BOOKINGS_LINK,
    });
    if (!input.approve) await offerFreed(tx, row.booking.resourceId, row.booking.startsAt, row.booking.endsAt, now);
  });
  return readBooking(db, actor, id);
}

/** How early before the start a booking may be checked in. */
const EARLY_CHECK_IN_MINUTES = 30;

async function checkInRow(db: Db, actor: Actor, ctx: AuditContext, row: repo.BookingWithNames, via: 'desk' | 'qr', now: Date) {
  const b = row.booking;
  if (b.status !== 'confirmed') throw new AppError('STATE_CONFLICT', { zh: '该预约不能签到（未确认、已签到或已结束）', en: 'This booking cannot be checked in' });
  if (now.getTime() < b.startsAt.getTime() - EARLY_CHECK_IN_MINUTES * MINUTE || now >= b.endsAt)
    throw new AppError('WINDOW_CLOSED', { zh: `签到时间为开始前 ${EARLY_CHECK_IN_MINUTES} 分钟至结束时间`, en: `check in from ${EARLY_CHECK_IN_MINUTES} minutes before the start until the end` });
  await db.transaction(async (tx) => {
    const done = await repo.setBooking(tx, b.id, ['confirmed'], { status: 'checked_in', checkedInAt: now });
    if (!done) throw new AppError('STATE_CONFLICT', { zh: '该预约已签到或已释放', en: 'Already checked in or released' });
    await audit.recordInTx(tx, ctx, { action: 'booking.check_in', objectType: 'booking', objectId: b.id, detail: { via } });
  });
  return readBooking(db, actor, b.id);
}

/** Staff check a booking in at the desk. */
export async function checkIn(db: Db, actor: Actor, ctx: AuditContext, id: string, when?: When) {
  const { row, staff } = await bookingFor(db, actor, id);
  if (!staff) throw new AppError('FORBIDDEN');
  return checkInRow(db, actor, ctx, row, 'desk', nowOf(when));
}

/** The kiosk (a staff account of the space) scans the booking's QR token. */
export async function checkInByToken(db: Db, actor: Actor, ctx: AuditContext, token: string, when?: When) {
  const row = await repo.findBookingByToken(db, token);
  if (!row || !can(actor, 'booking.staff', row)) throw notFound(NO_BOOKING);
  return checkInRow(db, actor, ctx, row, 'qr', nowOf(when));
}

/** Check-out: the minutes used from check-in, the charge from the fee basis (free quota for own incubatees). */
export async function checkOut(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { samples?: number | undefined }, when?: When) {
  const now = nowOf(when);
  const { row, staff, own } = await bookingFor(db, actor, id);
  if (!staff && !own) throw notFound(NO_BOOKING);
  const b = row.booking;
  if (b.status !== 'checked_in') throw new AppError('STATE_CONFLICT', { zh: '该预约未签到，不能签退', en: 'The booking is not checked in' });
  const resource = (await repo.findResource(db, b.resourceId))!.resource;
  if (resource.feeUnit === 'sample' && input.samples === undefined) throw fieldError('body.samples', '按样品计费的资源签退时须填写样品数', 'give the number of samples');
  const used = Math.max(1, Math.ceil(minutesBetween(b.checkedInAt!, now)));
  await db.transaction(async (tx) => {
    let freeLeft = 0;
    if (b.userGroup === 'own_incubatee' && resource.feeUnit === 'hour' && resource.freeQuotaHours > 0) {
      const monthStart = beijingMidnight(`${beijingDay(now).slice(0, 7)}-01`);
      freeLeft = Math.max(0, resource.freeQuotaHours * 60 - (await repo.freeMinutesUsed(tx, resource.id, b.userId, monthStart)));
    }
    const c = charge({ feeUnit: resource.feeUnit, priceFen: resource.priceFen, usedMinutes: used, samples: input.samples ?? null, freeMinutesLeft: freeLeft });
    const done = await repo.setBooking(tx, id, ['checked_in'], { status: 'completed', checkedOutAt: now, usedMinutes: used, samples: input.samples ?? null, freeMinutes: c.freeMinutes, chargeFen: c.chargeFen });
    if (!done) throw new AppError('STATE_CONFLICT', { zh: '该预约已签退', en: 'Already checked out' });
    await repo.touchQualification(tx, resource.id, b.userId, now);
    await audit.recordInTx(tx, ctx, { action: 'booking.check_out', objectType: 'booking', objectId: id, detail: { usedMinutes: used, chargeFen: c.chargeFen, freeMinutes: c.freeMinutes } });
  });
  return readBooking(db, actor, id);
}

/**
 * The `booking.release` job: a confirmed booking not checked in by the end of the grace becomes a
 * no-show (a strike). One the staff never approved is released without a strike (not the maker's
 * doing) and leaves the approvals. Either way the rest of its time is offered to the waitlist.
 * Idempotent: a booking checked in, cancelled, decided, moved (another start) or already released is
 * left alone.
 */
export async function releaseNoShow(db: Db, data: { bookingId: string; startsAt: string }, when?: When): Promise<boolean> {
  const now = nowOf(when);
  return db.transaction(async (tx) => {
    const row = await repo.findBooking(tx, data.bookingId);
    const status = row?.booking.status;
    if (!row || (status !== 'confirmed' && status !== 'pending') || row.booking.startsAt.toISOString() !== new Date(data.startsAt).toISOString()) return false;
    const s = await repo.settingsOf(tx, row.booking.spaceId);
    if (now.getTime() < row.booking.startsAt.getTime() + s.graceMinutes * MINUTE) return false;
    const noShow = status === 'confirmed';
    const done = await repo.setBooking(
      tx,
      data.bookingId,
      [status],
      noShow ? { status: 'no_show', strike: true, reason: '超过签到宽限时间未签到，自动释放' } : { status: 'rejected', reason: '开始前未获审批，自动释放' },
    );
    if (!done) return false;
    await audit.recordInTx(tx, audit.SYSTEM_CONTEXT, { action: noShow ? 'booking.no_show' : 'booking.lapse', objectType: 'booking', objectId: data.bookingId, detail: { graceMinutes: s.graceMinutes } });
    await notify(tx, [row.booking.userId], {
      title: `${noShow ? '预约已释放（爽约）' : '预约未获审批'}：${row.resourceName}`,
      body: noShow ? `您的预约在开始后 ${s.graceMinutes} 分钟内未签到，已自动释放并记爽约一次。` : '空间在预约开始前未审批，该预约已自动释放，不记爽约。',
      link: MY_BOOKINGS_LINK,
    });
    if (noShow) await afterStrike(tx, audit.SYSTEM_CONTEXT, row.booking.spaceId, row.spaceName, row.booking.userId, now);
    await offerFreed(tx, row.booking.resourceId, now > row.booking.startsAt ? now : row.booking.startsAt, row.booking.endsAt, now);
    return true;
  });
}

// ——— vouchers ———

/** A 科技创新券 redeemed against a completed booking's charge; the vouchers together never exceed it. */
export async function redeemVoucher(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { issuer: string; number: string; amountFen: number }) {
  const { row, staff } = await bookingFor(db, actor, id);
  if (!staff) throw new AppError('FORBIDDEN');
  if (row.booking.status !== 'completed') throw new AppError('STATE_CONFLICT', { zh: '只能对已签退并计费的预约核销创新券', en: 'Only a checked-out, charged booking takes vouchers' });
  try {
    await db.transaction(async (tx) => {
      // Serialise redemptions against one booking: the sum check and the insert must see each other.
      const locked = await repo.setBooking(tx, id, ['completed'], {});
      const already = (await repo.vouchersOf(tx, id)).reduce((s, v) => s + v.amountFen, 0);
      if (already + input.amountFen > (locked?.chargeFen ?? 0))
        throw fieldError('body.amountFen', `创新券金额不能超过费用（尚可核销 ${((locked?.chargeFen ?? 0) - already) / 100} 元）`, 'the vouchers cannot exceed the charge');
      const v = await repo.insertVoucher(tx, { bookingId: id, issuer: input.issuer.trim(), number: input.number.trim(), amountFen: input.amountFen, recordedBy: actor.userId });
      await audit.recordInTx(tx, ctx, { action: 'booking.voucher.redeem', objectType: 'booking', objectId: id, detail: { voucherId: v.id, issuer: v.issuer, number: v.number, amountFen: v.amountFen } });
    });
  } catch (err) {
    if (violatedUniqueConstraint(err)) throw new AppError('DUPLICATE', { zh: '该创新券（发放机构 + 编号）已核销', en: 'This voucher (issuer + number) was already redeemed' });
    throw err;
  }
  return readBooking(db, actor, id);
}

// ——— waitlist ———

function presentWait(w: repo.WaitRow, names: { resourceName: string; spaceName: string }) {
  return { id: w.id, resourceId: w.resourceId, resourceName: names.resourceName, spaceName: names.spaceName, startsAt: w.startsAt, endsAt: w.endsAt, status: w.status, offeredUntil: w.offeredUntil, bookingId: w.bookingId };
}

/** Joins the waitlist for a slot that is taken now (a free slot is simply booked). */
export async function joinWaitlist(db: Db, actor: Actor, ctx: AuditContext, resourceId: string, input: { startsAt: Date; endsAt: Date }, when?: When) {
  const now = nowOf(when);
  const row = await resourceFor(db, actor, resourceId);
  if (input.endsAt <= input.startsAt) throw fieldError('body.endsAt', '结束时间应晚于开始时间', 'the end must be after the start');
  if (input.startsAt <= now) throw fieldError('body.startsAt', '只能候补未开始的时段', 'only a future slot can be waited for');
  if (!(await groupOf(db, actor, { id: row.resource.spaceId, operatorOrgId: row.operatorOrgId }))) throw new AppError('FORBIDDEN');
  const taken = await repo.takenOn(db, resourceId, input.startsAt, input.endsAt);
  if (!taken.length) throw new AppError('CONFLICT', { zh: '该时段空闲，可直接预约', en: 'The slot is free: book it' });
  if (taken.some((t) => t.userId === actor.userId)) throw new AppError('DUPLICATE', { zh: '您已预约该时段', en: 'You hold this slot already' });
  const w = await db.transaction(async (tx) => {
    const w = await repo.insertWait(tx, { resourceId, userId: actor.userId, startsAt: input.startsAt, endsAt: input.endsAt, createdAt: now });
    await audit.recordInTx(tx, ctx, { action: 'booking.waitlist.join', objectType: 'booking_resource', objectId: resourceId, detail: { waitId: w.id } });
    return w;
  });
  return presentWait(w, { resourceName: row.resource.name, spaceName: row.spaceName });
}

export async function myWaits(db: Db, actor: Actor) {
  return (await repo.waitsOfUser(db, actor.userId)).map((r) => presentWait(r.wait, r));
}

/** The waiter accepts an open offer: it becomes a booking under the rules, in one transaction. */
export async function acceptOffer(db: Db, actor: Actor, ctx: AuditContext, waitId: string, when?: When) {
  const now = nowOf(when);
  const w = await repo.findWait(db, waitId);
  if (!w || w.userId !== actor.userId) throw notFound(NO_WAIT);
  const row = await resourceFor(db, actor, w.resourceId);
  const booking = await guarded(() =>
    db.transaction(async (tx) => {
      const locked = await repo.findWait(tx, waitId, true);
      if (locked?.status !== 'offered' || !locked.offeredUntil || locked.offeredUntil < now) throw new AppError('STATE_CONFLICT', { zh: '候补邀请已过期或不存在', en: 'The offer has expired or does not exist' });
      const booking = await bookInTx(tx, actor, ctx, row, { startsAt: w.startsAt, endsAt: w.endsAt }, now);
      await repo.setWait(tx, waitId, ['offered'], { status: 'accepted', bookingId: booking.id });
      return booking;
    }),
  );
  return readBooking(db, actor, booking.id);
}

export async function leaveWaitlist(db: Db, actor: Actor, ctx: AuditContext, waitId: string, when?: When) {
  const now = nowOf(when);
  const w = await repo.findWait(db, waitId);
  if (!w || w.userId !== actor.userId) throw notFound(NO_WAIT);
  await db.transaction(async (tx) => {
    const done = await repo.setWait(tx, waitId, ['waiting', 'offered'], { status: 'cancelled' });
    if (!done) throw new AppError('STATE_CONFLICT', { zh: '该候补已结束', en: 'This waitlist entry is over' });
    await audit.recordInTx(tx, ctx, { action: 'booking.waitlist.leave', objectType: 'booking_resource', objectId: w.resourceId, detail: { waitId } });
    if (done.offeredUntil && w.status === 'offered') await offerFreed(tx, w.resourceId, w.startsAt, w.endsAt, now);
  });
}

/** The `booking.offer_expire` job: an offer not accepted in time expires and the slot goes to the next waiter. Idempotent. */
export async function expireOffer(db: Db, data: { waitId: string }, when?: When): Promise<boolean> {
  const now = nowOf(when);
  return db.transaction(async (tx) => {
    const w = await repo.findWait(tx, data.waitId, true);
    if (w?.status !== 'offered' || !w.offeredUntil || w.offeredUntil > now) return false;
    await repo.setWait(tx, w.id, ['offered'], { status: 'expired' });
    await audit.recordInTx(tx, audit.SYSTEM_CONTEXT, { action: 'booking.waitlist.expire', objectType: 'booking_resource', objectId: w.resourceId, detail: { waitId: w.id } });
    await offerFreed(tx, w.resourceId, w.startsAt, w.endsAt, now);
    return true;
  });
}

// ——— search and usage ———

export interface SearchQuery extends Omit<repo.SearchFilter, 'regionPath'> {
  regionCode?: string | undefined;
  page: number;
  pageSize: number;
}

/** Platform-wide search for makers across every filed space: two statements plus the rules of the page. */
export async function searchResources(db: Db, actor: Actor, q: SearchQuery) {
  if (!can(actor, 'booking.book')) throw new AppError('FORBIDDEN');
  let regionPath: string | undefined;
  if (q.regionCode) {
    regionPath = await regionPathOf(db, q.regionCode);
    if (!regionPath) throw fieldError('query.regionCode', '行政区划代码不存在', 'no such region');
  }
  const { items, counted } = await repo.search(db, { ...q, regionPath }, q.pageSize, (q.page - 1) * q.pageSize);
  const rules = await repo.rulesOf(
    db,
    items.map((i) => i.resource.id),
  );
  return {
    items: items.map((i) => ({
      id: i.resource.id,
      spaceId: i.resource.spaceId,
      spaceName: i.spaceName,
      industry: i.industry,
      regionCode: i.regionCode,
      regionName: i.regionName,
      kind: i.resource.kind,
      name: i.resource.name,
      category: i.resource.category,
      location: i.resource.location,
      feeBasis: i.resource.feeBasis,
      feeUnit: i.resource.feeUnit,
      priceFen: i.resource.priceFen,
      openingHours: i.resource.openingHours,
      coverPhotoId: i.coverPhotoId,
      groups: rules.filter((r) => r.resourceId === i.resource.id).map((r) => r.userGroup),
    })),
    ...cappedTotal(counted),
    page: q.page,
    pageSize: q.pageSize,
  };
}

async function regionPathOf(db: Db, code: string): Promise<string | undefined> {
  const r = await findRegion(db, code);
  return r?.path;
}

export async function spaceUsage(db: Db, actor: Actor, spaceId: string, q: { by: repo.UsageGrouping; from: string; to: string }) {
  await spaceFor(db, actor, spaceId, 'booking.staff');
  if (q.to <= q.from) throw fieldError('query.to', '结束日期应晚于开始日期', 'the end must be after the start');
  const rows = await repo.usage(db, spaceId, q.by, shanghaiAt(q.from, 0), shanghaiAt(q.to, 0));
  return rows.map((r) => ({ key: r.key, label: r.label, bookings: r.bookings, hours: Math.round((r.minutes / 60) * 10) / 10, chargeFen: r.chargeFen, vouchersFen: r.vouchersFen }));
}

/** Booking figures per space for a Shanghai year (what a statistics return or evaluation can read): one statement. */
export async function bookingYearFigures(db: DbOrTx, spaceIds: readonly string[], year: number) {
  return repo.yearFigures(db, spaceIds, year);
}
