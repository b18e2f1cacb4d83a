/** Stage work's actions, one file each (the routes call them through here); access.ts holds what they share. */
export { QUEUE_SORTS, QUEUE_STATUSES, type QueueQuery, reviewQueue } from './review-queue.ts';
export { getStageWork } from './stage-work.ts';
export { getRounds } from './rounds.ts';
export { type PassInput, passStage } from './pass-stage.ts';
export { type ReturnInput, returnForRevision } from './return-for-revision.ts';
export { rejectApplication } from './reject-application.ts';
export { type BulkPassInput, bulkPass } from './bulk-pass.ts';
export { setStageDue, remindStageDue } from './stage-due.ts';
