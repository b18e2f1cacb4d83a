/** Decisions and filing lists' actions, one file each (the routes call them through here); access.ts holds what they share. */
export { type DecisionInput, type DecisionView } from './access.ts';
export { FRAUD_REMOVAL, cancelFilingsForFraud, endFilingInTx, filingToRevoke, restoreFilingInTx } from './end-filing.ts';
export { LIST_SORTS, PUBLIC_LIST_KINDS, publicList, publicLists } from './public-lists.ts';
export { CANDIDATE_SORTS, DECISION_SORTS, decisionCandidates, listDecisions } from './read-decisions.ts';
export { recordDecision, updateDecision, withdrawDecision } from './record-decision.ts';
export { releaseDecisions, type ReleaseInput } from './release-decisions.ts';
export { reverseDecision } from './reverse-decision.ts';
export { spaceFilings, spacesFiledAt } from './space-filings.ts';
