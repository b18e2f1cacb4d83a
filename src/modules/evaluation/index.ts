/**
 * The evaluation module's public surface (统计评价, AFTER-FILING §3): evaluation schemes as data and
 * their versions, the pure scoring that explains every point, grading by bands with quotas, and the
 * grounds for a revocation proposal (003 第十条; 002 §四(二)).
 */
export { GRADES, GRADE_NAMES, PLATFORM_FIGURES, SchemeDefinition, inconsistencies, maxPoints, type Grade, type PlatformFigure } from './scheme.ts';
export { explainItem, MISSED_REASON, revocationGrounds, scoreRound, weightedActivities, type ActivityCounts, type ItemScore, type RevocationGround, type SpaceFigures, type SpaceScore, type Standing } from './scoring.ts';
export { loadShippedSchemes, type ShippedScheme } from './shipped.ts';
export { ensureShippedSchemes, insertPublishedSchemeInTx } from './schemes.ts';
export { evaluationRoutes } from './routes.ts';
export { evaluationRoundRoutes } from './rounds-routes.ts';
export { evaluationEntries, evaluationGrades, evaluationRounds, evaluationSchemes } from './schema.ts';
export { evaluationFiguresOf, filedSpaces, type FiguresScope } from './figures.ts';
export { EVALUATION_KIND, openEvaluationRound, computeRoundScores, evaluationRoundEntries, listEvaluationRounds, getEvaluation, myEvaluations, saveSummary, confirmFigures, submitEvaluation, setLocalOpinion, correctGrade } from './rounds.ts';
export { gradesOf } from './rounds-repository.ts';
export { markMissedEvaluations } from './missed.ts';
export { evaluationKind } from './kind.ts';
export { EVALUATION_CHAINS } from './chain.ts';
export { SUMMARY_SECTIONS, WorkSummary } from './summary.ts';
export { gradesReleasedInTx, onGradesReleased, type GradesReleasedListener } from './released.ts';
export { abilities as evaluationAbilities, canEntry as canEvaluation, canRound as canEvaluationRound } from './policy.ts';
