/**
 * The portal module's public surface: the app layer imports from here only. Health and the
 * public portal's reads: the call pages, the site's operator, the directory of filed spaces and
 * each filed space's public page, the open-data exports.
 */
export { healthRoutes } from './routes.ts';
export { portalRoutes } from './public-routes.ts';
export { directoryRoutes } from './directory-routes.ts';
export {
  providePublicActivities,
  providePublicOpenEvents,
  providePublicSupports,
  type PublicActivitiesProvider,
  type PublicActivity,
  type PublicOpenEvent,
  type PublicOpenEventsProvider,
  type PublicSpaceSupport,
  type PublicSupportsProvider,
} from './directory.ts';
