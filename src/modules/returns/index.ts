/**
 * The returns module's public surface: statistics returns (火炬统计) of filed spaces — the indicator
 * catalogue as versioned data, the checks R1–R12, reporting rounds and the `annual_return` kind of
 * submission that moves through the kernel's review chain.
 */
export { ensureShippedReturns, getReturn, myReturns, openRound, RETURN_KIND, saveReturn, submitReturn } from './service.ts';
export { returnKind } from './kind.ts';
export { RETURN_CHAINS } from './chain.ts';
export { acceptedWorkbook, type AcceptedRow } from './export.ts';
export { KEY_FIGURES, markMissedReturns, missedInARow, returnHistory } from './missed.ts';
export { remindReturns } from './reminders.ts';
export { returnsToFile, type ReturnToFile } from './workload.ts';
export { returnRoutes } from './routes.ts';
export { abilities as returnAbilities, can as canReturn } from './policy.ts';
export { PREFILL_SOURCES, type PrefillSource } from './prefill.ts';
export { evaluateReturn, toDisplay, toStored, type Finding, type ReturnValues, type CheckInput } from './rules.ts';
export type { CatalogueDefinition, Indicator, Rule } from './catalogue-types.ts';
export { SHIPPED_CATALOGUES, numericCodesOf, numericReturnCodes } from './catalogues.ts';
export { returnCatalogues, returnRounds, returnValues, returnStanding } from './schema.ts';
