/** The revocation read model of the workbench: a jurisdiction's pending proposals. */
import type { DbOrTx } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import { can } from './policy.ts';
import * as repo from './repository.ts';
import type { RevocationGround } from './schema.ts';

export interface ProposalWorkload {
  pending: number;
  /** The oldest pending ones, oldest first. */
  items: { id: string; spaceName: string; ground: RevocationGround; raisedAt: Date }[];
}

/** Pending proposals in the actor's jurisdiction (two statements); none for those who read no proposals. */
export async function proposalWorkload(db: DbOrTx, actor: Actor, items: number): Promise<ProposalWorkload | null> {
  if (!can(actor, 'revocation.list')) return null;
  const { rows, total } = await repo.pendingWithin(db, actor.jurisdictionPath!, items);
  return { pending: total, items: rows.map((r) => ({ id: r.proposal.id, spaceName: r.spaceName, ground: r.proposal.ground, raisedAt: r.proposal.raisedAt })) };
}
