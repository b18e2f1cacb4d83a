/**
 * The spacesite module's public surface: other modules and the app layer import from here only.
 * Each space's public-site fields kept by its operator (intro, public contact, success cases,
 * international cooperation, English name and intro) and the read the portal shows them through.
 */
export { abilities as spacesiteAbilities } from './policy.ts';
export { spacesiteRoutes } from './routes.ts';
export { publicSitesOf, saveSite, siteForEditor, type PublicSite, type SiteInput } from './service.ts';
export { spaceSites, type SiteCase, type SiteInternational } from './schema.ts';
