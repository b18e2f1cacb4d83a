/**
 * Read models of the submissions table for the workbench: how much waits at the stages an actor
 * works, and how a jurisdiction's submissions stand this year. Each is one set-based statement
 * whatever the number of submissions (the workbench's statement count is tested).
 */
import { and, eq, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import type { Chain, StageTemplate } from '../../shared/chains.ts';
import type { ApplicationStatus } from '../../shared/domain.ts';
import { calls } from '../calls/index.ts';
import { regions } from '../regions/index.ts';
import { spaces } from '../spaces/index.ts';
import { applications } from './schema.ts';
import { ownCallsOnly } from './stages.ts';

/** The states in which a submission waits for the stage's workers (not for the applicant or a running notice). */
export const WAITING_FOR_STAGE: readonly ApplicationStatus[] = ['submitted', 'in_review'];

/** Spaces at the jurisdiction root `path` or below it (region paths, never code prefixes). */
const within = (path: string): SQL => or(eq(regions.path, path), sql`${regions.path} like ${`${path}/%`}`)!;

export interface StageLoadItem {
  id: string;
  spaceName: string;
  stageEnteredAt: Date | null;
  stageDueAt: Date | null;
  overdue: boolean;
}

/** The work waiting at one stage of one call, with its first few submissions, overdue first. */
export interface StageLoad {
  call: { id: string; title: string };
  stage: StageTemplate;
  count: number;
  overdue: number;
  /** The earliest due date among them. */
  dueAt: Date | null;
  items: StageLoadItem[];
}

/** A stage of a chain the actor works (`stagesWorkedBy`). */
export type WorkedStage = { chain: Pick<Chain, 'id'>; stage: StageTemplate };

/**
 * What waits at each of the `worked` stages (`stagesWorkedBy` the actor), per call, in the actor's
 * jurisdiction: count, overdue count, earliest due date and the first `perStage` submissions
 * (overdue first, then soonest due). One windowed statement whatever the number of submissions.
 */
export async function stageLoad(db: DbOrTx, actor: Actor, worked: readonly WorkedStage[], opts: { now: Date; perStage: number }): Promise<StageLoad[]> {
  if (!actor.jurisdictionPath || !worked.length) return [];
  const stageOf = new Map(worked.map((w) => [`${w.chain.id}/${w.stage.key}`, w.stage]));
  const late = sql`(${applications.stageDueAt} is not null and ${applications.stageDueAt} < ${opts.now})`;
  const group = sql`partition by ${applications.callId}, ${applications.stageKey}`;
  const ranked = db
    .select({
      id: applications.id,
      callId: applications.callId,
      callTitle: sql<string>`${calls.title}`.as('call_title'),
      chainId: sql<string>`${calls.chainId}`.as('chain_id'),
      stageKey: applications.stageKey,
      stageEnteredAt: applications.stageEnteredAt,
      stageDueAt: applications.stageDueAt,
      spaceName: sql<string>`${spaces.name}`.as('space_name'),
      overdue: sql<boolean>`${late}`.as('is_overdue'),
      rank: sql<number>`row_number() over (${group} order by ${late} desc, ${applications.stageDueAt} asc nulls last, ${applications.stageEnteredAt} asc, ${applications.id} asc)`.as('rank'),
      total: sql<number>`count(*) over (${group})`.as('total'),
      totalOverdue: sql<number>`count(*) filter (where ${late}) over (${group})`.as('total_overdue'),
      earliestDue: sql<Date | null>`min(${applications.stageDueAt}) over (${group})`.as('earliest_due'),
    })
    .from(applications)
    .innerJoin(calls, eq(calls.id, applications.callId))
    .innerJoin(spaces, eq(spaces.id, applications.spaceId))
    .innerJoin(regions, eq(regions.code, spaces.regionCode))
    .where(
      and(
        inArray(applications.status, [...WAITING_FOR_STAGE]),
        within(actor.jurisdictionPath),
        or(...worked.map((w) => and(eq(calls.chainId, w.chain.id), eq(applications.stageKey, w.stage.key), ownCallsOnly(w.stage) ? eq(calls.authorityOrgId, actor.org.id) : undefined)))!,
      ),
    )
    .as('ranked');
  const rows = await db.select().from(ranked).where(lte(ranked.rank, opts.perStage));
  const loads = new Map<string, StageLoad>();
  for (const r of rows) {
    const key = `${r.callId}/${r.stageKey}`;
    let load = loads.get(key);
    if (!load) {
      load = {
        call: { id: r.callId, title: r.callTitle },
        stage: stageOf.get(`${r.chainId}/${r.stageKey}`)!,
        count: Number(r.total),
        overdue: Number(r.totalOverdue),
        dueAt: r.earliestDue === null ? null : new Date(r.earliestDue),
        items: [],
      };
      loads.set(key, load);
    }
    load.items.push({ id: r.id, spaceName: r.spaceName, stageEnteredAt: r.stageEnteredAt, stageDueAt: r.stageDueAt, overdue: !!r.overdue });
  }
  for (const load of loads.values()) load.items.sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.stageDueAt?.getTime() ?? Infinity) - (b.stageDueAt?.getTime() ?? Infinity));
  return [...loads.values()];
}

/** How many submissions of `year`'s calls stand in each state, for spaces at or below `regionPath`: one grouped statement. */
export async function submissionsByStatus(db: DbOrTx, regionPath: string, year: number): Promise<{ status: ApplicationStatus; count: number }[]> {
  const rows = await db
    .select({ status: applications.status, count: sql<number>`count(*)::int` })
    .from(applications)
    .innerJoin(calls, eq(calls.id, applications.callId))
    .innerJoin(spaces, eq(spaces.id, applications.spaceId))
    .innerJoin(regions, eq(regions.code, spaces.regionCode))
    .where(and(eq(calls.year, year), within(regionPath)))
    .groupBy(applications.status);
  return rows.map((r) => ({ status: r.status, count: Number(r.count) }));
}
