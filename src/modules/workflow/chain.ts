import type { DbOrTx } from '../../db/client.ts';
import { CHAINS, type Chain, type ChainTemplateKey } from '../../shared/chains.ts';
import { chainsOfIssuedCalls } from '../calls/index.ts';

/** The chains of every call issued (published or cancelled): the stages any submission can stand at. */
export async function chainsInUse(db: DbOrTx): Promise<Chain[]> {
  return chainsOfIssuedCalls(db);
}

/**
 * The stages of the shipped chains, for role-level (synchronous) policies deciding menus and route
 * access: who could ever work a recommend or expert stage. Custom chains stay inside the same
 * bounds (the chain validator refuses, e.g., an expert stage below the province), and object-level
 * decisions always use the call's pinned chain.
 */
export function shippedChainStages(): Pick<Chain, 'id' | 'stages'>[] {
  return (Object.keys(CHAINS) as ChainTemplateKey[]).map((key) => ({ id: key, stages: CHAINS[key].stages }));
}
