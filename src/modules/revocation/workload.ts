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

/**
 * Pending proposals in the actor's jurisdiction against filings of the actor's level — the level
 * that decides them (a province's staff see the provincial titles, a city's its own) — in two
 * statements; none for those who read no proposals or decide at no level.
 */
export async function proposalWorkload(db: DbOrTx, actor: Actor, items: number): Promise<ProposalWorkload | null> {
  const level = actor.org.authorityLevel;
  if (!can(actor, 'revocation.list') || (level !== 'province' && level !== 'city')) return null;
  const { rows, total } = await repo.pendingWithin(db, actor.jurisdictionPath!, level, items);
  return { pending: total, items: rows.map((r) => ({ id: r.proposal.id, spaceName: r.spaceName, ground: r.proposal.ground, raisedAt: r.proposal.raisedAt })) };
}
