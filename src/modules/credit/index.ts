/**
 * The credit module's public surface: other modules and the app layer import from here only. Fraud
 * findings, credit records and the bans read at submission.
 */
export { activeBan, creditRecordsOf, recordFraudFinding } from './service.ts';
export { abilities as creditAbilities } from './policy.ts';
export { creditRoutes } from './routes.ts';
export { creditRecords } from './schema.ts';
