/**
 * The review module's public surface: other modules and the app layer import from here only. Stage
 * work of the review chain: queue, checklist verdicts, pass/return/reject, due dates and reminders.
 */
export { passStage, rejectApplication, remindStageDue, returnForRevision } from './service.ts';
export { abilities as reviewAbilities } from './policy.ts';
export { reviewRoutes } from './routes.ts';
export { stageReviews } from './schema.ts';
