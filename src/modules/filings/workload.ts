/** The filings read model of the workbench: decisions waiting for release, and a jurisdiction's filed spaces by level. */
import { and, eq, min, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import type { StageTemplate } from '../../shared/chains.ts';
import { calls } from '../calls/index.ts';
import { regions } from '../regions/index.ts';
import { spaces } from '../spaces/index.ts';
import { applications, type WorkedStage } from '../workflow/index.ts';
import { releases } from './policy.ts';
import { decisions, filings } from './schema.ts';
import type { Level } from './repository.ts';

const within = (path: string): SQL => or(eq(regions.path, path), sql`${regions.path} like ${`${path}/%`}`)!;

export interface ReleaseLoad {
  call: { id: string; title: string };
  stage: StageTemplate;
  count: number;
  /** Of them, those whose stage due date has passed. */
  overdue: number;
  /** The earliest stage due date among them. */
  dueAt: Date | null;
}

/**
 * The pending decisions the actor may release (its organisation's admin at the decision stages it
 * works), per call and stage, for spaces in its jurisdiction whose application still waits there.
 * One grouped statement whatever the number of decisions.
 */
export async function decisionsToRelease(db: DbOrTx, actor: Actor, worked: readonly WorkedStage[], now: Date): Promise<ReleaseLoad[]> {
  const stages = worked.filter((w) => w.stage.kind === 'decision');
  if (!releases(actor) || !actor.jurisdictionPath || !stages.length) return [];
  const rows = await db
    .select({
      callId: calls.id,
      callTitle: calls.title,
      chainId: calls.chainId,
      stageKey: decisions.stageKey,
      count: sql<number>`count(*)::int`,
      overdue: sql<number>`(count(*) filter (where ${applications.stageDueAt} < ${now}))::int`,
      dueAt: min(applications.stageDueAt),
    })
    .from(decisions)
    .innerJoin(applications, and(eq(applications.id, decisions.applicationId), eq(applications.stageKey, decisions.stageKey)))
    .innerJoin(calls, eq(calls.id, applications.callId))
    .innerJoin(spaces, eq(spaces.id, applications.spaceId))
    .innerJoin(regions, eq(regions.code, spaces.regionCode))
    .where(
      and(
        eq(decisions.status, 'pending'),
        eq(applications.status, 'in_review'),
        within(actor.jurisdictionPath),
        or(...stages.map((w) => and(eq(calls.chainId, w.chain.id), eq(decisions.stageKey, w.stage.key))))!,
      ),
    )
    .groupBy(calls.id, calls.title, calls.chainId, decisions.stageKey)
    .orderBy(sql`min(${applications.stageDueAt}) asc nulls last`);
  const stageOf = new Map(stages.map((w) => [`${w.chain.id}/${w.stage.key}`, w.stage]));
  return rows.map((r) => ({ call: { id: r.callId, title: r.callTitle }, stage: stageOf.get(`${r.chainId}/${r.stageKey}`)!, count: Number(r.count), overdue: Number(r.overdue), dueAt: r.dueAt ? new Date(r.dueAt) : null }));
}

/** The spaces at or below `regionPath` holding an active filing, per level: one grouped statement. */
export async function filedSpacesByLevel(db: DbOrTx, regionPath: string): Promise<{ level: Level; count: number }[]> {
  const rows = await db
    .select({ level: filings.level, count: sql<number>`count(distinct ${filings.spaceId})::int` })
    .from(filings)
    .innerJoin(spaces, eq(spaces.id, filings.spaceId))
    .innerJoin(regions, eq(regions.code, spaces.regionCode))
    .where(and(eq(filings.status, 'active'), within(regionPath)))
    .groupBy(filings.level);
  return rows.map((r) => ({ level: r.level, count: Number(r.count) }));
}
