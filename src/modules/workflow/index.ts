/**
 * The workflow kernel: every kind of submission moves through its call's chain here. Stage modules
 * (review, notices, recommendations, experts, filings' decisions) and kinds' modules (applications:
 * the filing dossier) use only what this file exports.
 */
export { applications, applicationEvents, submissionRounds, APPLICATION_STATUSES, type ApplicationStatus } from './schema.ts';
export type { SubmissionRow, EventRow, TimelineRow, AtStages, AtStagesSort } from './repository.ts';
export { AT_STAGES_SORTS, atStagesWhere, idsAtStagesUnder, regionUnder } from './repository.ts';
export { TRANSITIONS, STATUS_NAMES, allowedFrom, nextStatus, type TransitionAction } from './transitions.ts';
export {
  transitionInTx,
  lockSubmissionInTx,
  createSubmissionInTx,
  patchSubmissionInTx,
  setSubmissionMetaInTx,
  setStageDueInTx,
  markStageReminderInTx,
  stageEntry,
  staleRevision,
  submissionEvents,
  submissionTimeline,
  findSubmission,
  recordSubmissionEventInTx,
  type TransitionRequest,
} from './transition.ts';
export { accessibleIds, peerOfOwnCall, submissionFacts, submissionFactsMany, requireSubmissionFacts, submissionsAtStages, submissionsAtStagesPage, stageAfter, type SubmissionFacts } from './facts.ts';
export { roundsAndDiffs, diffPayloads, RoundsAndDiffsFields, type PayloadChange, type PayloadDiff } from './rounds.ts';
export { chainsInUse, shippedChainStages } from './chain.ts';
export { STAGE_ROLES, stageOrgs, actsAtStage, ownCallsOnly, worksStages, stagesWorkedBy, type StageAt } from './stages.ts';
export { notifyApplicant, notifyReviser, notifyStageWorkers, reviserLabel, stageWorkers, varsOf } from './notifications.ts';
export { registerSubmissionKind, unregisterSubmissionKind, submissionKind, registeredKinds, type SubmissionKind, type SubmissionReviser, type Recipient, type FinalApproval, type FinalReversal, type SubmissionMove } from './kinds.ts';
export { workflowRoutes } from './routes.ts';
export { stagesMine } from './stages-mine.ts';
export { stageLoad, submissionsByStatus, WAITING_FOR_STAGE, type StageLoad, type StageLoadItem, type WorkedStage } from './workload.ts';
