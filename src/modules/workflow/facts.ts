import type { DbOrTx } from '../../db/client.ts';
import { stageAfterIn, stageIn, type Chain, type StageTemplate } from '../../shared/chains.ts';
import type { Actor } from '../../shared/actor.ts';
import { notFound } from '../../shared/errors.ts';
import { findCallsByIds, type CallDetail } from '../calls/index.ts';
import { findSpacesByIds, type SpaceDetail } from '../spaces/index.ts';
import * as repo from './repository.ts';
import { actsAtStage, ownCallsOnly, stageOrgs } from './stages.ts';
import type { ApplicationStatus } from './schema.ts';

/** What a module working on submissions (review, notices, experts, decisions, credit) knows of one: no scope check. */
export interface SubmissionFacts {
  app: repo.SubmissionRow;
  call: CallDetail;
  space: SpaceDetail;
  chain: Chain | null;
  stage: StageTemplate | undefined;
}

/**
 * The facts of many submissions in a fixed number of queries (rows, their calls, their spaces), in
 * the order of `ids`. A submission whose space PostgreSQL's row-level security hides from the
 * actor's region is left out: outside it the submission does not exist. Decide access before
 * showing any of it.
 */
export async function submissionFactsMany(db: DbOrTx, ids: readonly string[]): Promise<SubmissionFacts[]> {
  const rows = await repo.findByIds(db, ids);
  if (!rows.length) return [];
  const [calls, spaces] = await Promise.all([findCallsByIds(db, [...new Set(rows.map((r) => r.callId))]), findSpacesByIds(db, [...new Set(rows.map((r) => r.spaceId))])]);
  const callById = new Map(calls.map((c) => [c.id, c]));
  const spaceById = new Map(spaces.map((s) => [s.id, s]));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const app = byId.get(id);
    const call = app && callById.get(app.callId);
    const space = app && spaceById.get(app.spaceId);
    if (!app || !call || !space) return [];
    const chain = call.chain;
    return [{ app, call, space, chain, stage: chain && app.stageKey ? stageIn(chain, app.stageKey) : undefined }];
  });
}

/** One submission's facts, or undefined (no such row, or hidden by row-level security). */
export async function submissionFacts(db: DbOrTx, id: string): Promise<SubmissionFacts | undefined> {
  const [facts] = await submissionFactsMany(db, [id]);
  return facts;
}

/**
 * The facts of a submission the caller already knows exists (it holds a row pointing at it); a
 * row hidden by row-level security still answers 404 rather than failing on a missing value.
 */
export async function requireSubmissionFacts(db: DbOrTx, id: string): Promise<SubmissionFacts> {
  const facts = await submissionFacts(db, id);
  if (!facts) throw notFound();
  return facts;
}

/**
 * Is the actor a peer of the organisation running the submission's call, in a call whose stages are
 * that organisation's own (a recommending unit's disclosures: `ownCallsOnly`)? Another organisation
 * of that kind shares the region without supervising it, so the submission is not its to read (404
 * everywhere it would be read), while the S&T departments over the region still read it.
 */
export function peerOfOwnCall(actor: Actor, facts: Pick<SubmissionFacts, 'call' | 'chain'>): boolean {
  if (!facts.chain || facts.call.authorityOrgId === actor.org.id) return false;
  return facts.chain.stages.some((s) => ownCallsOnly(s) && stageOrgs(s.actor).some((o) => o.kind === actor.org.kind));
}

/** The submissions of a call standing at one of `stageKeys` in one of `statuses`, oldest entry first. No scope check: filter with the stage policy. */
export async function submissionsAtStages(db: DbOrTx, callId: string, stageKeys: readonly string[], statuses: readonly ApplicationStatus[]): Promise<SubmissionFacts[]> {
  return submissionFactsMany(db, await repo.idsAtStages(db, callId, stageKeys, statuses));
}

/** One page of a stage's worklist (`repo.AtStages`) with the rows' facts, and the size of the whole worklist: a fixed number of statements. */
export async function submissionsAtStagesPage(db: DbOrTx, f: repo.AtStages, sort: repo.AtStagesSort, page: number, pageSize: number): Promise<{ items: SubmissionFacts[]; total: number }> {
  const { ids, total } = await repo.pageAtStages(db, f, sort, page, pageSize);
  return { items: await submissionFactsMany(db, ids), total };
}

/** The stage after the submission's current one in its call's chain, or undefined at the end. */
export function stageAfter(facts: Pick<SubmissionFacts, 'chain' | 'app'>): StageTemplate | undefined {
  return facts.chain && facts.app.stageKey ? stageAfterIn(facts.chain, facts.app.stageKey) : undefined;
}

/**
 * Which of `ids` the actor may work at one stage of one call, in a fixed number of queries: the
 * bulk form of `actsAtStage` for actions on many submissions at once (bulk pass, expert
 * assignment). An id is refused when it does not exist (or row-level security hides it), belongs
 * to another call, stands at another stage, or its space lies outside the actor's jurisdiction;
 * callers refuse the whole request when any is, so nothing is done half-way.
 */
export async function accessibleIds(
  db: DbOrTx,
  actor: Actor,
  ids: readonly string[],
  at: { callId: string; stageKey: string; adminOnly?: boolean },
): Promise<{ accessible: (SubmissionFacts & { stage: StageTemplate })[]; refused: string[] }> {
  const byId = new Map((await submissionFactsMany(db, ids)).map((f) => [f.app.id, f]));
  const accessible: (SubmissionFacts & { stage: StageTemplate })[] = [];
  const refused: string[] = [];
  for (const id of ids) {
    const f = byId.get(id);
    if (f?.stage && f.call.id === at.callId && f.app.stageKey === at.stageKey && actsAtStage(actor, f.stage, { regionPath: f.space.regionPath, callAuthorityId: f.call.authorityOrgId }, at.adminOnly))
      accessible.push({ ...f, stage: f.stage });
    else refused.push(id);
  }
  return { accessible, refused };
}
