/** The recommendations read model of the workbench: the batches the actor's organisation has yet to send. */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import { calls } from '../calls/index.ts';
import { can } from './policy.ts';
import { recommendationItems, recommendations } from './schema.ts';

export interface DraftBatch {
  id: string;
  call: { id: string; title: string };
  stageKey: string;
  /** Applications in the batch. */
  count: number;
  createdAt: Date;
}

/** The organisation's draft batches (letter, documents and sending still to do), oldest first: one statement. */
export async function draftBatches(db: DbOrTx, actor: Actor): Promise<DraftBatch[]> {
  if (!can(actor, 'recommendation.prepare')) return [];
  const rows = await db
    .select({
      id: recommendations.id,
      callId: calls.id,
      callTitle: calls.title,
      stageKey: recommendations.stageKey,
      createdAt: recommendations.createdAt,
      count: sql<number>`(select count(*)::int from ${recommendationItems} i where i.recommendation_id = ${recommendations.id})`,
    })
    .from(recommendations)
    .innerJoin(calls, eq(calls.id, recommendations.callId))
    .where(and(eq(recommendations.recommenderOrgId, actor.org.id), eq(recommendations.status, 'draft')))
    .orderBy(asc(recommendations.createdAt), asc(recommendations.id));
  return rows.map((r) => ({ id: r.id, call: { id: r.callId, title: r.callTitle }, stageKey: r.stageKey, count: Number(r.count), createdAt: r.createdAt }));
}
