/**
 * The filings module's public surface: other modules and the app layer import from here only.
 * Decisions released as lists, filings and reversals, and the filing kind of submission.
 */
export { cancelFilingsForFraud, endFilingInTx, filingToRevoke, recordDecision, releaseDecisions, restoreFilingInTx, spaceFilings, spacesFiledAt } from './service.ts';
export { filingKind } from './kind.ts';
export { latestActiveFilings, publicFilingsOf } from './repository.ts';
export { publicList } from './public-lists.ts';
export { withdrawAcceptance } from './withdraw-acceptance.ts';
export { abilities as filingAbilities } from './policy.ts';
export { filingRoutes } from './routes.ts';
export { decisions, filingListEntries, filingLists, filings } from './schema.ts';
export { decisionsToRelease, filedSpacesByLevel, type ReleaseLoad } from './workload.ts';
