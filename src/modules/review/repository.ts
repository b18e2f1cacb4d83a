import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { PgSelect } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.ts';
import type { ApplicationStatus } from '../../shared/domain.ts';
import { orderBy, type Sort } from '../../shared/http/sorting.ts';
import { containsPattern } from '../../shared/validation/search.ts';
import { applications } from '../workflow/schema.ts';
import { calls } from '../calls/schema.ts';
import { organisations } from '../orgs/schema.ts';
import { regions } from '../regions/schema.ts';
import { spaces } from '../spaces/schema.ts';
import { stageReviews } from './schema.ts';

export type StageReviewRow = typeof stageReviews.$inferSelect;

export async function insertReview(db: DbOrTx, row: typeof stageReviews.$inferInsert): Promise<StageReviewRow> {
  const [r] = await db.insert(stageReviews).values(row).returning();
  return r!;
}

/** Every verdict on an application, oldest first, with the reviewing organisation's name. */
export function reviewsOf(db: DbOrTx, applicationId: string) {
  return db
    .select({ review: stageReviews, reviewerOrgName: organisations.name })
    .from(stageReviews)
    .innerJoin(organisations, eq(organisations.id, stageReviews.reviewerOrgId))
    .where(eq(stageReviews.applicationId, applicationId))
    .orderBy(asc(stageReviews.at), asc(stageReviews.id));
}

/** The latest return of an application, or undefined. */
export async function lastReturn(db: DbOrTx, applicationId: string): Promise<StageReviewRow | undefined> {
  const [r] = await db
    .select()
    .from(stageReviews)
    .where(and(eq(stageReviews.applicationId, applicationId), eq(stageReviews.outcome, 'return')))
    .orderBy(desc(stageReviews.at), desc(stageReviews.id))
    .limit(1);
  return r;
}

export interface QueueFilter {
  /** The actor's jurisdiction: spaces at or below it. */
  jurisdictionPath: string;
  /** (chain, stage) pairs the actor works, in the calls of `callAuthorityId` only when given; nothing matches when empty. */
  stages: { chainId: string; stageKey: string; callAuthorityId?: string | undefined }[];
  statuses: readonly ApplicationStatus[];
  callId?: string | undefined;
  stageKey?: string | undefined;
  /** Part of the space's or the operator's name. */
  q?: string | undefined;
  /** The column the reviewer sorted by (default: soonest due first). */
  sort: Sort<QueueSortKey>;
  page: number;
  pageSize: number;
}

export const QUEUE_SORTS = ['dueAt', 'enteredAt', 'space', 'operator', 'status', 'round'] as const;
export type QueueSortKey = (typeof QUEUE_SORTS)[number];

const SORT_COLUMN = {
  dueAt: applications.stageDueAt,
  enteredAt: applications.stageEnteredAt,
  space: spaces.name,
  operator: organisations.name,
  status: applications.status,
  round: applications.round,
} as const;


/**
 * The stage queue: applications at the given stages of their call's chain, for spaces in the
 * jurisdiction, soonest due first. A read model over the applications, calls and spaces (like the
 * spaces repository's joins): the review module changes none of those rows here.
 */
export async function queue(db: DbOrTx, f: QueueFilter) {
  if (!f.stages.length) return { items: [], total: 0, calls: [] };
  const scope: SQL[] = [
    inArray(applications.status, [...f.statuses]),
    // Implied by the pairs below, but on the submissions row itself: the waiting-stage index
    // (workflow/schema.ts) answers it without a call id.
    inArray(applications.stageKey, [...new Set(f.stages.map((s) => s.stageKey))]),
    or(eq(regions.path, f.jurisdictionPath), sql`${regions.path} like ${`${f.jurisdictionPath}/%`}`)!,
    or(...f.stages.map((s) => and(eq(calls.chainId, s.chainId), eq(applications.stageKey, s.stageKey), s.callAuthorityId ? eq(calls.authorityOrgId, s.callAuthorityId) : undefined)))!,
  ];
  const filters: SQL[] = [];
  if (f.callId) filters.push(eq(applications.callId, f.callId));
  if (f.stageKey) filters.push(eq(applications.stageKey, f.stageKey));
  if (f.q) filters.push(or(ilike(spaces.name, containsPattern(f.q)), ilike(organisations.name, containsPattern(f.q)))!);
  const joined = <T extends PgSelect>(qb: T, conds: SQL[]) =>
    qb
      .innerJoin(calls, eq(calls.id, applications.callId))
      .innerJoin(spaces, eq(spaces.id, applications.spaceId))
      .innerJoin(regions, eq(regions.code, spaces.regionCode))
      .innerJoin(organisations, eq(organisations.id, applications.operatorOrgId))
      .where(and(...conds));
  const columns = {
    id: applications.id,
    status: applications.status,
    round: applications.round,
    stageKey: applications.stageKey,
    stageEnteredAt: applications.stageEnteredAt,
    stageDueAt: applications.stageDueAt,
    overall: sql<string | null>`${applications.evaluation}->>'overall'`,
    call: { id: calls.id, title: calls.title, chainId: calls.chainId },
    space: { id: spaces.id, name: spaces.name },
    operator: { id: organisations.id, name: organisations.name },
  };
  const matching = filters.length ? and(...filters)! : sql`true`;
  const [items, perCall] = await Promise.all([
    joined(db.select(columns).from(applications).$dynamic(), [...scope, ...filters])
      .orderBy(...orderBy(SORT_COLUMN, f.sort, [sql`${applications.stageDueAt} asc nulls last`], applications.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    // In one pass over the whole queue: its calls (the call filter's choices, whatever the filters)
    // and how many of each call's rows the filters keep (their sum is the total).
    joined(db.select({ id: calls.id, title: calls.title, n: sql<number>`(count(*) filter (where ${matching}))::int` }).from(applications).$dynamic(), scope)
      .groupBy(calls.id, calls.title)
      .orderBy(calls.title),
  ]);
  return { items, total: perCall.reduce((sum, c) => sum + c.n, 0), calls: perCall.map(({ id, title }) => ({ id, title })) };
}
