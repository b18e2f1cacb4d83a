import { and, asc, count, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { orderBy, type Sort } from '../../shared/http/sorting.ts';
import { calls } from '../calls/index.ts';
import { expertAssignments, scoreSheets } from '../experts/index.ts';
import { filingLists } from '../filings/index.ts';
import { noticeEntries, objections } from '../notices/index.ts';
import { organisations } from '../orgs/index.ts';
import { regions } from '../regions/index.ts';
import { spaces } from '../spaces/index.ts';
import { applications } from '../workflow/index.ts';
import type { Grade } from './scheme.ts';
import { evaluationEntries, evaluationGrades, evaluationRounds, evaluationSchemes } from './schema.ts';

export type RoundRow = typeof evaluationRounds.$inferSelect;
export type EntryRow = typeof evaluationEntries.$inferSelect;

const within = (root: string) => sql`(${regions.path} = ${root} or ${regions.path} like ${`${root}/%`})`;
/** Calls in line with the jurisdiction: in it, or above it (a city gives its opinion in a province's round). */
const inLine = (path: string) => sql`(${within(path)} or ${path} like ${regions.path} || '/%')`;

export async function insertRound(db: DbOrTx, row: typeof evaluationRounds.$inferInsert) {
  await db.insert(evaluationRounds).values(row);
}

export async function insertEntries(db: DbOrTx, rows: (typeof evaluationEntries.$inferInsert)[]) {
  if (rows.length) await db.insert(evaluationEntries).values(rows);
}

/** A round of the same year and category already opened by the authority (its spaces would be graded twice). */
export async function sameYearRound(db: DbOrTx, authorityOrgId: string, year: number, category: string) {
  const [r] = await db
    .select({ title: calls.title })
    .from(evaluationRounds)
    .innerJoin(calls, eq(calls.id, evaluationRounds.callId))
    .innerJoin(evaluationSchemes, eq(evaluationSchemes.id, evaluationRounds.schemeId))
    .where(and(eq(calls.authorityOrgId, authorityOrgId), eq(evaluationRounds.year, year), eq(evaluationSchemes.category, category as 'regular')))
    .limit(1);
  return r;
}

const roundColumns = { round: evaluationRounds, call: calls, authorityName: organisations.name, regionPath: regions.path, schemeTitle: sql<string>`${evaluationSchemes.definition}->>'title'`, category: evaluationSchemes.category };

/** A page of the rounds in line with the jurisdiction, newest year first, and their count: two statements. */
export async function roundsInLine(db: DbOrTx, path: string, page: { page: number; pageSize: number }) {
  const base = () =>
    db
      .select(roundColumns)
      .from(evaluationRounds)
      .innerJoin(calls, eq(calls.id, evaluationRounds.callId))
      .innerJoin(regions, eq(regions.code, calls.regionCode))
      .innerJoin(organisations, eq(organisations.id, calls.authorityOrgId))
      .innerJoin(evaluationSchemes, eq(evaluationSchemes.id, evaluationRounds.schemeId));
  const [items, [total]] = await Promise.all([
    base()
      .where(inLine(path))
      .orderBy(desc(evaluationRounds.year), desc(evaluationRounds.createdAt), asc(evaluationRounds.callId))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db.select({ n: count() }).from(evaluationRounds).innerJoin(calls, eq(calls.id, evaluationRounds.callId)).innerJoin(regions, eq(regions.code, calls.regionCode)).where(inLine(path)),
  ]);
  return { items, total: total!.n };
}

export type RoundWithCall = Awaited<ReturnType<typeof roundsInLine>>['items'][number];

/** One round with its call, authority and region. */
export async function findRound(db: DbOrTx, callId: string): Promise<RoundWithCall | undefined> {
  const [r] = await db
    .select(roundColumns)
    .from(evaluationRounds)
    .innerJoin(calls, eq(calls.id, evaluationRounds.callId))
    .innerJoin(regions, eq(regions.code, calls.regionCode))
    .innerJoin(organisations, eq(organisations.id, calls.authorityOrgId))
    .innerJoin(evaluationSchemes, eq(evaluationSchemes.id, evaluationRounds.schemeId))
    .where(eq(evaluationRounds.callId, callId));
  return r;
}

/** Per round, its entries counted by grade (null: not scored yet) within the jurisdiction: one grouped statement. */
export function gradeCounts(db: DbOrTx, callIds: readonly string[], path: string) {
  if (!callIds.length) return Promise.resolve([]);
  return db
    .select({ callId: evaluationEntries.callId, grade: evaluationEntries.grade, n: sql<number>`count(*)::int` })
    .from(evaluationEntries)
    .innerJoin(spaces, eq(spaces.id, evaluationEntries.spaceId))
    .innerJoin(regions, eq(regions.code, spaces.regionCode))
    .where(and(inArray(evaluationEntries.callId, [...callIds]), within(path)))
    .groupBy(evaluationEntries.callId, evaluationEntries.grade);
}

/**
 * A round's entries within the jurisdiction by the kernel's state and grade, with how many of each
 * are 应评未评: one grouped statement, read both as the grade distribution and the progress by state.
 */
export function stateCounts(db: DbOrTx, callId: string, path: string) {
  return db
    .select({
      status: applications.status,
      grade: evaluationEntries.grade,
      n: sql<number>`count(*)::int`,
      missed: sql<number>`(count(*) filter (where ${evaluationEntries.missedAt} is not null))::int`,
    })
    .from(evaluationEntries)
    .innerJoin(applications, eq(applications.id, evaluationEntries.submissionId))
    .innerJoin(spaces, eq(spaces.id, evaluationEntries.spaceId))
    .innerJoin(regions, eq(regions.code, spaces.regionCode))
    .where(and(eq(evaluationEntries.callId, callId), within(path)))
    .groupBy(applications.status, evaluationEntries.grade);
}

export const ENTRY_SORTS = ['total', 'space', 'region'] as const;
const entrySortColumns = { total: evaluationEntries.total, space: spaces.name, region: spaces.regionCode };

/** A page of a round's entries within the jurisdiction (optionally of one grade), with the space and the kernel state, and their count. */
export async function entriesPage(db: DbOrTx, callId: string, path: string, q: { page: number; pageSize: number; grade?: Grade | undefined } & Sort<(typeof ENTRY_SORTS)[number]>) {
  const where = and(eq(evaluationEntries.callId, callId), within(path), q.grade ? eq(evaluationEntries.grade, q.grade) : undefined);
  const [items, [total]] = await Promise.all([
    db
      .select({ entry: evaluationEntries, spaceName: spaces.name, regionName: regions.name, status: applications.status, stageKey: applications.stageKey })
      .from(evaluationEntries)
      .innerJoin(applications, eq(applications.id, evaluationEntries.submissionId))
      .innerJoin(spaces, eq(spaces.id, evaluationEntries.spaceId))
      .innerJoin(regions, eq(regions.code, spaces.regionCode))
      .where(where)
      .orderBy(...orderBy(entrySortColumns, q, [sql`${evaluationEntries.total} desc nulls last`, asc(spaces.name)], evaluationEntries.submissionId))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(evaluationEntries).innerJoin(spaces, eq(spaces.id, evaluationEntries.spaceId)).innerJoin(regions, eq(regions.code, spaces.regionCode)).where(where),
  ]);
  return { items, total: total!.n };
}

export async function findEntry(db: DbOrTx, submissionId: string): Promise<EntryRow | undefined> {
  const [r] = await db.select().from(evaluationEntries).where(eq(evaluationEntries.submissionId, submissionId));
  return r;
}

/** Every entry of a round (its space and submission), for scoring it whole. */
export function roundEntries(db: DbOrTx, callId: string) {
  return db.select({ submissionId: evaluationEntries.submissionId, spaceId: evaluationEntries.spaceId, gradeCorrected: evaluationEntries.gradeCorrected, missedAt: evaluationEntries.missedAt }).from(evaluationEntries).where(eq(evaluationEntries.callId, callId)).orderBy(evaluationEntries.spaceId);
}

/** Changes an entry while it is at `revision` (the operator's writes); undefined when someone got there first. */
export async function updateEntryIf(db: DbOrTx, submissionId: string, revision: number, patch: Partial<typeof evaluationEntries.$inferInsert>) {
  const [r] = await db
    .update(evaluationEntries)
    .set({ ...patch, revision: sql`${evaluationEntries.revision} + 1`, updatedAt: new Date() })
    .where(and(eq(evaluationEntries.submissionId, submissionId), eq(evaluationEntries.revision, revision)))
    .returning();
  return r;
}

/** Writes what the authority's side decides (opinion, scores, a corrected grade) without touching the operator's revision. */
export async function setEntry(db: DbOrTx, submissionId: string, patch: Partial<typeof evaluationEntries.$inferInsert>) {
  await db.update(evaluationEntries).set({ ...patch, updatedAt: new Date() }).where(eq(evaluationEntries.submissionId, submissionId));
}

/** Writes each entry's score and grade, one statement for the whole round (a corrected grade stays). */
export async function setScores(db: DbOrTx, rows: readonly { submissionId: string; score: unknown; total: number; grade: Grade; gradeReason: unknown }[]) {
  if (!rows.length) return;
  const values = sql.join(
    rows.map((r) => sql`(${r.submissionId}::uuid, ${JSON.stringify(r.score)}::jsonb, ${r.total}::numeric, ${r.grade}, ${JSON.stringify(r.gradeReason)}::jsonb)`),
    sql`, `,
  );
  await db.execute(sql`
    update ${evaluationEntries} e set score = v.score, total = v.total,
      grade = case when e.grade_corrected then e.grade else v.grade end,
      grade_reason = case when e.grade_corrected then e.grade_reason else v.reason end,
      updated_at = now()
    from (values ${values}) as v(id, score, total, grade, reason)
    where e.submission_id = v.id`);
}

/** The mean of the experts' submitted scores per item, per submission at the stage: one grouped statement. */
export async function expertMeans(db: DbOrTx, submissionIds: readonly string[], stageKey: string) {
  if (!submissionIds.length) return [];
  const rows = await db.execute(sql`
    select a.application_id as id, s.key as key, avg(s.value::numeric)::float8 as mean
    from ${expertAssignments} a, jsonb_each_text(a.scores) s
    where a.application_id in (${sql.join(submissionIds.map((id) => sql`${id}::uuid`), sql`, `)})
      and a.stage_key = ${stageKey} and a.submitted_at is not null
    group by a.application_id, s.key`);
  return (rows as unknown as { rows: { id: string; key: string; mean: number }[] }).rows;
}

export async function insertGrade(db: DbOrTx, row: typeof evaluationGrades.$inferInsert) {
  await db.insert(evaluationGrades).values(row);
}

export async function deleteGradeOf(db: DbOrTx, submissionId: string) {
  await db.delete(evaluationGrades).where(eq(evaluationGrades.submissionId, submissionId));
}

/**
 * The published grades of the spaces, oldest year first (a space's history, the revocation rules),
 * each with the list that released it: its title, 文号 and the day it was issued.
 */
export function gradesOf(db: DbOrTx, spaceIds: readonly string[]) {
  if (!spaceIds.length) return Promise.resolve([]);
  return db
    .select({
      spaceId: evaluationGrades.spaceId,
      year: evaluationGrades.year,
      level: evaluationGrades.level,
      grade: evaluationGrades.grade,
      total: evaluationGrades.total,
      gradeReason: evaluationGrades.gradeReason,
      callId: evaluationGrades.callId,
      listId: evaluationGrades.listId,
      listTitle: filingLists.title,
      documentNumber: filingLists.documentNumber,
      issuedOn: filingLists.issuedOn,
      publishedAt: evaluationGrades.publishedAt,
    })
    .from(evaluationGrades)
    .innerJoin(filingLists, eq(filingLists.id, evaluationGrades.listId))
    .where(inArray(evaluationGrades.spaceId, [...spaceIds]))
    .orderBy(evaluationGrades.spaceId, evaluationGrades.year, evaluationGrades.level);
}

/** The operator's evaluations, every round, newest first. */
export function entriesOfOperator(db: DbOrTx, operatorOrgId: string) {
  return db
    .select({ entry: evaluationEntries, status: applications.status, spaceName: spaces.name, title: calls.title, dueAt: calls.closesAt, year: evaluationRounds.year })
    .from(evaluationEntries)
    .innerJoin(applications, eq(applications.id, evaluationEntries.submissionId))
    .innerJoin(spaces, eq(spaces.id, evaluationEntries.spaceId))
    .innerJoin(calls, eq(calls.id, evaluationEntries.callId))
    .innerJoin(evaluationRounds, eq(evaluationRounds.callId, evaluationEntries.callId))
    .where(and(eq(applications.operatorOrgId, operatorOrgId), isNotNull(evaluationEntries.callId)))
    .orderBy(desc(evaluationRounds.year), asc(spaces.name));
}

export async function markScored(db: DbOrTx, callId: string) {
  await db.update(evaluationRounds).set({ scoredAt: new Date() }).where(eq(evaluationRounds.callId, callId));
}

/** The round's expert sheet, written once at opening (the experts module reads and fixes it from there). */
export async function insertSheet(db: DbOrTx, row: typeof scoreSheets.$inferInsert) {
  await db.insert(scoreSheets).values(row);
}

/** The upheld objection to the submission's notice entry, if any. */
export async function upheldObjection(db: DbOrTx, submissionId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ id: objections.id })
    .from(objections)
    .innerJoin(noticeEntries, eq(noticeEntries.id, objections.entryId))
    .where(and(eq(noticeEntries.applicationId, submissionId), eq(objections.status, 'upheld')))
    .limit(1);
  return row?.id;
}
