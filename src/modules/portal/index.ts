/**
 * The portal module's public surface: the app layer imports from here only. Health and the
 * public portal's reads: the call pages, the site's operator.
 */
export { healthRoutes } from './routes.ts';
export { portalRoutes } from './public-routes.ts';
