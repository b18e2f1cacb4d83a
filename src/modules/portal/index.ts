/**
 * The portal module's public surface: the app layer imports from here only. Health and (later) the
 * public portal.
 */
export { healthRoutes } from './routes.ts';
