/**
 * The changes module's public surface: other modules and the app layer import from here only.
 * 变更报告 (002 §四(二)): the change_report kind of submission, its standing calls, the filed record
 * of a space and the history of the changes applied to it.
 */
export { changeReportKind } from './kind.ts';
export { changeRoutes } from './routes.ts';
export { abilities as changeAbilities } from './policy.ts';
export { changeWorkload, type ChangeWorkload } from './workload.ts';
export { createReport, readReport, saveReport, submitReport, recordOf, spaceChanges } from './service.ts';
export { dueOn as changeDueOn } from './due.ts';
export { changeReports, spaceChangeHistory, CHANGE_FIELDS, type ChangeField } from './schema.ts';
