/**
 * The pitches module's public surface: other modules and the app layer import from here only.
 * Roadshow and competition calls (路演与大赛征集) a space opens on its 路演 or 大赛 events: makers'
 * applications within the window, scoring by the assigned reviewers with a conflict declaration
 * (the experts' score-sheet rules), ranking by weighted mean, published results.
 */
export { abilities as pitchAbilities } from './policy.ts';
export { pitchRoutes } from './routes.ts';
export {
  apply as applyToPitchCall,
  cancelCall as cancelPitchCall,
  createCall as createPitchCall,
  decideAwards as decidePitchAwards,
  openCall as openPitchCall,
  publicCalls as publicPitchCalls,
  publishResults as publishPitchResults,
  scoreApplication as scorePitchApplication,
  startReview as startPitchReview,
  type ApplicationInput as PitchApplicationInput,
  type CallInput as PitchCallInput,
} from './service.ts';
export { PITCH_CALL_STATES, PROJECT_STAGES, pitchApplications, pitchCalls, pitchPanel, pitchScores, type PitchCallState, type ProjectStage } from './schema.ts';
