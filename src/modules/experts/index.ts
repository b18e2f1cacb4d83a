/**
 * The experts module's public surface: other modules and the app layer import from here only. Expert
 * pools, conflicts, assignment, declarations and score sheets.
 */
export { addToPoolInTx, expertCleared, scoringStatus, type PoolProfile } from './service.ts';
export { autoAssign, declareNoConflict, myAssignments, submitScores } from './service.ts';
export { abilities as expertAbilities } from './policy.ts';
export { expertRoutes } from './routes.ts';
export { expertAssignments, expertProfiles, scoreSheets } from './schema.ts';
export { openScoreSheets, type OpenSheet } from './workload.ts';
// The pure score-sheet rules (weights add up to 100, the weighted total), shared with roadshow and competition calls (pitches).
export { sheetProblems, weighScores, type ScoreSheet } from './sheet.ts';
