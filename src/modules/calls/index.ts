/**
 * The calls module's public surface: other modules and the app layer import from here only. Calls
 * (申报批次) with their material slots, pinned rule set and pinned review chain version.
 */
export {
  chainsOfIssuedCalls,
  findCall,
  findCallForActor,
  findCallsByIds,
  insertCallInTx,
  openCallsAt,
  publishedCallsAroundOnChains,
  publishedChainIdsAround,
  publishedRuleSetId,
  type CallDetail,
} from './service.ts';
export { standingCallInTx, type StandingCallOf } from './standing.ts';
export { defaultMaterialSlots } from './slots.ts';
export { abilities as callAbilities, can as canCall } from './policy.ts';
export { callRoutes, presentPublicCalls, PublicCall } from './routes.ts';
export { calls } from './schema.ts';
