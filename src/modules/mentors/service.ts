import type { Db, DbOrTx } from '../../db/client.ts';
import { hasRole, type Actor } from '../../shared/actor.ts';
import { AppError, fieldError, notFound } from '../../shared/errors.ts';
import { maskPersonal } from '../../shared/validation/masking.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { residentCounts } from '../roster/index.ts';
import { findSpaceInScope } from '../spaces/index.ts';
import { can, seesContacts, type MentorSubject } from './policy.ts';
import * as repo from './repository.ts';
import { canMoveRelation, mentorRatio } from './rules.ts';
import type { MentorKind, MentorTerm, RelationState } from './schema.ts';
import { beijingDay, beijingMidnight, beijingYear } from '../../shared/beijing-time.ts';

const MENTOR_NOT_FOUND = { zh: '导师不存在', en: 'No such mentor' };
const RELATION_NOT_FOUND = { zh: '辅导关系不存在', en: 'No such coaching relation' };
const SPACE_NOT_FOUND = { zh: '众创空间不存在', en: 'No such maker space' };

/** Whose mentors the actor reads: an operator its own spaces; an authority its jurisdiction. */
function scopeOf(actor: Actor): repo.MentorScope {
  if (!can(actor, 'mentor.read')) throw new AppError('FORBIDDEN');
  return actor.org.kind === 'operator' ? { operatorOrgId: actor.org.id } : { withinPath: actor.jurisdictionPath! };
}

const subjectOf = (r: { operatorOrgId: string; regionPath: string }): MentorSubject => ({ operatorOrgId: r.operatorOrgId, regionPath: r.regionPath });

/** The space when the actor may read its mentors (404 otherwise), and edit them if `edit` (403 for a reader). */
async function spaceFor(db: DbOrTx, actor: Actor, spaceId: string, edit: boolean) {
  if (!can(actor, 'mentor.read')) throw new AppError('FORBIDDEN');
  const space = await findSpaceInScope(db, actor, spaceId).catch(() => {
    throw notFound(SPACE_NOT_FOUND);
  });
  const subject = { operatorOrgId: space.operator.id, regionPath: space.regionPath };
  if (!can(actor, 'mentor.read', subject)) throw notFound(SPACE_NOT_FOUND);
  if (edit && !can(actor, 'mentor.edit', subject)) throw new AppError('FORBIDDEN');
  return space;
}

export interface MentorInput {
  name: string;
  kind: MentorKind;
  term: MentorTerm;
  fields: string[];
  affiliation: string;
  title?: string | null | undefined;
  contactMobile?: string | null | undefined;
  contactEmail?: string | null | undefined;
  /** Left out on an edit: unchanged. */
  contactConsent?: boolean | undefined;
  active: boolean;
}

function mentorColumns(input: MentorInput) {
  const text = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);
  return {
    name: input.name.trim(),
    kind: input.kind,
    term: input.term,
    fields: [...new Set(input.fields.map((f) => f.trim()).filter(Boolean))],
    affiliation: input.affiliation.trim(),
    title: text(input.title),
    contactMobile: text(input.contactMobile),
    contactEmail: text(input.contactEmail),
    ...(input.contactConsent === undefined ? {} : { contactConsent: input.contactConsent }),
    active: input.active,
  };
}

function presentMentor(actor: Actor, r: repo.MentorListed) {
  const m = r.mentor;
  const full = seesContacts(actor, subjectOf(r));
  const mask = (v: string | null) => (v && !full ? maskPersonal(v) : v);
  return {
    id: m.id,
    spaceId: m.spaceId,
    spaceName: r.spaceName,
    name: m.name,
    kind: m.kind,
    term: m.term,
    fields: m.fields,
    affiliation: m.affiliation,
    title: m.title,
    contactMobile: mask(m.contactMobile),
    contactEmail: mask(m.contactEmail),
    personalDataMasked: !full,
    contactConsent: m.contactConsent,
    active: m.active,
    sessionsThisYear: r.sessionsThisYear,
    minutesThisYear: r.minutesThisYear,
    activeRelations: r.activeRelations,
    revision: m.revision,
    canEdit: can(actor, 'mentor.edit', subjectOf(r)),
  };
}
export type MentorView = ReturnType<typeof presentMentor>;

export interface MentorQuery extends repo.MentorFilter {
  sort?: repo.MentorSort | undefined;
  order?: 'asc' | 'desc' | undefined;
  page: number;
  pageSize: number;
}

/** One page of the mentors the actor reads, each with its sessions this year. */
export async function listMentors(db: Db, actor: Actor, q: MentorQuery) {
  const { rows, total } = await repo.listMentors(db, scopeOf(actor), q, q, beijingYear(), q.pageSize, (q.page - 1) * q.pageSize);
  return { items: rows.map((r) => presentMentor(actor, r)), total, page: q.page, pageSize: q.pageSize, year: beijingYear() };
}

async function loadMentor(db: DbOrTx, actor: Actor, id: string, edit: boolean) {
  const row = await repo.findMentor(db, id, beijingYear());
  if (!row || !can(actor, 'mentor.read', subjectOf(row))) throw notFound(MENTOR_NOT_FOUND);
  if (edit && !can(actor, 'mentor.edit', subjectOf(row))) throw new AppError('FORBIDDEN');
  return row;
}

export async function createMentor(db: Db, actor: Actor, ctx: AuditContext, spaceId: string, input: MentorInput) {
  await spaceFor(db, actor, spaceId, true);
  const id = await db.transaction(async (tx) => {
    const row = await repo.insertMentor(tx, { spaceId, ...mentorColumns(input) });
    await audit.recordInTx(tx, ctx, { action: 'mentor.create', objectType: 'mentor', objectId: row.id, detail: { spaceId, kind: row.kind, term: row.term } });
    return row.id;
  });
  return presentMentor(actor, (await repo.findMentor(db, id, beijingYear()))!);
}

export async function editMentor(db: Db, actor: Actor, ctx: AuditContext, id: string, input: MentorInput & { revision: number }) {
  const before = await loadMentor(db, actor, id, true);
  const columns = mentorColumns(input);
  await db.transaction(async (tx) => {
    const row = await repo.updateMentor(tx, id, input.revision, columns);
    if (!row) throw new AppError('STALE_REVISION');
    const changed = (Object.keys(columns) as (keyof typeof columns)[]).filter((k) => JSON.stringify(before.mentor[k]) !== JSON.stringify(row[k]));
    await audit.recordInTx(tx, ctx, { action: 'mentor.edit', objectType: 'mentor', objectId: id, detail: { changed } });
  });
  return presentMentor(actor, (await repo.findMentor(db, id, beijingYear()))!);
}

// ---- relations ----

function presentRelation(actor: Actor, r: repo.RelationListed) {
  const x = r.relation;
  return {
    id: x.id,
    spaceId: x.spaceId,
    spaceName: r.spaceName,
    mentor: { id: x.mentorId, name: r.mentorName, kind: r.mentorKind },
    incubatee: { id: x.incubateeId, name: r.incubateeName },
    state: x.state,
    goal: x.goal,
    startedOn: x.startedOn,
    endedOn: x.endedOn,
    sessions: r.sessions,
    lastSessionOn: r.lastSessionOn,
    createdAt: x.createdAt,
    canEdit: can(actor, 'mentor.edit', subjectOf(r)),
  };
}
export type RelationView = ReturnType<typeof presentRelation>;

export interface RelationQuery extends repo.RelationFilter {
  sort?: repo.RelationSort | undefined;
  order?: 'asc' | 'desc' | undefined;
  page: number;
  pageSize: number;
}

export async function listRelations(db: Db, actor: Actor, q: RelationQuery) {
  const { rows, total } = await repo.listRelations(db, scopeOf(actor), q, q, q.pageSize, (q.page - 1) * q.pageSize);
  return { items: rows.map((r) => presentRelation(actor, r)), total, page: q.page, pageSize: q.pageSize };
}

/** A mentor takes on an incubatee of the same space's roster (resident); pending until it starts. */
export async function createRelation(db: Db, actor: Actor, ctx: AuditContext, mentorId: string, input: { incubateeId: string; goal?: string | undefined }) {
  const mentor = await loadMentor(db, actor, mentorId, true);
  if (!mentor.mentor.active) throw new AppError('STATE_CONFLICT', { zh: '该导师已停用，不能新建辅导关系', en: 'The mentor is inactive' });
  const incubatee = await repo.incubateeOf(db, input.incubateeId);
  if (!incubatee || incubatee.spaceId !== mentor.mentor.spaceId)
    throw new AppError('NOT_FOUND', {
      zh: 'body.incubateeId：本空间的在孵名册中没有该团队/企业',
      en: 'body.incubateeId: no such incubatee in this space’s roster',
      fields: [{ field: 'body.incubateeId', message: '本空间的在孵名册中没有该团队/企业', messageEn: 'not on this space’s roster' }],
    });
  if (incubatee.status !== 'resident') throw fieldError('body.incubateeId', '该团队/企业已不在孵（毕业、退出或迁出），不能新建辅导关系', 'the incubatee is no longer resident');
  const id = await db.transaction(async (tx) => {
    const row = await repo.insertRelation(tx, { spaceId: mentor.mentor.spaceId, mentorId, incubateeId: input.incubateeId, goal: input.goal?.trim() || null });
    if (!row) throw new AppError('DUPLICATE', { zh: '该导师与该团队/企业已有未结束的辅导关系', en: 'The mentor already coaches this incubatee' });
    await audit.recordInTx(tx, ctx, { action: 'coaching.create', objectType: 'coaching_relation', objectId: row.id, detail: { mentorId, incubateeId: input.incubateeId } });
    return row.id;
  });
  return presentRelation(actor, (await repo.findRelation(db, id))!);
}

async function loadRelation(db: DbOrTx, actor: Actor, id: string, edit: boolean) {
  const row = await repo.findRelation(db, id);
  if (!row || !can(actor, 'mentor.read', subjectOf(row))) throw notFound(RELATION_NOT_FOUND);
  if (edit && !can(actor, 'mentor.edit', subjectOf(row))) throw new AppError('FORBIDDEN');
  return row;
}

/** Starts (pending → active) or completes (active → completed) a relation on a day; audited. */
export async function moveRelation(db: Db, actor: Actor, ctx: AuditContext, id: string, input: { state: Exclude<RelationState, 'pending'>; on: string }) {
  const row = await loadRelation(db, actor, id, true);
  if (!canMoveRelation(row.relation.state, input.state)) throw new AppError('STATE_CONFLICT', { zh: '辅导关系当前状态下不能这样变更', en: 'The relation cannot move that way now' });
  if (input.on > beijingDay()) throw fieldError('body.on', '日期不能晚于今天', 'cannot be in the future');
  if (input.state === 'completed' && row.relation.startedOn && input.on < row.relation.startedOn) throw fieldError('body.on', '结束日期不能早于开始日期', 'cannot be before the start');
  await db.transaction(async (tx) => {
    const locked = (await repo.lockRelation(tx, id))!;
    if (locked.state !== row.relation.state) throw new AppError('MOVED_ON');
    await repo.updateRelation(tx, id, input.state === 'active' ? { state: 'active', startedOn: input.on } : { state: 'completed', endedOn: input.on });
    await audit.recordInTx(tx, ctx, { action: input.state === 'active' ? 'coaching.start' : 'coaching.complete', objectType: 'coaching_relation', objectId: id, detail: { from: locked.state, to: input.state, on: input.on } });
  });
  return presentRelation(actor, (await repo.findRelation(db, id))!);
}

// ---- sessions ----

export interface SessionInput {
  heldOn: string;
  topic: string;
  durationMinutes: number;
  outcome: string;
}

/** Logs a session of an active relation (not before it started, not in the future); audited. */
export async function logSession(db: Db, actor: Actor, ctx: AuditContext, relationId: string, input: SessionInput) {
  const row = await loadRelation(db, actor, relationId, true);
  if (row.relation.state !== 'active') throw new AppError('STATE_CONFLICT', { zh: '只有进行中的辅导关系可以记录辅导', en: 'Only an active relation takes sessions' });
  if (input.heldOn > beijingDay()) throw fieldError('body.heldOn', '辅导日期不能晚于今天', 'cannot be in the future');
  if (row.relation.startedOn && input.heldOn < row.relation.startedOn) throw fieldError('body.heldOn', '辅导日期不能早于辅导关系开始日期', 'cannot be before the relation started');
  const session = await db.transaction(async (tx) => {
    const s = await repo.insertSession(tx, { relationId, mentorId: row.relation.mentorId, spaceId: row.relation.spaceId, heldOn: input.heldOn, topic: input.topic.trim(), durationMinutes: input.durationMinutes, outcome: input.outcome.trim(), recordedBy: actor.userId });
    await audit.recordInTx(tx, ctx, { action: 'coaching.session', objectType: 'coaching_relation', objectId: relationId, detail: { sessionId: s.id, heldOn: s.heldOn, minutes: s.durationMinutes } });
    return s;
  });
  return presentSession({ session, spaceName: row.spaceName, operatorOrgId: row.operatorOrgId, regionPath: row.regionPath, mentorName: row.mentorName, incubateeName: row.incubateeName });
}

const presentSession = (r: repo.SessionListed) => ({
  id: r.session.id,
  relationId: r.session.relationId,
  spaceId: r.session.spaceId,
  spaceName: r.spaceName,
  mentor: { id: r.session.mentorId, name: r.mentorName },
  incubateeName: r.incubateeName,
  heldOn: r.session.heldOn,
  topic: r.session.topic,
  durationMinutes: r.session.durationMinutes,
  outcome: r.session.outcome,
  createdAt: r.session.createdAt,
});

export interface SessionQuery extends repo.SessionFilter {
  sort?: repo.SessionSort | undefined;
  order?: 'asc' | 'desc' | undefined;
  page: number;
  pageSize: number;
}

export async function listSessions(db: Db, actor: Actor, q: SessionQuery) {
  const { rows, total } = await repo.listSessions(db, scopeOf(actor), q, q, q.pageSize, (q.page - 1) * q.pageSize);
  return { items: rows.map(presentSession), total, page: q.page, pageSize: q.pageSize };
}

// ---- ratio and figures ----

/** Mentor figures of spaces in one year, for the statistics return: one statement for the mentors, one for the roster. */
export interface MentorFigures {
  mentors: number;
  industryMentors: number;
  fullTimeMentors: number;
  sessions: number;
  sessionMinutes: number;
  /** Active mentors with fewer than 2 sessions in the year (some provinces veto them). */
  mentorsUnderTwoSessions: number;
}

export async function mentorFigures(db: DbOrTx, spaceIds: readonly string[], year: number): Promise<Map<string, MentorFigures>> {
  const rows = await repo.yearFigures(db, spaceIds, year);
  const out = new Map<string, MentorFigures>(spaceIds.map((s) => [s, { mentors: 0, industryMentors: 0, fullTimeMentors: 0, sessions: 0, sessionMinutes: 0, mentorsUnderTwoSessions: 0 }]));
  for (const r of rows) out.set(r.spaceId, { mentors: r.mentors, industryMentors: r.industryMentors, fullTimeMentors: r.fullTime, sessions: r.sessions, sessionMinutes: r.minutes, mentorsUnderTwoSessions: r.underTwoSessions });
  return out;
}

/** The space's live ratio: active industry mentors against its resident incubatees (roster), and its mentors' sessions this year. */
export async function spaceRatio(db: Db, actor: Actor, spaceId: string) {
  const space = await spaceFor(db, actor, spaceId, false);
  const year = beijingYear();
  const [figures, residents] = await Promise.all([mentorFigures(db, [spaceId], year), residentCounts(db, [spaceId])]);
  const f = figures.get(spaceId)!;
  return { spaceId, spaceName: space.name, year, ...mentorRatio(f.industryMentors, residents.get(spaceId) ?? 0), mentors: f.mentors, sessionsThisYear: f.sessions, minutesThisYear: f.sessionMinutes, mentorsUnderTwoSessions: f.mentorsUnderTwoSessions };
}

/** How many mentors' contacts one maker may ask for in a (Shanghai) day: enough to reach a few, too few to harvest them. */
export const CONTACT_REVEALS_PER_DAY = 10;

/**
 * A signed-in maker asks for a mentor's contacts: only an active mentor of a filed space (404
 * otherwise, as on the public page), only one who consented (403), at most CONTACT_REVEALS_PER_DAY
 * a day per maker (429). The request is recorded and audited (never the values); the answer holds
 * the phone and e-mail in full.
 */
export async function revealContact(db: Db, actor: Actor, ctx: AuditContext, mentorId: string, when?: { now?: Date }) {
  if (!hasRole(actor, 'maker')) throw new AppError('FORBIDDEN');
  const now = when?.now ?? new Date();
  const row = await repo.findMentorForContact(db, mentorId);
  if (!row || !row.mentor.active || !row.filed) throw notFound(MENTOR_NOT_FOUND);
  if (!row.mentor.contactConsent) throw new AppError('FORBIDDEN', { zh: '该导师未同意向创客提供联系方式', en: 'This mentor has not agreed to share contacts with makers' });
  const dayStart = beijingMidnight(beijingDay(now));
  await db.transaction(async (tx) => {
    await repo.lockContactRequests(tx, actor.userId);
    if ((await repo.contactRevealsSince(tx, actor.userId, dayStart)) >= CONTACT_REVEALS_PER_DAY)
      throw new AppError('RATE_LIMITED', { zh: `每天最多查看 ${CONTACT_REVEALS_PER_DAY} 位导师的联系方式，请明天再试`, en: `at most ${CONTACT_REVEALS_PER_DAY} mentors’ contacts a day; try again tomorrow` });
    await repo.insertContactReveal(tx, { mentorId, userId: actor.userId, createdAt: now });
    await audit.recordInTx(tx, ctx, { action: 'mentor.contact.reveal', objectType: 'mentor', objectId: mentorId, detail: { spaceId: row.mentor.spaceId, fields: ['contactMobile', 'contactEmail'] } });
  });
  return { mentorId, name: row.mentor.name, contactMobile: row.mentor.contactMobile, contactEmail: row.mentor.contactEmail };
}
