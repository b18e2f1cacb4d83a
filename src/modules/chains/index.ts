/**
 * The chains module's public surface: other modules import from here only. Review chains (审核流程)
 * are versioned data like rule sets: shipped versions of the seed chains, and authorities' own
 * chains cloned, edited as drafts and published as immutable versions that a call pins by id.
 */
export {
  chainVersionsByIds,
  ensureSeededChains,
  ensureShippedChain,
  findChainVersion,
  insertPublishedChainInTx,
  listUsableChains,
  shippedChainVersionId,
  usableChainVersion,
  type ChainVersion,
  type ShippedChain,
} from './service.ts';
export { abilities as chainAbilities } from './policy.ts';
export { chainRoutes } from './routes.ts';
export { chains, type ChainDefinition } from './schema.ts';
