import type { DbOrTx } from '../../db/client.ts';
import { CHAINS, type Chain, type ChainTemplateKey } from '../../shared/chains.ts';

/**
 * Every chain a call may run on, for the lists of stages an actor works (the queue, `GET
 * /api/stages/mine`) and the role-level menus.
 */
export async function chainsInUse(_db: DbOrTx): Promise<Chain[]> {
  return knownChains();
}

/** The same, without the database: for role-level (synchronous) policies deciding menus and route access. */
export function knownChains(): Chain[] {
  return (Object.keys(CHAINS) as ChainTemplateKey[]).map((key) => ({ ...CHAINS[key], id: key }));
}
