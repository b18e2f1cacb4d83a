/**
 * The workbench module's public surface: every signed-in user's landing page and an authority's
 * service-platform statistics. Read-only, no tables: it gathers each module's work and figures
 * through that module's index.
 */
export { workbenchRoutes } from './routes.ts';
export { platformStatsRoutes } from './platform-routes.ts';
export { abilities as workbenchAbilities } from './policy.ts';
