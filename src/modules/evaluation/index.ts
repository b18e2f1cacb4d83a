/**
 * The evaluation module's public surface (统计评价, AFTER-FILING §3): evaluation schemes as data and
 * their versions, the pure scoring that explains every point, grading by bands with quotas, and the
 * grounds for a revocation proposal (003 第十条; 002 §四(二)).
 */
export { GRADES, GRADE_NAMES, PLATFORM_FIGURES, SchemeDefinition, inconsistencies, maxPoints, type Grade, type PlatformFigure } from './scheme.ts';
export { explainItem, revocationGrounds, scoreRound, weightedActivities, type ActivityCounts, type ItemScore, type RevocationGround, type SpaceFigures, type SpaceScore, type Standing } from './scoring.ts';
export { loadShippedSchemes, type ShippedScheme } from './shipped.ts';
export { ensureShippedSchemes } from './schemes.ts';
export { evaluationRoutes } from './routes.ts';
export { abilities as evaluationAbilities } from './policy.ts';
export { evaluationSchemes } from './schema.ts';
export { evaluationFiguresOf, filedSpaceIds, type FiguresScope } from './figures.ts';
