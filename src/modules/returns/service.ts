import type { DbOrTx } from '../../db/client.ts';
import { ensureShippedChain } from '../chains/index.ts';
import { RETURN_CHAINS } from './chain.ts';
import { ensureShippedCatalogues } from './catalogues.ts';

/** The shipped catalogues and review chains of returns; safe to repeat (run with the other reference data). */
export async function ensureShippedReturns(db: DbOrTx): Promise<void> {
  await ensureShippedCatalogues(db);
  for (const chain of RETURN_CHAINS) await ensureShippedChain(db, chain);
}
