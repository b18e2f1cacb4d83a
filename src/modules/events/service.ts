import { randomBytes } from 'node:crypto';
import type { Config } from '../../config.ts';
import type { Db, DbOrTx, Tx } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError, fieldError, fieldErrors, notFound } from '../../shared/errors.ts';
import { cappedTotal } from '../../shared/http/pagination.ts';
import { violatedUniqueConstraint } from '../../shared/validation/unique-violation.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { sendInTx } from '../jobs/index.ts';
import { shanghaiDateTime } from '../documents/index.ts';
import { authorisePhoto, openLinkedFile, reorderLinkedPhotos } from '../files/index.ts';
import { notify, notifyAndMail } from '../notify/index.ts';
import { answersOf, formOf, type FormFieldInput } from './form.ts';
import { can } from './policy.ts';
import * as repo from './repository.ts';
import { DEFAULT_REMIND_MINUTES, EVENT_KINDS, EVENT_ROLES, MAX_EVENT_PHOTOS, PROFESSIONAL_KINDS, type EventKind, type EventRole, type EventStatus, type SignupStatus } from './schema.ts';
import { beijingYearBounds } from '../../shared/beijing-time.ts';

const MINUTE = 60_000;
const MY_EVENTS_LINK = '/app/my-events';
const NO_EVENT = { zh: '活动不存在', en: 'No such event' };
const NO_SIGNUP = { zh: '报名记录不存在', en: 'No such sign-up' };
const NO_SPACE = { zh: '众创空间不存在', en: 'No such maker space' };
const NO_PHOTO = { zh: '照片不存在', en: 'No such photo' };
/** 002 §二(五): 每年举办不少于 5 场专业技术领域活动. */
export const YEARLY_MINIMUM = 5;

/** The time of an action: the clock, or a given instant (the demo history replays past events). */
export interface When {
  now?: Date;
}
const nowOf = (w?: When) => w?.now ?? new Date();
const newToken = () => randomBytes(18).toString('base64url');

export interface EventInput {
  title: string;
  kind: EventKind;
  role: EventRole;
  partners: string[];
  subField?: string | null | undefined;
  description: string;
  place?: string | null | undefined;
  onlineUrl?: string | null | undefined;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  signupOpensAt: Date;
  signupClosesAt: Date;
  needsApproval: boolean;
  offerMinutes?: number | undefined;
  remindMinutes?: number | undefined;
}

function columnsOf(input: EventInput) {
  if (input.endsAt <= input.startsAt) throw fieldError('body.endsAt', '结束时间应晚于开始时间', 'the end must be after the start');
  if (input.signupClosesAt <= input.signupOpensAt) throw fieldError('body.signupClosesAt', '报名截止时间应晚于报名开始时间', 'sign-up must close after it opens');
  if (input.signupClosesAt > input.endsAt) throw fieldError('body.signupClosesAt', '报名截止时间不能晚于活动结束时间', 'sign-up cannot close after the event ends');
  const place = input.place?.trim() || null;
  const onlineUrl = input.onlineUrl?.trim() || null;
  if (!place && !onlineUrl) throw fieldError('body.place', '请填写活动地点或线上链接', 'give a place or an online link');
  if (input.role !== 'host' && !input.partners.length) throw fieldError('body.partners', '承办或联合举办的活动请填写合作单位', 'name the partners of an event the space organises or co-hosts');
  return {
    title: input.title.trim(),
    kind: input.kind,
    role: input.role,
    partners: input.partners.map((p) => p.trim()).filter(Boolean),
    subField: input.subField?.trim() || null,
    description: input.description.trim(),
    place,
    onlineUrl,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    capacity: input.capacity,
    signupOpensAt: input.signupOpensAt,
    signupClosesAt: input.signupClosesAt,
    needsApproval: input.needsApproval,
    offerMinutes: input.offerMinutes ?? 720,
    remindMinutes: input.remindMinutes ?? DEFAULT_REMIND_MINUTES,
  };
}

function presentEvent(actor: Actor, r: repo.EventWithSpace, now = new Date()) {
  const e = r.event;
  const staff = can(actor, 'event.manage', { operatorOrgId: r.operatorOrgId });
  return {
    id: e.id,
    spaceId: e.spaceId,
    spaceName: r.spaceName,
    regionName: r.regionName,
    title: e.title,
    kind: e.kind,
    role: e.role,
    partners: e.partners,
    subField: e.subField,
    description: e.description,
    place: e.place,
    onlineUrl: e.onlineUrl,
    startsAt: e.startsAt,
    endsAt: e.endsAt,
    capacity: e.capacity,
    seatsTaken: e.seatsTaken,
    signupOpensAt: e.signupOpensAt,
    signupClosesAt: e.signupClosesAt,
    needsApproval: e.needsApproval,
    offerMinutes: e.offerMinutes,
    remindMinutes: e.remindMinutes,
    signupForm: e.signupForm,
    status: e.status,
    summary: e.summary,
    photoIds: r.photoIds,
    heldAt: e.heldAt,
    confirmed: r.confirmed,
    waitlisted: r.waitlisted,
    pending: r.pending,
    attendance: r.attended,
    revision: e.revision,
    canManage: staff,
    signupOpen: e.status === 'published' && e.signupOpensAt <= now && now < e.signupClosesAt,
  };
}
export type EventView = ReturnType<typeof presentEvent>;

/** The space when the actor keeps its events; 404 otherwise (403 for roles that keep none). */
async function ownSpace(db: DbOrTx, actor: Actor, spaceId: string) {
  if (!can(actor, 'event.manage')) throw new AppError('FORBIDDEN');
  const space = await repo.findSpace(db, spaceId);
  if (!space || !can(actor, 'event.manage', space)) throw notFound(NO_SPACE);
  return space;
}

/** An event the actor keeps (any status); 404 otherwise. */
export async function ownEvent(db: DbOrTx, actor: Actor, id: string) {
  if (!can(actor, 'event.manage')) throw new AppError('FORBIDDEN');
  const row = await repo.findEvent(db, id);
  if (!row || !can(actor, 'event.manage', row)) throw notFound(NO_EVENT);
  return row;
}

/** An event the actor may read: its own space's in any status, anyone's once published. */
async function visibleEvent(db: DbOrTx, actor: Actor, id: string) {
  const row = await repo.findEvent(db, id);
  if (!row) throw notFound(NO_EVENT);
  if (!can(actor, 'event.manage', row) && row.event.status === 'draft') throw notFound(NO_EVENT);
  return row;
}

export async function readEvent(db: Db, actor: Actor, id: string, when?: When) {
  const row = await visibleEvent(db, actor, id);
  const mine = await repo.liveSignupOf(db, id, actor.userId);
  const places = mine ? await repo.waitlistPlaces(db, [mine.id]) : new Map<string, number>();
  return { ...presentEvent(actor, row, nowOf(when)), mySignup: mine ? presentSignup(mine, places.get(mine.id) ?? null) : null };
}

/** A space's staff register an event as a draft (audited). */
export async function createEvent(db: Db, actor: Actor, ctx: AuditContext, spaceId: string, input: EventInput) {
  await ownSpace(db, actor, spaceId);
  const columns = columnsOf(input);
  const id = await db.transaction(async (tx) => {
    const row = await repo.insertEvent(tx, { spaceId, ...columns, createdBy: actor.userId });
    await audit.recordInTx(tx, ctx, { action: 'event.create', objectType: 'space_event', objectId: row.id, detail: { spaceId, kind: row.kind, role: row.role, title: row.title } });
    return row.id;
  });
  return readEvent(db, actor, id);
}

/** Edits a draft or published event under its revision; the capacity cannot fall below the seats held. */
export async function editEvent(db: Db, actor: Actor, ctx: AuditContext, id: string, input: EventInput & { revision: number }) {
  const before = await ownEvent(db, actor, id);
  if (before.event.status !== 'draft' && before.event.status !== 'published') throw new AppError('NOT_EDITABLE', { zh: '已举办或已取消的活动不能修改（举办后可补充总结）', en: 'A held or cancelled event cannot be edited' });
  const columns = columnsOf(input);
  await db.transaction(async (tx) => {
    const locked = (await repo.lockEvent(tx, id))!;
    if (locked.revision !== input.revision) throw new AppError('STALE_REVISION');
    if (columns.capacity < locked.seatsTaken) throw fieldError('body.capacity', `名额不能少于已确认的人数（${locked.seatsTaken}）`, `the capacity cannot be below the seats taken (${locked.seatsTaken})`);
    const after = (await repo.updateEvent(tx, id, input.revision, columns))!;
    const changed = (Object.keys(columns) as (keyof typeof columns)[]).filter((k) => JSON.stringify(before.event[k]) !== JSON.stringify(columns[k]));
    // A moved start or lead time asks for a reminder at the new instant (the old job finds itself stale).
    if (after.status === 'published' && (changed.includes('startsAt') || changed.includes('remindMinutes'))) await queueReminder(tx, after);
    await audit.recordInTx(tx, ctx, { action: 'event.edit', objectType: 'space_event', objectId: id, detail: { changed } });
  });
  return readEvent(db, actor, id);
}

const MOVES: Record<'publish' | 'cancel' | 'hold', { from: EventStatus[]; to: EventStatus }> = {
  publish: { from: ['draft'], to: 'published' },
  cancel: { from: ['draft', 'published'], to: 'cancelled' },
  hold: { from: ['published'], to: 'held' },
};

/** draft → published → held; draft or published → cancelled (the signed-up are told). */
async function moveEvent(db: Db, actor: Actor, ctx: AuditContext, id: string, move: keyof typeof MOVES, revision: number, extra: { summary?: string | undefined; reason?: string | undefined }, now: Date) {
  const row = await ownEvent(db, actor, id);
  const m = MOVES[move];
  if (!m.from.includes(row.event.status)) throw new AppError('STATE_CONFLICT', { zh: '该活动当前状态下不能执行此操作', en: 'Not possible in the event’s current state' });
  if (move === 'hold' && row.event.startsAt > now) throw new AppError('STATE_CONFLICT', { zh: '活动尚未开始，不能标记为已举办', en: 'The event has not started yet' });
  await db.transaction(async (tx) => {
    const locked = (await repo.lockEvent(tx, id))!;
    if (locked.revision !== revision) throw new AppError('STALE_REVISION');
    if (!m.from.includes(locked.status)) throw new AppError('MOVED_ON');
    const patch =
      move === 'publish' ? { status: m.to, publishedAt: now } : move === 'hold' ? { status: m.to, heldAt: now, summary: extra.summary?.trim() || null } : { status: m.to, cancelledAt: now, summary: extra.reason?.trim() || null };
    const after = (await repo.updateEvent(tx, id, revision, patch))!;
    if (move === 'publish') await queueReminder(tx, after);
    const code = { publish: 'event.publish', cancel: 'event.cancel', hold: 'event.hold' }[move];
    await audit.recordInTx(tx, ctx, { action: code, objectType: 'space_event', objectId: id, detail: { from: locked.status, to: m.to } });
    if (move === 'cancel') {
      const live = await repo.liveSignupUsers(tx, id);
      if (live.length) await notify(tx, live, { title: `活动已取消：${locked.title}`, body: extra.reason?.trim() || '主办方取消了该活动。', link: MY_EVENTS_LINK });
    }
  });
  return readEvent(db, actor, id, { now });
}

export const publishEvent = (db: Db, actor: Actor, ctx: AuditContext, id: string, input: { revision: number }, when?: When) => moveEvent(db, actor, ctx, id, 'publish', input.revision, {}, nowOf(when));
export const cancelEvent = (db: Db, actor: Actor, ctx: AuditContext, id: string, input: { revision: number; reason: string }, when?: When) => moveEvent(db, actor, ctx, id, 'cancel', input.revision, { reason: input.reason }, nowOf(when));
/** After the event: its summary, and it becomes a public activity record (登记和宣传). */
export const holdEvent = (db: Db, actor: Actor, ctx: AuditContext, id: string, input: { revision: number; summary: string }, when?: When) => moveEvent(db, actor, ctx, id, 'hold', input.revision, { summary: input.summary }, nowOf(when));

export interface EventListQuery extends Omit<repo.EventFilter, 'operatorOrgId' | 'open'> {
  sort?: repo.EventSort | undefined;
  order?: 'asc' | 'desc' | undefined;
  page: number;
  pageSize: number;
}

/** The events of the operator's spaces, paged and sorted. */
export async function listManaged(db: Db, actor: Actor, q: EventListQuery) {
  if (!can(actor, 'event.manage')) throw new AppError('FORBIDDEN');
  const { rows, total } = await repo.listEvents(db, { ...q, operatorOrgId: actor.org.id }, q, q.pageSize, (q.page - 1) * q.pageSize);
  return { items: rows.map((r) => presentEvent(actor, r)), total, page: q.page, pageSize: q.pageSize };
}

/** Published events still taking sign-ups, for anyone signed in. */
export async function listOpen(db: Db, actor: Actor, q: EventListQuery, when?: When) {
  const now = nowOf(when);
  const { rows, total } = await repo.listEvents(db, { spaceId: q.spaceId, kind: q.kind, q: q.q, open: { now } }, q, q.pageSize, (q.page - 1) * q.pageSize);
  return { items: rows.map((r) => presentEvent(actor, r, now)), total, page: q.page, pageSize: q.pageSize };
}

// ---- the sign-up form ----

/**
 * Staff set the questions makers answer when signing up, under the event's revision, until the
 * event is held or cancelled. Answers already given stay as they were (each kept with the label it
 * answered); a question kept by its key keeps its answers. Audited.
 */
export async function setSignupForm(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { fields: FormFieldInput[]; revision: number }) {
  const row = await ownEvent(db, actor, id);
  if (row.event.status !== 'draft' && row.event.status !== 'published') throw new AppError('NOT_EDITABLE', { zh: '已举办或已取消的活动不能修改报名表', en: 'A held or cancelled event’s form cannot change' });
  const { form, problems } = formOf(input.fields, row.event.signupForm);
  if (problems.length) throw fieldErrors(problems);
  await db.transaction(async (tx) => {
    const locked = (await repo.lockEvent(tx, id))!;
    if (locked.revision !== input.revision) throw new AppError('STALE_REVISION');
    if (locked.status !== 'draft' && locked.status !== 'published') throw new AppError('MOVED_ON');
    await repo.updateEvent(tx, id, input.revision, { signupForm: form });
    await audit.recordInTx(tx, ctx, { action: 'event.form', objectType: 'space_event', objectId: id, detail: { fields: form.map((f) => ({ key: f.key, type: f.type, required: f.required })) } });
  });
  return readEvent(db, actor, id);
}

// ---- reminders ----

/** The instant the event's confirmed participants are reminded. */
const remindAtOf = (e: Pick<repo.EventRow, 'startsAt' | 'remindMinutes'>) => new Date(e.startsAt.getTime() - e.remindMinutes * MINUTE);

/** Asks for the reminder of a published event at its instant (at once when that has passed). */
async function queueReminder(tx: Tx, e: repo.EventRow) {
  const remindAt = remindAtOf(e);
  await sendInTx(tx, 'events.remind', { eventId: e.id, remindAt: remindAt.toISOString() }, { startAfter: remindAt });
}

/**
 * The `events.remind` job: each confirmed participant not reminded yet is told in-app and by e-mail
 * (through the outbox) that the event is near. Exactly once per participant whatever the number of
 * runs (the sign-up keeps when it was reminded); cancelled and waitlisted sign-ups are left out;
 * nothing is sent for an event no longer published, one already started, or when the job is stale
 * (the start or lead time moved, so a newer job stands). Returns how many were reminded.
 */
export async function remindParticipants(db: Db, data: { eventId: string; remindAt: string }, when?: When): Promise<number> {
  const now = nowOf(when);
  return db.transaction(async (tx) => {
    const e = await repo.lockEvent(tx, data.eventId);
    if (e?.status !== 'published' || e.startsAt <= now || remindAtOf(e).toISOString() !== new Date(data.remindAt).toISOString()) return 0;
    const people = await repo.markReminded(tx, e.id, now);
    if (!people.length) return 0;
    const where = e.place ?? e.onlineUrl ?? '';
    await notifyAndMail(tx, people, {
      title: `活动提醒：${e.title}`,
      body: `您报名的活动将于 ${shanghaiDateTime(e.startsAt)} 开始${where ? `（${where}）` : ''}，请按时参加，入场时出示签到二维码。`,
      link: MY_EVENTS_LINK,
    });
    await audit.recordInTx(tx, audit.SYSTEM_CONTEXT, { action: 'event.remind', objectType: 'space_event', objectId: e.id, detail: { reminded: people.length } });
    return people.length;
  });
}

// ---- after the event: summary and photos ----

async function heldEvent(db: DbOrTx, actor: Actor, id: string) {
  const row = await ownEvent(db, actor, id);
  if (row.event.status !== 'held') throw new AppError('STATE_CONFLICT', { zh: '活动举办后才能填写总结和上传照片', en: 'Only a held event takes a summary and photos' });
  return row;
}

/** Staff rewrite a held event's summary (the public record shows it), under its revision; audited. */
export async function setSummary(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { summary: string; revision: number }) {
  await heldEvent(db, actor, id);
  await db.transaction(async (tx) => {
    const locked = (await repo.lockEvent(tx, id))!;
    if (locked.revision !== input.revision) throw new AppError('STALE_REVISION');
    await repo.updateEvent(tx, id, input.revision, { summary: input.summary.trim() });
    await audit.recordInTx(tx, ctx, { action: 'event.summary', objectType: 'space_event', objectId: id, detail: { chars: input.summary.trim().length } });
  });
  return readEvent(db, actor, id);
}

/**
 * Staff add a photo of a held event, uploaded first through POST /api/files by their organisation:
 * a JPG or PNG within the size cap, at most MAX_EVENT_PHOTOS (counted under the event's row lock),
 * appended last. Audited with the file's digest.
 */
export async function addPhoto(db: Db, actor: Actor, ctx: AuditContext, id: string, fileId: string) {
  await heldEvent(db, actor, id);
  const file = await authorisePhoto(db, actor, fileId);
  await db.transaction(async (tx) => {
    await repo.lockEvent(tx, id);
    const photos = await repo.photosOf(tx, id);
    if (photos.some((p) => p.fileId === fileId)) throw new AppError('DUPLICATE', { zh: '该照片已添加', en: 'This photo is already shown' });
    if (photos.length >= MAX_EVENT_PHOTOS) throw fieldError('body.fileId', `每场活动最多 ${MAX_EVENT_PHOTOS} 张照片，请先删除一张`, `at most ${MAX_EVENT_PHOTOS} photos an event; remove one first`);
    await repo.insertPhoto(tx, { eventId: id, fileId, position: photos.length + 1, addedBy: actor.userId });
    await audit.recordInTx(tx, ctx, { action: 'event.photo.add', objectType: 'space_event', objectId: id, detail: { fileId, sha256: file.sha256 } });
  });
  return readEvent(db, actor, id);
}

/** Staff take a photo off the record (the file itself stays, like every other linked file); audited. */
export async function removePhoto(db: Db, actor: Actor, ctx: AuditContext, id: string, fileId: string) {
  await heldEvent(db, actor, id);
  await db.transaction(async (tx) => {
    await repo.lockEvent(tx, id);
    if (!(await repo.deletePhoto(tx, id, fileId))) throw notFound(NO_PHOTO);
    await audit.recordInTx(tx, ctx, { action: 'event.photo.remove', objectType: 'space_event', objectId: id, detail: { fileId } });
  });
  return readEvent(db, actor, id);
}

/** Staff put a held event's photos in a new order (the public record shows them so); audited. */
export async function reorderPhotos(db: Db, actor: Actor, ctx: AuditContext, id: string, fileIds: readonly string[]) {
  await heldEvent(db, actor, id);
  await db.transaction(async (tx) => {
    await repo.lockEvent(tx, id);
    await reorderLinkedPhotos(tx, repo.EVENT_PHOTO_LINKS, id, fileIds, { zh: '该活动', en: 'the event' });
    await audit.recordInTx(tx, ctx, { action: 'event.photo.reorder', objectType: 'space_event', objectId: id, detail: { fileIds: [...fileIds] } });
  });
  return readEvent(db, actor, id);
}

/** A photo for the event's staff (before the space is filed too). */
export async function openPhoto(db: Db, config: Config, ctx: AuditContext, actor: Actor, id: string, fileId: string) {
  await ownEvent(db, actor, id);
  if (!(await repo.photosOf(db, id)).some((p) => p.fileId === fileId)) throw notFound(NO_PHOTO);
  return openLinkedFile(db, config, ctx, fileId, { objectType: 'space_event', objectId: id });
}

/** A photo for anyone: of a held event on the public record. */
export async function openPublicPhoto(db: Db, config: Config, ctx: AuditContext, id: string, fileId: string) {
  if (!(await repo.isPublicPhoto(db, id, fileId))) throw notFound(NO_PHOTO);
  return openLinkedFile(db, config, ctx, fileId, { objectType: 'space_event', objectId: id });
}

// ---- sign-ups ----

function presentSignup(s: repo.SignupRow, place: number | null) {
  return {
    id: s.id,
    eventId: s.eventId,
    status: s.status,
    note: s.note,
    answers: s.answers,
    /** The QR token: shown to its holder only while the seat is confirmed. */
    token: s.status === 'confirmed' ? s.token : null,
    offeredUntil: s.offeredUntil,
    checkedInAt: s.checkedInAt,
    waitlistPlace: place,
    createdAt: s.createdAt,
  };
}
export type SignupView = ReturnType<typeof presentSignup>;

/**
 * Signs the actor up: a seat when one is left (the event's counter moves in one statement that checks
 * the capacity, so a burst confirms exactly the capacity), else the waitlist; an event that wants
 * approval takes no seat until staff approve. Never an error for a full event.
 */
export async function signUp(db: Db, actor: Actor, ctx: AuditContext, eventId: string, input: { note?: string | undefined; answers?: Record<string, unknown> | undefined }, when?: When) {
  if (!can(actor, 'event.signup')) throw new AppError('FORBIDDEN');
  const now = nowOf(when);
  const row = await visibleEvent(db, actor, eventId);
  const e = row.event;
  if (e.status !== 'published' || now < e.signupOpensAt || now >= e.signupClosesAt) throw new AppError('WINDOW_CLOSED', { zh: '该活动当前不在报名时间内', en: 'Sign-up for this event is not open' });
  const { answers, problems } = answersOf(e.signupForm, input.answers ?? {});
  if (problems.length) throw fieldErrors(problems);
  try {
    const signup = await db.transaction(async (tx) => {
      const values = { eventId, userId: actor.userId, note: input.note?.trim() || null, answers, token: newToken(), createdAt: now, updatedAt: now };
      const s = e.needsApproval ? await repo.insertSignup(tx, { ...values, status: 'pending' }) : await repo.insertSignupTakingSeat(tx, values);
      await audit.recordInTx(tx, ctx, { action: 'event.signup', objectType: 'space_event', objectId: eventId, detail: { signupId: s.id, status: s.status } });
      return s;
    });
    return presented(db, signup);
  } catch (err) {
    if (violatedUniqueConstraint(err) === 'event_signups_live_uq') throw new AppError('DUPLICATE', { zh: '您已报名该活动', en: 'You have already signed up' });
    throw err;
  }
}

async function readSignup(db: DbOrTx, id: string) {
  return presented(db, (await repo.findSignup(db, id))!);
}

/** A sign-up as its holder sees it: only a waitlisted one has a place to look up. */
async function presented(db: DbOrTx, s: repo.SignupRow) {
  const places = s.status === 'waitlisted' ? await repo.waitlistPlaces(db, [s.id]) : new Map<string, number>();
  return presentSignup(s, places.get(s.id) ?? null);
}

/**
 * A seat was freed: the first waitlisted gets it as an offer that expires (the seat stays held for
 * them), or the counter goes down when no one waits.
 */
async function passSeatOn(tx: Tx, eventId: string, now: Date) {
  const next = await repo.firstWaitlisted(tx, eventId);
  if (!next) return repo.releaseSeat(tx, eventId);
  const event = (await repo.lockEvent(tx, eventId))!;
  const until = new Date(now.getTime() + event.offerMinutes * MINUTE);
  await repo.setSignup(tx, next.id, ['waitlisted'], { status: 'offered', offeredUntil: until });
  await sendInTx(tx, 'events.offer_expire', { signupId: next.id }, { startAfter: until });
  await notify(tx, [next.userId], {
    title: `候补名额已空出：${event.title}`,
    body: `您候补的活动有名额空出，请在 ${Math.round(event.offerMinutes / 60)} 小时内确认参加，逾期将顺延给下一位。`,
    link: MY_EVENTS_LINK,
  });
}

async function signupFor(db: DbOrTx, actor: Actor, id: string) {
  const s = await repo.findSignup(db, id);
  if (!s) throw notFound(NO_SIGNUP);
  const event = (await repo.findEvent(db, s.eventId))!;
  const staff = can(actor, 'event.manage', event);
  const own = s.userId === actor.userId;
  if (!staff && !own) throw notFound(NO_SIGNUP);
  return { s, event, staff, own };
}

/** The holder (or the space's staff) cancels a sign-up; a held seat passes to the first waitlisted. */
export async function cancelSignup(db: Db, actor: Actor, ctx: AuditContext, id: string, when?: When) {
  const now = nowOf(when);
  const { s, event } = await signupFor(db, actor, id);
  if (event.event.status === 'held' || event.event.status === 'cancelled') throw new AppError('STATE_CONFLICT', { zh: '活动已结束或已取消，不能取消报名', en: 'The event is over' });
  await db.transaction(async (tx) => {
    await repo.lockEvent(tx, s.eventId);
    const done = await repo.setSignup(tx, id, ['pending', 'confirmed', 'waitlisted', 'offered'], { status: 'cancelled' });
    if (!done) throw new AppError('STATE_CONFLICT', { zh: '该报名已结束', en: 'This sign-up is over' });
    if (s.status === 'confirmed' || s.status === 'offered') await passSeatOn(tx, s.eventId, now);
    await audit.recordInTx(tx, ctx, { action: 'event.signup_cancel', objectType: 'space_event', objectId: s.eventId, detail: { signupId: id, from: s.status } });
  });
  return readSignup(db, id);
}

/** The waitlisted accepts the seat offered to them before it expires. */
export async function acceptOffer(db: Db, actor: Actor, ctx: AuditContext, id: string, when?: When) {
  const now = nowOf(when);
  const { s, own } = await signupFor(db, actor, id);
  if (!own) throw notFound(NO_SIGNUP);
  await db.transaction(async (tx) => {
    const locked = await repo.findSignup(tx, id, true);
    if (locked?.status !== 'offered' || !locked.offeredUntil || locked.offeredUntil < now) throw new AppError('STATE_CONFLICT', { zh: '候补邀请已过期或不存在', en: 'The offer has expired or does not exist' });
    await repo.setSignup(tx, id, ['offered'], { status: 'confirmed', offeredUntil: null });
    await audit.recordInTx(tx, ctx, { action: 'event.offer_accept', objectType: 'space_event', objectId: s.eventId, detail: { signupId: id } });
  });
  return readSignup(db, id);
}

/** The `events.offer_expire` job: an offer not accepted in time expires and the seat passes on. Idempotent. */
export async function expireOffer(db: Db, data: { signupId: string }, when?: When): Promise<boolean> {
  const now = nowOf(when);
  return db.transaction(async (tx) => {
    const s = await repo.findSignup(tx, data.signupId, true);
    if (s?.status !== 'offered' || !s.offeredUntil || s.offeredUntil > now) return false;
    await repo.setSignup(tx, s.id, ['offered'], { status: 'expired' });
    await audit.recordInTx(tx, audit.SYSTEM_CONTEXT, { action: 'event.offer_expire', objectType: 'space_event', objectId: s.eventId, detail: { signupId: s.id } });
    await passSeatOn(tx, s.eventId, now);
    return true;
  });
}

/** Staff approve a pending sign-up (a seat, else the waitlist) or reject it. */
export async function decideSignup(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { approve: boolean; reason?: string | undefined }) {
  const { s, event, staff } = await signupFor(db, actor, id);
  if (!staff) throw notFound(NO_SIGNUP);
  if (s.status !== 'pending') throw new AppError('STATE_CONFLICT', { zh: '该报名不是待审核状态', en: 'The sign-up is not pending' });
  await db.transaction(async (tx) => {
    let to: SignupStatus = 'rejected';
    if (input.approve) to = (await repo.takeSeat(tx, s.eventId)) ? 'confirmed' : 'waitlisted';
    const done = await repo.setSignup(tx, id, ['pending'], { status: to });
    if (!done) throw new AppError('MOVED_ON');
    await audit.recordInTx(tx, ctx, { action: input.approve ? 'event.signup_approve' : 'event.signup_reject', objectType: 'space_event', objectId: s.eventId, detail: { signupId: id, to } });
    const title = input.approve ? (to === 'confirmed' ? `报名已通过：${event.event.title}` : `报名已通过，进入候补：${event.event.title}`) : `报名未通过：${event.event.title}`;
    await notify(tx, [s.userId], { title, body: input.reason?.trim() || (input.approve ? '请按时参加，入场时出示签到二维码。' : '主办方未通过您的报名。'), link: MY_EVENTS_LINK });
  });
  return readSignup(db, id);
}

export interface SignupListQuery {
  status?: SignupStatus | undefined;
  sort?: repo.SignupSort | undefined;
  order?: 'asc' | 'desc' | undefined;
  page: number;
  pageSize: number;
}

/** An event's sign-ups for its space's staff: names, status, check-in; no contact data. */
export async function listSignups(db: Db, actor: Actor, eventId: string, q: SignupListQuery) {
  await ownEvent(db, actor, eventId);
  const { rows, total } = await repo.signupsOf(db, eventId, q.status, q, q.pageSize, (q.page - 1) * q.pageSize);
  const places = await repo.waitlistPlaces(
    db,
    rows.filter((r) => r.signup.status === 'waitlisted').map((r) => r.signup.id),
  );
  return {
    items: rows.map((r) => ({ ...presentSignup(r.signup, places.get(r.signup.id) ?? null), token: null, name: r.name, checkInSource: r.signup.checkInSource })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** The actor's sign-ups (我的活动) with their events; the QR token of confirmed ones. */
export async function mySignups(db: Db, actor: Actor, q: { page: number; pageSize: number }) {
  const { rows, total } = await repo.signupsOfUser(db, actor.userId, q.pageSize, (q.page - 1) * q.pageSize);
  const places = await repo.waitlistPlaces(
    db,
    rows.filter((r) => r.signup.status === 'waitlisted').map((r) => r.signup.id),
  );
  return {
    items: rows.map((r) => ({
      ...presentSignup(r.signup, places.get(r.signup.id) ?? null),
      event: { id: r.event.id, title: r.event.title, kind: r.event.kind, spaceName: r.spaceName, startsAt: r.event.startsAt, endsAt: r.event.endsAt, place: r.event.place, onlineUrl: r.event.onlineUrl, status: r.event.status },
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

// ---- check-in ----

export type CheckInResult = 'checked_in' | 'already' | 'not_confirmed' | 'unknown';

/** Staff scan (or type) a sign-up's token: the first scan checks in, a second counts nothing. */
export async function checkIn(db: Db, actor: Actor, ctx: AuditContext, eventId: string, input: { token: string }, when?: When) {
  const now = nowOf(when);
  const row = await ownEvent(db, actor, eventId);
  if (row.event.status !== 'published' && row.event.status !== 'held') throw new AppError('STATE_CONFLICT', { zh: '只有已发布或已举办的活动可以签到', en: 'Only a published or held event checks in' });
  const out = await db.transaction(async (tx) => {
    const r = await repo.checkInToken(tx, eventId, input.token.trim(), now, 'scan');
    if (r.result === 'checked_in') await audit.recordInTx(tx, ctx, { action: 'event.check_in', objectType: 'space_event', objectId: eventId, detail: { signupId: r.signup!.id, source: 'scan' } });
    return r;
  });
  const attendance = (await repo.findEvent(db, eventId))!.attended;
  return { result: out.result, signupId: out.signup?.id ?? null, checkedInAt: out.signup?.checkedInAt ?? null, attendance };
}

/**
 * The scanner's offline queue replayed: each {token, scannedAt} checks in once at the time it was
 * scanned; a token already checked in (by an earlier replay or a live scan) answers `already`.
 * Safe to send again whole.
 */
export async function checkInBatch(db: Db, actor: Actor, ctx: AuditContext, eventId: string, input: { scans: { token: string; scannedAt: Date }[] }, when?: When) {
  const now = nowOf(when);
  const row = await ownEvent(db, actor, eventId);
  if (row.event.status !== 'published' && row.event.status !== 'held') throw new AppError('STATE_CONFLICT', { zh: '只有已发布或已举办的活动可以签到', en: 'Only a published or held event checks in' });
  const results = await db.transaction(async (tx) => {
    const out: { token: string; result: CheckInResult; checkedInAt: Date | null }[] = [];
    let fresh = 0;
    for (const scan of input.scans) {
      const at = scan.scannedAt > now ? now : scan.scannedAt;
      const r = await repo.checkInToken(tx, eventId, scan.token.trim(), at, 'offline');
      if (r.result === 'checked_in') fresh++;
      out.push({ token: scan.token, result: r.result, checkedInAt: r.signup?.checkedInAt ?? null });
    }
    if (fresh) await audit.recordInTx(tx, ctx, { action: 'event.check_in_batch', objectType: 'space_event', objectId: eventId, detail: { scans: input.scans.length, checkedIn: fresh } });
    return out;
  });
  const attendance = (await repo.findEvent(db, eventId))!.attended;
  return { results, attendance };
}

// ---- the public record and figures ----

export interface ActivityQuery extends repo.ActivityFilter {
  sort?: repo.ActivitySort | undefined;
  order?: 'asc' | 'desc' | undefined;
  page: number;
  pageSize: number;
}

/**
 * The public activity record (登记和宣传): held events of filed spaces — title, kind, role, partners,
 * dates, space, attendance count and summary; no person is named. For the portal and a space's site.
 */
export async function publicActivities(db: DbOrTx, q: Partial<ActivityQuery> = {}) {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const { rows, counted } = await repo.activities(db, q, q, pageSize, (page - 1) * pageSize);
  return { items: rows, ...cappedTotal(counted), page, pageSize };
}

/**
 * A space's published events still open for sign-up, soonest first (at most ten), for its public
 * page: what, when and where, and the seats left; never a sign-up or a person. Signing up is the
 * maker's, signed in (POST /api/events/:id/signups).
 */
export async function publicOpenEvents(db: DbOrTx, spaceId: string, when?: When) {
  const now = nowOf(when);
  const { rows } = await repo.listEvents(db, { spaceId, open: { now } }, {}, 10, 0);
  return rows.map(({ event: e }) => ({
    id: e.id,
    title: e.title,
    kind: e.kind,
    role: e.role,
    startsAt: e.startsAt,
    endsAt: e.endsAt,
    place: e.place,
    online: e.onlineUrl !== null,
    signupOpensAt: e.signupOpensAt,
    signupClosesAt: e.signupClosesAt,
    seatsLeft: e.capacity - e.seatsTaken,
  }));
}

/** One space's held events of a year: counts by kind and by role, professional ones, attendance. */
export interface EventFigures {
  held: number;
  professional: number;
  byKind: Record<EventKind, number>;
  byRole: Record<EventRole, number>;
  attendance: number;
}

const emptyFigures = (): EventFigures => ({
  held: 0,
  professional: 0,
  byKind: Object.fromEntries(EVENT_KINDS.map((k) => [k, 0])) as Record<EventKind, number>,
  byRole: Object.fromEntries(EVENT_ROLES.map((r) => [r, 0])) as Record<EventRole, number>,
  attendance: 0,
});

/**
 * Held events per space in one Beijing calendar year, one statement for every space (or the given
 * ones; those without events get zeros): for the statistics return's prefill and evaluation schemes.
 */
export function eventFigures(db: DbOrTx, year: number, spaceIds?: readonly string[]): Promise<Map<string, EventFigures>> {
  const { from, to } = beijingYearBounds(year);
  return eventPeriodFigures(db, { from: new Date(from), to: new Date(to) }, spaceIds);
}

/** `eventFigures` over any period [from, to): a statistics return's quarter or year. */
export async function eventPeriodFigures(db: DbOrTx, period: { from: Date; to: Date }, spaceIds?: readonly string[]): Promise<Map<string, EventFigures>> {
  const rows = await repo.periodFigures(db, period, spaceIds);
  const out = new Map<string, EventFigures>((spaceIds ?? []).map((s) => [s, emptyFigures()]));
  for (const r of rows) {
    const f = out.get(r.spaceId) ?? emptyFigures();
    f.held += r.events;
    f.byKind[r.kind] += r.events;
    f.byRole[r.role] += r.events;
    if ((PROFESSIONAL_KINDS as readonly string[]).includes(r.kind)) f.professional += r.events;
    f.attendance += r.attendance;
    out.set(r.spaceId, f);
  }
  return out;
}

export interface JurisdictionQuery {
  year: number;
  belowOnly?: boolean | undefined;
  sort?: repo.JurisdictionSort | undefined;
  order?: 'asc' | 'desc' | undefined;
  page: number;
  pageSize: number;
}

/** An authority's filed spaces with their year's held events, flagging those below the yearly minimum. */
export async function jurisdictionActivity(db: Db, actor: Actor, q: JurisdictionQuery) {
  if (!can(actor, 'event.oversee')) throw new AppError('FORBIDDEN');
  const { rows, totals, filteredTotal } = await repo.jurisdictionFigures(db, actor.jurisdictionPath!, q.year, q.belowOnly ?? false, YEARLY_MINIMUM, q, q.pageSize, (q.page - 1) * q.pageSize);
  return {
    items: rows.map((r) => ({ ...r, belowMinimum: r.professional < YEARLY_MINIMUM })),
    total: filteredTotal,
    page: q.page,
    pageSize: q.pageSize,
    year: q.year,
    minimum: YEARLY_MINIMUM,
    totals,
  };
}
