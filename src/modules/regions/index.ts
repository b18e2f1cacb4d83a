/**
 * The regions module's public surface: other modules and the app layer import from here only. The
 * GB/T 2260 region tree; jurisdiction is a path subtree (`pathWithin`).
 */
export { findRegion, fullName, pathWithin } from './service.ts';
export { ensureRegions } from './load.ts';
export { regionRoutes } from './routes.ts';
export { regions } from './schema.ts';
