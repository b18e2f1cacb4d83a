/**
 * The roster module's public surface: other modules and the app layer import from here only. The
 * incubatee roster (在孵企业) of each space, its place in the incubation chain, survival cohorts,
 * and the figures the statistics return is prefilled from.
 */
export { rosterFigures, type RosterFigures } from './figures.ts';
export { exportRoster, importRoster } from './excel.ts';
export { abilities as rosterAbilities } from './policy.ts';
export { rosterRoutes } from './routes.ts';
export type { IncubateeInput } from './rules.ts';
export { addFinancing, changeStatus, createIncubatee, setChainPlace, survival } from './service.ts';
export { incubateeFinancings, incubatees, incubateeStatusEvents, spaceChainPlaces } from './schema.ts';
