/**
 * The spaces module's public surface: other modules and the app layer import from here only. The
 * registry of spaces and their hosts.
 */
export {
  applyRegistryChangeInTx,
  createSpaceInTx,
  findSpaceInScope,
  findSpacesByIds,
  operatorSpaces,
  spaceProfileFacts,
  type SpaceDetail,
  type SpaceInput,
  type SpaceProfileFacts,
} from './service.ts';
export { abilities as spaceAbilities } from './policy.ts';
export { spaceRoutes } from './routes.ts';
export { KEY_INDUSTRY_NAMES, spaceHosts, spaces } from './schema.ts';
export { activeSpacesWithin } from './figures.ts';
export { isValidSpaceName, PROFESSIONAL_NAME_RULE } from './naming.ts';
