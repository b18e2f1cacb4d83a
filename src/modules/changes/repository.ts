import { and, asc, count, desc, eq, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.ts';
import { orderBy, type Sort as ListSort } from '../../shared/http/sorting.ts';
import type { ApplicationStatus } from '../../shared/domain.ts';
import { latestActiveFilings } from '../filings/index.ts';
import { filings } from '../filings/schema.ts';
import { organisations, orgProfiles } from '../orgs/schema.ts';
import { regions } from '../regions/schema.ts';
import { spaceHosts, spaces } from '../spaces/schema.ts';
import { applications } from '../workflow/schema.ts';
import { changeReports, spaceChangeHistory, type ChangeField } from './schema.ts';

/** All SQL of change reports: their payload, the standing calls, the filed record and its history. */

export type ReportRow = typeof changeReports.$inferSelect;
export type HistoryRow = typeof spaceChangeHistory.$inferSelect;

export async function insertReport(db: DbOrTx, row: typeof changeReports.$inferInsert) {
  await db.insert(changeReports).values(row);
}

export async function updateReport(db: DbOrTx, submissionId: string, patch: Partial<typeof changeReports.$inferInsert>) {
  await db.update(changeReports).set(patch).where(eq(changeReports.submissionId, submissionId));
}

export async function findReport(db: DbOrTx, submissionId: string): Promise<ReportRow | undefined> {
  const [r] = await db.select().from(changeReports).where(eq(changeReports.submissionId, submissionId));
  return r;
}

/** Does the space hold an active filing at any level? */
export async function isFiled(db: DbOrTx, spaceId: string): Promise<boolean> {
  const [r] = await db.select({ n: count() }).from(filings).where(and(eq(filings.spaceId, spaceId), eq(filings.status, 'active')));
  return (r?.n ?? 0) > 0;
}

/** What the filing knows of the space: its latest active filing's dossier (address, area), the registry (name, operator, hosts, sub-field) and the operator's profile (principal, address). */
export async function recordSources(db: DbOrTx, spaceId: string) {
  const [base] = await db
    .select({
      name: spaces.name,
      subField: spaces.subField,
      operatorName: organisations.name,
      principal: orgProfiles.principalName,
      profileAddress: orgProfiles.address,
      filedInfo: sql<Record<string, unknown> | null>`(select lf.basic_info from ${latestActiveFilings} lf where lf.space_id = ${spaces.id})`,
    })
    .from(spaces)
    .innerJoin(organisations, eq(organisations.id, spaces.operatorOrgId))
    .leftJoin(orgProfiles, eq(orgProfiles.orgId, organisations.id))
    .where(eq(spaces.id, spaceId));
  const hosts = await db
    .select({ name: organisations.name })
    .from(spaceHosts)
    .innerJoin(organisations, eq(organisations.id, spaceHosts.hostOrgId))
    .where(eq(spaceHosts.spaceId, spaceId))
    .orderBy(asc(organisations.name));
  const applied = await db
    .selectDistinctOn([spaceChangeHistory.field], { field: spaceChangeHistory.field, after: spaceChangeHistory.after })
    .from(spaceChangeHistory)
    .where(and(eq(spaceChangeHistory.spaceId, spaceId), isNull(spaceChangeHistory.revokedAt)))
    .orderBy(spaceChangeHistory.field, desc(spaceChangeHistory.appliedAt), desc(spaceChangeHistory.id));
  return { base, hosts: hosts.map((h) => h.name), basicInfo: base?.filedInfo ?? {}, applied: new Map(applied.map((a) => [a.field as ChangeField, a.after])) };
}

export async function insertHistory(tx: Tx, rows: (typeof spaceChangeHistory.$inferInsert)[]) {
  if (rows.length) await tx.insert(spaceChangeHistory).values(rows);
}

/** Marks what a submission applied as revoked; returns those rows. */
export async function revokeHistory(tx: Tx, submissionId: string, reason: string, at: Date): Promise<HistoryRow[]> {
  return tx
    .update(spaceChangeHistory)
    .set({ revokedAt: at, revokedReason: reason })
    .where(and(eq(spaceChangeHistory.submissionId, submissionId), isNull(spaceChangeHistory.revokedAt)))
    .returning();
}

/** A space's applied changes, newest first. */
export function historyOf(db: DbOrTx, spaceId: string): Promise<HistoryRow[]> {
  return db.select().from(spaceChangeHistory).where(eq(spaceChangeHistory.spaceId, spaceId)).orderBy(desc(spaceChangeHistory.appliedAt), asc(spaceChangeHistory.field));
}

export interface ListFilter {
  operatorOrgId?: string;
  withinPath?: string;
  spaceId?: string;
  statuses?: readonly ApplicationStatus[];
  late?: boolean;
  /** Waiting at a stage past its due date. */
  overdueAt?: Date;
}

export const SORTS = ['updatedAt', 'dueOn', 'submittedAt', 'spaceName', 'stageDueAt'] as const;
export type Sort = ListSort<(typeof SORTS)[number]>;

const WAITING: ApplicationStatus[] = ['submitted', 'in_review'];

function whereOf(f: ListFilter): SQL | undefined {
  return and(
    eq(applications.kind, 'change_report'),
    f.operatorOrgId ? eq(applications.operatorOrgId, f.operatorOrgId) : undefined,
    // Authorities never see an operator's unsubmitted drafts.
    f.withinPath ? and(or(eq(regions.path, f.withinPath), sql`${regions.path} like ${`${f.withinPath}/%`}`), sql`${applications.status} not in ('draft', 'withdrawn')`) : undefined,
    f.spaceId ? eq(applications.spaceId, f.spaceId) : undefined,
    f.statuses?.length ? inArray(applications.status, [...f.statuses]) : undefined,
    f.late !== undefined ? eq(changeReports.late, f.late) : undefined,
    f.overdueAt ? and(inArray(applications.status, WAITING), lt(applications.stageDueAt, f.overdueAt)) : undefined,
  );
}

/** One page of reports with their space, in two statements whatever the page size. */
export async function list(db: DbOrTx, f: ListFilter, sort: Sort, page: number, pageSize: number) {
  const where = whereOf(f);
  const columns = { updatedAt: applications.updatedAt, dueOn: changeReports.dueOn, submittedAt: applications.submittedAt, spaceName: spaces.name, stageDueAt: applications.stageDueAt };
  const [rows, [total]] = await Promise.all([
    db
      .select({ app: applications, report: changeReports, spaceName: spaces.name, regionName: regions.name })
      .from(applications)
      .innerJoin(changeReports, eq(changeReports.submissionId, applications.id))
      .innerJoin(spaces, eq(spaces.id, applications.spaceId))
      .innerJoin(regions, eq(regions.code, spaces.regionCode))
      .where(where)
      .orderBy(...orderBy(columns, sort, [desc(applications.updatedAt)], applications.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db
      .select({ n: count() })
      .from(applications)
      .innerJoin(changeReports, eq(changeReports.submissionId, applications.id))
      .innerJoin(spaces, eq(spaces.id, applications.spaceId))
      .innerJoin(regions, eq(regions.code, spaces.regionCode))
      .where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** Waiting change reports within a jurisdiction: how many, how many late, how many past their stage due date (the workbench). */
export async function waitingWithin(db: DbOrTx, path: string, now: Date) {
  const [r] = await db
    .select({
      waiting: sql<number>`count(*)::int`,
      late: sql<number>`(count(*) filter (where ${changeReports.late}))::int`,
      overdue: sql<number>`(count(*) filter (where ${applications.stageDueAt} < ${now}))::int`,
      dueAt: sql<Date | null>`min(${applications.stageDueAt})`,
    })
    .from(applications)
    .innerJoin(changeReports, eq(changeReports.submissionId, applications.id))
    .innerJoin(spaces, eq(spaces.id, applications.spaceId))
    .innerJoin(regions, eq(regions.code, spaces.regionCode))
    .where(and(eq(applications.kind, 'change_report'), inArray(applications.status, WAITING), or(eq(regions.path, path), sql`${regions.path} like ${`${path}/%`}`)));
  return { waiting: r?.waiting ?? 0, late: r?.late ?? 0, overdue: r?.overdue ?? 0, dueAt: r?.dueAt ? new Date(r.dueAt) : null };
}
