/**
 * The dashboards module's public surface: 数据看板 of every authority (its jurisdiction drilled down
 * region by region to its spaces, the Excel export, the reviewed map it may upload) and the public
 * statistics of filed spaces. Read-only but for its own table (`dashboard_maps`): its figures are
 * aggregates over the owning modules' tables (read-side joins in repository.ts).
 */
export { dashboardRoutes, publicStatisticsRoutes } from './routes.ts';
export { abilities as dashboardAbilities } from './policy.ts';
export { dashboardMaps } from './schema.ts';
