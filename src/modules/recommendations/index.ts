/**
 * The recommendations module's public surface: other modules and the app layer import from here
 * only. Recommendation batches: 推荐函, 主管部门信用承诺书, signed scans, sending on.
 */
export { attachDocuments, createBatch, sendBatch } from './service.ts';
export { abilities as recommendationAbilities } from './policy.ts';
export { recommendationRoutes } from './routes.ts';
export { recommendationItems, recommendations } from './schema.ts';
export { draftBatches, type DraftBatch } from './workload.ts';
