/**
 * The orgs module's public surface: other modules and the app layer import from here only.
 * Organisations (USCC), their registry profiles and operator–host links, and the vocabularies of
 * organisation kinds, authority levels and host types.
 */
export {
  createOrganisation,
  createOrganisationInTx,
  findOrganisation,
  findOrganisationByName,
  governingOrgsOver,
  linkedHostIds,
  organisationsWithProfiles,
  setOrganisationStatusInTx,
  usccTaken,
  type NewOrganisation,
} from './service.ts';
export { createProfileInTx, linkHostInTx, type ProfileInput } from './profiles.ts';
export { createMakerProfileInTx, type MakerProfileInput } from './makers.ts';
export { MakerProfileFields, makerProfileRoutes } from './maker-routes.ts';
export { ProfileFields, regionCode, registryRoutes } from './registry-routes.ts';
export { abilities as registryAbilities } from './policy.ts';
export { orgRoutes } from './routes.ts';
export { makerProfiles, operatorHosts, organisations, orgProfiles, type HostCredentials } from './schema.ts';
