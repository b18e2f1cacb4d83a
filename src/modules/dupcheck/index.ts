/**
 * The dupcheck module's public surface: other modules and the app layer import from here only.
 * Duplicate-support detection (AFTER-FILING §6, D1–D6): undertakings (same USCC, a space's operator
 * and host, entity links), the set-based scan, explained alerts and their dispositions by the
 * granting reviewers — never an automatic exclusion.
 */
export { abilities as dupcheckAbilities } from './policy.ts';
export { dupcheckRoutes } from './routes.ts';
export { addLink, alertWorkload, nightlyScan, queueNightlyScan, queueReturnScanInTx, queueSupportScanInTx, scanSupports, type ScanJob } from './service.ts';
export { ALERT_STATES, DISPOSITIONS, DUP_RULES, entityLinks, supportAlerts, type AlertState, type Disposition, type DupRule } from './schema.ts';
