/**
 * The dossier-history module's public surface: a space over the years for its supervising
 * authorities (filings, returns, changes, credit records, revocation proposals, grades), read from
 * the owning modules; it owns no table.
 */
export { spaceTimeline, type TimelineEvent } from './service.ts';
export { registerGradeProvider, type GradeEntry, type GradeProvider } from './grades.ts';
export { timelineRoutes } from './routes.ts';
export { abilities as timelineAbilities } from './policy.ts';
